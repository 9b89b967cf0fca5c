"""`kg serve` answers every query of queries/ with the rows `kg query` gives (issue 15.2).

The store keeps the union of the article graphs in its default graph; the server used to add
`--union-default-graph` on top, so a query without GRAPH saw each triple once per graph holding
it plus once from the default graph: counts doubled, joins multiplied, and on 200 articles
visits.rq gave no answer within 120 s. Both sides here are real: `kg build` of the sample
articles, `kg serve` (the oxigraph server) on a free loopback port, stopped by the test.
Speed is measured by bench/queries.py, not here; the HTTP timeout only stops a hang.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.build import build
from kg.paths import DATA, QUERIES
import pyoxigraph as ox

from kg.store.local import open_store, run_query

KG = Path(sys.executable).parent / "kg"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    build([DATA / "articles"], path, retain=False)
    return path


def _canonical(bindings: list[dict]) -> list[str]:
    out = []
    for b in bindings:
        for v in b.values():
            if v.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
                del v["datatype"]  # one writer names xsd:string, the other leaves it implied
            if v["type"] == "typed-literal":
                v["type"] = "literal"
        out.append(json.dumps(b, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def local_rows(store: Path, sparql: str) -> list[str]:
    """The rows `kg query -f json` gives (pyoxigraph's W3C JSON results writer), canonical."""
    result = run_query(open_store(store, read_only=True), sparql)
    data = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8"))
    return _canonical(data["results"]["bindings"])


def served_rows(base: str, sparql: str) -> list[str]:
    req = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return _canonical(json.load(r)["results"]["bindings"])


QUERY_FILES = sorted(p.name for p in QUERIES.glob("*.rq"))


def test_every_canned_query_is_listed() -> None:
    assert len(QUERY_FILES) >= 9 and "evidence.rq" in QUERY_FILES


def test_served_store_gives_the_rows_of_kg_query(store: Path, free_tcp_port: int, server) -> None:
    base = f"http://127.0.0.1:{free_tcp_port}"
    server([str(KG), "serve", "--store", str(store), "--port", str(free_tcp_port)], f"{base}/query?query=ASK%7B%7D")
    assert served_rows(base, COUNT) == local_rows(store, COUNT)  # the default graph counted once
    for name in QUERY_FILES:
        sparql = (QUERIES / name).read_text(encoding="utf-8")
        local = local_rows(store, sparql)
        assert local, f"{name} gives no row on the sample store: the comparison would prove nothing"
        assert served_rows(base, sparql) == local, name


def test_store_without_a_union_is_served_with_the_flag(tmp_path: Path) -> None:
    """A store loaded by another tool (named graphs, empty default graph) still answers queries
    without GRAPH: then, and only then, the server gets --union-default-graph."""
    import pyoxigraph as ox

    from kg.store.serve import serve_command

    path = tmp_path / "bare"
    st = ox.Store(str(path))
    st.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.NamedNode("http://x/o"), ox.NamedNode("http://x/g")))
    st.flush()
    del st
    assert "--union-default-graph" in serve_command(path, 7999)


def test_kg_built_store_is_served_without_the_flag(store: Path) -> None:
    from kg.store.serve import serve_command

    assert "--union-default-graph" not in serve_command(store, 7999)
