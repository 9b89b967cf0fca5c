"""The offline gazetteer: build from the shared extract, clitic-aware look-ups, adjectives, patterns."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.gazetteer import Gazetteer, GazetteerError, form_key
from kg.paths import GAZETTEER, LEXICON, ROOT, shared_data

SOURCE = shared_data() / "wikidata"
pytestmark = pytest.mark.skipif(not (SOURCE / "places.json").exists(), reason="shared Wikidata extract absent")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Build into a temporary folder, so the test checks the script, not a stale checked-in file."""
    out = tmp_path_factory.mktemp("gaz")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def gaz(built: Path) -> Gazetteer:
    return Gazetteer.load(built)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


def test_every_qid_comes_from_the_source_files(built: Path) -> None:
    places = json.loads((SOURCE / "places.json").read_text(encoding="utf-8"))
    verified = json.loads((SOURCE / "verified_entities.json").read_text(encoding="utf-8"))
    known = {r["q"] for s in places["queries"].values() for r in s["rows"]} | {e["qid"] for e in verified}
    # positions.tsv also holds the (office, country) → position rows derived from persons.json
    # (scripts/build_persons.py): each is a position some person there held in that country.
    persons = json.loads((SOURCE / "persons.json").read_text(encoding="utf-8"))["persons"]
    held = {(pos.get("position_qid"), pos.get("country_iso")) for p in persons for pos in p["positions"]}
    derived = [r for r in _rows(built / "positions.tsv") if r["source"] == "persons.json"]
    assert len(derived) > 500
    for row in derived:
        assert (row["qid"], row["iso2"]) in held, row
    known |= {r["qid"] for r in derived}
    for name in ("places.tsv", "entities.tsv", "positions.tsv"):
        for row in _rows(built / name):
            assert row["qid"] in known, (name, row["qid"])
            assert row["source"], (name, row["qid"])
    for row in _rows(built / "places.tsv"):
        if row["country_qid"]:
            assert row["country_qid"] in known
    for row in _rows(built / "nationalities.tsv"):
        assert row["country_qid"] in known


def test_same_qid_merged_across_sections(built: Path) -> None:
    rows = _rows(built / "places.tsv")
    qids = [r["qid"] for r in rows]
    assert len(qids) == len(set(qids))
    baghdad = next(r for r in rows if r["label_en"] == "Baghdad")
    assert baghdad["kind"] == "capital"
    assert "capitals" in baghdad["source"] and "cities" in baghdad["source"]
    assert "verified_entities.json" in baghdad["source"]


def test_vandalised_and_foreign_script_aliases_are_dropped(gaz: Gazetteer) -> None:
    ireland = next(p for p in gaz.all_places() if p.label_en == "Ireland")
    assert "آرسنال" not in ireland.aliases_ar
    brunei = next(p for p in gaz.all_places() if p.label_en == "Brunei")
    assert all("bn" not in a and "🇧" not in a for a in brunei.aliases_ar)
    assert gaz.places("آرسنال") == []
    for p in gaz.all_places():
        for a in p.aliases_ar:
            assert not any("a" <= c.lower() <= "z" for c in a), (p.qid, a)
            assert "«" not in a and "(" not in a, (p.qid, a)


def test_dissolved_state_is_not_a_capitals_country(gaz: Gazetteer) -> None:
    # SOURCE.md: the capitals section gives Warsaw a dissolved state as country.
    warsaw = next(p for p in gaz.all_places() if p.label_en == "Warsaw")
    assert warsaw.country_qid == gaz.iso_to_qid("PL")
    assert gaz.qid_to_iso(warsaw.qid) == "PL"


def test_clitics_peeled_only_when_needed(gaz: Gazetteer) -> None:
    russia = gaz.iso_to_qid("RU")
    iraq = gaz.iso_to_qid("IQ")
    for word in ("روسيا", "لروسيا", "وروسيا", "بروسيا"):
        assert [p.qid for p in gaz.places(word)] == [russia], word
    for word in ("العراق", "للعراق", "وللعراق", "والعراق", "بالعراق"):
        assert [p.qid for p in gaz.places(word)] == [iraq], word
    baghdad = gaz.places("بغداد")
    assert len(baghdad) == 1 and baghdad[0].label_en == "Baghdad"
    assert [p.label_en for p in gaz.places("وبغداد")] == ["Baghdad"]
    # Orthographic variants: hamza, ta marbuta, diacritics.
    assert [p.iso2 for p in gaz.places("اسرائيل")] == ["IL"]
    assert gaz.places("عمّان") and gaz.places("قطاع غزه")[0].label_en == "Gaza Strip"
    # «المالية» (finance) must not become a place by dropping its article.
    assert gaz.places("المالية") == []
    assert gaz.places("الحكومة") == []


def test_ambiguous_forms_are_kept_and_marked(gaz: Gazetteer) -> None:
    gaza = gaz.places("غزة")
    assert {p.label_en for p in gaza} == {"Gaza Strip", "Gaza City"}
    assert all("غزه" in p.ambiguous_keys for p in gaza)
    kuwait = gaz.places("الكويت")
    assert {p.kind for p in kuwait} == {"country", "capital"}
    assert kuwait[0].kind == "country"  # countries sort first


def test_nationality_adjectives(gaz: Gazetteer) -> None:
    assert gaz.country_of_adjective("الروسي") == "RU"
    assert gaz.country_of_adjective("الروسية") == "RU"
    assert gaz.country_of_adjective("روسي") == "RU"
    assert gaz.country_of_adjective("العراقي") == "IQ"
    assert gaz.country_of_adjective("والعراقية") == "IQ"
    assert gaz.country_of_adjective("المصري") == "EG"
    assert gaz.country_of_adjective("السعودي") == "SA"
    assert gaz.country_of_adjective("الأمريكي") == "US"
    assert gaz.country_of_adjective("الأميركية") == "US"
    assert gaz.country_of_adjective("البريطاني") == "GB"
    assert gaz.country_of_adjective("الإماراتي") == "AE"
    assert gaz.country_of_adjective("النمساوي") == "AT"
    assert gaz.country_of_adjective("الكوري الجنوبي") == "KR"
    assert gaz.country_of_adjective("الفلسطيني") == "PS"
    # Common words are never nationalities, even where a rule would derive them.
    assert gaz.country_of_adjective("المالية") is None
    assert gaz.country_of_adjective("القمري") is None
    assert gaz.country_of_adjective("الحكومة") is None


def test_entities_serve_linking_not_ner(gaz: Gazetteer) -> None:
    forms = gaz.entity_forms()
    assert any(e.label_en == "Sergei Shoigu" for e in forms["سيرغي شويغو"])
    assert form_key("شويةو") in forms  # the typo form of the articles, kept for linking
    patterns = gaz.ruler_patterns()
    words = {w for p in patterns for tok in p["pattern"] for w in tok["TEXT"]["IN"]}
    assert "شويغو" not in words and "بوتين" not in words
    assert all(p["label"] in {"GPE", "LOC"} for p in patterns)


def test_phrase_patterns_are_the_same_forms(gaz: Gazetteer) -> None:
    token = gaz.ruler_patterns()
    phrase = gaz.ruler_patterns(phrase=True)
    assert all(isinstance(p["pattern"], str) for p in phrase)
    expected = {(p["label"], p.get("id"), w) for p in token if len(p["pattern"]) == 1
                for w in p["pattern"][0]["TEXT"]["IN"]}
    assert expected <= {(p["label"], p.get("id"), p["pattern"]) for p in phrase}


def test_ruler_patterns_recognise_places_with_clitics(gaz: Gazetteer) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gaz.ruler_patterns())
    doc = nlp("وصل الوفد إلى بغداد ثم توجه لروسيا والإمارات، وبحث الوضع في غزة والشرق الأوسط.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    baghdad, russia = gaz.places("بغداد")[0].qid, gaz.iso_to_qid("RU")
    assert ("بغداد", "GPE", baghdad) in ents
    assert ("لروسيا", "GPE", russia) in ents
    assert ("والإمارات", "GPE", gaz.iso_to_qid("AE")) in ents
    assert ("غزة", "GPE", "") in ents  # recognised, but no QID claimed for a shared form
    assert any(e.label_ == "LOC" and e.text.endswith("الشرق الأوسط") for e in doc.ents)


def test_offices_and_positions(gaz: Gazetteer) -> None:
    offices = {o.key: o for o in gaz.offices()}
    pm = offices["prime_minister"]
    assert "رئيس مجلس الوزراء" in pm.forms_ar and pm.category == "head_of_government"
    assert any("النائب الأول لوزير الطاقة" in o.forms_ar for o in offices.values())
    assert any("سكرتير مجلس الأمن" in o.forms_ar for o in offices.values())
    assert any("نائب مستشار رئيس الوزراء للأمن القومي" in o.forms_ar for o in offices.values())
    assert gaz.position_qid("prime_minister", "IQ") == gaz.entities("رئيس الوزراء العراقي", "position")[0].qid
    # Derived from persons.json's labels: «Prime Minister of France» is the office prime_minister of FR.
    persons = json.loads((SOURCE / "persons.json").read_text(encoding="utf-8"))["persons"]
    labels = {pos["position_qid"]: pos["position_en"] for p in persons for pos in p["positions"] if pos.get("position_qid")}
    assert labels[gaz.position_qid("prime_minister", "FR")] == "Prime Minister of France"
    assert labels[gaz.position_qid("foreign_minister", "US")] == "United States Secretary of State"
    assert gaz.office_of_position(gaz.position_qid("president", "US")) == ("president", "US")
    # An office that is a family of positions (ambassador to X, Y, …) has no single QID.
    assert gaz.position_qid("ambassador", "US") is None


def test_checked_in_gazetteer_loads() -> None:
    if not (GAZETTEER / "places.tsv").exists():
        pytest.skip("data/gazetteer not built")
    g = Gazetteer.load()
    assert g.iso_to_qid("IQ") and g.country_of_adjective("الروسي") == "RU"
    assert Gazetteer.load() is g  # cached


def test_checked_in_gazetteer_is_what_the_scripts_build(built: Path) -> None:
    """A lexicon row (offices.tsv, positions_en.tsv) changes what the build derives; the shipped
    files must have been rebuilt since, or linking runs on yesterday's offices."""
    if not (GAZETTEER / "places.tsv").exists():
        pytest.skip("data/gazetteer not built")
    stale = [p.name for p in sorted(GAZETTEER.glob("*.tsv"))
             if p.read_bytes() != (built / p.name).read_bytes()]
    assert stale == [], f"data/gazetteer is stale (make gazetteer): {stale}"


def test_bad_file_gives_one_line_error(tmp_path: Path, built: Path) -> None:
    for name in ("entities.tsv", "nationalities.tsv", "positions.tsv"):
        shutil.copy(built / name, tmp_path / name)
    (tmp_path / "places.tsv").write_text("qid\tlabel_ar\nQ1\tx\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="places.tsv.*kind"):
        Gazetteer.load(tmp_path, LEXICON)


def test_build_rejects_override_with_wrong_label(tmp_path: Path) -> None:
    lex = tmp_path / "lex"
    shutil.copytree(LEXICON, lex)
    with (lex / "places_override.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Q796\tNot Iraq\talias_ar\tبلاد الرافدين\twrong label on purpose\n")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(tmp_path / "o"),
         "--lexicon", str(lex)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "places_override.tsv" in proc.stderr and "Q796" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_places_the_extract_lacks_have_labels_and_a_country_but_no_qid(gaz: Gazetteer) -> None:
    # data/lexicon/places_extra.tsv: «سوتشي» is no city of a million people and no capital
    sochi = gaz.extra_place("وسوتشي")
    assert sochi is not None and (sochi.label_en, sochi.iso2, sochi.qid) == ("Sochi", "RU", "")
    assert gaz.extra_place("موسكو") is None  # a place of the extract is not an extra one


def test_an_extra_place_row_without_a_country_is_refused(tmp_path: Path) -> None:
    lex = tmp_path / "lexicon"
    shutil.copytree(LEXICON, lex)
    (lex / "places_extra.tsv").write_text("label_ar\taliases_ar\tkind\tiso2\tlabel_en\tnote\nسوتشي\t\tcity\t\tSochi\t\n",
                                          encoding="utf-8")
    with pytest.raises(GazetteerError, match="places_extra.tsv: row 2"):
        Gazetteer._read(GAZETTEER, lex)
