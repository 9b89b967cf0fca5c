"""`kg build` on Apache Spark: per-article work on executors, resolution as a keyed grouping.

Optional extra: `pip install -e '.[spark]'` (pyspark; Java 17). Run:

    .venv/bin/python -m kg.build.spark data/articles --store build/store-spark \
        --master 'local-cluster[2,1,1024]'          # or spark://host:7077, yarn, k8s://…

The job is the single-machine build cut at its two natural seams (see docs/scale.md):

1. **map** (executors): read the input files, spaCy + extraction (`kg.build.engine.extract_iter`,
   the same function `kg build` runs), records kept in executor memory/disk.
2. **keyed grouping** (shuffle): entity identities are resolved on the driver from compact
   records (near-linear), then every event report is keyed by its blocking keys
   (`kg.resolve.blocking.block_keys`), grouped by key on the cluster, and each group yields its
   candidate fusions (`block_edges`); the driver joins the edges into events with the
   reference resolver. This is the step that is quadratic when done naively.
3. **map** (executors): each article's records are joined with its resolution slice, rendered,
   SHACL-validated and written as an N-Quads part file (`kg.build.engine.render_one`).
4. **bulk load**: the driver bulk-loads the part files and the `_resolved` graph into the
   pyoxigraph store (`Store.bulk_load`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.io import atomic_open
from kg.read.articles import iter_articles, iter_files
from kg.records import Article, ArticleRecords
from kg.resolve.result import Resolution


@dataclass
class DistributedResult:
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    triples: int = 0
    store_triples: int = 0
    invalid: dict[str, object] = field(default_factory=dict)  # article id -> ValidationReport
    resolution: Resolution | None = None
    part_files: int = 0
    block_keys: int = 0
    candidate_edges: int = 0


def _read_file(item: tuple[int, str]):
    """Executor side: one input file → (order, article) or (order, error text)."""
    from kg.read.articles import ArticleError

    fi, path = item
    for n, a in enumerate(iter_articles([path])):
        if isinstance(a, ArticleError):
            yield ((fi, n), None, str(a))
        else:
            yield ((fi, n), a, None)


def _extract_partition(model: str | None):
    def run(rows):
        from kg.build.engine import extract_iter

        rows = list(rows)
        arts: list[Article] = [a for _, a in rows]
        for (order, _), rec in zip(rows, extract_iter(arts, model)):
            yield (order, rec)

    return run


def _render_partition(outdir: str):
    def run(index, rows):
        from kg.build.engine import render_one

        meta = []
        # a part file is a scratch file of this build: renamed whole, but not worth an fsync
        with atomic_open(Path(outdir) / f"part-{index:05d}.nq", text=True, fsync=False) as fh:
            for aid, (rec, sl) in rows:
                g, text, report = render_one(rec, sl, True)
                fh.write(text)
                meta.append((aid, len(g), report))
        return iter(meta)

    return run


def spark_session(master: str, app: str = "kg-build"):
    """A SparkSession whose Python workers run this interpreter (the project venv)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "1g")
        .config("spark.python.worker.reuse", "true")  # one spaCy pipeline per worker process
        .getOrCreate()
    )


def spark_build(
    paths: list[str | Path],
    store_path: str | Path,
    *,
    spark=None,
    master: str = "local[2]",
    partitions: int | None = None,
    model: str | None = None,
    workdir: str | Path | None = None,
) -> DistributedResult:
    """Build the graph of the articles with Spark into a (new or replaced) pyoxigraph store.

    `workdir` must be visible to every executor (shared file system) on a real cluster; by
    default a temporary folder on the driver, which is right for local and local-cluster.
    """
    import pyoxigraph as ox
    from pyspark import StorageLevel

    from kg.link.stage import link_resolution
    from kg.rdf.writer import graph_iri, graph_nquads, resolved_graph
    from kg.resolve.entities import resolve_entities
    from kg.resolve.blocking import article_slice, block_edges, block_keys, compact, events_from_edges
    from kg.store.local import count_triples, open_store

    own = spark is None
    spark = spark or spark_session(master)
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism)
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="kg-spark-"))
    nq_dir = work / "nquads"
    shutil.rmtree(nq_dir, ignore_errors=True)
    nq_dir.mkdir(parents=True)
    result = DistributedResult()
    try:
        # Absolute paths: executors do not run in the driver's working directory.
        files = [str(p.resolve()) for p in iter_files(Path(p) for p in paths)]
        read = sc.parallelize(list(enumerate(files)), max(1, min(len(files), parts))).flatMap(_read_file)
        read.persist(StorageLevel.MEMORY_AND_DISK)
        # Ids name graphs: the first occurrence (input order) wins, as in kg.read.articles.read_articles.
        index = sorted(read.map(lambda r: (r[0], r[1].id if r[1] else None, r[1].path if r[1] else None, r[2])).collect())
        seen: dict[str, str] = {}
        keep: set[tuple[int, int]] = set()
        for order, aid, path, err in index:
            if err is not None:
                result.errors.append(err)
            elif aid in seen:
                result.errors.append(f"{path}: duplicate article id {aid!r} (first in {seen[aid]})")
            else:
                seen[aid] = path or aid
                keep.add(order)
        kept = sc.broadcast(keep)
        articles = read.filter(lambda r: r[1] is not None and r[0] in kept.value).map(lambda r: (r[0], r[1]))
        records = articles.repartition(parts).mapPartitions(_extract_partition(model))
        records.persist(StorageLevel.MEMORY_AND_DISK)

        # --- resolution: entities on the driver, event fusion as a keyed grouping ----------
        small = sorted(records.map(lambda kv: (kv[0], compact(kv[1]))).collect(), key=lambda kv: kv[0])
        comp: list[ArticleRecords] = [r for _, r in small]
        result.articles = len(comp)
        entities = resolve_entities(comp)
        ident = sc.broadcast({m: e.type + ":" + e.key for m, e in entities.items()})

        def keyed(kv):
            rec = kv[1]
            for ev in rec.events:
                item = ((rec.article.id, ev.local_id), ev, rec.article.published)
                for key in block_keys(ev, rec.article.id, ident.value):
                    yield (key, item)

        blocks = records.flatMap(keyed).groupByKey(parts)
        result.block_keys = blocks.count()
        edges = blocks.flatMap(lambda kv: block_edges(list(kv[1])) if len(kv[1]) > 1 else []).collect()
        result.candidate_edges = len(edges)
        res = Resolution(entities=entities, events=events_from_edges(comp, entities, edges))
        link_resolution(res, comp)
        result.resolution = res

        # --- render on executors: records joined with their slices --------------------------
        slices = sc.parallelize([(r.article.id, article_slice(r, res)) for r in comp], parts)
        by_id = records.map(lambda kv: (kv[1].article.id, kv[1]))
        meta = by_id.join(slices, parts).mapPartitionsWithIndex(_render_partition(str(nq_dir))).collect()
        for aid, n, report in meta:
            result.triples += n
            if report is not None and not report.conforms:  # type: ignore[attr-defined]
                result.invalid[aid] = report
        rg = resolved_graph(res, comp)
        (nq_dir / "resolved.nq").write_text(graph_nquads(rg) if len(rg) else "", encoding="utf-8")
        result.triples += len(rg)

        # --- bulk load ------------------------------------------------------------------------
        store = open_store(store_path)
        for rec in comp:
            name = ox.NamedNode(str(graph_iri(rec.article.id)))
            if store.contains_named_graph(name):
                store.remove_graph(name)
        name = ox.NamedNode(str(rg.identifier))
        if store.contains_named_graph(name):
            store.remove_graph(name)
        part_files = sorted(nq_dir.glob("*.nq"))
        for p in part_files:
            if p.stat().st_size:
                store.bulk_load(path=str(p), format=ox.RdfFormat.N_QUADS)
        from kg.store.local import rebuild_union

        rebuild_union(store)  # the default graph is the union of the article graphs (kg.store.local)
        store.flush()
        result.part_files = len(part_files)
        result.store_triples = count_triples(store)
        records.unpersist()
        read.unpersist()
    finally:
        if own:
            spark.stop()
        if not workdir:
            shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.build.spark", description="kg build on Apache Spark")
    ap.add_argument("paths", nargs="+", help="article files (.txt, .jsonl) or folders, visible to the executors")
    ap.add_argument("--store", required=True, help="pyoxigraph store directory (on the driver)")
    ap.add_argument("--master", default="local[2]", help="Spark master: local[N], local-cluster[W,C,MB], spark://…, yarn")
    ap.add_argument("--partitions", type=int, default=None, help="partitions (default: the cluster's parallelism)")
    ap.add_argument("--model", default=None, help="spaCy pipeline directory, visible to the executors")
    ap.add_argument("--workdir", default=None, help="shared folder for the N-Quads part files")
    args = ap.parse_args(argv)
    try:
        res = spark_build(args.paths, args.store, master=args.master, partitions=args.partitions,
                          model=args.model, workdir=args.workdir)
    except ImportError as exc:
        print(f"kg.build.spark: error: {exc}; install the extra: pip install -e '.[spark]'", file=sys.stderr)
        return 1
    for err in res.errors:
        print(f"kg: skipped {err}", file=sys.stderr)
    print(f"{res.articles} articles, {res.triples} triples in {res.part_files} part files, "
          f"{res.store_triples} in store; {res.block_keys} event blocks, {res.candidate_edges} candidate fusions; "
          f"SHACL: {'conforms' if not res.invalid else f'{len(res.invalid)} graph(s) with violations'}")
    return 0 if res.articles else 2


if __name__ == "__main__":
    sys.exit(main())
