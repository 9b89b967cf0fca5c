"""Write data/lexicon/name_tokens.txt: words that are parts of personal names.

A person mention needs positive evidence (issue 14): a title before it, the NER model, or words
that are known to be names. This list is that knowledge, from two CC0 sources in ../shared/data:

* `person_names_wikidata/wikidata_person_name_tokens_en_ar.tsv`: 65k English→Arabic name tokens
  of people in Wikidata (mostly foreign names in Arabic script: «موغيريني», «بومبيو»);
* `wikidata/persons.json`: the Arabic labels and aliases of 1.5k office-holders (Arab names).

Tokens are kept normalised (kg.arabic.normalize), letters only, at least three letters; a token
seen once in the Wikidata table and also an ordinary word of news (data/lexicon/common_words.txt)
is left out (one stray alignment must not turn «الحكومة» into a name). The list is a lexicon
feature and never an answer: a word on it still needs a place in a name-shaped span.

    .venv/bin/python scripts/build_name_lexicon.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.arabic import normalize  # noqa: E402
from kg.io import atomic_write, read_tsv  # noqa: E402
from kg.paths import LEXICON, shared_data  # noqa: E402

LETTERS = re.compile(r"^[\u0621-\u064a]{3,}$")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tokens", type=Path, default=shared_data() / "person_names_wikidata" / "wikidata_person_name_tokens_en_ar.tsv")
    ap.add_argument("--persons", type=Path, default=shared_data() / "wikidata" / "persons.json")
    ap.add_argument("--out", type=Path, default=LEXICON / "name_tokens.txt")
    args = ap.parse_args()
    common = {ln.strip() for ln in (LEXICON / "common_words.txt").read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")}
    counts: Counter[str] = Counter()
    for row in read_tsv(args.tokens, required=("arabic", "count")):
        if row["count"].isdigit():
            counts[normalize(row["arabic"])] += int(row["count"])
    from_labels: set[str] = set()
    for person in json.loads(args.persons.read_text(encoding="utf-8"))["persons"]:
        for label in [person.get("ar")] + list(person.get("ar_alt") or []):
            for word in (label or "").split():
                from_labels.add(normalize(word))
    names = {w for w, n in counts.items() if LETTERS.match(w) and not (n < 2 and w in common)}
    names |= {w for w in from_labels if LETTERS.match(w) and w not in common}
    header = [
        "# Words that are parts of personal names (normalised with kg.arabic.normalize), from the",
        "# Wikidata person-name tokens (person_names_wikidata, CC0) and the Arabic labels of the",
        "# Wikidata office-holders extract (wikidata/persons.json, CC0). Built by",
        f"# scripts/build_name_lexicon.py; {len(names)} words.",
    ]
    atomic_write(args.out, "\n".join(header + sorted(names)) + "\n")
    print(f"wrote {args.out}: {len(names)} name words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
