"""The only module that knows IRIs and ontology terms: records + resolution → RDF graphs.

Every node gets an IRI derived from content (no blank nodes), so the same input gives the same
graph byte for byte and loading it twice into a store adds nothing. Entity core facts (type,
canonical labels, Wikidata link) are repeated in each article graph that mentions the entity,
which keeps every article graph valid on its own (SHACL per article, linear in corpus size) and
makes replacing one article's graph safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.records import ArticleRecords, DateValue, EventRecord, Span
from kg.resolve.result import Resolution, ResolvedEntity

BASE = "https://w3id.org/kg-diplomacy/"
DIP = Namespace(BASE + "ontology#")
KGR = Namespace(BASE + "id/")
TOPIC = Namespace(BASE + "topic/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

RESOLVED_GRAPH = KGR["graph/_resolved"]
PREFIXES = {
    "dip": DIP,
    "kgr": KGR,
    "topic": TOPIC,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}

MODALITY = {
    "occurred": DIP.Occurred,
    "planned": DIP.Planned,
    "cancelled": DIP.Cancelled,
    "denied": DIP.Denied,
}
ENTITY_CLASS = {
    "Person": DIP.Person,
    "Organization": DIP.Organization,
    "Country": DIP.Country,
    "City": DIP.City,
    "Place": DIP.Place,
}
ENTITY_PATH = {"Person": "person", "Organization": "org", "Country": "place", "City": "place", "Place": "place"}
MET_EVENTS = {"Meeting", "PhoneCall"}
_XSD_DATE = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def graph_iri(article_id: str) -> URIRef:
    return KGR[f"graph/{article_id}"]


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{article_id}"]


def outlet_iri(name: str) -> URIRef:
    return KGR[f"outlet/{short_hash(name.strip().lower())}"]


def entity_iri(ent: ResolvedEntity) -> URIRef:
    path = ENTITY_PATH[ent.type]
    if path == "place" and ent.wikidata:
        return KGR[f"place/{ent.wikidata}"]
    return KGR[f"{path}/{short_hash(ent.type, ent.key)}"]


def country_iri(iso2: str, qid: str | None) -> URIRef:
    return KGR[f"place/{qid}"] if qid else KGR[f"place/iso-{iso2}"]


def position_iri(key: str) -> URIRef:
    return KGR[f"position/{key}"]


def event_iri(event_type: str, key: str) -> URIRef:
    return KGR[f"event/{event_type.lower()}-{short_hash(key)}"]


def span_iri(article_id: str, span: Span) -> URIRef:
    return KGR[f"span/{article_id}/{span.start}-{span.end}"]


def date_literal(value: DateValue) -> Literal:
    return Literal(value.value, datatype=_XSD_DATE[value.datatype])


def _partial_date(value: str) -> Literal:
    """A Wikidata date at its own precision: 2017-01-20 (xsd:date), 2017-01 (gYearMonth), 2017 (gYear)."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "date")
    return Literal(value, datatype=_XSD_DATE[kind])


def new_graph(identifier: URIRef | None = None) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


class _ArticleWriter:
    """Writes one article's named graph."""

    def __init__(self, rec: ArticleRecords, res: Resolution) -> None:
        self.rec = rec
        self.res = res
        self.aid = rec.article.id
        self.art = article_iri(self.aid)
        self.g = new_graph(graph_iri(self.aid))

    def span(self, span: Span) -> URIRef:
        node = span_iri(self.aid, span)
        g = self.g
        g.add((node, RDF.type, DIP.TextSpan))
        g.add((node, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((node, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, OA.exact, Literal(self.rec.article.text[span.start : span.end], lang="ar")))
        g.add((node, DIP.inArticle, self.art))
        return node

    def article(self) -> None:
        a, g = self.rec.article, self.g
        g.add((self.art, RDF.type, SCHEMA.NewsArticle))
        g.add((self.art, SCHEMA.identifier, Literal(a.id)))
        if a.published:
            g.add((self.art, SCHEMA.datePublished, Literal(a.published.isoformat(), datatype=XSD.date)))
        if a.url:
            g.add((self.art, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.title:
            g.add((self.art, SCHEMA.headline, Literal(a.title, lang="ar")))
        if a.outlet:
            out = outlet_iri(a.outlet)
            g.add((self.art, SCHEMA.publisher, out))
            g.add((out, RDF.type, DIP.Outlet))
            g.add((out, SCHEMA.name, Literal(a.outlet)))

    def country(self, iso2: str) -> URIRef | None:
        info = self.res.countries.get(iso2)
        if info is None:
            return None
        node = country_iri(iso2, info.qid)
        g = self.g
        g.add((node, RDF.type, DIP.Country))
        g.add((node, RDFS.label, Literal(info.label_ar, lang="ar")))
        if info.label_en:
            g.add((node, RDFS.label, Literal(info.label_en, lang="en")))
        if info.qid:
            g.add((node, OWL.sameAs, WD[info.qid]))
        return node

    def entity(self, local_id: str) -> URIRef:
        ent = self.res.entities[(self.aid, local_id)]
        node = entity_iri(ent)
        g = self.g
        g.add((node, RDF.type, ENTITY_CLASS[ent.type]))
        g.add((node, RDFS.label, Literal(ent.label_ar, lang="ar")))
        if ent.label_en:
            g.add((node, RDFS.label, Literal(ent.label_en, lang="en")))
        if ent.wikidata:
            g.add((node, OWL.sameAs, WD[ent.wikidata]))
            link = KGR[f"link/{short_hash(str(node), ent.wikidata)}"]
            g.add((link, RDF.type, DIP.WikidataLink))
            g.add((link, DIP.linkSubject, node))
            g.add((link, DIP.linkTarget, WD[ent.wikidata]))
            g.add((link, DIP.confidence, Literal(f"{ent.link_confidence or 0:.2f}", datatype=XSD.decimal)))
            g.add((link, DIP.method, Literal(ent.link_method or "unknown")))
            if ent.link_source:
                g.add((link, PROV.wasDerivedFrom, Literal(ent.link_source)))
            if ent.name_match:
                g.add((link, DIP.nameMatch, Literal(ent.name_match)))
            for text in ent.link_evidence:
                g.add((link, DIP.linkEvidence, Literal(text)))
        if ent.country and ent.type != "Country":
            c = self.country(ent.country)
            if c is not None:
                g.add((node, DIP.country, c))
        if ent.wikidata and ent.positions_held:
            self.wikidata_holdings(node, ent)
        return node

    def wikidata_holdings(self, person: URIRef, ent: ResolvedEntity) -> None:
        """The positions Wikidata says the linked person held (P39), dated, marked as from Wikidata:
        a dip:WikidataPositionHolding derived from the person's Wikidata item, not from an article."""
        g = self.g
        for h in ent.positions_held:
            pos = KGR[f"position/wd-{h.position}"]
            g.add((pos, RDF.type, DIP.Position))
            g.add((pos, RDFS.label, Literal(h.label_en or h.position, lang="en")))
            g.add((pos, OWL.sameAs, WD[h.position]))
            if h.office_key:
                g.add((pos, DIP.officeKey, Literal(h.office_key)))
            if h.country:
                c = self.country(h.country)
                if c is not None:
                    g.add((pos, DIP.country, c))
            node = KGR[f"holding/wd-{short_hash(ent.wikidata or '', h.position, h.start, h.end)}"]
            g.add((node, RDF.type, DIP.PositionHolding))
            g.add((node, RDF.type, DIP.WikidataPositionHolding))
            g.add((node, DIP.holder, person))
            g.add((node, DIP.position, pos))
            g.add((node, PROV.wasDerivedFrom, WD[ent.wikidata or ""]))
            if h.start:
                g.add((node, DIP.startDate, _partial_date(h.start)))
            if h.end:
                g.add((node, DIP.endDate, _partial_date(h.end)))

    def entities(self) -> None:
        g = self.g
        for rec in self.rec.entities:
            node = self.entity(rec.local_id)
            ent = self.res.entities[(self.aid, rec.local_id)]
            g.add((node, DIP.mentionedIn, self.art))
            for m in rec.mentions:
                if m.text != ent.label_ar:
                    g.add((node, SKOS.altLabel, Literal(m.text, lang="ar")))
                g.add((node, DIP.mention, self.span(m.span)))
            for role in rec.roles:
                self.holding(node, rec.local_id, role)

    def holding(self, person: URIRef, local_id: str, role) -> None:  # role: kg.records.Role
        key = role.office_key + (f"-{role.country}" if role.country else "")
        info = self.res.positions.get(key)
        if info is None:
            return
        g = self.g
        pos = position_iri(key)
        g.add((pos, RDF.type, DIP.Position))
        g.add((pos, RDFS.label, Literal(info.label_en, lang="en")))
        g.add((pos, RDFS.label, Literal(info.label_ar, lang="ar")))
        g.add((pos, DIP.officeKey, Literal(info.office_key)))
        if info.wikidata:
            g.add((pos, OWL.sameAs, WD[info.wikidata]))
        if info.country:
            c = self.country(info.country)
            if c is not None:
                g.add((pos, DIP.country, c))
        h = KGR[f"holding/{short_hash(self.aid, str(person), key)}"]
        g.add((h, RDF.type, DIP.PositionHolding))
        g.add((h, DIP.holder, person))
        g.add((h, DIP.position, pos))
        g.add((h, DIP.titleText, Literal(role.title_ar, lang="ar")))
        g.add((h, PROV.wasDerivedFrom, self.art))
        g.add((h, DIP.evidence, self.span(role.sentence)))
        if self.rec.article.published:
            g.add((h, DIP.observedOn, Literal(self.rec.article.published.isoformat(), datatype=XSD.date)))

    def event(self, ev: EventRecord) -> None:
        resolved = self.res.events[(self.aid, ev.local_id)]
        node = event_iri(resolved.type, resolved.key)
        g = self.g
        g.add((node, RDF.type, DIP[ev.type]))
        g.add((node, DIP.modality, MODALITY[ev.modality]))
        g.add((node, DIP.trigger, Literal(ev.trigger, lang="ar")))
        g.add((node, DIP.reportedIn, self.art))
        g.add((node, DIP.evidence, self.span(ev.evidence)))
        people = []
        for pid in ev.participants:
            p = self.entity(pid)
            g.add((node, DIP.participant, p))
            if self.res.entities[(self.aid, pid)].type == "Person":
                people.append(p)
        for prop, lid in ((DIP.host, ev.host), (DIP.guest, ev.guest)):
            if lid:
                p = self.entity(lid)
                g.add((node, prop, p))
                g.add((node, DIP.participant, p))
        if ev.type == "Visit":
            visitor = ev.guest or (ev.participants[0] if ev.participants else None)
            if visitor:
                g.add((node, DIP.visitor, self.entity(visitor)))
            if ev.place:
                g.add((node, DIP.destination, self.entity(ev.place)))
        if ev.place:
            g.add((node, DIP.place, self.entity(ev.place)))
        if ev.date:
            g.add((node, DIP.date, date_literal(ev.date)))
        for t in ev.topics:
            g.add((node, DIP.topic, TOPIC[t]))
        if ev.type in MET_EVENTS and ev.modality == "occurred":
            for a in people:
                for b in people:
                    if a != b:
                        g.add((a, DIP.met, b))

    def build(self) -> Graph:
        self.article()
        self.entities()
        for ev in self.rec.events:
            self.event(ev)
        return self.g


def article_graph(rec: ArticleRecords, res: Resolution) -> Graph:
    """The named graph of one article: what that article says, with resolved identities."""
    return _ArticleWriter(rec, res).build()


def resolved_graph(res: Resolution, records: Iterable[ArticleRecords]) -> Graph:
    """Cross-article facts: report and outlet counts of fused events, dates inferred from a
    sibling report. Facts that one article states live in that article's graph instead."""
    g = new_graph(RESOLVED_GRAPH)
    outlet_of = {r.article.id: (r.article.outlet or r.article.id) for r in records}
    for ev in res.unique_events():
        node = event_iri(ev.type, ev.key)
        articles = sorted({aid for aid, _ in ev.members})
        g.add((node, DIP.reportCount, Literal(len(articles), datatype=XSD.integer)))
        g.add((node, DIP.outletCount, Literal(len({outlet_of.get(a, a) for a in articles}), datatype=XSD.integer)))
        if ev.date and ev.inferred_in:
            g.add((node, DIP.date, date_literal(ev.date)))
            for aid in ev.inferred_in:
                g.add((node, DIP.dateInferredIn, article_iri(aid)))
    return g


def graph_nquads(g: Graph) -> str:
    """N-Quads text of one named graph: rdflib's N-Triples lines with the graph name added.

    The one place that turns N-Triples into N-Quads (it was edited as text in four places);
    the reverse is `nquads_graph`, and the store side reads N-Quads with pyoxigraph's parser.
    Why text and not rdflib's N-Quads writer: that one needs a Dataset, and copying each
    article graph into one costs more than the serialisation itself.
    """
    if not isinstance(g.identifier, URIRef):
        raise ValueError("an N-Quads graph needs an IRI as its name")
    ctx = f" {g.identifier.n3()} ."
    out = [line[: -len(" .")] + ctx for line in g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
           if line.strip()]
    return "\n".join(out) + ("\n" if out else "")


def nquads_graph(text: str, name: URIRef) -> Graph:
    """The named graph `name` of N-Quads text, as an rdflib graph with the project prefixes."""
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=text, format="nquads")
    g = new_graph(name)
    for t in ds.graph(name):
        g.add(t)
    return g


def sorted_nquads(graphs: Iterable[Graph]) -> str:
    """Canonical text of a set of named graphs: N-Quads lines, sorted (no blank nodes are used)."""
    lines = sorted(line for g in graphs for line in graph_nquads(g).splitlines())
    return "\n".join(lines) + ("\n" if lines else "")
