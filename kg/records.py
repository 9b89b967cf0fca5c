"""Extraction records: what the NLP stage hands to resolution and RDF.

Plain dataclasses with no spaCy or rdflib objects in them, so they can cross process boundaries
(`kg build --jobs N`, a distributed engine) and be compared in tests.
Offsets are code points into the article body (`Article.text`), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EntityType = Literal["Person", "Organization", "Country", "City", "Place"]
EventType = Literal["Meeting", "PhoneCall", "Visit", "Statement", "Invitation", "Agreement"]
Modality = Literal["occurred", "planned", "cancelled", "denied"]
DateType = Literal["date", "gYearMonth", "gYear"]


@dataclass(frozen=True)
class Article:
    """One news article as read from disk; `text` is the body only (header lines removed)."""

    id: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class DateValue:
    """A normalised temporal value: the most precise one the text makes certain.

    `value` is the lexical form of the XSD type: 2025-09-16 (date), 2025-09 (gYearMonth),
    2025 (gYear). `inferred` is set when the value was not stated by this article but taken
    from another report of the same event.
    """

    value: str
    datatype: DateType
    inferred: bool = False


@dataclass
class Mention:
    """One stretch of text that names an entity."""

    text: str
    span: Span
    sentence: Span


@dataclass
class Role:
    """An office a person is said to hold, read from a title next to the name."""

    title_ar: str  # the title as written («مستشار الأمن القومي العراقي»)
    office_key: str  # id of the office in data/lexicon/offices.tsv («national_security_adviser»)
    office_en: str  # «National Security Adviser»
    country: str | None  # ISO 3166-1 alpha-2 of the state the office belongs to, when stated
    span: Span
    sentence: Span


@dataclass
class EntityRecord:
    """An entity as one article knows it: every mention, the fullest name, roles it holds."""

    local_id: str  # unique within the article ("p1", "o2", "l3")
    type: EntityType
    name: str  # the fullest surface form in the article
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    country: str | None = None  # ISO code: nationality of a person, state of a city/org
    wikidata: str | None = None  # filled by the linker
    link_confidence: float | None = None
    link_method: str | None = None
    link_source: str | None = None  # provenance of the gazetteer row or endpoint that gave the QID

    @property
    def aliases(self) -> list[str]:
        seen: list[str] = []
        for m in self.mentions:
            if m.text != self.name and m.text not in seen:
                seen.append(m.text)
        return seen


@dataclass
class EventRecord:
    """An event as one article reports it, with the sentence that says so."""

    local_id: str  # unique within the article ("e1")
    type: EventType
    trigger: str  # the trigger word as written
    evidence: Span  # the sentence that states it
    modality: Modality = "occurred"
    participants: list[str] = field(default_factory=list)  # EntityRecord.local_id
    host: str | None = None
    guest: str | None = None
    place: str | None = None  # EntityRecord.local_id of a place
    date: DateValue | None = None
    date_text: str | None = None
    topics: list[str] = field(default_factory=list)  # concept ids from ontology/topics.ttl


@dataclass
class ArticleRecords:
    """Everything extracted from one article."""

    article: Article
    entities: list[EntityRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def entity(self, local_id: str) -> EntityRecord:
        for e in self.entities:
            if e.local_id == local_id:
                return e
        raise KeyError(local_id)
