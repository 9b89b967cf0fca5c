"""What resolution hands to the RDF writer: one entity per real thing, one event per real event.

Kept apart from `entities.py` and `events.py` (the algorithms) so the RDF writer depends on the shape of the result
only, and a distributed build can produce the same records by a keyed grouping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import DateValue, EntityType, EventType

Member = tuple[str, str]  # (article id, local id within that article)


@dataclass
class CountryInfo:
    iso2: str
    qid: str | None
    label_ar: str
    label_en: str | None


@dataclass
class PositionInfo:
    key: str  # office key, plus "-iso2" when the country is known
    office_key: str
    label_en: str
    label_ar: str
    country: str | None
    wikidata: str | None = None


@dataclass(frozen=True)
class WikidataPosition:
    """A position a linked person held according to Wikidata (P39), written next to the
    positions the articles observe (`kg.rdf.writer`: dip:WikidataPositionHolding)."""

    position: str  # position QID
    label_en: str
    office_key: str | None  # the office of data/lexicon/offices.tsv it is, when known
    country: str | None  # iso2
    start: str  # YYYY[-MM[-DD]] or ""
    end: str


@dataclass
class ResolvedEntity:
    key: str  # stable identity: "Q32024" when linked, else a normalised-name key
    type: EntityType
    label_ar: str
    label_en: str | None = None
    alt_labels: set[str] = field(default_factory=set)
    country: str | None = None  # iso2
    wikidata: str | None = None
    link_confidence: float | None = None
    link_method: str | None = None
    link_source: str | None = None
    members: list[Member] = field(default_factory=list)
    link_evidence: tuple[str, ...] = ()  # why the linker chose the QID (dip:linkEvidence)
    name_match: str | None = None  # how the name matched (dip:nameMatch), for person links
    positions_held: tuple[WikidataPosition, ...] = ()  # from Wikidata, when the QID is a known person


@dataclass
class ResolvedEvent:
    key: str
    type: EventType
    date: DateValue | None = None
    date_from: str | None = None  # article whose report stated the date
    inferred_in: list[str] = field(default_factory=list)  # articles that did not state it
    members: list[Member] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    entities: dict[Member, ResolvedEntity] = field(default_factory=dict)
    events: dict[Member, ResolvedEvent] = field(default_factory=dict)
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    positions: dict[str, PositionInfo] = field(default_factory=dict)

    def unique_entities(self) -> list[ResolvedEntity]:
        seen: dict[str, ResolvedEntity] = {}
        for ent in self.entities.values():
            seen.setdefault(ent.type + ":" + ent.key, ent)
        return [seen[k] for k in sorted(seen)]

    def unique_events(self) -> list[ResolvedEvent]:
        seen: dict[str, ResolvedEvent] = {}
        for ev in self.events.values():
            seen.setdefault(ev.key, ev)
        return [seen[k] for k in sorted(seen)]
