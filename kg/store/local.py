"""The embedded Oxigraph store: replace an article's named graph, run SPARQL, print results.

The store's default graph holds the union of all named graphs (each triple once), kept up to
date whenever a named graph is replaced. A query written for the whole corpus therefore needs no
GRAPH clause, and runs the same on a remote store that offers a union default graph (Oxigraph
`--union-default-graph`, Fuseki `unionDefaultGraph`, GraphDB/Virtuoso by default).

Why materialise it: entity facts are repeated in every article graph that mentions the entity
(so each article graph validates on its own), and Oxigraph's on-the-fly union yields a triple
once per graph holding it, which multiplies join results (a 5-article query took 15 s). The
materialised union is a set, so joins stay exact and fast. Export and load skip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from kg.paths import DEFAULT_STORE


class StoreError(Exception):
    """The store cannot be opened or a query cannot run; the message is one line for the user."""


def open_store(path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> ox.Store:
    """Open the store; read-only opens are refused while a `kg build` writes it (pyoxigraph calls
    that undefined behaviour), and a store another process holds open for writing (RocksDB's
    lock) is named in one line rather than with RocksDB's message."""
    from kg.store.state import StoreBusy, refuse_if_building

    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no store here; run `kg build` first")
            refuse_if_building(path)
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except StoreBusy as exc:
        raise StoreError(str(exc)) from None
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is open for writing in another process "
                             f"(an `oxigraph serve` or `kg serve --writable`?); stop it first") from None
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc


def replace_graphs(store: ox.Store, graphs: Iterable[Graph]) -> int:
    """Replace each named graph and keep the default graph the union of all named graphs.

    A rebuilt article replaces its graph rather than adding to it, so the store never holds
    two versions of one article. Returns the number of triples written to named graphs.
    """
    written = 0
    for g in graphs:
        name = ox.NamedNode(str(g.identifier))
        data = g.serialize(format="nt", encoding="utf-8")
        new = {(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
        old = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)}
        if old:
            store.remove_graph(name)
        store.extend(ox.Quad(s, p, o, name) for s, p, o in new)
        store.extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in new - old)
        for s, p, o in old - new:
            _drop_from_union(store, s, p, o)
        written += len(new)
    return written


def _drop_from_union(store: ox.Store, s, p, o) -> None:  # noqa: ANN001 - pyoxigraph terms
    """Remove a triple from the union unless another named graph still states it."""
    for q in store.quads_for_pattern(s, p, o, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            return
    store.remove(ox.Quad(s, p, o, ox.DefaultGraph()))


def write_nquads(store: ox.Store, graphs: list[tuple[str, str]]) -> int:
    """Replace named graphs with N-Quads text and keep the default graph their union, per batch.

    `graphs` are (graph IRI, N-Quads lines of that graph only). Why per batch rather than one
    `rebuild_union` at the end: the SPARQL `INSERT … WHERE { GRAPH ?g … }` holds the whole
    corpus in one transaction (memory grows with the store), and redoes the whole store after a
    one-article rebuild. Here the new triples are also added to the default graph (a set, so a
    triple stated by many articles is kept once), and the old triples of a replaced graph leave
    the union only when no named graph states them any more. The text is read by pyoxigraph's
    N-Quads parser (no line editing); a quad outside its graph is a ValueError. Returns the quads
    loaded.
    """
    if not graphs:
        return 0
    replaced: list[set] = []
    for iri, _text in graphs:
        name = ox.NamedNode(iri)
        if store.contains_named_graph(name):
            replaced.append({(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)})
            store.remove_graph(name)
    quads: list[ox.Quad] = []
    for iri, text in graphs:
        name = ox.NamedNode(iri)
        for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
            if q.graph_name != name:
                raise ValueError(f"N-Quads of graph <{iri}> hold a quad of {q.graph_name}: {str(q)[:80]}")
            quads.append(q)
    store.extend(quads)
    _add_to_union(store, quads)
    for old in replaced:
        for s, p, o in old:
            _drop_from_union(store, s, p, o)
    return len(quads)


def _add_to_union(store: ox.Store, quads: list[ox.Quad]) -> None:
    """The triples of just written named graphs into the default graph (a step of its own: the
    crash tests kill a build between the named graphs and the union)."""
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)


def union_is_missing(store: ox.Store) -> bool:
    """A store with named graphs but an empty default graph (written by a bulk load, or by a kg
    before the union was kept per batch)."""
    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    return not has_default and any(isinstance(g, ox.NamedNode) for g in store.named_graphs())


def rebuild_union(store: ox.Store) -> int:
    """Recompute the default graph from all named graphs (after a bulk load); returns its size."""
    store.update("DROP SILENT DEFAULT")
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def repair_union(store: ox.Store) -> tuple[int, int]:
    """Make the default graph exactly the union of the named graphs again, streaming; returns
    (triples added, triples dropped).

    For a store whose build was killed between replacing a named graph and updating the union
    (each step is a transaction, the pair is not). Unlike `rebuild_union` it holds only the
    differences in memory, not the store: one look-up per stored quad.
    """
    missing = []
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            t = ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            if t not in store:
                missing.append(t)
    dropped = 0
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):  # a snapshot: removing is safe
        if not any(not isinstance(x.graph_name, ox.DefaultGraph) for x in store.quads_for_pattern(q.subject, q.predicate, q.object, None)):
            store.remove(q)
            dropped += 1
    added = len(set(missing))
    store.extend(missing)
    return added, dropped


def remove_graph(store: ox.Store, iri: str) -> None:
    name = ox.NamedNode(iri)
    if store.contains_named_graph(name):
        old = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)]
        store.remove_graph(name)
        for s, p, o in old:
            _drop_from_union(store, s, p, o)


def graph_names(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def count_triples(store: ox.Store) -> int:
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(res))["n"].value)


QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

#: `kg query --format` for SELECT and ASK: the W3C SPARQL 1.1 results formats, written by pyoxigraph
#: (CSV writes a blank node as `_:b1`; ASK gives `true`/`false` in CSV and TSV).
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
#: …and for CONSTRUCT and DESCRIBE, which give triples: RDF formats (json is JSON-LD, xml RDF/XML).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
QUERY_FORMATS = ("table", *RESULT_FORMATS, *[f for f in GRAPH_FORMATS if f not in RESULT_FORMATS])


def syntax_message(exc: SyntaxError, sparql: str) -> str:
    """One line for a SPARQL syntax error: where, what stands there, what was expected.

    Oxigraph's message lists every token it would have accepted (a page of them after `{`);
    that list is kept only when it is short.
    """
    first = (str(exc).splitlines() or ["syntax error"])[0]
    m = re.match(r"error at (\d+):(\d+): (.*)", first)
    if not m:
        return f"SPARQL syntax error: {first[:160]}"
    line, col, expected = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = sparql.splitlines()
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    at_end = not sparql[sum(len(ln) + 1 for ln in lines[: line - 1]) + col - 1:].strip()
    near = "at the end of the query" if at_end or not text else f"in {text[:40]!r}"
    if expected.startswith("expected one of") and expected.count(",") > 5:
        expected = ""
    return f"{line}:{col}: SPARQL syntax error {near}" + (f" ({expected[:120]})" if expected else "")


def run_query(store: ox.Store, sparql: str) -> QueryResult:
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the default graph, the union
    of all article graphs. Errors are StoreErrors with a one-line message."""
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise StoreError(syntax_message(exc, sparql)) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"the query failed: {(str(exc).splitlines() or [type(exc).__name__])[0]}") from exc


def select(store: ox.Store, sparql: str) -> tuple[list[str], list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]]]:
    """Run a SELECT over the default graph (the union of all article graphs); returns column
    names and rows keyed by name."""
    res = run_query(store, sparql)
    if not isinstance(res, ox.QuerySolutions):
        raise StoreError("not a SELECT query")
    cols = [v.value for v in res.variables]
    rows = [{c: sol[c] for c in cols} for sol in res]
    return cols, rows


def triples_as_solutions(triples: Iterable[ox.Triple]) -> ox.QuerySolutions:
    """CONSTRUCT/DESCRIBE triples as SELECT-like rows (?subject ?predicate ?object), sorted, so that
    they can be written as CSV/TSV or shown as a table by the same writers as SELECT results."""
    mem = ox.Store()
    mem.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return mem.query("SELECT ?subject ?predicate ?object WHERE { ?subject ?predicate ?object }"
                     " ORDER BY ?subject ?predicate ?object")


def write_result(result: QueryResult, fmt: str, sink: IO[bytes], prefixes: dict[str, str] | None = None) -> None:
    """Serialise a query result with pyoxigraph's writers: SELECT/ASK as W3C SPARQL results
    (csv, tsv, json, xml), CONSTRUCT/DESCRIBE as RDF (turtle, ntriples, json = JSON-LD, xml =
    RDF/XML) or, for csv/tsv, as subject/predicate/object rows. ValueError for a format that
    does not fit the query form."""
    if isinstance(result, ox.QueryTriples):
        if fmt in GRAPH_FORMATS:
            fmt_ = GRAPH_FORMATS[fmt]
            if prefixes and fmt_ in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
                ox.serialize(result, sink, fmt_, prefixes=prefixes)
            else:
                ox.serialize(result, sink, fmt_)
            return
        if fmt in RESULT_FORMATS:
            triples_as_solutions(result).serialize(sink, RESULT_FORMATS[fmt])
            return
        raise ValueError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format {', '.join(GRAPH_FORMATS)}, csv or tsv")
    if fmt not in RESULT_FORMATS:
        kind = "an ASK" if isinstance(result, ox.QueryBoolean) else "a SELECT"
        raise ValueError(f"{kind} query gives results, not triples: use --format table, {', '.join(RESULT_FORMATS)}")
    result.serialize(sink, RESULT_FORMATS[fmt])


def term_text(term: object) -> str:
    """The text of a term for a person: an IRI or a literal's value, `_:id` for a blank node."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def validate_store(path: Path | str, *, use_ontology: bool = False) -> dict:
    """Validate every named graph of the embedded Oxigraph store at `path`, one by one.

    Graphs are read out as N-Triples and parsed with rdflib, since pyshacl validates rdflib
    graphs; a missing store raises kg.store.local.StoreError with a one-line message.
    """
    import rdflib
    from rdflib import URIRef

    from kg.rdf.validate import compact, validate_each

    store = open_store(path, read_only=True)

    def graphs() -> Iterator[tuple[str, rdflib.Graph]]:
        for name in graph_names(store):
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            g = rdflib.Graph(identifier=URIRef(name))
            g.parse(data=data.decode("utf-8"), format="nt")
            yield compact(URIRef(name)), g

    return validate_each(graphs(), use_ontology=use_ontology)
