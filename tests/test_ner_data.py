"""Training-data preparation of kg.nlp.training (issue 17): CAraNER's orphan-tag repair and mapping, and
the name-swap augmentation of kg.nlp.augment. Small hand-made inputs; no model is trained."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.nlp.augment import NameDataError, NamePool, augment_names, load_name_pool, swap_names
from kg.nlp.training import CARANER_MAP, DataError, main, read_bio, repair_orphans
from kg.paths import shared_data


def test_orphan_inside_a_name_bridges_the_gap() -> None:
    words = "جامعة الملك فهد للبترول في".split()
    tags = ["B-ORG", "I-ORG", "O", "I-ORG", "O"]
    assert repair_orphans(words, tags) == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]


def test_orphan_person_takes_in_the_missed_first_name() -> None:
    words = "الأمير فهد بن جلوي قال".split()
    tags = ["B-TITLE", "O", "I-PERS", "I-PERS", "O"]
    assert repair_orphans(words, tags) == ["B-TITLE", "B-PERS", "I-PERS", "I-PERS", "O"]


def test_orphan_after_punctuation_or_preposition_or_other_type_starts_a_span() -> None:
    assert repair_orphans(["«", "فوكس", "نيوز"], ["O", "I-ORG", "I-ORG"]) == ["O", "B-ORG", "I-ORG"]
    # a preposition is never bridged, not even between two parts of the same type
    assert repair_orphans(["متحف", "الوحي", "في", "جبل"], ["B-LOC", "I-LOC", "O", "I-LOC"]) == \
        ["B-LOC", "I-LOC", "O", "B-LOC"]
    assert repair_orphans(["الدكتور", "المغلوث"], ["B-TITLE", "I-PERS"]) == ["B-TITLE", "B-PERS"]
    # LOC never takes in the word before it (من/O المملكة/I-LOC is not «من المملكة»)
    assert repair_orphans(["قرب", "المملكة"], ["O", "I-LOC"]) == ["O", "B-LOC"]


def test_valid_bio_is_left_alone() -> None:
    tags = ["B-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "I-ORG"]
    assert repair_orphans(list("abcdef"), tags) == tags


def test_caraner_mapping_makes_title_and_misc_missing(tmp_path: Path) -> None:
    bio = tmp_path / "c.bio"
    bio.write_text("الأمير\tB-TITLE\nفهد\tO\nبن\tI-PERS\nسلمان\tI-PERS\nفي\tO\nكورونا\tB-MISC\n\n", encoding="utf-8")
    (sent,) = read_bio(bio, CARANER_MAP, repair=True)
    assert sent.spans == [(0, 1, None), (1, 4, "PER"), (5, 6, None)]
    (raw,) = read_bio(bio, CARANER_MAP)  # without repair the orphan starts its own, shorter span
    assert (2, 4, "PER") in raw.spans


def _names(tmp_path: Path) -> Path:
    (tmp_path / "person_names_wikidata").mkdir()
    (tmp_path / "person_names_wikidata" / "wikidata_person_name_tokens_en_ar.tsv").write_text(
        "arabic\tenglish\tcount\nسميث\tsmith\t9\nموغيريني\tmogherini\t1\nبن\tben\t5\n\"\teagle\"\t1\nتي.آي.\tti\t2\n",
        encoding="utf-8")
    (tmp_path / "wikidata").mkdir()
    persons = {"persons": [{"ar": "عبد ربه منصور هادي", "ar_alt": ["هادي"]}, {"ar": None, "en": "X"}]}
    (tmp_path / "wikidata" / "persons.json").write_text(json.dumps(persons, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_name_pool_keeps_letter_only_names_and_drops_particles(tmp_path: Path) -> None:
    pool = load_name_pool(_names(tmp_path))
    assert pool.tokens == ["سميث", "موغيريني"]
    assert pool.full == {4: [["عبد", "ربه", "منصور", "هادي"]], 1: [["هادي"]]}


def test_name_pool_reports_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NameDataError, match="wikidata_person_name_tokens_en_ar.tsv: file not found"):
        load_name_pool(tmp_path)


def test_swap_replaces_only_person_spans_with_same_length_names() -> None:
    pool = NamePool(tokens=["سميث", "موغيريني"], full={2: [["جو", "بايدن"]]})
    words = "قال الرئيس برند جوتشولك في برلين".split()
    spans = [(2, 4, "PER"), (5, 6, "LOC")]
    seen = set()
    for seed in range(20):
        out = swap_names(words, spans, pool, random.Random(seed))
        assert len(out) == len(words)
        assert out[:2] == words[:2] and out[4:] == words[4:]
        assert out[2:4] != words[2:4] and set(out[2:4]) <= {"سميث", "موغيريني", "جو", "بايدن"}
        seen.add(tuple(out[2:4]))
    assert ("جو", "بايدن") in seen and len(seen) > 1  # both sources are used
    assert swap_names(words, [(5, 6, "LOC")], pool, random.Random(0)) is None


def test_augment_copies_only_sentences_with_persons(tmp_path: Path) -> None:
    data = _names(tmp_path)
    sents = [(["قال", "زيد", "عمرو"], [(1, 3, "PER")]), (["في", "برلين"], [(1, 2, "LOC")])]
    out = augment_names(sents, data, copies=2, seed=0)
    assert len(out) == 2 and all(spans == [(1, 3, "PER")] for _, spans in out)
    assert augment_names(sents, data, copies=2, seed=0) == out  # fixed seed: the same copies


def test_bad_vectors_dir_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    if not (shared_data() / "anercorp_camel" / "train.bio").is_file():
        pytest.skip("shared ANERcorp data not found")
    rc = main(["--vectors-from", str(tmp_path), "--limit", "8", "--no-aqmar", "--no-wojood", "--out", str(tmp_path / "o")])
    assert rc == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and str(tmp_path) in err and "\n" not in err
    assert not (tmp_path / "o").exists()
    assert DataError  # the error type the CLI turns into that line


@pytest.mark.parametrize("kind", ["w2v", "floret"])
def test_vectors_are_built_as_a_spacy_table(tmp_path: Path, monkeypatch, kind: str) -> None:
    """build_vectors on a tiny tokenised corpus: w2v keeps the frequent forms only; floret gives every
    form (an unseen clitic-prefixed one too) a vector from its character n-grams."""
    pytest.importorskip("gensim" if kind == "w2v" else "floret")
    import spacy

    from kg.nlp import training

    monkeypatch.setattr(training, "BUILD", tmp_path)
    rng = random.Random(0)
    words = ["القاهرة", "باريس", "الرئيس", "وزير", "قال", "في", "من", "إلى", "الخارجية", "زار"]
    (tmp_path / "raw_tokens_all.txt").write_text(
        "\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(300)) + "\n", encoding="utf-8")
    out = training.build_vectors(tmp_path / "no-data-needed", rows=64, dims=8, epochs=1, kind=kind, more=True)
    nlp = spacy.load(out)
    vectors = nlp.vocab.vectors
    assert vectors.shape == ((10 if kind == "w2v" else 64), 8)
    assert nlp.vocab["القاهرة"].has_vector
    assert nlp.vocab["وبالقاهرة"].has_vector == (kind == "floret")
    assert training.build_vectors(tmp_path / "x", rows=64, dims=8, epochs=1, kind=kind, more=True) == out  # cached


def test_pretrained_tok2vec_is_what_ner_training_starts_from(tmp_path: Path, monkeypatch) -> None:
    """--pretrain-words runs `spacy pretrain` on the raw token file, and the NER is trained with a
    config whose [pretraining] section is filled: without it spaCy ignores init_tok2vec silently."""
    if not (shared_data() / "anercorp_camel" / "train.bio").is_file():
        pytest.skip("shared ANERcorp data not found")
    from spacy.util import load_config

    from kg.nlp import training

    monkeypatch.setattr(training, "BUILD", tmp_path)
    rng = random.Random(0)
    words = ["قال", "الرئيس", "إن", "الوزير", "زار", "القاهرة", "أمس", "."]
    (tmp_path / "raw_tokens_all.txt").write_text(
        "\n".join(" ".join(rng.choice(words) for _ in range(40)) for _ in range(100)) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    rc = main(["--no-vectors", "--pretrain-words", "2000", "--limit", "16", "--max-steps", "2", "--eval-frequency", "1",
               "--no-aqmar", "--no-wojood", "--tag", "pytest-pre", "--out", str(out)])
    assert rc == 0
    weights = tmp_path / "pretrain-novec-2000" / "model-last.bin"
    assert weights.is_file() and weights.stat().st_size > 0
    cfg = load_config(out / "config.cfg", interpolate=False)
    assert cfg["pretraining"]["component"] == "tok2vec"
    assert cfg["paths"]["init_tok2vec"] == str(weights)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["kg_training"]["pretrain_words"] == 2000 and meta["license"] == "CC BY-NC-SA 4.0"


# --- in-domain sentences from the gold (kg.nlp.in_domain) -----------------------------------------


def _gold_article(tmp_path: Path) -> tuple[Path, Path]:
    gold, arts = tmp_path / "gold", tmp_path / "articles"
    gold.mkdir()
    arts.mkdir()
    body = ("استقبل الرئيس الكيني وليام روتو في نيروبي وفدا. وقال ديبلوماسيون غربيون إن روتو أكد التعاون.\n"
            "وحضر اللقاء الصحافي سامي الرويلي. وقالت مؤسسة روتونغا إن ولروتو رأيا.")
    (arts / "a.txt").write_text("date: 2024-05-14\n\n" + body, encoding="utf-8")
    (gold / "a.json").write_text(json.dumps({"article": "a.txt", "persons": [
        {"name_ar": "وليام روتو", "aliases_ar": ["روتو"], "name_en": "William Ruto"},
        {"name_ar": "سامي الرويلي", "name_en": "Sami al-Ruwaili", "optional": True}]}, ensure_ascii=False), encoding="utf-8")
    return gold, arts


def test_in_domain_sentences_mark_gold_persons_and_teach_the_rest_as_no_name(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import Span

    from kg.nlp.in_domain import in_domain_sentences

    gold, arts = _gold_article(tmp_path)
    nlp = spacy.blank("ar")

    def reference(text: str):  # a stand-in reference model: a place, and a plural read as a name
        doc = nlp(text)
        ents = []
        for i, t in enumerate(doc):
            if t.text == "نيروبي":
                ents.append(Span(doc, i, i + 1, "LOC"))
            if t.text == "ديبلوماسيون":
                ents.append(Span(doc, i, i + 2, "PER"))
        doc.ents = ents
        return doc

    sents, n = in_domain_sentences(gold, arts, reference)
    assert n == 1
    labelled = {(" ".join(w[s:e]), lab) for w, spans in sents for s, e, lab in spans}
    assert ("وليام روتو", "PER") in labelled and ("روتو", "PER") in labelled
    assert ("نيروبي", "LOC") in labelled
    assert ("سامي الرويلي", None) in labelled  # an optional person: missing, neither name nor no name
    assert not any("ديبلوماسيون" in text for text, _ in labelled)  # the model's false person is taught as O
    assert not any("روتونغا" in text for text, _ in labelled)  # a form inside a longer word is no occurrence
    assert ("ولروتو", "PER") in labelled  # a glued clitic belongs to the token, as in ANERcorp


def test_the_check_split_and_a_held_out_set_are_never_training_data(tmp_path: Path) -> None:
    from kg.nlp.training import _check_split, parse_in_domain

    gold, arts = _gold_article(tmp_path)
    assert parse_in_domain(f"{gold}:{arts}") == (gold, arts, False)
    for name in ("news_dev", "saudinewsnet_heldout"):
        (tmp_path / name).mkdir()
        with pytest.raises(DataError):
            parse_in_domain(f"{tmp_path / name}:{arts}")
    assert parse_in_domain(f"{tmp_path / 'news_dev'}:{arts}:tune")[2] is True
    assert _check_split("003_x.txt") and _check_split("093_y.txt") and not _check_split("004_z.txt")
