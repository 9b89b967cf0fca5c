"""Matching predictions to gold and scoring them (precision, recall, F1, accuracies)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from rich.table import Table

from kg.arabic import match_key
from kg.evaluate.predictions import PredPerson, Prediction

# --- scores ------------------------------------------------------------------------------------


@dataclass
class PRF:
    """Counts for one item type; precision/recall over zero items are vacuously 1.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def n(self) -> int:
        """Number of gold items."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "n": self.n,
        }


@dataclass
class Accuracy:
    correct: int = 0
    n: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.n if self.n else None

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.n += other.n

    def as_dict(self) -> dict:
        value = self.value
        return {"accuracy": None if value is None else round(value, 4), "correct": self.correct, "n": self.n}


@dataclass
class ArticleReport:
    """What went wrong in one article, by name, so a user can see why a score is low."""

    article: str
    persons: PRF = field(default_factory=PRF)
    met: PRF = field(default_factory=PRF)
    visits: PRF = field(default_factory=PRF)
    meeting_dates: Accuracy = field(default_factory=Accuracy)
    visit_dates: Accuracy = field(default_factory=Accuracy)
    wikidata: Accuracy = field(default_factory=Accuracy)
    persons_fp: list[str] = field(default_factory=list)
    persons_fn: list[str] = field(default_factory=list)
    met_fp: list[str] = field(default_factory=list)
    met_fn: list[str] = field(default_factory=list)
    visits_fp: list[str] = field(default_factory=list)
    visits_fn: list[str] = field(default_factory=list)
    date_errors: list[str] = field(default_factory=list)
    wikidata_errors: list[str] = field(default_factory=list)

    MISS_FIELDS = (
        "persons_fp", "persons_fn", "met_fp", "met_fn", "visits_fp", "visits_fn",
        "date_errors", "wikidata_errors",
    )

    def misses(self) -> dict[str, list[str]]:
        return {name: getattr(self, name) for name in self.MISS_FIELDS if getattr(self, name)}

    def as_dict(self) -> dict:
        return {
            "persons": self.persons.as_dict(),
            "met_with": self.met.as_dict(),
            "visits": self.visits.as_dict(),
            "meeting_date_accuracy": self.meeting_dates.as_dict(),
            "visit_date_accuracy": self.visit_dates.as_dict(),
            "wikidata_accuracy": self.wikidata.as_dict(),
            "misses": self.misses(),
        }


@dataclass
class Scores:
    """Micro-averaged scores over the gold articles, with per-article reports."""

    persons: PRF = field(default_factory=PRF)
    met: PRF = field(default_factory=PRF)
    visits: PRF = field(default_factory=PRF)
    meeting_date_accuracy: Accuracy = field(default_factory=Accuracy)
    visit_date_accuracy: Accuracy = field(default_factory=Accuracy)
    wikidata_accuracy: Accuracy = field(default_factory=Accuracy)
    articles: dict[str, ArticleReport] = field(default_factory=dict)
    missing_predictions: list[str] = field(default_factory=list)  # gold articles nothing predicted for
    extra_predictions: list[str] = field(default_factory=list)  # predicted articles without gold

    @property
    def date_accuracy(self) -> Accuracy:
        """Meeting and visit dates together."""
        total = Accuracy()
        total.add(self.meeting_date_accuracy)
        total.add(self.visit_date_accuracy)
        return total

    def as_dict(self) -> dict:
        return {
            "articles_scored": len(self.articles),
            "persons": self.persons.as_dict(),
            "met_with": self.met.as_dict(),
            "visits": self.visits.as_dict(),
            "meeting_date_accuracy": self.meeting_date_accuracy.as_dict(),
            "visit_date_accuracy": self.visit_date_accuracy.as_dict(),
            "date_accuracy": self.date_accuracy.as_dict(),
            "wikidata_accuracy": self.wikidata_accuracy.as_dict(),
            "missing_predictions": list(self.missing_predictions),
            "extra_predictions": list(self.extra_predictions),
            "per_article": {aid: report.as_dict() for aid, report in sorted(self.articles.items())},
        }

    def as_table(self) -> Table:
        table = Table(title=f"kg eval: {len(self.articles)} article(s), micro-averaged")
        for col in ("item", "P", "R", "F1", "accuracy", "tp", "fp", "fn", "n"):
            table.add_column(col, justify="left" if col == "item" else "right")
        for name, prf in (("persons", self.persons), ("met-with pairs", self.met), ("visits", self.visits)):
            table.add_row(
                name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", "",
                str(prf.tp), str(prf.fp), str(prf.fn), str(prf.n),
            )
        for name, acc in (
            ("meeting dates", self.meeting_date_accuracy),
            ("visit dates", self.visit_date_accuracy),
            ("all dates", self.date_accuracy),
            ("wikidata links", self.wikidata_accuracy),
        ):
            value = acc.value
            shown = "n/a" if value is None else f"{value:.3f} ({acc.correct}/{acc.n})"
            table.add_row(name, "", "", "", shown, "", "", "", str(acc.n))
        return table

    def misses_table(self) -> Table:
        """One row per miss: article, kind, what. Empty table when everything matched."""
        table = Table(title="misses")
        for col in ("article", "kind", "item"):
            table.add_column(col)
        for aid, report in sorted(self.articles.items()):
            for kind, items in report.misses().items():
                for item in items:
                    table.add_row(aid, kind, item)
        return table


# --- matching ----------------------------------------------------------------------------------


def _keys(labels: Iterable[str]) -> set[str]:
    return {k for k in (match_key(label) for label in labels if label) if k}


def _dest_key(label: str) -> str:
    """Destinations are compared across scripts: Arabic by match_key, English case-insensitively."""
    return match_key(label).casefold()


def _shown(labels: Sequence[str]) -> str:
    return labels[0] if labels else "(no label)"


class _GoldIndex:
    """Match keys of one article's gold persons, and label → gold person mapping."""

    def __init__(self, gold: dict) -> None:
        self.persons = gold["persons"]
        self.by_name = {p["name_en"]: i for i, p in enumerate(self.persons)}
        self.name_keys = [match_key(p["name_ar"]) for p in self.persons]
        self.keys = [_keys([p["name_ar"], *p["aliases_ar"]]) for p in self.persons]

    def candidates(self, labels: Sequence[str]) -> list[int]:
        """Gold persons sharing a key with the labels, strongest first (full name, then overlap)."""
        keys = _keys(labels)
        scored = []
        for i, gkeys in enumerate(self.keys):
            overlap = len(keys & gkeys)
            if overlap:
                scored.append((self.name_keys[i] in keys, overlap, -i))
        scored.sort(reverse=True)
        return [-s[2] for s in scored]

    def map(self, labels: Sequence[str]) -> int | None:
        """The single gold person these labels denote, or None when none or ambiguous."""
        keys = _keys(labels)
        scored = []
        for i, gkeys in enumerate(self.keys):
            overlap = len(keys & gkeys)
            if overlap:
                scored.append(((self.name_keys[i] in keys, overlap), i))
        if not scored:
            return None
        scored.sort(key=lambda s: s[0], reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return scored[0][1]


def _match_persons(index: _GoldIndex, persons: list[PredPerson]) -> dict[int, int]:
    """Maximum one-to-one matching predicted → gold (Kuhn's augmenting paths; articles are small)."""
    cands = [index.candidates(p.labels) for p in persons]
    gold_to_pred: dict[int, int] = {}

    def augment(pi: int, seen: set[int]) -> bool:
        for gi in cands[pi]:
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in gold_to_pred or augment(gold_to_pred[gi], seen):
                gold_to_pred[gi] = pi
                return True
        return False

    for pi in range(len(persons)):
        augment(pi, set())
    return {pi: gi for gi, pi in gold_to_pred.items()}


def _score_article(aid: str, gold: dict, pred: Prediction) -> ArticleReport:
    report = ArticleReport(article=aid)
    index = _GoldIndex(gold)
    persons = gold["persons"]

    # persons and wikidata
    matched = _match_persons(index, pred.persons)
    report.persons.tp = len(matched)
    report.persons.fp = len(pred.persons) - len(matched)
    report.persons.fn = len(persons) - len(matched)
    report.persons_fp = [_shown(p.labels) for i, p in enumerate(pred.persons) if i not in matched]
    matched_gold = set(matched.values())
    report.persons_fn = [p["name_ar"] for i, p in enumerate(persons) if i not in matched_gold]
    for pi, gi in sorted(matched.items(), key=lambda kv: kv[1]):
        expected = persons[gi]["wikidata"]
        if expected is None:
            continue
        report.wikidata.n += 1
        got = pred.persons[pi].wikidata
        if got == expected:
            report.wikidata.correct += 1
        else:
            report.wikidata_errors.append(f"{persons[gi]['name_en']}: gold {expected}, predicted {got}")

    def name(i: int) -> str:
        return persons[i]["name_en"]

    # met-with pairs
    gold_pairs: dict[frozenset[int], set[str]] = {}
    for meeting in gold["meetings"]:
        ids = [index.by_name[n] for n in meeting["participants"]]
        for x, y in combinations(ids, 2):
            dates = gold_pairs.setdefault(frozenset((x, y)), set())
            if meeting["date"]:
                dates.add(meeting["date"])
    pred_pairs: dict[frozenset[int], set[str]] = {}
    unmapped: dict[tuple, str] = {}
    for m in pred.met:
        ia, ib = index.map(m.a), index.map(m.b)
        if ia is not None and ib is not None and ia != ib:
            dates = pred_pairs.setdefault(frozenset((ia, ib)), set())
            if m.date:
                dates.add(m.date)
        else:
            key = tuple(sorted((match_key(_shown(m.a)), match_key(_shown(m.b)))))
            unmapped.setdefault(key, f"{_shown(m.a)} — {_shown(m.b)} (not both gold persons)")
    for pair in gold_pairs.keys() & pred_pairs.keys():
        report.met.tp += 1
        if gold_pairs[pair]:
            report.meeting_dates.n += 1
            if gold_pairs[pair] & pred_pairs[pair]:
                report.meeting_dates.correct += 1
            else:
                x, y = sorted(pair)
                report.date_errors.append(
                    f"met {name(x)} — {name(y)}: gold {sorted(gold_pairs[pair])}, predicted {sorted(pred_pairs[pair]) or None}"
                )
    spurious = pred_pairs.keys() - gold_pairs.keys()
    report.met.fp = len(spurious) + len(unmapped)
    report.met_fp = sorted(" — ".join(name(i) for i in sorted(p)) for p in spurious) + list(unmapped.values())
    missed = gold_pairs.keys() - pred_pairs.keys()
    report.met.fn = len(missed)
    report.met_fn = sorted(" — ".join(name(i) for i in sorted(p)) for p in missed)

    # visits
    gold_visits: dict[tuple[int, str], tuple[set[str], set[str]]] = {}  # → (destination keys, dates)
    for visit in gold["visits"]:
        item = (index.by_name[visit["visitor"]], _dest_key(visit["destination"]))
        dkeys, dates = gold_visits.setdefault(item, (set(), set()))
        dkeys.add(_dest_key(visit["destination"]))
        if visit.get("destination_ar"):
            dkeys.add(_dest_key(visit["destination_ar"]))
        if visit["date"]:
            dates.add(visit["date"])
    pred_visits: dict[tuple[int, str], set[str]] = {}
    unmatched_visits: dict[tuple, str] = {}
    for v in pred.visits:
        vi = index.map(v.visitor)
        dkeys = {k for k in (_dest_key(d) for d in v.destination) if k}
        hit = next((item for item, (gk, _) in gold_visits.items() if item[0] == vi and gk & dkeys), None)
        if hit is not None:
            dates = pred_visits.setdefault(hit, set())
            if v.date:
                dates.add(v.date)
        else:
            who = name(vi) if vi is not None else _shown(v.visitor)
            key = (vi if vi is not None else match_key(_shown(v.visitor)), frozenset(dkeys))
            unmatched_visits.setdefault(key, f"{who} → {' / '.join(v.destination) or '(no destination)'}")
    for item, dates in pred_visits.items():
        report.visits.tp += 1
        gold_dates = gold_visits[item][1]
        if gold_dates:
            report.visit_dates.n += 1
            if gold_dates & dates:
                report.visit_dates.correct += 1
            else:
                report.date_errors.append(
                    f"visit {name(item[0])} → {item[1]}: gold {sorted(gold_dates)}, predicted {sorted(dates) or None}"
                )
    report.visits.fp = len(unmatched_visits)
    report.visits_fp = list(unmatched_visits.values())
    missed_visits = [item for item in gold_visits if item not in pred_visits]
    report.visits.fn = len(missed_visits)
    report.visits_fn = [f"{name(v)} → {d}" for v, d in missed_visits]
    return report


def score(gold: dict[str, dict], predictions: dict[str, Prediction]) -> Scores:
    """Score predictions against gold, micro-averaged over the gold articles.

    A gold article with no prediction counts as an empty prediction (all misses); predictions
    for articles without gold are ignored and listed in `extra_predictions`.
    """
    scores = Scores()
    for aid in sorted(gold):
        pred = predictions.get(aid)
        if pred is None:
            scores.missing_predictions.append(aid)
            pred = Prediction()
        report = _score_article(aid, gold[aid], pred)
        scores.articles[aid] = report
        scores.persons.add(report.persons)
        scores.met.add(report.met)
        scores.visits.add(report.visits)
        scores.meeting_date_accuracy.add(report.meeting_dates)
        scores.visit_date_accuracy.add(report.visit_dates)
        scores.wikidata_accuracy.add(report.wikidata)
    scores.extra_predictions = sorted(set(predictions) - set(gold))
    return scores
