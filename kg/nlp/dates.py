"""Arabic temporal expressions → the most precise XSD value the text makes certain.

News dates are mostly relative: «اليوم الثلاثاء», «فجر اليوم», «أمس», «يوم الخميس», «الشهر الماضي».
They mean something only against the publication date, and some articles carry none; then the
expression is still found (so extraction knows a date was said) but its value is None: the graph
must never hold an invented date. Stated dates come in Levantine/Iraqi month names (أيلول),
Egyptian/Gulf ones (سبتمبر), both at once («تشرين الثاني نوفمبر 2020»), ordinal words («التاسع من
سبتمبر»), Arabic-Indic digits, digits glued to words («16 أيلول2025»), and the Hijri calendar.

How it works: the text is cut into word/number/punctuation tokens with their code-point offsets;
each token gets a matching key from `kg.arabic.normalize`, so offsets into the original text stay
exact whatever the spelling. A small hand-written grammar over those keys tries every expression
type at each token and keeps the longest; matching resumes after it, so mentions never overlap.
Every expression is read as an *interval* of days [lo, hi]; the value is the finest XSD type that
interval fits in (one day → date, one month → gYearMonth, one year → gYear, else None). So
«الأسبوع الماضي» is a gYearMonth only when the whole previous week lies in one month, and a Hijri
year, which straddles two Gregorian years, gives no value rather than a wrong one.

All words (months, weekdays, ordinals, relative words, blockers) live in `data/lexicon/dates.json`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hijridate import Gregorian, Hijri

from kg.arabic import ARTICLE, CONJUNCTIONS, PREPOSITIONS, normalize
from kg.paths import LEXICON
from kg.records import DateValue

LEXICON_FILE = LEXICON / "dates.json"

# Gregorian years outside this range are page numbers, counts or typos, not dates in news.
_MIN_YEAR, _MAX_YEAR = 1000, 2999

_ONE_DAY = dt.timedelta(days=1)

# A 4-digit year after a Hijri month name with no «هـ» is Gregorian from here on: Hijri years
# are in the 1400s, and «رمضان 2025» is how news names this year's Ramadan.
_GREGORIAN_FROM = 1700
# A numeric date (d/m/y) whose year is in this range is Hijri even without «هـ».
_HIJRI_NUMERIC = (1300, 1500)


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text.

    `start`/`end` are code points into the text given to `find_dates` (end exclusive) and
    `text == original[start:end]`. A leading conjunction or preposition clitic («وأمس»,
    «بالأمس») is left outside the span, so `text` is the expression itself.
    """

    start: int
    end: int
    text: str
    value: DateValue | None  # None: relative with no publication date, or not certain
    relative: bool  # the value depended on the publication date
    weekday_conflict: bool = False  # a stated weekday disagrees with a stated full date


# ---------------------------------------------------------------------------------------------
# Tokens


@dataclass(frozen=True)
class _Tok:
    kind: str  # "w" word, "n" number, "p" punctuation, "br" line break
    start: int
    end: int
    key: str  # normalised form (ASCII digits for numbers)


_TOKEN_RE = re.compile(
    r"(?P<n>[0-9\u0660-\u0669\u06f0-\u06f9]+)"
    # Arabic letters with their marks and tatweel (digits 0660-0669 excluded), presentation forms
    r"|(?P<w>[\u0610-\u061a\u0621-\u065f\u066e-\u06d3\u06d5-\u06ed\u06ee\u06ef\u06fa-\u06ff"
    r"\u0670\ufb50-\ufdff\ufe70-\ufefc]+|[A-Za-z]+)"
    r"|(?P<br>\n)"
    r"|(?P<p>[^\s])"
)


# Words repeat across a corpus; normalising each distinct one once halves the time per article.
_key = lru_cache(maxsize=1 << 17)(normalize)


def _tokenize(text: str) -> list[_Tok]:
    """Split into tokens; digit and letter runs are separate tokens even when glued («أيلول2025»)."""
    return [
        _Tok(m.lastgroup or "p", m.start(), m.end(), _key(m.group()))
        for m in _TOKEN_RE.finditer(text)
    ]


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the token keys the text tokenizer would give it."""
    return tuple(t.key for t in _tokenize(phrase) if t.kind != "br")


@lru_cache(maxsize=65536)
def _readings(key: str) -> tuple[tuple[str, int], ...]:
    """Ways to read a normalised word with its proclitics peeled off, least stripped first.

    Returns (reading, characters peeled). Only و/ف and a preposition standing before the article
    (بالأمس، للشهر) are peeled: a bare ب/ل before an indefinite word makes real words out of date
    words («لامس» 'touched' is not ل + أمس), which `kg.arabic.clitic_readings` would allow.
    «لل» + noun reads as ال + noun but keeps its letters in the span (the alef was dropped).
    """
    out = [(key, 0)]
    stems = [(key, 0)]
    if key.startswith(CONJUNCTIONS) and len(key) > 2:
        stems.append((key[1:], 1))
        out.append((key[1:], 1))
    for stem, n in stems:
        for prep in PREPOSITIONS:
            if stem.startswith(prep + ARTICLE) and len(stem) > 4:
                out.append((stem[1:], n + 1))
        if stem.startswith("لل") and len(stem) > 3:
            out.append((ARTICLE + stem[2:], n))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class _Match:
    end: int  # token index after the phrase
    value: Any
    trim: int  # clitic characters peeled off the first token
    phrase: tuple[str, ...]


class _Table:
    """Phrases (sequences of token keys) → value, matched longest first at a token index."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, value in entries:
            keys = _phrase_keys(phrase)
            if keys:
                self._by_first.setdefault(keys[0], []).append((keys, value))
        for entries_ in self._by_first.values():
            entries_.sort(key=lambda e: -len(e[0]))

    @property
    def first_keys(self) -> frozenset[str]:
        return frozenset(self._by_first)

    def match(self, toks: list[_Tok], i: int, clitics: bool = False) -> _Match | None:
        if i >= len(toks) or toks[i].kind not in ("w", "n", "p"):
            return None
        tok = toks[i]
        readings = _readings(tok.key) if clitics and tok.kind == "w" else ((tok.key, 0),)
        best: _Match | None = None
        for reading, trim in readings:
            for keys, value in self._by_first.get(reading, ()):
                end = i + len(keys)
                if end > len(toks):
                    continue
                if all(toks[i + k].key == keys[k] for k in range(1, len(keys))):
                    if best is None or end > best.end:
                        best = _Match(end, value, trim, keys)
                    break  # entries are longest first
        return best


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per file, cached
class _Lexicon:
    gmonths: _Table
    hmonths: _Table
    weekdays: _Table
    rel_days: _Table
    blockers: dict[str, tuple[frozenset[str], frozenset[str]]]  # word → (before, after)
    tod: _Table
    day_words: _Table
    month_words: _Table
    year_words: _Table
    of_words: _Table
    linkers: _Table
    g_era: _Table
    h_era: _Table
    ordinals: _Table
    first_day: _Table
    units: _Table
    this: _Table
    modifiers: _Table
    ago: _Table  # «قبل شهر» → ("month", -1)
    quals: _Table
    adjective_guard: dict[str, frozenset[str]]  # «العام» → nouns it is an adjective after
    separators: frozenset[str]
    week_starts: tuple[int, ...] = (0, 5, 6)  # the weekdays a week may start on

    @property
    def start_keys(self) -> frozenset[str]:
        """Every word an expression can start with: other tokens are skipped at once."""
        tables = (self.tod, self.day_words, self.rel_days, self.weekdays, self.ordinals, self.first_day,
                  self.gmonths, self.hmonths, self.month_words, self.year_words, self.units,
                  self.this, self.quals, self.ago)
        return frozenset().union(*(t.first_keys for t in tables))


def _numbered(section: dict[str, list[str]], lo: int, hi: int, name: str) -> list[tuple[str, int]]:
    out = []
    for num, forms in section.items():
        n = int(num)
        if not lo <= n <= hi:
            raise ValueError(f"{name}: number {n} outside {lo}-{hi}")
        out.extend((f, n) for f in forms)
    return out


def _keyset(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(_phrase_keys(w)) for w in words)


@lru_cache(maxsize=4)
def _load_lexicon(path: Path) -> _Lexicon:
    """Read and index the dates lexicon once; any defect is one line naming the file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        flags = lambda key: _Table((w, True) for w in raw[key])  # noqa: E731
        blockers = {
            " ".join(_phrase_keys(word)): (_keyset(b["before"]), _keyset(b["after"]))
            for word, b in raw["blockers"].items()
        }
        return _Lexicon(
            gmonths=_Table(_numbered(raw["gregorian_months"], 1, 12, "gregorian_months")),
            hmonths=_Table(_numbered(raw["hijri_months"], 1, 12, "hijri_months")),
            weekdays=_Table(_numbered(raw["weekdays"], 0, 6, "weekdays")),
            rel_days=_Table((w, int(v)) for w, v in raw["relative_days"].items()),
            blockers=blockers,
            tod=flags("times_of_day"),
            day_words=flags("day_words"),
            month_words=flags("month_words"),
            year_words=flags("year_words"),
            of_words=flags("of_words"),
            linkers=flags("date_linkers"),
            g_era=flags("gregorian_era"),
            h_era=flags("hijri_era"),
            ordinals=_Table(_numbered(raw["ordinal_days"], 1, 31, "ordinal_days")),
            first_day=_Table((w, 1) for w in raw.get("first_day_words", [])),
            units=_Table(
                (w, unit) for unit, forms in raw["period_units"].items() for w in forms
            ),
            this=flags("period_this"),
            modifiers=_Table(
                (w, int(off)) for off, forms in raw["period_modifiers"].items() for w in forms
            ),
            ago=_Table(
                (w, (unit, int(off))) for unit, offs in raw.get("periods_ago", {}).items() for off, forms in offs.items() for w in forms
            ),
            quals=flags("period_qualifiers"),
            adjective_guard={
                " ".join(_phrase_keys(word)): _keyset(nouns)
                for word, nouns in raw["adjective_guard"].items()
            },
            separators=frozenset(raw["separators"]),
            week_starts=tuple(int(d) for d in raw["week_start_days"]),
        )
    except OSError as exc:
        raise ValueError(f"{path}: cannot read dates lexicon ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except KeyError as exc:
        raise ValueError(f"{path}: missing section or key {exc}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: malformed dates lexicon: {exc}") from None


def _lexicon() -> _Lexicon:
    return _load_lexicon(LEXICON_FILE)


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Normalised weekday and month names and one-word relative days, with and without the
    article: words that read as a date, so no name (a «جمعة» that is Friday is no person, and a
    name does not run on into «البارحة»)."""
    raw = json.loads((LEXICON / "dates.json").read_text(encoding="utf-8"))
    words = [w for forms in raw["weekdays"].values() for w in forms]
    words += [w for forms in raw["gregorian_months"].values() for w in forms if " " not in w]
    words += [w for w in raw["relative_days"] if " " not in w]  # «أمس», «البارحة», «غدا»
    keys = {normalize(w) for w in words}
    return frozenset(keys | {k[2:] for k in keys if k.startswith("ال")})


@lru_cache(maxsize=4)
def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a list in dates.json, each as a tuple of normalised words."""
    raw = json.loads((LEXICON / "dates.json").read_text(encoding="utf-8"))
    return tuple(tuple(normalize(w) for w in phrase.split()) for phrase in raw.get(key, []))


def same_time_cues() -> tuple[tuple[str, ...], ...]:
    """Normalised word sequences («قبل ذلك», «في وقت لاحق») that open a sentence telling an event
    of the same day as the one told before it (dates.json `same_time_as_previous`)."""
    return _phrases("same_time_as_previous")


def time_adverbials() -> tuple[tuple[str, ...], ...]:
    """Normalised word sequences («في وقت لاحق», «من اليوم نفسه») that say when and may stand
    between a verb and its object (dates.json `time_adverbials`)."""
    return _phrases("time_adverbials")


@lru_cache(maxsize=4)
def _start_keys(lex: _Lexicon) -> frozenset[str]:
    return lex.start_keys


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def _month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + offset
    return n // 12, n % 12 + 1


def _on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def _as_date(d: Any) -> dt.date:
    return dt.date(d.year, d.month, d.day)


def _hijri_interval(
    year: int, month: int | None, day: int | None
) -> tuple[dt.date, dt.date] | None:
    """Gregorian days covered by a Hijri year, month or day (Umm al-Qura, via hijridate).

    A day 30 in a month Umm al-Qura counts as 29 days (sighting calendars differ) is read as the
    day after the 29th. None when hijridate cannot convert (its range is 1343-1500 AH).
    """
    try:
        if month is None:
            last = Hijri(year, 12, 1)
            lo = Hijri(year, 1, 1).to_gregorian()
            hi = last.to_gregorian() + dt.timedelta(days=last.month_length() - 1)
        else:
            first = Hijri(year, month, 1)
            lo = first.to_gregorian()
            if day is None:
                hi = lo + dt.timedelta(days=first.month_length() - 1)
            elif 1 <= day <= 30:
                lo = hi = lo + dt.timedelta(days=day - 1)
            else:
                return None
    except (ValueError, OverflowError):
        return None
    return _as_date(lo), _as_date(hi)


def _hijri_in_gregorian_year(
    year: int, month: int, day: int | None
) -> tuple[dt.date, dt.date] | None:
    """«رمضان 2025»: the Hijri month (or day) that starts in Gregorian `year`. Every 32-33 years
    a Hijri month starts twice in one Gregorian year; then the text is ambiguous and gives None."""
    found = []
    approx = round((year - 622) * 33 / 32)  # Hijri year running at the start of `year`
    for hy in range(approx - 1, approx + 3):
        iv = _hijri_interval(hy, month, day)
        if iv is not None and iv[0].year == year:
            found.append(iv)
    return found[0] if len(found) == 1 else None


def _value(lo: dt.date | None, hi: dt.date | None) -> DateValue | None:
    """The finest XSD value that contains every day of [lo, hi]."""
    if lo is None or hi is None:
        return None
    if lo == hi:
        return DateValue(lo.isoformat(), "date")
    if (lo.year, lo.month) == (hi.year, hi.month):
        return DateValue(f"{lo.year:04d}-{lo.month:02d}", "gYearMonth")
    if lo.year == hi.year:
        return DateValue(f"{lo.year:04d}", "gYear")
    return None


# ---------------------------------------------------------------------------------------------
# Grammar


@dataclass(frozen=True)
class _Hit:
    end: int  # token index after the expression
    lo: dt.date | None  # first day it can mean; None: not known (no publication date / invalid)
    hi: dt.date | None
    relative: bool
    trim: int = 0  # clitic characters before the expression in its first token
    day_level: bool = False  # written as a single day: a stated weekday can be checked against it
    weekday_conflict: bool = False


def _longest(*hits: _Hit | None) -> _Hit | None:
    best = None
    for h in hits:
        if h is not None and (best is None or h.end > best.end):
            best = h
    return best


class _Parser:
    """Recursive-descent matcher over tokens; every method takes a token index and returns the
    longest expression of its kind that starts there, or None."""

    def __init__(self, toks: list[_Tok], published: dt.date | None, lex: _Lexicon):
        self.toks = toks
        self.pub = published
        self.lex = lex
        self.starts = _start_keys(lex)

    # -- small pieces ------------------------------------------------------------------------

    def _tok(self, i: int) -> _Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def _number(self, i: int, digits: tuple[int, ...], lo: int, hi: int) -> int | None:
        t = self._tok(i)
        if t is None or t.kind != "n" or len(t.key) not in digits or not t.key.isascii():
            return None
        v = int(t.key)
        return v if lo <= v <= hi else None

    def _skip(self, table: _Table, i: int) -> int:
        m = table.match(self.toks, i)
        return m.end if m else i

    def _day(self, i: int) -> tuple[int, int, int] | None:
        """Day of month: 1-2 digits (then an optional «من») or an ordinal word then «من».
        Returns (end, day, trim)."""
        d = self._number(i, (1, 2), 1, 31)
        if d is not None:
            return self._skip(self.lex.of_words, i + 1), d, 0
        first = self.lex.first_day.match(self.toks, i, clitics=True)
        if first is not None:
            return first.end, 1, first.trim  # «غرة جوان»
        m = self.lex.ordinals.match(self.toks, i, clitics=True)
        if m is None:
            return None
        of = self.lex.of_words.match(self.toks, m.end)
        return (of.end, m.value, m.trim) if of else None

    def _months(self, i: int, clitics: bool = False) -> _Match | None:
        """A Gregorian month, possibly named twice: «تشرين الثاني نوفمبر», «أيلول/ سبتمبر»,
        «كانون الثاني (يناير)». A second name for another month is not swallowed."""
        first = self.lex.gmonths.match(self.toks, i, clitics)
        if first is None:
            return None
        j = first.end
        sep = self._tok(j)
        k = j + 1 if sep is not None and sep.key in self.lex.separators - {")"} else j
        second = self.lex.gmonths.match(self.toks, k)
        if second is None or second.value != first.value:
            return first
        end = second.end
        if k > j and self.toks[j].key == "(":
            close = self._tok(end)
            if close is None or close.key != ")":
                return first
            end += 1
        return _Match(end, first.value, first.trim, first.phrase)

    def _period_phrase(self, i: int, clitics: bool = False) -> tuple[_Match, str, int] | None:
        """«الشهر الماضي», «السنة المقبلة», «هذا العام» → (match, unit, offset)."""
        lex = self.lex
        unit = lex.units.match(self.toks, i, clitics)
        if unit is not None:
            mod = lex.modifiers.match(self.toks, unit.end)
            if mod is not None:
                return _Match(mod.end, unit.phrase, unit.trim, unit.phrase), unit.value, mod.value
        ago = lex.ago.match(self.toks, i, clitics)
        if ago is not None and not self._blocked(i, ago):
            return _Match(ago.end, ago.phrase, ago.trim, ago.phrase), ago.value[0], ago.value[1]
        this = lex.this.match(self.toks, i, clitics)
        if this is not None:
            unit = lex.units.match(self.toks, this.end)
            if unit is not None:
                return _Match(unit.end, unit.phrase, this.trim, this.phrase), unit.value, 0
        return None

    def _year_part(self, i: int) -> tuple[int, int, bool] | None:
        """The year after a month: «2025», «عام 2025م», «من العام الماضي», «، 2025».
        Returns (end, year, relative); year is 0 when relative and no publication date."""
        t = self._tok(i)
        k = i
        if t is not None and (t.key in ("،", ",") or self.lex.of_words.match(self.toks, i)):
            k = i + 1
        for start in dict.fromkeys((k, i)):
            period = self._period_phrase(start)
            if period is not None and period[1] == "year":
                m, _, off = period
                return m.end, (self.pub.year + off if self.pub else 0), True
            j = self._skip(self.lex.year_words, start)
            y = self._number(j, (4,), _MIN_YEAR, _MAX_YEAR)
            if y is not None:
                return self._skip(self.lex.g_era, j + 1), y, False
        return None

    # -- expression types --------------------------------------------------------------------

    def _numeric(self, i: int) -> _Hit | None:
        """16/9/2025, 16-09-2025, 16.9.2025, 2025-09-16, 9 / 10 / 1436 هـ (day first, as Arabic
        news writes; the year has four digits, so scores and ratios «6/5» are left alone)."""
        parts = self.toks[i : i + 5]
        if len(parts) < 5 or [p.kind for p in parts] != ["n", "p", "n", "p", "n"]:
            return None
        if parts[1].key != parts[3].key:  # «25 / 7 / 2015» is spaced in some outlets
            return None
        if parts[1].key not in ("/", "-", "."):
            return None
        a, b, c = (p.key for p in parts[::2])
        if not (a + b + c).isascii():
            return None
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2 and len(b) <= 2:
            d, m, y = int(a), int(b), int(c)
        else:
            return None
        h_era = self.lex.h_era.match(self.toks, i + 5)
        g_era = self.lex.g_era.match(self.toks, i + 5)
        if h_era is not None or (g_era is None and _HIJRI_NUMERIC[0] <= y <= _HIJRI_NUMERIC[1]):
            # «28/3/1436هـ», and Saudi news writes Hijri dates without the marker.
            iv = _hijri_interval(y, m, d) if 1 <= m <= 12 else None
            if iv is None:
                return None
            end = h_era.end if h_era else i + 5
            return _Hit(end, *iv, relative=False, day_level=True)
        if not _MIN_YEAR <= y <= _MAX_YEAR:
            return None
        try:
            day = dt.date(y, m, d)
        except ValueError:
            return None
        end = g_era.end if g_era else i + 5
        return _Hit(end, day, day, relative=False, day_level=True)

    def _day_month(self, i: int) -> _Hit | None:
        """«16 أيلول 2025», «التاسع من سبتمبر», «16 أيلول الماضي», «الثالث من الشهر الجاري»."""
        day = self._day(i)
        if day is None:
            return None
        j, d, trim = day
        pub = self.pub
        months = self._months(j)
        if months is None:
            period = self._period_phrase(j)
            if period is None or period[1] != "month":
                return None
            m, _, off = period
            if pub is None:
                return _Hit(m.end, None, None, True, trim, day_level=True)
            y, mo = _shift_month(pub.year, pub.month, off)
            return self._day_hit(m.end, y, mo, d, True, trim)
        end, mo = months.end, months.value
        yp = self._year_part(end)
        if yp is not None:
            end, y, rel = yp
            if rel and pub is None:
                return _Hit(end, None, None, True, trim, day_level=True)
            return self._day_hit(end, y, mo, d, rel, trim)
        if pub is None:
            # Never guess the year: «التاسع من سبتمبر» with no publication date has no value.
            mod = self.lex.modifiers.match(self.toks, end)
            return _Hit(mod.end if mod else end, None, None, True, trim, day_level=True)
        y = pub.year
        mod = self.lex.modifiers.match(self.toks, end)
        if mod is not None:
            end = mod.end
            if mod.value < 0 and not self._before(y, mo, d, pub):
                y -= 1
            elif mod.value > 0 and self._before(y, mo, d, pub, or_equal=True):
                y += 1
        return self._day_hit(end, y, mo, d, True, trim)

    @staticmethod
    def _before(y: int, m: int, d: int, pub: dt.date, or_equal: bool = False) -> bool:
        key = (m, d)
        return key <= (pub.month, pub.day) if or_equal else key < (pub.month, pub.day)

    @staticmethod
    def _day_hit(end: int, y: int, m: int, d: int, rel: bool, trim: int) -> _Hit:
        try:
            day = dt.date(y, m, d)
        except ValueError:  # «31 شباط 2025»: only month and year are certain
            lo, hi = _month_interval(y, m)
            return _Hit(end, lo, hi, rel, trim)
        return _Hit(end, day, day, rel, trim, day_level=True)

    def _month(self, i: int, qualified: bool = False) -> _Hit | None:
        """«نوفمبر 2020», «شهر تشرين الأول من العام الماضي», «أيلول الماضي», «شهر آب».

        A month name alone is not a date (مارس is also a verb, نيسان a car): it needs a year,
        a modifier, «شهر» before it, a qualifier such as «مطلع», or its name in the other
        calendar beside it («مايو/ أيار»: no verb or car is written twice)."""
        mw = self.lex.month_words.match(self.toks, i, clitics=not qualified)
        start = mw.end if mw else i
        months = self._months(start, clitics=mw is None and not qualified)
        if months is None:
            return None
        single = self.lex.gmonths.match(self.toks, start, mw is None and not qualified)
        doubled = single is not None and months.end > single.end
        trim = mw.trim if mw else months.trim
        end, mo, pub = months.end, months.value, self.pub
        yp = self._year_part(end)
        if yp is not None:
            end, y, rel = yp
            if rel and pub is None:
                return _Hit(end, None, None, True, trim)
            return _Hit(end, *_month_interval(y, mo), rel, trim)
        mod = self.lex.modifiers.match(self.toks, end)
        if mod is None and mw is None and not qualified and not doubled:
            return None
        end = mod.end if mod else end
        if pub is None:
            return _Hit(end, None, None, True, trim)
        if mod is None and mw is None and not qualified and mo > pub.month:
            # «في نوفمبر/ تشرين الثاني» in a February paper: last November or the next one, as
            # the verb's tense says; the date alone cannot tell
            return _Hit(end, None, None, True, trim)
        y = pub.year
        if mod is not None and mod.value < 0 and mo >= pub.month:
            y -= 1
        elif mod is not None and mod.value > 0 and mo <= pub.month:
            y += 1
        return _Hit(end, *_month_interval(y, mo), True, trim)

    def _hijri(self, i: int) -> _Hit | None:
        """«15 رمضان 1446 هـ», «رمضان 1446», «1446هـ», «عام 1446 هجرية», «15 رمضان»."""
        lex, pub = self.lex, self.pub
        day = self._day(i)
        d, j, trim = (None, i, 0) if day is None else (day[1], day[0], day[2])
        hm = lex.hmonths.match(self.toks, j, clitics=day is None)
        if hm is not None:
            trim = trim if day else hm.trim
            k = self._skip(lex.of_words, hm.end)
            k = self._skip(lex.year_words, k)
            y = self._number(k, (3, 4), 1, 9999)
            if y is not None:
                era = lex.h_era.match(self.toks, k + 1)
                if era is None and y >= _GREGORIAN_FROM:
                    # «رمضان 2025»: the Hijri month as it fell in that Gregorian year.
                    end = self._skip(lex.g_era, k + 1)
                    iv = _hijri_in_gregorian_year(y, hm.value, d)
                else:
                    end = era.end if era else k + 1
                    iv = _hijri_interval(y, hm.value, d)
                return _Hit(end, *(iv or (None, None)), False, trim, day_level=d is not None)
            if d is None:
                return None
            end = self._skip(lex.h_era, hm.end)
            if pub is None:
                return _Hit(end, None, None, True, trim, day_level=True)
            try:
                hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
            except (ValueError, OverflowError):
                return _Hit(end, None, None, True, trim, day_level=True)
            iv = _hijri_interval(hy, hm.value, d)
            return _Hit(end, *(iv or (None, None)), True, trim, day_level=True)
        if day is not None:
            return None
        yw = lex.year_words.match(self.toks, i, clitics=True)
        k = yw.end if yw else i
        y = self._number(k, (3, 4), 1, 9999)
        era = lex.h_era.match(self.toks, k + 1) if y is not None else None
        if era is None or y is None:
            return None
        iv = _hijri_interval(y, None, None)
        return _Hit(era.end, *(iv or (None, None)), False, yw.trim if yw else 0)

    def _year(self, i: int, qualified: bool = False) -> _Hit | None:
        """«عام 2021», «العام 2021», «2021م», and after a qualifier a bare «2021» («مطلع 2021»)."""
        yw = self.lex.year_words.match(self.toks, i, clitics=not qualified)
        k = yw.end if yw else i
        y = self._number(k, (4,), _MIN_YEAR, _MAX_YEAR)
        if y is None:
            return None
        era = self.lex.g_era.match(self.toks, k + 1)
        if yw is None and era is None and not qualified:
            return None
        end = era.end if era else k + 1
        return _Hit(end, dt.date(y, 1, 1), dt.date(y, 12, 31), False, yw.trim if yw else 0)

    def _period(self, i: int, qualified: bool = False) -> _Hit | None:
        """«الشهر الماضي», «العام الجاري», «هذا الأسبوع», counted from the publication date."""
        period = self._period_phrase(i, clitics=not qualified)
        if period is None:
            return None
        m, unit, off = period
        if not qualified and self._adjective(i, m):
            return None
        pub = self.pub
        if pub is None:
            return _Hit(m.end, None, None, True, m.trim)
        if unit == "week":
            # the union of that week under every day a week may start on (dates.json)
            off = max(-1, min(1, off))
            starts = [_on_or_before(pub, d) + 7 * off * _ONE_DAY for d in self.lex.week_starts]
            lo, hi = min(starts), max(starts) + 6 * _ONE_DAY
        elif unit == "month":
            lo, hi = _month_interval(*_shift_month(pub.year, pub.month, off))
        else:
            lo, hi = dt.date(pub.year + off, 1, 1), dt.date(pub.year + off, 12, 31)
        return _Hit(m.end, lo, hi, True, m.trim)

    def _adjective(self, i: int, m: _Match) -> bool:
        """«العام» after «الأمين», «المدعي»… is the adjective: «الأمين العام الحالي»."""
        nouns = self.lex.adjective_guard.get(" ".join(m.phrase))
        prev = self._tok(i - 1)
        if not nouns or prev is None or prev.kind != "w":
            return False
        return any(r in nouns for r, _ in _readings(prev.key))

    def _qualified(self, i: int) -> _Hit | None:
        """«مطلع الشهر الجاري», «أواخر أيلول الماضي», «منتصف عام 2024», «نهاية 2024»."""
        q = self.lex.quals.match(self.toks, i, clitics=True)
        if q is None:
            return None
        j = self._skip(self.lex.of_words, q.end)
        inner = _longest(self._month(j, True), self._year(j, True), self._period(j, True))
        if inner is None:
            return None
        return _Hit(inner.end, inner.lo, inner.hi, inner.relative, q.trim)

    def _date(self, i: int) -> _Hit | None:
        """Any expression that does not start with a weekday or a relative day word."""
        return _longest(
            self._numeric(i),
            self._day_month(i),
            self._month(i),
            self._hijri(i),
            self._year(i),
            self._period(i),
            self._qualified(i),
        )

    def _full_date(self, i: int) -> _Hit | None:
        """A date written down to the day, as it follows a weekday («الثلاثاء 16 أيلول»)."""
        hits = [self._numeric(i), self._day_month(i), self._hijri(i)]
        return _longest(*(h for h in hits if h is not None and h.day_level))

    def _anchored(self, i: int) -> _Hit | None:
        """[time of day] [يوم] (relative day [weekday] | weekday [modifier]) [، الموافق date].

        «فجر اليوم الثلاثاء», «مساء أمس», «يوم الخميس», «الثلاثاء الماضي», «غداً الأربعاء»,
        «اليوم الثلاثاء 16 أيلول2025», «يوم الخميس الموافق 12 أيار»."""
        lex, toks, pub = self.lex, self.toks, self.pub
        k, trim = i, None
        for table in (lex.tod, lex.day_words):
            m = table.match(toks, k, clitics=k == i)
            if m is not None:
                trim = m.trim if trim is None else trim
                k = m.end
        rel = lex.rel_days.match(toks, k, clitics=k == i)
        if rel is not None and self._blocked(k, rel):
            rel = None
        if rel is not None:
            trim = rel.trim if trim is None else trim
            k = rel.end
        wd = lex.weekdays.match(toks, k, clitics=k == i)
        if wd is not None and self._blocked(k, wd):
            wd = None
        if wd is None and rel is not None:
            wd = self._bracketed_weekday(k)  # «اليوم (الاثنين)», «أمس (الجمعة)»
        mod = None
        if wd is not None:
            trim = wd.trim if trim is None else trim
            k = wd.end
            if rel is None:
                mod = lex.modifiers.match(toks, k)
                if mod is not None and mod.value != 0:
                    k = mod.end
                else:
                    mod = None
        if k == i:
            return None
        trim = trim or 0
        date = self._attached_date(k, direct=rel is None and wd is None)
        if date is not None:
            end, full = date
            conflict = (
                wd is not None
                and full.lo is not None
                and full.lo == full.hi
                and full.lo.weekday() != wd.value
            )
            return _Hit(end, full.lo, full.hi, full.relative, trim, True, conflict)
        if rel is None and wd is None:
            return None  # «صباح» or «يوم» with nothing after it is not a date
        if pub is None:
            return _Hit(k, None, None, True, trim, day_level=True)
        offset = rel.value if rel is not None else 0
        anchor = pub + dt.timedelta(days=offset)
        if wd is None:
            day = anchor
        elif mod is not None and mod.value < 0:
            day = _on_or_before(pub - _ONE_DAY, wd.value)
        elif mod is not None:
            day = _on_or_after(pub + _ONE_DAY, wd.value)
        elif offset > 0:
            day = _on_or_after(anchor, wd.value)
        else:
            # A weekday in news is the latest such day on or before publication: «يوم الخميس»
            # in an article of Saturday is two days earlier.
            day = _on_or_before(anchor, wd.value)
        return _Hit(k, day, day, True, trim, day_level=True)

    def _attached_date(self, k: int, direct: bool) -> tuple[int, _Hit] | None:
        """A full date after a weekday or relative word, through «،», «(», «-» or «الموافق»."""
        paren = False
        j = k
        t = self._tok(j)
        if not direct and t is not None and t.kind == "p" and t.key in self.lex.separators - {")"}:
            paren = t.key == "("
            j += 1
        if not direct:
            j = self._skip(self.lex.linkers, j)
        full = self._full_date(j)
        if full is None:
            return None
        end = full.end
        if paren:
            close = self._tok(end)
            if close is None or close.key != ")":
                return None
            end += 1
        return end, full

    def _blocked(self, k: int, m: _Match) -> bool:
        """A date word read as an ordinary word because of its neighbour: «في اليوم التالي»,
        «بين الاثنين», «قد غدا», «صلاة الجمعة» (lists in the lexicon's `blockers`)."""
        block = self.lex.blockers.get(" ".join(m.phrase))
        if block is None:
            return False
        prev, nxt = self._tok(k - 1), self._tok(m.end)
        return (prev is not None and prev.key in block[0]) or (
            nxt is not None and nxt.key in block[1]
        )

    def _bracketed_weekday(self, k: int) -> _Match | None:
        t = self._tok(k)
        if t is None or t.key != "(":
            return None
        wd = self.lex.weekdays.match(self.toks, k + 1)
        close = self._tok(wd.end) if wd else None
        if wd is None or close is None or close.key != ")":
            return None
        return _Match(wd.end + 1, wd.value, 0, wd.phrase)

    def parse(self, i: int) -> _Hit | None:
        tok = self.toks[i]
        if tok.kind == "w" and not any(r in self.starts for r, _ in _readings(tok.key)):
            return None
        if tok.kind not in ("w", "n"):
            return None
        return _longest(self._anchored(i), self._date(i))


# ---------------------------------------------------------------------------------------------
# Public API


def _trim_chars(token_text: str, trim: int) -> int:
    """Code points to skip in the original token to drop `trim` normalised clitic letters
    (and the marks written on them: «وَأمس»)."""
    pos = seen = 0
    while pos < len(token_text) and seen < trim:
        if normalize(token_text[pos]):
            seen += 1
        pos += 1
    while pos < len(token_text) and not normalize(token_text[pos]):
        pos += 1
    return pos


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every temporal expression in `text`, left to right, non-overlapping, longest match first.

    Relative expressions are resolved against `published`; without it they are still returned,
    with value None.
    """
    pub = _as_date(published) if published is not None else None
    toks = _tokenize(text)
    parser = _Parser(toks, pub, _lexicon())
    out: list[DateMention] = []
    i = 0
    while i < len(toks):
        hit = parser.parse(i)
        if hit is None or hit.end <= i:
            i += 1
            continue
        first = toks[i]
        start = first.start + _trim_chars(text[first.start : first.end], hit.trim)
        end = toks[hit.end - 1].end
        out.append(
            DateMention(
                start=start,
                end=end,
                text=text[start:end],
                value=_value(hit.lo, hit.hi),
                relative=hit.relative,
                weekday_conflict=hit.weekday_conflict,
            )
        )
        i = hit.end
    return out


def normalize_date(expr: str, published: dt.date | None) -> DateValue | None:
    """The value of one expression («16 أيلول 2025», «أمس»); None when it holds no certain date.

    When the string holds more than one expression the longest one decides.
    """
    mentions = find_dates(expr, published)
    if not mentions:
        return None
    return max(mentions, key=lambda m: m.end - m.start).value
