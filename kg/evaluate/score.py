"""Matching predictions to gold and scoring them (precision, recall, F1, accuracies)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from rich.table import Table

from kg.arabic import match_key
from kg.evaluate.gold import GoldArticle
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
    wikidata_precision: Accuracy = field(default_factory=Accuracy)  # predicted links that are right
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
            "wikidata_precision": self.wikidata_precision.as_dict(),
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
    wikidata_precision: Accuracy = field(default_factory=Accuracy)
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
            "wikidata_precision": self.wikidata_precision.as_dict(),
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
            ("links right", self.wikidata_precision),
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


def gold_as_prediction(gold: GoldArticle, *, include_optional: bool = True) -> Prediction:
    """One annotation read as if a system had predicted it: how inter-annotator agreement is
    scored (annotator B's file as the prediction against annotator A's) and what a flawless
    system would output. Optional items are included (the scorer ignores them on the other side
    when they are optional there too)."""
    from kg.evaluate.predictions import PredMeeting, PredVisit

    by_name = {p.name_en: p for p in gold.persons}

    def labels(name_en: str) -> list[str]:
        p = by_name[name_en]
        return [p.name_ar, *p.aliases_ar]

    keep = (lambda item: include_optional or not item.optional)
    pred = Prediction()
    for p in gold.persons:
        if keep(p):
            pred.persons.append(PredPerson(labels=labels(p.name_en), wikidata=p.wikidata))
    for m in gold.meetings:
        if keep(m):
            for a, b in combinations(m.participants, 2):
                pred.met.append(PredMeeting(a=labels(a), b=labels(b), date=m.date or m.date_partial or m.date_alt))
    for v in gold.visits:
        if keep(v):
            dest = [v.destination] + ([v.destination_ar] if v.destination_ar else [])
            pred.visits.append(PredVisit(visitor=labels(v.visitor), destination=dest, date=v.date or v.date_partial or v.date_alt))
    return pred


def columns_table(columns: dict[str, Scores]) -> Table:
    """Several scorings side by side (`kg eval --dev`: samples, tune, check): F1 (P/R) per item."""
    table = Table(title="kg eval: " + ", ".join(f"{k} ({len(v.articles)} articles)" for k, v in columns.items()))
    table.add_column("item")
    for name in columns:
        table.add_column(name, justify="right")

    def prf(x: PRF) -> str:
        return f"{x.f1:.3f} (P {x.precision:.2f} R {x.recall:.2f}, n {x.n})"

    def acc(x: Accuracy) -> str:
        return "n/a" if x.value is None else f"{x.value:.3f} ({x.correct}/{x.n})"

    for label, get in (("persons F1", lambda s: prf(s.persons)), ("met-with F1", lambda s: prf(s.met)),
                       ("visits F1", lambda s: prf(s.visits)), ("date accuracy", lambda s: acc(s.date_accuracy)),
                       ("wikidata linked", lambda s: acc(s.wikidata_accuracy)),
                       ("links right", lambda s: acc(s.wikidata_precision))):
        table.add_row(label, *(get(s) for s in columns.values()))
    return table


# --- matching ----------------------------------------------------------------------------------


def name_key(label: str) -> str:
    """The key a person's name is compared by: `kg.arabic.match_key`, with the hashtag marks some
    outlets glue into names («رجب طيب #أردوغان», «#جاستين_ترودو») read as spaces."""
    return match_key(label.replace("#", " ").replace("_", " "))


def _keys(labels: Iterable[str]) -> set[str]:
    return {k for k in (name_key(label) for label in labels if label) if k}


def _dest_key(label: str) -> str:
    """Destinations are compared across scripts: Arabic by match_key, English case-insensitively."""
    return match_key(label).casefold()


def _shown(labels: Sequence[str]) -> str:
    return labels[0] if labels else "(no label)"


class _GoldIndex:
    """Match keys of one article's gold persons, and label → gold person mapping."""

    def __init__(self, gold: GoldArticle) -> None:
        self.persons = gold.persons
        self.by_name = {p.name_en: i for i, p in enumerate(self.persons)}
        self.name_keys = [name_key(p.name_ar) for p in self.persons]
        self.keys = [_keys([p.name_ar, *p.aliases_ar]) for p in self.persons]

    def candidates(self, labels: Sequence[str], optional: bool) -> list[int]:
        """Gold persons sharing a key with the labels, strongest first (full name, then overlap);
        only the required ones, or only the optional ones."""
        keys = _keys(labels)
        scored = []
        for i, gkeys in enumerate(self.keys):
            overlap = len(keys & gkeys)
            if overlap and self.persons[i].optional == optional:
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


def _bipartite(cands: list[list[int]], gold_to_pred: dict[int, int]) -> None:
    """Kuhn's augmenting paths (articles are small), extending `gold_to_pred` in place."""

    def augment(pi: int, seen: set[int]) -> bool:
        for gi in cands[pi]:
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in gold_to_pred or augment(gold_to_pred[gi], seen):
                gold_to_pred[gi] = pi
                return True
        return False

    for pi in range(len(cands)):
        if pi not in gold_to_pred.values():
            augment(pi, set())


def _match_persons(index: _GoldIndex, persons: list[PredPerson]) -> dict[int, int]:
    """Maximum one-to-one matching predicted → gold: the required gold persons first, then the
    predictions left over against the optional ones (which neither reward nor punish)."""
    gold_to_pred: dict[int, int] = {}
    _bipartite([index.candidates(p.labels, optional=False) for p in persons], gold_to_pred)
    _bipartite([index.candidates(p.labels, optional=True) for p in persons], gold_to_pred)
    return {pi: gi for gi, pi in gold_to_pred.items()}


class _Places:
    """Gold destinations and predicted ones compared through the gazetteer: a visit to Riyadh
    and a visit to Saudi Arabia are the same visit at two granularities (gold-format.md: a
    city when the text names one, else the country), two different cities are not."""

    _gaz = None

    @classmethod
    def gazetteer(cls):
        if cls._gaz is None:
            from kg.gazetteer import Gazetteer, GazetteerError

            try:
                cls._gaz = Gazetteer.load()
            except GazetteerError:
                cls._gaz = False
        return cls._gaz or None

    @classmethod
    def qids(cls, labels: Iterable[str]) -> set[str]:
        gaz = cls.gazetteer()
        if gaz is None:
            return set()
        out: set[str] = set()
        for label in labels:
            if not label:
                continue
            found = gaz.places(label) or gaz.places_en(label)
            # an ambiguous form («تونس»: the country and its capital) names all it can name
            out.update(p.qid for p in found)
        return out

    @classmethod
    def countries(cls, qids: Iterable[str]) -> set[str]:
        """The countries of these places (a country is its own)."""
        gaz = cls.gazetteer()
        out: set[str] = set()
        for q in qids:
            place = gaz.place(q) if gaz else None
            if place is None:
                continue
            out.add(place.qid if place.kind == "country" else (place.country_qid or place.qid))
        return out


def _dest_match(gold_keys: set[str], gold_qids: set[str], pred_keys: set[str], pred_qids: set[str]) -> int:
    """2: the same place (a label or a QID in common); 1: a city and its country; 0: no match."""
    if gold_keys & pred_keys or gold_qids & pred_qids:
        return 2
    gaz = _Places.gazetteer()
    if gaz is None:
        return 0

    def countries_only(qids: set[str]) -> set[str]:
        return {q for q in qids if (p := gaz.place(q)) is not None and p.kind == "country"}

    if countries_only(pred_qids) & _Places.countries(gold_qids) or countries_only(gold_qids) & _Places.countries(pred_qids):
        return 1
    return 0


def _date_verdict(accepted: set[str | None], predicted: set[str | None]) -> bool:
    return bool(accepted & predicted)


def _shown_dates(accepted: set[str | None]) -> list[str]:
    return sorted("(none)" if d is None else d for d in accepted)


def _score_article(aid: str, gold: GoldArticle, pred: Prediction) -> ArticleReport:
    report = ArticleReport(article=aid)
    index = _GoldIndex(gold)
    persons = gold.persons

    # persons and wikidata
    matched = _match_persons(index, pred.persons)
    required = [i for i, p in enumerate(persons) if not p.optional]
    matched_required = {pi: gi for pi, gi in matched.items() if not persons[gi].optional}
    report.persons.tp = len(matched_required)
    report.persons.fp = len(pred.persons) - len(matched)
    report.persons.fn = len(required) - len(matched_required)
    report.persons_fp = [_shown(p.labels) for i, p in enumerate(pred.persons) if i not in matched]
    matched_gold = set(matched.values())
    report.persons_fn = [persons[i].name_ar for i in required if i not in matched_gold]
    for pi, gi in sorted(matched.items(), key=lambda kv: kv[1]):
        expected = persons[gi].wikidata
        got = pred.persons[pi].wikidata
        if got is not None:
            report.wikidata_precision.n += 1
            if got == expected:
                report.wikidata_precision.correct += 1
            else:
                report.wikidata_errors.append(f"{persons[gi].name_en}: linked to {got}, gold {expected}")
        if expected is None or persons[gi].optional:
            continue
        report.wikidata.n += 1
        if got == expected:
            report.wikidata.correct += 1
        elif got is None:
            report.wikidata_errors.append(f"{persons[gi].name_en}: gold {expected}, not linked")

    def name(i: int) -> str:
        return persons[i].name_en

    # met-with pairs: required pairs (with the dates that are right for them) and optional ones
    gold_pairs: dict[frozenset[int], set[str | None]] = {}
    optional_pairs: set[frozenset[int]] = set()
    for meeting in gold.meetings:
        ids = [index.by_name[n] for n in meeting.participants]
        for x, y in combinations(ids, 2):
            pair = frozenset((x, y))
            if meeting.optional:
                optional_pairs.add(pair)
            else:
                gold_pairs.setdefault(pair, set()).update(meeting.accepted_dates())
    optional_pairs -= gold_pairs.keys()
    pred_pairs: dict[frozenset[int], set[str | None]] = {}
    unmapped: dict[tuple, str] = {}
    for m in pred.met:
        ia, ib = index.map(m.a), index.map(m.b)
        if ia is not None and ib is not None and ia != ib:
            pred_pairs.setdefault(frozenset((ia, ib)), set()).add(m.date)
        else:
            key = tuple(sorted((name_key(_shown(m.a)), name_key(_shown(m.b)))))
            unmapped.setdefault(key, f"{_shown(m.a)} — {_shown(m.b)} (not both gold persons)")
    for pair in gold_pairs.keys() & pred_pairs.keys():
        report.met.tp += 1
        accepted = gold_pairs[pair]
        if accepted:
            report.meeting_dates.n += 1
            if _date_verdict(accepted, pred_pairs[pair]):
                report.meeting_dates.correct += 1
            else:
                x, y = sorted(pair)
                got = sorted("(none)" if d is None else d for d in pred_pairs[pair])
                report.date_errors.append(f"met {name(x)} — {name(y)}: gold {_shown_dates(accepted)}, predicted {got}")
    spurious = pred_pairs.keys() - gold_pairs.keys() - optional_pairs
    report.met.fp = len(spurious) + len(unmapped)
    report.met_fp = sorted(" — ".join(name(i) for i in sorted(p)) for p in spurious) + list(unmapped.values())
    missed = gold_pairs.keys() - pred_pairs.keys()
    report.met.fn = len(missed)
    report.met_fn = sorted(" — ".join(name(i) for i in sorted(p)) for p in missed)

    # visits: one item per (visitor, destination); a predicted visit takes the best free match
    items: list[dict] = []
    for visit in gold.visits:
        vi = index.by_name[visit.visitor]
        labels = [visit.destination] + ([visit.destination_ar] if visit.destination_ar else [])
        keys = {k for k in (_dest_key(label) for label in labels) if k}
        qids = _Places.qids(labels)
        same = next((it for it in items if it["visitor"] == vi and (it["keys"] & keys or it["qids"] & qids)), None)
        if same is not None:  # the same visit told twice: one item, required if either is
            same["optional"] = same["optional"] and visit.optional
            same["accepted"] |= set() if visit.optional else visit.accepted_dates()
            continue
        items.append({"visitor": vi, "dest": visit.destination, "keys": keys, "qids": qids, "optional": visit.optional,
                      "accepted": set() if visit.optional else visit.accepted_dates(), "dates": None})
    taken: dict[int, set[str | None]] = {}
    unmatched_visits: dict[tuple, str] = {}
    for v in pred.visits:
        vi = index.map(v.visitor)
        pkeys = {k for k in (_dest_key(d) for d in v.destination) if k}
        pqids = set(v.destination_qids) or _Places.qids(v.destination)
        best = None
        for n, it in enumerate(items):
            if it["visitor"] != vi or vi is None:
                continue
            strength = _dest_match(it["keys"], it["qids"], pkeys, pqids)
            if strength:
                rank = (strength, not it["optional"])
                if best is None or rank > best[0]:
                    best = (rank, n)
        if best is not None:
            taken.setdefault(best[1], set()).add(v.date)
        else:
            who = name(vi) if vi is not None else _shown(v.visitor)
            key = (vi if vi is not None else name_key(_shown(v.visitor)), frozenset(pkeys))
            unmatched_visits.setdefault(key, f"{who} → {' / '.join(v.destination) or '(no destination)'}")
    for n, dates in taken.items():
        it = items[n]
        if it["optional"]:
            continue
        report.visits.tp += 1
        if it["accepted"]:
            report.visit_dates.n += 1
            if _date_verdict(it["accepted"], dates):
                report.visit_dates.correct += 1
            else:
                got = sorted("(none)" if d is None else d for d in dates)
                report.date_errors.append(f"visit {name(it['visitor'])} → {it['dest']}: gold {_shown_dates(it['accepted'])}, predicted {got}")
    report.visits.fp = len(unmatched_visits)
    report.visits_fp = list(unmatched_visits.values())
    missed_visits = [it for n, it in enumerate(items) if n not in taken and not it["optional"]]
    report.visits.fn = len(missed_visits)
    report.visits_fn = [f"{name(it['visitor'])} → {it['dest']}" for it in missed_visits]
    return report


def score(gold: dict[str, GoldArticle | dict], predictions: dict[str, Prediction]) -> Scores:
    """Score predictions against gold, micro-averaged over the gold articles.

    A gold article with no prediction counts as an empty prediction (all misses); predictions
    for articles without gold are ignored and listed in `extra_predictions`. Gold may be given
    as parsed objects or as plain dicts in the file format.
    """
    scores = Scores()
    for aid in sorted(gold):
        g = gold[aid] if isinstance(gold[aid], GoldArticle) else GoldArticle.model_validate(gold[aid])
        pred = predictions.get(aid)
        if pred is None:
            scores.missing_predictions.append(aid)
            pred = Prediction()
        report = _score_article(aid, g, pred)
        scores.articles[aid] = report
        scores.persons.add(report.persons)
        scores.met.add(report.met)
        scores.visits.add(report.visits)
        scores.meeting_date_accuracy.add(report.meeting_dates)
        scores.visit_date_accuracy.add(report.visit_dates)
        scores.wikidata_accuracy.add(report.wikidata)
        scores.wikidata_precision.add(report.wikidata_precision)
    scores.extra_predictions = sorted(set(predictions) - set(gold))
    return scores
