"""Tests for kg.evaluate: the gold files, the scorer, and reading predictions from a store."""

from __future__ import annotations

import copy
import json
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.evaluate import (
    DIP,
    KGR,
    GoldError,
    PredMeeting,
    PredPerson,
    Prediction,
    PredVisit,
    article_body,
    gold_text_problems,
    load_gold,
    predictions_from_store,
    read_article_body,
    score,
)
from kg.paths import DATA

GOLD_DIR = DATA / "gold"
ARTICLES_DIR = DATA / "articles"


def perfect_prediction(gold: dict) -> Prediction:
    """What a flawless system would output for one gold file, built from the gold itself."""
    by_name = {p["name_en"]: p for p in gold["persons"]}

    def labels(name_en: str) -> list[str]:
        p = by_name[name_en]
        return [p["name_ar"], *p["aliases_ar"]]

    pred = Prediction()
    for p in gold["persons"]:
        pred.persons.append(PredPerson(labels=labels(p["name_en"]), wikidata=p["wikidata"]))
    for m in gold["meetings"]:
        for a, b in combinations(m["participants"], 2):
            pred.met.append(PredMeeting(a=labels(a), b=labels(b), date=m["date"]))
    for v in gold["visits"]:
        dest = [v["destination"]] + ([v["destination_ar"]] if v.get("destination_ar") else [])
        pred.visits.append(PredVisit(visitor=labels(v["visitor"]), destination=dest, date=v["date"]))
    return pred


def small_gold() -> dict:
    """A synthetic one-article gold, independent of the sample articles."""
    return {
        "article": "x.txt",
        "publication_date": "2024-05-02",
        "persons": [
            {"name_ar": "أحمد الأعرجي", "aliases_ar": ["الأعرجي"], "name_en": "Ahmad al-Araji",
             "role_ar": None, "role_en": None, "country": "IQ", "wikidata": "Q111"},
            {"name_ar": "إلكسندر نوفاك", "aliases_ar": [], "name_en": "Alexander Novak",
             "role_ar": None, "role_en": None, "country": "RU", "wikidata": None},
            {"name_ar": "فلاديمير بوتين", "aliases_ar": [], "name_en": "Vladimir Putin",
             "role_ar": None, "role_en": None, "country": "RU", "wikidata": "Q7747"},
        ],
        "meetings": [
            {"participants": ["Ahmad al-Araji", "Alexander Novak"], "date": "2024-05-01",
             "location": None, "kind": "in-person", "evidence_ar": "..."},
        ],
        "planned_meetings": [
            {"participants": ["Ahmad al-Araji", "Vladimir Putin"], "date": None,
             "location": None, "kind": "in-person", "evidence_ar": "..."},
        ],
        "visits": [
            {"visitor": "Alexander Novak", "destination": "Baghdad", "destination_ar": "بغداد",
             "date": "2024-05-01", "evidence_ar": "..."},
        ],
    }


# --- gold files ---------------------------------------------------------------------------------


def test_every_article_has_a_consistent_gold_file():
    gold = load_gold(GOLD_DIR, ARTICLES_DIR)  # raises on any string that is not in the body
    stems = {p.stem for p in ARTICLES_DIR.glob("*.txt")}
    assert stems and set(gold) == stems
    for aid, g in gold.items():
        body = read_article_body(ARTICLES_DIR / g["article"])
        assert gold_text_problems(g, body) == []
        assert not body.startswith(("source:", "date:", "outlet:")), aid
        names = {p["name_en"] for p in g["persons"]}
        for key in ("meetings", "planned_meetings"):
            for m in g[key]:
                assert set(m["participants"]) <= names
        for v in g["visits"]:
            assert v["visitor"] in names


def test_article_body_drops_header_and_first_blank_line():
    text = "source: unknown\ndate: 2025-01-02\noutlet: X\n\nالسطر الأول: نص\n\nالثاني\n"
    assert article_body(text) == "السطر الأول: نص\n\nالثاني\n"
    assert article_body("بلا ترويسة\n") == "بلا ترويسة\n"


def test_gold_text_problems_reports_missing_substring():
    g = small_gold()
    problems = gold_text_problems(g, "التقى أحمد الأعرجي")
    assert any("نوفاك" in p for p in problems)
    assert any("evidence_ar" in p for p in problems)


def write_gold(tmp_path: Path, stem: str, data) -> Path:
    path = tmp_path / f"{stem}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_broken_json_gives_gold_error_naming_file(tmp_path):
    write_gold(tmp_path, "x", '{"article": "x.txt", "persons": [')
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    msg = str(err.value)
    assert "x.json" in msg and "invalid JSON" in msg and "\n" not in msg


@pytest.mark.parametrize(
    "mutate, cause",
    [
        (lambda g: g["meetings"][0]["participants"].append("Nobody"), "Nobody"),
        (lambda g: g["visits"][0].update(visitor="Ghost"), "Ghost"),
        (lambda g: g["meetings"][0].update(kind="telepathy"), "kind"),
        (lambda g: g["meetings"][0].update(date="16/09/2025"), "date"),
        (lambda g: g["persons"][0].update(wikidata="32024"), "wikidata"),
        (lambda g: g.pop("persons"), "persons"),
        (lambda g: g.update(article="y.txt"), "article"),
    ],
)
def test_invalid_gold_gives_gold_error(tmp_path, mutate, cause):
    g = small_gold()
    mutate(g)
    write_gold(tmp_path, "x", g)
    with pytest.raises(GoldError, match=cause) as err:
        load_gold(tmp_path)
    assert "x.json" in str(err.value)


def test_gold_substring_check_against_article(tmp_path):
    gold_dir, art_dir = tmp_path / "gold", tmp_path / "articles"
    gold_dir.mkdir()
    art_dir.mkdir()
    g = small_gold()
    write_gold(gold_dir, "x", g)
    (art_dir / "x.txt").write_text("date: unknown\n\nنص لا يذكر أحدا\n", encoding="utf-8")
    with pytest.raises(GoldError, match="not in the article"):
        load_gold(gold_dir, art_dir)
    load_gold(gold_dir)  # without articles only the structure is checked


# --- scorer -----------------------------------------------------------------------------------


def test_perfect_predictions_score_one_on_real_gold():
    gold = load_gold(GOLD_DIR)
    s = score(gold, {aid: perfect_prediction(g) for aid, g in gold.items()})
    for prf in (s.persons, s.met, s.visits):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
        assert prf.fp == prf.fn == 0
    assert s.persons.n == sum(len(g["persons"]) for g in gold.values())
    assert s.wikidata_accuracy.value == 1.0 and s.wikidata_accuracy.n > 0
    assert s.date_accuracy.value == 1.0 and s.date_accuracy.n > 0
    assert all(not r.misses() for r in s.articles.values())
    json.dumps(s.as_dict())  # JSON-able


def test_missing_person_lowers_recall_only():
    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    dropped = pred.persons.pop()
    s = score(gold, {"x": pred})
    assert s.persons.precision == 1.0
    assert s.persons.recall == pytest.approx(2 / 3)
    assert s.articles["x"].persons_fn == [dropped.labels[0]]


def test_spurious_pair_lowers_precision():
    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    # the planned meeting reported as if it happened
    pred.met.append(PredMeeting(a=["أحمد الأعرجي"], b=["فلاديمير بوتين"], date=None))
    # and a pair with someone who is not in the gold at all
    pred.met.append(PredMeeting(a=["نوفاك"], b=["شخص مجهول"], date=None))
    s = score(gold, {"x": pred})
    assert s.met.tp == 1 and s.met.fp == 2 and s.met.fn == 0
    assert s.met.precision == pytest.approx(1 / 3) and s.met.recall == 1.0
    assert "Ahmad al-Araji — Vladimir Putin" in s.articles["x"].met_fp


def test_clitic_and_hamza_variants_match():
    gold = {"x": small_gold()}
    pred = Prediction(
        persons=[
            PredPerson(labels=["وللاعرجي"]),            # و + لل + hamza-less alef
            PredPerson(labels=["الكسندر نوفاك"]),        # إ written as ا
            PredPerson(labels=["فلاديمير بوتينْ"]),       # a stray sukun
        ],
        met=[PredMeeting(a=["بالأعرجي"], b=["ألكسندر نوفاك"], date="2024-05-01")],
        visits=[PredVisit(visitor=["الكسندر نوفاك"], destination=["وبغداد"], date="2024-05-01")],
    )
    s = score(gold, {"x": pred})
    assert s.persons.tp == 3 and s.persons.fp == 0
    assert s.met.tp == 1 and s.met.fp == 0
    assert s.visits.tp == 1


def test_duplicate_person_is_one_match_and_one_false_positive():
    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    pred.persons.append(PredPerson(labels=["الأعرجي"]))  # an unmerged copy
    s = score(gold, {"x": pred})
    assert s.persons.tp == 3 and s.persons.fp == 1 and s.persons.fn == 0


def test_dates_and_wikidata_errors_are_counted():
    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    pred.met[0].date = "2024-05-02"
    pred.visits[0].date = None
    pred.persons[0].wikidata = "Q999"
    s = score(gold, {"x": pred})
    assert (s.meeting_date_accuracy.correct, s.meeting_date_accuracy.n) == (0, 1)
    assert (s.visit_date_accuracy.correct, s.visit_date_accuracy.n) == (0, 1)
    assert s.date_accuracy.n == 2 and s.date_accuracy.value == 0.0
    # al-Araji's link is wrong, Putin's right; Novak (gold null) is not counted
    assert (s.wikidata_accuracy.correct, s.wikidata_accuracy.n) == (1, 2)
    assert any("Q999" in e for e in s.articles["x"].wikidata_errors)
    assert s.met.tp == 1  # a wrong date does not unmatch the pair


def test_visit_destination_matches_english_or_arabic_but_not_other_place():
    gold = {"x": small_gold()}
    for dest, hit in ((["Baghdad"], True), (["بغداد"], True), (["baghdad", "x"], True), (["موسكو", "Moscow"], False)):
        pred = Prediction(visits=[PredVisit(visitor=["الكسندر نوفاك"], destination=dest, date=None)])
        s = score(gold, {"x": pred})
        assert (s.visits.tp, s.visits.fp) == ((1, 0) if hit else (0, 1)), dest


def test_missing_and_extra_articles():
    gold = {"x": small_gold()}
    s = score(gold, {"other": Prediction()})
    assert s.missing_predictions == ["x"] and s.extra_predictions == ["other"]
    assert s.persons.recall == 0.0 and s.persons.precision == 1.0
    assert s.wikidata_accuracy.n == 0 and s.wikidata_accuracy.value is None


def test_table_renders():
    from rich.console import Console

    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    pred.persons.pop()
    s = score(gold, {"x": pred})
    console = Console(record=True, width=120)
    console.print(s.as_table())
    console.print(s.misses_table())
    text = console.export_text()
    assert "persons" in text and "met-with" in text and "فلاديمير بوتين" in text


# --- predictions from a store -----------------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def ar(text: str) -> ox.Literal:
    return ox.Literal(text, language="ar")


def tiny_store() -> ox.Store:
    store = ox.Store()
    g_a, g_b, g_r = (n(f"{KGR}graph/{x}") for x in ("A", "B", "_resolved"))
    art_a, art_b = n(f"{KGR}article/A"), n(f"{KGR}article/B")
    shoigu, araji, putin = n(f"{KGR}person/s1"), n(f"{KGR}person/a1"), n(f"{KGR}person/p1")
    baghdad = n(f"{KGR}place/Q1530")
    typ, label, alt = n(RDF + "type"), n(RDFS + "label"), n(SKOS + "altLabel")
    dip = lambda local: n(DIP + local)  # noqa: E731
    quads = [
        # article A: persons, labels partly only in _resolved
        (shoigu, typ, dip("Person"), g_a), (shoigu, label, ar("سيرغي شويغو"), g_a),
        (shoigu, alt, ar("شويغو"), g_a), (shoigu, dip("mentionedIn"), art_a, g_a),
        (araji, typ, dip("Person"), g_a), (araji, dip("mentionedIn"), art_a, g_a),
        (araji, label, ar("قاسم الأعرجي"), g_r), (araji, alt, ar("الأعرجي"), g_r),
        (shoigu, n(OWL + "sameAs"), n("http://www.wikidata.org/entity/Q32024"), g_r),
        (putin, typ, dip("Person"), g_a), (putin, dip("mentionedIn"), art_a, g_a),
        (putin, label, ar("فلاديمير بوتين"), g_a), (putin, label, ox.Literal("Vladimir Putin", language="en"), g_a),
        # an occurred meeting (host/guest only) and a planned one
        (n(f"{KGR}event/meeting-1"), typ, dip("Meeting"), g_a),
        (n(f"{KGR}event/meeting-1"), dip("reportedIn"), art_a, g_a),
        (n(f"{KGR}event/meeting-1"), dip("modality"), dip("Occurred"), g_a),
        (n(f"{KGR}event/meeting-1"), dip("host"), araji, g_a),
        (n(f"{KGR}event/meeting-1"), dip("guest"), shoigu, g_a),
        (n(f"{KGR}event/meeting-1"), dip("date"), ox.Literal("2025-09-16", datatype=n(XSD + "date")), g_a),
        (n(f"{KGR}event/meeting-2"), typ, dip("Meeting"), g_a),
        (n(f"{KGR}event/meeting-2"), dip("reportedIn"), art_a, g_a),
        (n(f"{KGR}event/meeting-2"), dip("modality"), dip("Planned"), g_a),
        (n(f"{KGR}event/meeting-2"), dip("participant"), araji, g_a),
        (n(f"{KGR}event/meeting-2"), dip("participant"), putin, g_a),
        # a visit whose destination labels live in _resolved
        (n(f"{KGR}event/visit-1"), typ, dip("Visit"), g_a),
        (n(f"{KGR}event/visit-1"), dip("reportedIn"), art_a, g_a),
        (n(f"{KGR}event/visit-1"), dip("modality"), dip("Occurred"), g_a),
        (n(f"{KGR}event/visit-1"), dip("visitor"), shoigu, g_a),
        (n(f"{KGR}event/visit-1"), dip("destination"), baghdad, g_a),
        (baghdad, label, ar("بغداد"), g_r), (baghdad, label, ox.Literal("Baghdad", language="en"), g_r),
        # article B: a label and a meeting that must not leak into A
        (shoigu, alt, ar("شويجو"), g_b), (shoigu, dip("mentionedIn"), art_b, g_b),
        (n(f"{KGR}event/meeting-3"), typ, dip("PhoneCall"), g_b),
        (n(f"{KGR}event/meeting-3"), dip("reportedIn"), art_b, g_b),
        (n(f"{KGR}event/meeting-3"), dip("modality"), dip("Occurred"), g_b),
        (n(f"{KGR}event/meeting-3"), dip("participant"), shoigu, g_b),
        (n(f"{KGR}event/meeting-3"), dip("participant"), putin, g_b),
    ]
    store.extend(ox.Quad(s, p, o, g) for s, p, o, g in quads)
    return store


def test_predictions_from_store_reads_article_graph_and_resolved():
    preds = predictions_from_store(tiny_store(), ["A", "B"])
    a = preds["A"]
    by_first = {p.labels[0]: p for p in a.persons}
    assert set(by_first) == {"سيرغي شويغو", "قاسم الأعرجي", "فلاديمير بوتين"}
    assert by_first["سيرغي شويغو"].labels == ["سيرغي شويغو", "شويغو"]  # no شويجو from graph B
    assert by_first["سيرغي شويغو"].wikidata == "Q32024"
    assert by_first["قاسم الأعرجي"].labels == ["قاسم الأعرجي", "الأعرجي"]
    assert by_first["فلاديمير بوتين"].labels == ["فلاديمير بوتين"]  # @en label not an Arabic label
    assert len(a.met) == 1  # the planned meeting is left out
    pair = {a.met[0].a[0], a.met[0].b[0]}
    assert pair == {"سيرغي شويغو", "قاسم الأعرجي"} and a.met[0].date == "2025-09-16"
    assert len(a.visits) == 1
    assert a.visits[0].visitor[0] == "سيرغي شويغو"
    assert set(a.visits[0].destination) == {"بغداد", "Baghdad"} and a.visits[0].date is None

    b = preds["B"]
    assert [p.labels for p in b.persons] == [["شويجو"]]  # the rdfs:label is stated only in A
    assert len(b.met) == 1 and b.visits == []


def test_store_predictions_score_against_gold():
    gold = {
        "A": {
            "article": "A.txt", "publication_date": "2025-09-16",
            "persons": [
                {"name_ar": "سيرغي شويغو", "aliases_ar": ["شويغو"], "name_en": "Sergei Shoigu",
                 "role_ar": None, "role_en": None, "country": "RU", "wikidata": "Q32024"},
                {"name_ar": "قاسم الاعرجي", "aliases_ar": [], "name_en": "Qasim al-Araji",
                 "role_ar": None, "role_en": None, "country": "IQ", "wikidata": None},
                {"name_ar": "فلاديمير بوتين", "aliases_ar": [], "name_en": "Vladimir Putin",
                 "role_ar": None, "role_en": None, "country": "RU", "wikidata": "Q7747"},
            ],
            "meetings": [{"participants": ["Qasim al-Araji", "Sergei Shoigu"], "date": "2025-09-16",
                          "location": None, "kind": "in-person", "evidence_ar": "."}],
            "planned_meetings": [],
            "visits": [{"visitor": "Sergei Shoigu", "destination": "Baghdad", "destination_ar": None,
                        "date": "2025-09-16", "evidence_ar": "."}],
        }
    }
    s = score(gold, predictions_from_store(tiny_store(), ["A"]))
    assert (s.persons.tp, s.persons.fp, s.persons.fn) == (3, 0, 0)
    assert (s.met.tp, s.met.fp, s.met.fn) == (1, 0, 0)
    assert s.visits.tp == 1  # matched by the @en label; gold has no destination_ar
    assert (s.meeting_date_accuracy.correct, s.visit_date_accuracy.correct) == (1, 0)
    assert (s.wikidata_accuracy.correct, s.wikidata_accuracy.n) == (1, 2)  # Putin has no sameAs


def test_gold_records_are_not_mutated_by_scoring():
    gold = {"x": small_gold()}
    before = copy.deepcopy(gold)
    score(gold, {"x": perfect_prediction(gold["x"])})
    assert gold == before
