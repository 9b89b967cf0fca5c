"""Throughput of `kg build` on SaudiNewsNet articles, against the spaCy model alone.

    .venv/bin/python bench/throughput.py [--sizes 1000,5000,20000] [--jobs 1] [--write-doc] [--gazetteer-only]

First (and alone with --gazetteer-only): the load time and memory of the gazetteers every build
reads, places/offices and persons, each cold in a fresh process (issue 16: ≤ 1 s, ≤ 150 MB).

For each size N: the first N articles of kg.paths.shared_data()/saudinewsnet/articles.jsonl.gz
are written as a .jsonl input (not timed), then a fresh process builds them end to end
(read → spaCy → extract → resolve → link → RDF → SHACL → store, into a new temporary store)
and, on the same texts, runs `nlp.pipe` alone. Each size runs in its own process so its peak
RSS is its own. With --incremental it also times a no-op rebuild and the rebuild after one
article changed. --write-doc refreshes the results block of docs/performance.md.

Why ratios in one run: the machine is shared, so absolute numbers drift between runs; the
end-to-end/spaCy ratio and time(N)/time(N0) are taken within one invocation.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.read.articles import ArticleError, _check_body  # noqa: E402
from kg.io import atomic_write  # noqa: E402
from kg.paths import shared_data  # noqa: E402

SOURCE = "saudinewsnet/articles.jsonl.gz"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def corpus_path() -> Path:
    return shared_data() / SOURCE


def write_input(n: int, out: Path, per_file: int = 100) -> tuple[int, int]:
    """First n articles as kg's .jsonl input, in a folder of files of `per_file` articles
    (kg limits each article to 5 MB, not each file); returns (articles, whitespace words)."""
    out.mkdir(parents=True, exist_ok=True)
    words = count = 0
    dst = None
    with gzip.open(corpus_path(), "rt", encoding="utf-8") as src:
        for line in src:
            if count >= n:
                break
            d = json.loads(line)
            body = (d.get("content") or "").strip()
            try:  # the reader's own checks (Arabic text, no HTML), so every article written is built
                _check_body(body, "bench")
            except ArticleError:
                continue
            if count % per_file == 0:
                if dst:
                    dst.close()
                dst = open(out / f"part-{count // per_file:05d}.jsonl", "w", encoding="utf-8")
            aid = "snn-" + hashlib.sha1(d["url"].encode("utf-8")).hexdigest()[:16]
            row = {"id": aid, "content": body, "date": (d.get("date_extracted") or "")[:10] or None,
                   "url": d.get("url"), "source": d.get("source"), "title": d.get("title")}
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
            words += len(body.split())
            count += 1
    if dst:
        dst.close()
    return count, words


def _texts(inp: Path) -> list[str]:
    return [json.loads(l)["content"] for f in sorted(inp.glob("*.jsonl")) for l in f.read_text(encoding="utf-8").splitlines()]


def machine() -> dict[str, str]:
    import spacy

    from kg.paths import MODELS

    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor() or "unknown")
    mem = next((l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")), "0")
    meta = MODELS / "ner" / "meta.json"
    if meta.exists():
        m = json.loads(meta.read_text(encoding="utf-8"))
        model = f"models/ner ({m.get('lang')}_{m.get('name')} {m.get('version')}, pipes: {', '.join(m.get('pipeline', []))})"
    else:
        model = "none shipped: blank Arabic pipeline (tokenizer + sentence splitter)"
    load = os.getloadavg()
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "ram": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": model,
        "load average at start": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    }


def _change_one(src: Path, dst: Path) -> str:
    """Copy the input folder with the middle article's body extended by its own first sentence."""
    shutil.copytree(src, dst)
    files = sorted(dst.glob("*.jsonl"))
    f = files[len(files) // 2]
    lines = f.read_text(encoding="utf-8").splitlines()
    mid = len(lines) // 2
    row = json.loads(lines[mid])
    first = re.split(r"(?<=[.!؟])\s", row["content"], maxsplit=1)[0]
    row["content"] = row["content"] + "\n" + first
    lines[mid] = json.dumps(row, ensure_ascii=False)
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return row["id"]


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (workers of --jobs, their forkserver)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(d.name))
            rss[int(d.name)] = int(fields[21])  # resident pages
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


class TreePeak:
    """Samples the process tree's RSS twice a second; `peak` is the largest sum seen. (ru_maxrss
    cannot see workers started by a forkserver, and sums peaks taken at different times.)"""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
            self._stop.wait(0.5)

    def __enter__(self) -> "TreePeak":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss_mb(os.getpid()))


def run_one(inp: Path, jobs: int, incremental: bool, spacy_alone: bool = True) -> dict:
    """One size, in this process: the build, then spaCy alone on the same texts."""
    from kg.build import build

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    store = tmp / "store"
    with TreePeak() as tree:
        t0 = time.perf_counter()
        result = build([inp], store, jobs=jobs, retain=False, incremental=False)
        total = time.perf_counter() - t0
    peak_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats = result.stats
    out: dict = {
        "articles": result.report.articles,
        "errors": len(result.report.errors),
        "seconds": total,
        "stages": stats.seconds,
        "triples": result.report.triples_written,
        "store_triples": result.report.store_triples,
        "invalid": len(result.report.invalid),
        "peak_rss_mb": peak_build,  # this process (the parent with --jobs)
        "peak_tree_rss_mb": tree.peak,  # this process + workers, sampled
        "entities": len(result.resolution.entities),
        "events": len(result.resolution.events),
    }
    if incremental:
        t0 = time.perf_counter()
        again = build([inp], store, jobs=1, retain=False)
        out["noop_rebuild_s"] = time.perf_counter() - t0
        out["noop_extracted"] = again.stats.extracted
        changed = tmp / "changed"
        _change_one(inp, changed)
        t0 = time.perf_counter()
        one = build([changed], store, jobs=1, retain=False)
        out["one_changed_rebuild_s"] = time.perf_counter() - t0
        out["one_changed_extracted"] = one.stats.extracted
        out["one_changed_written"] = one.stats.written
        out["one_changed_stages"] = one.stats.seconds
    if not spacy_alone:
        shutil.rmtree(tmp, ignore_errors=True)
        return out
    from kg.nlp.pipeline import load_pipeline

    texts = _texts(inp)
    nlp = load_pipeline()
    for _ in nlp.pipe(texts[:16]):  # warm up (first-call allocations), not timed
        pass
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    out["spacy_seconds"] = time.perf_counter() - t0
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def table(rows: list[dict], jobs: int) -> str:
    head = ("| articles | words | end-to-end s | art/s | words/s | spaCy alone art/s | words/s | e2e / spaCy |"
            " time(N)/time(N0) vs N/N0 | peak RSS MB (build process) | peak RSS MB (all processes) | triples |"
            "\n|---|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    base = rows[0]
    for r in rows:
        e2e = r["articles"] / r["seconds"]
        scale = f"{r['seconds'] / base['seconds']:.2f} vs {r['articles'] / base['articles']:.1f}"
        if "spacy_seconds" in r:
            sp = r["articles"] / r["spacy_seconds"]
            spacy_cols = f"{sp:.2f} | {r['words'] / r['spacy_seconds']:.0f} | {e2e / sp:.2f}"
        else:
            spacy_cols = "– | – | –"
        lines.append(
            f"| {r['articles']} | {r['words']} | {r['seconds']:.1f} | {e2e:.2f} | {r['words'] / r['seconds']:.0f} |"
            f" {spacy_cols} | {scale} | {r['peak_rss_mb']:.0f} | {r.get('peak_tree_rss_mb', 0):.0f} | {r['triples']} |"
        )
    order = ["read", "load", "nlp", "extract", "cache", "resolve", "link", "slice", "rdf", "validate", "store", "manifest", "out"]
    lines.append("")
    lines.append(f"Share of build time per stage (jobs={jobs}; with jobs>1 the worker stages are summed worker time):")
    lines.append("")
    lines.append("| articles | " + " | ".join(order) + " |")
    lines.append("|---|" + "---|" * len(order))
    for r in rows:
        st = r["stages"]
        tot = sum(st.get(k, 0.0) for k in order) or 1.0
        lines.append(f"| {r['articles']} | " + " | ".join(f"{100 * st.get(k, 0.0) / tot:.1f}%" for k in order) + " |")
    inc = [r for r in rows if "one_changed_rebuild_s" in r]
    if inc:
        lines.append("")
        lines.append("| store of N articles | full build s | no-op rebuild s (articles through NLP) |"
                     " one article changed: rebuild s (NLP / graphs written) |\n|---|---|---|---|")
        for r in inc:
            lines.append(
                f"| {r['articles']} | {r['seconds']:.1f} | {r['noop_rebuild_s']:.2f} ({r['noop_extracted']}) |"
                f" {r['one_changed_rebuild_s']:.2f} ({r['one_changed_extracted']} / {r['one_changed_written']}) |"
            )
        lines.append("")
        lines.append("Seconds per stage of the one-article rebuild:")
        lines.append("")
        lines.append("| store of N articles | " + " | ".join(order) + " |")
        lines.append("|---|" + "---|" * len(order))
        for r in inc:
            st = r.get("one_changed_stages", {})
            lines.append(f"| {r['articles']} | " + " | ".join(f"{st.get(k, 0.0):.2f}" for k in order) + " |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    DOC.parent.mkdir(parents=True, exist_ok=True)
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in doc:
        doc += f"\n{START}\n{END}\n"
    pre, rest = doc.split(START, 1)
    post = rest.split(END, 1)[1] if END in rest else ""
    atomic_write(DOC, f"{pre}{START}\n{text}\n{END}{post}")


def gazetteer_load(trace: bool) -> dict:
    """In this (fresh) process: seconds and memory to load the gazetteers a build reads, the places
    and offices one (kg.gazetteer) and the person one (kg.link.person_gazetteer), each cold.
    `trace`: also the peak of Python allocations (tracemalloc, which slows the load: not timed)."""
    import tracemalloc

    from kg.gazetteer import Gazetteer
    from kg.link.person_gazetteer import PersonGazetteer

    out: dict = {}
    for name, load in (("gazetteer", Gazetteer.load), ("person gazetteer", PersonGazetteer.load)):
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if trace:
            tracemalloc.start()
        t0 = time.perf_counter()
        loaded = load()
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        out[name] = {"seconds": round(seconds, 3), "python_peak_mb": round(peak / 2**20, 1),
                     "rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024, 1),
                     "size": len(loaded) if hasattr(loaded, "__len__") else None}
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def print_gazetteer_load() -> str:
    """`make bench` prints this first, whether or not the news corpus is there. The timing runs
    without tracemalloc in a second fresh process (tracemalloc slows allocation several times)."""
    timed = json.loads(subprocess.run([sys.executable, __file__, "--gazetteer-load"],
                                      capture_output=True, text=True, check=True).stdout)
    traced = json.loads(subprocess.run([sys.executable, __file__, "--gazetteer-load", "--trace"],
                                       capture_output=True, text=True, check=True).stdout)
    lines = []
    for name in ("gazetteer", "person gazetteer"):
        t, m = timed[name], traced[name]
        lines.append(f"{name} load: {t['seconds']:.2f} s, RSS +{t['rss_growth_mb']:.0f} MB "
                     f"(Python objects peak {m['python_peak_mb']:.0f} MB)")
    lines.append(f"process peak RSS after both: {timed['peak_rss_mb']:.0f} MB")
    for line in lines:
        print(f"bench: {line}", file=sys.stderr, flush=True)
    return "\n".join(f"- {line}" for line in lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000", help="comma-separated article counts")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for kg build")
    ap.add_argument("--incremental", action="store_true", help="also time no-op and one-article rebuilds")
    ap.add_argument("--no-spacy-alone", action="store_true",
                    help="skip the spaCy-alone pass (for scaling runs: time(N)/time(N0) does not need it)")
    ap.add_argument("--spacy-alone-max", type=int, default=0,
                    help="run the spaCy-alone pass only for sizes up to N (0: every size)")
    ap.add_argument("--write-doc", action="store_true", help="refresh the results block of docs/performance.md")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # internal: run one size in this process
    ap.add_argument("--gazetteer-load", action="store_true", help=argparse.SUPPRESS)  # internal: one load
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--gazetteer-only", action="store_true", help="only print the gazetteer load time and memory")
    args = ap.parse_args()
    if args.gazetteer_load:
        print(json.dumps(gazetteer_load(args.trace)))
        return 0
    if args.one:
        print(json.dumps(run_one(args.one, args.jobs, args.incremental, not args.no_spacy_alone)))
        return 0
    gazetteers = print_gazetteer_load()
    if args.gazetteer_only:
        return 0
    if not corpus_path().exists():
        print(f"bench: skipped: {corpus_path()} not found (set KG_SHARED_DATA)", file=sys.stderr)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-in-") as tmp:
        for n in sizes:
            inp = Path(tmp) / f"snn-{n}"
            count, words = write_input(n, inp)
            cmd = [sys.executable, __file__, "--one", str(inp), "--jobs", str(args.jobs)]
            if args.incremental:
                cmd.append("--incremental")
            if args.no_spacy_alone or (args.spacy_alone_max and n > args.spacy_alone_max):
                cmd.append("--no-spacy-alone")
            print(f"bench: {count} articles, {words} words, jobs={args.jobs} …", file=sys.stderr, flush=True)
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return proc.returncode
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            if row["articles"] != count or row["errors"]:
                print(f"bench: the build read {row['articles']} of {count} articles ({row['errors']} errors)", file=sys.stderr)
                return 1
            row["words"] = words
            rows.append(row)
            alone = f", spaCy alone {row['spacy_seconds']:.1f} s" if "spacy_seconds" in row else ""
            print(f"bench: {count}: {row['seconds']:.1f} s end to end{alone}", file=sys.stderr, flush=True)
    when = time.strftime("%Y-%m-%d %H:%M")
    desc = "\n".join(f"- {k}: {v}" for k, v in info.items())
    text = (f"Run {when}: `bench/throughput.py --sizes {args.sizes} --jobs {args.jobs}"
            f"{' --incremental' if args.incremental else ''}{' --no-spacy-alone' if args.no_spacy_alone else ''}"
            f"{f' --spacy-alone-max {args.spacy_alone_max}' if args.spacy_alone_max else ''}` (sizes run: {', '.join(str(r['articles']) for r in rows)})\n\n"
            f"{desc}\n\nGazetteers, each loaded cold in a fresh process:\n{gazetteers}\n\n{table(rows, args.jobs)}\n")
    print(text)
    if args.write_doc:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
