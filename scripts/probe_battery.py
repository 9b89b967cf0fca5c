"""Score probe batteries (tests/probes/*.tsv, or a new one not yet added) row by row.

Why: a round scores a blind battery at its start and end, and studies the failures of an older
one; pytest says only pass or fail, this says what kg read wrong in each row.

    KG_SHARED_DATA=../shared/data .venv/bin/python scripts/probe_battery.py FILE.tsv [...]

Each row prints PASS, FAIL (with what was missed) or KNOWN (a labelled failure, still failing), or
FIXED (a labelled failure that now passes: its label must go); a last line counts the passes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.io import read_tsv  # noqa: E402
from tests.test_probes import misses  # noqa: E402  (the battery's own scorer, one definition)


def main(paths: list[str]) -> None:
    total = passed = 0
    for path in paths:
        for n, row in enumerate(read_tsv(path, ["sentence", "expect"]), 1):
            sentence, expect, known = row["sentence"], row["expect"], row.get("known_failure", "")
            bad = misses(sentence, expect)
            total += 1
            passed += not bad
            mark = ("FIXED" if known else "PASS") if not bad else ("KNOWN" if known else "FAIL")
            print(f"{Path(path).stem}-{n:02d} {mark} {'; '.join(bad)}")
    print(f"{passed} of {total} pass")


if __name__ == "__main__":
    main(sys.argv[1:])
