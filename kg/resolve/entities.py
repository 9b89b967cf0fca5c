"""Cross-article entity resolution: one entity per real person, place and organisation.

The method is explained in docs/resolution.md. Names are compared through `kg.arabic` keys:
`match_key` (orthography, clitics, article) and `phonetic_key` (transliteration: غ/ج/ق, a medial
ة typo, long vowels). A single word (a surname) joins a full name only when exactly one full name
in the whole corpus ends with it, so two different people who share a surname are never merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.arabic import match_key, phonetic_key, tokens
from kg.records import ArticleRecords, EntityRecord
from kg.resolve.result import Member, ResolvedEntity

PLACE_TYPES = {"Country", "City", "Place"}


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Member, Member] = {}

    def find(self, x: Member) -> Member:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Member, b: Member) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _clean(name: str) -> str:
    return " ".join(name.replace("«", " ").replace("»", " ").split())


def _names(ent: EntityRecord) -> set[str]:
    return {_clean(m.text) for m in ent.mentions} | {_clean(ent.name)}


def _full_names(ent: EntityRecord) -> set[str]:
    return {n for n in _names(ent) if len(tokens(n)) > 1}


def _compatible(a: EntityRecord, b: EntityRecord) -> bool:
    if a.wikidata and b.wikidata and a.wikidata != b.wikidata:
        return False
    return not (a.country and b.country and a.country != b.country)


def _resolve_persons(items: list[tuple[Member, EntityRecord]], uf: UnionFind) -> None:
    by_full: dict[str, list[Member]] = defaultdict(list)
    for member, ent in items:
        for name in _full_names(ent):
            by_full[phonetic_key(name)].append(member)
        if ent.wikidata:
            by_full["wd:" + ent.wikidata].append(member)
    ent_of = dict(items)
    for members in by_full.values():
        for other in members[1:]:
            if _compatible(ent_of[members[0]], ent_of[other]):
                uf.union(members[0], other)
    # Surname-only entities: join the one full-name cluster that ends with that word.
    clusters_by_surname: dict[str, set[Member]] = defaultdict(set)
    for member, ent in items:
        for name in _full_names(ent):
            clusters_by_surname[phonetic_key(name).split()[-1]].add(uf.find(member))
    singles: dict[str, list[Member]] = defaultdict(list)
    for member, ent in items:
        if _full_names(ent):
            continue
        key = phonetic_key(ent.name)
        roots = clusters_by_surname.get(key, set())
        if len(roots) == 1:
            root = next(iter(roots))
            if _compatible(ent_of[root], ent):
                uf.union(root, member)
                continue
        singles[key].append(member)
    for members in singles.values():
        for other in members[1:]:
            uf.union(members[0], other)


def _label(ents: list[EntityRecord]) -> str:
    """The fullest name used most often; ties broken by length, then text (deterministic)."""
    counts: Counter[str] = Counter()
    for e in ents:
        for m in e.mentions:
            counts[_clean(m.text)] += 1
        counts[_clean(e.name)] += 0
    return max(counts, key=lambda n: (len(tokens(n)), counts[n], len(n), n))


def resolve_entities(records: Iterable[ArticleRecords]) -> dict[Member, ResolvedEntity]:
    records = list(records)
    uf = UnionFind()
    items: dict[str, list[tuple[Member, EntityRecord]]] = defaultdict(list)
    for rec in records:
        for ent in rec.entities:
            member = (rec.article.id, ent.local_id)
            uf.find(member)
            kind = "Person" if ent.type == "Person" else ("Place" if ent.type in PLACE_TYPES else ent.type)
            items[kind].append((member, ent))
    _resolve_persons(items["Person"], uf)
    for kind in ("Place", "Organization"):
        by_key: dict[str, Member] = {}
        for member, ent in items[kind]:
            key = ent.wikidata or match_key(_clean(ent.name))
            if key in by_key:
                uf.union(by_key[key], member)
            else:
                by_key[key] = member

    # One Wikidata item is one entity: clusters that carry the same single QID are merged.
    qid_of: dict[Member, set[str]] = defaultdict(set)
    for kind_items in items.values():
        for member, ent in kind_items:
            if ent.wikidata:
                qid_of[uf.find(member)].add(ent.wikidata)
    by_qid: dict[str, Member] = {}
    for root, qids in sorted(qid_of.items()):
        if len(qids) == 1:
            (qid,) = qids
            if qid in by_qid:
                uf.union(by_qid[qid], root)
            else:
                by_qid[qid] = root

    groups: dict[Member, list[tuple[Member, EntityRecord]]] = defaultdict(list)
    for kind_items in items.values():
        for member, ent in kind_items:
            groups[uf.find(member)].append((member, ent))

    out: dict[Member, ResolvedEntity] = {}
    for root, group in sorted(groups.items()):
        ents = [e for _, e in group]
        label = _label(ents)
        qids = sorted({e.wikidata for e in ents if e.wikidata})
        type_counts = Counter(e.type for e in ents)
        countries = Counter(e.country for e in ents if e.country)
        key = qids[0] if len(qids) == 1 else match_key(label)
        resolved = ResolvedEntity(
            key=key,
            type=max(type_counts, key=lambda t: (type_counts[t], t)),
            label_ar=label,
            alt_labels={n for e in ents for n in _names(e)} - {label},
            country=countries.most_common(1)[0][0] if countries else None,
            wikidata=qids[0] if len(qids) == 1 else None,
            members=sorted(m for m, _ in group),
        )
        first = next((e for e in ents if e.wikidata == resolved.wikidata and e.link_method), None)
        if first is not None:
            resolved.link_confidence, resolved.link_method = first.link_confidence, first.link_method
        for member, _ in group:
            out[member] = resolved
    _disambiguate_keys(out)
    return out


def _disambiguate_keys(out: dict[Member, ResolvedEntity]) -> None:
    """Give clusters that resolution kept apart keys of their own.

    The key (and so the IRI, `kg.rdf.writer.entity_iri`) of an unlinked cluster is the match key of its
    label. Two clusters can share it, namesakes above all, which resolution keeps apart on
    purpose; one IRI for both would merge them again in the store and give that node two Arabic
    labels. Each colliding cluster gets its first member (article, local id) appended, which does
    not depend on the order the clusters were found in.
    """
    by_key: dict[tuple[str, str], list[ResolvedEntity]] = defaultdict(list)
    seen: set[int] = set()
    for ent in out.values():
        if id(ent) not in seen:
            seen.add(id(ent))
            by_key[(ent.type, ent.key)].append(ent)
    for (_type, key), ents in by_key.items():
        if len(ents) > 1:
            for ent in ents:
                aid, lid = ent.members[0]
                ent.key = f"{key}|{aid}/{lid}"
