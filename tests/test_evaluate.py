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
    GoldArticle,
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


def perfect_prediction(gold: GoldArticle | dict) -> Prediction:
    """What a flawless system would output for one gold file, built from the gold itself."""
    gold = gold if isinstance(gold, GoldArticle) else GoldArticle.model_validate(gold)
    by_name = {p.name_en: p for p in gold.persons}

    def labels(name_en: str) -> list[str]:
        p = by_name[name_en]
        return [p.name_ar, *p.aliases_ar]

    pred = Prediction()
    for p in gold.persons:
        pred.persons.append(PredPerson(labels=labels(p.name_en), wikidata=p.wikidata))
    for m in gold.meetings:
        for a, b in combinations(m.participants, 2):
            pred.met.append(PredMeeting(a=labels(a), b=labels(b), date=m.date or m.date_partial))
    for v in gold.visits:
        dest = [v.destination] + ([v.destination_ar] if v.destination_ar else [])
        pred.visits.append(PredVisit(visitor=labels(v.visitor), destination=dest, date=v.date or v.date_partial))
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
        body = read_article_body(ARTICLES_DIR / g.article)
        assert gold_text_problems(g, body) == []
        assert not body.startswith(("source:", "date:", "outlet:")), aid
        names = {p.name_en for p in g.persons}
        for key in ("meetings", "planned_meetings"):
            for m in getattr(g, key):
                assert set(m.participants) <= names
        for v in g.visits:
            assert v.visitor in names


def test_article_body_drops_header_and_first_blank_line():
    text = "source: unknown\ndate: 2025-01-02\noutlet: X\n\nالسطر الأول: نص\n\nالثاني\n"
    assert article_body(text) == "السطر الأول: نص\n\nالثاني\n"
    assert article_body("بلا ترويسة\n") == "بلا ترويسة\n"


def test_gold_text_problems_reports_missing_substring():
    g = small_gold()
    problems = gold_text_problems(GoldArticle.model_validate(g), "التقى أحمد الأعرجي")
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
    assert s.persons.n == sum(len(g.persons) for g in gold.values())
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


# --- the conventions of gold-format.md: optional, date_alt, date_partial, count, status -----------


def conventions_gold() -> dict:
    g = small_gold()
    g["persons"].append({"name_ar": "كيم يو جونغ", "aliases_ar": [], "name_en": "Kim Yo-jong", "optional": True})
    g["meetings"].append({"participants": ["Vladimir Putin", "Kim Yo-jong"], "date": None, "kind": "in-person",
                          "optional": True, "evidence_ar": "."})
    g["meetings"].append({"participants": ["Alexander Novak", "Vladimir Putin"], "date": None,
                          "date_alt": "2024-05-02", "kind": "phone-call", "evidence_ar": ".", "count": 2})
    g["visits"].append({"visitor": "Vladimir Putin", "destination": "Riyadh", "destination_ar": "الرياض",
                        "date": None, "date_partial": "2024-04", "evidence_ar": "."})
    g["visits"].append({"visitor": "Ahmad al-Araji", "destination": "Moscow", "destination_ar": "موسكو",
                        "date": None, "optional": True, "evidence_ar": "."})
    g["planned_visits"] = [{"visitor": "Ahmad al-Araji", "destination": "Cairo", "destination_ar": "القاهرة",
                            "date": None, "status": "cancelled", "evidence_ar": "."}]
    return g


def test_optional_items_neither_reward_nor_punish():
    gold = {"x": conventions_gold()}
    base = perfect_prediction(small_gold())
    base.met.append(PredMeeting(a=["إلكسندر نوفاك"], b=["فلاديمير بوتين"], date=None))
    base.visits.append(PredVisit(visitor=["فلاديمير بوتين"], destination=["الرياض"], date="2024-04"))
    without = score(gold, {"x": base})
    with_optional = copy.deepcopy(base)
    with_optional.persons.append(PredPerson(labels=["كيم يو جونغ"]))
    with_optional.met.append(PredMeeting(a=["فلاديمير بوتين"], b=["كيم يو جونغ"], date=None))
    with_optional.visits.append(PredVisit(visitor=["الأعرجي"], destination=["Moscow"], date=None))
    found = score(gold, {"x": with_optional})
    for s in (without, found):
        assert (s.persons.tp, s.persons.fp, s.persons.fn) == (3, 0, 0)
        assert (s.met.tp, s.met.fp, s.met.fn) == (2, 0, 0)
        assert (s.visits.tp, s.visits.fp, s.visits.fn) == (2, 0, 0)
    # an optional person is still a person: a pair with her outside any gold meeting is wrong
    wrong = copy.deepcopy(base)
    wrong.met.append(PredMeeting(a=["إلكسندر نوفاك"], b=["كيم يو جونغ"], date=None))
    assert score(gold, {"x": wrong}).met.fp == 1


@pytest.mark.parametrize(
    "date, right",
    [("2024-05-02", True), (None, True), ("2024-05-01", False)],  # date null + date_alt: either is right
)
def test_date_alt_accepts_the_alternative_or_no_date(date, right):
    gold = {"x": conventions_gold()}
    pred = perfect_prediction(small_gold())
    pred.met.append(PredMeeting(a=["إلكسندر نوفاك"], b=["فلاديمير بوتين"], date=date))
    s = score(gold, {"x": pred})
    report = s.articles["x"]
    assert report.meeting_dates.n == 2  # the dated meeting and the date_alt call; the optional one is not scored
    assert report.meeting_dates.correct == (2 if right else 1)


@pytest.mark.parametrize("date, right", [("2024-04", True), ("2024-04-10", False), (None, False)])
def test_date_partial_wants_the_month(date, right):
    gold = {"x": conventions_gold()}
    pred = perfect_prediction(small_gold())
    pred.visits.append(PredVisit(visitor=["فلاديمير بوتين"], destination=["Riyadh"], date=date))
    s = score(gold, {"x": pred})
    assert (s.visit_date_accuracy.correct, s.visit_date_accuracy.n) == ((2 if right else 1), 2)


def test_a_cancelled_visit_predicted_as_a_visit_is_a_false_positive():
    gold = {"x": conventions_gold()}
    pred = perfect_prediction(small_gold())
    pred.visits.append(PredVisit(visitor=["الأعرجي"], destination=["القاهرة", "Cairo"], date=None))
    assert score(gold, {"x": pred}).visits.fp == 1


def test_count_and_status_are_validated(tmp_path):
    g = conventions_gold()
    g["meetings"][-1]["count"] = 0
    write_gold(tmp_path, "x", g)
    with pytest.raises(GoldError, match="count"):
        load_gold(tmp_path)
    g = conventions_gold()
    g["visits"][0]["status"] = "cancelled"  # only planned items can be cancelled
    write_gold(tmp_path, "x", g)
    with pytest.raises(GoldError, match="planned"):
        load_gold(tmp_path)
    g = conventions_gold()
    g["persons"][0]["optinal"] = True  # a misspelt field is refused, not ignored
    write_gold(tmp_path, "x", g)
    with pytest.raises(GoldError, match="optinal"):
        load_gold(tmp_path)


def test_visit_to_a_city_matches_a_visit_to_its_country_but_not_another_city():
    gold = {"x": conventions_gold()}
    for dest, qids, hit in ((["السعودية"], [], True), (["Saudi Arabia"], [], True), ([], ["Q851"], True),
                            (["جدة"], [], False), (["مصر"], [], False)):
        pred = perfect_prediction(small_gold())
        pred.visits.append(PredVisit(visitor=["فلاديمير بوتين"], destination=dest, date="2024-04", destination_qids=qids))
        s = score(gold, {"x": pred})
        assert (s.visits.tp, s.visits.fp) == ((2, 0) if hit else (1, 1)), dest


def test_hashtag_marks_inside_names_are_read_as_spaces():
    gold = {"x": {"article": "x.txt", "persons": [
        {"name_ar": "رجب طيب #أردوغان", "aliases_ar": ["أردوغان"], "name_en": "Erdogan"},
        {"name_ar": "#جاستين_ترودو", "aliases_ar": [], "name_en": "Trudeau"}], "meetings": [], "visits": []}}
    pred = Prediction(persons=[PredPerson(labels=["رجب طيب أردوغان"]), PredPerson(labels=["جاستين ترودو"])])
    s = score(gold, {"x": pred})
    assert (s.persons.tp, s.persons.fp) == (2, 0)


def test_link_precision_counts_a_link_where_the_gold_has_none_as_wrong():
    gold = {"x": small_gold()}
    pred = perfect_prediction(gold["x"])
    pred.persons[1].wikidata = "Q555"  # Novak: gold null
    s = score(gold, {"x": pred})
    assert (s.wikidata_precision.correct, s.wikidata_precision.n) == (2, 3)
    assert s.wikidata_accuracy.value == 1.0


def test_split_is_fixed_by_the_article_number():
    from kg.evaluate import in_split, split_of

    assert [split_of(a) for a in ("003_x", "004_y", "090_z", "091_w")] == ["check", "tune", "check", "tune"]
    gold = {a: small_gold() for a in ("003_x", "004_y")}
    assert list(in_split(gold, "check")) == ["003_x"] and list(in_split(gold, "tune")) == ["004_y"]
    with pytest.raises(GoldError, match="split"):
        in_split(gold, "train")


def test_news_dev_gold_is_valid_and_split_31_63():
    from kg.evaluate import in_split
    from kg.paths import shared_data

    articles = shared_data() / "news_dev" / "articles"
    gold = load_gold(DATA / "gold" / "news_dev", articles if articles.is_dir() else None)
    assert len(gold) == 94
    assert len(in_split(gold, "check")) == 31 and len(in_split(gold, "tune")) == 63


def test_gold_schema_file_is_current():
    from kg.evaluate.gold import gold_json_schema
    from kg.paths import ROOT

    written = json.loads((ROOT / "docs" / "gold.schema.json").read_text(encoding="utf-8"))
    assert written == gold_json_schema(), "run: .venv/bin/python -m kg.evaluate --schema"


def test_columns_table_renders_three_columns():
    from rich.console import Console

    from kg.evaluate.score import columns_table

    gold = {"x": small_gold()}
    s = score(gold, {"x": perfect_prediction(gold["x"])})
    console = Console(record=True, width=100)
    console.print(columns_table({"samples": s, "tune": s, "check": s}))
    text = console.export_text()
    assert "tune" in text and "check" in text and "1.000" in text



@pytest.mark.parametrize(("gold_dir", "script", "source", "count"), [
    ("saudinewsnet_tune", "sample_saudinewsnet.py", "saudinewsnet/articles.jsonl.gz", 27),
    ("meetings_tune", "sample_meetings.py", "raw_arabic/arabic_newspapers_corpus.jsonl.gz", 36),
    ("saudinewsnet_heldout", "sample_heldout.py", "saudinewsnet/articles.jsonl.gz", 30),
    ("saudinewsnet_select", "sample_heldout.py --after 30 --n 40", "saudinewsnet/articles.jsonl.gz", 40),
    ("saudinewsnet_heldout2", "sample_heldout.py --after 70 --n 30", "saudinewsnet/articles.jsonl.gz", 30),
    ("newspapers_heldout", "sample_newspapers.py --after 30 --n 30", "raw_arabic/arabic_newspapers_corpus.jsonl.gz", 30),
    ("asnd_tune", "sample_asnd.py --after 0 --n 35", "raw_arabic_more/asnd_social_media_news.jsonl.gz", 35),
    ("asnd_heldout", "sample_asnd.py --after 35 --n 35", "raw_arabic_more/asnd_social_media_news.jsonl.gz", 35),
])
def test_a_further_tune_set_matches_its_fixed_sample(tmp_path, gold_dir, script, source, count):
    # the articles are written from ../shared/data by a fixed choice; the gold names them and every
    # Arabic string in it is a substring of its article
    import subprocess
    import sys

    from kg.paths import ROOT, shared_data

    if not (shared_data() / source).exists():
        pytest.skip(f"../shared/data/{source} is not here")
    out = tmp_path / "articles"
    name, *options = script.split()
    subprocess.run([sys.executable, str(ROOT / "scripts" / name), *options, "--out", str(out)], check=True, cwd=ROOT)
    gold = load_gold(DATA / "gold" / gold_dir, out)
    assert len(gold) == count == len(list(out.glob("*.txt")))


def test_the_newspapers_tune_set_matches_its_two_fixed_samples(tmp_path):
    # pages 1-30 and 61-134 of the newspapers sampler (31-60 are the held-out set); the gold and its
    # second annotation of ten pages name them, every Arabic string a substring of its page
    import subprocess
    import sys

    from kg.paths import ROOT, shared_data

    if not (shared_data() / "raw_arabic" / "arabic_newspapers_corpus.jsonl.gz").exists():
        pytest.skip("../shared/data/raw_arabic is not here")
    out = tmp_path / "articles"
    for options in (["--n", "30"], ["--after", "60", "--n", "74"]):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "sample_newspapers.py"), *options, "--out", str(out)], check=True, cwd=ROOT)
    gold = load_gold(DATA / "gold" / "newspapers_tune", out)
    assert len(gold) == 104 == len(list(out.glob("*.txt")))
    assert not set(gold) & {p.stem for p in (DATA / "gold" / "newspapers_heldout").glob("*.json")}
    second = load_gold(DATA / "gold" / "newspapers_tune_agreement", out)
    assert len(second) == 10 and set(second) <= set(gold)
