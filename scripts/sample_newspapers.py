"""Write a fixed sample of Arab newspaper articles (2011–2013, 19 countries) as kg article files.

Every evaluation set but the news development set's check split is Saudi press of 2015 or one of
the six outlets of the development set. The Arabic Newspapers Corpus (`../shared/data/raw_arabic`,
no licence stated: research use, never in the repository) has politics pages from newspapers of 19
Arab countries, a register none of the studied sets covers well (the meetings tune set took the 15
short ones). This sampler takes the others, in a fixed order:

- politics pages (folder «سياسيه») of 150–900 words with a meeting or visit word and an office
  word, none of the 15 the meetings tune set holds (`sample_meetings.newspapers`);
- ordered by the SHA-1 of the document id;
- one per story: a page whose opening words share more than a third of their word 4-grams with a
  page already taken is the same story from another desk and is skipped (SaudiNewsNet's papers
  printed one reception three times across the held-out and selection sets; this keeps a set from
  counting one story twice, or a held-out set from retelling a studied one).

`--after 0 --n 30` is the unlabeled audit set (read to find errors, never scored); `--after 30 --n 30`
is the third held-out set (`data/gold/newspapers_heldout/`: scored, never studied).

    .venv/bin/python scripts/sample_newspapers.py --after 30 --n 30 --out build/newspapers_heldout/articles
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))
from kg.paths import shared_data  # noqa: E402
from sample_meetings import newspapers as meetings_tune_pages, write_page  # noqa: E402

EVENT = re.compile(r"(استقبل|التقى|يلتقي|مباحثات|محادثات|اجتمع|اتصالا هاتفيا|زيارة|زار|وصل)")
OFFICE = re.compile(r"(وزير|رئيس|الملك|الأمير|أمير|سفير|الشيخ|مبعوث|أمين عام|الأمين العام)")
LEAD_WORDS = 60  # the opening words compared for the same story
SAME_STORY = 1 / 3  # share of the opening's word 4-grams


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)[:LEAD_WORDS]
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def same_story(a: set, b: set) -> bool:
    """Two openings tell one story when either shares over a third of its 4-grams with the other."""
    if not a or not b:
        return False
    common = len(a & b)
    return common / min(len(a), len(b)) > SAME_STORY


def pages() -> list[dict]:
    """The qualifying pages, one per story, in SHA-1 order of the id."""
    taken = [shingles(d["text"]) for d in meetings_tune_pages()]
    skip = {d["id"] for d in meetings_tune_pages()}
    cands = []
    with gzip.open(shared_data() / "raw_arabic" / "arabic_newspapers_corpus.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            if ("سياسيه" in d["id"] and d["id"] not in skip and 150 <= len(text.split()) <= 900
                    and EVENT.search(text) and OFFICE.search(text)):
                d["_key"] = hashlib.sha1(d["id"].encode("utf-8")).hexdigest()
                cands.append(d)
    return one_per_story(sorted(cands, key=lambda d: d["_key"]), taken)


def one_per_story(docs: list[dict], taken: list[set] | None = None) -> list[dict]:
    """The documents in their order, less each that tells a story already taken (its opening
    shares over a third of its 4-grams with an earlier one's, or with one of `taken`)."""
    taken = list(taken or [])
    out = []
    for d in docs:
        sh = shingles(d["text"])
        if any(same_story(sh, t) for t in taken):
            continue
        taken.append(sh)
        out.append(d)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--after", type=int, default=0, help="skip this many of the fixed order first")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = pages()[args.after:args.after + args.n]
    for k, d in enumerate(chosen, args.after + 1):
        write_page(args.out, "n", k, d)
    print(f"{len(chosen)} articles in {args.out}")


if __name__ == "__main__":
    main()
