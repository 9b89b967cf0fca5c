"""How cross-article resolution grows: real compact records replicated to large corpora.

    .venv/bin/python bench/resolution_scale.py --base 300 --sizes 10000,50000,100000

Builds the first --base SaudiNewsNet articles once (to get real compact records: names,
mentions, roles, events), then makes corpora of each size by replicating them with fresh
article ids and dates shifted by whole years (so copies share people and places, as news of
different years do, but no event fuses across copies), and times entity resolution, blocked
event fusion and offline linking, with the memory the compact records take (tracemalloc).
The reference quadratic event fusion is timed on the smaller sizes for comparison.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import corpus_path, write_input  # noqa: E402

from kg.records import ArticleRecords, DateValue  # noqa: E402


def shift(d: DateValue | None, years: int) -> DateValue | None:
    if d is None:
        return None
    y, rest = d.value[:4], d.value[4:]
    return replace(d, value=f"{int(y) + years:04d}{rest}")


def replicate(base: list[ArticleRecords], n: int) -> list[ArticleRecords]:
    out = []
    c = 0
    while len(out) < n:
        for r in base:
            if len(out) >= n:
                break
            a = r.article
            pub = a.published.replace(year=a.published.year + c) if a.published else None
            art = replace(a, id=f"{a.id}-{c}", published=pub)
            evs = [replace(e, date=shift(e.date, c)) for e in r.events]
            out.append(ArticleRecords(art, r.entities, evs))
        c += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=int, default=300)
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--reference-max", type=int, default=20000, help="largest size for the quadratic reference")
    args = ap.parse_args()
    if not corpus_path().exists():
        print(f"skipped: {corpus_path()} not found", file=sys.stderr)
        return 0
    from kg.build import build
    from kg.link.stage import link_resolution
    from kg.build.engine import CACHE_DIRNAME
    from kg.resolve.entities import resolve_entities
    from kg.resolve.events import resolve_events
    from kg.resolve.blocking import resolve_events_blocked

    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in"
        write_input(args.base, inp)
        build([inp], Path(tmp) / "store", retain=False)
        with open(Path(tmp) / "store" / CACHE_DIRNAME / "compact.pkl", "rb") as fh:
            base = [r for _, r in pickle.load(fh).values()]
    print(f"base: {len(base)} articles, {sum(len(r.entities) for r in base)} entities, "
          f"{sum(len(r.events) for r in base)} event reports")
    print("| articles | compact records MB | entities s | events (blocked) s | events (reference) s | linking s |")
    print("|---|---|---|---|---|---|")
    for n in [int(s) for s in args.sizes.split(",")]:
        tracemalloc.start()
        # Independent objects per article, as if loaded from the compact index.
        recs = [pickle.loads(pickle.dumps(r)) for r in replicate(base, n)]
        mem = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        t0 = time.perf_counter()
        ents = resolve_entities(recs)
        t1 = time.perf_counter()
        evs = resolve_events_blocked(recs, ents)
        t2 = time.perf_counter()
        ref = "-"
        if n <= args.reference_max:
            t = time.perf_counter()
            resolve_events(recs, ents)
            ref = f"{time.perf_counter() - t:.1f}"
        from kg.resolve.result import Resolution

        res = Resolution(ents, evs)
        t3 = time.perf_counter()
        link_resolution(res, recs)
        t4 = time.perf_counter()
        print(f"| {n} | {mem:.0f} | {t1 - t0:.1f} | {t2 - t1:.1f} | {ref} | {t4 - t3:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
