"""`kg build`: read → extract → resolve → link → RDF → validate → store, in that order.

Each article's graph is validated on its own (linear in corpus size) and stored even when it
has violations: the report says what is wrong, and no extracted data is silently dropped.
The engine (streaming batches, worker processes, incremental manifest) is kg.build.engine; what
a build did is kg.build.report; the Spark build is kg.build.spark.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.build.report import BuildReport, RunStats
from kg.rdf.writer import sorted_nquads
from kg.records import ArticleRecords
from kg.resolve.result import Resolution

__all__ = ["BuildReport", "BuildResult", "RunStats", "build", "build_graphs", "serialize_graphs", "write_atomic"]


@dataclass
class BuildResult:
    report: BuildReport
    records: list[ArticleRecords]
    resolution: Resolution
    graphs: list[Graph]
    stats: RunStats | None = None  # what the engine did: articles extracted/reused/written, seconds per stage


def write_atomic(path: Path, text: str) -> None:
    """Write next to the target, then rename: a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    prune: bool = False,
    on_notice: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of the given articles into the store (and optionally a TriG/N-Quads file).

    Streams the corpus in batches (kg.build.engine): `jobs` worker processes run spaCy,
    extraction, rendering and SHACL; resolution runs once over compact records in between.
    With a store, the build is incremental: an unchanged article is not parsed again and its
    graph is rewritten only when what it takes from resolution changed (`incremental=False`
    redoes everything). `retain=False` keeps memory bounded on big corpora: the result then
    has no records and no graphs (the report and the resolution are still there).

    Articles of earlier builds that are not in `paths` stay in the store (like rsync without
    --delete); `prune=True` removes their graphs, never when no article or not every file could be
    read, and says what it will remove through `on_notice` before the NLP starts. A second build
    of the same store, or a build of a store `kg serve` serves, is refused at once
    (kg.store.state); a killed build is finished by the next one.
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
        prune=prune,
        on_notice=on_notice,
    )
    return BuildResult(report, records, resolution, graphs, stats)
