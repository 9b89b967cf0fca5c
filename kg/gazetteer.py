"""The offline gazetteer: places, verified entities, nationality adjectives and offices.

Reads the TSV files `scripts/build_gazetteer.py` writes into data/gazetteer/ (and the hand-kept
data/lexicon/offices.tsv). Every look-up goes through `kg.arabic`, so «لروسيا», «وروسيا» and
«روسيا» find the same row while «بغداد» keeps its ب: a reading with proclitics peeled off is
only tried when the unpeeled word is not a known form.

Places become NER patterns (`ruler_patterns`); persons do not. Persons named in
verified_entities.json came from the sample articles: turning them into patterns would make
recognition work only on those articles. They serve linking only.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.arabic import clitic_readings, match_key, normalize, phonetic_key, tokens
from kg.io import TsvError, read_tsv
from kg.paths import GAZETTEER, LEXICON

PLACE_KINDS = ("country", "capital", "city", "territory", "region")
GPE_KINDS = frozenset({"country", "capital", "city", "territory"})
ENTITY_KINDS = ("person", "organization", "position", "event")

# Proclitic chains written glued to a name: and/so + preposition. «لل» replaces «ل + ال».
_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_ARTICLE_PREFIXES = ("لل", "ولل", "فلل")


class GazetteerError(Exception):
    """A gazetteer file is missing or malformed (the message names the file and the cause)."""


def form_key(text: str) -> str:
    """The key every gazetteer form and every looked-up string is compared by."""
    return " ".join(tokens(text))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split("|") if v)


@dataclass(frozen=True)
class Place:
    qid: str
    kind: str  # country | capital | city | territory | region
    label_en: str
    label_ar: str
    aliases_ar: tuple[str, ...]
    aliases_en: tuple[str, ...]
    iso2: str | None
    country_qid: str | None
    population: int | None
    source: str
    ambiguous_keys: frozenset[str]  # keys of forms other places share
    common_keys: frozenset[str]  # one-word forms that are mostly ordinary words in ANERcorp

    @property
    def forms_ar(self) -> tuple[str, ...]:
        return tuple(f for f in (self.label_ar, *self.aliases_ar) if f)

    @property
    def ner_label(self) -> str:
        return "GPE" if self.kind in GPE_KINDS else "LOC"


@dataclass(frozen=True)
class GazEntity:
    """A person, organization, position or event row of entities.tsv."""

    qid: str
    kind: str
    label_en: str
    label_ar: str
    forms_ar: tuple[str, ...]
    country: str | None
    weak_keys: frozenset[str]  # forms that name it only with the country known («مجلس النواب»)
    role_category: str | None
    source: str


@dataclass(frozen=True)
class Office:
    key: str
    forms_ar: tuple[str, ...]
    label_en: str
    category: str


@dataclass(frozen=True)
class Nationality:
    adjective: str
    country_qid: str
    iso2: str
    source: str


def _read_tsv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a gazetteer TSV (kg.io.read_tsv), errors as one-line GazetteerErrors."""
    try:
        return read_tsv(path, required)
    except FileNotFoundError:
        raise GazetteerError(f"{path}: file not found (run scripts/build_gazetteer.py)") from None
    except TsvError as exc:
        raise GazetteerError(str(exc)) from None


_CACHE: dict[tuple, Gazetteer] = {}


class Gazetteer:
    """Look-ups over the gazetteer files; build with `Gazetteer.load()` (cached per folder)."""

    def __init__(
        self,
        places: list[Place],
        entities: list[GazEntity],
        nationalities: list[Nationality],
        offices: list[Office],
        positions: list[tuple[str, str, str, str]],
    ) -> None:
        self._places = {p.qid: p for p in places}
        self._entities = {e.qid: e for e in entities}
        self._offices = offices
        self._positions = positions
        self._place_index: dict[str, list[Place]] = defaultdict(list)
        self._place_loose: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            for f in p.forms_ar:
                for index, k in ((self._place_index, form_key(f)), (self._place_loose, match_key(f))):
                    if k and p not in index[k]:
                        index[k].append(p)
        self._entity_index: dict[str, list[GazEntity]] = defaultdict(list)
        self._surnames: dict[str, list[GazEntity]] = defaultdict(list)
        self._phonetic: dict[str, list[GazEntity]] = defaultdict(list)
        for e in entities:
            for f in e.forms_ar:
                k = form_key(f)
                if k and e not in self._entity_index[k]:
                    self._entity_index[k].append(e)
                if e.kind == "person" and k:
                    last = k.split()[-1]
                    if e not in self._surnames[last]:
                        self._surnames[last].append(e)
                    if len(k.split()) > 1:
                        pk = phonetic_key(f)
                        if e not in self._phonetic[pk]:
                            self._phonetic[pk].append(e)
        self._nationalities = list(nationalities)
        self._nat: dict[str, set[str]] = defaultdict(set)
        for n in nationalities:
            if n.iso2:
                self._nat[form_key(n.adjective)].add(n.iso2)
        self._iso_to_qid = {p.iso2: p.qid for p in places if p.kind == "country" and p.iso2}
        self.extra_places: list[Place] = []  # data/lexicon/places_extra.tsv: no QID (set by _read)
        self._extra_index: dict[str, Place] = {}

    def set_extra_places(self, extra: list[Place]) -> None:
        """Places the Wikidata extract lacks (`qid` empty): matched in text like the others, with
        an English label and a country, never linked."""
        self.extra_places = list(extra)
        for p in extra:
            for f in p.forms_ar:
                self._extra_index.setdefault(form_key(f), p)

    def extra_place(self, text: str) -> Place | None:
        """The place of places_extra.tsv one of whose forms `text` is (article and clitics
        stripped as for the other places), or None."""
        for reading in self._readings(text, strip_article=False):
            if reading in self._extra_index:
                return self._extra_index[reading]
        return None

    # --- loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls, dir: Path | str = GAZETTEER, lexicon: Path | str = LEXICON) -> Gazetteer:
        """Read the gazetteer folder once; later calls return the same object until a file changes."""
        d, lex = Path(dir), Path(lexicon)
        files = [d / n for n in ("places.tsv", "entities.tsv", "nationalities.tsv", "positions.tsv")]
        files.append(lex / "offices.tsv")
        stamp = tuple((str(f.resolve()), f.stat().st_mtime_ns if f.exists() else None) for f in files)
        cached = _CACHE.get(stamp)
        if cached is not None:
            return cached
        gaz = cls._read(d, lex)
        _CACHE[stamp] = gaz
        return gaz

    @classmethod
    def _read(cls, d: Path, lex: Path) -> Gazetteer:
        places = []
        for r in _read_tsv(d / "places.tsv", ["qid", "kind", "label_ar", "aliases_ar"]):
            if r["kind"] not in PLACE_KINDS:
                raise GazetteerError(f"{d / 'places.tsv'}: {r['qid']}: unknown kind {r['kind']!r}")
            try:
                pop = int(r["population"]) if r.get("population") else None
            except ValueError:
                raise GazetteerError(f"{d / 'places.tsv'}: {r['qid']}: population {r['population']!r}") from None
            places.append(Place(
                r["qid"], r["kind"], r.get("label_en", ""), r["label_ar"], _split(r["aliases_ar"]),
                _split(r.get("aliases_en", "")), r.get("iso2") or None, r.get("country_qid") or None,
                pop, r.get("source", ""),
                frozenset(form_key(f) for f in _split(r.get("ambiguous_ar", ""))),
                frozenset(form_key(f) for f in _split(r.get("common_ar", ""))),
            ))
        entities = []
        for r in _read_tsv(d / "entities.tsv", ["qid", "kind", "forms_ar"]):
            if r["kind"] not in ENTITY_KINDS:
                raise GazetteerError(f"{d / 'entities.tsv'}: {r['qid']}: unknown kind {r['kind']!r}")
            forms = _split(r["forms_ar"])
            entities.append(GazEntity(
                r["qid"], r["kind"], r.get("label_en", ""), r.get("label_ar") or (forms[0] if forms else ""),
                forms, r.get("country") or None,
                frozenset(form_key(f) for f in _split(r.get("weak_forms_ar", ""))),
                r.get("role_category") or None, r.get("source", ""),
            ))
        nats = [
            Nationality(r["adjective"], r["country_qid"], r["iso2"], r.get("source", ""))
            for r in _read_tsv(d / "nationalities.tsv", ["adjective", "country_qid", "iso2"])
        ]
        offices = [
            Office(r["key"], _split(r["forms_ar"]), r["label_en"], r["category"])
            for r in _read_tsv(lex / "offices.tsv", ["key", "forms_ar", "label_en", "category"])
        ]
        positions = [
            (r["office_key"], r["iso2"], r["qid"], r.get("source", ""))
            for r in _read_tsv(d / "positions.tsv", ["office_key", "iso2", "qid"])
        ] if (d / "positions.tsv").exists() else []
        gz = cls(places, entities, nats, offices, positions)
        extra_path = lex / "places_extra.tsv"
        if extra_path.exists():
            extra = []
            for n, r in enumerate(_read_tsv(extra_path, ["label_ar", "aliases_ar", "kind", "iso2", "label_en"]), 2):
                if r["kind"] not in PLACE_KINDS or not r["label_en"] or not r["iso2"]:
                    raise GazetteerError(f"{extra_path}: row {n}: needs a kind of {PLACE_KINDS}, an English label and a country")
                extra.append(Place("", r["kind"], r["label_en"], r["label_ar"], _split(r["aliases_ar"]), (), r["iso2"],
                                   gz.iso_to_qid(r["iso2"]), None, "places_extra.tsv", frozenset(), frozenset()))
            gz.set_extra_places(extra)
        return gz

    # --- look-ups -----------------------------------------------------------------------------

    @staticmethod
    def _readings(text: str, strip_article: bool = False) -> list[str]:
        """Keys to try for a string: as written, then with proclitics peeled off the first word.

        Names either carry the article or not (العراق, روسيا), so by default a reading made by
        dropping ال is not tried: it would read «المالية» (finance) as «مالية». Adjectives come
        with and without it, so `country_of_adjective` allows it.
        """
        toks = tokens(text)
        if not toks:
            return []
        readings = clitic_readings(toks[0])
        if not strip_article:
            readings = [
                r for r in readings
                if r == toks[0] or ("ال" + r not in readings and not toks[0].endswith("لل" + r))
            ]
        rest = toks[1:]
        return [" ".join([r, *rest]) for r in readings]

    def _lookup(self, text: str, index: dict[str, list]) -> tuple[str | None, list]:
        for k in self._readings(text):
            if k in index:
                return k, list(index[k])
        return None, []

    def place_match(self, text: str) -> tuple[str | None, list[Place]]:
        """(matched key, places) for a string; the key tells the caller whether it was ambiguous."""
        k, found = self._lookup(text, self._place_index)
        if not found and len(tokens(text)) > 1:
            # Loose key (article dropped in every word): «ضفة غربية» ≈ «الضفة الغربية».
            for reading in self._readings(text):
                mk = match_key(reading)
                if mk in self._place_loose:
                    return mk, list(self._place_loose[mk])
        return k, found

    def places(self, text: str) -> list[Place]:
        """Every place the string can name, countries first, then capitals, by population."""
        _, found = self.place_match(text)
        return sorted(found, key=lambda p: (PLACE_KINDS.index(p.kind), -(p.population or 0), p.qid))

    def places_en(self, text: str) -> list[Place]:
        """Places whose English label or alias is `text` (case-insensitive), countries first."""
        if not hasattr(self, "_place_en_index"):
            index: dict[str, list[Place]] = defaultdict(list)
            for place in self._places.values():
                for label in (place.label_en, *place.aliases_en):
                    if label:
                        index[label.casefold()].append(place)
            self._place_en_index = index
        found = self._place_en_index.get(text.strip().casefold(), [])
        return sorted(found, key=lambda p: (PLACE_KINDS.index(p.kind), -(p.population or 0), p.qid))

    def place(self, qid: str) -> Place | None:
        return self._places.get(qid)

    def all_places(self) -> list[Place]:
        return list(self._places.values())

    def entity(self, qid: str) -> GazEntity | None:
        return self._entities.get(qid)

    def entity_match(self, text: str, kind: str | None = None) -> tuple[str | None, list[GazEntity]]:
        """(matched key, entity rows) for a string (full form, clitic-aware), optionally of one kind."""
        for k in self._readings(text):
            found = [e for e in self._entity_index.get(k, []) if kind is None or e.kind == kind]
            if found:
                return k, found
        return None, []

    def entities(self, text: str, kind: str | None = None) -> list[GazEntity]:
        """Entity rows a string names (full form, clitic-aware), optionally of one kind."""
        return self.entity_match(text, kind)[1]

    def entity_forms(self) -> dict[str, list[GazEntity]]:
        """Normalised form → entity rows (a copy): linking material, never NER patterns."""
        return {k: list(v) for k, v in self._entity_index.items()}

    def persons_by_surname(self, word: str) -> list[GazEntity]:
        """Persons whose name ends with this word («السوداني», «لبوتين» → بوتين)."""
        _, found = self._lookup(word, self._surnames)
        return found

    def persons_by_phonetic(self, name: str) -> list[GazEntity]:
        """Persons whose multi-word name sounds the same (شويجو ≈ شويغو); candidates only."""
        return list(self._phonetic.get(phonetic_key(name), []))

    def country_of_adjective(self, text: str) -> str | None:
        """ISO code of the state a nationality adjective names (الروسي → RU), None if unknown
        or if the adjective could name more than one state."""
        for k in self._readings(text, strip_article=True):
            isos = self._nat.get(k)
            if isos:
                return next(iter(isos)) if len(isos) == 1 else None
        return None

    def iso_to_qid(self, iso2: str) -> str | None:
        return self._iso_to_qid.get(iso2.upper())

    def capital_of(self, iso2: str) -> Place | None:
        """The capital of a country (the most populous, when Wikidata lists several)."""
        country = self.iso_to_qid(iso2)
        caps = [p for p in self._places.values() if p.kind == "capital" and p.country_qid == country]
        return max(caps, key=lambda p: (p.population or 0, p.qid)) if caps else None

    def qid_to_iso(self, qid: str) -> str | None:
        """ISO code of a country, or of the country a city/capital belongs to."""
        p = self._places.get(qid)
        if p is None:
            return None
        if p.kind == "country":
            return p.iso2
        country = self._places.get(p.country_qid or "")
        return country.iso2 if country else None

    def label_en(self, qid: str) -> str | None:
        row = self._places.get(qid) or self._entities.get(qid)
        return (row.label_en or None) if row else None

    def nationalities(self) -> list[Nationality]:
        """Every nationality adjective row (phrase matching over text needs the forms)."""
        return list(self._nationalities)

    def offices(self) -> list[Office]:
        return list(self._offices)

    def office(self, key: str) -> Office | None:
        return next((o for o in self._offices if o.key == key), None)

    def office_of_position(self, qid: str) -> tuple[str, str | None] | None:
        """(office key, iso2) of a Wikidata position positions.tsv maps, or None."""
        for key, iso, pq, _src in self._positions:
            if pq == qid:
                return key, iso or None
        return None

    def position_qid(self, office_key: str, iso2: str | None) -> str | None:
        """The Wikidata position for an office of a state, when the gazetteer knows it."""
        for key, iso, qid, _src in self._positions:
            if key == office_key and (iso or None) == (iso2 or None):
                return qid
        return None

    # --- NER patterns -------------------------------------------------------------------------

    def ruler_patterns(self, phrase: bool = False) -> list[dict]:
        """Token patterns for a spaCy EntityRuler/SpanRuler: places only.

        `phrase=True` gives the same matches as plain-string (phrase) patterns, one per variant:
        measured on the five sample articles, token patterns cost ~1.3 s per article at match
        time (the Matcher calls one Python `IN` predicate per pattern per token), phrase patterns
        ~0.04 s per article but ~9 s once to add (31k strings to tokenize).

        Each token matches its surface form, its normalised form, and (first token) the form with
        glued proclitics («وروسيا», «لروسيا», «للعراق»), because spaCy's Arabic tokenizer does not
        split them. `id` is the QID; a form several places share (غزة, الكويت) gets no `id`, so the
        ruler recognises a place without claiming which one. One-word forms that are ordinary
        words in ANERcorp («الجليل») get no pattern.
        """
        by_key: dict[str, list[tuple[Place, str]]] = defaultdict(list)
        for p in self._places.values():
            for f in p.forms_ar:
                k = form_key(f)
                if not k or k in p.common_keys:
                    continue
                if len(f.split()) != len(k.split()):
                    continue  # punctuation inside the form: spaCy would split it differently
                by_key[k].append((p, f))
        patterns = []
        for k in sorted(by_key):
            rows = by_key[k]
            qids = sorted({p.qid for p, _ in rows})
            words_variants: list[set[str]] = [set() for _ in k.split()]
            for _p, f in rows:
                for i, w in enumerate(f.split()):
                    words_variants[i] |= _word_variants(w, first=(i == 0))
            label = "GPE" if any(p.kind in GPE_KINDS for p, _ in rows) else "LOC"
            pattern = [{"TEXT": {"IN": sorted(v)}} for v in words_variants]
            if phrase:
                for combo in itertools.product(*(sorted(v) for v in words_variants)):
                    entry: dict = {"label": label, "pattern": " ".join(combo)}
                    if len(qids) == 1:
                        entry["id"] = qids[0]
                    patterns.append(entry)
                continue
            entry = {"label": label, "pattern": pattern}
            if len(qids) == 1:
                entry["id"] = qids[0]
            patterns.append(entry)
        return patterns


def _word_variants(word: str, first: bool) -> set[str]:
    bases = {word, normalize(word), _strip_marks(word)}
    out = set(bases)
    if first:
        for b in bases:
            out |= {p + b for p in _PREFIXES}
            if b.startswith("ال"):
                out |= {p + b[2:] for p in _ARTICLE_PREFIXES}
    return out


def _strip_marks(word: str) -> str:
    return re.sub("[\u064b-\u065f\u0670\u0640]", "", word)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a debugging aid
    """`python -m kg.gazetteer WORD…`: show what the gazetteer knows about each word."""
    gaz = Gazetteer.load()
    for word in argv if argv is not None else sys.argv[1:]:
        print(word, [(p.qid, p.kind, p.label_en) for p in gaz.places(word)],
              gaz.country_of_adjective(word), [(e.qid, e.kind) for e in gaz.entities(word)])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
