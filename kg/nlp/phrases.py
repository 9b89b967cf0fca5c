"""Clitic-aware phrase matching over spaCy tokens: one mechanism for places, titles, triggers,
modality markers and topic words.

spaCy's PhraseMatcher compares whole tokens, but Arabic glues و ف ب ل ك and ال to the next word
(«وروسيا», «لرئيس», «بالعاصمة»), so one surface form would need a dozen patterns. Here each token
is read as every proclitic-stripped variant (`kg.arabic.clitic_readings`) and the longest phrase
whose words all match wins; the matched first token records how many characters the clitics took,
so mention offsets point at the name itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from kg.arabic import clitic_readings, normalize, tokens

T = TypeVar("T")


class TokenView:
    """Plain-Python copies of what matching reads from each token, computed once per Doc.

    Reading spaCy tokens builds a Python object per access; the matchers look at every token
    many times (places, offices, triggers, markers, topics), so they read these lists instead.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)  # one pass over the Doc; every list below reads these objects
        self.text = [t.text for t in self.tokens]
        # `Doc.text` joins every token anew on each read; extraction needs it in several places.
        self.doc_text = "".join(t.text_with_ws for t in self.tokens)
        self.idx = [t.idx for t in self.tokens]
        self.is_space = [t.is_space for t in self.tokens]
        self.is_punct = [t.is_punct for t in self.tokens]
        self.norm = [normalize(t) for t in self.text]
        self._readings: dict[int, list[str]] = {}
        self._sentences: list[Span] | None = None

    @property
    def sentences(self) -> list[Span]:
        """`doc.sents` as a list, read from the SENT_START array: `doc.sents` checks the
        annotation by building a Python object per token on every call (7 ms an article)."""
        if self._sentences is None:
            n = len(self.doc)
            starts = [0] + [int(i) for i in (self.doc.to_array(SENT_START) == 1).nonzero()[0] if i > 0] if n else []
            ends = starts[1:] + [n]
            self._sentences = [self.doc[a:b] for a, b in zip(starts, ends)]
        return self._sentences

    def __len__(self) -> int:
        return len(self.text)

    def readings(self, i: int) -> list[str]:
        found = self._readings.get(i)
        if found is None:
            found = self._readings[i] = clitic_readings(self.norm[i])
        return found


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    start_char: int  # character offset after any proclitics of the first token
    end_char: int
    payload: T
    prefix_wildcard: bool = False


def _token_key(text: str) -> str:
    return " ".join(tokens(text))


class PhraseIndex(Generic[T]):
    """Normalised phrases → payload. A phrase ending in '*' matches a last word by prefix."""

    def __init__(self, max_len: int = 8, split_words: bool = False) -> None:
        self._exact: dict[tuple[str, ...], T] = {}
        # With split_words, a one-word phrase also matches when the text writes it as two
        # words («بيونغ يانغ» for «بيونغيانغ»): outlets space transliterated names differently.
        self.split_words = split_words
        self._one_word: dict[str, T] = {}
        self._prefix: dict[tuple[str, ...], T] = {}
        self._first: set[str] = set()  # first words (or first-word stems for '*' phrases)
        self._prefixes_of_phrases: set[tuple[str, ...]] = set()  # proper prefixes worth extending
        self._wild_firsts: bool = False
        self.max_len = max_len

    def add(self, phrase: str, payload: T) -> None:
        wildcard = phrase.rstrip().endswith("*")
        words = tuple(tokens(phrase.rstrip().rstrip("*")))
        if not words:
            return
        target = self._prefix if wildcard else self._exact
        target.setdefault(words, payload)
        if self.split_words and not wildcard and len(words) == 1 and len(words[0]) >= 6:
            self._one_word.setdefault(words[0], payload)
        for n in range(1, len(words)):
            self._prefixes_of_phrases.add(words[:n])
        if wildcard and len(words) == 1:
            self._wild_firsts = True
        self._first.add(words[0])

    def __len__(self) -> int:
        return len(self._exact) + len(self._prefix)

    def __contains__(self, phrase: str) -> bool:
        return tuple(tokens(phrase)) in self._exact

    def get(self, phrase: str) -> T | None:
        return self._exact.get(tuple(tokens(phrase)))

    def knows_word(self, word: str) -> bool:
        return (word,) in self._exact

    def find(self, view: TokenView, start: int = 0, end: int | None = None) -> list[PhraseMatch[T]]:
        """Longest non-overlapping matches, left to right, in tokens[start:end]."""
        end = len(view) if end is None else end
        out: list[PhraseMatch[T]] = []
        i = start
        while i < end:
            m = self.match_at(view, i, end)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.end
        return out

    def match_at(self, view: TokenView, i: int, end: int | None = None) -> PhraseMatch[T] | None:
        end = len(view) if end is None else end
        if i >= end or view.is_space[i] or view.is_punct[i]:
            return None
        readings = view.readings(i) if self._wild_firsts else [r for r in view.readings(i) if r in self._first]
        if not readings:
            return self._split_match(view, i, end)
        best: PhraseMatch[T] | None = None
        for reading in readings:
            prefix_len = _prefix_chars(view.text[i], view.norm[i], reading)
            words: list[str] = [reading]
            j = i + 1
            while True:
                key = tuple(words)
                payload = self._exact.get(key)
                wildcard = False
                if payload is None:
                    payload = self._match_prefix(key)
                    wildcard = payload is not None
                if payload is not None:
                    cand = PhraseMatch(
                        i, j, view.idx[i] + prefix_len, view.idx[j - 1] + len(view.text[j - 1]), payload, wildcard
                    )
                    if best is None or (cand.end - cand.start, -cand.start_char) > (best.end - best.start, -best.start_char):
                        best = cand
                if j >= end or len(words) >= self.max_len or key not in self._prefixes_of_phrases:
                    break
                if view.is_space[j]:
                    if "\n" in view.text[j]:
                        break
                    j += 1
                    continue
                words.append(view.norm[j])
                j += 1
        return best

    def _split_match(self, view: TokenView, i: int, end: int) -> PhraseMatch[T] | None:
        """A one-word phrase written as this token and the next one, one space between."""
        j = i + 1
        if not self._one_word or j >= end or view.is_punct[j] or view.is_space[j]:
            return None
        if view.doc_text[view.idx[i] + len(view.text[i]) : view.idx[j]] != " " or len(view.norm[j]) < 3:
            return None
        for reading in view.readings(i):
            payload = self._one_word.get(reading + view.norm[j]) if len(reading) >= 3 else None
            if payload is not None:
                prefix_len = _prefix_chars(view.text[i], view.norm[i], reading)
                return PhraseMatch(i, j + 1, view.idx[i] + prefix_len, view.idx[j] + len(view.text[j]), payload)
        return None

    def _match_prefix(self, key: tuple[str, ...]) -> T | None:
        if not self._prefix:
            return None
        head, last = key[:-1], key[-1]
        for n in range(len(last), 1, -1):
            payload = self._prefix.get(head + (last[:n],))
            if payload is not None:
                return payload
        return None


def _prefix_chars(surface: str, norm: str, reading: str) -> int:
    """Characters of the surface token taken by the proclitics stripped to get `reading`.

    «وروسيا» read as روسيا gives 1. «للعراق» read as العراق has no clean cut (the article's
    alef was dropped), so the whole token is kept.
    """
    if reading == norm or not norm.endswith(reading):
        return 0
    stripped = len(norm) - len(reading)
    # Diacritics and tatweel make the surface longer than the normalised form: walk the surface
    # until `stripped` letters have been passed.
    seen = 0
    for k, ch in enumerate(surface):
        if normalize(ch):
            if seen == stripped:
                return k
            seen += 1
    return 0


def build_index(items: Iterable[tuple[str, T]]) -> PhraseIndex[T]:
    idx: PhraseIndex[T] = PhraseIndex()
    for phrase, payload in items:
        idx.add(phrase, payload)
    return idx
