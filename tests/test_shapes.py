"""The ontology, the topic scheme and the SHACL shapes, checked against hand-built graphs.

One valid graph in the vocabulary must conform; each bad variant changes one thing and must be
rejected *by the rule meant to catch it* (focus node, path and shape are asserted, and no other
rule may fire), so a shape that silently stops matching is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import rdflib
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

from kg.paths import ONTOLOGY
from kg.rdf.validate import (
    PREFIXES,
    ValidationReport,
    compact,
    load_data_file,
    ontology_graph,
    shapes_graph,
    validate_file,
    validate_graph,
)
from kg.store.local import validate_store

DIP = Namespace(PREFIXES["dip"])
DSH = Namespace(PREFIXES["dsh"])
KGR = Namespace(PREFIXES["kgr"])
TOPIC = Namespace(PREFIXES["topic"])
SCHEMA = Namespace(PREFIXES["schema"])
OA = Namespace(PREFIXES["oa"])
WD = Namespace(PREFIXES["wd"])
XSD = Namespace(PREFIXES["xsd"])  # an open namespace: pytest inspects module globals


# --------------------------------------------------------------------------------------------
# The valid graph
# --------------------------------------------------------------------------------------------


@dataclass
class Ids:
    """The nodes of the valid graph, so that variants can name what they break."""

    article: URIRef = KGR["article/a1"]
    outlet: URIRef = KGR["outlet/k24"]
    p1: URIRef = KGR["person/p1"]  # the Iraqi adviser
    p2: URIRef = KGR["person/p2"]  # the Russian secretary
    org: URIRef = KGR["org/o1"]
    iraq: URIRef = KGR["place/Q796"]
    russia: URIRef = KGR["place/Q159"]
    baghdad: URIRef = KGR["place/Q1530"]
    span1: URIRef = KGR["span/a1/0-120"]
    span2: URIRef = KGR["span/a1/121-240"]
    meeting: URIRef = KGR["event/meeting-e1"]
    visit: URIRef = KGR["event/visit-v1"]
    statement: URIRef = KGR["event/statement-s1"]
    position: URIRef = KGR["position/national-security-adviser-iq"]
    holding: URIRef = KGR["holding/h1"]
    wd_position: URIRef = KGR["position/wd-Q4374313"]
    wd_holding: URIRef = KGR["holding/wd-h2"]
    link: URIRef = KGR["link/l1"]


I = Ids()


def ar(text: str) -> Literal:
    return Literal(text, lang="ar")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def nni(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.nonNegativeInteger)


def day(s: str) -> Literal:
    return Literal(s, datatype=XSD.date)


def valid_triples() -> list[tuple]:
    """One article: a meeting with evidence, a visit to a city, a holding, a Wikidata link."""
    i = I
    return [
        # article and outlet
        (i.article, RDF.type, SCHEMA.NewsArticle),
        (i.article, SCHEMA.identifier, Literal("a1")),
        (i.article, SCHEMA.datePublished, day("2025-09-16")),
        (i.article, SCHEMA.publisher, i.outlet),
        (i.article, SCHEMA.url, Literal("https://example.org/a1", datatype=XSD.anyURI)),
        (i.article, SCHEMA.headline, ar("الأعرجي يستقبل شويغو في بغداد")),
        (i.outlet, RDF.type, DIP.Outlet),
        (i.outlet, SCHEMA.name, Literal("Kurdistan24")),
        # places
        (i.iraq, RDF.type, DIP.Country),
        (i.iraq, RDFS.label, ar("العراق")),
        (i.iraq, RDFS.label, en("Iraq")),
        (i.iraq, OWL.sameAs, WD.Q796),
        (i.russia, RDF.type, DIP.Country),
        (i.russia, RDFS.label, ar("روسيا")),
        (i.russia, OWL.sameAs, WD.Q159),
        (i.baghdad, RDF.type, DIP.City),
        (i.baghdad, RDFS.label, ar("بغداد")),
        (i.baghdad, DIP.country, i.iraq),
        (i.baghdad, DIP.mentionedIn, i.article),
        # persons and an organisation
        (i.p1, RDF.type, DIP.Person),
        (i.p1, RDFS.label, ar("قاسم الأعرجي")),
        (i.p1, RDFS.label, en("Qasim al-Araji")),
        (i.p1, SKOS.altLabel, ar("الاعرجي")),
        (i.p1, DIP.mentionedIn, i.article),
        (i.p1, DIP.country, i.iraq),
        (i.p1, DIP.mention, i.span1),
        (i.p2, RDF.type, DIP.Person),
        (i.p2, RDFS.label, ar("سيرغي شويغو")),
        (i.p2, SKOS.altLabel, ar("شويجو")),
        (i.p2, SKOS.altLabel, ar("سيرجي شويغو")),
        (i.p2, DIP.mentionedIn, i.article),
        (i.p2, DIP.country, i.russia),
        (i.p2, OWL.sameAs, WD.Q313470),
        (i.org, RDF.type, DIP.Organization),
        (i.org, RDFS.label, ar("مجلس الأمن الروسي")),
        (i.org, DIP.mentionedIn, i.article),
        (i.org, DIP.country, i.russia),
        # evidence spans
        (i.span1, RDF.type, DIP.TextSpan),
        (i.span1, OA.start, nni(0)),
        (i.span1, OA.end, nni(120)),
        (i.span1, OA.exact, ar("أشار مستشار الأمن القومي العراقي قاسم الأعرجي خلال لقائه سيرغي شويغو")),
        (i.span1, DIP.inArticle, i.article),
        (i.span2, RDF.type, DIP.TextSpan),
        (i.span2, OA.start, nni(121)),
        (i.span2, OA.end, nni(240)),
        (i.span2, OA.exact, ar("وصل سكرتير مجلس الأمن الروسي سيرغي شويغو في زيارة رسمية إلى بغداد")),
        (i.span2, DIP.inArticle, i.article),
        # a meeting that occurred
        (i.meeting, RDF.type, DIP.Meeting),
        (i.meeting, DIP.participant, i.p1),
        (i.meeting, DIP.participant, i.p2),
        (i.meeting, DIP.host, i.p1),
        (i.meeting, DIP.guest, i.p2),
        (i.meeting, DIP.modality, DIP.Occurred),
        (i.meeting, DIP.date, day("2025-09-16")),
        (i.meeting, DIP.place, i.baghdad),
        (i.meeting, DIP.topic, TOPIC["counter-terrorism"]),
        (i.meeting, DIP.trigger, ar("لقائه")),
        (i.meeting, DIP.reportedIn, i.article),
        (i.meeting, DIP.evidence, i.span1),
        (i.meeting, DIP.reportCount, Literal(1)),
        (i.meeting, DIP.outletCount, Literal(1)),
        (i.p1, DIP.met, i.p2),
        (i.p2, DIP.met, i.p1),
        # a visit to a city (and its country)
        (i.visit, RDF.type, DIP.Visit),
        (i.visit, DIP.visitor, i.p2),
        (i.visit, DIP.participant, i.p2),
        (i.visit, DIP.destination, i.baghdad),
        (i.visit, DIP.destination, i.iraq),
        (i.visit, DIP.modality, DIP.Occurred),
        (i.visit, DIP.date, Literal("2025-09", datatype=XSD.gYearMonth)),
        (i.visit, DIP.reportedIn, i.article),
        (i.visit, DIP.evidence, i.span2),
        # a statement by a country (participants may be countries outside meetings)
        (i.statement, RDF.type, DIP.Statement),
        (i.statement, DIP.participant, i.iraq),
        (i.statement, DIP.modality, DIP.Occurred),
        (i.statement, DIP.date, Literal("2025", datatype=XSD.gYear)),
        (i.statement, DIP.reportedIn, i.article),
        (i.statement, DIP.evidence, i.span1),
        # an office and who held it
        (i.position, RDF.type, DIP.Position),
        (i.position, RDFS.label, en("National Security Adviser of Iraq")),
        (i.position, RDFS.label, ar("مستشار الأمن القومي العراقي")),
        (i.position, DIP.country, i.iraq),
        (i.position, DIP.officeKey, Literal("national_security_adviser")),
        (i.holding, RDF.type, DIP.PositionHolding),
        (i.holding, DIP.holder, i.p1),
        (i.holding, DIP.position, i.position),
        (i.holding, DIP.observedOn, day("2025-09-16")),
        (i.holding, DIP.titleText, ar("مستشار الأمن القومي العراقي")),
        (i.holding, PROV.wasDerivedFrom, i.article),
        (i.holding, DIP.evidence, i.span1),
        # a position the linked person held according to Wikidata (P39), dated, from the item
        (i.wd_position, RDF.type, DIP.Position),
        (i.wd_position, RDFS.label, en("Secretary of the Security Council of Russia")),
        (i.wd_position, OWL.sameAs, WD.Q4374313),
        (i.wd_position, DIP.officeKey, Literal("security_council_secretary")),
        (i.wd_position, DIP.country, i.russia),
        (i.wd_holding, RDF.type, DIP.PositionHolding),
        (i.wd_holding, RDF.type, DIP.WikidataPositionHolding),
        (i.wd_holding, DIP.holder, i.p2),
        (i.wd_holding, DIP.position, i.wd_position),
        (i.wd_holding, PROV.wasDerivedFrom, WD.Q313470),
        (i.wd_holding, DIP.startDate, day("2024-05-12")),
        (i.wd_holding, DIP.endDate, Literal("2025", datatype=XSD.gYear)),
        # provenance of a Wikidata link
        (i.link, RDF.type, DIP.WikidataLink),
        (i.link, DIP.linkSubject, i.p2),
        (i.link, DIP.linkTarget, WD.Q313470),
        (i.link, DIP.confidence, Literal("0.92", datatype=XSD.decimal)),
        (i.link, DIP.method, Literal("gazetteer-label")),
        (i.link, PROV.wasDerivedFrom, Literal("shared/data/wikidata")),
        (i.link, DIP.nameMatch, Literal("wikidata-label")),
        (i.link, DIP.linkEvidence, Literal("name: «سيرغي شويغو» (Wikidata Arabic label)")),
    ]


def valid_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for t in valid_triples():
        g.add(t)
    return g


def test_valid_graph_conforms():
    report = validate_graph(valid_graph())
    assert report.conforms, report.format()
    assert report.violations == []
    assert report.triples == len(valid_triples())


def test_valid_graph_conforms_with_ontology_mixed_in():
    report = validate_graph(valid_graph(), use_ontology=True)
    assert report.conforms, report.format()


# --------------------------------------------------------------------------------------------
# Bad variants: each breaks one rule
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    """A change to the valid graph and the violation it must cause.

    `shape` is the local name of the dsh: shape expected to report; `also` names shapes that may
    report too because the one change breaks two rules by nature; any other shape fails the test.
    `path` is the expected result path in the report's text form ("" = a node-level result).
    """

    name: str
    change: Callable[[rdflib.Graph], None]
    focus: URIRef
    shape: str
    path: str
    also: tuple[str, ...] = ()


def drop(*triples: tuple) -> Callable[[rdflib.Graph], None]:
    def f(g: rdflib.Graph) -> None:
        for t in triples:
            assert t in g, f"variant drops a triple that is not in the valid graph: {t}"
            g.remove(t)

    return f


def drop_all(s, p) -> Callable[[rdflib.Graph], None]:
    def f(g: rdflib.Graph) -> None:
        assert (s, p, None) in g
        g.remove((s, p, None))

    return f


def add(*triples: tuple) -> Callable[[rdflib.Graph], None]:
    def f(g: rdflib.Graph) -> None:
        for t in triples:
            g.add(t)

    return f


def both(*changes: Callable[[rdflib.Graph], None]) -> Callable[[rdflib.Graph], None]:
    def f(g: rdflib.Graph) -> None:
        for c in changes:
            c(g)

    return f


def replace(s, p, o) -> Callable[[rdflib.Graph], None]:
    return both(drop_all(s, p), add((s, p, o)))


_ = I
PARTICIPANTS = "dip:participant|dip:host|dip:guest"

CASES = [
    # --- events: meetings and phone calls
    Case("meeting with one participant",
         drop((_.meeting, DIP.participant, _.p2), (_.meeting, DIP.guest, _.p2)),
         _.meeting, "Encounter-participants", PARTICIPANTS),
    Case("meeting whose second participant is only a country",
         both(drop((_.meeting, DIP.participant, _.p2), (_.meeting, DIP.guest, _.p2)),
              add((_.meeting, DIP.participant, _.russia))),
         _.meeting, "Encounter-participants", PARTICIPANTS),
    Case("phone call with one participant",
         add((KGR["event/phonecall-c1"], RDF.type, DIP.PhoneCall),
             (KGR["event/phonecall-c1"], DIP.participant, _.p1),
             (KGR["event/phonecall-c1"], DIP.modality, DIP.Occurred),
             (KGR["event/phonecall-c1"], DIP.reportedIn, _.article),
             (KGR["event/phonecall-c1"], DIP.evidence, _.span1)),
         KGR["event/phonecall-c1"], "Encounter-participants", PARTICIPANTS),
    Case("participant that is a city",
         add((_.meeting, DIP.participant, _.baghdad)),
         _.meeting, "Event-participant", "dip:participant"),
    Case("host that is an article",
         add((_.meeting, DIP.host, _.article)),
         _.meeting, "Event-host-guest", "dip:host|dip:guest"),
    # --- events: date
    Case("date as a plain string",
         replace(_.meeting, DIP.date, Literal("2025-09-16")),
         _.meeting, "Event-date-type", "dip:date"),
    Case("date as xsd:dateTime",
         replace(_.meeting, DIP.date, Literal("2025-09-16T10:00:00", datatype=XSD.dateTime)),
         _.meeting, "Event-date-type", "dip:date"),
    Case("two dates",
         add((_.meeting, DIP.date, day("2025-09-17"))),
         _.meeting, "Event-date-count", "dip:date", also=("ResolvedEvent-date",)),
    # --- events: provenance
    Case("event with no article",
         drop((_.meeting, DIP.reportedIn, _.article)),
         _.meeting, "Event-reportedIn", "dip:reportedIn"),
    Case("event reported in something that is not an article",
         replace(_.visit, DIP.reportedIn, _.outlet),
         _.visit, "Event-reportedIn", "dip:reportedIn"),
    Case("event with no evidence span",
         drop((_.visit, DIP.evidence, _.span2)),
         _.visit, "Event-evidence", "dip:evidence"),
    Case("fused event with outlets but no report count",
         drop((_.meeting, DIP.reportCount, Literal(1))),
         _.meeting, "Event-reportCount", "dip:reportCount"),
    Case("more outlets than reports",
         replace(_.meeting, DIP.outletCount, Literal(2)),
         _.meeting, "ResolvedEvent-outlets", "dip:outletCount"),
    Case("dateInferredIn a string",
         add((_.meeting, DIP.dateInferredIn, Literal("a1"))),
         _.meeting, "ResolvedEvent-dateInferredIn", "dip:dateInferredIn", also=("Event-dateInferredIn",)),
    Case("dateInferredIn a person",
         add((_.meeting, DIP.dateInferredIn, _.p1)),
         _.meeting, "Event-dateInferredIn", "dip:dateInferredIn"),
    # --- events: modality (a subclass targeted without inference)
    Case("two modalities",
         add((_.meeting, DIP.modality, DIP.Planned)),
         _.meeting, "Event-modality", "dip:modality"),
    Case("no modality on a statement",
         drop((_.statement, DIP.modality, DIP.Occurred)),
         _.statement, "Event-modality", "dip:modality"),
    Case("modality outside the list",
         replace(_.visit, DIP.modality, DIP.Rumoured),
         _.visit, "Event-modality", "dip:modality"),
    # --- events: place, topic, trigger, counts
    Case("place that is a person",
         replace(_.meeting, DIP.place, _.p2),
         _.meeting, "Event-place", "dip:place"),
    Case("topic outside the scheme",
         replace(_.meeting, DIP.topic, URIRef("http://example.org/topic/security")),
         _.meeting, "Event-topic", "dip:topic"),
    Case("trigger without language tag",
         replace(_.meeting, DIP.trigger, Literal("لقائه")),
         _.meeting, "Event-trigger", "dip:trigger"),
    Case("report count zero",
         replace(_.meeting, DIP.reportCount, Literal(0)),
         _.meeting, "Event-reportCount", "dip:reportCount", also=("ResolvedEvent-outlets",)),
    Case("outlet count as a string",
         replace(_.meeting, DIP.outletCount, Literal("1")),
         _.meeting, "Event-outletCount", "dip:outletCount", also=("ResolvedEvent-outlets",)),
    # --- visits
    Case("visit without destination",
         drop_all(_.visit, DIP.destination),
         _.visit, "Visit-destination", "dip:destination"),
    Case("visit to a person",
         add((_.visit, DIP.destination, _.p1)),
         _.visit, "Visit-destination", "dip:destination"),
    Case("visit with two visitors",
         add((_.visit, DIP.visitor, _.p1)),
         _.visit, "Visit-visitor", "dip:visitor"),
    Case("visit without visitor",
         drop((_.visit, DIP.visitor, _.p2)),
         _.visit, "Visit-visitor", "dip:visitor"),
    Case("visitor that is a country",
         replace(_.visit, DIP.visitor, _.russia),
         _.visit, "Visit-visitor", "dip:visitor"),
    # --- persons
    Case("person without Arabic label",
         drop((_.p2, RDFS.label, ar("سيرغي شويغو"))),
         _.p2, "Person-label-ar", "rdfs:label"),
    Case("person with two Arabic labels",
         add((_.p2, RDFS.label, ar("سيرجي شويغو"))),
         _.p2, "Person-label-ar", "rdfs:label"),
    Case("person with two English labels",
         add((_.p1, RDFS.label, en("Qassim al-Araji"))),
         _.p1, "Person-label-en", "rdfs:label"),
    Case("person altLabel in English",
         add((_.p2, SKOS.altLabel, en("Shoigu"))),
         _.p2, "Person-altLabel-ar", "skos:altLabel"),
    Case("person not mentioned in any article",
         drop((_.p1, DIP.mentionedIn, _.article)),
         _.p1, "Person-mentionedIn", "dip:mentionedIn"),
    Case("person mentioned in a non-article",
         replace(_.p1, DIP.mentionedIn, _.span1),
         _.p1, "Person-mentionedIn", "dip:mentionedIn"),
    Case("person whose country is a city",
         replace(_.p1, DIP.country, _.baghdad),
         _.p1, "Person-country", "dip:country"),
    Case("person mention that is not a span",
         replace(_.p1, DIP.mention, _.article),
         _.p1, "Person-mention", "dip:mention"),
    # --- labels with no language tag, anywhere
    Case("city label without language tag",
         add((_.baghdad, RDFS.label, Literal("Baghdad"))),
         _.baghdad, "Labelled-label-lang", "rdfs:label"),
    Case("person label without language tag",
         replace(_.p2, RDFS.label, Literal("سيرغي شويغو")),
         _.p2, "Labelled-label-lang", "rdfs:label", also=("Person-label-ar",)),
    Case("altLabel without language tag",
         add((_.org, SKOS.altLabel, Literal("مجلس الامن"))),
         _.org, "AltLabelled-altLabel-lang", "skos:altLabel"),
    Case("prefLabel without language tag",
         add((_.position, SKOS.prefLabel, Literal("NSA"))),
         _.position, "PrefLabelled-prefLabel-lang", "skos:prefLabel"),
    # --- organisations and places
    Case("organization without label",
         drop_all(_.org, RDFS.label),
         _.org, "Organization-label", "rdfs:label"),
    Case("organization not mentioned in any article",
         drop((_.org, DIP.mentionedIn, _.article)),
         _.org, "Organization-mentionedIn", "dip:mentionedIn"),
    Case("organization whose country is a person",
         replace(_.org, DIP.country, _.p2),
         _.org, "Organization-country", "dip:country"),
    Case("city without label",
         drop_all(_.baghdad, RDFS.label),
         _.baghdad, "Place-label", "rdfs:label"),
    Case("country without label",
         drop_all(_.russia, RDFS.label),
         _.russia, "Place-label", "rdfs:label"),
    # --- owl:sameAs and dip:met
    Case("sameAs to a non-Wikidata IRI",
         add((_.p1, OWL.sameAs, URIRef("http://dbpedia.org/resource/Qasim_al-Araji"))),
         _.p1, "SameAs-wikidata", "owl:sameAs"),
    Case("sameAs to a Wikidata property",
         replace(_.iraq, OWL.sameAs, URIRef("http://www.wikidata.org/entity/P17")),
         _.iraq, "SameAs-wikidata", "owl:sameAs"),
    Case("sameAs to a literal",
         add((_.p2, OWL.sameAs, Literal("Q313470"))),
         _.p2, "SameAs-wikidata", "owl:sameAs"),
    Case("met between a person and a place",
         add((_.p1, DIP.met, _.baghdad)),
         _.p1, "MetSubject-met-person", "dip:met", also=("MetObject",)),
    Case("met from a place to a person",
         add((_.baghdad, DIP.met, _.p1)),
         _.baghdad, "MetSubject", "", also=()),
    Case("met to an organization",
         add((_.p2, DIP.met, _.org)),
         _.org, "MetObject", "", also=("MetSubject-met-person",)),
    # --- text spans
    Case("span with start > end",
         both(replace(_.span1, OA.start, nni(130)), replace(_.span1, OA.end, nni(50))),
         _.span1, "TextSpan-order", "oa:start"),
    Case("span with start == end",
         replace(_.span2, OA.end, nni(121)),
         _.span2, "TextSpan-order", "oa:start"),
    Case("span start typed xsd:decimal",
         replace(_.span1, OA.start, Literal("0.0", datatype=XSD.decimal)),
         _.span1, "TextSpan-start", "oa:start"),
    Case("span start as a string",
         replace(_.span1, OA.start, Literal("0")),
         _.span1, "TextSpan-start", "oa:start", also=("TextSpan-order",)),
    Case("span with negative start (ill-typed nonNegativeInteger)",
         replace(_.span1, OA.start, Literal("-1", datatype=XSD.nonNegativeInteger)),
         _.span1, "TextSpan-start", "oa:start", also=("TextSpan-order",)),
    Case("span with negative start as xsd:integer (as read back from Oxigraph)",
         replace(_.span1, OA.start, Literal(-1)),
         _.span1, "TextSpan-start", "oa:start"),
    Case("span without end",
         drop_all(_.span2, OA.end),
         _.span2, "TextSpan-end", "oa:end"),
    Case("span without article",
         drop((_.span1, DIP.inArticle, _.article)),
         _.span1, "TextSpan-inArticle", "dip:inArticle"),
    Case("span in two articles",
         add((_.span1, DIP.inArticle, KGR["article/a2"]), (KGR["article/a2"], RDF.type, SCHEMA.NewsArticle),
             (KGR["article/a2"], SCHEMA.identifier, Literal("a2"))),
         _.span1, "TextSpan-inArticle", "dip:inArticle"),
    Case("span text without language tag",
         replace(_.span2, OA.exact, Literal("وصل شويغو")),
         _.span2, "TextSpan-exact", "oa:exact"),
    # --- articles and outlets
    Case("article without identifier",
         drop_all(_.article, SCHEMA.identifier),
         _.article, "NewsArticle-identifier", "schema:identifier"),
    Case("article with two identifiers",
         add((_.article, SCHEMA.identifier, Literal("a1-bis"))),
         _.article, "NewsArticle-identifier", "schema:identifier"),
    Case("publication date as dateTime",
         replace(_.article, SCHEMA.datePublished, Literal("2025-09-16T08:00:00", datatype=XSD.dateTime)),
         _.article, "NewsArticle-datePublished", "schema:datePublished"),
    Case("publisher that is not an outlet",
         replace(_.article, SCHEMA.publisher, _.org),
         _.article, "NewsArticle-publisher", "schema:publisher"),
    Case("article url as plain string",
         replace(_.article, SCHEMA.url, Literal("https://example.org/a1")),
         _.article, "NewsArticle-url", "schema:url"),
    Case("outlet without name",
         drop_all(_.outlet, SCHEMA.name),
         _.outlet, "Outlet-name", "schema:name"),
    # --- offices
    Case("holding without holder",
         drop((_.holding, DIP.holder, _.p1)),
         _.holding, "PositionHolding-holder", "dip:holder"),
    Case("holding held by an organization",
         replace(_.holding, DIP.holder, _.org),
         _.holding, "PositionHolding-holder", "dip:holder"),
    Case("holding with two positions",
         add((_.holding, DIP.position, KGR["position/prime-minister-iq"]),
             (KGR["position/prime-minister-iq"], RDF.type, DIP.Position),
             (KGR["position/prime-minister-iq"], RDFS.label, en("Prime Minister of Iraq"))),
         _.holding, "PositionHolding-position", "dip:position"),
    Case("holding observed on a plain string",
         replace(_.holding, DIP.observedOn, Literal("16 أيلول 2025")),
         _.holding, "PositionHolding-observedOn", "dip:observedOn"),
    Case("holding not derived from an article",
         drop((_.holding, PROV.wasDerivedFrom, _.article)),
         _.holding, "PositionHolding-source", "prov:wasDerivedFrom"),
    Case("holding derived from a plain string",
         replace(_.holding, PROV.wasDerivedFrom, Literal("Kurdistan24")),
         _.holding, "PositionHolding-source", "prov:wasDerivedFrom"),
    Case("Wikidata holding derived from an article",
         replace(_.wd_holding, PROV.wasDerivedFrom, _.article),
         _.wd_holding, "WikidataPositionHolding-source", "prov:wasDerivedFrom"),
    Case("Wikidata holding with two start dates",
         add((_.wd_holding, DIP.startDate, day("2024-05-13"))),
         _.wd_holding, "WikidataPositionHolding-startDate", "dip:startDate"),
    Case("Wikidata holding ending on a plain string",
         replace(_.wd_holding, DIP.endDate, Literal("2025")),
         _.wd_holding, "WikidataPositionHolding-endDate", "dip:endDate"),
    Case("Wikidata holding observed by an article",
         add((_.wd_holding, DIP.observedOn, day("2025-09-16"))),
         _.wd_holding, "WikidataPositionHolding-observedOn", "dip:observedOn"),
    Case("position with an office key in a language",
         replace(_.position, DIP.officeKey, en("national_security_adviser")),
         _.position, "Position-officeKey", "dip:officeKey"),
    Case("position without English label",
         drop((_.position, RDFS.label, en("National Security Adviser of Iraq"))),
         _.position, "Position-label-en", "rdfs:label"),
    Case("position in two countries",
         add((_.position, DIP.country, _.russia)),
         _.position, "Position-country", "dip:country"),
    # --- Wikidata link records
    Case("link confidence above 1",
         replace(_.link, DIP.confidence, Literal("1.5", datatype=XSD.decimal)),
         _.link, "WikidataLink-confidence", "dip:confidence"),
    Case("link confidence as double",
         replace(_.link, DIP.confidence, Literal(0.5)),
         _.link, "WikidataLink-confidence", "dip:confidence"),
    Case("link target not a Wikidata item",
         replace(_.link, DIP.linkTarget, URIRef("https://www.wikidata.org/wiki/Q313470")),
         _.link, "WikidataLink-target", "dip:linkTarget"),
    Case("link without method",
         drop_all(_.link, DIP.method),
         _.link, "WikidataLink-method", "dip:method"),
    Case("link without subject",
         drop_all(_.link, DIP.linkSubject),
         _.link, "WikidataLink-subject", "dip:linkSubject"),
    Case("link name match of no known kind",
         replace(_.link, DIP.nameMatch, Literal("fuzzy")),
         _.link, "WikidataLink-nameMatch", "dip:nameMatch"),
    Case("link evidence in a language",
         replace(_.link, DIP.linkEvidence, en("name match")),
         _.link, "WikidataLink-evidence", "dip:linkEvidence"),
]


def _shape_name(v) -> str:
    return compact(v.shape).removeprefix("dsh:")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_variant_is_rejected_by_its_rule(case: Case):
    g = valid_graph()
    case.change(g)
    report = validate_graph(g)
    assert not report.conforms, f"{case.name}: expected a violation"
    hits = [v for v in report.violations if v.focus == case.focus and _shape_name(v) == case.shape]
    assert hits, f"{case.name}: no {case.shape} violation on {compact(case.focus)}:\n{report.format()}"
    for v in hits:
        assert v.path_text == case.path, f"{case.name}: path {v.path_text!r} != {case.path!r}"
        assert v.severity == "Violation"
        assert v.message and not v.message.startswith("Less than"), "shape must carry sh:message"
    allowed = {case.shape, *case.also}
    stray = [v for v in report.violations if _shape_name(v) not in allowed]
    assert not stray, f"{case.name}: other rules fired too:\n{report.format()}"


def test_every_shape_is_exercised_by_a_bad_variant():
    """A property shape with no failing variant is a rule nobody has seen fire."""
    sg = shapes_graph()
    named = {
        compact(s).removeprefix("dsh:")
        for s in sg.subjects(RDF.type, SH.PropertyShape)
        if isinstance(s, URIRef)
    } | {"MetSubject", "MetObject"}
    covered = {c.shape for c in CASES} | {a for c in CASES for a in c.also}
    # Shapes whose violations are the same constraint as one tested elsewhere.
    same_as_tested = {"Organization-mention", "Place-country", "Place-mentionedIn", "Outlet-url",
                      "NewsArticle-headline", "PositionHolding-titleText", "PositionHolding-evidence"}
    assert named - covered - same_as_tested == set()


# --------------------------------------------------------------------------------------------
# Datasets, files and the report text
# --------------------------------------------------------------------------------------------


def _dataset(resolved_extra: list[tuple] = ()) -> rdflib.Dataset:
    """The article in its own named graph, the resolved counts in the _resolved graph (the layout
    kg.rdf.writer writes: the resolved graph holds only cross-article facts, no types)."""
    ds = rdflib.Dataset()
    article_graph = ds.graph(KGR["graph/a1"])
    resolved = ds.graph(KGR["graph/_resolved"])
    for t in valid_triples():
        if t[1] in (DIP.reportCount, DIP.outletCount):
            continue
        article_graph.add(t)
    resolved.add((I.meeting, DIP.reportCount, Literal(1)))
    resolved.add((I.meeting, DIP.outletCount, Literal(1)))
    for t in resolved_extra:
        resolved.add(t)
    return ds


def test_dataset_is_validated_as_the_union_of_its_graphs():
    # The resolved graph's counts apply to a meeting typed only in the article graph: the union
    # sees both, and validates them together.
    report = validate_graph(_dataset())
    assert report.conforms, report.format()
    assert report.triples == len(valid_triples())
    report = validate_graph(_dataset([(I.meeting, DIP.outletCount, Literal(2))]))  # a second count
    assert [(_shape_name(v), v.focus, v.component) for v in report.violations] == [
        ("Event-outletCount", I.meeting, "MaxCountConstraintComponent"),
        ("ResolvedEvent-outlets", I.meeting, "LessThanOrEqualsConstraintComponent")]  # 2 outlets, 1 report


def test_dataset_violation_across_graphs_is_found():
    ds = _dataset([(I.meeting, DIP.modality, DIP.Planned)])  # the article graph says Occurred
    report = validate_graph(ds)
    assert not report.conforms
    assert [(_shape_name(v), v.focus) for v in report.violations] == [("Event-modality", I.meeting)]


def test_report_format_is_one_line_per_violation_with_compact_iris():
    g = valid_graph()
    g.remove((I.meeting, DIP.participant, I.p2))
    g.remove((I.meeting, DIP.guest, I.p2))
    g.add((I.p1, OWL.sameAs, URIRef("http://dbpedia.org/resource/X")))
    report = validate_graph(g)
    text = report.format()
    lines = text.splitlines()
    assert lines[0].startswith("does not conform: 2 violations")
    assert len(lines) == 3
    assert any(
        "kgr:event/meeting-e1" in line and PARTICIPANTS in line and "[dsh:Encounter-participants]" in line
        and "at least two participants" in line
        for line in lines[1:]
    ), text
    assert any("kgr:person/p1 owl:sameAs" in line and "<http://dbpedia.org/resource/X>" in line for line in lines)
    assert "https://w3id.org" not in text
    assert report.by_shape() == {"dsh:Encounter-participants": 1, "dsh:SameAs-wikidata": 1}
    assert validate_graph(valid_graph()).format().startswith("conforms")


def test_format_limit():
    g = valid_graph()
    for s in (I.p1, I.p2):
        g.remove((s, DIP.mentionedIn, I.article))
    g.remove((I.org, DIP.mentionedIn, I.article))
    text = validate_graph(g).format(limit=1)
    assert text.splitlines()[-1] == "… and 2 more"


def test_validate_file_turtle_and_trig_graph_by_graph(tmp_path):
    ttl = tmp_path / "a.ttl"
    valid_graph().serialize(ttl, format="turtle")
    results = validate_file(ttl)
    assert list(results) == ["a.ttl"] and results["a.ttl"].conforms
    trig = tmp_path / "a.trig"
    ds = _dataset()
    bad = ds.graph(KGR["graph/a2"])
    bad.add((KGR["event/visit-x"], RDF.type, DIP.Visit))  # no modality, article, evidence, visitor…
    ds.serialize(trig, format="trig")
    assert isinstance(load_data_file(trig), rdflib.Dataset)
    results = validate_file(trig)
    assert set(results) == {"kgr:graph/a1", "kgr:graph/a2", "kgr:graph/_resolved"}
    assert results["kgr:graph/a1"].conforms and results["kgr:graph/_resolved"].conforms
    assert not results["kgr:graph/a2"].conforms
    assert {_shape_name(v) for v in results["kgr:graph/a2"].violations} == {
        "Event-modality", "Event-reportedIn", "Event-evidence", "Visit-visitor", "Visit-destination"}


def test_validate_store_graph_by_graph(tmp_path):
    from kg.store.local import open_store, replace_graphs

    good = rdflib.Graph(identifier=KGR["graph/a1"])
    for t in valid_triples():
        good.add(t)
    bad = rdflib.Graph(identifier=KGR["graph/a2"])
    for t in valid_triples():
        bad.add(t)
    bad.remove((I.p1, DIP.mentionedIn, I.article))
    store = open_store(tmp_path / "store")
    replace_graphs(store, [good, bad])
    del store  # release the lock before the read-only open
    results = validate_store(tmp_path / "store")
    assert set(results) == {"kgr:graph/a1", "kgr:graph/a2"}
    assert results["kgr:graph/a1"].conforms, results["kgr:graph/a1"].format()
    assert [(_shape_name(v), v.focus) for v in results["kgr:graph/a2"].violations] == [
        ("Person-mentionedIn", I.p1)]


def test_validate_store_missing_names_the_path(tmp_path):
    from kg.store.local import StoreError

    with pytest.raises(StoreError, match="nowhere: no store here"):
        validate_store(tmp_path / "nowhere")


def test_validate_file_bad_input_names_the_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.ttl: cannot parse as turtle"):
        validate_file(bad)
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown RDF file extension '\.csv'"):
        load_data_file(csv)
    with pytest.raises(FileNotFoundError, match="missing.ttl: file not found"):
        validate_file(tmp_path / "missing.ttl")


def test_memoised_shapes_graph_gives_the_same_reports():
    """kg.rdf.validate answers pyshacl's lookups in the shapes graph from a memo; a plain rdflib parse
    of the same file must give the same violations for every bad variant, and editing the
    memoised graph must not serve stale answers."""
    import pyshacl

    from kg.rdf.validate import _violations

    plain = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    memo = shapes_graph()
    assert type(memo).__name__ == "_ReadOnlyShapes"
    for case in CASES:
        g = valid_graph()
        case.change(g)
        got = validate_graph(g).violations
        _c, report, _t = pyshacl.validate(g, shacl_graph=plain, inference="none", allow_warnings=True)
        # blank-node paths (sh:alternativePath lists) get new ids in every parse: compare the rest
        key = lambda v: (v.focus, v.path_text, v.message, v.severity, v.shape, v.value, v.component)  # noqa: E731
        assert [key(v) for v in got] == [key(v) for v in _violations(report)], case.name
    shape = URIRef(PREFIXES["dsh"] + "TextSpan")
    before = set(memo.predicate_objects(shape))
    extra = (shape, RDFS.comment, Literal("x"))
    memo.add(extra)
    try:
        assert set(memo.predicate_objects(shape)) == before | {(RDFS.comment, Literal("x"))}
    finally:
        memo.remove(extra)
    assert set(memo.predicate_objects(shape)) == before


def test_hashed_parameter_lookup_gives_the_same_reports(monkeypatch):
    """The speed-up of kg.rdf.validate (a hashed `in` for pyshacl's constraint-parameter list) must
    change no result: every bad variant gets the same violations with pyshacl's own list."""
    import pyshacl.shape as pyshacl_shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    def reports() -> list[list]:
        out = []
        for case in CASES:
            g = valid_graph()
            case.change(g)
            out.append(validate_graph(g).violations)
        return out

    validate_graph(valid_graph())
    assert type(pyshacl_shape.CONSTRAINT_PARAMS[0]).__name__ == "_HashedList", "patch not in place"
    patched = reports()
    monkeypatch.setattr(pyshacl_shape, "CONSTRAINT_PARAMS", (list(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP))
    plain = reports()
    assert type(pyshacl_shape.CONSTRAINT_PARAMS[0]) is list
    assert patched == plain
    assert sum(1 for r in plain if r) == len(CASES)


# --------------------------------------------------------------------------------------------
# The ontology and the topic scheme
# --------------------------------------------------------------------------------------------

_BUILTIN = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd", "sh"))
_DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                      OWL.NamedIndividual, RDF.Property}


def _path_iris(sg: rdflib.Graph, path) -> set[URIRef]:
    if isinstance(path, URIRef):
        return {path}
    out: set[URIRef] = set()
    for pred in (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = sg.value(path, pred)
        if inner is not None:
            if pred == SH.alternativePath:
                for p in Collection(sg, inner):
                    out |= _path_iris(sg, p)
            else:
                out |= _path_iris(sg, inner)
    if sg.value(path, RDF.first) is not None:
        for p in Collection(sg, path):
            out |= _path_iris(sg, p)
    return out


def _terms_used_in_shapes() -> set[URIRef]:
    sg = shapes_graph()
    used: set[URIRef] = set()
    for pred in (SH.targetClass, SH["class"], SH.targetSubjectsOf, SH.targetObjectsOf, SH.lessThan):
        used |= {o for o in sg.objects(None, pred) if isinstance(o, URIRef)}
    for path in sg.objects(None, SH.path):
        used |= _path_iris(sg, path)
    for lst in sg.objects(None, SH["in"]):
        used |= {o for o in Collection(sg, lst) if isinstance(o, URIRef)}
    return {t for t in used if not str(t).startswith(_BUILTIN)}


def test_every_term_used_in_shapes_is_declared_in_the_ontology():
    og = ontology_graph()
    used = _terms_used_in_shapes()
    assert DIP.Meeting in used and SCHEMA.identifier in used and DIP.Occurred in used  # the check sees them
    undeclared = {compact(t) for t in used if (t, RDF.type, None) not in og}
    assert undeclared == set()


def test_every_declared_term_has_english_and_arabic_labels():
    og = ontology_graph()
    declared = {s for t in _DECLARATION_TYPES for s in og.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert len(declared) > 60
    missing = []
    for term in declared:
        langs = {lit.language for lit in og.objects(term, RDFS.label) if isinstance(lit, Literal)}
        if not {"en", "ar"} <= langs:
            missing.append(f"{compact(term)} label {sorted(l or '-' for l in langs)}")
        if str(term).startswith(str(DIP)):
            clangs = {lit.language for lit in og.objects(term, RDFS.comment)}
            if not {"en", "ar"} <= clangs:
                missing.append(f"{compact(term)} comment")
    assert missing == []


VOCAB_CLASSES = ["Person", "Organization", "Place", "Country", "City", "Position", "PositionHolding",
                 "Event", "Meeting", "PhoneCall", "Visit", "Statement", "Invitation", "Agreement",
                 "Modality", "TextSpan", "WikidataLink", "Outlet", "WikidataPositionHolding"]
VOCAB_PROPERTIES = ["mentionedIn", "country", "mention", "holder", "position", "observedOn", "titleText",
                    "participant", "host", "guest", "visitor", "destination", "place", "date",
                    "dateInferredIn", "modality", "topic", "trigger", "reportedIn", "evidence",
                    "reportCount", "outletCount", "met", "inArticle", "linkSubject", "linkTarget",
                    "confidence", "method", "startDate", "endDate", "officeKey", "nameMatch", "linkEvidence"]


def test_ontology_declares_the_fixed_vocabulary():
    og = ontology_graph()
    onto = URIRef("https://w3id.org/kg-diplomacy/ontology")
    assert (onto, RDF.type, OWL.Ontology) in og
    assert og.value(onto, OWL.versionInfo) is not None
    assert og.value(onto, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert str(og.value(onto, URIRef("http://purl.org/dc/terms/creator"))) == "kg project"
    assert og.value(onto, URIRef("http://purl.org/dc/terms/description")) is not None
    for c in VOCAB_CLASSES:
        assert (DIP[c], RDF.type, OWL.Class) in og, c
    for p in VOCAB_PROPERTIES:
        types = set(og.objects(DIP[p], RDF.type))
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, p
        assert og.value(DIP[p], RDFS.domain) is not None or p in ("linkSubject", "linkTarget"), p
    for m in ("Occurred", "Planned", "Cancelled", "Denied"):
        assert (DIP[m], RDF.type, DIP.Modality) in og
    # the links that carry meaning
    assert (DIP.met, RDF.type, OWL.SymmetricProperty) in og
    assert (DIP.mentionedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom) in og
    assert (DIP.reportedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom) in og
    assert (DIP.host, RDFS.subPropertyOf, DIP.participant) in og
    assert (DIP.guest, RDFS.subPropertyOf, DIP.participant) in og
    assert {DIP.Place, SCHEMA.Country} <= set(og.objects(DIP.Country, RDFS.subClassOf))
    assert {OA.TextPositionSelector, OA.TextQuoteSelector} <= set(og.objects(DIP.TextSpan, RDFS.subClassOf))
    for c in ("Meeting", "PhoneCall", "Visit", "Statement", "Invitation", "Agreement"):
        assert (DIP[c], RDFS.subClassOf, DIP.Event) in og


def test_shapes_target_every_event_subclass_in_the_ontology():
    """Validation runs without inference, so a new event class must be added to dsh:Event."""
    og, sg = ontology_graph(), shapes_graph()
    subclasses = set(og.transitive_subjects(RDFS.subClassOf, DIP.Event))
    assert subclasses >= {DIP.Event, DIP.Meeting, DIP.Visit}
    assert set(sg.objects(DSH.Event, SH.targetClass)) == subclasses
    places = set(og.transitive_subjects(RDFS.subClassOf, DIP.Place))
    assert set(sg.objects(DSH.Place, SH.targetClass)) == places


def _topics() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "topics.ttl")


def test_topic_scheme():
    tg = _topics()
    scheme = TOPIC.scheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in tg
    concepts = set(tg.subjects(RDF.type, SKOS.Concept))
    assert 15 <= len(concepts) <= 25
    required = {"security", "border-security", "cyber-security", "counter-terrorism", "drugs", "defence",
                "arms", "energy", "oil-and-gas", "trade", "investment", "economy", "health", "elections",
                "regional-conflict", "technology", "humanitarian", "transport", "culture"}
    assert {TOPIC[t] for t in required} <= concepts
    arabic_letters = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ")
    seen: dict[str, URIRef] = {}
    for c in concepts:
        assert (c, SKOS.inScheme, scheme) in tg
        pref = {lit.language for lit in tg.objects(c, SKOS.prefLabel)}
        assert pref == {"en", "ar"}, c
        alts = list(tg.objects(c, SKOS.altLabel))
        assert len(alts) >= 5, c
        for alt in alts:
            assert alt.language == "ar", (c, alt)
            assert set(str(alt)) <= arabic_letters, (c, alt)
    for c, word in _topic_lexicon(tg):
        # one word, one topic: the extractor's lexicon must not be ambiguous
        assert seen.setdefault(word, c) == c, f"{word} is in {seen[word]} and {c}"
    for c in concepts:
        for broader in tg.objects(c, SKOS.broader):
            assert broader in concepts


def _topic_lexicon(tg: rdflib.Graph) -> list[tuple[URIRef, str]]:
    """(concept, Arabic word) as the extractor reads them: prefLabel and altLabel @ar."""
    return [(c, str(w)) for prop in (SKOS.prefLabel, SKOS.altLabel)
            for c, _, w in tg.triples((None, prop, None)) if w.language == "ar"]


def test_topic_words_come_from_real_news_text():
    """The lexicon finds the topics of the sample article's discussion sentence."""
    tg = _topics()
    lexicon = _topic_lexicon(tg)
    sentence = ("ناقشا جملة من الملفات بضمنها تبادل الخبرات والمعلومات ونقل التكنولوجيا والتدريب في مجال "
                "أمن الحدود والأمن السيبراني ومكافحة الإرهاب والمخدرات")
    found = {c for c, word in lexicon if word in sentence}
    assert {TOPIC["border-security"], TOPIC["cyber-security"], TOPIC["counter-terrorism"],
            TOPIC.drugs, TOPIC.technology} <= found
    # office titles alone are not topics
    title = "سكرتير مجلس الأمن الروسي ووزير الدفاع والقائد العام للقوات المسلحة"
    assert {c for c, word in lexicon if f" {word} " in f" {title} "} == set()


def test_ontology_and_topics_themselves_conform():
    """The ontology and topic files may be loaded into the store beside the data."""
    g = ontology_graph() + _topics()
    report = validate_graph(g)
    assert report.conforms, report.format()


def test_event_topics_in_the_valid_graph_exist_in_the_scheme():
    concepts = set(_topics().subjects(RDF.type, SKOS.Concept))
    used = {o for _, _, o in valid_graph().triples((None, DIP.topic, None))}
    assert used <= concepts


def test_report_type():
    assert isinstance(validate_graph(rdflib.Graph()), ValidationReport)
    assert validate_graph(rdflib.Graph()).conforms


def test_blank_node_participant_is_reported_with_its_focus():
    g = valid_graph()
    b = BNode()
    g.add((I.meeting, DIP.participant, b))
    report = validate_graph(g)
    assert [(_shape_name(v), v.focus, v.value) for v in report.violations] == [
        ("Event-participant", I.meeting, b)]


def test_pyshacl_is_a_version_the_parameter_patch_was_checked_against():
    """kg.rdf.validate patches pyshacl's private constraint-parameter cache: the installed pyshacl
    must be one it was checked on, pyproject.toml must not allow others, and pyshacl's code must
    still read the cache and test membership the way the patch assumes."""
    import inspect
    import re as _re
    import tomllib

    import pyshacl
    import pyshacl.shape as pyshacl_shape
    from packaging.specifiers import SpecifierSet
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    from kg.paths import ROOT
    from kg.rdf.validate import PYSHACL_CHECKED, _fast_parameter_lookup

    assert pyshacl.__version__ in PYSHACL_CHECKED
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = SpecifierSet(next(d for d in deps if _re.match(r"pyshacl\b", d))[len("pyshacl"):])
    assert all(v in spec for v in PYSHACL_CHECKED)
    assert "0.41.0" not in spec and "0.29.1" not in spec  # nothing unchecked on either side
    source = inspect.getsource(pyshacl_shape)
    assert "getattr(module, 'CONSTRAINT_PARAMS', (None, None))" in source  # where the cache is read
    assert "if p in search_parameters" in source  # the `in` the hashed list speeds up
    assert list(ALL_CONSTRAINT_PARAMETERS) == list(CONSTRAINT_PARAMETERS_MAP)
    assert _fast_parameter_lookup() is True
