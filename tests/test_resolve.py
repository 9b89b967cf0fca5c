"""Cross-article resolution on hand-made records: spelling variants merge, namesakes do not,
reports of one event fuse and an undated report inherits the date."""

from __future__ import annotations

from datetime import date

from kg.records import Article, ArticleRecords, DateValue, EntityRecord, EventRecord, Mention, Span
from kg.resolve.events import resolve


def person(lid: str, *names: str, country: str | None = None) -> EntityRecord:
    ent = EntityRecord(local_id=lid, type="Person", name=names[0], country=country)
    for n, name in enumerate(names):
        ent.mentions.append(Mention(name, Span(n * 10, n * 10 + len(name)), Span(0, 100)))
    return ent


def place(lid: str, name: str, qid: str) -> EntityRecord:
    ent = EntityRecord(local_id=lid, type="City", name=name, wikidata=qid)
    ent.mentions.append(Mention(name, Span(0, len(name)), Span(0, 100)))
    return ent


def article(aid: str, published: date | None, entities, events=(), outlet: str | None = None) -> ArticleRecords:
    return ArticleRecords(Article(id=aid, text="x" * 200, published=published, outlet=outlet or aid), list(entities), list(events))


def visit(lid: str, who: str, where: str, when: str | None = None, modality: str = "occurred") -> EventRecord:
    return EventRecord(
        local_id=lid, type="Visit", trigger="وصل", evidence=Span(0, 50), modality=modality,  # type: ignore[arg-type]
        participants=[who], place=where, date=DateValue(when, "date") if when else None,
    )


def test_transliteration_variants_are_one_person() -> None:
    res = resolve([
        article("a", None, [person("p1", "سيرغي شويغو", "شويغو")]),
        article("b", None, [person("p1", "سيرجي شويجو", "شويةو")]),
    ])
    a, b = res.entities[("a", "p1")], res.entities[("b", "p1")]
    assert a is b
    assert {"سيرجي شويجو", "شويةو", "شويغو"} <= a.alt_labels | {a.label_ar}


def test_namesakes_sharing_a_surname_stay_apart() -> None:
    res = resolve([
        article("a", None, [person("p1", "علي ناصر", country="IQ")]),
        article("b", None, [person("p1", "محمد ناصر", country="EG")]),
        article("c", None, [person("p1", "ناصر")]),
    ])
    assert res.entities[("a", "p1")] is not res.entities[("b", "p1")]
    assert res.entities[("c", "p1")] not in (res.entities[("a", "p1")], res.entities[("b", "p1")])


def test_surname_joins_the_only_full_name() -> None:
    res = resolve([
        article("a", None, [person("p1", "قاسم الأعرجي")]),
        article("b", None, [person("p1", "الاعرجي")]),
    ])
    assert res.entities[("a", "p1")] is res.entities[("b", "p1")]
    assert res.entities[("a", "p1")].label_ar == "قاسم الأعرجي"


def test_different_countries_block_a_merge() -> None:
    res = resolve([
        article("a", None, [person("p1", "أحمد حسن", country="EG")]),
        article("b", None, [person("p1", "أحمد حسن", country="JO")]),
    ])
    assert res.entities[("a", "p1")] is not res.entities[("b", "p1")]


def test_reports_of_one_visit_fuse_and_the_undated_one_inherits_the_date() -> None:
    ents = lambda: [person("p1", "سيرغي شويغو"), place("l1", "بغداد", "Q1530")]  # noqa: E731
    res = resolve([
        article("a", date(2025, 9, 16), ents(), [visit("e1", "p1", "l1", "2025-09-16")], outlet="X"),
        article("b", None, ents(), [visit("e1", "p1", "l1")], outlet="Y"),
        article("c", None, ents(), [visit("e1", "p1", "l1")], outlet="Y"),
    ])
    ev = res.events[("a", "e1")]
    assert ev is res.events[("b", "e1")] is res.events[("c", "e1")]
    assert ev.date == DateValue("2025-09-16", "date")
    assert ev.inferred_in == ["b", "c"]
    assert ev.outlets == {"X", "Y"}


def test_planned_and_held_do_not_fuse_nor_do_different_dates() -> None:
    ents = lambda: [person("p1", "سيرغي شويغو"), place("l1", "بغداد", "Q1530")]  # noqa: E731
    res = resolve([
        article("a", None, ents(), [visit("e1", "p1", "l1", "2025-09-16")]),
        article("b", None, ents(), [visit("e1", "p1", "l1", modality="planned")]),
        article("c", None, ents(), [visit("e1", "p1", "l1", "2024-01-10")]),
    ])
    keys = {res.events[(x, "e1")].key for x in "abc"}
    assert len(keys) == 3


def test_far_apart_publication_dates_do_not_fuse_undated_reports() -> None:
    ents = lambda: [person("p1", "سيرغي شويغو"), place("l1", "بغداد", "Q1530")]  # noqa: E731
    res = resolve([
        article("a", date(2025, 9, 16), ents(), [visit("e1", "p1", "l1")]),
        article("b", date(2024, 3, 1), ents(), [visit("e1", "p1", "l1")]),
    ])
    assert res.events[("a", "e1")] is not res.events[("b", "e1")]


def test_namesakes_kept_apart_get_different_iris() -> None:
    """Two clusters whose labels share a match key (here: the same name, different countries,
    one spelled without hamza) must not meet again in one IRI with two Arabic labels."""
    from kg.rdf.writer import entity_iri

    res = resolve([
        article("a", None, [person("p1", "أحمد حسن", country="EG")]),
        article("b", None, [person("p1", "احمد حسن", country="JO")]),
        article("c", None, [person("p1", "سيرغي شويغو")]),
    ])
    a, b = res.entities[("a", "p1")], res.entities[("b", "p1")]
    assert a is not b
    assert a.key != b.key
    assert entity_iri(a) != entity_iri(b)
    # a cluster with no namesake keeps the plain key, so its IRI does not depend on the others
    alone = resolve([article("c", None, [person("p1", "سيرغي شويغو")])]).entities[("c", "p1")]
    assert res.entities[("c", "p1")].key == alone.key


def test_one_wikidata_item_is_one_entity() -> None:
    res = resolve([
        article("a", None, [place("l1", "بغداد", "Q1530")]),
        article("b", None, [place("l1", "العاصمة العراقية بغداد", "Q1530")]),
    ])
    assert res.entities[("a", "l1")] is res.entities[("b", "l1")]
    assert res.entities[("a", "l1")].key == "Q1530"


def test_an_undated_report_does_not_chain_two_dated_events_into_one() -> None:
    """1959 and 1961 visits of the same man to the same city are two events, even when an undated
    third report could fuse with either (found on SaudiNewsNet: one node with two dip:date)."""
    ents = lambda: [person("p1", "جمال عبد الناصر"), place("l1", "دمشق", "Q3766")]  # noqa: E731
    res = resolve([
        article("a", None, ents(), [visit("e1", "p1", "l1", "1959")]),
        article("b", None, ents(), [visit("e1", "p1", "l1")]),
        article("c", None, ents(), [visit("e1", "p1", "l1", "1961")]),
    ])
    a, b, c = (res.events[(x, "e1")] for x in "abc")
    assert a is not c
    assert b in (a, c)  # the undated report joins one of them
    assert {a.date.value, c.date.value} == {"1959", "1961"}


def test_two_reports_of_one_article_stay_two_events() -> None:
    """An article that tells of two visits tells of two visits, whatever a third article says."""
    ents = lambda: [person("p1", "جمال عبد الناصر"), place("l1", "دمشق", "Q3766")]  # noqa: E731
    res = resolve([
        article("a", None, ents(), [visit("e1", "p1", "l1"), visit("e2", "p1", "l1")]),
        article("b", None, ents(), [visit("e1", "p1", "l1")]),
    ])
    assert res.events[("a", "e1")] is not res.events[("a", "e2")]
