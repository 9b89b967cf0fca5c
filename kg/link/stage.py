"""The link stage of the build: Wikidata QIDs and canonical labels for resolved entities, and the
country and position records the RDF writer needs.

Runs after resolution, so a person is linked once with the evidence of every article that names
them (all spellings, every title), not once per article.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.gazetteer import Gazetteer
from kg.link.offline import link_entity
from kg.link.person_gazetteer import PersonGazetteer, load_persons
from kg.link.persons import Observation, PersonLink, link_person
from kg.records import ArticleRecords, EntityRecord
from kg.resolve.result import CountryInfo, PositionInfo, Resolution, ResolvedEntity, WikidataPosition

PLACE_TYPES = {"Country", "City", "Place"}
_LOAD = object()  # link_resolution's default: read the person gazetteer from data/gazetteer


def _observations(ent: ResolvedEntity, records: dict[str, ArticleRecords]) -> list[Observation]:
    """Every title the cluster's members carry, each with the date of the article that says it."""
    out = []
    for aid, lid in ent.members:
        rec = records[aid]
        for role in rec.entity(lid).roles:
            out.append(Observation(role.office_key, role.country, rec.article.published, role.title_ar))
    return out


def _countries_spoken_of(rec: ArticleRecords) -> frozenset[str]:
    """Every country an article speaks of: its places, the countries of its titles and
    nationalities (ISO codes)."""
    out = {e.country for e in rec.entities if e.country}
    out.update(r.country for e in rec.entities for r in e.roles if r.country)
    return frozenset(out)


def _article_countries(ent: ResolvedEntity, records: dict[str, ArticleRecords],
                       cache: dict[str, frozenset[str]]) -> set[str]:
    """The countries the articles that name the person speak of (each article counted once per
    build: `cache`)."""
    out: set[str] = set()
    for aid in {aid for aid, _ in ent.members}:
        if aid not in cache:
            cache[aid] = _countries_spoken_of(records[aid])
        out |= cache[aid]
    return out


def _held(pg: PersonGazetteer | None, qid: str) -> tuple[WikidataPosition, ...]:
    person = pg.person(qid) if pg is not None else None
    if person is None:
        return ()
    out = []
    for h in person.holdings:
        pos = pg.position(h.position)
        out.append(WikidataPosition(h.position, pos.label_en if pos else "", pos.office_key if pos else None,
                                    pos.iso2 if pos else None, h.start, h.end))
    return tuple(sorted(set(out), key=lambda w: (w.start, w.position, w.end)))


def _apply_person_link(ent: ResolvedEntity, link: PersonLink, pg: PersonGazetteer | None) -> None:
    ent.wikidata = link.qid
    ent.link_confidence, ent.link_method, ent.link_source = link.confidence, link.method, link.source
    ent.link_evidence, ent.name_match = link.evidence, link.name_match
    if link.label_en:
        ent.label_en = link.label_en


def _cluster_record(ent: ResolvedEntity, records: dict[str, ArticleRecords]) -> EntityRecord:
    """All mentions and roles of a resolved entity gathered into one record for the linker."""
    merged = EntityRecord(local_id=ent.key, type=ent.type, name=ent.label_ar, country=ent.country)
    for aid, lid in ent.members:
        rec = records[aid].entity(lid)
        merged.mentions.extend(rec.mentions)
        merged.roles.extend(rec.roles)
        if rec.wikidata and not merged.wikidata:
            merged.wikidata = rec.wikidata
    return merged


def _merge_same_item(res: Resolution) -> None:
    """One Wikidata item is one node: clusters that linking gave the same QID become one.

    Resolution merges clusters whose QID the extraction already knew (kg.resolve.entities); a
    person is linked after resolution, so «سعد الحريري» in one article and «سعدالدين الحريري» in
    another, or «فرانك والتر» and «فرانك فالتر شتاينماير», reach here as two clusters with one QID.
    The cluster with the most mentions keeps its key (its IRI) and label; the other's names
    become alternative labels.
    """
    groups: dict[tuple[str, str], list[ResolvedEntity]] = {}
    for ent in res.unique_entities():
        if ent.wikidata:
            groups.setdefault((ent.type, ent.wikidata), []).append(ent)
    for same in groups.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda e: (-len(e.members), e.key))
        keep = same[0]
        for other in same[1:]:
            keep.members = sorted(set(keep.members) | set(other.members))
            keep.alt_labels |= other.alt_labels | {other.label_ar}
            keep.alt_labels.discard(keep.label_ar)
            keep.country = keep.country or other.country
            keep.positions_held = keep.positions_held or other.positions_held
            keep.label_en = keep.label_en or other.label_en
            for member in other.members:
                res.entities[member] = keep


def _country(gaz: Gazetteer, iso2: str) -> CountryInfo | None:
    qid = gaz.iso_to_qid(iso2)
    place = gaz.place(qid) if qid else None
    if place is None:
        return None
    return CountryInfo(iso2=iso2, qid=qid, label_ar=place.label_ar, label_en=place.label_en or None)


_STOPPED = "the Wikidata endpoint stopped answering ({}); the rest is linked with the offline gazetteer only"


def link_resolution(
    res: Resolution, records: Iterable[ArticleRecords], gaz: Gazetteer | None = None, client: object | None = None,
    persons: PersonGazetteer | None | object = _LOAD,
) -> list[str]:
    """Fill QIDs, canonical labels, countries and positions into the resolution, in place.

    Persons: the verified entities of the gazetteer first (kg.link.offline), then the person
    gazetteer (kg.link.persons: name, office, country and date). `persons` is that gazetteer
    (None: no person links; by default it is read from data/gazetteer, and a missing or broken
    file is reported in one line and leaves persons unlinked). `client` is a
    `kg.link.wikidata.WikidataClient`: when given, entities neither links are looked up on the
    endpoint (cached on disk), with the same disambiguation. If the endpoint stops answering, the
    rest is linked with the gazetteers alone. Returns warnings (one line each; none normally).
    """
    warnings: list[str] = []
    gaz = gaz or Gazetteer.load()
    pg: PersonGazetteer | None = load_persons() if persons is _LOAD else persons  # type: ignore[assignment]
    by_id = {r.article.id: r for r in records}
    spoken: dict[str, frozenset[str]] = {}  # article id → the countries it speaks of
    for ent in res.unique_entities():
        first_article = by_id[ent.members[0][0]].article
        if ent.type in PLACE_TYPES and ent.wikidata:
            place = gaz.place(ent.wikidata)
            if place is not None:
                if place.label_ar and place.label_ar != ent.label_ar:
                    ent.alt_labels.add(ent.label_ar)
                    ent.alt_labels.discard(place.label_ar)
                    ent.label_ar = place.label_ar
                ent.label_en = place.label_en or None
                ent.link_confidence, ent.link_method, ent.link_source = 0.9, "gazetteer-label", place.source
            continue
        if ent.type in PLACE_TYPES:
            extra = gaz.extra_place(ent.label_ar)
            if extra is not None:
                # a place the extract lacks (data/lexicon/places_extra.tsv): its English label, no link
                ent.label_en = extra.label_en
                continue
        merged = _cluster_record(ent, by_id)
        result = link_entity(merged, first_article.published, gaz)
        if result is None and ent.type == "Person":
            obs = _observations(ent, by_id)
            days = [by_id[aid].article.published for aid, _ in ent.members]
            plink = link_person(merged, obs, pg, days, _article_countries(ent, by_id, spoken)) if pg is not None else None
            if plink is None and client is not None:
                from kg.link.wikidata import WikidataError, link_person_online

                try:
                    plink = link_person_online(merged, obs, gaz, client)  # type: ignore[arg-type]
                except WikidataError as exc:
                    warnings.append(_STOPPED.format(exc))
                    client = None
            if plink is not None:
                _apply_person_link(ent, plink, pg)
                ent.positions_held = _held(pg, plink.qid) or tuple(
                    WikidataPosition(h.position, h.label_en, h.office_key, h.country, h.start, h.end) for h in plink.held)
                continue
        elif result is None and client is not None:
            from kg.link.wikidata import WikidataError, link_entity_online

            try:
                result = link_entity_online(merged, first_article.published, gaz, client)  # type: ignore[arg-type]
            except WikidataError as exc:
                warnings.append(_STOPPED.format(exc))
                client = None
        if result is not None:
            ent.wikidata = result.qid
            ent.link_confidence = result.confidence
            ent.link_method = result.method
            ent.link_source = result.source
            row = gaz.entity(result.qid)
            if row is not None and row.label_en:
                ent.label_en = row.label_en
            if row is not None and row.country and not ent.country:
                ent.country = row.country
            if ent.type == "Person":
                ent.positions_held = _held(pg, result.qid)
                known = pg.person(result.qid) if pg is not None else None
                if known is not None and known.label_en and not ent.label_en:
                    ent.label_en = known.label_en

    _merge_same_item(res)

    isos: set[str] = set()
    for ent in res.unique_entities():
        if ent.country:
            isos.add(ent.country)
        isos.update(h.country for h in ent.positions_held if h.country)
    for rec in by_id.values():
        for e in rec.entities:
            for role in e.roles:
                if role.country:
                    isos.add(role.country)
                    key = f"{role.office_key}-{role.country}"
                else:
                    key = role.office_key
                if key in res.positions:
                    continue
                office = gaz.office(role.office_key)
                if office is None:
                    continue
                country = _country(gaz, role.country) if role.country else None
                label_en = office.label_en + (f" of {country.label_en}" if country and country.label_en else "")
                label_ar = office.forms_ar[0] if office.forms_ar else role.title_ar
                if role.country:
                    adjective = _adjective(gaz, role.country)
                    label_ar = f"{label_ar} {adjective}" if adjective else label_ar
                res.positions[key] = PositionInfo(
                    key=key,
                    office_key=role.office_key,
                    label_en=label_en,
                    label_ar=label_ar,
                    country=role.country,
                    wikidata=gaz.position_qid(role.office_key, role.country),
                )
    for iso2 in sorted(isos):
        info = _country(gaz, iso2)
        if info is not None:
            res.countries[iso2] = info
    return warnings


def _adjective(gaz: Gazetteer, iso2: str) -> str | None:
    """The masculine adjective with the article («العراقي»), to label an office of that state."""
    forms = sorted(
        n.adjective for n in gaz.nationalities() if n.iso2 == iso2 and n.adjective.startswith("ال") and not n.adjective.endswith("ة")
    )
    return min(forms, key=len) if forms else None
