"""`kg build`: read → extract → resolve → link → RDF → validate → store, in that order.

Each article's graph is validated on its own (linear in corpus size) and stored even when it
has violations: the report says what is wrong, and no extracted data is silently dropped.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.articles import ArticleError, read_articles
from kg.extract import extract_articles
from kg.linking import link_resolution
from kg.nlp.pipeline import load_pipeline
from kg.rdf import article_graph, resolved_graph, sorted_nquads
from kg.records import ArticleRecords
from kg.resolve import resolve
from kg.resolved import Resolution
from kg.store import count_triples, open_store, replace_graphs
from kg.validate import ValidationReport, validate_graph


@dataclass
class BuildReport:
    articles: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    persons: int = 0
    places: int = 0
    organisations: int = 0
    events: Counter[str] = field(default_factory=Counter)
    planned: int = 0
    triples_written: int = 0
    store_triples: int = 0
    invalid: dict[str, ValidationReport] = field(default_factory=dict)
    store: str | None = None
    out: str | None = None

    @property
    def conforms(self) -> bool:
        return not self.invalid


@dataclass
class BuildResult:
    report: BuildReport
    records: list[ArticleRecords]
    resolution: Resolution
    graphs: list[Graph]


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
) -> BuildResult:
    """Everything up to RDF and validation, without touching a store."""
    report = BuildReport()
    read = read_articles(paths)
    report.errors = read.errors
    report.articles = len(read.articles)
    nlp = load_pipeline(model)
    records = []
    for rec in extract_articles(read.articles, nlp):
        records.append(rec)
        if on_progress:
            on_progress(rec.article.id)
    resolution = resolve(records)
    client = None
    if wikidata_endpoint:
        from kg.wikidata_online import WikidataClient

        kwargs: dict = {"endpoint": wikidata_endpoint}
        if wikidata_cache:
            kwargs["cache_dir"] = Path(wikidata_cache)
        if user_agent:
            kwargs["user_agent"] = user_agent
        client = WikidataClient(**kwargs)
    link_resolution(resolution, records, client=client)
    graphs = [article_graph(r, resolution) for r in records]
    graphs.append(resolved_graph(resolution, records))
    for rec, g in zip(records, graphs):
        result = validate_graph(g)
        if not result.conforms:
            report.invalid[rec.article.id] = result
    ents = resolution.unique_entities()
    report.persons = sum(1 for e in ents if e.type == "Person")
    report.places = sum(1 for e in ents if e.type in {"Country", "City", "Place"})
    report.organisations = sum(1 for e in ents if e.type == "Organization")
    for ev in resolution.unique_events():
        modality = next(
            (e.modality for r in records for e in r.events if (r.article.id, e.local_id) == ev.members[0]), "occurred"
        )
        if modality == "occurred":
            report.events[ev.type] += 1
        else:
            report.planned += 1
    report.triples_written = sum(len(g) for g in graphs)
    return BuildResult(report, records, resolution, graphs)


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
) -> BuildResult:
    """Build the graph of the given articles into the store (and optionally a TriG/N-Quads file)."""
    result = build_graphs(
        paths,
        model=model,
        on_progress=on_progress,
        wikidata_endpoint=wikidata_endpoint,
        wikidata_cache=wikidata_cache,
        user_agent=user_agent,
    )
    if out is not None:
        out = Path(out)
        fmt = "nq" if out.suffix in {".nq", ".nquads"} else "trig"
        write_atomic(out, serialize_graphs(result.graphs, fmt))
        result.report.out = str(out)
    if store_path is not None:
        store = open_store(store_path)
        replace_graphs(store, result.graphs)
        store.flush()
        result.report.store = str(store_path)
        result.report.store_triples = count_triples(store)
    return result
