"""The embedded Oxigraph store: replace an article's named graph, run SPARQL, print results.

The default graph is queried as the union of all named graphs, so a query written for the whole
corpus needs no GRAPH clause, and the same query runs on a remote store that does the same
(Oxigraph `--union-default-graph`, Fuseki `unionDefaultGraph`, GraphDB/Virtuoso by default).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.paths import DEFAULT_STORE


class StoreError(Exception):
    """The store cannot be opened or a query cannot run; the message is one line for the user."""


def open_store(path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> ox.Store:
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no store here; run `kg build` first")
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc


def replace_graphs(store: ox.Store, graphs: Iterable[Graph]) -> int:
    """Replace each named graph in one transaction per batch; returns triples written.

    A rebuilt article replaces its graph rather than adding to it, so the store never holds
    two versions of one article.
    """
    quads: list[ox.Quad] = []
    names: list[ox.NamedNode] = []
    for g in graphs:
        name = ox.NamedNode(str(g.identifier))
        names.append(name)
        data = g.serialize(format="nt", encoding="utf-8")
        quads.extend(
            ox.Quad(t.subject, t.predicate, t.object, name)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )
    for name in names:
        store.remove_graph(name) if store.contains_named_graph(name) else None
    store.extend(quads)
    return len(quads)


def remove_graph(store: ox.Store, iri: str) -> None:
    name = ox.NamedNode(iri)
    if store.contains_named_graph(name):
        store.remove_graph(name)


def graph_names(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def count_triples(store: ox.Store) -> int:
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(res))["n"].value)


def select(store: ox.Store, sparql: str) -> tuple[list[str], list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]]]:
    """Run a SELECT over the union graph; returns column names and rows keyed by name."""
    try:
        res = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise StoreError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from exc
    if not isinstance(res, ox.QuerySolutions):
        raise StoreError("only SELECT queries can be printed as a table")
    cols = [v.value for v in res.variables]
    rows = [{c: sol[c] for c in cols} for sol in res]
    return cols, rows


def term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term.value
    return str(term)


def _json_term(term: object) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out: dict = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def format_results(cols: list[str], rows: list[dict], fmt: str) -> str:
    """W3C SPARQL 1.1 Query Results CSV or JSON, or a plain text table."""
    if fmt == "json":
        bindings = [{c: _json_term(r[c]) for c in cols if r[c] is not None} for r in rows]
        return json.dumps({"head": {"vars": cols}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([term_text(r[c]) for c in cols])
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}")
