"""`kg load` against a real Virtuoso (Debian's virtuoso-opensource), with Digest authentication.

Integration test (`make test-integration`): it needs `virtuoso-t` and `isql-vt`
(`scripts/install_virtuoso.sh` installs them) and takes ~10 s to start a throw-away database.
It is skipped, with the reason, when the server is missing or cannot start.

Why Virtuoso: it is the most common public SPARQL server and the strictest one we meet — Digest auth
on `/sparql-auth` and `/sparql-graph-crud-auth`, HTML error pages, blank nodes refused in
INSERT DATA — so it exercises the parts of kg.store.remote that Oxigraph never does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import free_port, sparql_select
from kg.store.remote import RemoteError, load_store

pytestmark = pytest.mark.integration

KGR = "https://w3id.org/kg-diplomacy/id/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ARABIC = "وزير الخارجية فؤاد حسين"
PASSWORD = "kg-Test-pw-7731"  # a throw-away database; set through isql-vt below


INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
Striping           = 0
[Parameters]
ServerPort               = {sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 5
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {d}
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
ThreadsPerQuery          = 2
[HTTPServer]
ServerPort               = 127.0.0.1:{http_port}
ServerRoot               = {d}
MaxClientConnections     = 5
ServerThreads            = 5
Charset                  = UTF-8
EnabledDavVSP            = 0
[SPARQL]
ResultSetMaxRows         = 100000
MaxQueryExecutionTime    = 60
"""


def _log_tail(d: Path) -> str:
    for name in ("virtuoso.log", "stdout.log"):
        p = d / name
        if p.is_file() and p.stat().st_size:
            return " | ".join(p.read_text(errors="replace").strip().splitlines()[-3:])
    return "(no log)"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso on free loopback ports with a fresh database; yields the HTTP base URL."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not exe or not isql:
        pytest.skip("virtuoso-t/isql-vt not installed (run scripts/install_virtuoso.sh)")
    d = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql_port=sql_port, http_port=http_port))
    log = open(d / "stdout.log", "wb")
    proc = subprocess.Popen([exe, "+configfile", str(d / "virtuoso.ini"), "+foreground"], cwd=d,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.skip(f"virtuoso-t exited with {proc.returncode} at start: {_log_tail(d)}")
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2) as r:
                    r.read()
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.skip(f"virtuoso-t did not answer on {base} within 90 s: {_log_tail(d)}")
                time.sleep(0.5)
        done = subprocess.run([isql, str(sql_port), "dba", "dba", f"exec=USER_SET_PASSWORD('dba', '{PASSWORD}');"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "Error" in done.stdout:
            pytest.skip(f"cannot set the dba password with isql-vt: {done.stdout[-200:]} {done.stderr[-200:]}")
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def make_store(path: Path, tag: str) -> dict[str, int]:
    """Two article graphs (Arabic labels, a blank node) named with `tag`; returns triples per graph."""
    n = ox.NamedNode
    g1, g2 = n(f"{KGR}graph/{tag}-art-1"), n(f"{KGR}graph/{tag}-art-2")
    person = n(f"{KGR}person/{tag}-p1")
    span = ox.BlankNode("span1")
    quads = [
        ox.Quad(person, n(LABEL), ox.Literal(ARABIC, language="ar"), g1),
        ox.Quad(person, n("https://w3id.org/kg-diplomacy/ontology#mention"), span, g1),
        ox.Quad(span, n("http://www.w3.org/ns/oa#exact"), ox.Literal("قال وزير الخارجية", language="ar"), g1),
    ] + [
        ox.Quad(n(f"{KGR}event/{tag}-e{i}"), n(LABEL), ox.Literal(f"زيارة {i}", language="ar"), g2)
        for i in range(7)
    ]
    store = ox.Store(str(path))
    store.extend(quads)
    store.flush()
    del store
    return {g1.value: 3, g2.value: 7}


def counts(base: str, tag: str) -> dict[str, int]:
    rows = sparql_select(
        f"{base}/sparql",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{KGR}graph/{tag}-")) }} GROUP BY ?g',
    )["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_graph_store_digest_load_twice(virtuoso: str, tmp_path: Path) -> None:
    expected = make_store(tmp_path / "store", "gsp")
    kwargs = dict(graph_store=f"{virtuoso}/sparql-graph-crud-auth", auth="digest", user="dba",
                  password=PASSWORD, progress=False, retries=1, backoff=0.2)
    summary = load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", **kwargs)
    assert summary.method == "gsp" and summary.triples == 10
    assert counts(virtuoso, "gsp") == expected
    load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", **kwargs)
    assert counts(virtuoso, "gsp") == expected  # PUT replaced the graphs


def test_graph_store_discovered_from_sparql_auth(virtuoso: str, tmp_path: Path) -> None:
    expected = make_store(tmp_path / "store", "disc")
    summary = load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", auth="digest", user="dba",
                         password=PASSWORD, progress=False, retries=1, backoff=0.2)
    assert summary.method == "gsp"
    assert summary.targets[0].url.startswith(f"{virtuoso}/sparql-graph-crud-auth?graph=")
    assert counts(virtuoso, "disc") == expected


def test_sparql_update_digest_load_twice(virtuoso: str, tmp_path: Path) -> None:
    expected = make_store(tmp_path / "store", "upd")
    kwargs = dict(auth="digest", user="dba", password=PASSWORD, discover=False, batch_triples=3,
                  progress=False, retries=1, backoff=0.2)
    summary = load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", **kwargs)
    assert summary.method == "update"
    assert counts(virtuoso, "upd") == expected  # blank-node triples went in as one INSERT template
    load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", **kwargs)
    assert counts(virtuoso, "upd") == expected


def test_wrong_password_is_one_line_401(virtuoso: str, tmp_path: Path) -> None:
    make_store(tmp_path / "store", "bad")
    for discover in (True, False):
        with pytest.raises(RemoteError) as err:
            load_store(tmp_path / "store", f"{virtuoso}/sparql-auth", auth="digest", user="dba",
                       password="not-the-password", discover=discover, progress=False, retries=0)
        msg = str(err.value)
        assert "401" in msg and "\n" not in msg and "not-the-password" not in msg
    assert counts(virtuoso, "bad") == {}


def test_cross_article_graph_of_two_corpora_is_merged(virtuoso: str, tmp_path: Path) -> None:
    """The `_resolved` merge (DELETE … VALUES … ; INSERT DATA) as Virtuoso parses it, by GSP and by Update."""
    resolved = ox.NamedNode(f"{KGR}graph/_resolved")
    rc = ox.NamedNode("https://w3id.org/kg-diplomacy/ontology#reportCount")
    xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

    def corpus(path: Path, tag: str, report_counts: dict[str, int]) -> Path:
        make_store(path, tag)
        store = ox.Store(str(path))
        store.extend(ox.Quad(ox.NamedNode(f"{KGR}event/vt-{e}"), rc, ox.Literal(str(k), datatype=xsd_int), resolved)
                     for e, k in report_counts.items())
        store.flush()
        del store
        return path

    def remote() -> dict[str, int]:
        rows = sparql_select(f"{virtuoso}/sparql", f"SELECT ?e ?n WHERE {{ GRAPH <{resolved.value}> {{ ?e <{rc.value}> ?n "
                             f'FILTER(STRSTARTS(STR(?e), "{KGR}event/vt-")) }} }}')["results"]["bindings"]
        return {r["e"]["value"].rsplit("vt-", 1)[1]: int(r["n"]["value"]) for r in rows}

    kwargs = dict(auth="digest", user="dba", password=PASSWORD, progress=False, retries=1, backoff=0.2)
    for discover in (True, False):
        a = corpus(tmp_path / f"a{discover}", f"ma{discover:d}", {"a": 2, "x": 1})
        b = corpus(tmp_path / f"b{discover}", f"mb{discover:d}", {"b": 3, "x": 5})
        load_store(a, f"{virtuoso}/sparql-auth", discover=discover, **kwargs)
        load_store(b, f"{virtuoso}/sparql-auth", discover=discover, **kwargs)
        assert remote() == {"a": 2, "b": 3, "x": 5}
        load_store(corpus(tmp_path / f"a2{discover}", f"ma{discover:d}", {"a": 4, "x": 1}), f"{virtuoso}/sparql-auth",
                   discover=discover, **kwargs)
        assert remote() == {"a": 4, "b": 3, "x": 1}
