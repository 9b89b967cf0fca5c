"""The streaming, incremental build engine behind `kg build` (and `kg build --jobs N`).

Why it is shaped like this:

* **Bounded memory.** Articles are read and extracted in batches; each article's full records
  (with its body) are spilled to a per-article pickle and only a *compact* copy (no body) stays
  in memory for cross-article resolution. Graphs are rendered, validated and written to the
  store batch by batch and then dropped. What grows with the corpus is the resolution index:
  the compact records and the resolved entity/event per mention (see docs/performance.md).
* **Parallel where it is local.** Read → spaCy → extraction and render → SHACL → N-Quads are
  per-article, so `jobs > 1` runs them in worker processes. Resolution and linking need the
  whole corpus and run in the parent, between the two parallel phases.
* **Incremental.** A manifest next to the store (inside the store directory, so it lives and
  dies with it) keeps each article's content hash and the fingerprint of the resolution slice
  its graph was rendered from. An unchanged article costs no NLP; its graph is rewritten only
  when what it takes from resolution (labels, identities, event keys) changed. A change of the
  extraction code, lexicons or model invalidates all records; a change of the writer, resolver,
  gazetteer or shapes invalidates all graphs but keeps the records.
* **Same output.** Each graph is the one `kg.rdf.writer.article_graph` writes against the whole
  resolution (a slice gives the same graph), so an incremental build equals a full one.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import pickle
import resource
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.io import atomic_open, atomic_write
from kg.read.articles import ArticleError, iter_articles
from kg.paths import GAZETTEER, LEXICON, MODELS, ONTOLOGY, ROOT
from kg.build.report import BuildReport, RunStats
from kg.records import Article, ArticleRecords
from kg.resolve.result import Resolution

MANIFEST_VERSION = 1
CACHE_DIRNAME = "kg-build"  # inside the store directory; RocksDB ignores names it does not own
BATCH = 32  # articles per worker task and per store transaction


# --- fingerprints ----------------------------------------------------------------------------


def _hash_files(paths: Iterable[Path], h: hashlib._Hash) -> None:
    for p in sorted(paths):
        if p.is_dir():
            _hash_files((q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts), h)
        elif p.is_file():
            h.update(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p).encode())
            h.update(p.read_bytes())


_KG = ROOT / "kg"
#: What an article's records depend on besides its text and the model: the read and nlp stages,
#: the bottom layer they stand on, and the data files they read (the gazetteer is read by
#: recognition too: places, offices, nationality adjectives).
EXTRACT_SOURCES = (_KG / "read", _KG / "nlp", _KG / "arabic.py", _KG / "records.py", _KG / "gazetteer.py",
                   _KG / "io.py", LEXICON, GAZETTEER)
#: What a graph depends on besides its records and its resolution slice: the resolve, link and rdf
#: stages and their data (the gazetteer, the ontology and shapes).
RENDER_SOURCES = (_KG / "resolve", _KG / "link", _KG / "rdf", _KG / "gazetteer.py", GAZETTEER, ONTOLOGY)
#: Code that changes no record and no graph (where graphs go, how they are shown or scored; the
#: HTTP transport of remote SPARQL, whose answers are cached apart).
#: tests/test_layout.py checks that every module of kg/ is in exactly one of these three groups,
#: so a module moved or added cannot silently fall out of the fingerprints.
UNHASHED_SOURCES = (_KG / "__init__.py", _KG / "paths.py", _KG / "sparql.py", _KG / "store", _KG / "view",
                    _KG / "build", _KG / "evaluate", _KG / "cli")


def extract_fingerprint(model: str | None) -> str:
    """What the records of an article depend on besides its text: code, lexicons, model."""
    h = hashlib.sha1(b"extract")
    # kg.nlp.pipeline.default_model, restated here so that a no-op rebuild does not import spaCy
    if model:
        model_dir = Path(model)
    else:
        trf = MODELS / "ner-trf"
        model_dir = trf if (trf / "meta.json").exists() else MODELS / "ner"
    _hash_files([*EXTRACT_SOURCES, model_dir], h)
    h.update(str(model_dir).encode())
    return h.hexdigest()


def render_fingerprint(endpoint: str | None) -> str:
    """What a graph depends on besides its records and its resolution slice."""
    h = hashlib.sha1(b"render")
    _hash_files(RENDER_SOURCES, h)
    h.update((endpoint or "").encode())
    return h.hexdigest()


def article_hash(a: Article) -> str:
    """Content hash of what extraction reads (the path is not part of it: moving a file is free)."""
    parts = [a.id, a.text, a.published.isoformat() if a.published else "", a.outlet or "", a.url or "", a.title or ""]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


# --- on-disk state ---------------------------------------------------------------------------


@dataclass
class Manifest:
    """Per-article state of the last build into this store, and the fingerprints it used."""

    extract_fp: str = ""
    render_fp: str = ""
    articles: dict[str, dict] = field(default_factory=dict)  # aid -> {hash, key, triples, conforms}

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if data.get("version") != MANIFEST_VERSION:
            return cls()
        return cls(data.get("extract_fp", ""), data.get("render_fp", ""), data.get("articles", {}))

    def save(self, path: Path) -> None:
        data = {"version": MANIFEST_VERSION, "extract_fp": self.extract_fp, "render_fp": self.render_fp,
                "articles": self.articles}
        atomic_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


class RecordCache:
    """One pickle per article (full records, body included) plus one file of compact records."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / "records"
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, aid: str) -> Path:
        return self.dir / f"{aid}.pkl"

    def put(self, rec: ArticleRecords) -> None:
        # no fsync: a cache entry lost to a power cut costs one article's NLP, an fsync per article
        # costs ~6 ms (60 s on 10k articles)
        atomic_write(self.path(rec.article.id), pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL), fsync=False)

    def get(self, aid: str) -> ArticleRecords:
        with open(self.path(aid), "rb") as fh:
            return pickle.load(fh)

    def load_compact(self) -> dict[str, tuple[str, ArticleRecords]]:
        try:
            with open(self.root / "compact.pkl", "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return {}

    def save_compact(self, compact: dict[str, tuple[str, ArticleRecords]]) -> None:
        atomic_write(self.root / "compact.pkl", pickle.dumps(compact, protocol=pickle.HIGHEST_PROTOCOL))


# --- the per-article work (run in-process or in worker processes) -----------------------------


def extract_iter(articles: Sequence[Article], model: str | None, t: Counter[str] | None = None) -> Iterator[ArticleRecords]:
    """spaCy + extraction, article by article: the one code path of every engine (in-process,
    worker processes, Spark executors). `t` collects seconds per stage."""
    from kg.nlp.extract import nlp_text, records_from_doc
    from kg.nlp.lexicons import load_lexicons
    from kg.nlp.pipeline import load_pipeline

    t = t if t is not None else Counter()
    t0 = time.perf_counter()
    nlp = load_pipeline(model)
    lex = load_lexicons()
    t["load"] += time.perf_counter() - t0
    # A memory zone per batch: spaCy otherwise interns every new word of every article in the
    # vocab's StringStore for the life of the process, so a long build grows without bound. The
    # records hold plain strings and offsets, never Docs or Tokens, so nothing outlives the zone.
    with nlp.memory_zone():
        for group in nlp_groups(articles):
            t0 = time.perf_counter()
            docs = list(nlp.pipe((nlp_text(a) for a in group), batch_size=len(group)))
            t["nlp"] += time.perf_counter() - t0
            for article, doc in zip(group, docs):
                t1 = time.perf_counter()
                rec = records_from_doc(article, doc, lex)
                t["extract"] += time.perf_counter() - t1
                yield rec
            del docs


# pyoxigraph's store holds what was written in memory until it is flushed: writing 3 M quads
# without a flush grew the process to 2.9 GB, flushing every 100k quads kept it at 0.25 GB.
FLUSH_QUADS = 100_000

# spaCy batches by number of Docs, and the CNN's intermediate arrays grow with the tokens of the
# whole batch: 16 long articles in one batch took ~430 MB for a moment. Groups are cut by size.
NLP_GROUP_DOCS = 16
NLP_GROUP_CHARS = 40_000


def nlp_groups(articles: Sequence[Article]) -> Iterator[list[Article]]:
    """Consecutive articles in groups of at most NLP_GROUP_DOCS articles and NLP_GROUP_CHARS
    characters (an article longer than that is a group of its own), so the memory spaCy needs
    for a batch is bounded whatever the input."""
    group: list[Article] = []
    size = 0
    for a in articles:
        if group and (len(group) >= NLP_GROUP_DOCS or size + len(a.text) > NLP_GROUP_CHARS):
            yield group
            group, size = [], 0
        group.append(a)
        size += len(a.text)
    if group:
        yield group


def extract_batch(model: str | None, cache_root: str, articles: list[Article]) -> tuple[list[ArticleRecords], dict]:
    """spaCy + extraction for a batch; full records go to the cache, compact ones come back."""
    from kg.resolve.blocking import compact

    t: Counter[str] = Counter()
    cache = RecordCache(Path(cache_root))
    out = []
    for rec in extract_iter(articles, model, t):
        t0 = time.perf_counter()
        cache.put(rec)
        out.append(compact(rec))
        t["cache"] += time.perf_counter() - t0
    return out, dict(t)


@dataclass
class Rendered:
    aid: str
    nquads: str  # N-Quads lines of the graph, as kg.rdf.writer.sorted_nquads writes them (unsorted)
    triples: int
    report: object | None  # kg.rdf.validate.ValidationReport, or None when not validated
    graph: object | None = None  # the rdflib Graph, when the caller keeps graphs


def render_one(rec: ArticleRecords, sl: Resolution, check: bool, t: Counter[str] | None = None):
    """Article graph (against its resolution slice) → SHACL report → N-Quads text.

    Returns (graph, N-Quads text, report or None); the one code path of every engine.
    """
    from kg.rdf.writer import article_graph, graph_nquads
    from kg.rdf.validate import validate_graph

    t = t if t is not None else Counter()
    t1 = time.perf_counter()
    g = article_graph(rec, sl)
    t2 = time.perf_counter()
    report = validate_graph(g) if check else None
    t3 = time.perf_counter()
    text = graph_nquads(g)
    t["rdf"] += (t2 - t1) + (time.perf_counter() - t3)
    t["validate"] += t3 - t2
    return g, text, report


def render_batch(
    cache_root: str, items: list[tuple[str, Resolution, bool]], keep_graphs: bool = False
) -> tuple[list[Rendered], dict]:
    """Render a batch from the record cache; `items` are (id, slice, validate?)."""
    t: Counter[str] = Counter()
    cache = RecordCache(Path(cache_root))
    out = []
    for aid, sl, check in items:
        t0 = time.perf_counter()
        rec = cache.get(aid)
        t["cache"] += time.perf_counter() - t0
        g, text, report = render_one(rec, sl, check, t)
        out.append(Rendered(aid, text, len(g), report, g if keep_graphs else None))
    return out, dict(t)


def _init_worker() -> None:
    """Workers ignore Ctrl-C (the parent stops them) and keep one pipeline per process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- the build ---------------------------------------------------------------------------------


class _Pool:
    """A process pool with a bounded number of tasks in flight (so input is not all queued)."""

    def __init__(self, jobs: int) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.build.engine", "kg.nlp.extract", "kg.rdf.writer", "kg.rdf.validate"])
        self.ex = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker)
        self.limit = 2 * jobs

    def map_bounded(self, fn: Callable, arg_iter: Iterable[tuple]) -> Iterator:
        """Results in submission order, with at most `limit` tasks queued at a time."""
        pending: list[Future] = []
        for args in arg_iter:
            pending.append(self.ex.submit(fn, *args))
            if len(pending) >= self.limit:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()

    def close(self) -> None:
        self.ex.shutdown(wait=True, cancel_futures=True)


def _batched(it: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


#: `--out` suffix → format (matched case-insensitively); anything else is refused before the build.
OUT_FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}


def out_format(out: str | Path) -> str:
    """The format `--out FILE` is written in, from its extension; ValueError for any other."""
    suffix = Path(out).suffix.lower()
    if suffix not in OUT_FORMATS:
        known = ", ".join(OUT_FORMATS)
        raise ValueError(f"--out {out}: cannot tell the format from {suffix or 'no extension'!r}; use one of {known}")
    return OUT_FORMATS[suffix]


def stored_nquads(text: str) -> list[str]:
    """N-Quads lines as the store will hold them, sorted.

    Oxigraph keeps literals in a value encoding: `"0.90"^^xsd:decimal` comes back as `"0.9"`, and
    every integer subtype (`xsd:nonNegativeInteger`) as `xsd:integer` (oxigraph issue #1413).
    Passing the quads through an in-memory Store applies exactly that encoding, so `--out` holds
    the terms that `kg query`, `kg export` and `kg load` see. Sorted, so the file is the same
    bytes whatever order rdflib emitted the triples in.
    """
    import pyoxigraph as ox

    mem = ox.Store()
    mem.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return sorted(mem.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


class _OutFile:
    """`--out FILE` without holding the corpus in memory, in the store's terms (`stored_nquads`).

    N-Quads: sorted runs on disk merged at the end, so the file is the sorted N-Quads of all
    graphs, the lines of `kg export --format nquads` in sorted order. TriG: one block per graph,
    in build order, its triples sorted (oxigraph's TriG writer with the project prefixes).
    Written through kg.io.atomic_open: 0644, renamed into place only when complete.
    """

    def __init__(self, out: Path, workdir: Path) -> None:
        self.out = out
        self.nq = out_format(out) == "nquads"
        self.dir = workdir / "runs"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.files: list[Path] = []
        self._file = atomic_open(out)
        self.fh = self._file.__enter__()
        self._open = True
        if not self.nq:
            from kg.rdf.writer import PREFIXES

            self.prefixes = {k: str(v) for k, v in PREFIXES.items()}
            for k, v in self.prefixes.items():
                self.fh.write(f"@prefix {k}: <{v}> .\n".encode())

    def add(self, texts: Iterable[str]) -> None:
        texts = [t for t in texts if t]
        if self.nq:
            lines = sorted(line for t in texts for line in stored_nquads(t))
            if lines:
                p = self.dir / f"{len(self.files):06d}.nq"
                p.write_text("\n".join(lines) + "\n", encoding="utf-8")
                self.files.append(p)
            return
        import pyoxigraph as ox

        for t in texts:
            quads = ox.parse("\n".join(stored_nquads(t)).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            body = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=self.prefixes).decode("utf-8")
            self.fh.write(b"\n")
            self.fh.write("\n".join(l for l in body.splitlines() if not l.startswith("@prefix")).encode("utf-8"))
            self.fh.write(b"\n")

    def close(self) -> None:
        try:
            if self.nq:
                handles = [open(p, encoding="utf-8") for p in self.files]
                try:
                    streams = [(line.rstrip("\n") for line in h) for h in handles]
                    for line in heapq.merge(*streams):
                        self.fh.write((line + "\n").encode("utf-8"))
                finally:
                    for h in handles:
                        h.close()
        except BaseException as exc:
            self._open = False
            self._file.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._open = False
        self._file.__exit__(None, None, None)

    def abort(self) -> None:
        """Drop the half-written file (the temporary one; an earlier `--out` file stays)."""
        if self._open:
            self._open = False
            stop = RuntimeError("build aborted")
            self._file.__exit__(RuntimeError, stop, None)


def _wikidata_client(endpoint: str, cache: str | Path | None, user_agent: str | None, required: bool,
                     report: BuildReport):
    """A WikidataClient for an endpoint that answers; None (and one warning) for one that does not."""
    from kg.link.wikidata import WikidataClient, WikidataError

    kwargs: dict = {"endpoint": endpoint}
    if cache:
        kwargs["cache_dir"] = Path(cache)
    if user_agent:
        kwargs["user_agent"] = user_agent
    try:
        client = WikidataClient(**kwargs)
        client.check()
    except (WikidataError, ValueError) as exc:
        if required:
            raise WikidataError(f"the Wikidata endpoint does not answer: {exc}") from None
        report.warnings.append(f"the Wikidata endpoint does not answer ({exc}); linking with the offline gazetteer only")
        return None
    return client


def run_build(
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
):
    """Read → extract → resolve → link → RDF → validate → store, streaming; see module doc.

    An endpoint that does not answer is found out before any work (issue 15.7): with
    `wikidata_required` that is a `WikidataError`, otherwise the build links with the offline
    gazetteer only and says so once in `report.warnings`.

    Returns (report, records, resolution, graphs, stats); records and graphs are empty lists
    unless `retain` (small corpora, tests, callers that inspect the graphs).
    """
    from kg.link.stage import link_resolution
    from kg.rdf.writer import graph_nquads, nquads_graph, resolved_graph
    from kg.resolve.blocking import article_slice, resolve_scalable, slice_fingerprint

    if out is not None:
        out_format(out)  # an unknown extension is refused before any work (ValueError)
    secs: Counter[str] = Counter()
    stats = RunStats()
    report = BuildReport()
    t_start = time.perf_counter()

    store_path = Path(store_path) if store_path is not None else None
    tmp_root: Path | None = None
    if store_path is not None:
        state = store_path / CACHE_DIRNAME
    else:
        tmp_root = Path(tempfile.mkdtemp(prefix="kg-build-"))
        state = tmp_root
    state.mkdir(parents=True, exist_ok=True)
    manifest_path = state / "manifest.json"
    cache = RecordCache(state)
    t0 = time.perf_counter()
    client = None
    if wikidata_endpoint:
        client = _wikidata_client(wikidata_endpoint, wikidata_cache, user_agent, wikidata_required, report)
        if client is None:  # fell back: the graphs are what an offline build renders
            wikidata_endpoint = None
    efp, rfp = extract_fingerprint(model), render_fingerprint(wikidata_endpoint)
    old = Manifest.load(manifest_path) if (incremental and store_path is not None) else Manifest()
    old_compact = cache.load_compact() if old.extract_fp == efp else {}
    secs["manifest"] += time.perf_counter() - t0

    pool = _Pool(jobs) if jobs > 1 else None
    runs: _OutFile | None = None
    try:
        # --- phase 1: read and extract, streaming -------------------------------------------
        order: list[str] = []
        hashes: dict[str, str] = {}
        compact: dict[str, ArticleRecords] = {}
        seen: dict[str, str] = {}

        def articles() -> Iterator[Article]:
            t = time.perf_counter()
            for item in iter_articles(paths):
                if isinstance(item, ArticleError):
                    report.errors.append(item)
                elif item.id in seen:
                    report.errors.append(ArticleError(item.path or item.id, f"duplicate article id {item.id!r} (first in {seen[item.id]})"))
                else:
                    seen[item.id] = item.path or item.id
                    secs["read"] += time.perf_counter() - t
                    yield item
                    t = time.perf_counter()
            secs["read"] += time.perf_counter() - t

        def todo_batches() -> Iterator[list[Article]]:
            pending: list[Article] = []
            for a in articles():
                h = article_hash(a)
                order.append(a.id)
                hashes[a.id] = h
                cached = old_compact.get(a.id)
                if cached is not None and cached[0] == h and cache.path(a.id).exists():
                    compact[a.id] = cached[1]
                    stats.reused += 1
                    if on_progress:
                        on_progress(a.id)
                    continue
                pending.append(a)
                if len(pending) >= BATCH:
                    yield pending
                    pending = []
            if pending:
                yield pending

        results = (
            pool.map_bounded(extract_batch, ((model, str(state), b) for b in todo_batches()))
            if pool
            else (extract_batch(model, str(state), b) for b in todo_batches())
        )
        for recs, t in results:
            for k, v in t.items():
                secs[k] += v
            for rec in recs:
                compact[rec.article.id] = rec
                stats.extracted += 1
                if on_progress:
                    on_progress(rec.article.id)
        report.articles = stats.read = len(order)
        records = [compact[aid] for aid in order]

        # --- phase 2: resolution and linking (whole corpus, compact records) -----------------
        t0 = time.perf_counter()
        res = resolve_scalable(records)
        secs["resolve"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        link_warnings = link_resolution(res, records, client=client)
        if link_warnings:  # the endpoint failed midway: render all again next time
            report.warnings.extend(link_warnings)
            rfp += "-partial"
        secs["link"] += time.perf_counter() - t0

        # --- phase 3: render, validate, write ---------------------------------------------
        store = None
        if store_path is not None:
            from kg.store.local import open_store, rebuild_union, remove_graph, union_is_missing, write_nquads

            t0 = time.perf_counter()
            store = open_store(store_path)
            secs["store"] += time.perf_counter() - t0
        runs = _OutFile(Path(out), state / "tmp") if out is not None else None
        unflushed = 0
        same_render = old.render_fp == rfp and old.extract_fp == efp
        new_entries: dict[str, dict] = {}
        graphs: list = []
        render_all = retain or out is not None

        def render_items() -> Iterator[list[tuple[str, Resolution, bool]]]:
            batch: list[tuple[str, Resolution, bool]] = []
            for aid in order:
                t = time.perf_counter()
                sl = article_slice(compact[aid], res)
                key = hashlib.sha1((hashes[aid] + slice_fingerprint(sl)).encode()).hexdigest()
                secs["slice"] += time.perf_counter() - t
                prev = old.articles.get(aid)
                unchanged = same_render and prev is not None and prev.get("key") == key and prev.get("conforms")
                new_entries[aid] = {"hash": hashes[aid], "key": key, "triples": prev["triples"] if unchanged else 0,
                                    "conforms": True, "write": not unchanged}
                if unchanged and not render_all:
                    stats.triples_written += prev["triples"]
                    continue
                batch.append((aid, sl, not unchanged))
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch

        rendered_iter = (
            pool.map_bounded(render_batch, ((str(state), b, False) for b in render_items()))
            if pool
            else (render_batch(str(state), b, retain) for b in render_items())
        )
        import pyoxigraph as ox

        from kg.rdf.writer import graph_iri

        for done, t in rendered_iter:
            for k, v in t.items():
                secs[k] += v
            to_write = []
            for r in done:
                entry = new_entries[r.aid]
                entry["triples"] = r.triples
                stats.triples_written += r.triples
                if r.report is not None:
                    stats.rendered += 1
                    if not r.report.conforms:  # type: ignore[attr-defined]
                        report.invalid[r.aid] = r.report  # type: ignore[assignment]
                        entry["conforms"] = False
                if entry["write"]:
                    to_write.append(r)
                if retain:
                    graphs.append(r.graph if r.graph is not None else nquads_graph(r.nquads, graph_iri(r.aid)))
            if runs is not None:
                t0 = time.perf_counter()
                runs.add(r.nquads for r in done)
                secs["out"] += time.perf_counter() - t0
            if store is not None and to_write:
                t0 = time.perf_counter()
                unflushed += write_nquads(store, [(str(graph_iri(r.aid)), r.nquads) for r in to_write])
                if unflushed >= FLUSH_QUADS:
                    store.flush()  # RocksDB keeps written data in memory until flushed (see FLUSH_QUADS)
                    unflushed = 0
                stats.written += len(to_write)
                secs["store"] += time.perf_counter() - t0

        # --- the cross-article graph --------------------------------------------------------
        t0 = time.perf_counter()
        rg = resolved_graph(res, records)
        rtext = graph_nquads(rg) if len(rg) else ""
        secs["rdf"] += time.perf_counter() - t0
        if len(rg):
            # Validated on its own, like an article graph: dsh:ResolvedEvent targets its nodes by
            # the cross-article facts it holds (it has no types). Linear in the fused events.
            from kg.rdf.validate import validate_graph

            t0 = time.perf_counter()
            rreport = validate_graph(rg)
            secs["validate"] += time.perf_counter() - t0
            if not rreport.conforms:
                report.invalid["_resolved"] = rreport  # type: ignore[assignment]
        stats.triples_written += len(rg)
        if retain:
            graphs.append(rg)
        if runs is not None:
            runs.add([rtext])
            t0 = time.perf_counter()
            runs.close()
            runs = None
            report.out = str(out)
            secs["out"] += time.perf_counter() - t0
        if store is not None:
            t0 = time.perf_counter()
            name = ox.NamedNode(str(rg.identifier))
            if rtext:
                write_nquads(store, [(str(rg.identifier), rtext)])
            elif store.contains_named_graph(name):
                remove_graph(store, str(rg.identifier))
            # Articles of the last build that are gone from the input: the store mirrors the
            # input, so their graphs go (and their triples leave the union). Not when this build
            # skipped unreadable files: an article whose file broke is not one the user removed.
            stale = sorted(set(Manifest.load(manifest_path).articles) - set(order))
            if stale and report.errors:
                report.kept_stale = stale
            else:
                for aid in stale:
                    remove_graph(store, str(graph_iri(aid)))
                report.removed = stale
            if union_is_missing(store):
                rebuild_union(store)  # a store written before the union was kept per batch
            store.flush()
            secs["store"] += time.perf_counter() - t0
            from kg.store.local import count_triples

            report.store = str(store_path)
            report.store_triples = count_triples(store)
            t0 = time.perf_counter()
            for e in new_entries.values():
                e.pop("write", None)
            Manifest(efp, rfp, new_entries).save(manifest_path)
            cache.save_compact({aid: (hashes[aid], compact[aid]) for aid in order})
            current = set(order)  # records of articles not in this build would only go stale
            for p in cache.dir.glob("*.pkl"):
                if p.stem not in current:
                    p.unlink(missing_ok=True)
            secs["manifest"] += time.perf_counter() - t0
        full = [cache.get(aid) for aid in order] if retain else []
    finally:
        if runs is not None:
            runs.abort()
        if pool is not None:
            pool.close()
        if tmp_root is not None:
            shutil.rmtree(tmp_root, ignore_errors=True)
        elif (state / "tmp").exists():
            shutil.rmtree(state / "tmp", ignore_errors=True)

    # --- summary -------------------------------------------------------------------------------
    ents = res.unique_entities()
    report.persons = sum(1 for e in ents if e.type == "Person")
    report.places = sum(1 for e in ents if e.type in {"Country", "City", "Place"})
    report.organisations = sum(1 for e in ents if e.type == "Organization")
    modality = {(r.article.id, e.local_id): e.modality for r in records for e in r.events}
    for ev in res.unique_events():
        if modality.get(ev.members[0], "occurred") == "occurred":
            report.events[ev.type] += 1
        else:
            report.planned += 1
    report.triples_written = stats.triples_written
    secs["total"] = time.perf_counter() - t_start
    stats.seconds = dict(secs)
    stats.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report, full, res, graphs, stats
