"""The person gazetteer: officeholders from Wikidata with their Arabic names (labels where Wikidata
has them, spellings generated from the English name otherwise) and their dated positions.

Reads what `scripts/build_persons.py` writes into data/gazetteer/: persons.tsv,
person_positions.tsv and wikidata_positions.tsv. Only linking reads these files, so the reader
lives in the link stage, not beside `kg.gazetteer` (which recognition reads too).

A missing or broken file must not stop a build: `load_persons` reports it in one line naming the
file and the cause, and the build goes on with no person links (never with half a gazetteer, which
could make a namesake look like the only candidate).
"""

from __future__ import annotations

import gc
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.io import TsvError, read_table
from kg.link.names import (
    EN_PARTICLES, NASAB, Alignment, ArToken, Slot, align, arabic_name_tokens, arabic_skeleton, fold,
    keys_version, retrieval_keys, slot_for_forms, token_key,
)
from kg.paths import GAZETTEER

PERSON_FILES = ("persons.tsv", "person_positions.tsv", "wikidata_positions.tsv")
PERSON_COLUMNS = ["qid", "label_en", "aliases_en", "label_ar", "aliases_ar", "name_tokens", "generated_ar",
                  "countries", "as_of", "source", "index_keys"]


class PersonGazetteerError(Exception):
    """A person-gazetteer file is missing or malformed (the message names the file and the cause)."""


@dataclass(frozen=True)
class WdPosition:
    qid: str
    label_en: str
    iso2: str | None
    office_key: str | None


@dataclass(frozen=True)
class Holding:
    """One P39 statement: the position and its start and end as Wikidata gives them (YYYY[-MM[-DD]])."""

    position: str
    start: str
    end: str
    origin: str  # which upstream file (wikidata-P39, holders21, …)


@dataclass(frozen=True)
class Variant:
    kind: str  # "label" (a Wikidata Arabic label or alias) | "generated" (from the English name)
    text: str  # the name the slots come from (Arabic label, or English name tokens)
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Person:
    qid: str
    label_en: str
    label_ar: str
    aliases_ar: tuple[str, ...]
    variants: tuple[Variant, ...]
    countries: frozenset[str]
    as_of: str
    source: str
    holdings: tuple[Holding, ...] = ()


@dataclass(frozen=True)
class NameMatch:
    """How well an Arabic name fits one person. `level`, strongest first: label (a Wikidata Arabic
    label or alias, every token), generated (the generated spellings of the English name, two or
    more tokens), weak (two or more tokens, mostly by consonant skeleton), surname (one token: the
    name's last)."""

    person: Person
    level: str
    variant: Variant
    alignment: Alignment
    text: str  # the Arabic name that matched


LEVELS = ("label", "generated", "weak", "surname")


def _row_keys(r: list[str]) -> list[str]:
    """A persons.tsv row's retrieval keys, computed with this checkout's key functions."""
    labels = [f for f in (r[3], *r[4].split("|")) if f]
    en = [v.split() for v in r[5].split("|")] if r[5] else []
    gen = [[[] if c == "_" else c.split("/") for c in v.split()] for v in r[6].split("|")] if r[6] else []
    return retrieval_keys(labels, en, gen)


def _header_value(path: Path, name: str) -> str | None:
    """A `name: value` note in a file's leading comment lines."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                return None
            m = re.search(rf"\b{name}: (\S+)", line)
            if m:
                return m.group(1)
    return None


def _read(path: Path, required: list[str]) -> list[list[str]]:
    try:
        header, table = read_table(path, strict=True)
    except FileNotFoundError:
        raise PersonGazetteerError(f"{path}: file not found (run scripts/build_persons.py)") from None
    except TsvError as exc:
        raise PersonGazetteerError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PersonGazetteerError(f"{path}: cannot read ({exc})") from None
    if header[: len(required)] != required:
        raise PersonGazetteerError(f"{path}: header must start with {', '.join(required)}")
    return [[row[c] for c in header] for row in table]


_QID = re.compile(r"Q[1-9][0-9]*")


def _qid_ok(path: Path, value: str, i: int) -> str:
    if not _QID.fullmatch(value):
        raise PersonGazetteerError(f"{path}: row {i}: {value!r} is not a QID")
    return value


def _bound(value: str, upper: bool) -> str:
    """A YYYY[-MM[-DD]] value as the first (or last) day it can mean."""
    if len(value) == 4:
        return value + ("-12-31" if upper else "-01-01")
    if len(value) == 7:
        return value + ("-31" if upper else "-01")
    return value[:10]


def term_covers(start: str, end: str, day: date, as_of: str) -> bool | None:
    """Was a term from `start` to `end` running on `day`? True or False when the data says; None
    when it cannot: no start, or no end and data older than the day (the term may have ended
    since: Biden's open term in a 2023 extract says nothing about 2025)."""
    d = day.isoformat()
    if not start:
        return None
    if _bound(start, False) > d:
        return False
    if end:
        return _bound(end, True) >= d
    if as_of and d > as_of:
        return None
    return True


_CACHE: dict[tuple, PersonGazetteer] = {}


class PersonGazetteer:
    """Look-ups over the person files; `PersonGazetteer.load()` reads them once per folder.

    Loading stays well under a second for 15k persons because a `Person` (its name slots and
    holdings) is made only when a look-up reaches it; the retrieval indexes are built from the
    raw cells with cached key functions (`make bench` prints the load time and memory)."""

    def __init__(self, rows: list[list[str]], holdings: dict[str, list[list[str]]],
                 positions: dict[str, WdPosition], stale_keys: bool = False) -> None:
        self._rows = rows
        self._made: dict[int, Person] = {}
        self._by_qid = {r[0]: i for i, r in enumerate(rows)}
        self._holdings = holdings
        self._positions = positions
        # Retrieval index: token key, or "~" + consonant skeleton → persons whose name has it.
        # The build stored each person's keys (index_keys); computed again only when they were
        # made by other key functions than this checkout's (`keys_version`).
        fresh = stale_keys
        index: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            keys = _row_keys(r) if fresh else r[10].split()
            for k in keys:
                index[k].append(i)
        self._index = dict(index)
        self._known_offices: set[tuple[str, str | None]] = set()
        for pos in positions.values():
            if pos.office_key:
                self._known_offices.add((pos.office_key, pos.iso2))
                self._known_offices.add((pos.office_key, None))
        self._holder_index: dict[tuple[str, str | None], set[int]] | None = None  # made on first use

    def _holders(self) -> dict[tuple[str, str | None], set[int]]:
        """(office, iso2) → persons who held a position that is that office (built on first use:
        only title-only links and «held at another time» need it)."""
        if self._holder_index is None:
            index: dict[tuple[str, str | None], set[int]] = defaultdict(set)
            for qid, held in self._holdings.items():
                i = self._by_qid.get(qid)
                if i is None:
                    continue
                for h in held:
                    pos = self._positions.get(h[0])
                    if pos is not None and pos.office_key:
                        index[(pos.office_key, pos.iso2)].add(i)
            self._holder_index = dict(index)
        return self._holder_index

    # --- loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls, dir: Path | str = GAZETTEER) -> PersonGazetteer:
        d = Path(dir)
        files = [d / n for n in PERSON_FILES]
        stamp = tuple((str(f.resolve()), f.stat().st_mtime_ns if f.exists() else None) for f in files)
        cached = _CACHE.get(stamp)
        if cached is None:
            # Some 300k small lists and strings are made at once; the cyclic collector would walk
            # every live object (a build's records, spaCy's model) again and again meanwhile, for
            # nothing: none of them can form a cycle. Measured: 0.6 → 0.4 s (`make bench`).
            enabled = gc.isenabled()
            gc.disable()
            try:
                cached = _CACHE[stamp] = cls._read(d)
            finally:
                if enabled:
                    gc.enable()
        return cached

    @classmethod
    def _read(cls, d: Path) -> PersonGazetteer:
        path = d / "wikidata_positions.tsv"
        positions: dict[str, WdPosition] = {}
        for i, (qid, label, iso, office, _holders) in enumerate(
                _read(path, ["position_qid", "label_en", "iso2", "office_key", "holders"]), 2):
            positions[_qid_ok(path, qid, i)] = WdPosition(qid, label, iso or None, office or None)
        path = d / "person_positions.tsv"
        holdings: dict[str, list[list[str]]] = defaultdict(list)
        held_rows = _read(path, ["qid", "position_qid", "start", "end", "from"])
        for row in held_rows:
            holdings[row[0]].append(row[1:])
        for i, row in enumerate(held_rows, 2):  # checked apart from the grouping: one C-speed test per row
            if row[1] not in positions or not _QID.fullmatch(row[0]):
                if row[1] not in positions:
                    raise PersonGazetteerError(f"{path}: row {i}: position {row[1]!r} is not in wikidata_positions.tsv")
                _qid_ok(path, row[0], i)
        path = d / "persons.tsv"
        rows = _read(path, PERSON_COLUMNS)
        for i, row in enumerate(rows, 2):
            # Each English name variant lines up with its generated spellings, token for token.
            if (not _QID.fullmatch(row[0]) or row[5].count("|") != row[6].count("|")
                    or row[5].count(" ") != row[6].count(" ")):
                _qid_ok(path, row[0], i)
                raise PersonGazetteerError(f"{path}: row {i}: name_tokens and generated_ar do not line up")
        version = _header_value(path, "keys_version")
        stale = version != keys_version()
        if stale:
            print(f"kg: note: {path}: retrieval keys were made by other key functions; recomputing "
                  "(rebuild with scripts/build_persons.py to load faster)", file=sys.stderr)
        return cls(rows, dict(holdings), positions, stale_keys=stale)

    def _make(self, i: int) -> Person:
        p = self._made.get(i)
        if p is not None:
            return p
        qid, label_en, _aliases_en, label_ar, aliases_ar, name_tokens, generated, countries, as_of, source = self._rows[i][:10]
        variants: list[Variant] = []
        for form in [label_ar, *aliases_ar.split("|")]:
            if form:
                toks = arabic_name_tokens(form)
                slots = tuple(slot_for_forms([t.text], None, t.particle) for t in toks)
                if slots:
                    variants.append(Variant("label", form, slots))
        # Where Wikidata has an Arabic label, it says how the name is written in Arabic; the
        # Latin consonant skeleton of a generated spelling then proposes nothing on its own (it
        # cannot see «ع»: "Al-nasi" (label «النسي») is not the «العنزي» of a Saudi article).
        latin_skeletons = not variants
        if name_tokens:
            for en, gen in zip(name_tokens.split("|"), generated.split("|")):
                slots = tuple(
                    slot_for_forms([c for c in cand.split("/") if c and c != "_"], tok, fold(tok) in EN_PARTICLES,
                                   skeletons=latin_skeletons)
                    for tok, cand in zip(en.split(), gen.split())
                )
                variants.append(Variant("generated", en, slots))
        p = Person(
            qid, label_en, label_ar, tuple(a for a in aliases_ar.split("|") if a), tuple(variants),
            frozenset(c for c in countries.split("|") if c), as_of, source,
            tuple(Holding(*h) for h in self._holdings.get(qid, ())),
        )
        self._made[i] = p
        return p

    # --- look-ups -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def person(self, qid: str) -> Person | None:
        i = self._by_qid.get(qid)
        return self._make(i) if i is not None else None

    def position(self, qid: str) -> WdPosition | None:
        return self._positions.get(qid)

    def office_known(self, office_key: str, iso2: str | None) -> bool:
        """Does any Wikidata position of the extract stand for this office (of this country)?"""
        return (office_key, iso2) in self._known_offices

    def held_by_other(self, office_key: str, iso2: str, day: date, qid: str) -> bool:
        """Did someone other than `qid` hold this office of this country on `day`, by the extract?"""
        for i in self._holders().get((office_key, iso2 or None), ()):
            p = self._make(i)
            if p.qid == qid:
                continue
            for h in p.holdings:
                pos = self._positions.get(h.position)
                if pos is None or pos.office_key != office_key or pos.iso2 != (iso2 or None):
                    continue
                if term_covers(h.start, h.end, day, p.as_of):
                    return True
        return False

    def holders(self, office_key: str, iso2: str) -> list[Person]:
        """Everyone who held a position that is this office of this country, at some time."""
        return [self._make(i) for i in sorted(self._holders().get((office_key, iso2), ()))]

    def match(self, name: str) -> list[NameMatch]:
        """Persons whose name the Arabic `name` can be, each with its best match, strongest first.

        Retrieval: every Arabic token (alone, or joined with a neighbour) looks up the persons
        having its key or skeleton; a person must be found by all tokens but one (a token such as
        «إن» in «مون جاي إن» finds nobody by itself). The alignment then decides."""
        ar = arabic_name_tokens(name)
        content = [i for i, t in enumerate(ar) if not t.particle]
        if not content:
            return []
        found: Counter[int] = Counter()
        searched = 0
        # «سلمان بن عبدالعزيز»: what follows «بن» may be a patronymic the name lacks, so the
        # tokens before it suffice to find the person.
        cut = next((i for i, t in enumerate(ar) if i > content[0] and t.text in NASAB), len(ar))
        before = 0
        for i in content:
            t = ar[i]
            hits: set[int] = set(self._index.get(t.key, ()))
            if len(t.skeleton) >= 2:
                hits.update(self._index.get("~" + t.skeleton, ()))
            for j in (i - 1, i + 1):
                if 0 <= j < len(ar) and not ar[j].particle:
                    joined = ar[min(i, j)].text + ar[max(i, j)].text
                    hits.update(self._index.get(token_key(joined), ()))
                    sk = arabic_skeleton(joined)
                    if len(sk) >= 3:
                        hits.update(self._index.get("~" + sk, ()))
            if hits:
                searched += 1
                before += i < cut
                found.update(hits)
        need = searched if searched <= 2 else searched - 1
        if cut < len(ar):
            need = min(need, max(before, 1))
        out = []
        for i, n in found.items():
            if n < need:
                continue
            m = self._best(self._make(i), ar, len(content), name)
            if m is not None:
                out.append(m)
        out.sort(key=lambda m: (LEVELS.index(m.level), -m.alignment.score, m.person.qid))
        return out

    @staticmethod
    def _best(p: Person, ar: list[ArToken], n: int, name: str) -> NameMatch | None:
        best: NameMatch | None = None
        for v in p.variants:
            a = align(ar, list(v.slots))
            if a is None:
                continue
            level = _level(v, a, n)
            if level is None:
                continue
            m = NameMatch(p, level, v, a, name)
            if best is None or (LEVELS.index(level), -a.score) < (LEVELS.index(best.level), -best.alignment.score):
                best = m
        return best


def _level(v: Variant, a: Alignment, n: int) -> str | None:
    """The strength of an alignment of n Arabic name tokens (particles not counted)."""
    n -= a.skipped
    if a.matched < n or n < 1:
        return None
    if n == 1:
        # One word names the person only as the last word of the name («السيسي», «ترامب»), by a
        # form or by a skeleton of two consonants or more; a first name alone proposes nobody.
        if a.last and (a.forms == 1 or a.score >= 1.0):
            return "surname"
        return None
    if a.skipped:
        return "weak"  # a patronymic the extract does not know: never a name match on its own
    if v.kind == "label" and a.exact == n:
        return "label"
    if a.forms >= 1 and a.score >= 2.75:
        return "generated"
    if a.score >= 2.5 and (a.first or a.last):
        return "weak"
    return None


def load_persons(dir: Path | str | None = None, warn: Callable[[str], None] | None = None) -> PersonGazetteer | None:
    """The person gazetteer (data/gazetteer by default), or None after one line on stderr when a
    file is missing or broken: the build then goes on with no person links."""
    try:
        return PersonGazetteer.load(dir if dir is not None else GAZETTEER)
    except PersonGazetteerError as exc:
        (warn or (lambda m: print(m, file=sys.stderr)))(f"kg: warning: {exc}; persons are not linked to Wikidata")
        return None
