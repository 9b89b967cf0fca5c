"""Write a fresh sample of SaudiNewsNet meeting articles for an unlabeled audit (read, never scored).

The SaudiNewsNet held-out sampler asks for one meeting or visit word, so most pages it draws are
local news (order 381–410 holds eight diplomatic pages in thirty). An audit of meetings and visits
needs pages that tell them, so this one asks, as `sample_meetings.py` does, for at least two meeting
words in 120–500 words (and three office words), in the same fixed order (SHA-1 of the URL, round robin over the
newspapers). It skips every article of the folders given with `--skip` (the studied, held-out and
audited sets: by URL, and by story, as `sample_newspapers.py` compares openings), and every story
it has already taken, so no story is read twice.

    .venv/bin/python scripts/sample_meeting_audit.py --n 30 --out build/meetings_audit/articles \\
        --skip build/*/articles
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))
from kg.paths import shared_data  # noqa: E402
from sample_meetings import MEET, write  # noqa: E402
from sample_newspapers import OFFICE, same_story, shingles  # noqa: E402
from sample_saudinewsnet import choose, qualifying  # noqa: E402


def taken_before(folders: list[Path]) -> tuple[set[str], list[set]]:
    """URLs and story openings of the article files in `folders` («source: URL» header, then the body)."""
    urls, openings = set(), []
    for folder in folders:
        for p in sorted(folder.glob("*.txt")):
            head, _, body = p.read_text(encoding="utf-8").partition("\n\n")
            for line in head.splitlines():
                if line.startswith("source:"):
                    urls.add(line.split(":", 1)[1].strip().split()[0])
            openings.append(shingles(body))
    return urls, openings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--skip", type=Path, nargs="*", default=[], help="article folders already drawn")
    args = ap.parse_args()
    urls, openings = taken_before([f for f in args.skip if f.resolve() != args.out.resolve()])

    def meetings(d: dict) -> bool:
        text = d.get("content") or ""
        return (120 <= len(text.split()) <= 500 and len(MEET.findall(text)) >= 2 and len(OFFICE.findall(text)) >= 3
                and d["url"] not in urls)

    order = choose(qualifying(shared_data() / "saudinewsnet" / "articles.jsonl.gz", meetings), 10_000)
    args.out.mkdir(parents=True, exist_ok=True)
    k = 0
    for d in order:
        sh = shingles(f"{d['title']} {d['content']}")
        if any(same_story(sh, t) for t in openings):
            continue
        openings.append(sh)
        k += 1
        body = f"source: {d['url']}\ndate: {d['date_extracted'][:10]}\noutlet: {d['source']}\n\n{d['title']}\n\n{d['content'].strip()}\n"
        write(args.out / f"u{k:03d}_{d['source']}.txt", body)
        if k == args.n:
            break
    print(f"{k} articles in {args.out}")


if __name__ == "__main__":
    main()
