"""`kg build`: read → extract → resolve → link → RDF → validate → store, in that order.

Each article's graph is validated on its own (linear in corpus size) and stored even when it
has violations: the report says what is wrong, and no extracted data is silently dropped.
The engine (streaming batches, worker processes, incremental manifest) is kg.build.engine; what
a build did is kg.build.report; the Spark build is kg.build.spark.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.build.report import BuildReport, RunStats
from kg.rdf.writer import sorted_nquads
from kg.records import ArticleRecords
from kg.resolve.result import Resolution

__all__ = ["BuildReport", "BuildResult", "RunStats", "build", "build_graphs", "serialize_graphs"]


@dataclass
class BuildResult:
    report: BuildReport
    records: list[ArticleRecords]
    resolution: Resolution
    graphs: list[Graph]
    stats: RunStats | None = None  # what the engine did: articles extracted/reused/written, seconds per stage


def serialize_graphs(graphs: Sequence[Graph], fmt: str) -> str:
    if fmt == "nq":
        return sorted_nquads(graphs)
    from rdflib import Dataset

    ds = Dataset()
    for g in graphs:
        target = ds.graph(g.identifier)
        for prefix, ns in g.namespaces():
            ds.bind(prefix, ns)
        for t in g:
            target.add(t)
    return ds.serialize(format="trig")


def build_graphs(
    paths: Sequence[str | Path],
    *,
    model: str | None = None,
    on_progress: Callable[[str], None] | None = None,
    wikidata_endpoint: str | None = None,
    wikidata_cache: str | Path | None = None,
    user_agent: str | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Everything up to RDF and validation, without touching a store (graphs kept in memory)."""
    from kg.build.engine import run_build

    report, records, resolution, graphs, stats = run_build(
        paths,
        None,
        model=model,
        on_progress=on_progress,
        wikidata_endpoint=wikidata_endpoint,
        wikidata_cache=wikidata_cache,
        user_agent=user_agent,
        jobs=jobs,
        retain=True,
    )
    return BuildResult(report, records, resolution, graphs, stats)


def build(
    paths: Sequence[str | Path],
    store_path: str | Path | None,
    out: str | Path | None = None,
    *,
    model: str | None = None,
    on_progress: Callable[[str], None] | None = None,
    wikidata_endpoint: str | None = None,
    wikidata_cache: str | Path | None = None,
    user_agent: str | None = None,
    jobs: int = 1,
    retain: bool = True,
    incremental: bool = True,
) -> BuildResult:
    """Build the graph of the given articles into the store (and optionally a TriG/N-Quads file).

    Streams the corpus in batches (kg.build.engine): `jobs` worker processes run spaCy,
    extraction, rendering and SHACL; resolution runs once over compact records in between.
    With a store, the build is incremental: an unchanged article is not parsed again and its
    graph is rewritten only when what it takes from resolution changed (`incremental=False`
    redoes everything). `retain=False` keeps memory bounded on big corpora: the result then
    has no records and no graphs (the report and the resolution are still there).
    """
    from kg.build.engine import run_build

    report, records, resolution, graphs, stats = run_build(
        paths,
        store_path,
        out,
        model=model,
        on_progress=on_progress,
        wikidata_endpoint=wikidata_endpoint,
        wikidata_cache=wikidata_cache,
        user_agent=user_agent,
        jobs=jobs,
        retain=retain,
        incremental=incremental,
    )
    return BuildResult(report, records, resolution, graphs, stats)
