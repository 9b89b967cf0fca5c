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
import os
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
from kg.read.articles import ArticleError, IgnoredFile, iter_articles
from kg.paths import GAZETTEER, LEXICON, MODELS, ONTOLOGY, ROOT
from kg.build.report import BuildReport, RunStats
from kg.records import Article, ArticleRecords
from kg.resolve.result import Resolution

MANIFEST_VERSION = 1
CACHE_DIRNAME = "kg-build"  # inside the store directory (= kg.store.state.STATE_DIRNAME)
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
    """One pickle per article (full records, body included) plus one file of compact records.

    Each pickle is written whole (temp file, then rename) and carries the extraction fingerprint
    it was made under, so a build resuming after a killed one can tell a finished record of the
    right code from a stale one without trusting anything else (`verified`).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / "records"
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, aid: str) -> Path:
        return self.dir / f"{aid}.pkl"

    def put(self, rec: ArticleRecords, efp: str = "") -> None:
        # no fsync: a cache entry lost to a power cut costs one article's NLP, an fsync per article
        # costs ~6 ms (60 s on 10k articles)
        atomic_write(self.path(rec.article.id), pickle.dumps((efp, rec), protocol=pickle.HIGHEST_PROTOCOL), fsync=False)

    def _load(self, aid: str) -> tuple[str, ArticleRecords]:
        with open(self.path(aid), "rb") as fh:
            data = pickle.load(fh)
        return data if isinstance(data, tuple) else ("", data)  # a bare record: written before fingerprints

    def get(self, aid: str) -> ArticleRecords:
        return self._load(aid)[1]

    def article(self, aid: str) -> Article | None:
        """The article a record was made from (body included), or None without a readable record."""
        try:
            return self._load(aid)[1].article
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None

    def verified(self, aid: str, efp: str) -> tuple[str, ArticleRecords] | None:
        """(content hash, compact record) of a record made under `efp`, else None."""
        from kg.resolve.blocking import compact

        try:
            made_under, rec = self._load(aid)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        return (article_hash(rec.article), compact(rec)) if made_under == efp else None

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


def extract_batch(model: str | None, cache_root: str, articles: list[Article], efp: str = "") -> tuple[list[ArticleRecords], dict]:
    """spaCy + extraction for a batch; full records go to the cache (marked with the extraction
    fingerprint `efp`), compact ones come back."""
    from kg.resolve.blocking import compact

    t: Counter[str] = Counter()
    cache = RecordCache(Path(cache_root))
    out = []
    for rec in extract_iter(articles, model, t):
        t0 = time.perf_counter()
        cache.put(rec, efp)
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

    def __init__(self, out: Path, workdir: Path, announce: Callable[[str], None] | None = None) -> None:
        self.out = out
        self.nq = out_format(out) == "nquads"
        self.dir = workdir / "runs"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.files: list[Path] = []
        # A name known before the file exists, so the build's journal can announce it first and a
        # build killed while writing it has its temporary file removed by the next one.
        self.tmp = str(out.parent / f".{out.name}.{os.getpid()}.tmp")
        if announce is not None:
            announce(self.tmp)
        self._file = atomic_open(out, tmp_name=self.tmp)
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


def _prune_plan(paths: Sequence[str | Path], known: Iterable[str]) -> tuple[list[str], str]:
    """What `--prune` will remove, read from the input before any NLP: (article ids, one line).

    A read of the input alone (no spaCy): cheap next to the build, and it lets the user stop a
    build that would remove what they did not mean to. Nothing is planned when no article can be
    read or some file cannot: a broken or empty input is not a deleted corpus.
    """
    ids: set[str] = set()
    errors = 0
    for item in iter_articles(paths):
        if isinstance(item, Article):
            ids.add(item.id)
        elif isinstance(item, ArticleError):
            errors += 1
    gone = sorted(set(known) - ids)
    if not gone:
        return [], "--prune: every article of the store is in the input; nothing to remove"
    if not ids:
        return [], f"--prune: no article can be read from the input; nothing will be removed ({len(gone)} kept)"
    if errors:
        return [], (f"--prune: {errors} file(s) or line(s) cannot be read; nothing will be removed "
                    f"({len(gone)} article(s) not in the input kept)")
    shown = ", ".join(gone[:10]) + (f", … ({len(gone) - 10} more)" if len(gone) > 10 else "")
    return gone, f"--prune: will remove the graphs of {len(gone)} article(s) no longer in the input: {shown}"


def _clean_leftovers(state: Path, journal) -> None:  # noqa: ANN001 - kg.store.state.Journal
    """Temporary files of a build that was killed: its --out file, half-written record and
    manifest files, the sorted runs of its N-Quads output."""
    for tmp in journal.out_tmp:
        Path(tmp).unlink(missing_ok=True)
    for p in [*state.glob(".*.tmp"), *(state / "records").glob(".*.tmp")]:
        p.unlink(missing_ok=True)
    shutil.rmtree(state / "tmp", ignore_errors=True)


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
    prune: bool = False,
    on_notice: Callable[[str], None] | None = None,
):
    """Read → extract → resolve → link → RDF → validate → store, streaming; see module doc.

    The store keeps every article it was given, as rsync keeps files: an article of an earlier
    build that is not in this input stays, and is resolved with this input from its cached
    records (so the store equals a clean build of all its articles). `prune` removes the graphs
    of such articles instead, except when no article or not every file could be read; what it
    will remove is told (`on_notice`) before the NLP starts. A build that reads no article
    leaves the store as it was. The store is locked for the whole build (a second build or a
    `kg serve` of it is refused at once), and a journal lets the next build finish a killed one
    (kg.store.state).

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
    notice = on_notice or (lambda _m: None)

    store_path = Path(store_path) if store_path is not None else None
    tmp_root: Path | None = None
    lock = journal = store = None
    prev = None  # the journal of an earlier build that did not finish
    if store_path is not None:
        from kg.store.local import StoreError, open_store
        from kg.store.state import JournalWriter, StoreBusy, StoreLock, read_journal

        try:
            lock = StoreLock(store_path)  # before anything else: a busy store is refused at once
        except StoreBusy as exc:
            raise StoreError(str(exc)) from None
        state = store_path / CACHE_DIRNAME
    else:
        tmp_root = Path(tempfile.mkdtemp(prefix="kg-build-"))
        state = tmp_root
    pool = None
    client = None
    runs: _OutFile | None = None
    finished = False
    try:
        if wikidata_endpoint:  # before the store is opened: an online-only build that cannot run leaves none
            client = _wikidata_client(wikidata_endpoint, wikidata_cache, user_agent, wikidata_required, report)
            if client is None:  # fell back: the graphs are what an offline build renders
                wikidata_endpoint = None
        if store_path is not None:
            t0 = time.perf_counter()
            store = open_store(store_path)
            secs["store"] += time.perf_counter() - t0
            prev = read_journal(store_path)
            if prev is not None:
                _clean_leftovers(state, prev)
                notice(f"the last build into {store_path} did not finish (pid {prev.pid}, started {prev.started}); "
                       "resuming from the records it made")
            journal = JournalWriter(store_path, carry=prev)
        state.mkdir(parents=True, exist_ok=True)
        manifest_path = state / "manifest.json"
        cache = RecordCache(state)
        t0 = time.perf_counter()
        efp, rfp = extract_fingerprint(model), render_fingerprint(wikidata_endpoint)
        known = Manifest.load(manifest_path) if store_path is not None else Manifest()  # what the store holds
        old = known if incremental else Manifest()  # what this build may reuse
        old_compact = cache.load_compact() if old.extract_fp == efp else {}
        forced: set[str] = set()  # graphs a killed build may have written or removed: write them again
        if prev is not None:
            forced = set(prev.graphs)
            for aid in sorted(forced - set(known.articles) - {"_resolved"}):
                known.articles[aid] = {}  # an article the killed build added: the store holds it now
            for aid in prev.records:  # records the killed build may have rewritten: trust only what checks out
                old_compact.pop(aid, None)
                got = cache.verified(aid, efp) if incremental else None
                if got is not None:
                    old_compact[aid] = got
        secs["manifest"] += time.perf_counter() - t0

        planned: list[str] = []
        if prune and known.articles:
            t0 = time.perf_counter()
            planned, line = _prune_plan(paths, known.articles)
            notice(line)
            secs["read"] += time.perf_counter() - t0

        pool = _Pool(jobs) if jobs > 1 else None
        # --- phase 1: read and extract, streaming -------------------------------------------
        order: list[str] = []  # articles of this input, in input order
        kept: list[str] = []  # articles of earlier builds not in this input, carried along
        hashes: dict[str, str] = {}
        compact: dict[str, ArticleRecords] = {}
        seen: dict[str, str] = {}
        unreadable: list[str] = []  # kept articles without a readable record: graph kept as it is

        def articles() -> Iterator[tuple[Article, bool]]:
            t = time.perf_counter()
            for item in iter_articles(paths):
                if isinstance(item, IgnoredFile):
                    report.ignored.append(item)
                elif isinstance(item, ArticleError):
                    report.errors.append(item)
                elif item.id in seen:
                    report.errors.append(ArticleError(item.path or item.id, f"duplicate article id {item.id!r} (first in {seen[item.id]})"))
                else:
                    seen[item.id] = item.path or item.id
                    secs["read"] += time.perf_counter() - t
                    yield item, False
                    t = time.perf_counter()
            secs["read"] += time.perf_counter() - t
            if not seen:
                return  # nothing read: the store is left as it is (see below)
            removing = set(planned) if not report.errors else set()
            for aid in sorted(set(known.articles) - set(seen)):
                if aid in removing:
                    report.removed.append(aid)
                    continue
                cached = old_compact.get(aid)
                if cached is not None and cached[0] == known.articles[aid].get("hash") and cache.path(aid).exists():
                    yield Article(aid, "", path=f"(kept) {aid}"), True
                    continue
                a = cache.article(aid)
                if a is None:
                    unreadable.append(aid)
                else:
                    yield a, True

        def todo_batches() -> Iterator[list[Article]]:
            pending: list[Article] = []
            for a, carried in articles():
                cached = old_compact.get(a.id)
                if carried:
                    kept.append(a.id)
                    h = cached[0] if cached is not None and not a.text else article_hash(a)
                else:
                    order.append(a.id)
                    h = article_hash(a)
                hashes[a.id] = h
                if cached is not None and cached[0] == h and cache.path(a.id).exists():
                    compact[a.id] = cached[1]
                    stats.reused += 1
                    if on_progress:
                        on_progress(a.id)
                    continue
                pending.append(a)
                if len(pending) >= BATCH:
                    if journal is not None:
                        journal.add("x", [p.id for p in pending])
                    yield pending
                    pending = []
            if pending:
                if journal is not None:
                    journal.add("x", [p.id for p in pending])
                yield pending

        results = (
            pool.map_bounded(extract_batch, ((model, str(state), b, efp) for b in todo_batches()))
            if pool
            else (extract_batch(model, str(state), b, efp) for b in todo_batches())
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
        report.kept = list(kept) + unreadable
        corpus = order + kept
        records = [compact[aid] for aid in corpus]

        if not order:
            # No article read: leave the store exactly as it was (no removal, no _resolved rewrite).
            report.removed = []
            report.kept = sorted(known.articles)
            if store is not None:
                from kg.store.local import count_triples

                report.store = str(store_path)
                report.store_triples = count_triples(store)
            res = Resolution(entities={}, events={})
            if journal is not None:
                if prev is None:
                    journal.finish()  # nothing was changed, and nothing was unsettled before
                else:
                    journal.close()  # what a killed build left unsettled still is
                journal = None
            return report, [], res, [], stats

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
        if store is not None:
            from kg.store.local import rebuild_union, remove_graph, repair_union, union_is_missing, write_nquads
        runs = _OutFile(Path(out), state / "tmp", (lambda tmp: journal.add("o", [tmp])) if journal else None) if out is not None else None
        unflushed = 0
        same_render = old.render_fp == rfp and old.extract_fp == efp
        new_entries: dict[str, dict] = {}
        graphs: list = []
        render_all = retain or out is not None

        def render_items() -> Iterator[list[tuple[str, Resolution, bool]]]:
            batch: list[tuple[str, Resolution, bool]] = []
            for aid in corpus:
                t = time.perf_counter()
                sl = article_slice(compact[aid], res)
                key = hashlib.sha1((hashes[aid] + slice_fingerprint(sl)).encode()).hexdigest()
                secs["slice"] += time.perf_counter() - t
                prev_entry = old.articles.get(aid)
                unchanged = (same_render and prev_entry is not None and prev_entry.get("key") == key
                             and prev_entry.get("conforms") and aid not in forced)
                new_entries[aid] = {"hash": hashes[aid], "key": key, "triples": prev_entry["triples"] if unchanged else 0,
                                    "conforms": True, "write": not unchanged}
                if unchanged and not render_all:
                    stats.triples_written += prev_entry["triples"]
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
                journal.add("g", [r.aid for r in to_write])  # type: ignore[union-attr]
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
            journal.add("u")  # type: ignore[union-attr]
            name = ox.NamedNode(str(rg.identifier))
            if rtext:
                write_nquads(store, [(str(rg.identifier), rtext)])
            elif store.contains_named_graph(name):
                remove_graph(store, str(rg.identifier))
            # --prune: the graphs announced before the build, of articles still gone from the input.
            journal.add("r", report.removed)  # type: ignore[union-attr]
            for aid in report.removed:
                remove_graph(store, str(graph_iri(aid)))
            if prev is not None and prev.union:
                repair_union(store)  # a killed build may have left a graph replaced but the union not
            elif union_is_missing(store):
                rebuild_union(store)  # a store written before the union was kept per batch
            store.flush()
            secs["store"] += time.perf_counter() - t0
            from kg.store.local import count_triples

            report.store = str(store_path)
            report.store_triples = count_triples(store)
            t0 = time.perf_counter()
            for e in new_entries.values():
                e.pop("write", None)
            for aid in unreadable:  # no record to resolve it with: its graph and entry stay as they were
                new_entries[aid] = known.articles[aid]
            cache.save_compact({aid: (hashes[aid], compact[aid]) for aid in corpus})
            Manifest(efp, rfp, new_entries).save(manifest_path)
            current = set(new_entries)  # records of articles no longer in the store would only go stale
            for p in cache.dir.glob("*.pkl"):
                if p.stem not in current:
                    p.unlink(missing_ok=True)
            secs["manifest"] += time.perf_counter() - t0
        full = [cache.get(aid) for aid in order] if retain else []
        finished = True
    finally:
        if runs is not None:
            runs.abort()
        if pool is not None:
            pool.close()
        if journal is not None:
            if finished:
                journal.finish()
            else:
                journal.close()
        if tmp_root is not None:
            shutil.rmtree(tmp_root, ignore_errors=True)
        elif (state / "tmp").exists():
            shutil.rmtree(state / "tmp", ignore_errors=True)
        store = None
        if lock is not None:
            lock.release()

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
