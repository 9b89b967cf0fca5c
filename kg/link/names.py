"""Matching an Arabic personal name against a person known by an English name (and maybe Arabic labels).

Why this module exists: the Wikidata extract has Arabic labels for about a tenth of its
officeholders (shared/data/wikidata/SOURCE.md). For the others, the build generates Arabic
spellings token by token from the English name through the Wikidata name-token table
(`data/gazetteer/name_tokens.tsv`, a few candidates per token); a name is then matched token by
token rather than by expanding every combination, so «دونالد ترمب» matches Donald Trump through
the candidates ترامب/ترمب without a list of all full spellings.

Two kinds of token evidence, the weaker one only as a fallback:
- a generated (or Wikidata) Arabic form, compared with `kg.arabic.match_key` then
  `kg.arabic.phonetic_key` (ترمب = ترامب, العبادي = عبادي);
- a cross-script consonant skeleton (`latin_skeleton`, `arabic_skeleton`): the consonants of the
  English token and of the Arabic token in shared classes (السيسي ↔ sisi: "SS"). The classes are
  data (`data/lexicon/name_letters.tsv`). A skeleton match alone never makes a link: it only
  proposes candidates that the office, country and date must then confirm (kg.link.persons).

The alignment is monotone: Arabic tokens in order against the name's tokens in order, skipping
name tokens (middle names, «آل ثاني» left out) but never an Arabic token, except the particles
«بن», «آل». One Arabic token may stand for two name tokens (لودريان = Le Drian) and two Arabic
tokens for one (عبد العزيز = Abdelaziz, نور سلطان = Nursultan).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.arabic import NASAB, match_key, normalize, phonetic_key, tokens
from kg.io import TsvError, read_table, read_tsv
from kg.paths import LEXICON

# Hyphen-glued Arabic article in English transliterations: al-Assad, el-Sisi, ad-Darwish.
EN_ARTICLES = frozenset("al el ad ar as ash at az an ul ud un ut us et es ed ez".split())
# Title words that English labels sometimes carry before the name (Pope Francis, Sheikh …).
EN_TITLES = frozenset("pope sheikh shaikh sheik prince princess king queen emir sultan sir dr lord lady saint st mr mrs ms".split())
# Name particles that are their own token in both scripts and may be left out on either side.
EN_PARTICLES = frozenset("al el bin ibn bint ben de da di du van von der le la".split())
AR_PARTICLES = frozenset(tokens("بن ابن بنت آل"))
# Honorifics written before an Arabic name that are no part of it.
AR_HONORIFICS = frozenset(tokens("السيد السيدة الشيخ الشيخة الدكتور الأمير الأميرة سمو سماحة فخامة معالي"))

_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, accents removed: «Erdoğan» → «erdogan», «Çavuşoğlu» → «cavusoglu»."""
    text = text.lower()
    if text.isascii():
        return text
    text = text.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def english_tokens(name: str) -> list[str]:
    """The tokens of an English name the token table is looked up with, lower case (accents kept:
    the table has «erdoğan»). «Abdullah II of Jordan» → [abdullah, ii]; «Adel al-Jubeir» →
    [adel, jubeir] (the glued article is implied by the Arabic ال); initials are dropped."""
    name = re.sub(r"\(.*?\)", " ", name)
    name = re.split(r"\s+of\s+", name)[0]  # regnal names: «Salman of Saudi Arabia»
    out: list[str] = []
    for part in name.lower().split():
        pieces = [p for p in part.split("-") if p]
        if len(pieces) > 1 and fold(pieces[0]) in EN_ARTICLES:
            pieces = pieces[1:]
        for p in pieces:
            p = re.sub(r"[^\w]", "", p).replace("_", "")
            if len(fold(p)) > 1 or (p and not p.isalpha()):
                out.append(p)
    while out and fold(out[0]) in EN_TITLES and len(out) > 1:
        out.pop(0)
    return out


# --- generated spellings ------------------------------------------------------------------------
# Candidates kept per English token, and the least share of the token's most frequent Arabic
# form a candidate needs (the table has alignment noise: «coats» → «معاطف» once).
MAX_CANDIDATES = 3
MIN_SHARE = 0.05
ABD = re.compile(r"^abd(?:el|al|ul|ol|ou|oul|u|e|a)?(.{3,})$")
ALLAH = {"lah", "llah", "allah", "ullah", "ellah", "olah"}


class NameTableError(Exception):
    """The name-token table is missing or malformed (the message names the file)."""


def load_name_tokens(path: Path) -> dict[str, list[tuple[str, int]]]:
    """English token → [(Arabic token, count)], most frequent first; letter-only Arabic tokens."""
    try:
        header, rows = read_table(path, required=("arabic", "english", "count"))
    except FileNotFoundError:
        raise NameTableError(f"{path}: file not found") from None
    except (TsvError, UnicodeDecodeError) as exc:
        raise NameTableError(f"{path}: {exc}".replace(f"{path}: {path}: ", f"{path}: ")) from None
    table: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i, row in enumerate(rows, 2):
        if not row["count"].isdigit():
            raise NameTableError(f"{path}: line {i}: expected arabic<TAB>english<TAB>count")
        ar, en, count = row["arabic"].strip(), row["english"].strip().lower(), int(row["count"])
        if not en or not re.fullmatch("[\u0621-\u064a]+", normalize(ar)):
            continue  # «تي.آي.», diacritics, ZWNJ: SOURCE.md says filter them
        table[en].append((ar, count))
    for rows in table.values():
        rows.sort(key=lambda r: (-r[1], r[0]))
    return table


def generate(token: str, table: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Arabic candidates for one English name token: the table's most frequent forms, at most
    MAX_CANDIDATES; «abdelaziz» is also read as عبد + the forms of «aziz» with the article.

    The table aligns one English token with one Arabic token, so «abdullah» appears as «عبد»
    alone; such a truncated form is dropped for a longer abd- token."""
    rows = table.get(token) or table.get(fold(token)) or []
    out: list[str] = []
    m = ABD.match(fold(token))
    if m:
        rest = m.group(1)
        if rest in ALLAH:
            out.append("عبدالله")
        else:
            for form in generate(rest, table)[:2]:
                bare = form[2:] if form.startswith("ال") else form
                out.append("عبدال" + bare)
    if rows:
        top = rows[0][1]
        for ar, count in rows:
            if count < top * MIN_SHARE and out:
                break
            if m and normalize(ar) == "عبد":
                continue
            if ar not in out:
                out.append(ar)
    return out[:MAX_CANDIDATES]


# --- consonant skeletons -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Letters:
    latin: re.Pattern[str]
    latin_class: dict[str, str]
    arabic: re.Pattern[str]
    arabic_class: dict[str, str]


@lru_cache(maxsize=4)
def _letters(path: str) -> _Letters:
    classes: dict[str, dict[str, str]] = {"latin": {}, "arabic": {}}
    for row in read_tsv(path):
        script, letters, cls = row.get("script", ""), row.get("letters", ""), row.get("class", "")
        if script not in classes:
            continue
        for form in letters.split("|"):
            if form:
                classes[script][form if script == "latin" else normalize(form)] = cls.strip()

    def pattern(table: dict[str, str]) -> re.Pattern[str]:
        # Longest letter groups first (sh before s); any other character matches alone and is dropped.
        return re.compile("|".join(re.escape(f) for f in sorted(table, key=len, reverse=True)) + "|.", re.S)

    return _Letters(pattern(classes["latin"]), classes["latin"], pattern(classes["arabic"]), classes["arabic"])


LETTERS_FILE = LEXICON / "name_letters.tsv"
_DOUBLED = re.compile(r"(.)\1+")


def _skeleton(text: str, pattern: re.Pattern[str], table: dict[str, str]) -> str:
    # Doubled letters are one sound (Essebsi, عبدالله's لل); vowels and h-like letters map to "".
    return "".join(table.get(m, "") for m in pattern.findall(_DOUBLED.sub(r"\1", text)))


MAX_SKELETONS = 4


@lru_cache(maxsize=200_000)
def latin_skeletons(token: str) -> tuple[str, ...]:
    """Consonant classes of an English name token: «sisi» → ("SS",), «essebsi» → ("SBS",). A letter
    group with two classes in the table («dh»: D as ض/ذ, S as ظ) gives each reading, at most
    MAX_SKELETONS: «kadhimi» → ("KDM", "KSM") for الكاظمي."""
    letters = _letters(str(LETTERS_FILE))
    text = _DOUBLED.sub(r"\1", fold(token))
    out = [""]
    for m in letters.latin.findall(text):
        classes = letters.latin_class.get(m, "").split("/")
        out = list(dict.fromkeys(o + c for o in out for c in classes))[:MAX_SKELETONS]
    return tuple(out)


def latin_skeleton(token: str) -> str:
    """The first reading of `latin_skeletons`."""
    return latin_skeletons(token)[0]


@lru_cache(maxsize=200_000)
def arabic_skeleton(token: str) -> str:
    """Consonant classes of an Arabic name token, article dropped: «السيسي» → "SS". Only the
    article goes (not و/ف as `match_key` would: «فيديغاراي» keeps its ف, as Videgaray its v)."""
    letters = _letters(str(LETTERS_FILE))
    word = normalize(token).replace(" ", "")
    if word.startswith("لل") and len(word) > 4:
        word = word[2:]
    elif word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return _skeleton(word, letters.arabic, letters.arabic_class)


_GUTTURALS = re.compile("[عح]")


@lru_cache(maxsize=200_000)
def arabic_gutturals(token: str) -> str:
    """The «ع» and «ح» of an Arabic name token, in order: «العنزي» → "ع", «النسي» → "".

    A consonant skeleton drops them because a Latin spelling has no letter for them (Abbas,
    Hassan), so it cannot tell «العنزي» from «النسي». Two Arabic spellings of one name both write
    them, so between an Arabic label and the article's word they must agree."""
    return "".join(_GUTTURALS.findall(normalize(token)))


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """How two Arabic spellings of one name token are compared: orthography, clitics, article
    and transliterated vowels ignored (ترمب = ترامب, العبادي = عبادي)."""
    return phonetic_key(match_key(token)).replace(" ", "")


# --- alignment -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One token of a known name: the Arabic forms it may be written as (as `match_key`s and as
    looser `token_key`s), and its consonant skeleton."""

    exact: frozenset[str]
    keys: frozenset[str]
    skeleton: str
    particle: bool = False
    raw: frozenset[str] = frozenset()  # the forms normalised, article kept (عبد + الفتاح = عبدالفتاح)
    alts: tuple[str, ...] = ()  # every skeleton reading (the first is `skeleton`)
    gutturals: str | None = None  # «ع»/«ح» of an Arabic label's token (None: from an English name)

    @property
    def skeletons(self) -> tuple[str, ...]:
        return self.alts or (self.skeleton,)


@dataclass(frozen=True)
class ArToken:
    text: str
    exact: str  # match_key: orthography, clitics and article ignored
    key: str  # token_key: transliterated vowels and g-letters ignored too
    skeleton: str
    particle: bool
    gutturals: str = ""


def arabic_name_tokens(name: str) -> list[ArToken]:
    """The tokens of an Arabic name as written in an article, honorifics dropped."""
    toks = [t for t in tokens(name.replace("#", " ").replace("_", " ")) if t not in AR_HONORIFICS]
    return [ArToken(t, match_key(t), token_key(t), arabic_skeleton(t), t in AR_PARTICLES, arabic_gutturals(t)) for t in toks]


def slot_for_forms(forms: list[str], english: str | None, particle: bool, skeletons: bool = True) -> Slot:
    """A name token known by its Arabic forms (and, for an English token, its Latin skeleton).
    Without `skeletons` the token matches by its forms only (no skeleton reading)."""
    exact = frozenset(match_key(f) for f in forms)
    keys = frozenset(token_key(f) for f in forms)
    if not skeletons:
        alts: tuple[str, ...] = ("",)
    elif english is not None:
        alts = latin_skeletons(english)
    else:
        alts = (arabic_skeleton(forms[0]),) if forms else ("",)
    gutturals = None if english is not None or not forms else arabic_gutturals(forms[0])
    return Slot(exact, keys, alts[0], particle, frozenset(normalize(f).replace(" ", "") for f in forms), alts, gutturals)


# Scores per kind of token evidence: an Arabic form of the name (generated or a label) as written
# counts most, the same form up to transliterated vowels a little less; a skeleton of three
# consonants or more is fair, two is weak, one is hardly anything.
FORM, LOOSE, SKEL3, SKEL2, SKEL1 = 2.0, 1.75, 1.5, 1.0, 0.5


def _skel_score(a: str, b: str | tuple[str, ...]) -> float:
    if not a or a not in ((b,) if isinstance(b, str) else b):
        return 0.0
    return SKEL3 if len(a) >= 3 else SKEL2 if len(a) == 2 else SKEL1


@dataclass(frozen=True)
class Alignment:
    score: float
    matched: int  # Arabic tokens (not particles) matched
    forms: int  # of which through an Arabic form (not a skeleton)
    exact: int  # of which through a form as written (match_key), not only its token_key
    first: bool  # the name's first token is covered
    last: bool  # the name's last token is covered
    slots: tuple[int, ...]  # slot indices covered
    skipped: int = 0  # Arabic tokens left out as a patronymic the name lacks («سلمان بن عبدالعزيز»)


def token_score(a: ArToken, s: Slot) -> tuple[float, int, int]:
    """(score, by a form, by a form as written) of one Arabic token against one name token."""
    if a.exact in s.exact:
        return FORM, 1, 1
    if a.key in s.keys:
        return LOOSE, 1, 0
    if s.gutturals is not None and s.gutturals != a.gutturals:
        return 0.0, 0, 0  # an Arabic label: «العنزي» is not «النسي», whatever the skeletons say
    return _skel_score(a.skeleton, s.skeletons), 0, 0


def align(ar: list[ArToken], slots: list[Slot]) -> Alignment | None:
    """The best monotone alignment of every Arabic token onto the slots, or None."""
    n, m = len(ar), len(slots)
    if n == 0 or m == 0:
        return None
    content = [j for j, s in enumerate(slots) if not s.particle] or list(range(m))
    first_slot, last_slot = content[0], content[-1]
    State = tuple  # (score, matched, forms, exact, covered slots, skipped)
    best: list[list[State | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, 0, 0, 0, (), 0)

    def put(i: int, j: int, cand: State) -> None:
        cur = best[i][j]
        if cur is None or cand[:4] > cur[:4]:
            best[i][j] = cand

    for i in range(n + 1):
        for j in range(m + 1):
            cur = best[i][j]
            if cur is None:
                continue
            sc, mt, fm, ex, cov, sk = cur
            if j < m:
                put(i, j + 1, cur)  # a name token the article leaves out
            if i < n and ar[i].particle:
                put(i + 1, j, cur)  # «بن», «آل» the name lacks
                # «سلمان بن عبدالعزيز» for «Salman»: a patronymic the name does not have, to the end
                if ar[i].text in NASAB and mt > 0 and i + 1 < n:
                    rest = sum(1 for t in ar[i + 1:] if not t.particle)
                    put(n, m, (sc, mt, fm, ex, cov, sk + rest))
                    # «عادل بن أحمد الجبير» for «Adel al-Jubeir»: the father's name between the
                    # given name and the family name, which the name lacks
                    if i + 2 < n and not ar[i + 1].particle:
                        put(i + 2, j, (sc, mt, fm, ex, cov, sk + 1))
            if i >= n or j >= m:
                continue
            s, a = slots[j], ar[i]
            k, f, e = token_score(a, s)
            if k > 0:
                put(i + 1, j + 1, (sc + k, mt + 1, fm + f, ex + e, cov + (j,), sk))
            # two Arabic tokens for one name token: «عبد العزيز» = abdelaziz
            if i + 1 < n and not ar[i + 1].particle:
                joined = a.text + ar[i + 1].text
                if match_key(joined) in s.exact or token_key(joined) in s.keys:
                    put(i + 2, j + 1, (sc + 2 * LOOSE, mt + 2, fm + 2, ex, cov + (j,), sk))
                elif (s.gutturals is None or s.gutturals == arabic_gutturals(joined)) and (
                        k := _skel_score(arabic_skeleton(joined), s.skeletons)) >= SKEL3:
                    put(i + 2, j + 1, (sc + k + SKEL2, mt + 2, fm, ex, cov + (j,), sk))
            # one Arabic token for two name tokens: «عبدالفتاح» = abdel + fattah, «لودريان» = le drian
            if j + 1 < m:
                nxt = slots[j + 1]
                if any(a.text == x + y for x in s.raw for y in nxt.raw):
                    put(i + 1, j + 2, (sc + FORM + SKEL2, mt + 1, fm + 1, ex + 1, cov + (j, j + 1), sk))
                elif (s.gutturals is None or nxt.gutturals is None or s.gutturals + nxt.gutturals == a.gutturals) and (
                        k := _skel_score(a.skeleton, tuple(x + y for x in s.skeletons for y in nxt.skeletons))) >= SKEL3:
                    put(i + 1, j + 2, (sc + k, mt + 1, fm, ex, cov + (j, j + 1), sk))
    found = [best[n][j] for j in range(m + 1) if best[n][j] is not None and best[n][j][1] > 0]
    if not found:
        return None
    sc, mt, fm, ex, cov, sk = max(found, key=lambda f: (f[0], f[1], f[2], f[3], -f[5]))
    return Alignment(sc, mt, fm, ex, first_slot in cov, last_slot in cov, cov, sk)


# --- retrieval keys ------------------------------------------------------------------------------
# The build stores each person's retrieval keys (token keys, and skeletons marked with "~") so
# that loading 15k persons costs a split per row, not a key computation per token. The alignment
# that decides a match always recomputes keys, so stale stored keys could only lose candidates;
# `keys_version` tells the loader when they were computed by other functions (then it recomputes).

PROBE = ("دونالد", "ترامب", "السيسي", "عبدالعزيز", "وللعراق", "شويةو", "أردوغان", "الكاظمي", "donald", "trump",
         "sisi", "essebsi", "abdelaziz", "çavuşoğlu", "mnuchin", "le", "drian", "kadhimi")


def keys_version() -> str:
    import hashlib

    parts = [f"{token_key(p)}:{arabic_skeleton(p)}:{'/'.join(latin_skeletons(p))}" for p in PROBE]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def retrieval_keys(labels_ar: list[str], name_tokens: list[list[str]], generated: list[list[list[str]]]) -> list[str]:
    """The keys a person is found by: for each Arabic label token its key and skeleton; for each
    English name token the keys of its generated Arabic forms and its skeleton; and the skeleton of
    each two adjacent tokens (one Arabic word for two name words: لودريان = Le Drian)."""
    out: dict[str, None] = {}

    def skel(sk: str, least: int = 2) -> None:
        if len(sk) >= least:
            out["~" + sk] = None

    for form in labels_ar:
        prev = ""
        for t in arabic_name_tokens(form):
            out[t.key] = None
            skel(t.skeleton)
            skel(prev + t.skeleton, 3)
            prev = t.skeleton
    for toks, cands in zip(name_tokens, generated):
        prev: tuple[str, ...] = ("",)
        for tok, forms in zip(toks, cands):
            for f in forms:
                out[token_key(f)] = None
            sks = latin_skeletons(tok)
            for sk in sks:
                skel(sk)
                for p in prev:
                    skel(p + sk, 3)
            prev = sks
    out.pop("", None)
    return list(out)
