"""Offline linking: names, types, countries and abstention, with real Arabic forms."""

from __future__ import annotations

from datetime import date

import pytest

from kg.gazetteer import Gazetteer
from kg.link.offline import link_entity, link_records
from kg.paths import GAZETTEER
from kg.records import Article, ArticleRecords, EntityRecord, Mention, Role, Span

pytestmark = pytest.mark.skipif(not (GAZETTEER / "places.tsv").exists(), reason="data/gazetteer not built")

S = Span(0, 1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def ent(type_: str, name: str, *others: str, country: str | None = None,
        roles: list[Role] | None = None) -> EntityRecord:
    mentions = [Mention(t, S, S) for t in (name, *others)]
    return EntityRecord("x1", type_, name, mentions, roles or [], country)


def role(key: str, country: str | None) -> Role:
    return Role("", key, "", country, S, S)


def qid_of(gaz: Gazetteer, en: str) -> str:
    return next(p.qid for p in gaz.all_places() if p.label_en == en)


def person_qid(gaz: Gazetteer, en: str) -> str:
    return next(e.qid for e in gaz.entity_forms().values() for e in e if e.label_en == en)


def test_country_with_clitic(gaz: Gazetteer) -> None:
    r = link_entity(ent("Country", "لروسيا", "روسيا الاتحادية"), None, gaz)
    assert r is not None and r.qid == gaz.iso_to_qid("RU")
    assert r.method in {"gazetteer-label", "gazetteer-alias"} and r.confidence >= 0.9
    assert "places.json" in r.source


def test_city_keeps_its_first_letter(gaz: Gazetteer) -> None:
    r = link_entity(ent("City", "بغداد", "وبغداد"), None, gaz)
    assert r is not None and r.qid == qid_of(gaz, "Baghdad") and r.method == "gazetteer-label"


def test_gaza_prefers_by_type_and_abstains_untyped(gaz: Gazetteer) -> None:
    strip = link_entity(ent("Place", "قطاع غزة"), None, gaz)
    assert strip is not None and strip.qid == qid_of(gaz, "Gaza Strip")
    city = link_entity(ent("City", "غزة"), None, gaz)
    assert city is not None and city.qid == qid_of(gaz, "Gaza City") and city.method == "gazetteer-type"
    assert city.confidence < 0.9  # a shared form decided by type is less sure than a label
    assert link_entity(ent("Place", "غزة"), None, gaz) is None


def test_kuwait_country_or_capital_by_type(gaz: Gazetteer) -> None:
    assert link_entity(ent("Country", "الكويت"), None, gaz).qid == gaz.iso_to_qid("KW")
    assert link_entity(ent("City", "الكويت"), None, gaz).qid == qid_of(gaz, "Kuwait City")
    assert link_entity(ent("Place", "الكويت"), None, gaz) is None


def test_stated_country_filters_and_contradiction_abstains(gaz: Gazetteer) -> None:
    # «عمان»: Oman (country) or Amman (capital of Jordan).
    assert link_entity(ent("City", "عمان", country="JO"), None, gaz).qid == qid_of(gaz, "Amman")
    assert link_entity(ent("City", "بغداد", country="EG"), None, gaz) is None


def test_population_and_capital_break_ties(gaz: Gazetteer) -> None:
    # Two Tokyo items share «طوكيو»: the capital wins for a City.
    r = link_entity(ent("City", "طوكيو"), None, gaz)
    assert r is not None and r.method == "gazetteer-capital"
    assert gaz.place(r.qid).kind == "capital"
    # Two Hyderabads (9.2 M and 1.7 M): the far larger one.
    r = link_entity(ent("City", "حيدر آباد"), None, gaz)
    assert r is not None and r.method == "gazetteer-population"
    pops = sorted((p.population for p in gaz.places("حيدر آباد")), reverse=True)
    assert gaz.place(r.qid).population == pops[0]


def test_unknown_place_abstains(gaz: Gazetteer) -> None:
    assert link_entity(ent("City", "أربيلستان"), None, gaz) is None


def test_person_full_name_and_variants(gaz: Gazetteer) -> None:
    shoigu = person_qid(gaz, "Sergei Shoigu")
    for name in ("سيرغي شويغو", "«سيرغي شويغو»", "سيرجي شويجو"):
        r = link_entity(ent("Person", name), date(2025, 9, 16), gaz)
        assert r is not None and r.qid == shoigu, name
    # An unseen transliteration of the full name: phonetic, lower confidence.
    r = link_entity(ent("Person", "سيرجى شويكو"), None, gaz)
    assert r is not None and r.qid == shoigu and r.method == "gazetteer-phonetic" and r.confidence < 0.9


def test_surname_alone_needs_agreement(gaz: Gazetteer) -> None:
    sudani = person_qid(gaz, "Mohammed Shia' al-Sudani")
    # Article ties him to Iraq and to the prime minister's office: link.
    r = link_entity(ent("Person", "السوداني", roles=[role("prime_minister", "IQ")]), None, gaz)
    assert r is not None and r.qid == sudani and r.method == "gazetteer-surname"
    # Same word, nothing said about the person: abstain.
    assert link_entity(ent("Person", "السوداني"), None, gaz) is None
    # Said to be Egyptian: a namesake, abstain.
    assert link_entity(ent("Person", "السوداني", country="EG"), None, gaz) is None
    # Iraqi but a different office than the gazetteer's person holds: abstain.
    assert link_entity(ent("Person", "السوداني", roles=[role("oil_minister", "IQ")]), None, gaz) is None
    # A surname with no country in the gazetteer (Shoigu) cannot be confirmed: abstain.
    assert link_entity(ent("Person", "شويغو", roles=[role("security_council_secretary", "RU")]), None, gaz) is None


def test_full_name_with_contradicting_country_abstains(gaz: Gazetteer) -> None:
    assert link_entity(ent("Person", "فلاديمير بوتين", country="RU"), None, gaz) is not None
    assert link_entity(ent("Person", "فلاديمير بوتين", country="FR"), None, gaz) is None


def test_unknown_person_abstains(gaz: Gazetteer) -> None:
    assert link_entity(ent("Person", "قاسم الأعرجي", "الاعرجي", country="IQ"), None, gaz) is None


def test_mentions_that_disagree_abstain(gaz: Gazetteer) -> None:
    assert link_entity(ent("Country", "روسيا", "العراق"), None, gaz) is None


def test_organization_weak_form_needs_country(gaz: Gazetteer) -> None:
    assert link_entity(ent("Organization", "الأمم المتحدة"), None, gaz) is not None
    assert link_entity(ent("Organization", "مجلس النواب"), None, gaz) is None
    r = link_entity(ent("Organization", "مجلس النواب", country="IQ"), None, gaz)
    assert r is not None and r.method == "gazetteer-country"
    # Organizations are never looked up among places, nor persons among organizations.
    assert link_entity(ent("Organization", "روسيا"), None, gaz) is None
    assert link_entity(ent("Person", "حماس"), None, gaz) is None


def test_link_records_fills_fields(gaz: Gazetteer) -> None:
    recs = ArticleRecords(Article("a", "…", date(2025, 9, 16)), [
        ent("City", "بغداد"), ent("Place", "غزة"),
    ])
    assert link_records(recs, gaz) == 1
    city, gaza = recs.entities
    assert city.wikidata == qid_of(gaz, "Baghdad") and city.link_method == "gazetteer-label"
    assert city.link_confidence == 0.95 and city.link_source
    assert gaza.wikidata is None
