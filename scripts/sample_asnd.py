"""Write a fixed sample of news posts of Arab outlets on social media as kg article files.

Why: every labelled set is Saudi press of 2015, Arab newspapers of 2011–2013 or the six outlets of
the development set (2014–2018). The Arabic Social Media News Dataset (`../shared/data/
raw_arabic_more/asnd_social_media_news.jsonl.gz`, posts of Al Jazeera and other outlets on Twitter,
Facebook and YouTube, about 2019; no licence stated: research use, never in the repository) is
another register and other years: one- or two-sentence items in headline style, surnames alone
(«ترمب», «بوتين»), hashtags. This sampler takes, in a fixed order:
- posts of at least 8 words with a meeting, call or visit word and an office word;
- ordered by the SHA-1 of the post id;
- one per story: a post whose words share more than a third of their 4-grams with a post already
  taken is the same item posted again and is skipped.
`--after 0 --n 35` is the ASND tune set (data/gold/asnd_tune/: studied), `--after 35 --n 35` the
ASND held-out set (data/gold/asnd_heldout/: scored, never studied).

    .venv/bin/python scripts/sample_asnd.py --after 0 --n 35 --out build/asnd_tune/articles
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
from sample_meetings import write  # noqa: E402
from sample_newspapers import OFFICE, one_per_story  # noqa: E402

EVENT = re.compile(r"(استقبل|التقى|يلتقي|تلتقي|اجتمع|يجتمع|مباحثات|محادثات|بحث هاتفيا|اتصالا هاتفيا|اتصال هاتفي|زيارة|يزور|تزور|زار|وصل|يصل|تصل)")


def posts() -> list[dict]:
    """The qualifying posts, one per story, in SHA-1 order of the id."""
    path = shared_data() / "raw_arabic_more" / "asnd_social_media_news.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    docs = [d for d in docs if len(d["text"].split()) >= 8 and EVENT.search(d["text"]) and OFFICE.search(d["text"])]
    docs.sort(key=lambda d: hashlib.sha1(d["id"].encode("utf-8")).hexdigest())
    return one_per_story(docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--after", type=int, default=0, help="skip this many posts of the fixed order")
    ap.add_argument("--n", type=int, default=35)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = posts()[args.after : args.after + args.n]
    for k, d in enumerate(chosen, args.after + 1):
        body = f"source: {d['source']} {d['id']}\ndate: unknown\noutlet: social media post\n\n{d['text'].replace(chr(0), '').strip()}\n"
        write(args.out / f"t{k:03d}.txt", body)
    print(f"{len(chosen)} posts in {args.out}")


if __name__ == "__main__":
    main()
