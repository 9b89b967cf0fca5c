"""The neutral prediction form the scorer reads, and the one adapter from kg's RDF store to it.

The scorer sees only these objects (plain Arabic/English labels, dates, QIDs), so the same numbers
can be computed for this tool, for a baseline or for another system's output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
import re
from typing import Any

from kg.rdf import writer as _rdf

# --- the neutral prediction form ------------------------------------------------------------


@dataclass
class PredPerson:
    """A predicted person: its Arabic labels (preferred first, then alternatives) and QID."""

    labels: list[str]
    wikidata: str | None = None


@dataclass
class PredMeeting:
    """One predicted met-with pair: the labels of each of the two persons and the event date."""

    a: list[str]
    b: list[str]
    date: str | None = None


@dataclass
class PredVisit:
    """A predicted visit: visitor labels, destination labels (Arabic and English) and date."""

    visitor: list[str]
    destination: list[str]
    date: str | None = None
    destination_qids: list[str] = field(default_factory=list)  # owl:sameAs of the destination


@dataclass
class Prediction:
    """Everything predicted for one article."""

    persons: list[PredPerson] = field(default_factory=list)
    met: list[PredMeeting] = field(default_factory=list)
    visits: list[PredVisit] = field(default_factory=list)


# --- predictions from the RDF store ------------------------------------------------------------

_QID = re.compile(r"^Q[1-9]\d*$")

# IRIs come from kg.rdf.writer, the one module that builds them, so the reader follows the writer.
DIP = str(_rdf.DIP)
KGR = str(_rdf.KGR)
WD = str(_rdf.WD)
RESOLVED_GRAPH = str(_rdf.RESOLVED_GRAPH)

# Terms go into the queries as pyoxigraph terms: IRIs and literals are checked and written by the
# library (`str(NamedNode(...))`, query substitutions), never pasted into the text by hand.
_PREFIXES = {
    "dip": DIP,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def _label_graphs(article_id: str) -> list[Any]:
    """Graphs labels are read from: the article's own and the cross-article one.

    Labels of shared entities may be stated only in _resolved; variants seen only in other
    articles' graphs must not count as this article's labels. Everything else (types,
    participants, dates, sameAs) is read from the union of all graphs, since it is a claim about
    the entity or event whichever graph states it.
    """
    import pyoxigraph as ox

    return [ox.NamedNode(_rdf.graph_iri(article_id)), ox.NamedNode(RESOLVED_GRAPH)]


def _union(store: Any) -> dict:
    """Query options: a store written by kg keeps the union of its named graphs in the default
    graph (kg.store.local); any other store is read through Oxigraph's on-the-fly union."""
    import pyoxigraph as ox

    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    return {"prefixes": _PREFIXES} if has_default else {"prefixes": _PREFIXES, "use_default_graph_as_union": True}


def _values(iris: Iterable[str]) -> str:
    """A VALUES row list of IRIs, each written by pyoxigraph (which rejects an invalid IRI)."""
    import pyoxigraph as ox

    return " ".join(str(ox.NamedNode(i)) for i in iris)


def _qid(iri: str) -> str | None:
    for base in (WD, "https://www.wikidata.org/entity/", "http://www.wikidata.org/wiki/", "https://www.wikidata.org/wiki/"):
        if iri.startswith(base) and _QID.match(iri[len(base):]):
            return iri[len(base):]
    return None


def _labels(store: Any, article_id: str, iris: Iterable[str], langs: tuple[str, ...]) -> dict[str, list[str]]:
    """Labels per entity: rdfs:label first (in `langs` order), then skos:altLabel, sorted, unique."""
    import pyoxigraph as ox

    iris = sorted(set(iris))
    if not iris:
        return {}
    lang_list = ", ".join(str(ox.Literal(lang)) for lang in langs)
    q = f"""SELECT DISTINCT ?s ?l ?kind WHERE {{
  VALUES ?s {{ {_values(iris)} }}
  GRAPH ?g {{ {{ ?s rdfs:label ?l BIND(0 AS ?kind) }} UNION {{ ?s skos:altLabel ?l BIND(1 AS ?kind) }} }}
  FILTER(LANG(?l) IN ({lang_list}))
}}"""
    rows: dict[str, list[tuple[int, int, str]]] = {i: [] for i in iris}
    # named_graphs: GRAPH ?g ranges over the article's graph and _resolved only
    for sol in store.query(q, named_graphs=_label_graphs(article_id), **_union(store)):
        lang = sol["l"].language or ""
        rank = langs.index(lang) if lang in langs else len(langs)
        rows[sol["s"].value].append((int(sol["kind"].value), rank, sol["l"].value))
    out = {}
    for iri, found in rows.items():
        labels: list[str] = []
        for _, _, text in sorted(found):
            if text not in labels:
                labels.append(text)
        out[iri] = labels
    return out


def _same_as(store: Any, iris: Iterable[str]) -> dict[str, list[str]]:
    """Wikidata QIDs each node is owl:sameAs (sorted)."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    q = f"SELECT DISTINCT ?s ?wd WHERE {{ VALUES ?s {{ {_values(iris)} }} ?s owl:sameAs ?wd }}"
    out: dict[str, set[str]] = {}
    for sol in store.query(q, **_union(store)):
        if qid := _qid(sol["wd"].value):
            out.setdefault(sol["s"].value, set()).add(qid)
    return {k: sorted(v) for k, v in out.items()}


_Q_PERSONS = """SELECT DISTINCT ?art ?p ?wd WHERE {
  ?p a dip:Person ; dip:mentionedIn ?art .
  OPTIONAL { ?p owl:sameAs ?wd }
}"""

_Q_MET = """SELECT DISTINCT ?art ?e ?p ?date WHERE {
  VALUES ?cls { dip:Meeting dip:PhoneCall }
  ?e a ?cls ; dip:reportedIn ?art ; dip:modality dip:Occurred ; dip:participant|dip:host|dip:guest ?p .
  ?p a dip:Person .
  OPTIONAL { ?e dip:date ?date }
}"""

_Q_VISITS = """SELECT DISTINCT ?art ?e ?v ?d ?date WHERE {
  ?e a dip:Visit ; dip:reportedIn ?art ; dip:visitor ?v ; dip:destination ?d .
  ?v a dip:Person .
  OPTIONAL { ?e dip:modality ?m }
  FILTER(!BOUND(?m) || ?m = dip:Occurred)
  OPTIONAL { ?e dip:date ?date }
}"""


def predictions_from_store(store: Any, article_ids: Iterable[str]) -> dict[str, Prediction]:
    """Read what the graph claims about each article into the neutral `Prediction` form.

    Per article: Persons `dip:mentionedIn` it (Arabic labels, owl:sameAs QID); occurred Meetings
    and PhoneCalls `dip:reportedIn` it, one `PredMeeting` per unordered pair of Person
    participants (dip:participant, dip:host or dip:guest, since the store does no inference);
    Visits reported in it that are occurred or have no modality, with Person visitors.
    """
    out: dict[str, Prediction] = {}
    import pyoxigraph as ox

    for aid in article_ids:
        # ?art is bound by substitution (SEP-0007; Oxigraph wants it projected), so the article
        # IRI is a term, not text
        bind = {"substitutions": {ox.Variable("art"): ox.NamedNode(_rdf.article_iri(aid))}, **_union(store)}
        pred = Prediction()

        person_qids: dict[str, set[str]] = {}
        for sol in store.query(_Q_PERSONS, **bind):
            qids = person_qids.setdefault(sol["p"].value, set())
            if sol["wd"] is not None and (qid := _qid(sol["wd"].value)):
                qids.add(qid)

        events: dict[str, tuple[set[str], set[str]]] = {}
        for sol in store.query(_Q_MET, **bind):
            people, dates = events.setdefault(sol["e"].value, (set(), set()))
            people.add(sol["p"].value)
            if sol["date"] is not None:
                dates.add(sol["date"].value)

        visits = [
            (sol["v"].value, sol["d"].value, sol["date"].value if sol["date"] is not None else None)
            for sol in store.query(_Q_VISITS, **bind)
        ]

        people_iris = set(person_qids) | {p for ps, _ in events.values() for p in ps} | {v for v, _, _ in visits}
        labels = _labels(store, aid, people_iris, ("ar",))
        place_labels = _labels(store, aid, {d for _, d, _ in visits}, ("ar", "en"))
        place_qids = _same_as(store, {d for _, d, _ in visits})

        for iri in sorted(person_qids):
            qids = sorted(person_qids[iri])
            pred.persons.append(PredPerson(labels=labels.get(iri, []), wikidata=qids[0] if qids else None))
        for e in sorted(events):
            people, dates = events[e]
            date = min(dates) if dates else None
            for a, b in combinations(sorted(people), 2):
                pred.met.append(PredMeeting(a=labels.get(a, []), b=labels.get(b, []), date=date))
        for v, d, date in sorted(visits, key=lambda t: (t[0], t[1], t[2] or "")):
            pred.visits.append(PredVisit(visitor=labels.get(v, []), destination=place_labels.get(d, []), date=date,
                                         destination_qids=place_qids.get(d, [])))
        out[aid] = pred
    return out
