"""Export the built pyoxigraph store to an RDF file (`kg export`).

Why stream from pyoxigraph instead of going through rdflib: the store can hold far more triples than
an rdflib `Dataset` comfortably keeps in memory, and pyoxigraph's serializers (TriG, N-Quads,
Turtle, JSON-LD since 0.5) write straight into a file object while the store is iterated.

Files are written to a temporary file next to the target and renamed, so a crash or a full disk
never leaves a half-written export where a previous good one was.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.io import atomic_open
from kg.paths import DEFAULT_STORE

#: Prefixes used by the Turtle/TriG writers so the export reads like the ontology files.
#: (Only namespace strings: IRIs themselves are built in kg.rdf.writer.) `kgr:` is left out on purpose:
#: resource IRIs have a slash after it (`kgr:person\/ab12`), which Turtle must escape, so they
#: read better written in full.
PREFIXES: dict[str, str] = {
    "dip": "https://w3id.org/kg-diplomacy/ontology#",
    "topic": "https://w3id.org/kg-diplomacy/topic/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}

#: `kg export --format` values → pyoxigraph formats. JSON-LD is native in pyoxigraph 0.5, so no
#: rdflib round trip is needed.
FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class StoreError(Exception):
    """The store directory is missing or unreadable; the message is one line naming the path."""


@dataclass(frozen=True)
class ExportSummary:
    """What `export_store` wrote: `statements` is quads for dataset formats, triples for Turtle."""

    fmt: str
    out: Path | None
    statements: int


def open_store(store_path: Path | str) -> ox.Store:
    """Open an existing store read-only.

    Read-only because export/load/serve only read, and because `pyoxigraph.Store(path)` would
    silently *create* an empty store at a mistyped path (then report "0 triples" instead of an
    error).
    """
    path = Path(store_path)
    if not path.is_dir():
        raise StoreError(f"store not found: {path} (build it first with `kg build`, or pass --store)")
    if not any(path.iterdir()):
        raise StoreError(f"store is empty (no database files): {path}")
    from kg.store.state import StoreBusy, refuse_if_building

    try:
        refuse_if_building(path)  # reading while a build writes is undefined behaviour in pyoxigraph
    except StoreBusy as e:
        raise StoreError(str(e)) from None
    try:
        return ox.Store.read_only(str(path))
    except OSError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(f"cannot open store {path}: {first}") from e


def _union_triples(store: ox.Store, counter: list[int]) -> Iterator[ox.Triple]:
    """Distinct triples of the default graph and every named graph (Turtle has no graphs).

    DISTINCT so that a triple asserted in several article graphs is written once; the counter is
    filled as a side effect so the summary needs no second pass.
    """
    query = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    for solution in store.query(query):
        counter[0] += 1
        yield ox.Triple(solution["s"], solution["p"], solution["o"])


def _named_quads(store: ox.Store, counter: list[int]) -> Iterator[ox.Quad]:
    """Quads of the named graphs only: the default graph is the store's materialised union of
    them (see kg.store.local) and would only repeat them."""
    for quad in store:
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            counter[0] += 1
            yield quad


def _write(store: ox.Store, fmt: str, sink: IO[bytes]) -> int:
    """Serialize the store in `fmt` into the binary file object `sink`; return the statement count."""
    rdf_format = FORMATS[fmt]
    if fmt == "turtle":
        counter = [0]
        ox.serialize(_union_triples(store, counter), sink, rdf_format, prefixes=PREFIXES)
        return counter[0]
    counter = [0]
    if fmt == "nquads":
        ox.serialize(_named_quads(store, counter), sink, rdf_format)
    else:
        ox.serialize(_named_quads(store, counter), sink, rdf_format, prefixes=PREFIXES)
    return counter[0]


def export_store(
    store_path: Path | str = DEFAULT_STORE, fmt: str = "trig", out: Path | str | None = None
) -> ExportSummary:
    """Write the whole store as `fmt` ('trig'|'nquads'|'turtle'|'jsonld') to `out` (None: stdout).

    TriG, N-Quads and JSON-LD keep the named graphs (one per article plus `_resolved`); Turtle is
    the union of all graphs as plain triples, for tools that only read triples.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    store = open_store(store_path)
    if out is None:
        sink = sys.stdout.buffer
        n = _write(store, fmt, sink)
        sink.flush()
        return ExportSummary(fmt, None, n)

    target = Path(out)
    if target.is_dir():
        raise StoreError(f"export target is a directory: {target}")
    if not target.parent.is_dir():
        raise StoreError(f"export folder does not exist: {target.parent}")
    with atomic_open(target) as sink:  # 0644 (minus the umask), fsync'ed, then renamed
        n = _write(store, fmt, sink)
    return ExportSummary(fmt, target, n)
