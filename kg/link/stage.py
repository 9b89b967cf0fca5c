"""The link stage of the build: Wikidata QIDs and canonical labels for resolved entities, and the
country and position records the RDF writer needs.

Runs after resolution, so a person is linked once with the evidence of every article that names
them (all spellings, every title), not once per article.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.gazetteer import Gazetteer
from kg.link.offline import link_entity
from kg.records import ArticleRecords, EntityRecord
from kg.resolve.result import CountryInfo, PositionInfo, Resolution, ResolvedEntity

PLACE_TYPES = {"Country", "City", "Place"}


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


def _country(gaz: Gazetteer, iso2: str) -> CountryInfo | None:
    qid = gaz.iso_to_qid(iso2)
    place = gaz.place(qid) if qid else None
    if place is None:
        return None
    return CountryInfo(iso2=iso2, qid=qid, label_ar=place.label_ar, label_en=place.label_en or None)


def link_resolution(
    res: Resolution, records: Iterable[ArticleRecords], gaz: Gazetteer | None = None, client: object | None = None
) -> list[str]:
    """Fill QIDs, canonical labels, countries and positions into the resolution, in place.

    `client` is a `kg.link.wikidata.WikidataClient`: when given, persons the gazetteer cannot
    link are looked up on the endpoint (cached on disk). If the endpoint stops answering, the
    rest is linked with the gazetteer alone. Returns warnings (one line each; none normally).
    """
    warnings: list[str] = []
    gaz = gaz or Gazetteer.load()
    by_id = {r.article.id: r for r in records}
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
        merged = _cluster_record(ent, by_id)
        result = None
        if client is not None:
            from kg.link.wikidata import WikidataError, link_entity_online

            try:
                result = link_entity_online(merged, first_article.published, gaz, client)  # type: ignore[arg-type]
            except WikidataError as exc:
                warnings.append(f"the Wikidata endpoint stopped answering ({exc}); the rest is linked with the"
                                " offline gazetteer only")
                client = None
        if client is None:
            result = link_entity(merged, first_article.published, gaz)
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

    isos: set[str] = set()
    for ent in res.unique_entities():
        if ent.country:
            isos.add(ent.country)
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
