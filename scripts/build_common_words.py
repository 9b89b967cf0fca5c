"""Write data/lexicon/common_words.txt and given_names.txt from ANERcorp's train split.

common_words.txt: frequent words of news that are never part of a name.
given_names.txt: words that start a person's name in most of their occurrences («مصطفى», «علي»),
kept in their written form (ى and ي differ: «علي» is a name, «على» a preposition).

Read from ANERcorp's train split (CC BY-SA 4.0, in ../shared/data): a word that occurs at least
MIN_COUNT times outside any entity and never inside a person name is an ordinary word. The title
patterns use the list to stop a name where the name ends («يوري بوريسوف التعاون المشترك» → «يوري
بوريسوف»). Only the word list is shipped, not the corpus.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.arabic import normalize  # noqa: E402
from kg.io import atomic_write  # noqa: E402
from kg.paths import LEXICON, shared_data  # noqa: E402

MIN_COUNT = 3


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--source",
        type=Path,
        nargs="+",
        default=[
            shared_data() / "anercorp_camel" / "train.bio",  # CC BY-SA 4.0
            shared_data() / "aqmar" / "aqmar.bio",  # CC BY-SA 3.0
            shared_data() / "wojood_sample" / "train.flat.bio",  # MIT
        ],
    )
    ap.add_argument("--out", type=Path, default=LEXICON / "common_words.txt")
    ap.add_argument("--names-out", type=Path, default=LEXICON / "given_names.txt")
    args = ap.parse_args()
    outside: Counter[str] = Counter()
    in_name: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    lines = [ln for src in args.source for ln in src.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if "\t" not in line or line.startswith("-DOCSTART-"):
            continue
        word, tag = line.split("\t", 1)
        key = normalize(word)
        seen[word] += 1
        if tag in {"B-PERS", "B-PER"}:
            starts[word] += 1
        if tag.endswith("PERS") or tag.endswith("PER"):
            in_name[key] += 1
        elif tag == "O":
            outside[key] += 1
    # Ordinary: seen often outside entities, and inside a person's name in under 3% of its uses
    # (corpora mis-tag a few common words; «رغبة» must stay ordinary).
    words = sorted(w for w, n in outside.items() if n >= MIN_COUNT and in_name[w] < 0.03 * (n + in_name[w]) and w.isalpha())
    header = (
        "# Frequent ordinary words (normalised with kg.arabic.normalize), never part of a person name in\n"
        "# ANERcorp train (CC BY-SA 4.0), AQMAR (CC BY-SA 3.0) and the Wojood sample train split (MIT).\n"
        f"# Built by scripts/build_common_words.py; {len(words)} words.\n"
    )
    atomic_write(args.out, header + "\n".join(words) + "\n")
    print(f"{args.out}: {len(words)} words")
    names = sorted(w for w, n in starts.items() if n >= 2 and n / seen[w] >= 0.6 and w.isalpha() and len(w) > 2)
    # The corpora keep a glued «و» inside names («وعبد», «ومحمد»): such a form is a clitic on a
    # name already in the list, not a name of its own (a name that starts with و, «وليد», stays).
    name_words = LEXICON / "name_tokens.txt"  # scripts/build_name_lexicon.py (Wikidata, CC0)
    wikidata = set()
    if name_words.exists():
        wikidata = {ln.strip() for ln in name_words.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")}
    listed = set(names) | wikidata
    glued = {w for w in names if w.startswith("و") and (w[1:] in listed or normalize(w[1:]) in listed)}
    names = [w for w in names if w not in glued or normalize(w) in wikidata]  # «وائل», «وانغ» are names
    header = (
        "# Given names: words that begin a person's name in at least 60% of their occurrences (and at\n"
        f"# least twice) in ANERcorp train, AQMAR and the Wojood sample, as written. Built by scripts/build_common_words.py; {len(names)} names.\n"
    )
    atomic_write(args.names_out, header + "\n".join(names) + "\n")
    print(f"{args.names_out}: {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
