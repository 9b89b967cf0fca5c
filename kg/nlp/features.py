"""Arabic-suited lexical features for the NER tok2vec: a clitic-aware NORM.

Why: spaCy's NORM for Arabic is just the surface form, so «وروسيا», «لروسيا» and «روسيا» are three
unrelated rows of the NORM hash table and a name seen once with a conjunction teaches nothing about
the bare name. Here NORM is the orthographic normal form (`kg.arabic.normalize`) with proclitics
(و ف ب ل ك, ال) peeled off as far as the result is a *frequent* word, so the merge never invents a
stem (بوتين stays بوتين because وتين is not frequent).

How it ships without custom code at load time: the mapping is stored as the vocab's `lexeme_norm`
lookups table, which spaCy serialises with the model (vocab/lookups.bin) and applies as the NORM
getter whenever the vocab is loaded. So `spacy.load("models/ner")` needs nothing from kg; only
training needs the `kg.clitic_norms.v1` callback below, registered when this module is imported.
Forms not in the table (unseen at training time) fall back to spaCy's default NORM (the form itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import spacy

from kg.arabic import clitic_readings, normalize


def clitic_norm(word: str, known: Callable[[str], bool]) -> str:
    """The most-stripped reading of `word` that `known` accepts; the normalised word otherwise."""
    norm = normalize(word)
    best = norm
    for reading in clitic_readings(norm):
        if known(reading):
            best = reading  # readings go from least to most stripped
    return best


def build_norm_table(forms: Iterable[str], frequent: set[str]) -> dict[str, str]:
    """form → clitic-free NORM for every form whose NORM differs from the form itself (the
    default), so the table holds only what changes and stays small."""
    known = frequent.__contains__
    table: dict[str, str] = {}
    for form in forms:
        if form in table or not form.strip():
            continue
        norm = clitic_norm(form, known)
        if norm != form:
            table[form] = norm
    return table


def _vector_forms(vectors_dir: Path) -> list[str]:
    """The word forms of a spaCy vectors pipeline (frequency order)."""
    import spacy as _spacy

    nlp = _spacy.load(vectors_dir)
    strings = nlp.vocab.strings
    return [strings[k] for k in nlp.vocab.vectors.keys()]


def _docbin_forms(paths: Iterable[Path]) -> list[str]:
    from spacy.tokens import DocBin

    vocab = spacy.blank("ar").vocab
    out: list[str] = []
    for p in paths:
        for doc in DocBin().from_disk(p).get_docs(vocab):
            out.extend(t.text for t in doc)
    return out


@spacy.registry.callbacks("kg.clitic_norms.v1")
def make_clitic_norms(vectors: str | None = None, train: str | None = None, dev: str | None = None) -> Callable:
    """`[initialize.before_init]` callback: install the clitic-aware NORM table in the vocab.

    The frequent-word list (what a stripped reading must be to count) is the normalised vector
    vocabulary; the table covers those forms plus every training/dev token.
    """

    def before_init(nlp) -> None:
        forms: list[str] = []
        if vectors:
            forms.extend(_vector_forms(Path(vectors)))
        frequent = {normalize(f) for f in forms}
        forms.extend(_docbin_forms(Path(c) for c in (train, dev) if c))
        table = build_norm_table(forms, frequent)
        lookups = nlp.vocab.lookups
        if lookups.has_table("lexeme_norm"):
            lookups.remove_table("lexeme_norm")
        lookups.add_table("lexeme_norm", table)
        nlp.vocab.lookups = lookups  # the setter installs the table as the NORM getter
        print(f"[features] clitic NORM table: {len(table):,} forms", flush=True)

    return before_init
