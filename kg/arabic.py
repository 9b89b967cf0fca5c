"""Arabic text handling for matching keys: the one place that knows Arabic orthography.

Everything here produces *keys* used to compare strings (gazetteer look-ups, entity resolution,
scoring). Nothing here rewrites the text kept in the graph: labels keep the surface form the
article used, so a reader can always find them in the source.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Callable, Container, Iterable

# Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks: they are optional in news
# text, so two spellings that differ only by them are the same word.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_BIDI_MARKS = re.compile("[\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

# Hamza carriers and alef variants are written inconsistently in news (إلكسندر / الكسندر);
# ى/ي and ة/ه are swapped freely, especially in Egyptian and Iraqi spelling.
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",  # Persian keheh
        "ی": "ي",  # Persian yeh
        "ڭ": "ك",
        "گ": "ك",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
    }
)

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)

# Proclitics that attach to a following noun with no space. و/ف (and, so) come first, then one
# preposition ب/ل/ك, then the article ال. «لل» is ل + ال with the alef dropped.
CONJUNCTIONS = ("و", "ف")
# «son of / daughter of» in a nasab chain («فيصل بن فرحان بن عبدالله»), normalised
NASAB = frozenset({"بن", "ابن", "بنت"})
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Orthographic normal form: no diacritics, tatweel or bidi marks; unified alef/hamza, ya, ta.

    Used for keys only. Arabic-Indic digits become ASCII so «١٦» matches «16».
    """
    text = unicodedata.normalize("NFKC", text)
    text = _BIDI_MARKS.sub("", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_LETTER_MAP)


def tokens(text: str) -> list[str]:
    """Normalised word tokens with punctuation (including «» and quotes) removed."""
    return _NON_WORD.sub(" ", normalize(text)).split()


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic: a cheap test for 'this is not an Arabic article'."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_LETTER.match(c)) / len(letters)


def clitic_readings(word: str) -> list[str]:
    """Every way of peeling proclitics off a normalised word, the unstripped word first.

    «وللعراق» gives [وللعراق, للعراق, العراق, عراق]; callers pick the reading their lexicon
    knows, so a name that starts with a clitic letter (بغداد، بوتين) keeps it.
    """
    return list(_clitic_readings(word))


@lru_cache(maxsize=65_536)
def _clitic_readings(word: str) -> tuple[str, ...]:
    """Cached: extraction asks for the readings of the same words many times per article."""
    readings = [word]

    def add(form: str) -> None:
        if len(form) >= 2 and form not in readings:
            readings.append(form)

    stems = [word]
    for conj in CONJUNCTIONS:
        if word.startswith(conj) and len(word) >= 3:  # «ومن المقرر», «وفي», «وقد»
            stems.append(word[1:])
    for stem in list(stems):
        add(stem)
        if stem.startswith("لل") and len(stem) > 3:
            add("ال" + stem[2:])
            stems.append("ال" + stem[2:])
        for prep in PREPOSITIONS:
            if stem.startswith(prep) and len(stem) > 3:
                add(stem[1:])
                stems.append(stem[1:])
    for stem in list(stems):
        if stem.startswith(ARTICLE) and len(stem) > 4:
            add(stem[2:])
    return tuple(readings)


def strip_clitics(word: str, lexicon: Container[str] | Callable[[str], bool]) -> str:
    """Normalise a word and peel off proclitics only as far as the lexicon knows the result.

    «لروسيا» → «روسيا» when روسيا is known; «بغداد» stays «بغداد» because بغداد itself is known.
    A word the lexicon does not know is returned normalised but unstripped: guessing would turn
    «بوتين» into «وتين».
    """
    known = lexicon if callable(lexicon) else lexicon.__contains__
    norm = normalize(word)
    for reading in clitic_readings(norm):
        if known(reading):
            return reading
    return norm


def with_article_written(phrase: str) -> str:
    """The phrase with its first word's «لل» written back as the article: «للمغرب» → «المغرب»,
    «وللمملكة العربية السعودية» → «المملكة العربية السعودية».

    After the preposition «ل» the article loses its alef, so no span of the text spells the name
    with its article; a place read through that reading is named so (its label in the graph),
    not with the preposition. Other phrases come back unchanged. A word that itself begins with
    «ل» loses a third lam too («للجنة» is «اللجنة», not «الجنة»), so callers keep the result only
    where a lexicon knows it (the gazetteer reading a place was matched by).
    """
    first, sep, rest = phrase.partition(" ")
    m = re.match("[وف]?لل(?=\\w\\w)", first)
    if m is None:
        return phrase
    return ARTICLE + first[m.end() :] + sep + rest


@lru_cache(maxsize=65_536)
def match_key(text: str) -> str:
    """A loose, symmetric key for comparing two names (scoring, alias sets).

    Each token loses a leading و/ف, one of ب/ل (only when what remains starts with the article,
    so بوتين keeps its ب) and the article; both sides of a comparison go through the same
    function, so over-stripping cannot create a false match between a name and itself.
    """
    out = []
    for tok in tokens(text):
        if tok.startswith(CONJUNCTIONS) and len(tok) > 4:
            tok = tok[1:]
        if tok.startswith(("بال", "لل", "كال")) and len(tok) > 4:
            tok = "ال" + tok[2:] if tok.startswith("لل") else tok[1:]
        if tok.startswith(ARTICLE) and len(tok) > 4:
            tok = tok[2:]
        out.append(tok)
    return " ".join(out)


# Letters that stand for foreign /g/ in Arabic transliteration of Russian, English, Persian names:
# Egyptian/Gulf ج, Levantine/Iraqi غ, Persian گ (already ك after normalize). Maghrebi ق is left
# out: it would make العراقي sound like الأعرجي. A medial
# ة cannot be correct Arabic spelling and is seen as a typo for one of them (شويةو for شويغو).
_G_CLASS = str.maketrans({"غ": "ج", "ك": "ج"})
_MEDIAL_TA = re.compile("ة(?=\\w)")
# First words of compound names news writes with or without a space («عبد الله», «عبدالله»).
_COMPOUND_HEADS = frozenset({"عبد", "وعبد"})


@lru_cache(maxsize=65_536)
def phonetic_key(text: str) -> str:
    """A key that ignores how a foreign name was transliterated: g-letters merged, medial ة read
    as g, long vowels and hamza dropped inside words, and «عبد» joined to the word after it
    («عبد الله» = «عبدالله»: one name written with or without the space). Used to find candidate
    pairs for resolution, never on its own as proof that two names are one person.
    """
    out = []
    raws = _NON_WORD.sub(" ", _MEDIAL_TA.sub("ج", _DIACRITICS.sub("", text))).split()
    joined: list[str] = []
    for raw in raws:
        if joined and normalize(joined[-1]) in _COMPOUND_HEADS:
            joined[-1] += raw
        else:
            joined.append(raw)
    for raw in joined:
        tok = normalize(raw).translate(_G_CLASS)
        if len(tok) > 2:
            tok = tok[0] + re.sub("[اويء]", "", tok[1:-1]) + tok[-1]
        out.append(tok)
    return " ".join(out)


_HASHTAG = re.compile(r"#(\w+)")


def reading_text(text: str) -> str:
    """The text the NLP reads: hashtag marks some outlets glue into running text
    («الرئيس عمر #البشير», «#جاستين_ترودو», «#سد_النهضة») read as spaces.

    Same length as `text`, character for character, so every offset the NLP produces is an
    offset into the article as written (evidence spans quote the original).
    """
    if "#" not in text:
        return text
    return _HASHTAG.sub(lambda m: " " + m.group(1).replace("_", " "), text)


# Tanween (U+064B–U+064D) stays: it marks an indefinite noun or adverb («مخيماً», «أيضاً»), never a
# name, and spaCy keeps such a word out of a name run as it is
_MARKS = re.compile("[\u0610-\u061a\u064e-\u065f\u0670\u06d6-\u06ed\u0640]")


def unmarked(text: str) -> tuple[str, list[int] | None]:
    """The text without short-vowel marks, shadda, sukun and tatweel («محمَّد» → «محمد»,
    «أكّد» → «أكد», «الرئيـس» → «الرئيس»), and where each kept character stood in `text`
    (None when nothing was removed, the common case).

    A mark inside a word makes it no word to spaCy (str.isalpha fails on «محمَّد») and no word the
    model or a lexicon knows, so a vowelled name was no name at all. Offsets of what is read in
    the unmarked text go back to the article through `marked_span`.
    """
    if not _MARKS.search(text):
        return text, None
    kept = [i for i, ch in enumerate(text) if not _MARKS.fullmatch(ch)]
    return "".join(text[i] for i in kept), kept


def marked_span(start: int, end: int, kept: list[int], text: str) -> tuple[int, int]:
    """An offset range of the unmarked text as a range of the original `text`: from the first
    kept character to the last, with the marks that follow it («محمَّدٌ» whole)."""
    if start >= len(kept):
        return len(text), len(text)
    if end <= start:
        return kept[start], kept[start]
    stop = kept[end - 1] + 1
    while stop < len(text) and _MARKS.fullmatch(text[stop]):
        stop += 1
    return kept[start], stop


def imperfect_dual_or_plural(word: str) -> bool:
    """A normalised word shaped like an imperfect verb of the dual or the masculine plural
    («يدعمان», «تؤيدان», «يعتبرون», «سيبحثون»): a person prefix ي/ت (after و, ف or the future
    سـ) and the ending ان/ون, five letters or more. Names rarely take this shape, so a name list
    must vouch for a word before it counts as one («نعمان» is a given name)."""
    w = word
    if w[:1] in "وف" and len(w) > 6:
        w = w[1:]
    if w[:1] == "س" and w[1:2] in ("ي", "ت"):
        w = w[1:]
    return len(w) >= 5 and w[:1] in ("ي", "ت") and w.endswith(("ان", "ون"))


def imperfect_verb_shape(word: str) -> bool:
    """A normalised word shaped like a third-person imperfect verb («يعتزم», «تنوي», «سيقوم»):
    the prefix ي/ت (after و, ف or the future سـ), four letters or more. A shape, not a proof: a
    caller asks it only where a verb is expected (after «أنه»)."""
    w = word
    if w[:1] in "وف" and len(w) > 4:
        w = w[1:]
    if w[:1] == "س" and w[1:2] in ("ي", "ت"):
        w = w[1:]
    return len(w) >= 4 and w[:1] in ("ي", "ت")


def verb_forms(past: str, present: str, objects: bool = True) -> list[str]:
    """The inflected forms news writes of a verb, from its past and present 3rd person masculine
    singular («التقى», «يلتقي»): past persons and the dual («التقت», «التقيا», «التقوا»,
    «التقيت»), object pronouns («التقاه», «استقبلها»), the present with every person prefix and
    the dual and plural («تلتقي», «يلتقيان», «يلتقون»), the future with سـ («سيلتقي»), and the
    jussive of a defective verb, which a negation «لم» takes («لم يلتق»).
    Used to expand the trigger lexicon (data/lexicon/trigger_verbs.tsv); proclitics (و، ف) are
    the phrase matcher's business."""
    forms: list[str] = [past]
    pronouns = ("ه", "ها", "هما", "هم") if objects else ()
    if past.endswith(("ى", "ي")):  # defective: التقى، أجرى
        base = past[:-1]
        forms += [base + s for s in ("ت", "يا", "وا", "يت", "ينا", "تا")]
        forms += [base + "ا" + o for o in pronouns] + [base + "ت" + o for o in pronouns]
    else:
        forms += [past + s for s in ("ت", "ا", "وا", "تا", "نا", "تم")]
        forms += [past + o for o in pronouns] + [past + "ت" + o for o in pronouns]
        if len(past) == 3 and past[1] == "ا":  # hollow: زار → زرت
            forms += [past[0] + past[2] + s for s in ("ت", "نا")]
    stem = present[1:] if present[:1] in "يتنأ" else present
    present_forms = [pre + stem for pre in ("ي", "ت", "ن", "أ")]
    if stem.endswith(("ي", "ى")):  # يلتقي → يلتقيان، يلتقون
        present_forms += [pre + stem[:-1] + s for pre in ("ي", "ت") for s in ("يان", "ون")]
        jussive = [pre + stem[:-1] for pre in ("ي", "ت")]  # «لم يلتق»: after «لم» the final letter drops
    else:
        present_forms += [pre + stem + s for pre in ("ي", "ت") for s in ("ان", "ون")]
        jussive = []
    present_forms += [f + o for f in list(present_forms[:4]) for o in pronouns]
    forms += present_forms + ["س" + f for f in present_forms] + jussive
    return list(dict.fromkeys(forms))


def noun_forms(noun: str) -> list[str]:
    """A noun with its possessive pronouns («زيارة», «زيارته», «زيارتها», «زيارتهما»): the ta
    marbuta becomes ta before a pronoun, a final hamza takes its seat («لقائه» beside «لقاءه»)."""
    pronouns = ("ه", "ها", "هما", "هم")
    base = noun[:-1] + "ت" if noun.endswith("ة") else noun
    forms = [noun] + [base + o for o in pronouns]
    if noun.endswith("اء"):
        forms += [noun[:-1] + "ئ" + o for o in pronouns]
    return list(dict.fromkeys(forms))


def variants_key_set(names: Iterable[str]) -> set[str]:
    return {match_key(n) for n in names if n.strip()}
