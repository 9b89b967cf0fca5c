"""Write a fixed sample of SaudiNewsNet articles as kg article files, for a held-out set.

The two SaudiNewsNet tune sets (`data/gold/saudinewsnet_tune/`, `data/gold/meetings_tune/`) are
studied: rules were written while reading their errors, so their figures flatter. This set is
chosen the same way but never studied: it is scored, and its errors are not read. With the check
split of the news development set it is the second honest estimate, in another register (the
Saudi press of 2015) and from other newspapers' desks.

An article qualifies when it has 150–450 words, a meeting, call or visit word and an office word,
and is in neither earlier sample; the qualifying articles are ordered by the SHA-1 of the URL and
taken round robin over the newspapers, skipping the first ones that the earlier samples drew from
each (a fixed choice). Articles are read from ../shared/data/saudinewsnet (CC BY-NC-SA 4.0:
research use) and written to an ignored folder (`build/heldout/articles/`), never into the
repository; the gold is `data/gold/saudinewsnet_heldout/`.

    .venv/bin/python scripts/sample_heldout.py --out build/heldout/articles
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))
from kg.paths import shared_data  # noqa: E402
from sample_meetings import saudinewsnet as meeting_sample, write  # noqa: E402
from sample_saudinewsnet import OFFICE, choose, qualifying  # noqa: E402

EVENT = re.compile(r"(استقبل|التقى|يلتقي|مباحثات|محادثات|اجتمع|اتصالا هاتفيا|زيارة|زار|وصل)")
SOURCE = "saudinewsnet/articles.jsonl.gz"


def earlier_urls() -> set[str]:
    """The URLs of the two earlier samples (27 + 21 articles)."""
    first = {d["url"] for d in choose(qualifying(shared_data() / SOURCE), 27)}
    return first | {d["url"] for d in meeting_sample(21, first)}


def heldout(n: int, after: int = 0) -> list[dict]:
    """The first `n` qualifying articles of the fixed order, after skipping `after` of them."""
    skip = earlier_urls()

    def accept(d: dict) -> bool:
        text = d.get("content") or ""
        return (150 <= len(text.split()) <= 450 and bool(EVENT.search(text)) and bool(OFFICE.search(text))
                and d["url"] not in skip)

    by_source = qualifying(shared_data() / SOURCE, accept)
    for items in by_source.values():
        del items[:3]  # the head of each paper's SHA-1 order is where the earlier samples drew
    return choose(by_source, after + n)[after:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--out", type=Path, default=Path("build/heldout/articles"))
    ap.add_argument("--after", type=int, default=0,
                    help="skip this many of the fixed order first (--after 30: the selection set, after the held-out set)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = heldout(args.n, args.after)
    for k, d in enumerate(chosen, args.after + 1):
        body = f"source: {d['url']}\ndate: {d['date_extracted'][:10]}\noutlet: {d['source']}\n\n{d['title']}\n\n{d['content'].strip()}\n"
        write(args.out / f"h{k:03d}_{d['source']}.txt", body)
    print(f"{len(chosen)} articles in {args.out}")


if __name__ == "__main__":
    main()
