"""In-domain NER training sentences from the project's gold: diplomatic news, persons by hand.

Why: the NER corpora (ANERcorp, AQMAR, Wojood) are general news and Wikipedia of 2003–2020; the
articles kg reads are diplomatic news whose persons sit in long title chains, Gulf nasab names
(«فيصل بن فرحان بن عبدالله») and lists of attendees, and whose plural nouns («ديبلوماسيون غربيون»)
the general model reads as names. The gold files (`data/gold/…`, written from the text alone,
`gold-format.md`) list every named person of an article with every form used for him, so their
occurrences in the article are its PER spans.

A sentence of an article becomes a training sentence with:
- PER: each occurrence of a gold person's `name_ar` or `aliases_ar` that covers whole tokens (a
  glued clitic «و/ف/ب/ل/ك» before it is part of the token, as in ANERcorp); an optional person's
  occurrences are *missing* (neither a name nor "not a name" is taught);
- LOC, ORG, MISC: the spans a reference model (the shipped one) gives that no gold person overlaps.
  Silver, not gold: the gold does not annotate places and organisations;
- O everywhere else. So a span the reference model read as a person that the gold does not list
  («ديبلوماسيون غربيون») is taught as no name.

Only the tune articles of the news development set are read (`exclude`): the check split, and any
held-out set, must never be trained on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.arabic import clitic_readings, normalize, reading_text
from kg.read.articles import split_header

SENTENCE_END = {".", "؟", "!", "?"}


class InDomainError(Exception):
    """A gold file or article that cannot be read; the message names the file."""


def gold_persons(gold_file: Path) -> tuple[str, list[tuple[str, bool]]]:
    """(article file name, [(form, optional)]) of one gold file: every name form of every person."""
    try:
        g = json.loads(gold_file.read_text(encoding="utf-8"))
        forms = []
        for p in g["persons"]:
            for form in dict.fromkeys([p["name_ar"], *p.get("aliases_ar", [])]):
                if form.strip():
                    forms.append((form, bool(p.get("optional"))))
        return g["article"], forms
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InDomainError(f"{gold_file}: cannot read gold persons ({exc})") from None


def person_spans(doc, body: str, forms: list[tuple[str, bool]]) -> list[tuple[int, int, str | None]]:
    """Token spans of the gold name forms in the Doc of `body`: PER, or None (missing) for an
    optional person. Longest forms first; an occurrence inside a longer one is not counted again."""
    taken: set[int] = set()
    out: list[tuple[int, int, str | None]] = []
    for form, optional in sorted(forms, key=lambda f: -len(f[0])):
        for m in re.finditer(re.escape(form), body):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or span.end_char != m.end():
                continue  # the form ends inside a longer word («بوتينية»)
            first = normalize(form.split()[0])
            if first not in clitic_readings(normalize(span[0].text)) and normalize(span[0].text) != first:
                continue  # the form begins inside a word that is not a clitic + the name
            if any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            out.append((span.start, span.end, None if optional else "PER"))
    return out


def article_sentences(doc, gold: list[tuple[int, int, str | None]]) -> Iterator[tuple[list[str], list[tuple[int, int, str | None]]]]:
    """The article's sentences as (words, spans), space tokens dropped: gold persons, plus the
    reference model's non-PER entities that no gold span overlaps."""
    covered = {i for s, e, _ in gold for i in range(s, e)}
    spans = list(gold) + [(e.start, e.end, e.label_) for e in doc.ents
                          if e.label_ != "PER" and not any(i in covered for i in range(e.start, e.end))]
    start = 0
    for i, tok in enumerate(doc):
        if tok.text in SENTENCE_END or "\n" in tok.text or i == len(doc) - 1:
            end = i + 1
            keep = [k for k in range(start, end) if not tok.doc[k].is_space]
            if keep:
                index = {k: n for n, k in enumerate(keep)}
                sent_spans = []
                for s, e, lab in spans:
                    if s >= start and e <= end and all(k in index for k in range(s, e)):
                        sent_spans.append((index[s], index[e - 1] + 1, lab))
                yield [tok.doc[k].text for k in keep], sent_spans
            start = end


def in_domain_sentences(gold_dir: Path, articles_dir: Path, nlp, exclude: Callable[[str], bool] = lambda _: False
                        ) -> tuple[list[tuple[list[str], list[tuple[int, int, str | None]]]], int]:
    """Training sentences (words, spans) of every gold article in `gold_dir` that `exclude` keeps,
    read from `articles_dir`; and how many articles were read. `nlp`: the reference model."""
    out = []
    n = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        article, forms = gold_persons(gold_file)
        if exclude(article):
            continue
        path = articles_dir / article
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InDomainError(f"{path}: cannot read the article of {gold_file.name} ({exc.strerror})") from None
        body = reading_text(split_header(text)[1])
        doc = nlp(body)
        out.extend(article_sentences(doc, person_spans(doc, body, forms)))
        n += 1
    return out, n
