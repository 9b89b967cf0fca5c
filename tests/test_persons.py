"""Person linking (issue 16): a small person gazetteer built from a handful of rows by the real
build script, then linking by name, office, country and date; generated spellings; bad files;
and what a link puts into the graph (against the shipped gazetteer, through a real build)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.link import person_gazetteer
from kg.link.names import generate, latin_skeleton, arabic_skeleton, load_name_tokens
from kg.link.person_gazetteer import PersonGazetteer, load_persons
from kg.link.persons import Observation, link_person, name_candidates, person_names
from kg.paths import LEXICON, QUERIES, ROOT
from kg.records import EntityRecord, Mention, Role, Span

sys.path.insert(0, str(ROOT / "scripts"))
import build_persons  # noqa: E402

S = Span(0, 1)

# Invented QIDs (Q91000x), real-shaped rows: two holders of one office who share a name, the
# office's predecessor and successor, and a foreign minister of the same country.
PERSONS = [
    {"qid": "Q910001", "en": "George H. W. Bush", "ar": None, "ar_alt": [], "en_alt": [], "source_repos": ["r/us"],
     "positions": [{"position_qid": "Q910100", "position_en": "President of the United States", "country": "Q30",
                    "country_iso": "US", "start": "1989-01-20", "end": "1993-01-20", "from": "holders21"}]},
    {"qid": "Q910002", "en": "George W. Bush", "ar": None, "ar_alt": [], "en_alt": [], "source_repos": ["r/us"],
     "positions": [{"position_qid": "Q910100", "position_en": "President of the United States", "country": "Q30",
                    "country_iso": "US", "start": "2001-01-20", "end": "2009-01-20", "from": "holders21"}]},
    {"qid": "Q910003", "en": "Donald Trump", "ar": None, "ar_alt": [], "en_alt": [], "source_repos": ["r/us"],
     "positions": [{"position_qid": "Q910100", "position_en": "President of the United States", "country": "Q30",
                    "country_iso": "US", "start": "2017-01-20", "end": "2021-01-20", "from": "holders21"}]},
    {"qid": "Q910004", "en": "Joe Biden", "ar": None, "ar_alt": [], "en_alt": [], "source_repos": ["r/us"],
     "positions": [{"position_qid": "Q910100", "position_en": "President of the United States", "country": "Q30",
                    "country_iso": "US", "start": "2021-01-20", "end": None, "from": "holders21"},
                   {"position_qid": "Q910101", "position_en": "member of the Senate", "country": "Q30",
                    "country_iso": "US", "start": "1973-01-03", "end": "2009-01-15", "from": "legislators"}]},
    {"qid": "Q910005", "en": "Mike Pompeo", "ar": None, "ar_alt": [], "en_alt": [], "source_repos": ["r/us"],
     "positions": [{"position_qid": "Q910102", "position_en": "United States Secretary of State", "country": "Q30",
                    "country_iso": "US", "start": "2018-04-26", "end": "2021-01-20", "from": "holders21"}]},
    {"qid": "Q910006", "en": "Bashar al-Assad", "ar": "بشار الاسد", "ar_alt": ["بشار الأسد"], "en_alt": [],
     "source_repos": ["r/sy"], "citizenship": ["Q858"],
     "positions": [{"position_qid": "Q910103", "position_en": "President of Syria", "country": "Q858",
                    "country_iso": "SY", "start": "2000-07-17", "end": None, "from": "wikidata-P39"}]},
]
PLACES = {"queries": {"countries": {"rows": [
    {"q": "Q30", "en": "United States", "iso": "US", "en_alt": ["United States of America"]},
    {"q": "Q858", "en": "Syria", "iso": "SY"},
]}}}
TOKENS = [("جورج", "george", 100), ("بوش", "bush", 60), ("دونالد", "donald", 40), ("ترامب", "trump", 12),
          ("ترمب", "trump", 3), ("جو", "joe", 20), ("بايدن", "biden", 5), ("مايك", "mike", 30),
          ("بومبيو", "pompeo", 2), ("بشار", "bashar", 9), ("عبد", "abdelaziz", 4), ("عزيز", "aziz", 10),
          ("العزيز", "aziz", 6), ("الف", "five", 9), ("ب", "five", 8), ("ج", "five", 7), ("د", "five", 6),
          ("ه", "five", 5), ("واحد", "five", 1)]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A person gazetteer built by scripts/build_persons.py from the rows above."""
    base = tmp_path_factory.mktemp("persons")
    src, names, out = base / "wikidata", base / "names", base / "gaz"
    src.mkdir()
    names.mkdir()
    (src / "persons.json").write_text(json.dumps({
        "repos": [{"repo": "r/us", "commit_date": "2022-08-03"}, {"repo": "r/sy", "commit_date": "2023-01-12"}],
        "persons": PERSONS}, ensure_ascii=False), encoding="utf-8")
    (src / "places.json").write_text(json.dumps(PLACES), encoding="utf-8")
    (names / "wikidata_person_name_tokens_en_ar.tsv").write_text(
        "arabic\tenglish\tcount\n" + "".join(f"{a}\t{e}\t{c}\n" for a, e, c in TOKENS), encoding="utf-8")
    counts = build_persons.build(src, names, out, LEXICON)
    assert counts["persons.tsv rows"] == 6 and counts["positions left out (legislature seats)"] == 1
    return out


def person(name: str, *roles: tuple[str, str | None, str], country: str | None = None) -> EntityRecord:
    return EntityRecord("p1", "Person", name, [Mention(name, S, S)],
                        [Role(title, office, "", iso, S, S) for office, iso, title in roles], country)


def observe(ent: EntityRecord, day: date | None) -> list[Observation]:
    return [Observation(r.office_key, r.country, day, r.title_ar) for r in ent.roles]


def rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


# --- the built files ----------------------------------------------------------------------------


def test_build_writes_generated_spellings_and_derived_offices(small: Path) -> None:
    people = {r["qid"]: r for r in rows(small / "persons.tsv")}
    assert people["Q910003"]["name_tokens"] == "donald trump"
    # Several candidates per token, most frequent first, kept apart from Wikidata's own labels.
    assert people["Q910003"]["generated_ar"] == "دونالد ترامب/ترمب"
    assert people["Q910003"]["label_ar"] == ""
    assert people["Q910006"]["label_ar"] == "بشار الاسد" and people["Q910006"]["aliases_ar"] == "بشار الأسد"
    assert people["Q910001"]["name_tokens"] == "george bush"  # initials dropped
    assert people["Q910004"]["as_of"] == "2022-08-03"
    offices = {r["position_qid"]: (r["office_key"], r["iso2"]) for r in rows(small / "wikidata_positions.tsv")}
    # Derived from the English labels and places.json's country names, not typed anywhere.
    assert offices["Q910100"] == ("president", "US")
    assert offices["Q910102"] == ("foreign_minister", "US")  # «secretary of state@US»
    assert offices["Q910103"] == ("president", "SY")
    assert "Q910101" not in offices  # a legislature seat is left out
    derived = {(r["office_key"], r["iso2"]): r["qid"] for r in rows(small / "positions.tsv")}
    assert derived[("president", "US")] == "Q910100" and derived[("foreign_minister", "US")] == "Q910102"


def test_generate_is_bounded_and_reads_abd_names(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("arabic\tenglish\tcount\n" + "".join(f"{a}\t{e}\t{c}\n" for a, e, c in TOKENS), encoding="utf-8")
    table = load_name_tokens(path)
    five = generate("five", table)
    assert len(five) == 3 and five[0] == "الف"  # at most three, most frequent first
    assert "واحد" not in generate("five", table)
    # «abdelaziz» is عبد + aziz: the table's truncated «عبد» gives way to the joined forms.
    forms = generate("abdelaziz", table)
    assert forms[0] == "عبدالعزيز" and "عبد" not in forms
    assert generate("zzzz", table) == []
    # Skeletons propose candidates for tokens the table lacks: السيسي ~ sisi, السبسي ~ essebsi.
    assert latin_skeleton("sisi") == arabic_skeleton("السيسي") == "SS"
    assert latin_skeleton("essebsi") == arabic_skeleton("السبسي")
    assert latin_skeleton("mnuchin") == arabic_skeleton("منوتشين")
    assert latin_skeleton("barack") != arabic_skeleton("بوش")


def test_names_match_through_generated_spellings(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    best = pg.match("دونالد ترمب")  # the second candidate of «trump»
    assert [(m.person.qid, m.level) for m in best] == [("Q910003", "generated")]
    assert {m.person.qid for m in pg.match("جورج بوش")} == {"Q910001", "Q910002"}
    assert [(m.person.qid, m.level) for m in pg.match("ترامب")] == [("Q910003", "surname")]
    assert [(m.person.qid, m.level) for m in pg.match("بشار الأسد")] == [("Q910006", "label")]
    assert pg.match("دونالد") == []  # a first name alone proposes nobody
    assert pg.match("جون كيري") == []


# --- deciding -----------------------------------------------------------------------------------


def test_office_and_date_choose_between_two_holders_of_one_office(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    bush = person("جورج بوش", ("president", "US", "الرئيس الأمريكي"))
    elder = link_person(bush, observe(bush, date(1990, 8, 2)), pg)
    younger = link_person(bush, observe(bush, date(2005, 3, 1)), pg)
    assert elder is not None and elder.qid == "Q910001"
    assert younger is not None and younger.qid == "Q910002"
    assert younger.method == "persons-generated-spelling+office+date" and younger.name_match == "generated-spelling"
    assert any("office+date" in e and "2001-01-20" in e for e in younger.evidence)
    assert any(e.startswith("name: «جورج بوش»") for e in younger.evidence)


def test_abstains_when_two_remain_or_the_evidence_contradicts(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    # No title, no date: two George Bushes.
    assert link_person(person("جورج بوش"), [], pg) is None
    # Between their terms nobody named Bush was president: no date fits, abstain.
    bush = person("جورج بوش", ("president", "US", "الرئيس الأمريكي"))
    assert link_person(bush, observe(bush, date(1997, 6, 1)), pg) is None
    # A title neither ever held, though the extract knows that office: the name match contradicts it.
    minister = person("جورج بوش", ("foreign_minister", "US", "وزير الخارجية الأمريكي"))
    assert link_person(minister, observe(minister, date(2005, 3, 1)), pg) is None
    # The article ties the person to another country: a namesake.
    assert link_person(person("دونالد ترامب", country="SY"), [], pg, [date(2018, 4, 24)]) is None
    # A surname alone needs the office and the date.
    assert link_person(person("ترامب"), [], pg, [date(2018, 4, 24)]) is None
    trump = person("ترامب", ("president", "US", "الرئيس الأمريكي"))
    hit = link_person(trump, observe(trump, date(2018, 4, 24)), pg)
    assert hit is not None and hit.qid == "Q910003" and hit.name_match == "surname"


def test_a_whole_name_links_alone_only_when_in_office_that_day(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    pompeo = person("مايك بومبيو")
    hit = link_person(pompeo, [], pg, [date(2019, 5, 1)])
    assert hit is not None and hit.qid == "Q910005" and hit.method == "persons-generated-spelling+name"
    assert any(e.startswith("in office on 2019-05-01") for e in hit.evidence)
    # The same name in 2016, before any office the extract knows: likely named for something else.
    assert link_person(pompeo, [], pg, [date(2016, 5, 1)]) is None


def test_a_title_alone_is_linked_as_inferred_from_office_and_date(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    title = person("الرئيس الأمريكي", ("president", "US", "الرئيس الأمريكي"))
    hit = link_person(title, observe(title, date(2018, 4, 24)), pg)
    assert hit is not None and hit.qid == "Q910003"
    assert hit.method == "persons-office+date-inferred" and hit.name_match == "none"
    assert any("inferred from office and date" in e for e in hit.evidence)
    # 2025: Trump's term in the extract ended in 2021, Biden's has no end but the data is as of
    # 2022-08-03, so nobody is known to hold it: no link.
    assert link_person(title, observe(title, date(2025, 6, 1)), pg) is None
    # 2022: Biden's open term, within the data's date.
    later = link_person(title, observe(title, date(2022, 3, 1)), pg)
    assert later is not None and later.qid == "Q910004"


# --- bad files ----------------------------------------------------------------------------------


def _copy(small: Path, dest: Path) -> Path:
    dest.mkdir()
    for f in small.iterdir():
        (dest / f.name).write_bytes(f.read_bytes())
    return dest


def test_missing_or_broken_person_files_give_one_line_and_no_links(small: Path, tmp_path: Path, capsys) -> None:
    missing = _copy(small, tmp_path / "missing")
    (missing / "persons.tsv").unlink()
    assert load_persons(missing) is None
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "persons.tsv: file not found" in err[0] and "not linked" in err[0]

    broken = _copy(small, tmp_path / "broken")
    with (broken / "person_positions.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Q910003\tQ910100\t2017-01-20\n")  # a row cut short
    assert load_persons(broken) is None
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "person_positions.tsv: line" in err[0] and "cells" in err[0]

    dangling = _copy(small, tmp_path / "dangling")
    with (dangling / "person_positions.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Q910003\tQ999999\t2017-01-20\t2021-01-20\tholders21\n")
    assert load_persons(dangling) is None
    assert "Q999999" in capsys.readouterr().err


def test_a_build_with_a_broken_person_gazetteer_links_no_person(tmp_path: Path, monkeypatch, capsys) -> None:
    from kg.build import build

    broken = tmp_path / "gaz"
    broken.mkdir()
    (broken / "persons.tsv").write_text("qid\tlabel_en\nnot a gazetteer\n", encoding="utf-8")
    monkeypatch.setattr(person_gazetteer, "GAZETTEER", broken)
    art = tmp_path / "a1.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    result = build([art], tmp_path / "store", retain=True, incremental=False)
    err = [ln for ln in capsys.readouterr().err.splitlines() if "persons are not linked" in ln]
    assert len(err) == 1 and str(broken) in err[0]
    persons = [e for e in result.resolution.unique_entities() if e.type == "Person"]
    assert persons and not any(e.wikidata for e in persons)
    assert result.resolution.countries["US"].qid  # the rest of linking went on
    assert not result.report.errors


# --- the graph ----------------------------------------------------------------------------------

ARTICLE = ("title: ترامب يستقبل ماكرون\ndate: 2018-04-24\noutlet: test\n\n"
           "استقبل الرئيس الأمريكي دونالد ترامب اليوم الثلاثاء في البيت الأبيض الرئيس الفرنسي "
           "إيمانويل ماكرون، وبحث الرئيسان الملف النووي الإيراني.\n")
DIP = "https://w3id.org/kg-diplomacy/ontology#"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def trump_graph(tmp_path_factory):
    from kg.build import build

    base = tmp_path_factory.mktemp("trump")
    art = base / "a1.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    result = build([art], base / "store", retain=True, incremental=False)
    graph = next(g for g in result.graphs if str(g.identifier).endswith("/graph/a1"))
    return result, graph, base / "store"


def test_a_link_gives_same_as_english_label_and_wikidata_positions(trump_graph) -> None:
    result, g, _ = trump_graph
    assert not result.report.errors
    trump = next(s for s in g.subjects(OWL.sameAs, URIRef(WD + "Q22686")))
    assert (trump, RDF.type, URIRef(DIP + "Person")) in g
    assert (trump, RDFS.label, Literal("Donald Trump", lang="en")) in g
    link = next(g.subjects(URIRef(DIP + "linkSubject"), trump))
    assert str(g.value(link, URIRef(DIP + "nameMatch"))) == "generated-spelling"
    assert str(g.value(link, URIRef(DIP + "method"))) == "persons-generated-spelling+office+date"
    evidence = [str(o) for o in g.objects(link, URIRef(DIP + "linkEvidence"))]
    assert any("office+date" in e and "Q11696" in e for e in evidence)
    # The Wikidata position, dated and sourced from Wikidata, next to the one read from the title.
    holdings = list(g.subjects(URIRef(DIP + "holder"), trump))
    wd = [h for h in holdings if (h, RDF.type, URIRef(DIP + "WikidataPositionHolding")) in g]
    text = [h for h in holdings if h not in wd]
    assert len(wd) == 1 and len(text) == 1
    assert (wd[0], PROV.wasDerivedFrom, URIRef(WD + "Q22686")) in g
    assert str(g.value(wd[0], URIRef(DIP + "startDate"))) == "2017-01-20"
    assert str(g.value(wd[0], URIRef(DIP + "endDate"))) == "2021-01-20"
    position = g.value(wd[0], URIRef(DIP + "position"))
    assert (position, OWL.sameAs, URIRef(WD + "Q11696")) in g
    assert str(g.value(position, URIRef(DIP + "officeKey"))) == "president"
    assert str(g.value(g.value(text[0], URIRef(DIP + "position")), URIRef(DIP + "officeKey"))) == "president"


def test_office_holders_query_answers_from_both_sources(trump_graph) -> None:
    from kg.store.local import open_store, select

    _, _, store = trump_graph
    # the American president on 2018-04-24, the query's documented example, in its VALUES line
    query = (QUERIES / "office_holders.rq").read_text(encoding="utf-8").replace(
        '("president" "Russia" "2025-09-16")', '("president" "United States" "2018-04-24")')
    cols, found = select(open_store(store, read_only=True), query)
    assert cols == ["person", "personLabel", "wikidata", "position", "positionLabel", "source", "from", "until",
                    "observedOn", "article"]
    by_source = {r["source"].value: {k: (v.value if v is not None else None) for k, v in r.items()} for r in found}
    assert set(by_source) == {"wikidata", "article"}
    assert by_source["wikidata"]["wikidata"] == WD + "Q22686"
    assert by_source["wikidata"]["from"] == "2017-01-20" and by_source["wikidata"]["until"] == "2021-01-20"
    assert by_source["article"]["article"] == "a1" and by_source["article"]["observedOn"] == "2018-04-24"
    assert by_source["article"]["person"] == by_source["wikidata"]["person"]
    # Another day, outside Trump's term and with no article: nobody.
    other = query.replace('"2018-04-24"', '"2022-03-01"')
    assert select(open_store(store, read_only=True), other)[1] == []


def test_an_article_newer_than_the_data_is_not_a_contradiction(small: Path) -> None:
    """The extract is as of 2022-08-03: a 2025 title cannot be checked against the dates, so a
    whole-name match whose offices include the title's links on the office alone; a surname does not."""
    pg = PersonGazetteer.load(small)
    trump = person("دونالد ترامب", ("president", "US", "الرئيس الأمريكي"))
    hit = link_person(trump, observe(trump, date(2025, 9, 16)), pg)
    assert hit is not None and hit.qid == "Q910003" and hit.method == "persons-generated-spelling+office"
    assert any("after the data (2022-08-03)" in e for e in hit.evidence)
    surname = person("ترامب", ("president", "US", "الرئيس الأمريكي"))
    assert link_person(surname, observe(surname, date(2025, 9, 16)), pg) is None
    # Within the data's time, a holder whose term does not cover the day needs someone else in the
    # office that day (a former office), which the extract shows for 2018 (Trump) but not for 1997.
    biden = person("جو بايدن", ("president", "US", "الرئيس الأمريكي"))
    assert link_person(biden, observe(biden, date(2018, 4, 24)), pg).qid == "Q910004"
    bush = person("جورج بوش", ("president", "US", "الرئيس الأمريكي"))
    assert link_person(bush, observe(bush, date(1997, 6, 1)), pg) is None


def test_two_spellings_linked_to_one_item_are_one_node(tmp_path: Path) -> None:
    """Linking runs after resolution: two clusters that get one QID become one node, so the
    Wikidata position holding has exactly one holder (the shape) and the names are labels of it."""
    from kg.build import build

    a1, a2 = tmp_path / "a1.txt", tmp_path / "a2.txt"
    # «والتر» and «فالتر»: two outlets' spellings of Walter that no name key makes one
    a1.write_text("date: 2018-05-20\n\nاستقبل الرئيس الألماني فرانك والتر شتاينماير رئيس الوزراء الهندي ناريندرا مودي في برلين.\n",
                  encoding="utf-8")
    a2.write_text("date: 2018-09-28\n\nالتقى الرئيس الألماني فرانك فالتر شتاينماير الرئيس التركي رجب طيب أردوغان في برلين.\n",
                  encoding="utf-8")
    result = build([a1, a2], tmp_path / "store", retain=True, incremental=False)
    assert not result.report.errors and not result.report.invalid
    nodes = {s for g in result.graphs for s in g.subjects(OWL.sameAs, URIRef(WD + "Q76658"))
             if (s, RDF.type, URIRef(DIP + "Person")) in g}
    assert len(nodes) == 1
    node = nodes.pop()
    graphs = [g for g in result.graphs if (node, RDF.type, URIRef(DIP + "Person")) in g]
    assert len(graphs) >= 2  # the node of both articles


def test_a_surname_does_not_link_a_person_whose_first_name_the_article_contradicts(small: Path) -> None:
    pg = PersonGazetteer.load(small)

    def named(*forms: str) -> EntityRecord:
        return EntityRecord("p1", "Person", forms[0], [Mention(f, S, S) for f in forms],
                            [Role("الرئيس الأمريكي", "president", "", "US", S, S)], None)

    # «جو ترامب … ترامب»: the surname fits Donald Trump, the first name does not
    other = named("جو ترامب", "ترامب")
    assert link_person(other, observe(other, date(2018, 4, 24)), pg) is None
    same = named("دونالد ترامب", "ترامب")
    hit = link_person(same, observe(same, date(2018, 4, 24)), pg)
    assert hit is not None and hit.qid == "Q910003"



def test_an_arabic_label_is_compared_letter_for_letter_where_a_skeleton_drops_ain() -> None:
    from kg.link.names import align, arabic_name_tokens, slot_for_forms

    label = [slot_for_forms([t], None, False) for t in ("سامي", "النسي")]
    # «العنزي» and «النسي» have one consonant skeleton once «ع» is dropped (a Latin spelling has no
    # letter for it), but two Arabic spellings of one name both write «ع»
    def matched(name: str, slots: list) -> int:
        a = align(arabic_name_tokens(name), slots)
        return a.matched if a is not None else 0

    assert matched("سامي العنزي", label) < 2
    assert matched("سامي النسى", label) == 2  # ى/ي is orthography
    # generated from an English token there is no «ع» to compare: the skeleton may still propose
    latin = [slot_for_forms(["سامي"], "sami", False), slot_for_forms(["ناسي"], "nasi", False)]
    assert matched("سامي العنزي", latin) == 2
    # without skeletons (a person whose Arabic label Wikidata has) only the forms count
    bare = [slot_for_forms(["سامي"], "sami", False, skeletons=False), slot_for_forms(["ناسي"], "nasi", False, skeletons=False)]
    assert matched("سامي العنزي", bare) < 2


def test_a_name_alone_links_only_where_the_article_speaks_of_a_country_of_his(small: Path) -> None:
    pg = PersonGazetteer.load(small)
    pompeo = person("مايك بومبيو")
    hit = link_person(pompeo, [], pg, [date(2019, 5, 1)], spoken_of={"US", "IR"})
    assert hit is not None and hit.qid == "Q910005"
    # an article about Syria alone: a «مايك بومبيو» there is nobody the extract knows
    assert link_person(pompeo, [], pg, [date(2019, 5, 1)], spoken_of={"SY"}) is None
    # office and date decide whatever countries the article speaks of
    trump = person("دونالد ترامب", ("president", "US", "الرئيس الأمريكي"))
    hit = link_person(trump, observe(trump, date(2018, 4, 24)), pg, spoken_of={"SY"})
    assert hit is not None and hit.qid == "Q910003"


def test_a_former_office_on_a_skeleton_match_needs_the_title_country() -> None:
    from kg.link.persons import Candidate, HeldPosition, decide

    emir = HeldPosition("Q910200", "emir of Kuwait", "emir", "KW", "2006-01-15", "2006-01-24")
    cand = Candidate("Q910201", "Saad Al-Abdullah", "weak", "سعد بن عبدالله", "skeleton", False,
                     frozenset({"KW"}), (emir,), "2023-01-01", "test")
    day = date(2015, 7, 21)
    someone_else = lambda *_: True  # noqa: E731  (another emir held the office that day)
    # «الأمير سعود بن عبدالله بن منصور»: a prince's honorific, no country: not Kuwait's former emir
    assert decide([cand], [Observation("emir", None, day, "الأمير")], set(), lambda *_: True, someone_else, [day]) is None
    hit = decide([cand], [Observation("emir", "KW", day, "أمير الكويت")], set(), lambda *_: True, someone_else, [day])
    assert hit is not None and hit.qid == "Q910201" and hit.basis == "office"


def test_a_ministry_of_culture_and_information_is_the_information_portfolio() -> None:
    from kg.nlp.extract import extract_article
    from kg.records import Article

    rec = extract_article(Article(id="t", text="وقال وزير الثقافة والإعلام السعودي سامي الحربي إن المعرض نجح.",
                                  published=date(2024, 5, 14)))
    roles = [r for e in rec.entities if e.type == "Person" for r in e.roles]
    assert [(r.office_key, r.country) for r in roles] == [("information_minister", "SA")]


def test_a_part_of_the_name_does_not_stand_against_the_whole_name() -> None:
    """A person resolved across articles carries the short forms too («جونغ-أون», «كيم»); a
    part that happens to be someone else's whole generated name (Hee-Jung Ahn, no country in
    the extract, so the stated country cannot drop him) must not make the whole name abstain."""
    pg = PersonGazetteer.load()
    names = ["كيم جونغ أون", "جونغ-أون", "كيم"]
    kim = EntityRecord("p1", "Person", names[0], [Mention(n, S, S) for n in names], [], "KP")
    cands = {c.qid: c for c in name_candidates(person_names(kim), pg)}
    assert not cands["Q56226"].partial and cands["Q12605902"].partial  # the part matched Hee-Jung Ahn
    hit = link_person(kim, [], pg, [date(2018, 6, 12)])
    assert hit is not None and hit.qid == "Q56226" and hit.basis == "country"
    # the part alone still proposes whom it matches: with no whole name, two persons, abstain
    part = EntityRecord("p2", "Person", "جونغ-أون", [Mention("جونغ-أون", S, S)], [], "KP")
    assert not any(c.partial for c in name_candidates(person_names(part), pg))


def test_two_whole_names_that_match_two_persons_still_abstain() -> None:
    from kg.link.persons import Candidate, HeldPosition, decide

    held = (HeldPosition("Q910210", "minister", "minister", "KP", "2010-01-01", ""),)
    a = Candidate("Q910211", "A", "generated", "أ ب", "generated", True, frozenset(), held, "2023-01-01", "test")
    b = Candidate("Q910212", "B", "generated", "ب ج", "generated", True, frozenset(), held, "2023-01-01", "test")
    day = date(2018, 6, 12)
    assert decide([a, b], [], set(), lambda *_: False, days=[day]) is None
    # when one of them came from a part of the other's name only, the whole name decides
    b_part = Candidate(*[getattr(b, f) for f in ("qid", "label_en", "level", "name", "matched_as", "full",
                                                 "countries", "held", "as_of", "source")], True)
    hit = decide([a, b_part], [], set(), lambda *_: False, days=[day])
    assert hit is not None and hit.qid == "Q910211"


def test_the_un_secretary_general_title_fits_wikidatas_position_label() -> None:
    """Wikidata labels the position «United Nations Secretary-General», offices.tsv says
    «Secretary-General of the United Nations»: both must derive one office, so that the title
    «الأمين العام للأمم المتحدة» on a date of his term links the name."""
    pg = PersonGazetteer.load()
    ban = person("بان كي مون", ("un_secretary_general", None, "الأمين العام للأمم المتحدة"))
    hit = link_person(ban, observe(ban, date(2012, 3, 15)), pg)
    assert hit is not None and hit.qid == "Q1253" and hit.basis == "office+date"


def test_an_undated_article_links_a_name_alone_only_when_the_name_is_sure(small: Path) -> None:
    """No article naming the person is dated (a corpus whose pages say «date: unknown»): the
    office on the day cannot be checked, so the name must carry it, every word of it matched by
    a written form and every word of his name present, or whole with the country stated."""
    pg = PersonGazetteer.load(small)
    hit = link_person(person("مايك بومبيو"), [], pg, [None], spoken_of={"US"})
    assert hit is not None and hit.qid == "Q910005"
    assert any("not checked" in e for e in hit.evidence)
    # a skeleton-only last word: not sure enough without a date...
    loose = person("مايك بومبيوه")
    assert [c.sure for c in name_candidates(person_names(loose), pg)] == [False]
    assert link_person(loose, [], pg, [None], spoken_of={"US"}) is None
    # ... unless the article states his country
    stated = link_person(person("مايك بومبيوه", country="US"), [], pg, [None], spoken_of={"US"})
    assert stated is not None and stated.qid == "Q910005" and stated.basis == "country"
    # a dated article still needs him in office that day
    assert link_person(person("مايك بومبيو"), [], pg, [date(2016, 5, 1)], spoken_of={"US"}) is None


def test_an_undated_bare_title_needs_a_whole_name_or_a_country_spoken_of() -> None:
    from kg.link.persons import Candidate, HeldPosition, decide

    president = HeldPosition("Q910220", "President of Nigeria", "president", "NG", "2007-05-29", "2010-05-05")
    # «عمرو موسى» matches «Umaru Musa» without «Yar'Adua»: not the whole name
    part = Candidate("Q910221", "Umaru Musa Yar'Adua", "generated", "عمرو موسى", "generated", False,
                     frozenset({"NG"}), (president,), "2023-01-01", "test")
    title = [Observation("president", None, None, "رئيس الجمهورية")]
    assert decide([part], title, set(), lambda *_: True, spoken_of={"EG", "US"}) is None
    hit = decide([part], title, set(), lambda *_: True, spoken_of={"NG"})
    assert hit is not None and hit.qid == "Q910221" and hit.basis == "office"
    whole = Candidate(*[getattr(part, f) for f in ("qid", "label_en", "level", "name", "matched_as")], True,
                      part.countries, part.held, part.as_of, part.source)
    assert decide([whole], title, set(), lambda *_: True, spoken_of={"EG"}) is not None


def test_a_fathers_name_inside_the_name_is_a_patronymic_the_extract_lacks(small: Path) -> None:
    """«عادل بن أحمد الجبير»: given name, «بن» + the father's name, family name. The English name
    has no father's name, so the match skips it and is weak: office and date decide, the name
    alone does not."""
    pg = PersonGazetteer.load(small)
    assert [(m.person.qid, m.level) for m in pg.match("مايك بن جون بومبيو")] == [("Q910005", "weak")]
    minister = person("مايك بن جون بومبيو", ("foreign_minister", None, "وزير الخارجية"))
    hit = link_person(minister, observe(minister, date(2019, 5, 1)), pg)
    assert hit is not None and hit.qid == "Q910005" and hit.basis == "office+date"
    assert link_person(person("مايك بن جون بومبيو"), [], pg, [date(2019, 5, 1)], spoken_of={"US"}) is None


def test_a_saudi_region_governor_links_by_office_and_date() -> None:
    """Wikidata's «Governor of Makkah Region» is the office «أمير منطقة» (positions_en.tsv:
    governor of *@SA); the name with its trailing patronymic is a weak match, so the office and
    the date must decide."""
    pg = PersonGazetteer.load()
    khalid = person("خالد الفيصل بن عبدالعزيز", ("governor", None, "أمير منطقة مكة المكرمة"))
    hit = link_person(khalid, observe(khalid, date(2015, 7, 21)), pg)
    assert hit is not None and hit.qid == "Q371263" and hit.basis == "office+date"


def test_a_generic_title_fits_any_office_of_its_kind_and_contradicts_none() -> None:
    """«الوزير» alone is some minister, «الأمين العام» some secretary-general
    (data/lexicon/generic_offices.tsv): it fits a position of that category of offices.tsv on
    the day, and a minister of another category is not contradicted by it."""
    from kg.link.persons import Candidate, HeldPosition, decide

    day = date(2015, 8, 2)
    health = HeldPosition("Q910230", "Minister of Health", "health_minister", "SA", "2015-01-29", "2016-05-07")
    cand = Candidate("Q910231", "Khalid A.", "weak", "خالد أ", "skeleton", True, frozenset({"SA"}), (health,),
                     "2023-01-01", "test")
    known = lambda *_: True  # noqa: E731  (the extract knows every office)
    hit = decide([cand], [Observation("minister", None, day, "الوزير")], set(), known, days=[day])
    assert hit is not None and hit.qid == "Q910231" and hit.basis == "office+date"
    un = HeldPosition("Q910232", "United Nations Secretary-General", "un_secretary_general", None,
                      "2007-01-01", "2017-01-01")
    ban = Candidate("Q910233", "Ban", "generated", "بان", "generated", True, frozenset({"KR"}), (un,),
                    "2023-01-01", "test")
    hit = decide([ban], [Observation("secretary_general", None, day, "الأمين العام")], set(), known, days=[day])
    assert hit is not None and hit.basis == "office+date"
    # a specific title still needs its own office
    assert decide([cand], [Observation("foreign_minister", None, day, "وزير الخارجية")], set(), known,
                  days=[day]) is None
    # a foreign minister is «الوزير» too: no contradiction, the name decides as before
    fm = HeldPosition("Q910234", "Minister of Foreign Affairs", "foreign_minister", "SA", "2015-04-29", "")
    other = Candidate("Q910235", "Adel", "generated", "عادل", "generated", True, frozenset({"SA"}), (fm,),
                      "2023-01-01", "test")
    hit = decide([other], [Observation("minister", None, day, "الوزير")], {"SA"}, known, days=[day])
    assert hit is not None and hit.basis == "country"


def test_a_name_that_is_a_mans_fathers_and_grandfathers_does_not_link_him() -> None:
    # the shipped gazetteer: «حمد بن خليفة آل ثاني» shares every word but the first with Tamim bin
    # Hamad (bin Khalifa) Al Thani; an emir's title of Qatar, undated, must not make it Tamim
    pg = load_persons()
    assert pg is not None

    def emir(name: str) -> EntityRecord:
        return EntityRecord("p1", "Person", name, [Mention(name, S, S)], [Role("أمير دولة قطر", "emir", "", "QA", S, S)], None)

    father = emir("حمد بن خليفة آل ثاني")
    hit = link_person(father, observe(father, None), pg)
    assert hit is None or hit.label_en != "Tamim bin Hamad Al Thani"
    son = emir("تميم بن حمد آل ثاني")
    hit = link_person(son, observe(son, None), pg)
    assert hit is not None and hit.label_en == "Tamim bin Hamad Al Thani"
