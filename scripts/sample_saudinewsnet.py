"""Write a fixed sample of diplomatic SaudiNewsNet articles as kg article files, for a second tune set.

The news development set (94 articles, 2014–2018, six outlets) is the gold kg is studied on; its tune
split is where errors are looked at. Saudi newspapers of 2015 (SaudiNewsNet) write diplomacy in
another register (the Saudi Press Agency's «استقبل خادم الحرمين الشريفين …»), so a few of them,
annotated by hand in `data/gold/saudinewsnet_tune/`, widen what the rules are studied on without
touching the check split.

The articles are read from ../shared/data/saudinewsnet (CC BY-NC-SA 4.0: research use) and written to
an ignored folder (`build/saudinewsnet_tune/`, never into the repository). The choice is fixed: an
article qualifies when it has 120–500 words, a meeting or visit word and an office word; the
qualifying articles are ordered by the SHA-1 of their URL and taken round robin over the newspapers.
The publication date is the crawl date (`date_extracted`): the corpus was crawled daily.

    .venv/bin/python scripts/sample_saudinewsnet.py --n 27 --out build/saudinewsnet_tune/articles
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.paths import shared_data  # noqa: E402

EVENT = re.compile(r"(استقبل|التقى|يلتقي|زيارة|زار|مباحثات|محادثات|اجتمع|اتصالا هاتفيا|وصل)")
OFFICE = re.compile(r"(الرئيس|وزير|الملك|الأمير|ولي العهد|رئيس الوزراء|خادم الحرمين)")


def diplomatic(d: dict) -> bool:
    """120–500 words, a meeting or visit word and an office word."""
    text = d.get("content") or ""
    return 120 <= len(text.split()) <= 500 and bool(EVENT.search(text)) and bool(OFFICE.search(text))


def qualifying(path: Path, accept: Callable[[dict], bool] = diplomatic) -> dict[str, list[dict]]:
    """The articles `accept` takes, per newspaper, without repeated texts, in SHA-1 order of the URL."""
    by_source: dict[str, list[dict]] = defaultdict(list)
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d.get("content") or ""
            if not accept(d):
                continue
            key = text[:200]
            if key in seen:
                continue
            seen.add(key)
            d["_key"] = hashlib.sha1(d["url"].encode("utf-8")).hexdigest()
            by_source[d["source"]].append(d)
    for items in by_source.values():
        items.sort(key=lambda d: d["_key"])
    return by_source


def choose(by_source: dict[str, list[dict]], n: int) -> list[dict]:
    out: list[dict] = []
    sources = sorted(by_source)
    i = 0
    while len(out) < n and any(by_source[s] for s in sources):
        s = sources[i % len(sources)]
        if by_source[s]:
            out.append(by_source[s].pop(0))
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=27)
    ap.add_argument("--out", type=Path, default=Path("build/saudinewsnet_tune/articles"))
    args = ap.parse_args()
    chosen = choose(qualifying(shared_data() / "saudinewsnet" / "articles.jsonl.gz"), args.n)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, d in enumerate(chosen, 1):
        name = f"s{k:03d}_{d['source']}.txt"
        body = f"source: {d['url']}\ndate: {d['date_extracted'][:10]}\noutlet: {d['source']}\n\n{d['title']}\n\n{d['content'].strip()}\n"
        tmp = args.out / (name + ".tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(args.out / name)
    print(f"{len(chosen)} articles in {args.out}")


if __name__ == "__main__":
    main()
