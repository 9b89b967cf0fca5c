"""Matching keys on real Arabic words: orthography, clitics, transliteration variants."""

from __future__ import annotations

import pytest

from kg.arabic import arabic_ratio, clitic_readings, imperfect_verb_shape, match_key, normalize, phonetic_key, strip_clitics, with_article_written

LEXICON = {"روسيا", "بغداد", "العراق", "موسكو", "بوتين"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الأعرجي", "الاعرجي"),  # hamza on alef
        ("إلكسندر", "ألكسندر"),
        ("مستشفى", "مستشفي"),  # alif maqsura / ya
        ("القاهرة", "القاهره"),  # ta marbuta / ha
        ("مُحَمَّد", "محمد"),  # diacritics
        ("العـــراق", "العراق"),  # tatweel
        ("١٦ أيلول ٢٠٢٥", "16 ايلول 2025"),  # Arabic-Indic digits
    ],
)
def test_normalize_unifies_spellings(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("لروسيا", "روسيا"),
        ("وروسيا", "روسيا"),
        ("بغداد", "بغداد"),  # the ب is part of the name
        ("وبغداد", "بغداد"),
        ("والعراق", "العراق"),
        ("للعراق", "العراق"),  # ل + ال with the alef dropped
        ("بوتين", "بوتين"),
        ("وموسكو", "موسكو"),
        ("ولقاء", "ولقاء"),  # unknown to the lexicon: left alone
    ],
)
def test_strip_clitics_is_lexicon_guided(word: str, expected: str) -> None:
    assert strip_clitics(word, LEXICON) == expected


def test_clitic_readings_start_with_the_word_itself() -> None:
    assert clitic_readings("وللعراق")[0] == "وللعراق"
    assert "العراق" in clitic_readings("وللعراق")


@pytest.mark.parametrize(
    ("a", "b"),
    [("شويغو", "شويجو"), ("شويغو", "شويةو"), ("سيرغي", "سيرجي"), ("سيرغي شويغو", "سيرجي شويجو"), ("الأعرجي", "الاعرجي")],
)
def test_phonetic_key_merges_transliterations(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("a", "b"), [("شويغو", "شويمان"), ("بوتين", "بوريسوف"), ("السوداني", "الكاظمي")])
def test_phonetic_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_match_key_ignores_article_and_conjunction() -> None:
    assert match_key("والسوداني") == match_key("السوداني") == match_key("سوداني")
    assert match_key("«سيرغي شويغو»") == match_key("سيرغي شويغو")


def test_arabic_ratio() -> None:
    assert arabic_ratio("وصل الوزير إلى بغداد") > 0.9
    assert arabic_ratio("The minister arrived in Baghdad") == 0.0


def test_verb_forms_cover_persons_dual_objects_and_future():
    from kg.arabic import noun_forms, verb_forms

    forms = set(verb_forms("التقى", "يلتقي"))
    assert {"التقى", "التقت", "التقيا", "التقوا", "التقاه", "تلتقي", "يلتقيان", "يلتقون", "سيلتقي", "ستلتقي"} <= forms
    sound = set(verb_forms("استقبل", "يستقبل"))
    assert {"استقبلت", "استقبلا", "استقبلها", "يستقبلان", "سيستقبل"} <= sound
    assert "زرت" in set(verb_forms("زار", "يزور"))  # a hollow verb drops its long vowel
    assert not any(f.endswith("ها") for f in verb_forms("بحث", "يبحث", objects=False))
    assert {"زيارة", "زيارته", "زيارتها", "لقائه", "لقاءه"} <= set(noun_forms("زيارة")) | set(noun_forms("لقاء"))


def test_clitic_readings_peel_wa_off_a_three_letter_word():
    from kg.arabic import clitic_readings

    assert "من" in clitic_readings("ومن") and "في" in clitic_readings("وفي")


def test_unmarked_drops_vowel_marks_and_keeps_tanween_and_offsets():
    from kg.arabic import marked_span, unmarked

    text = "وقال محمَّد مرسي أيضاً إن الرئيـس وصل."
    plain, kept = unmarked(text)
    assert plain == "وقال محمد مرسي أيضاً إن الرئيس وصل."
    start = plain.index("محمد مرسي")
    assert text[slice(*marked_span(start, start + len("محمد مرسي"), kept, text))] == "محمَّد مرسي"
    assert unmarked("وقال محمد مرسي.") == ("وقال محمد مرسي.", None)


def test_imperfect_verb_shape_reads_the_person_prefix_after_conjunction_and_future() -> None:
    # «أكد أنه يعتزم زيارة …», «قالت إنها ستقوم بزيارة …»
    assert all(imperfect_verb_shape(normalize(w)) for w in ("يعتزم", "تنوي", "سيقوم", "وستبدأ"))
    assert not any(imperfect_verb_shape(normalize(w)) for w in ("خلال", "بعد", "زار", "يد"))


@pytest.mark.parametrize(
    "phrase,expected",
    [("للمغرب", "المغرب"), ("وللمملكة العربية السعودية", "المملكة العربية السعودية"), ("لبنان", "لبنان"), ("بالرباط", "بالرباط")],
)
def test_the_article_after_lam_is_written_back(phrase: str, expected: str) -> None:
    assert with_article_written(phrase) == expected
