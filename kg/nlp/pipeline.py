"""The spaCy pipeline: the shipped NER model plus the project's Arabic sentence splitter.

One `load_pipeline()` for every caller, so the CNN model, a transformer model and the blank
fallback go through the same extraction code.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.paths import MODELS

FAST_MODEL = MODELS / "ner"  # the CNN pipeline (`--fast`)
TRANSFORMER_MODEL = MODELS / "ner-trf"  # a spacy-transformers pipeline, the default when shipped
BLANK = "blank"  # no NER at all: gazetteer, titles and triggers only (for comparisons)


def default_model() -> Path:
    """The transformer pipeline when one is shipped (issue 9), else the CNN pipeline."""
    return TRANSFORMER_MODEL if (TRANSFORMER_MODEL / "meta.json").exists() else FAST_MODEL

_SENT_END = {".", "!", "?", "؟", "…", "!", ":"}


@Language.component("kg_sentences")
def arabic_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? ؟ and after every line break.

    News pages paste headlines of other stories on their own line with no final stop; a line
    break must end a sentence so such a headline never joins the sentence after it.
    """
    after_break = True
    for tok in doc:
        if after_break and not tok.is_space:
            tok.is_sent_start = True
            after_break = False
        elif tok.i > 0:
            tok.is_sent_start = False
        if (tok.is_space and "\n" in tok.text) or (tok.text in _SENT_END and tok.text != ":") or "\n" in tok.whitespace_:
            after_break = True
    if len(doc):
        doc[0].is_sent_start = True
    return doc


_EXTRA_AFFIXES = [re.escape(c) for c in ("«", "»", "“", "”", "„", "\"", "(", ")", "،", "؛", "؟", ".", ":", "–", "—")]


_ARABIC_DOTTED = re.compile(r"[\u0621-\u0652]{2,}(?:\.[\u0621-\u0652]+)+")


def _split_quotes(nlp: Language) -> None:
    """Guillemets, Arabic punctuation and dashes glued to a word («سوروكين».، «القاهرة–») become
    their own tokens, so a name or place never carries a quote mark or the dash of an aside."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    # «م.عبدالله», «د.محمد»: a one-letter abbreviation with its full stop glued to the next word
    prefixes = list(nlp.Defaults.prefixes or []) + [r"[\u0621-\u064A]\.(?=[\u0621-\u064A])"] + _EXTRA_AFFIXES
    suffixes = list(nlp.Defaults.suffixes or []) + _EXTRA_AFFIXES
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # «كارتر،أمس»: an Arabic comma or semicolon typed between two words with no space; «صالح.وأمس»:
    # a full stop likewise after a word of two letters or more (after one letter it marks an
    # abbreviation: «م.عبدالله», «د.محمد», the engineer, the doctor)
    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[\u0621-\u064A])[،؛](?=[\u0621-\u064A])",
                                                  r"(?<=[\u0621-\u064A]{2})\.(?=[\u0621-\u064A])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # spaCy's URL pattern takes «صالح.وأمس» for a host name; Arabic words joined by full stops are
    # no address, so they reach the infix rule above
    url_match = nlp.tokenizer.url_match
    if url_match is not None:
        nlp.tokenizer.url_match = lambda text: None if _ARABIC_DOTTED.fullmatch(text) else url_match(text)


def _add_name_consistency(nlp: Language) -> None:
    """Document-level person-name consistency after the NER (kg.nlp.consistency)."""
    import kg.nlp.consistency  # noqa: F401 - registers the factory

    if "ner" in nlp.pipe_names and "kg_name_consistency" not in nlp.pipe_names:
        nlp.add_pipe("kg_name_consistency", after="ner")


def _add_sentences(nlp: Language) -> None:
    if "kg_sentences" not in nlp.pipe_names:
        first = nlp.pipe_names[0] if nlp.pipe_names else None
        nlp.add_pipe("kg_sentences", before=first) if first else nlp.add_pipe("kg_sentences")


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load the NER pipeline (`models/ner-trf` if shipped, else `models/ner`; "blank" for none);
    a blank Arabic pipeline when no model is shipped.

    Without a model the gazetteer, titles and triggers still work, so the build degrades
    instead of failing.
    """
    if model == BLANK:
        nlp = spacy.blank("ar")
        _split_quotes(nlp)
        _add_sentences(nlp)
        return nlp
    path = Path(model) if model else default_model()
    if (path / "meta.json").exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(path)
    else:
        nlp = spacy.blank("ar")
    _split_quotes(nlp)
    _add_sentences(nlp)
    _add_name_consistency(nlp)
    return nlp
