"""Scoring a knowledge graph (or any extractor) against hand-made gold annotations.

The scorer sees only `Prediction` objects: plain Arabic/English labels, dates and QIDs. It knows
nothing about spaCy, records or IRIs, so the same numbers can be computed for this tool, for a
baseline, or for another system's output. `predictions_from_store` is the one adapter from our
RDF store to that neutral form.

The gold format is described in `gold-format.md` (shared) and `data/gold/README.md`. Matching rules:

* persons: a predicted person matches a gold person when any of its labels has the same
  `kg.arabic.match_key` as the gold `name_ar` or one of its `aliases_ar`; the assignment is
  one-to-one (maximum bipartite matching), so two unmerged predicted copies of one person give
  one true positive and one false positive.
* met-with: items are unordered pairs of gold persons who took part in an occurred meeting,
  counted once per article however many meetings they share. Predicted labels are mapped to
  gold persons first; a pair that cannot be mapped is a false positive.
* visits: items are (visitor, destination); destination matched by any predicted label (Arabic or
  English) against the gold `destination` (English) or the optional `destination_ar`.
* dates: accuracy over matched met-with pairs and matched visits whose gold date is not null;
  the prediction is right when one of its dates for that item equals a gold date exactly.
* Wikidata: accuracy over matched persons whose gold `wikidata` is not null.

Precision or recall over zero items is 1.0 (vacuously perfect: nothing predicted, nothing
wrong); accuracies over zero items are `None` because there is nothing to measure.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

from kg.evaluate.gold import GoldError, article_body, gold_text_problems, load_gold, read_article_body
from kg.evaluate.predictions import (
    DIP,
    KGR,
    RESOLVED_GRAPH,
    WD,
    PredMeeting,
    PredPerson,
    Prediction,
    PredVisit,
    predictions_from_store,
)
from kg.evaluate.score import PRF, Accuracy, ArticleReport, Scores, score

__all__ = [
    "DIP", "KGR", "RESOLVED_GRAPH", "WD", "PRF", "Accuracy", "ArticleReport", "GoldError", "PredMeeting",
    "PredPerson", "PredVisit", "Prediction", "Scores", "article_body", "evaluate_articles", "gold_text_problems",
    "load_gold", "main", "predictions_from_store", "read_article_body", "score",
]


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.evaluate GOLD_DIR [ARTICLES_DIR]`: validate gold files (the CLI wires `kg eval`)."""
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) > 2:
        print("usage: python -m kg.evaluate GOLD_DIR [ARTICLES_DIR]", file=sys.stderr)
        return 2
    try:
        gold = load_gold(args[0], args[1] if len(args) > 1 else None)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    n_persons = sum(len(g["persons"]) for g in gold.values())
    n_pairs = sum(len({frozenset(p) for m in g["meetings"] for p in combinations(m["participants"], 2)}) for g in gold.values())
    n_visits = sum(len(g["visits"]) for g in gold.values())
    print(f"ok: {len(gold)} gold files, {n_persons} persons, {n_pairs} met-with pairs, {n_visits} visits")
    return 0


def evaluate_articles(
    articles: Path | str, gold_dir: Path | str, *, store: Path | str | None = None, model: str | None = None
) -> Scores:
    """`kg eval`: score a store (or a fresh build of ARTICLES into a temporary store) against gold."""
    import tempfile

    gold = load_gold(gold_dir, articles)
    if store is not None:
        from kg.store.local import open_store

        return score(gold, predictions_from_store(open_store(store, read_only=True), sorted(gold)))
    from kg.build import build

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        result = build([articles], Path(tmp) / "store", model=model)
        from kg.store.local import open_store

        st = open_store(Path(tmp) / "store")
        scores = score(gold, predictions_from_store(st, sorted(gold)))
        del st, result
    return scores
