"""Write a fixed sample of meeting articles as kg article files, for a third tune set.

The first SaudiNewsNet sample (`scripts/sample_saudinewsnet.py`) asked only for a meeting or visit
word and an office word, so it drew sport and local pages too: good for persons, thin on meetings
(8 met-with pairs in 27 articles). This one asks for meetings:

- 21 SaudiNewsNet articles (2015) with 120–500 words and at least two meeting words («استقبل»,
  «التقى», «مباحثات», «محادثات», «اجتمع», «اتصالا هاتفيا»), none of the first sample, ordered by the
  SHA-1 of the URL and taken round robin over the newspapers (CC BY-NC-SA 4.0: research use);
- every politics article (folder «سياسيه») of the Arabic Newspapers Corpus in ../shared/data/raw_arabic
  with 100–600 words and a meeting word: 15 articles from newspapers of ten Arab countries, no
  publication date (no licence stated: research use).

They are written to an ignored folder (`build/meetings_tune/articles/`), never into the repository;
the gold is `data/gold/meetings_tune/`.

    .venv/bin/python scripts/sample_meetings.py --out build/meetings_tune/articles
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))
from kg.paths import shared_data  # noqa: E402
from sample_saudinewsnet import choose, qualifying  # noqa: E402

MEET = re.compile(r"(استقبل|التقى|مباحثات|محادثات|اجتمع|اتصالا هاتفيا)")


def saudinewsnet(n: int, skip: set[str]) -> list[dict]:
    def meetings(d: dict) -> bool:
        text = d.get("content") or ""
        return 120 <= len(text.split()) <= 500 and len(MEET.findall(text)) >= 2 and d["url"] not in skip

    return choose(qualifying(shared_data() / "saudinewsnet" / "articles.jsonl.gz", meetings), n)


def newspapers() -> list[dict]:
    out = []
    with gzip.open(shared_data() / "raw_arabic" / "arabic_newspapers_corpus.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "سياسيه" in d["id"] and 100 <= len(d["text"].split()) <= 600 and MEET.search(d["text"]):
                out.append(d)
    return sorted(out, key=lambda d: d["id"])


def write_page(out: Path, prefix: str, k: int, d: dict) -> None:
    """A page of the Arabic Newspapers Corpus as a kg article file («a001_dz.txt»): no date is
    known, the outlet is the country code the corpus files it under."""
    country = d["id"].rsplit("/", 1)[-1][:2]
    body = f"source: {d['source']} {d['id']}\ndate: unknown\noutlet: newspaper ({country})\n\n{d['text'].replace(chr(0), '').strip()}\n"
    write(out / f"{prefix}{k:03d}_{country.lower()}.txt", body)


def write(path: Path, body: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=21, help="SaudiNewsNet articles")
    ap.add_argument("--out", type=Path, default=Path("build/meetings_tune/articles"))
    args = ap.parse_args()
    first = {d["url"] for d in choose(qualifying(shared_data() / "saudinewsnet" / "articles.jsonl.gz"), 27)}
    args.out.mkdir(parents=True, exist_ok=True)
    snn = saudinewsnet(args.n, first)
    for k, d in enumerate(snn, 1):
        body = f"source: {d['url']}\ndate: {d['date_extracted'][:10]}\noutlet: {d['source']}\n\n{d['title']}\n\n{d['content'].strip()}\n"
        write(args.out / f"m{k:03d}_{d['source']}.txt", body)
    anc = newspapers()
    for k, d in enumerate(anc, 1):
        write_page(args.out, "a", k, d)
    print(f"{len(snn)} SaudiNewsNet and {len(anc)} newspaper articles in {args.out}")


if __name__ == "__main__":
    main()
