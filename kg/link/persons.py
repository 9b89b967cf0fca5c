"""Person linking: an extracted person → a Wikidata QID, decided by name, office, country and date.

Candidates come by name (`PersonGazetteer.match`: a Wikidata Arabic label, the spellings generated
from the English name, or the surname alone); what the article says then decides:

- the office and the country of the title («الرئيس الأمريكي»: president, US) against the
  positions each candidate held (P39, mapped onto the offices of data/lexicon/offices.tsv), and
  the publication date against each position's start and end;
- the country the article ties the person to, against the countries of the candidate's
  positions and citizenship.

Rules, in order (`decide`):
1. A candidate is dropped when the evidence contradicts it: the article states a country and none
   of the candidate's is it; or the article gives an office the extract knows for that country,
   and none of the candidate's positions is that office at any time («a name match whose offices
   never fit the title»). A generic title («الوزير», «الأمين العام»: data/lexicon/
   generic_offices.tsv) fits every office of its category in offices.tsv and contradicts none.
2. Among the rest, those who held the title's office on the article's date win; exactly one must
   remain (two holders of one office on one day: abstain).
3. Else those who held it at another time, if the name matched on two or more tokens, exactly
   one; "another time" counts when someone else held the office on the day («الرئيس الأمريكي
   باراك أوباما» in 2018: a former office, not a gap in the data), or when the article is newer
   than the extract (2022-23), which then cannot say who held it that day.
4. Else, with no office evidence either way, the name alone: a Wikidata Arabic label, or a
   generated spelling of the whole name (or of part of it, with the country the article states),
   that only one person has, and who was in some office on the article's date by the extract.
   What a part of a fuller name of the same person matches («جونغ-أون» beside «كيم جونغ أون»)
   gives way to what a whole name matches, and a match of the name's first and last word to
   one of some of its words. When no article naming the person is dated, the office on the day
   cannot be checked: the name must then be sure (every word matched through a written form,
   every word of his name present) or whole with the country the article states; and a bare
   title with no country (rule 3) needs the whole name, or a country the articles speak of.
A surname alone, or a skeleton-only match, never links without the office and the date.

A person the article names only by title («الرئيس الأمريكي», no name) can be linked too, when
exactly one person held that office of that country on that date (`infer_from_title`); the link is
marked as inferred (method `persons-office+date-inferred`, name match `none`).

The same `decide` serves the endpoint mode (kg.link.wikidata), with candidates and P39
statements from SPARQL instead of the extract. Every decision says how it was made (`method`,
`name_match`) and why (`evidence`, written into the graph's dip:WikidataLink).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kg.arabic import match_key
from kg.gazetteer import Gazetteer, form_key
from kg.link.names import ArToken, arabic_name_tokens, token_score
from kg.link.offline import entity_names
from kg.link.person_gazetteer import LEVELS, NameMatch, Person, PersonGazetteer, term_covers
from kg.io import read_tsv
from kg.paths import LEXICON
from kg.records import EntityRecord

# Confidence by (name match, evidence): fixed, so a threshold means the same thing everywhere.
CONFIDENCE = {
    ("label", "office+date"): 0.95, ("generated", "office+date"): 0.90, ("weak", "office+date"): 0.85,
    ("surname", "office+date"): 0.80,
    ("label", "office"): 0.80, ("generated", "office"): 0.75, ("weak", "office"): 0.70, ("surname", "office"): 0.65,
    ("label", "country"): 0.85, ("label", "name"): 0.80, ("generated", "country"): 0.75,
    ("generated", "name"): 0.70,
    ("none", "office+date-inferred"): 0.60,
}
NAME_MATCH = {"label": "wikidata-label", "generated": "generated-spelling", "weak": "skeleton", "surname": "surname",
              "none": "none"}


@dataclass(frozen=True)
class Observation:
    """What one article says about the person's office: «الرئيس الأمريكي» on 2018-04-24."""

    office_key: str
    country: str | None
    day: date | None
    title: str


@dataclass(frozen=True)
class HeldPosition:
    """One P39 statement of a candidate, with the office it is (when the extract maps it)."""

    position: str  # position QID
    label_en: str
    office_key: str | None
    country: str | None
    start: str  # YYYY[-MM[-DD]] or ""
    end: str


@dataclass(frozen=True)
class Candidate:
    qid: str
    label_en: str
    level: str  # label | generated | weak | surname | none
    name: str  # the Arabic name that matched, and how: for the evidence
    matched_as: str
    full: bool  # the match covers the name's first and last token (not a part of a longer name)
    countries: frozenset[str]  # ISO codes (or the QID of a country the gazetteer does not know)
    held: tuple[HeldPosition, ...]
    as_of: str  # the date the data is as of: an open-ended term is not known to run past it
    source: str
    # every match came from a part of a fuller name of the entity («جونغ-أون» beside «كيم جونغ
    # أون»), never from a whole name
    partial: bool = False
    # every word of the name matched through an Arabic form of the person's name (not a
    # skeleton), and every word of that name matched: «سيرجى لافروف» ~ Sergey Lavrov, not
    # «عبد الحي يوسف» ~ Abdel-Wahid Youssef or «خالد عبد الحميد» ~ Khaled Galal Abdelhamid
    sure: bool = False


@dataclass(frozen=True)
class PersonLink:
    qid: str
    confidence: float
    method: str
    source: str
    name_match: str
    evidence: tuple[str, ...]
    label_en: str
    held: tuple[HeldPosition, ...]
    basis: str = ""  # the evidence that decided: office+date | office | country | name | office+date-inferred


# --- dates -----------------------------------------------------------------------------------------


def covers(h: HeldPosition, day: date, as_of: str) -> bool | None:
    """Was the position held on `day`? True or False when the data says, None when it cannot
    (`kg.link.person_gazetteer.term_covers`)."""
    return term_covers(h.start, h.end, day, as_of)


# --- candidates ------------------------------------------------------------------------------------


def candidate_from_person(p: Person, pg: PersonGazetteer, level: str, name: str, matched_as: str,
                          full: bool = False, partial: bool = False, sure: bool = False) -> Candidate:
    held = []
    for h in p.holdings:
        pos = pg.position(h.position)
        held.append(HeldPosition(h.position, pos.label_en if pos else "", pos.office_key if pos else None,
                                 pos.iso2 if pos else None, h.start, h.end))
    return Candidate(p.qid, p.label_en, level, name, matched_as, full, p.countries, tuple(held), p.as_of, p.source,
                     partial, sure)


def _describe(m: NameMatch) -> str:
    if m.variant.kind == "label":
        return f"Wikidata Arabic label «{m.variant.text}»"
    return f"generated from «{m.variant.text}»"


def name_candidates(names: Iterable[str], pg: PersonGazetteer) -> list[Candidate]:
    """Every person one of the names can be, with the strongest match any name gives."""
    names = list(names)
    # A surname alone («قطان») proposes a candidate only when no fuller name of the person says
    # otherwise: «أحمد قطان» elsewhere in the article is not Toshio Kaitani.
    # every word before the last of a fuller name can be where the first name stands
    # («آية الله علي خامنئي»)
    firsts = [t for n in names if len(toks := [t for t in arabic_name_tokens(n) if not t.particle]) >= 2 for t in toks[:-1]]
    parts = _partial_names(names)
    best: dict[str, NameMatch] = {}
    by_whole: set[str] = set()  # persons some whole name (not a part of a fuller one) matches
    for name in names:
        for m in pg.match(name):
            if m.level in ("surname", "weak") and firsts and not _first_name_fits(m.person, firsts):
                # (a weak match too: «حمد بن خليفة آل ثاني» is not Tamim bin Hamad bin Khalifa,
                # whose father's and grandfather's names it shares)
                continue
            if name not in parts:
                by_whole.add(m.person.qid)
            cur = best.get(m.person.qid)
            if cur is None or LEVELS.index(m.level) < LEVELS.index(cur.level):
                best[m.person.qid] = m
    return [candidate_from_person(m.person, pg, m.level, m.text, _describe(m),
                                  m.alignment.first and m.alignment.last, qid not in by_whole, _sure(m))
            for qid, m in best.items()]


def _sure(m: NameMatch) -> bool:
    """Does every word of the Arabic name match a written form of the person's name, and every
    word of that name a word of the Arabic one? (The strength a name needs when no date can
    check the office.)"""
    a = m.alignment
    words = [t for t in arabic_name_tokens(m.text) if not t.particle]
    slots = {i for i, s in enumerate(m.variant.slots) if not s.particle}
    return a.forms == a.matched == len(words) and slots <= set(a.slots)


def _partial_names(names: list[str]) -> set[str]:
    """The names whose every word is a word of a fuller name of the same person: «جونغ-أون» and
    «كيم» beside «كيم جونغ أون». What such a part matches is someone else's whole name only by
    chance (Hee-Jung Ahn), so it does not stand against a person the whole name matches."""
    words = {n: {t.exact for t in arabic_name_tokens(n) if not t.particle} for n in names}
    return {n for n, w in words.items() if w and any(w < other for other in words.values())}


def _first_name_fits(p: Person, firsts: list[ArToken]) -> bool:
    """Can a word of a fuller name of the person («أحمد» of «أحمد قطان») be the first name
    of `p`, by form or consonant skeleton? A surname alone («قطان») must not link a person whose
    first name the article contradicts (Toshio Kaitani)."""
    for v in p.variants:
        content = [s for s in v.slots if not s.particle]
        if len(content) < 2:
            return True  # a one-word name: nothing to contradict
        if any(token_score(a, content[0])[0] > 0 for a in firsts):
            return True
        # the name tokens table may lack the spelling («بنيامين» for Benjamin): the first
        # consonant is enough not to contradict
        if any(a.skeleton[:1] and any(sk[:1] == a.skeleton[:1] for sk in content[0].skeletons) for a in firsts):
            return True
    return False


# --- deciding --------------------------------------------------------------------------------------


def _fits(c: Candidate, obs: list[Observation], held_by_other: Callable[[str, str, date, str], bool]
          ) -> tuple[str, list[str]]:
    """("office+date" | "office" | "none", evidence): the best fit of the candidate's positions.

    "office" (the title's office, held at another time) counts only when the article is undated
    or newer than the data (which then cannot tell who held it that day: «الرئيس الأمريكي دونالد
    ترامب» in 2025), or when the extract shows someone else in that office on the day: then the
    title names a former office («الرئيس أوباما» in 2018), not a gap in the data (an extract
    whose term ends too early, as Le Drian's foreign ministry in 2017, must not make a 2018 title
    fit)."""
    dated, other = [], []
    for o in obs:
        kinds = generic_offices().get(o.office_key, frozenset())
        for h in c.held:
            if h.office_key != o.office_key and h.office_key not in kinds:
                continue
            if o.country is not None and h.country not in (o.country, None):
                continue
            span = f"{h.label_en or h.position} ({h.position}) {h.start or '?'} – {h.end or '…'}"
            office = o.office_key + (f"-{o.country}" if o.country else "")
            when = o.day.isoformat() if o.day else "an undated article"
            if o.day is not None and covers(h, o.day, c.as_of):
                dated.append(f"office+date: «{o.title}» ({office}) on {when}; Wikidata: {span}")
            elif o.day is None:
                other.append(f"office: «{o.title}» ({office}), undated; Wikidata: {span}")
            elif c.as_of and o.day.isoformat() > c.as_of:
                # The article is newer than the data: the data cannot say who held it that day.
                other.append(f"office: «{o.title}» ({office}) on {when}, after the data ({c.as_of}); "
                             f"Wikidata: {span}")
            elif covers(h, o.day, c.as_of) is False and held_by_other(o.office_key, h.country or "", o.day, c.qid):
                other.append(f"office: «{o.title}» ({office}) on {when}, held at another time (someone else "
                             f"held it then); Wikidata: {span}")
    if dated:
        return "office+date", list(dict.fromkeys(dated))[:3]
    if other:
        return "office", list(dict.fromkeys(other))[:3]
    return "none", []


GENERIC_OFFICES_FILE = LEXICON / "generic_offices.tsv"


@lru_cache(maxsize=1)
def generic_offices() -> dict[str, frozenset[str]]:
    """Each generic title's office (data/lexicon/generic_offices.tsv) → the offices of its
    category in offices.tsv (as the gazetteer reads them), which it fits."""
    generic = {r["office_key"] for r in read_tsv(GENERIC_OFFICES_FILE, required=["office_key"])}
    offices = Gazetteer.load().offices()
    category = {o.key: o.category for o in offices}
    return {g: frozenset(o.key for o in offices if o.category == category.get(g)) for g in generic}


def _in_office(c: Candidate, days: list[date]) -> list[str]:
    """Evidence that the candidate held some position on one of the days the articles were published."""
    for day in days:
        for h in c.held:
            if covers(h, day, c.as_of):
                return [f"in office on {day.isoformat()}: {h.label_en or h.position} ({h.position}) "
                        f"{h.start or '?'} – {h.end or '…'}"]
    return []


def decide(cands: list[Candidate], obs: list[Observation], stated: set[str],
           office_known: Callable[[str, str | None], bool],
           held_by_other: Callable[[str, str, date, str], bool] = lambda *_: False,
           days: Iterable[date] = (), require_in_office: bool = True,
           spoken_of: set[str] | None = None) -> PersonLink | None:
    """The one candidate the evidence leaves, or None (see the module docstring for the rules).

    `office_known(office, iso)`: does the extract know any position that is this office;
    `held_by_other(office, iso, day, qid)`: did someone other than `qid` hold it on `day`;
    `days`: the publication dates of the articles that name the person; `require_in_office`:
    a name-only link needs the candidate in some office on one of those days (the extract holds
    officeholders only; an endpoint's candidates are any humans, so the online mode turns it off);
    `spoken_of`: the countries the articles speak of (None: not known), one of which a name-only
    link needs among the candidate's."""
    days = sorted({d for d in days if d is not None})
    viable: list[tuple[Candidate, str, list[str]]] = []
    for c in cands:
        if stated and c.countries and not (stated & c.countries):
            continue  # the article says another country: a namesake
        fit, evidence = _fits(c, obs, held_by_other)
        if fit == "none" and any(office_known(o.office_key, o.country) and o.office_key not in generic_offices()
                                 for o in obs):
            continue  # offices the extract knows, none of them ever his: contradicts the title
        viable.append((c, fit, evidence))

    def link(c: Candidate, how: str, evidence: list[str]) -> PersonLink:
        ev = [f"name: «{c.name}» ~ {c.label_en or c.qid} ({c.matched_as}; {NAME_MATCH[c.level]})", *evidence]
        if stated and c.countries & stated:
            ev.append(f"country: {', '.join(sorted(stated & c.countries))}")
        return PersonLink(c.qid, CONFIDENCE[(c.level, how)], f"persons-{NAME_MATCH[c.level]}+{how}", c.source,
                          NAME_MATCH[c.level], tuple(ev), c.label_en, c.held, how)

    def one(items: list[tuple[Candidate, str, list[str]]]) -> tuple[Candidate, str, list[str]] | None:
        return items[0] if len({c.qid for c, _, _ in items}) == 1 else None

    dated = [v for v in viable if v[1] == "office+date"]
    if dated:
        hit = one(dated)
        return link(hit[0], "office+date", hit[2]) if hit else None
    undated = not any(o.day for o in obs)
    # a former office on a skeleton match needs the title's country: «الأمير سعود بن عبدالله بن
    # منصور بن جلوي» (a Saudi prince) is not Kuwait's emir Saad Al-Abdullah of 2006
    with_country = any(o.country for o in obs)
    office = [v for v in viable if v[1] == "office" and (v[0].level != "surname" or undated)
              and (v[0].level != "weak" or with_country)]
    if undated and not with_country and spoken_of is not None:
        # a bare title («رئيس الجمهورية») with no date and no country fits anyone who ever held
        # that office anywhere: a name matched only in part must be of a country the articles
        # speak of (Amr Moussa's «عمرو موسى» in an Egyptian election page is not Nigeria's
        # Umaru Musa Yar'Adua, whose name it matches without his last word)
        office = [v for v in office if v[0].full or v[0].level == "label" or v[0].countries & spoken_of]
    if office:
        hit = one(office)
        return link(hit[0], "office", hit[2]) if hit else None
    named = [v for v in viable if v[0].level in ("label", "generated")]
    # a whole name's match outweighs what a part of the name alone matches, and a match of
    # the name's first and last word one of some of its words («باراك أوباما»: Barack Obama,
    # not Park Beom-kye by «باراك»)
    whole = [v for v in named if not v[0].partial]
    named = [v for v in whole if v[0].full] or whole or named
    hit = one(named)
    if hit is None:
        return None
    c = hit[0]
    # No office evidence: the name, and the extract showing the person in some office on the
    # article's date (a name whose owner was out of office then is likely named for something
    # the extract does not know: Lagarde at the IMF, Aboul Gheit at the Arab League). No
    # article that names him is dated: that cannot be told either way, and a stronger name
    # decides instead.
    if days:
        current = _in_office(c, days)
    elif c.sure or (c.full and stated & c.countries):
        # no date to check the office by: the name must be sure, or whole with the country the
        # article states («الرئيس الفرنسي فرنسوا هولاند»)
        current = ["in office: not checked (no article naming him is dated)"]
    else:
        current = []
    if require_in_office and not current:
        return None
    if stated and c.countries & stated:
        return link(c, "country", current)
    if not stated and (c.level == "label" or c.full):
        # The whole name (first and last word) and nobody else in the extract has it, and the
        # articles speak of a country of his: a Yemeni governor's name in a Saudi sports page,
        # or a Palestinian official's in a report on a Saudi mosque, is someone else's.
        if spoken_of is not None and not (c.countries & spoken_of):
            return None
        return link(c, "name", current)
    return None  # part of a generated name, and nothing else said: too easily someone else's


# --- entry points ----------------------------------------------------------------------------------


def person_names(entity: EntityRecord) -> list[str]:
    """The entity's names, fullest first, each once (by gazetteer key)."""
    return sorted(entity_names(entity), key=lambda t: -len(form_key(t).split()))


def stated_countries(entity: EntityRecord) -> set[str]:
    return ({entity.country} if entity.country else set()) | {r.country for r in entity.roles if r.country}


def is_title_only(entity: EntityRecord) -> bool:
    """Is the person named only by a title («الرئيس الأمريكي»)? Then no name can propose anyone."""
    if not entity.roles:
        return False
    titles = {match_key(r.title_ar) for r in entity.roles}
    names = [n for n in [entity.name, *(m.text for m in entity.mentions)] if n.strip()]
    return all(match_key(n) in titles for n in names)


def infer_from_title(obs: list[Observation], pg: PersonGazetteer) -> PersonLink | None:
    """The one person who held the office of that country on that day, for a title without a name."""
    found: dict[str, tuple[Person, HeldPosition, Observation]] = {}
    for o in obs:
        if o.country is None or o.day is None:
            continue
        for p in pg.holders(o.office_key, o.country):
            c = candidate_from_person(p, pg, "none", "", "")
            for h in c.held:
                if h.office_key == o.office_key and h.country == o.country and covers(h, o.day, p.as_of):
                    found.setdefault(p.qid, (p, h, o))
    if len(found) != 1:
        return None
    p, h, o = next(iter(found.values()))
    c = candidate_from_person(p, pg, "none", "", "")
    ev = (f"office+date: «{o.title}» ({o.office_key}-{o.country}) on {o.day.isoformat()}; the only holder in "
          f"Wikidata: {h.label_en} ({h.position}) {h.start or '?'} – {h.end or '…'}",
          "name: none (the article names the person by title only; inferred from office and date)")
    return PersonLink(p.qid, CONFIDENCE[("none", "office+date-inferred")], "persons-office+date-inferred",
                      p.source, "none", ev, p.label_en, c.held, "office+date-inferred")


def link_person(entity: EntityRecord, obs: list[Observation], pg: PersonGazetteer,
                days: Iterable[date] = (), spoken_of: set[str] | None = None) -> PersonLink | None:
    """Offline person linking from the person gazetteer: the entry point of the link stage.
    `obs`: the titles the articles give the person, with their dates; `days`: the publication
    dates of every article that names the person (titled or not); `spoken_of`: the countries
    those articles speak of."""
    if entity.type != "Person":
        return None
    if is_title_only(entity):
        return infer_from_title(obs, pg)
    cands = name_candidates(person_names(entity), pg)
    if not cands:
        return None
    return decide(cands, obs, stated_countries(entity), pg.office_known, pg.held_by_other,
                  [o.day for o in obs if o.day] + list(days), spoken_of=spoken_of)
