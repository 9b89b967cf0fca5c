"""Inter-annotator agreement on the doubly annotated news articles (docs/evaluation.md).

Scores annotator B's gold (data/gold/news_dev_agreement) as if it were a prediction against
annotator A's (data/gold/news_dev), and the other way round, with the scorer `kg eval` uses:
items either annotator marked optional neither reward nor punish. Prints F1 per item type both
ways (pair F1 is the agreement figure; the two directions differ only through optional items).

    .venv/bin/python scripts/agreement.py
    .venv/bin/python scripts/agreement.py --set newspapers_tune   # the newspapers tune set's ten pages
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.evaluate import load_gold, score
from kg.evaluate.score import gold_as_prediction
from kg.paths import DATA, shared_data


# Each doubly annotated set: its first annotation, the second one, and where its articles are.
SETS = {
    "news_dev": ("news_dev", "news_dev_agreement", lambda: shared_data() / "news_dev" / "articles"),
    # pages written by scripts/sample_newspapers.py (make eval-newspapers-tune), not in the repository
    "newspapers_tune": ("newspapers_tune", "newspapers_tune_agreement", lambda: Path("build/newspapers_tune/articles")),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", choices=sorted(SETS), default="news_dev")
    ap.add_argument("-v", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    first, second, where = SETS[args.set]
    articles = where()
    a = load_gold(DATA / "gold" / first, articles)
    b = load_gold(DATA / "gold" / second, articles)
    common = sorted(set(a) & set(b))
    if not common:
        print("no doubly annotated article", file=sys.stderr)
        return 1
    ab = score({k: a[k] for k in common}, {k: gold_as_prediction(b[k], include_optional=False) for k in common})
    ba = score({k: b[k] for k in common}, {k: gold_as_prediction(a[k], include_optional=False) for k in common})
    print(f"{len(common)} articles annotated twice: {', '.join(c.split('_')[0] for c in common)}")
    print("as kg eval scores (optional items neither reward nor punish):")
    _table(ab, ba)
    # Strict: every item counts, optional or not, so a disagreement on what is optional shows.
    sa, sb = ({k: _strict(g[k]) for k in common} for g in (a, b))
    sab = score(sa, {k: gold_as_prediction(sb[k]) for k in common})
    sba = score(sb, {k: gold_as_prediction(sa[k]) for k in common})
    print("strict (optional items count as ordinary ones):")
    _table(sab, sba)
    if args.v:
        for title, s in (("as scored", ab), ("strict", sab)):
            for aid in common:
                for kind, items in s.articles[aid].misses().items():
                    for item in items:
                        print(f"  {title} {aid.split('_')[0]} {kind}: {item}")
    return 0


def _strict(g):
    data = g.model_dump()
    for key in ("persons", "meetings", "visits"):
        for item in data[key]:
            item["optional"] = False
    return type(g).model_validate(data)


def _table(ab, ba) -> None:
    print(f"  {'item':<16}{'B against A':>28}{'A against B':>28}")
    for label, get in (("persons", lambda s: s.persons), ("met-with pairs", lambda s: s.met), ("visits", lambda s: s.visits)):
        x, y = get(ab), get(ba)
        print(f"  {label:<16}{f'F1 {x.f1:.3f} (tp {x.tp} fp {x.fp} fn {x.fn})':>28}{f'F1 {y.f1:.3f} (tp {y.tp} fp {y.fp} fn {y.fn})':>28}")
    for label, get in (("dates", lambda s: s.date_accuracy), ("wikidata", lambda s: s.wikidata_accuracy)):
        x, y = get(ab), get(ba)
        fx = "n/a" if x.value is None else f"{x.value:.3f} ({x.correct}/{x.n})"
        fy = "n/a" if y.value is None else f"{y.value:.3f} ({y.correct}/{y.n})"
        print(f"  {label:<16}{fx:>28}{fy:>28}")


if __name__ == "__main__":
    raise SystemExit(main())
