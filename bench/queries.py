"""Time of every canned query (queries/*.rq) and of `kg view` on a store of N real articles.

    .venv/bin/python bench/queries.py [--articles 1000] [--store DIR] [--jobs 2] [--repeat 3]

The store: the first N SaudiNewsNet articles (kg.paths.shared_data()/saudinewsnet, read in
place), built once with `kg build --jobs J` into build/bench/store-N and reused while its manifest
holds N articles (`--store DIR` times any other store). Then, for each query, the best and the
median of `--repeat` runs of each of:

* `kg query`: the query through kg.store.local.select on the embedded store, every value turned
  into text as `kg query` and `kg view` do (the Python start-up and the table drawing are left
  out: they are the same for every query);
* `kg serve`: the same query over HTTP (SPARQL JSON results, parsed) against `kg serve` of the
  same store on a free loopback port, started and stopped here;

and the time of `kg view` (all its queries + the page) in this process. A query that takes more
than `--limit` seconds (default 2) is marked. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kg.paths import QUERIES  # noqa: E402


def build_store(n: int, jobs: int) -> Path:
    """build/bench/store-N from the first N SaudiNewsNet articles (reused when already built)."""
    from throughput import corpus_path, write_input

    store = ROOT / "build" / "bench" / f"store-{n}"
    manifest = store / "kg-build" / "manifest.json"
    if manifest.is_file() and len(json.loads(manifest.read_text(encoding="utf-8")).get("articles", {})) == n:
        return store
    if not corpus_path().is_file():
        raise SystemExit(f"bench/queries.py: {corpus_path()} not found (set KG_SHARED_DATA)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        count, words = write_input(n, Path(tmp) / "in")
        print(f"building {count} articles ({words:,} words) into {store} with --jobs {jobs} …", flush=True)
        t0 = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "kg"), "build", str(Path(tmp) / "in"), "--store", str(store),
                        "--jobs", str(jobs), "--full", "--prune", "-q"], check=True)
        print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
    return store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_local(store: Path, sparql: str, repeat: int) -> tuple[int, list[float]]:
    from kg.store.local import open_store, select, term_text

    st = open_store(store, read_only=True)
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        cols, rows = select(st, sparql)
        _ = [[term_text(r[c]) for c in cols] for r in rows]
        times.append(time.perf_counter() - t0)
        n = len(rows)
    return n, times


def time_served(base: str, sparql: str, repeat: int, timeout: float) -> tuple[int | None, list[float]]:
    times, n = [], None
    for _ in range(repeat):
        req = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                n = len(json.load(r)["results"]["bindings"])
        except OSError:
            times.append(float("inf"))
            break
        times.append(time.perf_counter() - t0)
    return n, times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="SaudiNewsNet articles in the store (default 1000)")
    ap.add_argument("--store", type=Path, help="time this store instead of building one")
    ap.add_argument("--jobs", type=int, default=2, help="kg build --jobs when the store is built")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query and way (best and median are printed)")
    ap.add_argument("--limit", type=float, default=2.0, help="mark queries slower than this many seconds")
    ap.add_argument("--timeout", type=float, default=120.0, help="give up on a served query after this many seconds")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="also time this query file (e.g. an older version: git show REV:queries/evidence.rq > old.rq)")
    args = ap.parse_args()

    store = args.store or build_store(args.articles, args.jobs)
    files = sorted(QUERIES.glob("*.rq")) + args.extra
    load = os.getloadavg()
    print(f"store: {store}   load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}   "
          f"{len(os.sched_getaffinity(0))} CPUs   repeat {args.repeat}")

    local = {}
    for f in files:
        local[f.name] = time_local(store, f.read_text(encoding="utf-8"), args.repeat)
        print(f"  {f.name}: {min(local[f.name][1]):.2f} s", flush=True)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        served = {f.name: time_served(base, f.read_text(encoding="utf-8"), args.repeat, args.timeout) for f in files}
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    print()
    print(f"| query | rows | kg query best s | median s | kg serve rows | kg serve best s | median s | under {args.limit:g} s |")
    print("|---|---|---|---|---|---|---|---|")
    slow = 0
    for f in files:
        n, t = local[f.name]
        sn, st = served[f.name]
        worst = max(min(t), min(st))
        slow += worst > args.limit
        sn_text = "timeout" if sn is None else str(sn)
        print(f"| {f.name} | {n} | {min(t):.2f} | {statistics.median(t):.2f} | {sn_text} | {min(st):.2f} | "
              f"{statistics.median(st):.2f} | {'yes' if worst <= args.limit else '**no**'} |")

    from kg.view.explorer import write_explorer

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        summary = write_explorer(store, Path(tmp) / "explorer.html")
        view_s = time.perf_counter() - t0
    print(f"\nkg view (all its queries + the page, in this process): {view_s:.2f} s — {summary.describe()}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
