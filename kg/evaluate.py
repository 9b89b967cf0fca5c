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

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from rich.table import Table

from kg.read.articles import split_header

from kg.rdf import writer as _rdf
from kg.arabic import match_key

# --- the neutral prediction form ------------------------------------------------------------


@dataclass
class PredPerson:
    """A predicted person: its Arabic labels (preferred first, then alternatives) and QID."""

    labels: list[str]
    wikidata: str | None = None


@dataclass
class PredMeeting:
    """One predicted met-with pair: the labels of each of the two persons and the event date."""

    a: list[str]
    b: list[str]
    date: str | None = None


@dataclass
class PredVisit:
    """A predicted visit: visitor labels, destination labels (Arabic and English) and date."""

    visitor: list[str]
    destination: list[str]
    date: str | None = None


@dataclass
class Prediction:
    """Everything predicted for one article."""

    persons: list[PredPerson] = field(default_factory=list)
    met: list[PredMeeting] = field(default_factory=list)
    visits: list[PredVisit] = field(default_factory=list)


# --- gold files -------------------------------------------------------------------------------


class GoldError(ValueError):
    """A gold file that cannot be used; the message is one line and names the file."""


_GOLD_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
MEETING_KINDS = ("in-person", "phone-call", "video-call")


def article_body(text: str) -> str:
    """The body of an article file, as the reader (`kg.read.articles`) sees it: gold substrings and
    span offsets refer to this text."""
    return split_header(text)[1]


def read_article_body(path: Path) -> str:
    return article_body(Path(path).read_text(encoding="utf-8"))


def _fail(path: Path, cause: str) -> GoldError:
    return GoldError(f"{path}: {cause}")


def _require_str(obj: dict, key: str, where: str, path: Path, *, nullable: bool = False) -> None:
    if key not in obj:
        raise _fail(path, f"{where}: missing field {key!r}")
    value = obj[key]
    if value is None and nullable:
        return
    if not isinstance(value, str) or not value.strip():
        kind = "a non-empty string or null" if nullable else "a non-empty string"
        raise _fail(path, f"{where}: field {key!r} must be {kind}, got {value!r}")


def _check_date(value: Any, where: str, path: Path) -> None:
    if value is not None and not (isinstance(value, str) and _GOLD_DATE.match(value)):
        raise _fail(path, f"{where}: date must be YYYY-MM-DD (or YYYY-MM, YYYY) or null, got {value!r}")


def _validate_gold(data: Any, path: Path) -> dict:
    """Structural checks, so a typo in a gold file fails loudly instead of skewing scores."""
    if not isinstance(data, dict):
        raise _fail(path, "top level must be a JSON object")
    for key in ("article", "persons", "meetings", "visits"):
        if key not in data:
            raise _fail(path, f"missing top-level field {key!r}")
    if data["article"] != path.stem + ".txt":
        raise _fail(path, f"field 'article' is {data['article']!r}, expected {path.stem + '.txt'!r}")
    data.setdefault("planned_meetings", [])
    data.setdefault("publication_date", None)
    _check_date(data["publication_date"], "publication_date", path)
    for key in ("persons", "meetings", "planned_meetings", "visits"):
        if not isinstance(data[key], list):
            raise _fail(path, f"field {key!r} must be a list")

    names: set[str] = set()
    for i, person in enumerate(data["persons"]):
        where = f"persons[{i}]"
        if not isinstance(person, dict):
            raise _fail(path, f"{where} must be an object")
        for key in ("name_ar", "name_en"):
            _require_str(person, key, where, path)
        for key in ("role_ar", "role_en", "country", "wikidata"):
            person.setdefault(key, None)
            _require_str(person, key, where, path, nullable=True)
        person.setdefault("aliases_ar", [])
        aliases = person["aliases_ar"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _fail(path, f"{where}: aliases_ar must be a list of non-empty strings")
        if person["wikidata"] is not None and not _QID.match(person["wikidata"]):
            raise _fail(path, f"{where}: wikidata must look like Q123 or be null, got {person['wikidata']!r}")
        if person["country"] is not None and not _ISO2.match(person["country"]):
            raise _fail(path, f"{where}: country must be ISO 3166-1 alpha-2, got {person['country']!r}")
        if not match_key(person["name_ar"]):
            raise _fail(path, f"{where}: name_ar {person['name_ar']!r} has no letters to match on")
        if person["name_en"] in names:
            raise _fail(path, f"{where}: duplicate name_en {person['name_en']!r}")
        names.add(person["name_en"])

    for key in ("meetings", "planned_meetings"):
        for i, meeting in enumerate(data[key]):
            where = f"{key}[{i}]"
            if not isinstance(meeting, dict):
                raise _fail(path, f"{where} must be an object")
            parts = meeting.get("participants")
            if not isinstance(parts, list) or len(parts) < 2:
                raise _fail(path, f"{where}: participants must list at least two persons")
            for name in parts:
                if name not in names:
                    raise _fail(path, f"{where}: participant {name!r} is not a name_en in persons")
            if len(set(parts)) != len(parts):
                raise _fail(path, f"{where}: a participant is listed twice")
            meeting.setdefault("date", None)
            meeting.setdefault("location", None)
            _check_date(meeting["date"], where, path)
            _require_str(meeting, "evidence_ar", where, path)
            if meeting.get("kind") not in MEETING_KINDS:
                raise _fail(path, f"{where}: kind must be one of {', '.join(MEETING_KINDS)}, got {meeting.get('kind')!r}")

    for i, visit in enumerate(data["visits"]):
        where = f"visits[{i}]"
        if not isinstance(visit, dict):
            raise _fail(path, f"{where} must be an object")
        _require_str(visit, "visitor", where, path)
        _require_str(visit, "destination", where, path)
        _require_str(visit, "evidence_ar", where, path)
        visit.setdefault("destination_ar", None)
        _require_str(visit, "destination_ar", where, path, nullable=True)
        if visit["visitor"] not in names:
            raise _fail(path, f"{where}: visitor {visit['visitor']!r} is not a name_en in persons")
        visit.setdefault("date", None)
        _check_date(visit["date"], where, path)
    return data


def gold_text_problems(gold: dict, body: str) -> list[str]:
    """Every gold string that is not an exact substring of the article body (should be none)."""
    problems = []
    for person in gold["persons"]:
        for form in [person["name_ar"], *person["aliases_ar"]]:
            if form not in body:
                problems.append(f"person {person['name_en']!r}: {form!r} not in the article")
        if person.get("role_ar") and person["role_ar"] not in body:
            problems.append(f"person {person['name_en']!r}: role_ar {person['role_ar']!r} not in the article")
    for key in ("meetings", "planned_meetings", "visits"):
        for i, item in enumerate(gold[key]):
            if item["evidence_ar"] not in body:
                problems.append(f"{key}[{i}]: evidence_ar not in the article")
            if item.get("destination_ar") and item["destination_ar"] not in body:
                problems.append(f"{key}[{i}]: destination_ar {item['destination_ar']!r} not in the article")
    return problems


def load_gold(gold_dir: Path | str, articles_dir: Path | str | None = None) -> dict[str, dict]:
    """Read every `*.json` in `gold_dir`, keyed by file stem (the article id).

    With `articles_dir`, also checks that the article exists and that every Arabic string in the
    gold is an exact substring of its body, so annotations cannot silently drift from the text.
    Raises GoldError (one line, naming the file) on the first problem.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder not found")
    gold: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise _fail(path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(path, f"cannot read: {exc}") from None
        data = _validate_gold(data, path)
        if articles_dir is not None:
            article = Path(articles_dir) / data["article"]
            if not article.is_file():
                raise _fail(path, f"article {article} not found")
            problems = gold_text_problems(data, read_article_body(article))
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise _fail(path, problems[0] + more)
        gold[path.stem] = data
    if not gold:
        raise GoldError(f"{gold_dir}: no *.json gold files")
    return gold


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


# --- predictions from the RDF store ------------------------------------------------------------

# IRIs come from kg.rdf.writer, the one module that builds them, so the reader follows the writer.
DIP = str(_rdf.DIP)
KGR = str(_rdf.KGR)
WD = str(_rdf.WD)
RESOLVED_GRAPH = str(_rdf.RESOLVED_GRAPH)

_PREFIXES = f"""
PREFIX dip: <{DIP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


def _label_graphs(article_id: str) -> str:
    """Graphs labels are read from: the article's own and the cross-article one.

    Labels of shared entities may be stated only in _resolved; variants seen only in other
    articles' graphs must not count as this article's labels. Everything else (types,
    participants, dates, sameAs) is read from the union of all graphs, since it is a claim about
    the entity or event whichever graph states it.
    """
    return f"<{_rdf.graph_iri(article_id)}>, <{RESOLVED_GRAPH}>"


def _union(store: Any) -> dict:
    """Query options: a store written by kg keeps the union of its named graphs in the default
    graph (kg.store.local); any other store is read through Oxigraph's on-the-fly union."""
    import pyoxigraph as ox

    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    return {} if has_default else {"use_default_graph_as_union": True}


def _qid(iri: str) -> str | None:
    for base in (WD, "https://www.wikidata.org/entity/", "http://www.wikidata.org/wiki/", "https://www.wikidata.org/wiki/"):
        if iri.startswith(base) and _QID.match(iri[len(base):]):
            return iri[len(base):]
    return None


def _labels(store: Any, article_id: str, iris: Iterable[str], langs: tuple[str, ...]) -> dict[str, list[str]]:
    """Labels per entity: rdfs:label first (in `langs` order), then skos:altLabel, sorted, unique."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    lang_list = ", ".join(f'"{lang}"' for lang in langs)
    q = f"""{_PREFIXES}
SELECT DISTINCT ?s ?l ?kind WHERE {{
  VALUES ?s {{ {values} }}
  GRAPH ?g {{ {{ ?s rdfs:label ?l BIND(0 AS ?kind) }} UNION {{ ?s skos:altLabel ?l BIND(1 AS ?kind) }} }}
  FILTER(?g IN ({_label_graphs(article_id)}) && LANG(?l) IN ({lang_list}))
}}"""
    rows: dict[str, list[tuple[int, int, str]]] = {i: [] for i in iris}
    for sol in store.query(q, **_union(store)):
        lang = sol["l"].language or ""
        rank = langs.index(lang) if lang in langs else len(langs)
        rows[sol["s"].value].append((int(sol["kind"].value), rank, sol["l"].value))
    out = {}
    for iri, found in rows.items():
        labels: list[str] = []
        for _, _, text in sorted(found):
            if text not in labels:
                labels.append(text)
        out[iri] = labels
    return out


def predictions_from_store(store: Any, article_ids: Iterable[str]) -> dict[str, Prediction]:
    """Read what the graph claims about each article into the neutral `Prediction` form.

    Per article: Persons `dip:mentionedIn` it (Arabic labels, owl:sameAs QID); occurred Meetings
    and PhoneCalls `dip:reportedIn` it, one `PredMeeting` per unordered pair of Person
    participants (dip:participant, dip:host or dip:guest, since the store does no inference);
    Visits reported in it that are occurred or have no modality, with Person visitors.
    """
    out: dict[str, Prediction] = {}
    for aid in article_ids:
        art = f"<{_rdf.article_iri(aid)}>"
        pred = Prediction()

        q_persons = f"""{_PREFIXES}
SELECT DISTINCT ?p ?wd WHERE {{
  ?p a dip:Person ; dip:mentionedIn {art} .
  OPTIONAL {{ ?p owl:sameAs ?wd }}
}}"""
        person_qids: dict[str, set[str]] = {}
        for sol in store.query(q_persons, **_union(store)):
            qids = person_qids.setdefault(sol["p"].value, set())
            if sol["wd"] is not None and (qid := _qid(sol["wd"].value)):
                qids.add(qid)

        q_met = f"""{_PREFIXES}
SELECT DISTINCT ?e ?p ?date WHERE {{
  VALUES ?cls {{ dip:Meeting dip:PhoneCall }}
  ?e a ?cls ; dip:reportedIn {art} ; dip:modality dip:Occurred ; dip:participant|dip:host|dip:guest ?p .
  ?p a dip:Person .
  OPTIONAL {{ ?e dip:date ?date }}
}}"""
        events: dict[str, tuple[set[str], set[str]]] = {}
        for sol in store.query(q_met, **_union(store)):
            people, dates = events.setdefault(sol["e"].value, (set(), set()))
            people.add(sol["p"].value)
            if sol["date"] is not None:
                dates.add(sol["date"].value)

        q_visits = f"""{_PREFIXES}
SELECT DISTINCT ?e ?v ?d ?date WHERE {{
  ?e a dip:Visit ; dip:reportedIn {art} ; dip:visitor ?v ; dip:destination ?d .
  ?v a dip:Person .
  OPTIONAL {{ ?e dip:modality ?m }}
  FILTER(!BOUND(?m) || ?m = dip:Occurred)
  OPTIONAL {{ ?e dip:date ?date }}
}}"""
        visits = [
            (sol["v"].value, sol["d"].value, sol["date"].value if sol["date"] is not None else None)
            for sol in store.query(q_visits, **_union(store))
        ]

        people_iris = set(person_qids) | {p for ps, _ in events.values() for p in ps} | {v for v, _, _ in visits}
        labels = _labels(store, aid, people_iris, ("ar",))
        place_labels = _labels(store, aid, {d for _, d, _ in visits}, ("ar", "en"))

        for iri in sorted(person_qids):
            qids = sorted(person_qids[iri])
            pred.persons.append(PredPerson(labels=labels.get(iri, []), wikidata=qids[0] if qids else None))
        for e in sorted(events):
            people, dates = events[e]
            date = min(dates) if dates else None
            for a, b in combinations(sorted(people), 2):
                pred.met.append(PredMeeting(a=labels.get(a, []), b=labels.get(b, []), date=date))
        for v, d, date in sorted(visits, key=lambda t: (t[0], t[1], t[2] or "")):
            pred.visits.append(PredVisit(visitor=labels.get(v, []), destination=place_labels.get(d, []), date=date))
        out[aid] = pred
    return out


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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


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
