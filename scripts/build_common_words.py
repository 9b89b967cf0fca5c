"""Write data/lexicon/common_words.txt, given_names.txt and names_alone.txt from ANERcorp's train split.

common_words.txt: frequent words of news that are never part of a name.
given_names.txt: words that start a person's name in most of their occurrences («مصطفى», «علي»),
kept in their written form (ى and ي differ: «علي» is a name, «على» a preposition).
names_alone.txt: the words of given_names.txt that are a whole person's name on their own in most
of the names they start («بوتين», «بلير», «أنان»): the corpora write these surnames alone, so they
start a name without being given names, and a person named by one of them alone is a person.

Read from ANERcorp's train split (CC BY-SA 4.0, in ../shared/data): a word that occurs at least
MIN_COUNT times outside any entity and never inside a person name is an ordinary word. The title
patterns use the list to stop a name where the name ends («يوري بوريسوف التعاون المشترك» → «يوري
بوريسوف»). Only the word list is shipped, not the corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.arabic import normalize  # noqa: E402
from kg.io import atomic_write, read_tsv  # noqa: E402
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
    ap.add_argument("--alone-out", type=Path, default=LEXICON / "names_alone.txt")
    args = ap.parse_args()
    outside: Counter[str] = Counter()
    in_name: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    alone: Counter[str] = Counter()  # starts of a one-word person name
    seen: Counter[str] = Counter()
    lines = [ln for src in args.source for ln in src.read_text(encoding="utf-8").splitlines()]
    rows = [ln.split("\t", 1) for ln in lines if "\t" in ln and not ln.startswith("-DOCSTART-")]
    for n, (word, tag) in enumerate(rows):
        key = normalize(word)
        seen[word] += 1
        if tag in {"B-PERS", "B-PER"}:
            starts[word] += 1
            if n + 1 == len(rows) or not rows[n + 1][1].startswith("I-"):
                alone[word] += 1
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
    # «لمحمد», «لأحمد»: «لـ/بـ» glued to a listed name is the preposition on it, not a name either;
    # so is «لـ» glued to a Wikidata name word («لعلي», «لفرانس») unless the whole form is one
    # («لويس», «لاريجاني»), and «لل» (the preposition on the article: «للألمان») never starts a name
    glued |= {w for w in names if w[:1] in "لب" and w[1:] in names}
    glued |= {w for w in names if w[:1] in "لب" and normalize(w[1:]) in wikidata and normalize(w) not in wikidata}
    glued |= {w for w in names if w.startswith("لل")}
    names = [w for w in names if w not in glued or (w.startswith("و") and normalize(w) in wikidata)]  # «وائل», «وانغ» are names
    header = (
        "# Given names: words that begin a person's name in at least 60% of their occurrences (and at\n"
        f"# least twice) in ANERcorp train, AQMAR and the Wojood sample, as written. Built by scripts/build_common_words.py; {len(names)} names.\n"
    )
    atomic_write(args.names_out, header + "\n".join(names) + "\n")
    print(f"{args.names_out}: {len(names)} names")
    # A surname the corpora write alone («بوتين» 15 of 15 starts alone) starts names as often as a
    # given name; at least 3 starts, 80% of them alone. Plural groups («الصليبيين») are no names
    # of their own and are left to the plural rules.
    # Only Wikidata name words, so a verb or a clitic form the corpora mis-tag («شاركوه», «للألمان»,
    # «لرونالدو») stays out.
    # And not a given name the corpora happen to use alone (a novel's «كريم», a footballer «راؤول»):
    # the word's English forms (person_names_wikidata, CC0) must end the English names of Wikidata's
    # officeholders (persons.json, CC0) more often than they start them.
    wikidata_norm = {normalize(w) for w in wikidata}
    first, last = _english_name_positions()
    english = _english_forms()

    def surname_like(w: str) -> bool:
        forms = english.get(w) or english.get(w[2:] if w.startswith("ال") else w) or Counter()
        starts_en = sum(first[e] * c for e, c in forms.items())
        ends_en = sum(last[e] * c for e, c in forms.items())
        return not (starts_en > 0 and starts_en >= ends_en)

    lone = sorted(w for w in names if starts[w] >= 3 and alone[w] >= 0.8 * starts[w]
                  and (normalize(w) in wikidata_norm or (normalize(w).startswith("ال") and normalize(w)[2:] in wikidata_norm))
                  and not (normalize(w).startswith(("ال", "لل", "وال")) and normalize(w).endswith(("ين", "ون")))
                  and surname_like(w))
    header = (
        "# Names the corpora write alone: words of given_names.txt that are a whole one-word person name in at\n"
        "# least 80% of at least 3 names they start (ANERcorp train, AQMAR, the Wojood sample), Wikidata name words\n"
        "# whose English forms end more officeholders' names in persons.json than they start: surnames used\n"
        f"# alone («بوتين», «بلير»). Built by scripts/build_common_words.py; {len(lone)} names.\n"
    )
    atomic_write(args.alone_out, header + "\n".join(lone) + "\n")
    print(f"{args.alone_out}: {len(lone)} names")
    return 0


def _english_name_positions() -> tuple[Counter[str], Counter[str]]:
    """How often each lower-cased English word starts, and ends, an officeholder's name of two
    words or more in persons.json (labels and aliases)."""
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    data = json.loads((shared_data() / "wikidata" / "persons.json").read_text(encoding="utf-8"))
    for p in data["persons"]:
        for name in [p.get("en")] + list(p.get("en_alt") or []):
            words = (name or "").lower().replace("-", " ").split()
            if len(words) >= 2:
                first[words[0]] += 1
                last[words[-1]] += 1
    return first, last


def _english_forms() -> dict[str, Counter[str]]:
    """Arabic name token -> its English forms with their counts (person_names_wikidata)."""
    forms: dict[str, Counter[str]] = {}
    path = shared_data() / "person_names_wikidata" / "wikidata_person_name_tokens_en_ar.tsv"
    for row in read_tsv(path, ("arabic", "english", "count")):
        forms.setdefault(row["arabic"], Counter())[row["english"]] += int(row["count"])
    return forms


if __name__ == "__main__":
    raise SystemExit(main())
