"""Run `kg.build.build` in this process and SIGKILL it at a chosen point (tests/test_reliability.py).

    python tests/killable_build.py STORE POINT [--out FILE] [--prune] [--wait FILE] PATH...

POINT is `none` (do not kill) or `NAME:N`: the process kills itself with SIGKILL, which no
handler can catch, when it reaches the point NAME for the N-th time (1-based):

* `record:N`     after the N-th record file is written (phase 1, spaCy + extraction)
* `graphs:N`     inside the N-th batch write to the store: named graphs loaded, union not yet
* `union:N`      inside the N-th drop of a replaced graph's old triples from the union
* `remove:N`     before the N-th graph removal (--prune)
* `manifest:N`   before the N-th manifest write (everything stored, the manifest not)

The points are reached by wrapping the library functions the engine calls, in this process only:
the build itself is the real one. `--wait FILE`: after the first article is read, create
FILE + ".started" and wait until FILE exists (to hold a build open while a test starts another).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg.build.engine as engine  # noqa: E402
import kg.store.local as local  # noqa: E402
from kg.build import build  # noqa: E402

hits: Counter[str] = Counter()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("point")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out")
    ap.add_argument("--prune", action="store_true")
    ap.add_argument("--wait")
    args = ap.parse_args()
    name, _, n = args.point.partition(":")
    at = int(n or 0)

    def reach(point: str) -> None:
        hits[point] += 1
        if point == name and hits[point] == at:
            os.kill(os.getpid(), signal.SIGKILL)

    put = engine.RecordCache.put

    def put_then_maybe_die(self, rec, efp=""):  # noqa: ANN001
        put(self, rec, efp)
        reach("record")

    engine.RecordCache.put = put_then_maybe_die  # type: ignore[method-assign]

    add_to_union = local._add_to_union

    def between_named_and_union(store, quads):  # noqa: ANN001 - called after the named graphs are loaded
        reach("graphs")
        return add_to_union(store, quads)

    local._add_to_union = between_named_and_union

    drop = local._drop_from_union

    def drop_maybe_die(store, s, p, o):  # noqa: ANN001
        reach("union")
        return drop(store, s, p, o)

    local._drop_from_union = drop_maybe_die

    remove = local.remove_graph

    def remove_maybe_die(store, iri):  # noqa: ANN001
        if not iri.endswith("/_resolved"):
            reach("remove")
        return remove(store, iri)

    local.remove_graph = remove_maybe_die

    save = engine.Manifest.save

    def save_maybe_die(self, path):  # noqa: ANN001
        reach("manifest")
        return save(self, path)

    engine.Manifest.save = save_maybe_die  # type: ignore[method-assign]

    def progress(_aid: str) -> None:
        if args.wait and not hits["wait"]:
            hits["wait"] += 1
            Path(args.wait + ".started").touch()
            while not Path(args.wait).exists():
                time.sleep(0.05)

    res = build(args.paths, args.store, args.out, retain=False, prune=args.prune, on_progress=progress)
    print(f"built {res.report.articles} extracted {res.stats.extracted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
