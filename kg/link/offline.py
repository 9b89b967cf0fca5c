"""Offline Wikidata linking: an extracted entity → a QID from the gazetteer, or nothing.

The linker prefers silence to a wrong QID: a wrong `owl:sameAs` merges two real-world things in
every graph that trusts it, while a missing one only loses a join. So it links only when the
names, the type and the country the article states leave exactly one candidate, and it says how
it decided (`method`) and how sure that way of deciding is (`confidence`).

Confidence by method (fixed, so that a threshold means the same thing everywhere):
  gazetteer-label      0.95  the fullest name is a row's label, no other row has it
  gazetteer-alias      0.90  the same through an alias
  gazetteer-country    0.85  a shared form, one candidate left once the stated country is applied
  gazetteer-type       0.80  a shared form (غزة, الكويت), one candidate left of the entity's type
  gazetteer-capital    0.75  a city name shared by a capital and other cities: the capital
  gazetteer-surname    0.70  one word (السوداني) naming exactly one person, whose country and
                             office agree with what the article says about the entity
  gazetteer-phonetic   0.70  a multi-word person name spelled differently (شويكو/شويغو)
  gazetteer-population 0.65  several places of the type: the one at least twice as populous
  gazetteer-fallback   0.60  the only candidate is of a neighbouring kind (a City that is a region)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kg.arabic import tokens
from kg.gazetteer import Gazetteer, GazEntity, Place, form_key
from kg.records import ArticleRecords, EntityRecord

CONFIDENCE = {
    "gazetteer-label": 0.95,
    "gazetteer-alias": 0.90,
    "gazetteer-country": 0.85,
    "gazetteer-type": 0.80,
    "gazetteer-capital": 0.75,
    "gazetteer-surname": 0.70,
    "gazetteer-phonetic": 0.70,
    "gazetteer-population": 0.65,
    "gazetteer-fallback": 0.60,
}

# Which place kinds an extracted type may be, most fitting first; the second tuple is tried only
# when the first leaves nothing (a "City" that the gazetteer knows as a region or territory).
PLACE_KINDS_FOR_TYPE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Country": (("country",), ("territory",)),
    "City": (("capital", "city"), ("territory", "region")),
    "Place": (("country", "capital", "city", "territory", "region"), ()),
}


@dataclass(frozen=True)
class LinkResult:
    qid: str
    confidence: float
    method: str
    source: str  # where the gazetteer row came from (a file name or an endpoint URL)


def _result(qid: str, method: str, source: str) -> LinkResult:
    return LinkResult(qid, CONFIDENCE[method], method, source)


def entity_names(entity: EntityRecord) -> list[str]:
    """The fullest name first, then every other mention, each once by key."""
    out, seen = [], set()
    for text in [entity.name, *(m.text for m in entity.mentions)]:
        k = form_key(text)
        if k and k not in seen:
            seen.add(k)
            out.append(text)
    return out


def _stated_countries(entity: EntityRecord) -> set[str]:
    """Countries the article ties the entity to: its own, and those of the offices it holds."""
    out = {entity.country} if entity.country else set()
    out |= {r.country for r in entity.roles if r.country}
    return out


# --- places -------------------------------------------------------------------------------------


def _place_country(p: Place, gaz: Gazetteer) -> str | None:
    return p.iso2 if p.kind == "country" else gaz.qid_to_iso(p.qid)


def _decide_place(text: str, entity: EntityRecord, gaz: Gazetteer) -> LinkResult | None:
    key, found = gaz.place_match(text)
    if not found:
        return None
    shared = len({p.qid for p in found}) > 1
    primary, fallback = PLACE_KINDS_FOR_TYPE[entity.type]
    cands = [p for p in found if p.kind in primary]
    method = None
    if not cands and fallback:
        cands = [p for p in found if p.kind in fallback]
        method = "gazetteer-fallback"
    if not cands:
        return None
    narrowed_by_type = len(cands) < len(found)
    if entity.country:
        same = [p for p in cands if _place_country(p, gaz) == entity.country]
        if not same:
            return None  # the article says another country: not this place
        if len(same) < len(cands):
            narrowed_by_type = False
            cands, method = same, method or "gazetteer-country"
    qids = {p.qid for p in cands}
    if len(qids) == 1:
        p = cands[0]
        if method is None:
            if shared:
                method = "gazetteer-type" if narrowed_by_type else None
            elif key is not None and key == form_key(p.label_ar):
                method = "gazetteer-label"
            else:
                method = "gazetteer-alias"
        if method is None:
            return None
        return _result(p.qid, method, p.source)
    capitals = [p for p in cands if p.kind == "capital"]
    if entity.type == "City" and len(capitals) == 1:
        return _result(capitals[0].qid, "gazetteer-capital", capitals[0].source)
    kinds = {p.kind for p in cands}
    if len(kinds) == 1:
        ranked = sorted(cands, key=lambda p: -(p.population or 0))
        top, second = ranked[0].population or 0, ranked[1].population or 0
        if top > 0 and top >= 2 * second:
            return _result(ranked[0].qid, "gazetteer-population", ranked[0].source)
    return None  # a tie, or candidates of different kinds for an untyped place: abstain


# --- persons and organizations ------------------------------------------------------------------


def _agrees(person: GazEntity, entity: EntityRecord, gaz: Gazetteer) -> bool:
    """Does what the article says about the entity fit what the gazetteer says about the person?

    The person's country must be one the article ties the entity to; when both sides know an
    office, at least one of the entity's offices must be of the person's kind (head_of_government…).
    """
    if not person.country or person.country not in _stated_countries(entity):
        return False
    categories = {o.category for r in entity.roles if (o := gaz.office(r.office_key))}
    if person.role_category and categories and person.role_category not in categories:
        return False
    return True


def _decide_named(text: str, entity: EntityRecord, gaz: Gazetteer, kind: str) -> LinkResult | None:
    key, found = gaz.entity_match(text, kind)
    one_word = len(tokens(text)) == 1
    if kind == "person" and one_word:
        return _decide_surname(text, entity, gaz)
    stated = _stated_countries(entity)
    strong = []
    for e in found:
        weak = key in e.weak_keys
        if weak and not (e.country and e.country in stated):
            continue  # «مجلس النواب» names Iraq's parliament only when the article says Iraq
        strong.append((e, weak))
    if not strong and kind == "person" and not found:
        return _decide_phonetic(text, entity, gaz)
    if not strong:
        return None
    qids = {e.qid for e, _ in strong}
    if len(qids) > 1:
        same = [(e, w) for e, w in strong if e.country and e.country in stated]
        if len({e.qid for e, _ in same}) != 1:
            return None
        return _result(same[0][0].qid, "gazetteer-country", same[0][0].source)
    e, weak = strong[0]
    if stated and e.country and e.country not in stated and kind == "person":
        return None  # the article ties the person to another state: a namesake
    if weak:
        return _result(e.qid, "gazetteer-country", e.source)
    method = "gazetteer-label" if form_key(text) == form_key(e.label_ar) else "gazetteer-alias"
    return _result(e.qid, method, e.source)


def _decide_surname(word: str, entity: EntityRecord, gaz: Gazetteer) -> LinkResult | None:
    """One word: link only if it ends the name of exactly one person, and the article agrees."""
    people = {e.qid: e for e in gaz.persons_by_surname(word)}
    if len(people) != 1:
        return None
    person = next(iter(people.values()))
    if not _agrees(person, entity, gaz):
        return None
    return _result(person.qid, "gazetteer-surname", person.source)


def _decide_phonetic(name: str, entity: EntityRecord, gaz: Gazetteer) -> LinkResult | None:
    people = {e.qid: e for e in gaz.persons_by_phonetic(name)}
    if len(people) != 1:
        return None
    person = next(iter(people.values()))
    stated = _stated_countries(entity)
    if person.country and stated and person.country not in stated:
        return None
    return _result(person.qid, "gazetteer-phonetic", person.source)


# --- entry points -------------------------------------------------------------------------------


def link_entity(entity: EntityRecord, published: date | None, gaz: Gazetteer) -> LinkResult | None:
    """The QID an extracted entity names, or None when the gazetteer cannot tell.

    Every mention is tried, the fullest name first; if two mentions point at different QIDs the
    entity is left unlinked. `published` is accepted so the offline and online linkers share a
    signature: the offline rows carry no dates, the online one asks who held an office that day.
    """
    del published  # offline rows have no validity dates
    results: list[LinkResult] = []
    for text in entity_names(entity):
        if entity.type in PLACE_KINDS_FOR_TYPE:
            r = _decide_place(text, entity, gaz)
        elif entity.type == "Person":
            r = _decide_named(text, entity, gaz, "person")
        elif entity.type == "Organization":
            r = _decide_named(text, entity, gaz, "organization")
        else:
            r = None
        if r is not None:
            results.append(r)
    if not results:
        return None
    if len({r.qid for r in results}) > 1:
        return None  # the mentions disagree: do not pick one
    return max(results, key=lambda r: r.confidence)


def link_records(records: ArticleRecords | Iterable[ArticleRecords], gaz: Gazetteer | None = None,
                 overwrite: bool = False) -> int:
    """Fill `wikidata`, `link_confidence`, `link_method` on every entity; return how many linked.

    Entities that already carry a QID keep it unless `overwrite` (the online linker may have set it).
    """
    gaz = gaz or Gazetteer.load()
    batches = [records] if isinstance(records, ArticleRecords) else list(records)
    n = 0
    for recs in batches:
        for ent in recs.entities:
            if ent.wikidata and not overwrite:
                continue
            res = link_entity(ent, recs.article.published, gaz)
            if res is not None:
                ent.wikidata, ent.link_confidence, ent.link_method = res.qid, res.confidence, res.method
                ent.link_source = res.source
                n += 1
    return n
