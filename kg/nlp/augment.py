"""Name-swap augmentation for NER training: copies of training sentences whose person names are
replaced by other real names of the same number of tokens.

Why: the CNN misses persons whose names it never saw (foreign names transliterated into Arabic are
rare in ANERcorp, common in news). A swapped copy keeps the context that signals a person
(«قال الرئيس … إن») and teaches it with a name drawn from Wikidata, so the model learns "a name goes
here" rather than a list of names. The names only shape training data: nothing of the lists is
stored in the model or consulted at run time (that would be a hard-coded answer list).

Name sources (both CC0, Wikidata-derived, read from the shared data folder):
- `person_names_wikidata/wikidata_person_name_tokens_en_ar.tsv`: 50k Arabic name tokens (given
  names and surnames), mostly foreign names;
- `wikidata/persons.json`: the Arabic labels (`ar`, `ar_alt`) of ~1.5k office-holders, as full names.

A span of n tokens gets a full office-holder name of n tokens half of the time when one exists,
otherwise n tokens drawn from the token list. Swapping keeps the sentence length, so the entity
offsets stay valid.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from kg.io import TsvError, read_table

# Letters of the Arabic block only (no diacritics, digits, punctuation, Latin or presentation forms).
_ARABIC_WORD = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]{2,}$")
# Tokens that are names only next to another name (or are particles); never drawn alone.
_NOT_ALONE = frozenset("بن ابن بنت أبو ابو أبي آل ال عبد دي دو دا فان فون لا لو دل ديل".split())

Span = tuple[int, int, "str | None"]


class NameDataError(Exception):
    """A name source is missing or malformed; the message names the file."""


@dataclass
class NamePool:
    tokens: list[str]                    # single name tokens (Wikidata token list)
    full: dict[int, list[list[str]]]     # token length -> full names (office-holders' Arabic labels)


def load_name_pool(data: Path, min_count: int = 1) -> NamePool:
    tsv = data / "person_names_wikidata" / "wikidata_person_name_tokens_en_ar.tsv"
    persons = data / "wikidata" / "persons.json"
    for p in (tsv, persons):
        if not p.is_file():
            raise NameDataError(f"{p}: file not found (is KG_SHARED_DATA set correctly?)")
    seen: set[str] = set()
    tokens: list[str] = []
    try:
        header, rows = read_table(tsv, required=("count",))  # QUOTE_NONE: a few names hold a '"'
    except TsvError as exc:
        raise NameDataError(f"{exc} (expected 'arabic<TAB>english<TAB>count')") from None
    if header[:1] != ["arabic"]:
        raise NameDataError(f"{tsv}: expected a header 'arabic<TAB>english<TAB>count'")
    for line_no, row in enumerate(rows, 2):
        try:
            ar, n = row["arabic"].strip(), int(row["count"])
        except ValueError:
            raise NameDataError(f"{tsv}:{line_no}: expected 'arabic<TAB>english<TAB>count'") from None
        if n >= min_count and ar not in seen and ar not in _NOT_ALONE and _ARABIC_WORD.match(ar):
            seen.add(ar)
            tokens.append(ar)
    try:
        people = json.loads(persons.read_text(encoding="utf-8"))["persons"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise NameDataError(f"{persons}: not the persons gazetteer ({exc})") from None
    full: dict[int, list[list[str]]] = {}
    names_seen: set[tuple[str, ...]] = set()
    for person in people:
        for label in [person.get("ar"), *(person.get("ar_alt") or [])]:
            words = tuple((label or "").split())
            if words and words not in names_seen and all(_ARABIC_WORD.match(w) for w in words):
                names_seen.add(words)
                full.setdefault(len(words), []).append(list(words))
    if not tokens:
        raise NameDataError(f"{tsv}: no usable Arabic name tokens")
    return NamePool(tokens, full)


def swap_names(words: list[str], spans: list[Span], pool: NamePool, rng: random.Random) -> list[str] | None:
    """A copy of `words` with every PER span replaced by another name of the same length (None if no PER)."""
    per = [(s, e) for s, e, lab in spans if lab == "PER"]
    if not per:
        return None
    out = list(words)
    for s, e in per:
        n = e - s
        options = pool.full.get(n)
        if options and rng.random() < 0.5:
            name = rng.choice(options)
        else:
            name = [rng.choice(pool.tokens) for _ in range(n)]
        out[s:e] = name
    return out


def augment_names(sentences: list[tuple[list[str], list[Span]]], data: Path, copies: int = 1,
                  seed: int = 0) -> list[tuple[list[str], list[Span]]]:
    """`copies` name-swapped versions of every sentence with a PER span; spans are kept as they are."""
    pool = load_name_pool(data)
    rng = random.Random(seed)
    out = []
    for words, spans in sentences:
        for _ in range(copies):
            new = swap_names(words, spans, pool, rng)
            if new is None:
                break
            out.append((new, list(spans)))
    return out
