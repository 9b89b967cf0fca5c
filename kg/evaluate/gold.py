"""Gold files: typed models (pydantic), reading, and checking them against the article texts.

The format is `gold-format.md` (shared) with the conventions of `data/gold/README.md`. The models
below are the one definition of that format: `load_gold` validates every file with them (a typo
fails loudly, naming the file, instead of skewing a score) and `docs/gold.schema.json`, the JSON
Schema annotators' editors can check against, is generated from them (`gold_json_schema`).
What a schema cannot say (participants are listed persons, Arabic strings are exact substrings of
the body) is checked here too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from kg.arabic import match_key
from kg.read.articles import split_header


class GoldError(ValueError):
    """A gold file that cannot be used; the message is one line and names the file."""


Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Partial = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2})?$")]
QID = Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")]
ISO2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
MEETING_KINDS = ("in-person", "phone-call", "video-call")


class _Item(BaseModel):
    """Fields every annotated item may carry (gold-format.md, "optional" and "note")."""

    model_config = ConfigDict(extra="forbid")

    optional: bool = Field(False, description="A reasonable annotator could include or leave it out: scorers neither reward nor punish it.")
    note: str | None = Field(None, description="Free text on a doubtful reading.")


class GoldPerson(_Item):
    name_ar: Text = Field(description="Fullest form of the name in the text, without titles; an exact substring of the body.")
    aliases_ar: list[Text] = Field(default_factory=list, description="Every other form used on its own for the person.")
    name_en: Text = Field(description="English name; participants and visitors refer to persons by it.")
    role_ar: Text | None = Field(None, description="The first title written next to the name, as in the text.")
    role_en: Text | None = None
    country: ISO2 | None = Field(None, description="ISO 3166-1 alpha-2 of the state whose office it is.")
    organization: Text | None = Field(None, description="The international body whose office it is (country null).")
    wikidata: QID | None = Field(None, description="Filled only where the shared Wikidata extract confirms it by English name and office.")


class _Dated(_Item):
    date: Day | None = Field(None, description="YYYY-MM-DD, or null when the text does not fix the day.")
    date_alt: Day | None = Field(None, description="Another date that is right too (the publication day of an undated news item).")
    date_partial: Partial | None = Field(None, description="YYYY-MM or YYYY when only the month or year is given (date is then null).")
    evidence_ar: Text = Field(description="The sentence that states it; an exact substring of the body.")
    status: Literal["cancelled"] | None = Field(None, description="Planned items only: called off (never a meeting or visit).")

    def accepted_dates(self) -> set[str | None]:
        """Every predicted date that is right for this item (None: giving no date is right).

        Empty when the gold says nothing about the date (null with no alternative): such an
        item is not scored for its date.
        """
        if self.date:
            return {self.date} | ({self.date_alt} if self.date_alt else set())
        if self.date_partial:
            return {self.date_partial}
        if self.date_alt:
            return {self.date_alt, None}
        return set()


class GoldMeeting(_Dated):
    participants: list[Text] = Field(min_length=2, description="Persons by name_en.")
    location: Text | None = Field(None, description="City in English, or null when only a country is given.")
    kind: Literal["in-person", "phone-call", "video-call"]
    count: int = Field(1, ge=1, description="How many times the text says it happened.")


class GoldVisit(_Dated):
    visitor: Text = Field(description="A person by name_en.")
    destination: Text = Field(description="City (or country when no city is named) in English.")
    destination_ar: Text | None = Field(None, description="The destination as written in the text.")


class GoldArticle(BaseModel):
    """One article's gold annotation."""

    model_config = ConfigDict(extra="forbid")

    article: Text = Field(description="The article's file name.")
    publication_date: Day | None = None
    persons: list[GoldPerson]
    meetings: list[GoldMeeting] = Field(default_factory=list)
    planned_meetings: list[GoldMeeting] = Field(default_factory=list)
    visits: list[GoldVisit] = Field(default_factory=list)
    planned_visits: list[GoldVisit] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _cross_references(self) -> GoldArticle:
        names: set[str] = set()
        for i, p in enumerate(self.persons):
            if not match_key(p.name_ar):
                raise ValueError(f"persons[{i}]: name_ar {p.name_ar!r} has no letters to match on")
            if p.name_en in names:
                raise ValueError(f"persons[{i}]: duplicate name_en {p.name_en!r}")
            names.add(p.name_en)
        for key in ("meetings", "planned_meetings"):
            for i, m in enumerate(getattr(self, key)):
                for name in m.participants:
                    if name not in names:
                        raise ValueError(f"{key}[{i}]: participant {name!r} is not a name_en in persons")
                if len(set(m.participants)) != len(m.participants):
                    raise ValueError(f"{key}[{i}]: a participant is listed twice")
        for key in ("visits", "planned_visits"):
            for i, v in enumerate(getattr(self, key)):
                if v.visitor not in names:
                    raise ValueError(f"{key}[{i}]: visitor {v.visitor!r} is not a name_en in persons")
        for key in ("meetings", "visits"):
            for i, item in enumerate(getattr(self, key)):
                if item.status is not None:
                    raise ValueError(f"{key}[{i}]: status belongs to planned items only")
        return self

    def person(self, name_en: str) -> GoldPerson:
        return next(p for p in self.persons if p.name_en == name_en)


def gold_json_schema() -> dict:
    """The JSON Schema of a gold file (written to docs/gold.schema.json by `python -m kg.evaluate --schema`)."""
    schema = GoldArticle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kg gold annotation of one article"
    return schema


def article_body(text: str) -> str:
    """The body of an article file, as the reader (`kg.read.articles`) sees it: gold substrings and
    span offsets refer to this text."""
    return split_header(text)[1]


def read_article_body(path: Path) -> str:
    return article_body(Path(path).read_text(encoding="utf-8"))


def _one_line(exc: ValidationError) -> str:
    """pydantic's first error as `location: message`, on one line."""
    err = exc.errors()[0]
    loc = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(err["loc"]))
    msg = err["msg"].removeprefix("Value error, ")
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{loc}: {msg}{more}" if loc else f"{msg}{more}"


def parse_gold(data: object, path: Path) -> GoldArticle:
    """Validate one parsed gold file; GoldError (one line, naming the file) when it is not usable."""
    try:
        gold = GoldArticle.model_validate(data)
    except ValidationError as exc:
        raise GoldError(f"{path}: {_one_line(exc)}") from None
    if gold.article != path.stem + ".txt":
        raise GoldError(f"{path}: field 'article' is {gold.article!r}, expected {path.stem + '.txt'!r}")
    return gold


def gold_text_problems(gold: GoldArticle, body: str) -> list[str]:
    """Every gold string that is not an exact substring of the article body (should be none)."""
    problems = []
    for person in gold.persons:
        for form in [person.name_ar, *person.aliases_ar]:
            if form not in body:
                problems.append(f"person {person.name_en!r}: {form!r} not in the article")
        if person.role_ar and person.role_ar not in body:
            problems.append(f"person {person.name_en!r}: role_ar {person.role_ar!r} not in the article")
    for key in ("meetings", "planned_meetings", "visits", "planned_visits"):
        for i, item in enumerate(getattr(gold, key)):
            if item.evidence_ar not in body:
                problems.append(f"{key}[{i}]: evidence_ar not in the article")
            if getattr(item, "destination_ar", None) and item.destination_ar not in body:
                problems.append(f"{key}[{i}]: destination_ar {item.destination_ar!r} not in the article")
    return problems


def load_gold(gold_dir: Path | str, articles_dir: Path | str | None = None) -> dict[str, GoldArticle]:
    """Read every `*.json` in `gold_dir`, keyed by file stem (the article id).

    With `articles_dir`, also checks that the article exists and that every Arabic string in the
    gold is an exact substring of its body, so annotations cannot silently drift from the text.
    Raises GoldError (one line, naming the file) on the first problem.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder not found")
    gold: dict[str, GoldArticle] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"{path}: cannot read: {exc}") from None
        item = parse_gold(data, path)
        if articles_dir is not None:
            article = Path(articles_dir) / item.article
            if not article.is_file():
                raise GoldError(f"{path}: article {article} not found")
            problems = gold_text_problems(item, read_article_body(article))
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise GoldError(f"{path}: {problems[0]}{more}")
        gold[path.stem] = item
    if not gold:
        raise GoldError(f"{gold_dir}: no *.json gold files")
    return gold
