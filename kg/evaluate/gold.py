"""Gold files: reading, validating and checking them against the article texts.

The format is `gold-format.md` (shared) with the conventions of `data/gold/README.md`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kg.arabic import match_key
from kg.read.articles import split_header

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
