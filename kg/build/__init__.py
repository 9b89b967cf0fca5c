"""`kg build`: read → extract → resolve → link → RDF → validate → store, in that order.

Each article's graph is validated on its own (linear in corpus size) and stored even when it
has violations: the report says what is wrong, and no extracted data is silently dropped.
The engine (streaming batches, worker processes, incremental manifest) is kg.build.engine; what
a build did is kg.build.report; the Spark build is kg.build.spark.
"""

from __future__ import annotations

import shutil
import traceback
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
    wikidata_required: bool = False,
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
    (kg.store.state); a killed build is finished by the next one. A store directory this call
    created is removed again when the build read no article or failed before anything was kept
    in it, so a mistyped path leaves nothing behind.
    """
    from kg.build.engine import run_build

    created = store_path is not None and not Path(store_path).exists()
    try:
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
            wikidata_required=wikidata_required,
            prune=prune,
            on_notice=on_notice,
        )
    except BaseException as exc:
        if created:
            traceback.clear_frames(exc.__traceback__)  # let go of an open store before looking at it
            _remove_if_empty(Path(store_path))  # type: ignore[arg-type]
        raise
    if created and report.articles == 0:
        shutil.rmtree(store_path, ignore_errors=True)  # type: ignore[arg-type]
        report.store = None
    return BuildResult(report, records, resolution, graphs, stats)


def _remove_if_empty(path: Path) -> None:
    """Remove a store directory that holds no database yet and no extracted records."""
    if not path.is_dir() or (path / "CURRENT").exists() or any(path.rglob("*.pkl")):
        return
    shutil.rmtree(path, ignore_errors=True)
