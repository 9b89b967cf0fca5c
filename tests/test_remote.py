"""Loading, serving and exporting the store against a real `oxigraph serve` (fast; `make test`).

Each test that needs a remote starts its own Oxigraph server on a free loopback port with its data
in tmp, so counts are never polluted by another test. pytest-httpserver stands in for the failure
modes a real server will not produce on demand (401, 403, 404, 503), with ordered expectations.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import requests
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from conftest import free_port, sparql_select, stop, wait_until_up
from kg.cli import app
from kg.store.export import StoreError, export_store
from kg.store.remote import RemoteError, graph_store_candidates, load_store, update_batches
from kg.store.serve import ServeError, serve_command

KGR = "https://w3id.org/kg-diplomacy/id/"
G1 = f"{KGR}graph/art-1"
G2 = f"{KGR}graph/art-2"
RESOLVED = f"{KGR}graph/_resolved"
LABEL = "https://www.w3.org/2000/01/rdf-schema#label".replace("https://", "http://")
ARABIC = 'محمد شياع السوداني "رئيس الوزراء"\nسطر ثان'
HTML_ERROR = "<html><body><h1>oops</h1><p>server says no</p></body></html>"


# --- fixtures -----------------------------------------------------------------------------------


def _quads() -> list[ox.Quad]:
    """Two article graphs and _resolved; Arabic literals, escapes, a blank node, a shared triple."""
    n = ox.NamedNode
    label = n(LABEL)
    person = n(f"{KGR}person/p1")
    shared = ox.Quad(person, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     n("https://w3id.org/kg-diplomacy/ontology#Person"))
    qs = [
        ox.Quad(shared.subject, shared.predicate, shared.object, n(G1)),
        ox.Quad(person, label, ox.Literal(ARABIC, language="ar"), n(G1)),
        ox.Quad(person, n("http://www.w3.org/2004/02/skos/core#altLabel"), ox.Literal("السوداني", language="ar"), n(G1)),
    ]
    bnode = ox.BlankNode("sel1")
    qs += [
        ox.Quad(person, n("https://w3id.org/kg-diplomacy/ontology#mention"), bnode, n(G1)),
        ox.Quad(bnode, n("http://www.w3.org/ns/oa#exact"), ox.Literal("استقبل رئيس الوزراء", language="ar"), n(G1)),
    ]
    for i in range(12):  # enough for several SPARQL Update batches with batch_triples=5
        qs.append(ox.Quad(n(f"{KGR}event/meeting-{i}"), label, ox.Literal(f"لقاء {i}", language="ar"), n(G2)))
    qs.append(ox.Quad(shared.subject, shared.predicate, shared.object, n(G2)))  # same triple, 2nd graph
    qs.append(ox.Quad(n(f"{KGR}event/meeting-0"), n("https://w3id.org/kg-diplomacy/ontology#reportCount"),
                      ox.Literal("2", datatype=n("http://www.w3.org/2001/XMLSchema#integer")), n(RESOLVED)))
    return qs


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    """A closed on-disk pyoxigraph store like `kg build` writes (read back read-only by the code)."""
    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.extend(_quads())
    store.flush()
    del store  # closes the database so read-only opens and `serve-read-only` see it
    return path


def expected_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in _quads():
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


def remote_literals(query_url: str, graph: str) -> set[str]:
    rows = sparql_select(query_url, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(isLiteral(?o)) }} }}")
    return {r["o"]["value"] for r in rows["results"]["bindings"]}


# --- loading ------------------------------------------------------------------------------------


def test_gsp_load_replaces_graphs(small_store: Path, oxigraph_server: str, remote_counts) -> None:
    q = f"{oxigraph_server}/query"
    summary = load_store(small_store, f"{oxigraph_server}/update", graph_store=f"{oxigraph_server}/store",
                         progress=False)
    assert summary.method == "gsp"
    assert summary.graphs == 3 and summary.triples == len(_quads())
    assert remote_counts(q) == expected_counts()
    assert ARABIC in remote_literals(q, G1)  # Arabic, quotes and newline survive N-Triples
    again = load_store(small_store, f"{oxigraph_server}/update", graph_store=f"{oxigraph_server}/store",
                       progress=False)
    assert again.triples == summary.triples
    assert remote_counts(q) == expected_counts()  # PUT replaced, nothing added


def test_sparql_update_load_batches_and_replaces(small_store: Path, oxigraph_server: str, remote_counts) -> None:
    q = f"{oxigraph_server}/query"
    summary = load_store(small_store, f"{oxigraph_server}/update", discover=False, batch_triples=5,
                         progress=False)
    assert summary.method == "update"
    by_graph = {t.graph: t for t in summary.targets}
    assert by_graph[G2].requests == 3  # 13 triples in batches of 5
    assert by_graph[G1].requests == 2  # 3 plain triples, then the 2 blank-node triples together
    assert remote_counts(q) == expected_counts()
    assert ARABIC in remote_literals(q, G1)
    load_store(small_store, f"{oxigraph_server}/update", discover=False, batch_triples=5, progress=False)
    assert remote_counts(q) == expected_counts()  # DROP SILENT GRAPH first: no duplicates


def test_blank_node_structure_survives_update_batches(small_store: Path, oxigraph_server: str) -> None:
    load_store(small_store, f"{oxigraph_server}/update", discover=False, batch_triples=1, progress=False)
    rows = sparql_select(
        f"{oxigraph_server}/query",
        f"SELECT ?exact WHERE {{ GRAPH <{G1}> {{ ?p <https://w3id.org/kg-diplomacy/ontology#mention> ?m ."
        " ?m <http://www.w3.org/ns/oa#exact> ?exact } }",
    )["results"]["bindings"]
    assert [r["exact"]["value"] for r in rows] == ["استقبل رئيس الوزراء"]


def test_update_batches_first_request_drops_graph(small_store: Path) -> None:
    store = ox.Store.read_only(str(small_store))
    batches = list(update_batches(store, G2, 100))
    assert len(batches) == 1
    n, text = batches[0]
    assert n == 13 and text.startswith(f"DROP SILENT GRAPH <{G2}> ;\nINSERT DATA {{ GRAPH <{G2}> {{")
    *plain, (nb, last) = list(update_batches(store, G1, 100))
    assert nb == 2 and "_:" in last  # blank nodes: one INSERT template (Virtuoso refuses INSERT DATA)
    assert last.startswith(f"INSERT {{ GRAPH <{G1}> {{") and last.endswith("} } WHERE {}")
    assert all("_:" not in text for _, text in plain)


def test_blank_nodes_are_told_from_literals_that_look_like_them(tmp_path: Path) -> None:
    """Which triples go into the blank-node request is decided on terms, not on text: a literal
    «قال _:b1» or an IRI ending in `_:o` is not a blank node."""
    st = ox.Store(str(tmp_path / "s"))
    n, g = ox.NamedNode, ox.NamedNode(G1)
    st.extend([
        ox.Quad(n("http://x/s"), n("http://x/p"), ox.Literal("قال _:b1", language="ar"), g),
        ox.Quad(n("http://x/s"), n("http://x/p"), ox.Literal("x _:b1"), g),
        ox.Quad(n("http://x/s"), n("http://x/p"), n("http://x/_:o"), g),
        ox.Quad(ox.BlankNode("b1"), n("http://x/p"), ox.Literal("v"), g),
        ox.Quad(n("http://x/s"), n("http://x/q"), ox.BlankNode("b1"), g),
    ])
    batches = list(update_batches(st, G1, 100))
    assert [k for k, _ in batches] == [3, 2]
    assert batches[1][1].startswith(f"INSERT {{ GRAPH <{G1}> {{")


def test_progress_bar_reports_without_secrets(small_store: Path, oxigraph_server: str) -> None:
    import io

    from rich.console import Console

    buf = io.StringIO()
    load_store(small_store, f"{oxigraph_server}/update", graph_store=f"{oxigraph_server}/store",
               auth="bearer", password="tok-SECRET-42", console=Console(file=buf, width=120))
    shown = buf.getvalue()
    assert f"{len(_quads())}/{len(_quads())}" in shown and "tok-SECRET-42" not in shown


def test_graph_store_is_discovered_next_to_endpoint(small_store: Path, oxigraph_server: str, remote_counts) -> None:
    summary = load_store(small_store, f"{oxigraph_server}/update", progress=False)
    assert summary.method == "gsp"
    assert all(t.url.startswith(f"{oxigraph_server}/store?graph=") for t in summary.targets if not t.merge)
    assert [t.graph for t in summary.targets if t.merge] == [RESOLVED]
    assert remote_counts(f"{oxigraph_server}/query") == expected_counts()


def test_graph_store_candidates_follow_server_conventions() -> None:
    assert graph_store_candidates("http://h:7878/update")[0] == "http://h:7878/store"
    assert "http://h:3030/ds/data" in graph_store_candidates("http://h:3030/ds/sparql")
    assert graph_store_candidates("http://h:7200/repositories/kg/statements") == [
        "http://h:7200/repositories/kg/rdf-graphs/service"
    ]
    assert graph_store_candidates("http://h:8890/sparql-auth", "digest")[0] == "http://h:8890/sparql-graph-crud-auth"
    assert graph_store_candidates("http://h:8890/sparql")[0] == "http://h:8890/sparql-graph-crud"


def test_dry_run_sends_nothing(small_store: Path, oxigraph_server: str, httpserver: HTTPServer,
                               remote_counts) -> None:
    base = httpserver.url_for("").rstrip("/")
    plan = load_store(small_store, f"{base}/update", dry_run=True, progress=False)
    plan_gsp = load_store(small_store, f"{base}/update", graph_store=f"{base}/store", dry_run=True)
    assert httpserver.log == []  # not even the discovery probe
    assert plan.dry_run and plan.method == "update"
    assert {t.graph: t.triples for t in plan.targets} == expected_counts()
    assert plan_gsp.method == "gsp" and "would send 3 graph(s)" in plan_gsp.describe()
    assert f"PUT {base}/store?graph=" in plan_gsp.describe()
    load_store(small_store, f"{oxigraph_server}/update", dry_run=True, progress=False)
    assert remote_counts(f"{oxigraph_server}/query") == {}


def test_unreachable_endpoint_is_one_line_remote_error(small_store: Path) -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(RemoteError) as err:
        load_store(small_store, f"http://127.0.0.1:{port}/update", graph_store=f"http://127.0.0.1:{port}/store",
                   progress=False, retries=2, backoff=0.01)
    msg = str(err.value)
    assert "\n" not in msg and f"127.0.0.1:{port}" in msg
    assert "refused" in msg.lower() and "3 attempts" in msg
    with pytest.raises(RemoteError) as err2:  # the SPARQL Update path reports the same way
        load_store(small_store, f"http://127.0.0.1:{port}/update", discover=False, progress=False, retries=0)
    assert "\n" not in str(err2.value) and "refused" in str(err2.value).lower()


def test_unauthorized_is_not_retried_and_hides_password(small_store: Path, httpserver: HTTPServer) -> None:
    secret = "hunter2-very-secret"
    httpserver.expect_request("/store", method="PUT").respond_with_data(
        HTML_ERROR, status=401, headers={"WWW-Authenticate": 'Basic realm="kg"'})
    with pytest.raises(RemoteError) as err:
        load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"),
                   auth="basic", user="bob", password=secret, progress=False, retries=3, backoff=0.01)
    assert "401" in str(err.value) and "\n" not in str(err.value) and "basic credentials rejected" in str(err.value)
    assert secret not in str(err.value)
    assert len(httpserver.log) == 1  # fatal, no retry
    assert httpserver.log[0][0].headers["Authorization"].startswith("Basic ")


def test_credentials_in_a_url_are_refused_before_anything_is_sent(small_store: Path, httpserver: HTTPServer) -> None:
    """Issue 15.16: they used to be sent on the Graph Store path, then the 401 said "no credentials"."""
    secret = "hunter2-very-secret"
    hostport = httpserver.url_for("/").split("//", 1)[1].rstrip("/")
    for kwargs in ({"graph_store": f"http://bob:{secret}@{hostport}/store"}, {}):
        endpoint = f"http://bob:{secret}@{hostport}/update" if not kwargs else httpserver.url_for("/update")
        with pytest.raises(RemoteError) as err:
            load_store(small_store, endpoint, progress=False, **kwargs)
        msg = str(err.value)
        assert "holds a user name or password" in msg and "--password-env" in msg
        assert secret not in msg and "bob" not in msg and "\n" not in msg
    assert httpserver.log == []
    res = CliRunner().invoke(app, ["load", "--endpoint", f"http://u:{secret}@{hostport}/update",
                                   "--store", str(small_store), "--quiet"])
    assert res.exit_code == 1 and secret not in res.output and res.stderr.count("\n") == 1


def test_digest_auth_answers_the_servers_challenge(small_store: Path, httpserver: HTTPServer) -> None:
    """requests' HTTPDigestAuth reads the realm from the challenge (Virtuoso's is "SPARQL"): no probe."""
    challenge = {"WWW-Authenticate": 'Digest realm="SPARQL", nonce="abc123", qop="auth", algorithm=MD5'}
    for method, path in (("PUT", "/store"), ("POST", "/update")):
        httpserver.clear()
        httpserver.expect_ordered_request(path, method=method).respond_with_data("", status=401, headers=challenge)
        httpserver.expect_request(path, method=method).respond_with_data("", status=204)
        if method == "PUT":  # the cross-article graph is merged by SPARQL Update even then
            httpserver.expect_request("/update", method="POST").respond_with_data("", status=204)
        kwargs = {"graph_store": httpserver.url_for("/store")} if method == "PUT" else {"discover": False}
        load_store(small_store, httpserver.url_for("/update"), auth="digest", user="dba", password="pw-x1",
                   progress=False, **kwargs)
        first, second = httpserver.log[0][0], httpserver.log[1][0]
        assert "Authorization" not in first.headers
        assert second.headers["Authorization"].startswith('Digest username="dba", realm="SPARQL", nonce="abc123"')
        assert "pw-x1" not in second.headers["Authorization"]
        assert all(req.headers["Authorization"].startswith("Digest ") for req, _ in httpserver.log[1:])


def test_forbidden_and_not_found_are_clear(small_store: Path, httpserver: HTTPServer) -> None:
    for status, word in ((403, "Forbidden"), (404, "Not Found")):
        httpserver.clear()
        httpserver.expect_request("/update", method="POST").respond_with_data(HTML_ERROR, status=status)
        with pytest.raises(RemoteError, match=word):
            load_store(small_store, httpserver.url_for("/update"), discover=False, progress=False, retries=2)
        assert len(httpserver.log) == 1


def test_server_errors_are_retried_with_backoff(small_store: Path, httpserver: HTTPServer) -> None:
    # two 503s, then success for every request, in that order
    for status in (503, 503):
        httpserver.expect_ordered_request("/store", method="PUT").respond_with_data(HTML_ERROR, status=status)
    for _ in range(2):
        httpserver.expect_ordered_request("/store", method="PUT").respond_with_data("", status=204)
    httpserver.expect_ordered_request("/update", method="POST").respond_with_data("", status=204)
    summary = load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"),
                         progress=False, retries=3, backoff=0.01)
    httpserver.check_assertions()
    assert summary.method == "gsp"
    puts = [req for req, _ in httpserver.log if req.method == "PUT"]
    assert len(puts) == 2 + 2  # 2 article graphs, the first one tried three times
    assert puts[0].headers["Content-Type"].startswith("application/n-triples")
    assert puts[0].args["graph"] == puts[2].args["graph"] == G1 != puts[3].args["graph"]
    httpserver.clear()
    httpserver.expect_request("/store", method="PUT").respond_with_data(HTML_ERROR, status=503)
    with pytest.raises(RemoteError, match=r"HTTP 503: oops server says no \(after 3 attempts\)"):
        load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"),
                   progress=False, retries=2, backoff=0.01)


def test_update_requests_are_sparql_update_posts(small_store: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/update", method="POST",
                              headers={"Content-Type": "application/sparql-update; charset=utf-8"}
                              ).respond_with_data("", status=204)
    load_store(small_store, httpserver.url_for("/update"), discover=False, progress=False, batch_triples=100)
    httpserver.check_assertions()
    bodies = [req.get_data(as_text=True) for req, _ in httpserver.log]
    assert len(bodies) == 4  # G1 plain, G1 blank nodes, G2, _resolved
    assert sum(b.startswith("DROP SILENT GRAPH") for b in bodies) == 2  # the two article graphs
    assert bodies[-1].startswith(f"DELETE {{ GRAPH <{RESOLVED}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{")


# --- issue 15.3: a load that fails midway, and two corpora on one server ---------------------------


def test_a_failed_load_names_what_was_sent_and_a_rerun_sends_the_rest(small_store: Path,
                                                                        httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/store", method="PUT").respond_with_data("", status=204)
    httpserver.expect_request("/store", method="PUT").respond_with_data(HTML_ERROR, status=503)
    with pytest.raises(RemoteError) as err:
        load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"),
                   progress=False, retries=1, backoff=0.01)
    msg = str(err.value)
    assert "\n" not in msg and "HTTP 503" in msg
    assert f"1 of 3 graph(s) sent, not sent from <{G2}> on; the same kg load sends the other 2" in msg
    journal = Path(msg.split("(list in ", 1)[1].rstrip(")"))
    kept = json.loads(journal.read_text(encoding="utf-8"))
    assert list(kept["sent"]) == [G1] and kept["not_sent"] == [G2, RESOLVED]

    httpserver.clear()
    httpserver.expect_request("/store", method="PUT").respond_with_data("", status=204)
    httpserver.expect_request("/update", method="POST").respond_with_data("", status=204)
    again = load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"),
                       progress=False)
    assert [req.args["graph"] for req, _ in httpserver.log if req.method == "PUT"] == [G2]  # G1 not again
    assert [req.method for req, _ in httpserver.log].count("POST") == 1  # _resolved
    assert again.skipped == [G1] and "already sent by the unfinished load before" in again.describe()
    assert not journal.exists()  # finished: the next load sends everything
    httpserver.clear()
    httpserver.expect_request("/store", method="PUT").respond_with_data("", status=204)
    httpserver.expect_request("/update", method="POST").respond_with_data("", status=204)
    load_store(small_store, httpserver.url_for("/update"), graph_store=httpserver.url_for("/store"), progress=False)
    assert sorted(req.args["graph"] for req, _ in httpserver.log if req.method == "PUT") == [G1, G2]


def _corpus(path: Path, article: str, counts: dict[str, int]) -> Path:
    """A store like kg build writes: one article graph and _resolved with report counts."""
    n = ox.NamedNode
    st = ox.Store(str(path))
    rc = n("https://w3id.org/kg-diplomacy/ontology#reportCount")
    xsd_int = n("http://www.w3.org/2001/XMLSchema#integer")
    st.add(ox.Quad(n(f"{KGR}article/{article}"), n(LABEL), ox.Literal(article), n(f"{KGR}graph/{article}")))
    for event, k in counts.items():
        st.add(ox.Quad(n(f"{KGR}event/{event}"), rc, ox.Literal(str(k), datatype=xsd_int), n(RESOLVED)))
    st.flush()
    del st
    return path


def _resolved_counts(query_url: str) -> dict[str, int]:
    rows = sparql_select(query_url, f"SELECT ?e ?n WHERE {{ GRAPH <{RESOLVED}> {{ ?e ?p ?n }} }}")
    return {r["e"]["value"].rsplit("/", 1)[1]: int(r["n"]["value"]) for r in rows["results"]["bindings"]}


@pytest.mark.parametrize("discover", [True, False], ids=["gsp", "update"])
def test_a_second_corpus_does_not_overwrite_the_first_ones_cross_article_graph(
        tmp_path: Path, oxigraph_server: str, remote_counts, discover: bool) -> None:
    """Before: `_resolved` was replaced like an article graph, so corpus B wiped corpus A's (60 → 6)."""
    a = _corpus(tmp_path / "a", "art-a", {"visit-a": 2, "meeting-x": 1})
    b = _corpus(tmp_path / "b", "art-b", {"visit-b": 3, "meeting-x": 5})
    up, q = f"{oxigraph_server}/update", f"{oxigraph_server}/query"
    load_store(a, up, discover=discover, progress=False)
    load_store(b, up, discover=discover, progress=False)
    assert _resolved_counts(q) == {"visit-a": 2, "visit-b": 3, "meeting-x": 5}  # the event both share: last load
    assert remote_counts(q)[f"{KGR}graph/art-a"] == 1 and remote_counts(q)[f"{KGR}graph/art-b"] == 1
    a2 = _corpus(tmp_path / "a2", "art-a", {"visit-a": 4, "meeting-x": 1})  # corpus A rebuilt
    load_store(a2, up, discover=discover, progress=False)
    assert _resolved_counts(q) == {"visit-a": 4, "visit-b": 3, "meeting-x": 1}  # A's facts replaced, B's kept
    assert remote_counts(q)[RESOLVED] == 3


def test_bad_arguments_are_remote_errors(small_store: Path, tmp_path: Path) -> None:
    with pytest.raises(RemoteError, match="needs --user"):
        load_store(small_store, "http://127.0.0.1:1/update", auth="digest", dry_run=True)
    with pytest.raises(RemoteError, match="not an http"):
        load_store(small_store, "ftp://example.org/sparql", dry_run=True)
    with pytest.raises(StoreError, match="store not found"):
        load_store(tmp_path / "nope", "http://127.0.0.1:1/update", dry_run=True)


def test_cli_load_unreachable_exits_1_without_traceback(small_store: Path) -> None:
    port = free_port()
    result = CliRunner().invoke(app, ["load", "--endpoint", f"http://127.0.0.1:{port}/update",
                                      "--store", str(small_store), "--retries", "0", "--quiet"])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_cli_load_password_only_from_env(small_store: Path, oxigraph_server: str, monkeypatch, remote_counts) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["load", "--endpoint", f"{oxigraph_server}/update", "--store", str(small_store),
                                  "--auth", "basic", "--user", "u", "--password-env", "KG_TEST_NO_SUCH_VAR"])
    assert missing.exit_code == 1 and "KG_TEST_NO_SUCH_VAR" in missing.stderr
    monkeypatch.setenv("KG_TEST_PW", "s3cr3t-pw")
    ok = runner.invoke(app, ["load", "--endpoint", f"{oxigraph_server}/update", "--store", str(small_store),
                             "--auth", "basic", "--user", "u", "--password-env", "KG_TEST_PW", "--quiet"])
    assert ok.exit_code == 0, ok.output
    assert "s3cr3t-pw" not in ok.output
    assert remote_counts(f"{oxigraph_server}/query") == expected_counts()


def test_cli_dry_run_prints_plan(small_store: Path) -> None:
    result = CliRunner().invoke(app, ["load", "--endpoint", "http://127.0.0.1:9/update", "--graph-store",
                                      "http://127.0.0.1:9/store", "--store", str(small_store), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would send 3 graph(s)" in result.stdout and "PUT http://127.0.0.1:9/store?graph=" in result.stdout


# --- export -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "oxformat", "rdflib_format"),
    [
        ("trig", ox.RdfFormat.TRIG, "trig"),
        ("nquads", ox.RdfFormat.N_QUADS, "nquads"),
        ("jsonld", ox.RdfFormat.JSON_LD, "json-ld"),
        ("turtle", ox.RdfFormat.TURTLE, "turtle"),
    ],
)
def test_export_round_trips(small_store: Path, tmp_path: Path, fmt: str, oxformat: ox.RdfFormat,
                            rdflib_format: str) -> None:
    out = tmp_path / "out" / f"kg.{fmt}"
    out.parent.mkdir()
    summary = export_store(small_store, fmt, out)
    parsed = list(ox.parse(path=str(out), format=oxformat))
    if fmt == "turtle":  # the union of graphs: the triple shared by two graphs appears once
        distinct = {(q.subject, q.predicate, q.object) for q in _quads()}
        assert len(parsed) == summary.statements == len(distinct)
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in parsed)
    else:
        assert len(parsed) == summary.statements == len(_quads())
        per_graph: dict[str, int] = {}
        for q in parsed:
            per_graph[q.graph_name.value] = per_graph.get(q.graph_name.value, 0) + 1
        assert per_graph == expected_counts()
    ds = rdflib.Dataset()
    ds.parse(str(out), format=rdflib_format)
    rdflib_quads = list(ds.quads((None, None, None, None)))  # a second, independent parser agrees
    assert len(rdflib_quads) == len(parsed)
    assert rdflib.Literal(ARABIC, lang="ar") in {q[2] for q in rdflib_quads}
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # temp file renamed, none left


def test_export_replaces_existing_file_atomically(small_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.nq"
    out.write_text("old content\n")
    export_store(small_store, "nquads", out)
    assert "old content" not in out.read_text(encoding="utf-8")


def test_export_errors_are_clear(tmp_path: Path, small_store: Path) -> None:
    with pytest.raises(StoreError, match="store not found"):
        export_store(tmp_path / "missing", "trig", tmp_path / "x.trig")
    with pytest.raises(ValueError, match="unknown export format"):
        export_store(small_store, "rdfxml", tmp_path / "x.rdf")
    result = CliRunner().invoke(app, ["export", "--format", "trig", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1 and result.stderr.startswith("kg: error: store not found")
    assert "Traceback" not in result.output


def test_cli_export_to_stdout_and_file(small_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "nquads", "--store", str(small_store)])
    assert result.exit_code == 0
    assert len(list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_QUADS))) == len(_quads())
    out = tmp_path / "kg.ttl"
    result = runner.invoke(app, ["export", "--format", "turtle", "--out", str(out), "--store", str(small_store)])
    assert result.exit_code == 0 and out.is_file() and "triples as turtle" in result.stderr


# --- serve --------------------------------------------------------------------------------------


def test_serve_command_uses_the_oxigraph_cli(small_store: Path, tmp_path: Path) -> None:
    ro = serve_command(small_store, 7999, "127.0.0.1", writable=False)
    assert Path(ro[0]).name == "oxigraph" and ro[1] == "serve-read-only"
    assert ro[ro.index("--location") + 1] == str(small_store)
    assert ro[ro.index("--bind") + 1] == "127.0.0.1:7999"
    assert serve_command(small_store, 7999, "::1", writable=True)[1:2] == ["serve"]
    assert "[::1]:7999" in serve_command(small_store, 7999, "::1", writable=True)
    with pytest.raises(ServeError, match="store not found"):
        serve_command(tmp_path / "missing", 7999, "127.0.0.1", writable=False)


def test_kg_serve_read_only_answers_queries_and_stops(small_store: Path, remote_counts) -> None:
    kg = Path(sys.executable).parent / "kg"
    if not kg.is_file():
        pytest.skip("the kg console script is not installed in this environment")
    port = free_port()
    proc = subprocess.Popen([str(kg), "serve", "--store", str(small_store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query?query=ASK%7B%7D", proc)
        assert remote_counts(f"{base}/query") == expected_counts()
        # --union-default-graph: a query without GRAPH sees the article graphs
        ask = f"ASK {{ ?s <{LABEL}> {json.dumps(ARABIC, ensure_ascii=False)}@ar }}"
        assert sparql_select(f"{base}/query", ask)["boolean"] is True
        # read-only: updates are refused
        r = requests.post(f"{base}/update", data="INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
                          headers={"Content-Type": "application/sparql-update"}, timeout=10)
        assert r.status_code >= 400
    finally:
        stop(proc)  # SIGTERM to `kg serve` must take the oxigraph child down with it
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert f"{base}/query" in out and "read-only" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2)


def test_kg_serve_on_a_busy_port_fails_with_one_line_before_serving(small_store: Path) -> None:
    """Issue 15.13: it printed "serving…" and then a Rust backtrace."""
    import socket

    kg = Path(sys.executable).parent / "kg"
    if not kg.is_file():
        pytest.skip("the kg console script is not installed in this environment")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([str(kg), "serve", "--store", str(small_store), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""  # no "serving" line
    assert done.stderr == f"kg: error: cannot serve on 127.0.0.1:{port}: Address already in use (another server is running there? try --port)\n"
