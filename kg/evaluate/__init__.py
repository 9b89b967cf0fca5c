"""Scoring a knowledge graph (or any extractor) against hand-made gold annotations.

The scorer sees only `Prediction` objects: plain Arabic/English labels, dates and QIDs. It knows
nothing about spaCy, records or IRIs, so the same numbers can be computed for this tool, for a
baseline, or for another system's output. `predictions_from_store` is the one adapter from our
RDF store to that neutral form.

The gold format is described in `gold-format.md` (shared) and `data/gold/README.md`. Matching rules:

* persons: a predicted person matches a gold person when any of its labels has the same
  `kg.arabic.match_key` (hashtag marks read as spaces) as the gold `name_ar` or one of its
  `aliases_ar`; the assignment is one-to-one (maximum bipartite matching), so two unmerged
  predicted copies of one person give one true positive and one false positive.
* met-with: items are unordered pairs of gold persons who took part in an occurred meeting,
  counted once per article however many meetings they share. Predicted labels are mapped to
  gold persons first; a pair that cannot be mapped is a false positive. A planned or cancelled
  meeting predicted as occurred is a false positive.
* visits: items are (visitor, destination); a destination matches by any label (Arabic or
  English, against `destination` or `destination_ar`) or QID, or at country level (a visit to
  Riyadh and one to Saudi Arabia are one visit told at two granularities; two cities are not).
* optional items (`"optional": true` on a person, meeting or visit) neither reward nor punish:
  a prediction that matches one is neither a true nor a false positive, and missing one is no
  miss. Predictions are matched to required items first.
* dates: accuracy over matched met-with pairs and matched visits whose gold fixes a date. Right
  answers: `date` (and `date_alt`, when both are given); `date_partial` when only the month or
  year is known; `date_alt` or no date at all when the gold date is null with a `date_alt`
  (the publication day of an undated news item). A gold date that is null with neither is not
  scored. `count` (a meeting that happened twice) and `status` (cancelled) are read and
  validated; the pair scores count a pair once per article, and a cancelled item is never a
  meeting or visit.
* Wikidata: accuracy over matched required persons whose gold `wikidata` is not null (how many of
  them are linked, and rightly); and the share of predicted links on matched persons that are
  right ("links right": a link where the gold has none, or another QID, is wrong).

The news development set has a fixed split (`split_of`): articles whose number is divisible by
3 are the *check* split, reported as the honest estimate and never tuned on; the others *tune*.

Precision or recall over zero items is 1.0 (vacuously perfect: nothing predicted, nothing
wrong); accuracies over zero items are `None` because there is nothing to measure.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

from kg.evaluate.gold import GoldArticle, GoldError, article_body, gold_text_problems, load_gold, read_article_body
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
from kg.paths import news_dev_split

__all__ = [
    "DIP", "KGR", "RESOLVED_GRAPH", "WD", "PRF", "Accuracy", "ArticleReport", "GoldArticle", "GoldError", "PredMeeting",
    "PredPerson", "PredVisit", "Prediction", "Scores", "article_body", "evaluate_articles", "gold_text_problems",
    "load_gold", "main", "predictions_from_store", "read_article_body", "score", "split_of", "in_split", "evaluate_columns", "dev_columns",
]


SPLITS = ("all", "tune", "check")


split_of = news_dev_split  # the fixed split of the news development set (kg.paths)


def in_split(gold: dict[str, GoldArticle], split: str) -> dict[str, GoldArticle]:
    if split not in SPLITS:
        raise GoldError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    return {aid: g for aid, g in gold.items() if split == "all" or split_of(aid) == split}


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.evaluate GOLD_DIR [ARTICLES_DIR]`: validate gold files (the CLI wires `kg eval`);
    `python -m kg.evaluate --schema [FILE]`: write the gold JSON Schema (docs/gold.schema.json)."""
    import json

    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--schema":
        from kg.evaluate.gold import gold_json_schema
        from kg.paths import ROOT

        out = Path(args[1]) if len(args) > 1 else ROOT / "docs" / "gold.schema.json"
        out.write_text(json.dumps(gold_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
        return 0
    if not args or len(args) > 2:
        print("usage: python -m kg.evaluate GOLD_DIR [ARTICLES_DIR] | --schema [FILE]", file=sys.stderr)
        return 2
    try:
        gold = load_gold(args[0], args[1] if len(args) > 1 else None)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    n_persons = sum(len(g.persons) for g in gold.values())
    n_pairs = sum(len({frozenset(p) for m in g.meetings for p in combinations(m.participants, 2)}) for g in gold.values())
    n_visits = sum(len(g.visits) for g in gold.values())
    print(f"ok: {len(gold)} gold files, {n_persons} persons, {n_pairs} met-with pairs, {n_visits} visits")
    return 0


def evaluate_articles(
    articles: Path | str,
    gold_dir: Path | str,
    *,
    store: Path | str | None = None,
    model: str | None = None,
    split: str = "all",
) -> Scores:
    """`kg eval`: score a store (or a fresh build of the gold's articles into a temporary store)
    against gold. `split` keeps the tune or check articles of the news development set only; the
    build then reads only those articles, so no other article can shape their graphs."""
    import tempfile

    gold = in_split(load_gold(gold_dir, articles), split)
    if not gold:
        raise GoldError(f"{gold_dir}: no gold file in the {split} split")
    if store is not None:
        from kg.store.local import open_store

        return score(gold, predictions_from_store(open_store(store, read_only=True), sorted(gold)))
    from kg.build import build

    paths = [Path(articles) / g.article for g in gold.values()] if split != "all" else [Path(articles)]
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        result = build(paths, Path(tmp) / "store", model=model, retain=False)
        from kg.store.local import open_store

        st = open_store(Path(tmp) / "store")
        scores = score(gold, predictions_from_store(st, sorted(gold)))
        del st, result
    return scores


def dev_columns() -> dict[str, tuple[Path, Path, str]]:
    """The three columns `kg eval --dev` prints: the sample gold, and the tune and check splits of
    the news development set (read in place from the shared data, never copied)."""
    from kg.paths import DATA, shared_data

    return {
        "samples": (DATA / "articles", DATA / "gold", "all"),
        "tune": (shared_data() / "news_dev" / "articles", DATA / "gold" / "news_dev", "tune"),
        "check": (shared_data() / "news_dev" / "articles", DATA / "gold" / "news_dev", "check"),
    }


def evaluate_columns(columns: dict[str, tuple[Path, Path, str]], *, model: str | None = None) -> dict[str, Scores]:
    """Each column built and scored on its own (so the check split never sees a tune article)."""
    return {name: evaluate_articles(a, g, model=model, split=s) for name, (a, g, s) in columns.items()}
