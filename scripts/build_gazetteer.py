"""Build the offline gazetteer (data/gazetteer/*.tsv) from the shared Wikidata extract.

Run: .venv/bin/python scripts/build_gazetteer.py [--source DIR]

Every QID written comes from `places.json` or `verified_entities.json` in DIR (default
`kg.paths.shared_data()/"wikidata"`), and every row records which of them it came from. Nothing
here types a QID: the corrections in data/lexicon/places_override.tsv name a QID together with the
English label the source gives it, and the build stops if the two disagree.

Outputs (each written atomically):
- places.tsv         countries, cities, capitals, regions, territories, with cleaned Arabic aliases
                     and the forms shared by several QIDs marked in `ambiguous_ar`;
- entities.tsv       persons, organizations, positions and events from verified_entities.json;
- nationalities.tsv  Arabic nationality adjectives (الروسي، العراقية …) → country;
- positions.tsv      (office_key, iso2, qid) for the positions verified_entities.json holds.

Why the cleaning: SOURCE.md lists vandalised aliases, Latin/CJK/emoji strings in Arabic aliases,
annotated forms («…», "(adj.)", "(typo)") and forms shared by two places. A gazetteer that kept
them would link «آرسنال» to Ireland; one that dropped the shared forms would never see «غزة».
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from kg import io as kg_io  # noqa: E402
from kg.arabic import ARABIC_LETTER, has_arabic, normalize, tokens  # noqa: E402
from kg.paths import GAZETTEER, LEXICON, shared_data  # noqa: E402

PLACE_COLUMNS = [
    "qid", "kind", "label_en", "label_ar", "aliases_ar", "aliases_en", "iso2", "country_qid",
    "population", "source", "ambiguous_ar", "common_ar",
]
ENTITY_COLUMNS = [
    "qid", "kind", "label_en", "label_ar", "forms_ar", "country", "weak_forms_ar", "role_category",
    "source", "evidence",
]
NATIONALITY_COLUMNS = ["adjective", "country_qid", "iso2", "source"]
POSITION_COLUMNS = ["office_key", "iso2", "qid", "source"]

PLACES_FILE = "places.json"
VERIFIED_FILE = "verified_entities.json"

# Qualifiers some city labels carry and news drops: «واشنطن العاصمة», «مدينة مكسيكو».
CITY_QUALIFIERS_AFTER = {"العاصمة", "العاصمه", "سيتي"}
CITY_QUALIFIERS_BEFORE = {"مدينة", "مدينه"}

# Single words that are not names even where Wikidata lists them as aliases («المملكة» for Saudi
# Arabia, «المدينة» for Medina, «القمر» "the moon" for Comoros): matching them would link prose.
GENERIC_AR = {
    normalize(w)
    for w in (
        "المملكة", "المملكه", "المملكة العربية", "المدينة", "المدينه", "القمر", "الدولة", "العاصمة",
        "الجمهورية", "الإمارة", "السلطنة", "طيبة", "البلد",
    )
}
# Prefixes of aliases that are list/article titles or trophies, never names (SOURCE.md caveats).
JUNK_PREFIXES = ("قائمة ", "كأس ", "عاصمة ", "تاريخ ")
# Region-like items pulled into the cities section by the P279* closure (SOURCE.md caveats).
REGION_EN = re.compile(
    r"\b(Province|Prefecture|Governorate|Region|metropolitan area|Metropolitan Municipality|"
    r"State of|County|District)\b|^Greater ",
    re.IGNORECASE,
)
# Words that begin a formal country name: «جمهورية العراق» yields no nationality adjective.
FORMAL_PREFIXES = {
    normalize(w)
    for w in ("جمهورية", "الجمهورية", "مملكة", "المملكة", "دولة", "الدولة", "إمارة", "سلطنة",
              "الاتحاد", "اتحاد", "جزر", "كومنولث", "دوقية", "ولايات", "الولايات")
}
COMPASS = {normalize(w): w for w in ("الشمالية", "الجنوبية", "الشرقية", "الغربية")}
NOT_LETTER = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\u064b-\u065f\u0670\s\u0640\-'’.،,]")
PARENS = re.compile(r"\s*[(\[].*?[)\]]\s*")
QUOTES = re.compile("[«»\"“”„']")


class BuildError(Exception):
    """A source file is missing or malformed: reported as one line naming the file."""


@dataclass
class PlaceRow:
    qid: str
    kind: str = ""
    label_en: str = ""
    label_ar: str = ""
    aliases_ar: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    iso2: str = ""
    country_qid: str = ""
    population: int | None = None
    sources: list[str] = field(default_factory=list)
    sections: set[str] = field(default_factory=set)
    ambiguous_ar: list[str] = field(default_factory=list)
    common_ar: list[str] = field(default_factory=list)

    def forms_ar(self) -> list[str]:
        return [f for f in [self.label_ar, *self.aliases_ar] if f]


@dataclass
class EntityRow:
    qid: str
    kind: str
    label_en: str
    label_ar: str
    forms_ar: list[str]
    country: str
    weak_forms_ar: list[str]
    role_category: str
    source: str
    evidence: str


# --- cleaning -----------------------------------------------------------------------------------


def key(text: str) -> str:
    """The lookup key of a form: normalised tokens, punctuation dropped (same as kg.gazetteer)."""
    return " ".join(tokens(text))


def clean_ar(form: str) -> tuple[str | None, str]:
    """Strip annotations from an Arabic form; return (clean form or None, why it was dropped).

    «…», "(adj.)", "(typo)" and other parentheticals are annotations, not part of the name.
    A form with Latin, CJK or emoji characters is not an Arabic name (SOURCE.md: `Tanger`, `天津`).
    """
    text = form.replace("(adj.)", " ").replace("(typo)", " ")
    text = QUOTES.sub("", PARENS.sub(" ", text))
    text = " ".join(text.split())
    if not text:
        return None, "empty"
    if NOT_LETTER.search(text):
        return None, "non-arabic"
    if not has_arabic(text):
        return None, "non-arabic"
    if len(ARABIC_LETTER.findall(normalize(text))) < 3 or any(len(p) == 1 for p in re.split(r"[\s.]+", text) if p):
        return None, "too-short"  # «و.م.أ», «و م»: initials match conjunctions and prepositions
    if key(text) in GENERIC_AR:
        return None, "generic"
    if text.startswith(JUNK_PREFIXES) or any(c.isdigit() for c in text):
        return None, "junk"
    return text, ""


def clean_en(form: str) -> str | None:
    """English aliases shorter than 4 characters (`Ji`, `An`, ISO codes) match noise; drop them."""
    form = " ".join(form.split())
    if len(form) < 4 or has_arabic(form):
        return None
    return form


# --- nationality adjectives ---------------------------------------------------------------------


def nisba(word: str) -> str | None:
    """The masculine nationality adjective of a one-word country name, by rule.

    العراق → عراقي, روسيا → روسي, كندا → كندي, السعودية → سعودي, سنغافورة → سنغافوري,
    الإمارات → إماراتي. The article is dropped first; irregular ones live in the override file.
    """
    w = word
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    if len(w) < 3:
        return None
    if w.endswith(("ية", "يه")):
        return w[:-1]
    if w.endswith(("ة", "ه")):
        return w[:-1] + "ي"
    if w.endswith("يا"):
        return w[:-1]
    if w.endswith("ا"):
        return w[:-1] + "ي"
    if w.endswith("ي"):
        return w
    return w + "ي"


def inflect(adj: str) -> list[str]:
    """The forms news writes a one-word adjective in: (ال)…ي، …ية، …يون، …يين."""
    out = []
    for base in (adj, adj + "ة", adj + "ون", adj + "ين"):
        out += [base, "ال" + base]
    return out


def country_adjectives(row: PlaceRow) -> list[str]:
    """Rule-derived adjectives of a country from its label and short aliases."""
    out: list[str] = []
    for form in row.forms_ar():
        toks = form.split()
        if not toks or normalize(toks[0]) in FORMAL_PREFIXES:
            continue
        if len(toks) == 1:
            adj = nisba(toks[0])
            if adj:
                out += inflect(adj)
        elif len(toks) == 2 and normalize(toks[1]) in COMPASS:
            adj = nisba(toks[0])
            compass = toks[1]  # الشمالية
            if adj:
                m, f = compass[:-1], compass  # الشمالي / الشمالية
                out += [f"ال{adj} {m}", f"ال{adj}ة {f}", f"{adj} {m[2:]}", f"{adj}ة {f[2:]}"]
    return out


# --- reading the sources ------------------------------------------------------------------------


def read_json(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise BuildError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path}: not valid JSON ({exc})") from None


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    """A hand-kept TSV (kg.io.read_tsv: `#` comments, header row), errors as BuildErrors."""
    try:
        return kg_io.read_tsv(path, columns)
    except FileNotFoundError:
        raise BuildError(f"{path}: file not found") from None
    except kg_io.TsvError as exc:
        raise BuildError(str(exc)) from None


def load_places(path: Path) -> dict[str, PlaceRow]:
    data = read_json(path)
    try:
        sections = {name: sec["rows"] for name, sec in data["queries"].items()}  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        raise BuildError(f"{path}: expected {{'queries': {{section: {{'rows': [...]}}}}}}") from None
    rows: dict[str, PlaceRow] = {}
    for section, items in sections.items():
        for item in items:
            try:
                qid = item["q"]
            except (KeyError, TypeError):
                raise BuildError(f"{path}: a row of section {section!r} has no 'q'") from None
            if not re.fullmatch(r"Q\d+", qid):
                raise BuildError(f"{path}: {qid!r} in section {section!r} is not a QID")
            row = rows.setdefault(qid, PlaceRow(qid))
            row.sections.add(section)
            row.label_en = row.label_en or (item.get("en") or "")
            row.label_ar = row.label_ar or (item.get("ar") or "")
            for a in item.get("ar_alt", []) or []:
                if a not in row.aliases_ar:
                    row.aliases_ar.append(a)
            for a in item.get("en_alt", []) or []:
                if a not in row.aliases_en:
                    row.aliases_en.append(a)
            if item.get("iso"):
                row.iso2 = item["iso"]
            if item.get("pop") is not None:
                row.population = max(row.population or 0, int(item["pop"]))
            if section == "cities" and item.get("cc"):
                row.country_qid = item["cc"]  # cities cc is preferred (SOURCE.md caveats)
            if section == "capitals" and item.get("cc"):
                row.__dict__.setdefault("_cap_cc", item["cc"])
            if section == "countries":
                row.__dict__["_caps"] = list(item.get("caps", []) or [])
    countries = {q for q, r in rows.items() if "countries" in r.sections}
    capital_of: dict[str, list[str]] = defaultdict(list)
    for q in sorted(countries):
        for cap in rows[q].__dict__.get("_caps", []):
            capital_of[cap].append(q)
    for q, row in rows.items():
        row.sources.append(f"{PLACES_FILE}[{','.join(sorted(row.sections))}]")
        if q in countries:
            row.kind = "country"
            continue
        current_caps = capital_of.get(q, [])
        if current_caps:
            row.kind = "capital"
            # A current state's P36 is the truest country link (capitals cc may be a dissolved state).
            row.country_qid = current_caps[0]
        elif "cities" in row.sections or "capitals" in row.sections or "seed" in row.sections:
            row.kind = "city"
        if row.kind == "city" and REGION_EN.search(row.label_en or ""):
            row.kind = "region"
        if not row.country_qid:
            cap_cc = row.__dict__.get("_cap_cc")
            if cap_cc in countries:
                row.country_qid = cap_cc
        if row.country_qid and row.country_qid not in countries:
            row.country_qid = ""  # a dissolved state is no answer to "which country"
    for row in rows.values():
        row.__dict__.pop("_caps", None)
        row.__dict__.pop("_cap_cc", None)
    return rows


def apply_overrides(rows: dict[str, PlaceRow], path: Path) -> dict[str, set[str]]:
    """Apply places_override.tsv; return the aliases to drop per QID."""
    drops: dict[str, set[str]] = defaultdict(set)
    for i, r in enumerate(read_tsv(path, ["qid", "label_en", "field", "value"]), 2):
        row = rows.get(r["qid"])
        if row is None:
            raise BuildError(f"{path}: row {i}: {r['qid']} is not in {PLACES_FILE}")
        if row.label_en != r["label_en"]:
            raise BuildError(
                f"{path}: row {i}: {r['qid']} is {row.label_en!r} in {PLACES_FILE}, not {r['label_en']!r}"
            )
        fld, value = r["field"], r["value"]
        if fld == "alias_ar":
            if value not in row.aliases_ar:
                row.aliases_ar.append(value)
            if "places_override.tsv" not in row.sources:
                row.sources.append("places_override.tsv")
        elif fld == "iso2":
            row.iso2 = value
            if "places_override.tsv" not in row.sources:
                row.sources.append("places_override.tsv")
        elif fld == "kind":
            if value not in {"country", "city", "capital", "region", "territory"}:
                raise BuildError(f"{path}: row {i}: unknown kind {value!r}")
            row.kind = value
        elif fld == "drop_alias_ar":
            drops[r["qid"]].add(key(value))
        else:
            raise BuildError(f"{path}: row {i}: unknown field {fld!r}")
    return drops


VERIFIED_KINDS = {
    "person": "person", "organisation": "organization", "organization": "organization",
    "position": "position", "event": "event",
    "country": "country", "city": "city", "region": "region", "territory": "territory",
}


def load_verified(path: Path) -> list[dict]:
    data = read_json(path)
    if not isinstance(data, list):
        raise BuildError(f"{path}: expected a JSON list of entities")
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not {"qid", "type", "arabic_forms"} <= item.keys():
            raise BuildError(f"{path}: entry {i} lacks qid/type/arabic_forms")
        if not re.fullmatch(r"Q\d+", str(item["qid"])):
            raise BuildError(f"{path}: entry {i}: {item['qid']!r} is not a QID")
        if item["type"] not in VERIFIED_KINDS:
            raise BuildError(f"{path}: entry {i}: unknown type {item['type']!r}")
    return data


# --- offices (for positions.tsv) ----------------------------------------------------------------


def load_offices(path: Path) -> list[dict[str, str]]:
    return read_tsv(path, ["key", "forms_ar", "label_en", "category"])


def office_of(form: str, offices: list[dict[str, str]], strip: set[str]) -> str | None:
    """The office a title form names once country words are removed («رئيس الوزراء العراقي»)."""
    toks = [t for t in tokens(form)]
    # Drop country names (one or two tokens) and nationality adjectives anywhere in the title.
    i, kept = 0, []
    while i < len(toks):
        two = " ".join(toks[i:i + 2])
        if len(toks) > i + 1 and two in strip:
            i += 2
            continue
        if toks[i] in strip:
            i += 1
            continue
        kept.append(toks[i])
        i += 1
    title = " ".join(kept)
    for office in offices:
        for f in office["forms_ar"].split("|"):
            if key(f) == title:
                return office["key"]
    return None


# --- build --------------------------------------------------------------------------------------


def anercorp_common_words(shared: Path) -> dict[str, tuple[int, int]]:
    """Per normalised token: (times tagged O, times tagged as part of a LOC) in ANERcorp train.

    A one-word alias that the corpus writes mostly outside any location («طيبة» "good") would make
    the entity ruler tag prose; such forms stay for linking but get no NER pattern.
    """
    path = shared / "anercorp_camel" / "train.bio"
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    if not path.exists():
        return {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        tok, tag = line.split("\t", 1)
        c = counts[normalize(tok)]
        if tag.endswith("LOC"):
            c[1] += 1
        elif tag == "O":
            c[0] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def build(source: Path, out_dir: Path, lexicon: Path) -> dict[str, int]:
    places_path, verified_path = source / PLACES_FILE, source / VERIFIED_FILE
    rows = load_places(places_path)
    drops = apply_overrides(rows, lexicon / "places_override.tsv")
    verified = load_verified(verified_path)
    offices = load_offices(lexicon / "offices.tsv")
    stats: Counter[str] = Counter()

    adj_sources: dict[str, list[tuple[str, str]]] = defaultdict(list)  # qid → (form, source)
    entities: list[EntityRow] = []
    positions_src: list[dict] = []

    # Verified place entities: merge into the place rows (or add regions absent from places.json).
    for item in verified:
        kind = VERIFIED_KINDS[item["type"]]
        qid = item["qid"]
        if kind in {"country", "city", "region", "territory"}:
            row = rows.get(qid)
            if row is None:
                row = rows[qid] = PlaceRow(qid, kind=kind, label_en=item.get("label_en", ""))
            elif kind in {"region", "territory"}:
                row.kind = kind
            row.sources.append(VERIFIED_FILE)
            for raw in item["arabic_forms"]:
                if "(adj.)" in raw:
                    for part in re.split("[/،]", raw.replace("(adj.)", "")):
                        part = part.strip()
                        if part:
                            adj_sources[qid].append((part, VERIFIED_FILE))
                    continue
                form, _why = clean_ar(raw)
                if form is None or form.startswith("العاصمة "):
                    continue  # «العاصمة العراقية بغداد» is a description around a name we have
                if not row.label_ar:
                    row.label_ar = form
                elif key(form) != key(row.label_ar) and form not in row.aliases_ar:
                    row.aliases_ar.append(form)
            continue
        entities.append(
            EntityRow(qid, kind, item.get("label_en", ""), "", list(item["arabic_forms"]), "", [], "",
                      VERIFIED_FILE, item.get("evidence", ""))
        )
        if kind == "position":
            positions_src.append(item)

    # Clean place aliases; move adjective-like aliases («الليبي») to the nationality table.
    countries = {q: r for q, r in rows.items() if r.kind == "country"}
    for q, row in rows.items():
        label, _ = clean_ar(row.label_ar) if row.label_ar else (None, "")
        row.label_ar = label or ""
        rule_adjs = {key(a) for a in country_adjectives(row)} if q in countries else set()
        cleaned: list[str] = []
        seen = {key(row.label_ar)} if row.label_ar else set()
        for alias in row.aliases_ar:
            form, why = clean_ar(alias)
            if form is None:
                stats[f"ar alias dropped: {why}"] += 1
                continue
            k = key(form)
            if k in drops.get(q, set()):
                stats["ar alias dropped: override"] += 1
                continue
            if rule_adjs and k in rule_adjs:
                adj_sources[q].append((form, f"{PLACES_FILE} ar_alt"))
                stats["ar alias moved to nationalities"] += 1
                continue
            if k not in seen:
                seen.add(k)
                cleaned.append(form)
        if not row.label_ar and cleaned:
            row.label_ar = cleaned.pop(0)  # 14 city rows have no Arabic label (SOURCE.md)
        row.aliases_ar = cleaned
        row.aliases_en = [a for a in (clean_en(x) for x in row.aliases_en) if a]
    # A country alias that is the name of its own capital (Mauritius «بور لويس») names the city.
    cap_keys = {key(f): q for q, r in rows.items() if r.kind == "capital" for f in [r.label_ar] if f}
    for q, row in countries.items():
        before = len(row.aliases_ar)
        row.aliases_ar = [a for a in row.aliases_ar if rows.get(cap_keys.get(key(a), ""), PlaceRow("")).country_qid != q]
        stats["ar alias dropped: capital name"] += before - len(row.aliases_ar)

    # «واشنطن العاصمة», «مدينة الكويت», «مدينة مكسيكو»: Wikidata labels some cities with a
    # qualifier that news leaves out. The bare name is added when no other place has it as a form
    # (so «الكويت» stays the country).
    # Only the label, not the aliases: «مدينة السلام» (Baghdad), «مدينة الشمس» (Baalbek) are
    # epithets, and their bare forms are ordinary words.
    taken_keys = {key(f) for r in rows.values() for f in r.forms_ar()}
    for row in rows.values():
        if row.kind not in {"capital", "city"} or not row.label_ar:
            continue
        for form in [row.label_ar]:
            words = form.split()
            bare = None
            if len(words) > 1 and words[-1] in CITY_QUALIFIERS_AFTER:
                bare = " ".join(words[:-1])
            elif len(words) > 1 and words[0] in CITY_QUALIFIERS_BEFORE:
                bare = " ".join(words[1:])
            if bare and not bare.startswith("ال") and key(bare) not in taken_keys:
                row.aliases_ar.append(bare)
                taken_keys.add(key(bare))
                stats["ar alias added: qualifier dropped"] += 1

    # Forms shared by several QIDs stay, marked, so the linker abstains or decides by type.
    owners: dict[str, set[str]] = defaultdict(set)
    for q, row in rows.items():
        for f in row.forms_ar():
            owners[key(f)].add(q)
    common = anercorp_common_words(source.parent)
    for row in rows.values():
        row.ambiguous_ar = [f for f in row.forms_ar() if len(owners[key(f)]) > 1]
        for f in row.forms_ar():
            k = key(f)
            if " " not in k:
                o, loc = common.get(k, (0, 0))
                if o >= 3 and o > 4 * loc:
                    row.common_ar.append(f)
    stats["ambiguous place forms"] = sum(1 for k, v in owners.items() if len(v) > 1)

    # Nationality adjectives: rules over every country, then the adjective-like aliases, then overrides.
    iso_to_qid = {r.iso2: q for q, r in countries.items() if r.iso2}
    nat: dict[str, dict[str, str]] = {}  # key → {adjective, qid, iso, source}
    conflicts: set[str] = set()

    def add_adj(form: str, qid: str, src: str) -> None:
        k = key(form)
        if not k:
            return
        if k in nat and nat[k]["country_qid"] != qid:
            conflicts.add(k)
            return
        nat.setdefault(k, {"adjective": form, "country_qid": qid, "iso2": rows[qid].iso2, "source": src})

    for q in sorted(countries):
        for a in country_adjectives(countries[q]):
            add_adj(a, q, "rule")
    for q, forms in adj_sources.items():
        if q in rows:
            for form, src in forms:
                for f in inflect(form.removeprefix("ال")) if " " not in form and not form.endswith("ة") else [form]:
                    add_adj(f, q, src)
    override_path = lexicon / "nationalities_override.tsv"
    excluded: set[str] = set()
    for i, r in enumerate(read_tsv(override_path, ["adjective", "iso2", "note"]), 2):
        form, iso = r["adjective"].strip(), r["iso2"].strip()
        forms = inflect(form) if " " not in form else [form]
        if iso == "!":
            excluded |= {key(f) for f in forms}
            continue
        if iso not in iso_to_qid:
            raise BuildError(f"{override_path}: row {i}: no country with ISO code {iso!r} in {PLACES_FILE}")
        for f in forms:
            k = key(f)
            nat.pop(k, None) if k in nat and nat[k]["country_qid"] != iso_to_qid[iso] else None
            conflicts.discard(k)
            add_adj(f, iso_to_qid[iso], "nationalities_override.tsv")
    for k in excluded | conflicts:
        nat.pop(k, None)
    stats["nationality conflicts dropped"] = len(conflicts)

    # Entities: clean forms, derive the country where the data says it.
    country_by_en = {}
    for q, r in countries.items():
        for name in [r.label_en, *r.aliases_en]:
            if name:
                country_by_en[name.lower()] = r.iso2
    strip_words = set(nat) | {key(f) for r in countries.values() for f in r.forms_ar()}
    for ent in entities:
        forms, weak = [], []
        for raw in ent.forms_ar:
            if "(adj.)" in raw:
                continue  # «بيان رئاسي عراقي (adj.)» is an adjective use, not a name of the office
            had_paren = bool(PARENS.search(raw.replace("(adj.)", "").replace("(typo)", "")))
            form, _ = clean_ar(raw)
            if form is None:
                continue
            if ent.kind == "position" and not any(k in strip_words for k in key(form).split()) and \
                    not any(" ".join(key(form).split()[j:j + 2]) in strip_words for j in range(len(key(form).split()))):
                weak.append(form)  # «رئيس الوزراء» names the office of many states
            if had_paren:
                weak.append(form)  # «مجلس النواب (في العراق)»: the name needs its qualifier
            if form not in forms:
                forms.append(form)
        if ent.kind == "position":
            # «الرئيس صالح» names an office-holder, not the office (SOURCE.md): a title + a name.
            forms = [f for f in forms if not (len(f.split()) == 2 and f.split()[0] in ("الرئيس",)
                                              and office_of(f, offices, strip_words) is None)]
        dedup: list[str] = []
        for f in forms:
            if key(f) not in {key(d) for d in dedup}:
                dedup.append(f)
        ent.forms_ar = dedup
        ent.label_ar = dedup[0] if dedup else ""
        ent.weak_forms_ar = [w for w in dict.fromkeys(weak) if w in dedup]
        m = re.search(r".*\bof (?:the )?([A-Z][\w' -]+)$", PARENS.sub(" ", ent.label_en).strip())
        if m and ent.kind in {"position", "organization"} and m.group(1).lower() in country_by_en:
            ent.country = country_by_en[m.group(1).lower()]
        m = re.search(r"relations of (Q\d+)", ent.evidence)
        if not ent.country and m and ent.kind == "person" and m.group(1) in countries:
            ent.country = countries[m.group(1)].iso2
        m = re.search(r"\b(head_of_government|head_of_state)\b", ent.evidence)
        if ent.kind == "person" and m:
            ent.role_category = m.group(1)

    # Positions: office key by the forms (country words removed), checked against label_en.
    office_by_key = {o["key"]: o for o in offices}
    positions: list[dict[str, str]] = []
    for ent in entities:
        if ent.kind != "position":
            continue
        votes = Counter(k for k in (office_of(f, offices, strip_words) for f in ent.forms_ar) if k)
        if not votes:
            stats["positions without office"] += 1
            continue
        office_key = votes.most_common(1)[0][0]
        label = office_by_key[office_key]["label_en"].lower()
        if label not in PARENS.sub(" ", ent.label_en).lower():
            stats["positions whose office disagrees with label_en"] += 1
            continue
        ent.role_category = office_by_key[office_key]["category"]
        positions.append({"office_key": office_key, "iso2": ent.country, "qid": ent.qid,
                          "source": VERIFIED_FILE})

    # --- write ---
    place_out = []
    for q in sorted(rows, key=lambda x: int(x[1:])):
        r = rows[q]
        if not r.kind:
            continue
        place_out.append({
            "qid": q, "kind": r.kind, "label_en": r.label_en, "label_ar": r.label_ar,
            "aliases_ar": "|".join(r.aliases_ar), "aliases_en": "|".join(r.aliases_en),
            "iso2": r.iso2, "country_qid": r.country_qid,
            "population": "" if r.population is None else str(r.population),
            "source": ";".join(dict.fromkeys(r.sources)), "ambiguous_ar": "|".join(r.ambiguous_ar),
            "common_ar": "|".join(r.common_ar),
        })
    ent_out = [{
        "qid": e.qid, "kind": e.kind, "label_en": e.label_en, "label_ar": e.label_ar,
        "forms_ar": "|".join(e.forms_ar), "country": e.country, "weak_forms_ar": "|".join(e.weak_forms_ar),
        "role_category": e.role_category, "source": e.source, "evidence": e.evidence,
    } for e in sorted(entities, key=lambda e: int(e.qid[1:]))]
    nat_out = sorted(nat.values(), key=lambda r: (r["iso2"], key(r["adjective"])))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_tsv(out_dir / "places.tsv", PLACE_COLUMNS, place_out)
    write_tsv(out_dir / "entities.tsv", ENTITY_COLUMNS, ent_out)
    write_tsv(out_dir / "nationalities.tsv", NATIONALITY_COLUMNS, nat_out)
    write_tsv(out_dir / "positions.tsv", POSITION_COLUMNS, positions)
    stats.update({"places": len(place_out), "entities": len(ent_out), "nationalities": len(nat_out),
                  "positions": len(positions)})
    for kind, n in Counter(r["kind"] for r in place_out).items():
        stats[f"places kind={kind}"] = n
    return dict(stats)


def write_tsv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write a TSV atomically (kg.io.write_tsv): a reader never sees half a file, a failed build
    leaves the old one; a value holding a tab or a line break is a BuildError."""
    try:
        kg_io.write_tsv(path, columns, rows)
    except kg_io.TsvError as exc:
        raise BuildError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=shared_data() / "wikidata",
                    help="folder with places.json and verified_entities.json")
    ap.add_argument("--out", type=Path, default=GAZETTEER, help="output folder (data/gazetteer)")
    ap.add_argument("--lexicon", type=Path, default=LEXICON, help="folder with the override files")
    ap.add_argument("--names", type=Path, default=shared_data() / "person_names_wikidata",
                    help="folder with the English→Arabic name-token table (for the person gazetteer)")
    ap.add_argument("--no-persons", action="store_true", help="do not (re)build the person gazetteer")
    args = ap.parse_args(argv)
    try:
        stats = build(args.source, args.out, args.lexicon)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for k in sorted(stats):
        print(f"{k}\t{stats[k]}")
    if args.no_persons:
        return 0
    # The person gazetteer (scripts/build_persons.py) comes after positions.tsv is rewritten
    # here: it appends the (office, country) → position rows it derives from persons.json.
    import build_persons

    try:
        counts = build_persons.build(args.source, args.names, args.out, args.lexicon)
    except build_persons.BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for k, v in counts.items():
        print(f"persons: {k}\t{v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
