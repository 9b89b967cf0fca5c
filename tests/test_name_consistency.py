"""Document-level person-name consistency (kg.nlp.consistency) on real Arabic sentences, with the
NER's output set by hand so the test is about the component, not the model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.nlp.consistency import propagate_person_names


def doc_with(text: str, persons: list[str]) -> Doc:
    nlp = spacy.blank("ar")
    doc = nlp(text)
    ents = []
    for name in persons:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="PER")
        assert span is not None, name
        ents.append(span)
    doc.ents = ents
    return doc


def texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


def test_a_surname_alone_later_in_the_article_is_the_same_person() -> None:
    doc = doc_with(
        "التقى وزير الدفاع الأمريكي دونالد رامسفيلد نظيره العراقي في بغداد. "
        "وقال رامسفيلد إن المحادثات كانت مثمرة، ورامسفيلد يغادر غدا.",
        ["دونالد رامسفيلد"],
    )
    assert texts(propagate_person_names(doc)) == ["رامسفيلد", "ورامسفيلد"]


def test_the_full_name_is_widened_over_its_known_parts() -> None:
    doc = doc_with("دعا أسامة بن لادن أنصاره. وذكر التسجيل أن أسامة بن لادن ما زال حيا.", ["أسامة بن لادن"])
    assert texts(propagate_person_names(doc)) == ["أسامة بن لادن"]


def test_ordinary_words_never_spread() -> None:
    """«أمل» (hope) is a common word of news (data/lexicon/common_words.txt): one «أمل» tagged as a
    name does not make every «أمل» a person; the true surname still spreads."""
    doc = doc_with("قالت أمل حسين إن الوفد وصل. وأعرب حسين عن أمل في نجاح المحادثات.", ["أمل حسين"])
    assert texts(propagate_person_names(doc)) == ["حسين"]


def test_places_and_words_already_tagged_are_left_alone() -> None:
    doc = doc_with("زار جورج بوش بغداد. وقال بوش إن الزيارة ناجحة.", ["جورج بوش"])
    doc.ents = list(doc.ents) + [doc.char_span(doc.text.index("بغداد"), doc.text.index("بغداد") + 5, label="LOC")]
    assert texts(propagate_person_names(doc)) == ["بوش"]
    assert propagate_person_names(doc_with("وصل الوفد إلى بغداد.", [])) == []
