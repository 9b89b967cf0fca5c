"""Online Wikidata: SPARQL look-ups with a disk cache, and a gazetteer updater.

Optional: the offline gazetteer is always tried first (`kg.link.offline`). This module asks a SPARQL
endpoint (the Wikidata Query Service, or any store holding Wikidata-shaped RDF) what the
gazetteer cannot answer: which items carry an Arabic label, which positions a person held
(P39 statements with start P580 and end P582 qualifiers, read through p:/ps:/pq:), and who held
an office on a given day.

Being a polite client is part of the contract with WDQS: a descriptive User-Agent with a contact
URL, at most three queries in flight, a 60 s timeout, and on HTTP 429 waiting as long as
Retry-After says (5xx: exponential backoff); the transport is kg.sparql.SparqlClient. Every answer
is cached on disk, one JSON file per query hash, written atomically, so a second run over the
same articles sends nothing. Names and QIDs go into the query text as pyoxigraph terms
(`Literal(name, language="ar")`, `NamedNode(wd + qid)`), whose string forms are SPARQL syntax
with every escape done: no hand-written escaper, and a name with a line break is just a literal.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.arabic import normalize, tokens
from kg.gazetteer import Gazetteer, form_key
from kg.io import atomic_write, read_table, write_tsv
from kg.link.offline import LinkResult, link_entity
from kg.link.persons import (
    Candidate, HeldPosition, Observation, PersonLink, decide, is_title_only, person_names, stated_countries,
)
from kg.paths import GAZETTEER, LEXICON, ROOT
from kg.records import ArticleRecords, EntityRecord
from kg.sparql import SparqlClient, SparqlError, check_url

WDQS = "https://query.wikidata.org/sparql"
DEFAULT_USER_AGENT = (
    "kg-diplomacy/0.1 (https://w3id.org/kg-diplomacy; Arabic diplomatic news to RDF) "
    f"python-requests/{requests.__version__}"
)
DEFAULT_CACHE = ROOT / "build" / "wikidata-cache"
MAX_IN_FLIGHT = 3
TIMEOUT_S = 60
MAX_ATTEMPTS = 5

PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# Class constraints per kind. Q515 (city) and Q3624078 (sovereign state) are the classes of the
# queries in shared/data/wikidata/SOURCE.md; Q5 is Wikidata's "human".
KIND_FILTERS = {
    "person": "FILTER EXISTS { ?item wdt:P31 wd:Q5 }",
    "country": "FILTER EXISTS { ?item wdt:P31 wd:Q3624078 }",
    "city": "FILTER EXISTS { ?item wdt:P31/wdt:P279* wd:Q515 }",
    "organization": "FILTER NOT EXISTS { ?item wdt:P31 wd:Q5 }",
}
_QID = re.compile(r"Q[1-9]\d*")
_ENTITY_IRI = "http://www.wikidata.org/entity/"


class WikidataError(Exception):
    """The endpoint could not answer (after retries), or answered something unreadable."""


@dataclass(frozen=True)
class Item:
    """What the endpoint says about one item: labels and the statements linking needs."""

    qid: str
    label_ar: str | None = None
    label_en: str | None = None
    aliases_ar: tuple[str, ...] = ()
    instance_of: tuple[str, ...] = ()
    citizenship: tuple[str, ...] = ()  # P27 (persons) or P17 (places, organizations)


@dataclass(frozen=True)
class Holding:
    """One P39 (position held) statement."""

    person: str
    position: str
    start: str | None  # ISO date (first 10 characters of the xsd:dateTime)
    end: str | None

    def covers(self, day: date) -> bool:
        """True when the statement says the office was held on `day` (start known, not ended)."""
        if not self.start or self.start[:10] > day.isoformat():
            return False
        return self.end is None or self.end[:10] >= day.isoformat()


def _qid(value: str) -> str:
    """Validate a QID before it names an item (no typos, nothing but an item IRI)."""
    if not _QID.fullmatch(value):
        raise ValueError(f"not a QID: {value!r}")
    return value


def _item(qid: str) -> str:
    """An item as SPARQL text: `<http://www.wikidata.org/entity/Q…>`."""
    return str(ox.NamedNode(_ENTITY_IRI + _qid(qid)))


def _arabic(text: str) -> str:
    """An Arabic name as a SPARQL literal (`"…"@ar`), escaped by pyoxigraph."""
    return str(ox.Literal(text, language="ar"))


def _local(iri: str) -> str:
    return iri[len(_ENTITY_IRI):] if iri.startswith(_ENTITY_IRI) else iri


@dataclass
class WikidataClient:
    """A caching SPARQL client. `requests_sent` counts what actually went over the network
    (retries included). `backoff` is the first wait between retries of a failed request."""

    endpoint: str = WDQS
    cache_dir: Path | str = DEFAULT_CACHE
    user_agent: str = DEFAULT_USER_AGENT
    timeout: int = TIMEOUT_S
    max_attempts: int = MAX_ATTEMPTS
    backoff: float = 1.0
    _slots: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(MAX_IN_FLIGHT))
    _http: SparqlClient = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.cache_dir = Path(self.cache_dir)
        if "http" not in self.user_agent.lower() and "@" not in self.user_agent:
            raise ValueError("the User-Agent must carry a contact URL or e-mail (WDQS policy)")
        check_url(self.endpoint, "Wikidata endpoint")
        self._http = SparqlClient(user_agent=self.user_agent, retries=max(self.max_attempts - 1, 0),
                                  backoff=self.backoff, timeout=(10.0, float(self.timeout)))

    @property
    def requests_sent(self) -> int:
        return self._http.requests_sent

    # --- transport -----------------------------------------------------------------------------

    def _cache_path(self, sparql: str) -> Path:
        digest = hashlib.sha256(f"{self.endpoint}\n{sparql}".encode()).hexdigest()
        return Path(self.cache_dir) / f"{digest}.json"

    def query(self, sparql: str) -> dict:
        """SPARQL JSON results for a SELECT query, from the cache when it was asked before."""
        path = self._cache_path(sparql)
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))["result"]
            except (json.JSONDecodeError, KeyError):
                path.unlink(missing_ok=True)  # a damaged cache entry is asked again
        result = self._send(sparql)
        payload = json.dumps({"endpoint": self.endpoint, "query": sparql, "result": result},
                             ensure_ascii=False)
        atomic_write(path, payload)
        return result

    def query_many(self, queries: Iterable[str]) -> list[dict]:
        """Several queries, at most three in flight, answers in the order asked."""
        with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
            return list(pool.map(self.query, list(queries)))

    def check(self) -> None:
        """One `ASK {}` (not cached, one retry): WikidataError when the endpoint does not answer.

        Asked before a build's NLP runs, so an unreachable endpoint costs seconds, not the build.
        """
        probe = SparqlClient(user_agent=self.user_agent, retries=1, backoff=0.2, timeout=(5.0, 15.0))
        try:
            probe.select(self.endpoint, "ASK {}")
        except SparqlError as exc:
            raise WikidataError(str(exc)) from None

    def _send(self, sparql: str) -> dict:
        with self._slots:
            try:
                result = self._http.select(self.endpoint, sparql)
            except SparqlError as exc:
                raise WikidataError(str(exc)) from None
        if "results" not in result:
            raise WikidataError(f"{self.endpoint}: answer is not SPARQL JSON results")
        return result

    # --- questions -----------------------------------------------------------------------------

    def search_label(self, label_ar: str, kind: str | None = None) -> list[Item]:
        """Items whose Arabic label or alias is exactly this name (as written, or normalised)."""
        forms = sorted({label_ar.strip(), " ".join(label_ar.split()), normalize(label_ar.strip())})
        values = " ".join(_arabic(f) for f in forms if f)
        kind_filter = KIND_FILTERS.get(kind or "", "")
        sparql = PREFIXES + f"""SELECT DISTINCT ?item WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name }} UNION {{ ?item skos:altLabel ?name }}
  {kind_filter}
}} ORDER BY ?item LIMIT 50"""
        rows = self.query(sparql)["results"]["bindings"]
        qids = [_local(r["item"]["value"]) for r in rows if "item" in r]
        return self.describe_many([q for q in qids if _QID.fullmatch(q)])

    def describe(self, qid: str) -> Item:
        return self.describe_many([qid])[0]

    def describe_many(self, qids: list[str]) -> list[Item]:
        queries = [PREFIXES + f"""SELECT ?p ?o WHERE {{
  VALUES ?p {{ rdfs:label skos:altLabel wdt:P31 wdt:P27 wdt:P17 }}
  {_item(q)} ?p ?o .
}}""" for q in qids]
        items = []
        for qid, answer in zip(qids, self.query_many(queries)):
            label_ar = label_en = None
            aliases, inst, cit = [], [], []
            for b in answer["results"]["bindings"]:
                prop, obj = b["p"]["value"], b["o"]
                lang = obj.get("xml:lang", "")
                if prop.endswith("#label"):
                    if lang == "ar":
                        label_ar = obj["value"]
                    elif lang == "en":
                        label_en = obj["value"]
                elif prop.endswith("#altLabel") and lang == "ar":
                    aliases.append(obj["value"])
                elif prop.endswith("/P31"):
                    inst.append(_local(obj["value"]))
                elif prop.endswith(("/P27", "/P17")):
                    cit.append(_local(obj["value"]))
            items.append(Item(qid, label_ar, label_en, tuple(sorted(aliases)), tuple(sorted(inst)),
                              tuple(sorted(cit))))
        return items

    def positions_held(self, qid: str) -> list[Holding]:
        """Every P39 statement of a person, with its start and end qualifiers."""
        sparql = PREFIXES + f"""SELECT ?pos ?start ?end WHERE {{
  {_item(qid)} p:P39 ?st . ?st ps:P39 ?pos .
  OPTIONAL {{ ?st pq:P580 ?start }} OPTIONAL {{ ?st pq:P582 ?end }}
}} ORDER BY ?pos ?start"""
        return [
            Holding(qid, _local(b["pos"]["value"]), b.get("start", {}).get("value"), b.get("end", {}).get("value"))
            for b in self.query(sparql)["results"]["bindings"]
        ]

    def holders(self, position_qid: str) -> list[Holding]:
        """Every P39 statement naming this position (who held it, from when, until when)."""
        sparql = PREFIXES + f"""SELECT ?person ?start ?end WHERE {{
  ?person p:P39 ?st . ?st ps:P39 {_item(position_qid)} .
  OPTIONAL {{ ?st pq:P580 ?start }} OPTIONAL {{ ?st pq:P582 ?end }}
}} ORDER BY ?person ?start"""
        return [
            Holding(_local(b["person"]["value"]), position_qid, b.get("start", {}).get("value"),
                    b.get("end", {}).get("value"))
            for b in self.query(sparql)["results"]["bindings"]
        ]

    def holder_on(self, position_qid: str, day: date) -> list[str]:
        """QIDs of whoever held the position on `day` (usually one; none when the data is silent).

        The date filter runs here, not in SPARQL, so one cached answer serves every date.
        """
        return sorted({h.person for h in self.holders(position_qid) if h.covers(day)})


# --- online linking -----------------------------------------------------------------------------


def link_entity_online(entity: EntityRecord, published: date | None, gaz: Gazetteer,
                       client: WikidataClient) -> LinkResult | None:
    """Offline first; then the endpoint, for persons only, with the same caution.

    The endpoint part is `link_person_online` (the disambiguation of kg.link.persons on the
    endpoint's labels and P39 statements): "endpoint-position" (0.85) when the article gives an
    office and a date and exactly one item with the person's name held it that day;
    "endpoint-label" (0.70) when a name of two or more words matches exactly one human whose
    citizenship does not contradict the article.
    """
    offline = link_entity(entity, published, gaz)
    if offline is not None or entity.type != "Person":
        return offline
    obs = [Observation(r.office_key, r.country, published, r.title_ar) for r in entity.roles]
    found = link_person_online(entity, obs, gaz, client, [published] if published else [])
    return LinkResult(found.qid, found.confidence, found.method, found.source) if found else None


# Methods and confidences of endpoint links, by the evidence that decided them.
ENDPOINT_METHODS = {"office+date": ("endpoint-position", 0.85), "office": ("endpoint-office", 0.75),
                    "country": ("endpoint-label", 0.70), "name": ("endpoint-label", 0.70),
                    "office+date-inferred": ("endpoint-office+date-inferred", 0.60)}


def _held_online(client: WikidataClient, gaz: Gazetteer, qid: str, labels: dict[str, str]) -> tuple[HeldPosition, ...]:
    """A person's P39 statements from the endpoint, each with the office positions.tsv maps it to."""
    out = []
    for h in client.positions_held(qid):
        office = gaz.office_of_position(h.position)
        out.append(HeldPosition(h.position, labels.get(h.position, ""), office[0] if office else None,
                                office[1] if office else None, (h.start or "")[:10], (h.end or "")[:10]))
    return tuple(out)


def link_person_online(entity: EntityRecord, obs: list[Observation], gaz: Gazetteer, client: WikidataClient,
                       days: Iterable[date] = ()) -> PersonLink | None:
    """A person the gazetteers cannot link, decided on the endpoint's data by kg.link.persons.decide.

    Candidates: humans whose Arabic label or alias is one of the entity's names of two words or
    more (a surname alone is too weak to send to an endpoint of 100 M items). Their positions:
    p:P39 statements with P580/P582. An office of the article counts when positions.tsv maps it
    to a Wikidata position; a title with no name is linked when exactly one item held that
    position on the day (client.holder_on)."""
    if entity.type != "Person":
        return None
    labels: dict[str, str] = {}
    if is_title_only(entity):
        found: dict[str, tuple[str, Observation]] = {}
        for o in obs:
            pos = gaz.position_qid(o.office_key, o.country) if o.country else None
            if pos is None or o.day is None:
                continue
            for person in client.holder_on(pos, o.day):
                found.setdefault(person, (pos, o))
        if len(found) != 1:
            return None
        qid, (pos, o) = next(iter(found.items()))
        item = client.describe(qid)
        method, conf = ENDPOINT_METHODS["office+date-inferred"]
        return PersonLink(qid, conf, method, client.endpoint, "none",
                          (f"office+date: «{o.title}» ({o.office_key}-{o.country}) on {o.day.isoformat()}; the only "
                           f"holder of {pos} on the endpoint", "name: none (named by title only)"),
                          item.label_en or "", _held_online(client, gaz, qid, labels))
    names = [n for n in person_names(entity) if len(tokens(n)) >= 2]
    items: dict[str, tuple[Item, str]] = {}
    for name in names:
        for item in client.search_label(name, "person"):
            items.setdefault(item.qid, (item, name))
    cands = []
    for qid, (item, name) in sorted(items.items()):
        countries = frozenset(gaz.qid_to_iso(c) or c for c in item.citizenship)  # unknown: its QID
        cands.append(Candidate(qid, item.label_en or "", "label", name, "Arabic label on the endpoint", True,
                               countries, _held_online(client, gaz, qid, labels), "", client.endpoint))

    def held_by_other(office: str, iso: str, day: date, qid: str) -> bool:
        pos = gaz.position_qid(office, iso or None)
        return pos is not None and any(p != qid for p in client.holder_on(pos, day))

    found_link = decide(cands, obs, stated_countries(entity),
                        lambda office, iso: gaz.position_qid(office, iso) is not None, held_by_other,
                        [o.day for o in obs if o.day] + list(days), require_in_office=False)
    if found_link is None:
        return None
    method, conf = ENDPOINT_METHODS[found_link.basis]
    return PersonLink(found_link.qid, conf, method, client.endpoint, found_link.name_match, found_link.evidence,
                      found_link.label_en, found_link.held, found_link.basis)


def link_records_online(records: ArticleRecords | Iterable[ArticleRecords], client: WikidataClient,
                        gaz: Gazetteer | None = None) -> int:
    """`kg.link.offline.link_records` with the endpoint as a second chance; returns how many linked."""
    gaz = gaz or Gazetteer.load()
    batches = [records] if isinstance(records, ArticleRecords) else list(records)
    n = 0
    for recs in batches:
        for ent in recs.entities:
            if ent.wikidata:
                continue
            res = link_entity_online(ent, recs.article.published, gaz, client)
            if res is not None:
                ent.wikidata, ent.link_confidence, ent.link_method = res.qid, res.confidence, res.method
                ent.link_source = res.source
                n += 1
    return n


# --- gazetteer update ---------------------------------------------------------------------------


def _write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """The gazetteer file written back; whitespace runs (tabs, line breaks) in a cell become one space."""
    write_tsv(path, header, ({c: " ".join(str(r.get(c, "") or "").split()) for c in header} for r in rows))


def _clean_forms(forms: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for f in forms:
        if f and "|" not in f and f.strip() and form_key(f) not in {form_key(o) for o in out}:
            out.append(" ".join(f.split()))
    return out


def update_gazetteer(endpoint: str, gaz_dir: Path | str = GAZETTEER, *,
                     cache_dir: Path | str = DEFAULT_CACHE, client: WikidataClient | None = None,
                     names: Iterable[tuple[str, str]] = (), lexicon: Path | str = LEXICON) -> dict[str, int]:
    """Ask the endpoint what the offline gazetteer lacks and write it into the TSV files.

    - every holder of a position in positions.tsv becomes a person row (Arabic label and aliases,
      country = the position's, role = the office's category), so a later offline run links
      «مصطفى الكاظمي» without the endpoint;
    - persons without a country get one from P27 when it maps to a gazetteer country;
    - each (Arabic name, kind) in `names` found as exactly one item becomes a row.
    Rows written here carry source = the endpoint URL. Returns counts of what changed.
    """
    gaz_dir = Path(gaz_dir)
    client = client or WikidataClient(endpoint, cache_dir)
    gaz = Gazetteer.load(gaz_dir, lexicon)
    path = gaz_dir / "entities.tsv"
    header, rows = read_table(path)
    by_qid = {r["qid"]: r for r in rows}
    stats = {"persons added": 0, "countries filled": 0, "names added": 0, "forms added": 0}

    def add_source(row: dict[str, str]) -> None:
        if endpoint not in row.get("source", "").split(";"):
            row["source"] = ";".join(s for s in (row.get("source"), endpoint) if s)

    def upsert(item: Item, kind: str, country: str | None, role_category: str | None) -> str:
        forms = _clean_forms([item.label_ar, *item.aliases_ar])
        if not forms:
            return "skipped"
        row = by_qid.get(item.qid)
        if row is None:
            row = {c: "" for c in header}
            row.update(qid=item.qid, kind=kind, label_en=item.label_en or "", label_ar=forms[0],
                       forms_ar="|".join(forms), country=country or "", role_category=role_category or "",
                       source=endpoint, evidence=f"{endpoint} (kg gazetteer update)")
            by_qid[item.qid] = row
            rows.append(row)
            return "added"
        known = row["forms_ar"].split("|") if row["forms_ar"] else []
        merged = _clean_forms([*known, *forms])
        if len(merged) > len(known):
            stats["forms added"] += len(merged) - len(known)
            row["forms_ar"] = "|".join(merged)
            add_source(row)
        if country and not row.get("country"):
            row["country"] = country
            add_source(row)
        return "merged"

    # Holders of known positions (the verified ones: the positions derived from persons.json
    # refresh the person gazetteer instead, with their dates, below).
    _, positions = read_table(gaz_dir / "positions.tsv") if (gaz_dir / "positions.tsv").exists() else ([], [])
    for pos in [p for p in positions if p.get("source") != PERSONS_SOURCE]:
        office = gaz.office(pos["office_key"])
        holders = client.holders(pos["qid"])
        for item in client.describe_many(sorted({h.person for h in holders})):
            if upsert(item, "person", pos["iso2"] or None, office.category if office else None) == "added":
                stats["persons added"] += 1

    # Countries of persons from P27.
    persons = [r for r in rows if r["kind"] == "person" and not r.get("country") and _QID.fullmatch(r["qid"])]
    for row, item in zip(persons, client.describe_many([r["qid"] for r in persons])):
        isos = {gaz.qid_to_iso(q) for q in item.citizenship} - {None}
        if len(isos) == 1:
            row["country"] = isos.pop()
            add_source(row)
            stats["countries filled"] += 1

    # Names asked for explicitly.
    for name, kind in names:
        found = client.search_label(name, kind)
        if len(found) == 1 and kind in {"person", "organization"}:
            country = None
            isos = {gaz.qid_to_iso(q) for q in found[0].citizenship} - {None}
            if len(isos) == 1:
                country = isos.pop()
            if upsert(found[0], kind, country, None) == "added":
                stats["names added"] += 1

    rows.sort(key=lambda r: int(r["qid"][1:]) if _QID.fullmatch(r["qid"]) else 0)
    _write_rows(path, header, rows)
    if (gaz_dir / "persons.tsv").exists():
        stats.update(update_persons(client, gaz_dir, gaz, [p["qid"] for p in positions if _QID.fullmatch(p.get("qid", ""))]))
    return stats


# --- refreshing the person gazetteer --------------------------------------------------------------

PERSONS_SOURCE = "persons.json"  # the source tag scripts/build_persons.py writes


def _read_commented(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(leading comment lines, header, rows) of a TSV whose header follows '#' comment lines."""
    comments = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    header, rows = read_table(path)
    return comments, header, rows


def _write_commented(path: Path, comments: list[str], header: list[str], rows: list[dict[str, str]]) -> None:
    lines = comments + ["\t".join(header)]
    lines += ["\t".join(" ".join(str(r.get(c, "") or "").split()) for c in header) for r in rows]
    atomic_write(path, "\n".join(lines) + "\n")


def update_persons(client: WikidataClient, gaz_dir: Path | str, gaz: Gazetteer, positions: Iterable[str],
                   names_table: Path | None = None) -> dict[str, int]:
    """Bring the person gazetteer up to the endpoint's data for these positions (QIDs).

    For each position: every P39 statement naming it (holder, start, end) goes into
    person_positions.tsv (a known statement gets the endpoint's end date: a term that was running
    when the extract was made may have ended since); holders the gazetteer lacks become
    persons.tsv rows with their labels, Arabic spellings generated from the English label
    (through the name-token table, when it is there) and retrieval keys; the persons touched are
    marked as of today. Each file is written atomically, positions first, so an interrupted
    update leaves files the reader accepts. Rows written here carry source = the endpoint URL."""
    from kg.link.names import NameTableError, english_tokens, generate, load_name_tokens, retrieval_keys
    from kg.paths import shared_data

    d = Path(gaz_dir)
    today = date.today().isoformat()
    stats = {"person gazetteer: holdings added": 0, "person gazetteer: holdings ended": 0,
             "person gazetteer: persons added": 0}
    pc, ph, prow = _read_commented(d / "wikidata_positions.tsv")
    hc, hh, hrow = _read_commented(d / "person_positions.tsv")
    rc, rh, rrow = _read_commented(d / "persons.tsv")
    pos_by = {r["position_qid"]: r for r in prow}
    held = {(r["qid"], r["position_qid"], r["start"]): r for r in hrow}
    people = {r["qid"]: r for r in rrow}
    touched: set[str] = set()
    new_people: dict[str, set[str]] = {}
    for pq in dict.fromkeys(positions):
        office = gaz.office_of_position(pq)
        for h in client.holders(pq):
            if not _QID.fullmatch(h.person):
                continue
            start, end = (h.start or "")[:10], (h.end or "")[:10]
            row = held.get((h.person, pq, start))
            if row is None:
                row = {"qid": h.person, "position_qid": pq, "start": start, "end": end, "from": client.endpoint}
                held[(h.person, pq, start)] = row
                hrow.append(row)
                stats["person gazetteer: holdings added"] += 1
            elif end and row.get("end") != end:
                row["end"] = end
                stats["person gazetteer: holdings ended"] += 1
            touched.add(h.person)
            if h.person not in people:
                new_people.setdefault(h.person, set()).update([office[1]] if office and office[1] else [])
        if pq not in pos_by:
            pos_by[pq] = {"position_qid": pq, "label_en": "", "iso2": office[1] or "" if office else "",
                          "office_key": office[0] if office else "", "holders": "0"}
            prow.append(pos_by[pq])
    unlabelled = [r["position_qid"] for r in prow if not r.get("label_en")]
    for item in client.describe_many(unlabelled):
        if item.label_en:
            pos_by[item.qid]["label_en"] = item.label_en
    counts: dict[str, set[str]] = defaultdict(set)
    for (q, p, _s) in held:
        counts[p].add(q)
    for r in prow:
        r["holders"] = str(len(counts.get(r["position_qid"], ())))
    table: dict = {}
    try:
        table = load_name_tokens(names_table or shared_data() / "person_names_wikidata" / "wikidata_person_name_tokens_en_ar.tsv")
    except NameTableError:
        stats["person gazetteer: no name-token table (skeletons only)"] = 1
    for item in client.describe_many(sorted(new_people, key=lambda q: int(q[1:]))):
        label_en = item.label_en or ""
        forms = _clean_forms([item.label_ar, *item.aliases_ar])
        toks = english_tokens(label_en) if label_en else []
        gen = [generate(t, table) for t in toks]
        if not toks and not forms:
            continue
        countries = {gaz.qid_to_iso(c) for c in item.citizenship} - {None} | new_people[item.qid]
        row = {"qid": item.qid, "label_en": label_en, "aliases_en": "", "label_ar": forms[0] if forms else "",
               "aliases_ar": "|".join(forms[1:]), "name_tokens": " ".join(toks),
               "generated_ar": " ".join("/".join(g) if g else "_" for g in gen) if toks else "",
               "countries": "|".join(sorted(countries)), "as_of": today, "source": client.endpoint,
               "index_keys": " ".join(retrieval_keys(forms, [toks] if toks else [], [gen] if toks else []))}
        people[item.qid] = row
        rrow.append(row)
        stats["person gazetteer: persons added"] += 1
    for q in touched:
        if q in people:
            people[q]["as_of"] = max(people[q].get("as_of", ""), today)
    rrow.sort(key=lambda r: int(r["qid"][1:]))
    hrow = [r for r in hrow if r["qid"] in people]
    hrow.sort(key=lambda r: (int(r["qid"][1:]), r["start"], r["position_qid"]))
    prow.sort(key=lambda r: int(r["position_qid"][1:]))
    _write_commented(d / "wikidata_positions.tsv", pc, ph, prow)
    _write_commented(d / "persons.tsv", rc, rh, rrow)
    _write_commented(d / "person_positions.tsv", hc, hh, hrow)
    return stats
