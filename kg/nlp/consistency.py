"""Document-level name consistency: a name the NER tags as a person once is a person everywhere in
the article.

Why: the CNN reads a window of a few words. After «وزير الدفاع الأمريكي دونالد رامسفيلد» an article
says «رامسفيلد» alone, with no title or first name beside it, and the model often leaves it
untagged. On the ANERcorp test split 428 person names are missed; 117 of them are single words
the model itself tagged as (part of) a person within the previous 30 sentences. Label
consistency across a document is a known remedy (Krishnan & Manning 2006).

What it does, after `ner`: the last word of every PER entity (a surname, or a one-word name) is an
*anchor*. Any other untagged word of the Doc that reads as an anchor (clitics allowed: «ورامسفيلد»)
becomes a PER entity, extended leftwards over untagged words that occur in a tagged person name
(«سلفادور دالي»). Words of ordinary news (`data/lexicon/common_words.txt`, from ANERcorp's train
split) never become anchors or matches, so «صالح» tagged once does not make every «صالح» a name.
Only PER: places and organisations are short, frequent and already well recalled.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.arabic import clitic_readings, normalize
from kg.paths import LEXICON

PERSON = "PER"
MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    path = LEXICON / "common_words.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def _keys(word: str) -> list[str]:
    """The word and its clitic-stripped readings, normalised («ورامسفيلد» → رامسفيلد …)."""
    return clitic_readings(normalize(word))


def _ordinary(word: str, common: frozenset[str]) -> bool:
    norm = normalize(word)
    return len(norm) < MIN_LETTERS or not word.isalpha() or any(r in common for r in _keys(word)[:3])


def _part(tok, taken: list[bool], parts: set[str], common: frozenset[str]) -> bool:  # noqa: ANN001 - a Token
    """An untagged word that occurs inside a tagged person name of this Doc: short particles too
    («بن», «أبو»), ordinary words of news not («أمل»)."""
    if taken[tok.i] or not tok.text.isalpha() or normalize(tok.text) not in parts:
        return False
    return len(normalize(tok.text)) < MIN_LETTERS or not _ordinary(tok.text, common)


def propagate_person_names(doc: Doc, common: frozenset[str] | None = None) -> list[Span]:
    """The PER spans to add to `doc` (see module doc); `doc.ents` is left unchanged."""
    common = _common_words() if common is None else common
    persons = [e for e in doc.ents if e.label_ == PERSON]
    if not persons:
        return []
    anchors: set[str] = set()
    parts: set[str] = set()
    for ent in persons:
        last = ent[-1].text
        if not _ordinary(last, common):
            anchors.update(_keys(last))
        for tok in ent:
            parts.update(_keys(tok.text)[:3])
    if not anchors:
        return []
    taken = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    added: list[Span] = []
    for tok in doc:
        i = tok.i
        if taken[i] or _ordinary(tok.text, common):
            continue
        if normalize(tok.text) not in anchors and not any(r in anchors for r in _keys(tok.text)[1:3]):
            continue
        # Widen over neighbouring words of a tagged name: «بن» before «لادن», «أنصاري» after «أنوش».
        start, end = i, i + 1
        while start > 0 and _part(doc[start - 1], taken, parts, common):
            start -= 1
        while end < len(doc) and _part(doc[end], taken, parts, common):
            end += 1
        for j in range(start, end):
            taken[j] = True
        added.append(Span(doc, start, end, label=PERSON))
    return added


@Language.factory("kg_name_consistency")
def make_name_consistency(nlp: Language, name: str) -> NameConsistency:
    return NameConsistency()


class NameConsistency:
    """spaCy component wrapping `propagate_person_names`; added after `ner` by kg's loader."""

    def __call__(self, doc: Doc) -> Doc:
        added = propagate_person_names(doc)
        if added:
            doc.set_ents(added, default="unmodified")
        return doc
