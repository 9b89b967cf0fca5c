"""The committed NER pipeline in models/ner loads, finds people and places, and documents its data.

The sentences below were written for this test (not taken from the sample articles or ANERcorp).
"""

from __future__ import annotations

import json

import pytest

from kg.paths import MODELS

NER_DIR = MODELS / "ner"

pytestmark = pytest.mark.skipif(not (NER_DIR / "meta.json").is_file(), reason="models/ner not built (run `make model`)")

SENTENCES = [
    "استقبل الرئيس الفرنسي إيمانويل ماكرون في باريس أمس وزير الخارجية الأردني أيمن الصفدي .",
    "وصل رئيس الوزراء العراقي محمد شياع السوداني إلى القاهرة في زيارة رسمية تستغرق يومين .",
    "أجرى الملك عبدالله الثاني اتصالا هاتفيا مع الرئيس الأمريكي جو بايدن لبحث الأوضاع في غزة .",
]


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(NER_DIR)


def test_pipeline_shape_and_labels(nlp) -> None:
    assert nlp.lang == "ar"
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert {"PER", "LOC", "ORG"} <= set(nlp.get_pipe("ner").labels)
    assert set(nlp.get_pipe("ner").labels) <= {"PER", "LOC", "ORG", "MISC"}


def test_finds_people_and_places(nlp) -> None:
    ents = [(e.text, e.label_) for doc in nlp.pipe(SENTENCES) for e in doc.ents]
    people = {t for t, lab in ents if lab == "PER"}
    places = {t for t, lab in ents if lab == "LOC"}
    assert people, f"no PER found in {ents}"
    assert places, f"no LOC found in {ents}"
    # at least one of the full names and one of the capitals come out as such
    assert any(name in t for t in people for name in ("ماكرون", "السوداني", "بايدن", "الصفدي")), ents
    assert any(city in t for t in places for city in ("باريس", "القاهرة", "غزة")), ents


def test_meta_lists_sources_licences_and_scores() -> None:
    meta = json.loads((NER_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] and meta["version"] and meta["description"]
    ids = {s["id"] for s in meta["sources"]}
    assert "anercorp" in ids
    assert all(s.get("license") and s.get("url") for s in meta["sources"])
    test = meta["test_scores"]["spacy_tokenizer"]
    assert 0.0 < test["f"] <= 1.0 and "PER" in test["per_type"]


def test_model_is_small_enough() -> None:
    size = sum(p.stat().st_size for p in NER_DIR.rglob("*") if p.is_file())
    assert size < 35 * 1024 * 1024, f"models/ner is {size / 2**20:.1f} MiB"


def test_licence_follows_the_data() -> None:
    """Non-commercial text (SaudiNewsNet) or unlicensed labels (CAraNER) in the sources make the model
    research-only, and meta.json says so."""
    meta = json.loads((NER_DIR / "meta.json").read_text(encoding="utf-8"))
    ids = {s["id"] for s in meta["sources"]}
    if ids & {"saudinewsnet", "caraner"}:
        assert meta["license"] == "CC BY-NC-SA 4.0"
    names_only = {"person_names_wikidata", "wikidata_persons"} & ids
    for s in meta["sources"]:
        if s["id"] in names_only:
            assert "not stored in the model" in s["use"]
