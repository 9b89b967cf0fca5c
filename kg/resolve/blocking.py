"""Resolution at corpus scale: compact records, blocked event fusion, per-article slices.

`kg.resolve.events` is the reference algorithm. Its event step compares every report with every
earlier one (quadratic: ~10^8 comparisons at 20k articles, 10^12 at a million). Here the same
merges are found through *blocking keys*: two reports can only fuse when they have the same
type and modality and either (Visit) the same participant set and place or (Meeting, call, …)
share at least two participants, so each report is indexed under those keys and only reports
that share a key are compared. Each resulting candidate group is then handed to
`kg.resolve.events.resolve_events` itself, so dates, keys and member lists come from the reference
code and the result is the same object for object (tests/test_incremental.py checks it).

A *slice* is what one article's graph needs from the whole-corpus resolution (its entities'
identities and labels, its events' keys, the countries and positions it names). Its fingerprint
tells an incremental build whether that article's graph must be written again.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, fields, replace
from itertools import combinations

from kg.records import ArticleRecords, EventRecord
from kg.resolve.entities import resolve_entities
from kg.resolve.events import MAX_PUBLICATION_GAP_DAYS, resolve_events
from kg.resolve.result import Member, Resolution, ResolvedEntity, ResolvedEvent

# Blocks up to this size are compared pairwise; larger ones through a publication-date window.
SMALL_BLOCK = 32


def compact(rec: ArticleRecords) -> ArticleRecords:
    """The record without the article body: all that resolution and linking read.

    The body is most of a record's size; spans stay (they are small) so the linker and the
    reference resolver run unchanged on compact records.
    """
    return replace(rec, article=replace(rec.article, text=""))


class _DSU:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _link_block(block: list[int], items: Sequence[tuple], union: Callable[[int, int], None]) -> None:
    """Call `union` on every pair of the block that `kg.resolve.events` could fuse (a superset is
    harmless: the reference code re-decides inside each candidate group).

    `items[i]` is (member, event record, publication date) of report i.
    """
    if len(block) <= SMALL_BLOCK:
        for i, a in enumerate(block):
            for b in block[:i]:
                if _may_fuse(items[a], items[b]):
                    union(a, b)
        return
    by_date: dict[str, int] = {}
    timeline: list[tuple[int, int]] = []
    no_pub: list[int] = []
    undated: list[int] = []
    for i in block:
        ev, pub = items[i][1], items[i][2]
        if ev.date is not None:
            first = by_date.setdefault(ev.date.value, i)
            union(first, i)  # equal stated dates: fusable whatever the publication gap
        else:
            undated.append(i)
        if pub is None:
            no_pub.append(i)
        else:
            timeline.append((pub.toordinal(), i))
    # A report without a date is compatible with anything published within the gap, and with
    # anything that has no publication date: union those through a sorted window.
    timeline.sort()
    days = [d for d, _ in timeline]
    for i in undated:
        pub = items[i][2]
        if pub is None:
            for j in block:
                union(i, j)
            continue
        lo = bisect.bisect_left(days, pub.toordinal() - MAX_PUBLICATION_GAP_DAYS)
        hi = bisect.bisect_right(days, pub.toordinal() + MAX_PUBLICATION_GAP_DAYS)
        for _, j in timeline[lo:hi]:
            union(i, j)
        for j in no_pub:
            union(i, j)


def _may_fuse(a: tuple, b: tuple) -> bool:
    (ma, ea, pa), (mb, eb, pb) = a[:3], b[:3]
    if ma[0] == mb[0]:
        return False
    if ea.date is not None and eb.date is not None:
        return ea.date.value == eb.date.value
    if pa is not None and pb is not None and abs((pa - pb).days) > MAX_PUBLICATION_GAP_DAYS:
        return False
    return True


def block_keys(ev: EventRecord, aid: str, entities: Mapping[Member, ResolvedEntity] | Mapping[Member, str]) -> list[tuple]:
    """The keys under which a report is indexed; two reports can fuse only if they share one.

    `entities` maps (article, local id) to the resolved entity, or straight to its
    "type:key" identity (what a distributed job broadcasts instead of whole entities).
    """
    if ev.type == "Statement":  # never fused with another report
        return []

    def who(local: str) -> str:
        ent = entities[(aid, local)]
        return ent if isinstance(ent, str) else ent.type + ":" + ent.key

    people = sorted({who(p) for p in ev.participants})
    base = (ev.type, ev.modality)
    if ev.type == "Visit":
        return [(base, tuple(people), who(ev.place) if ev.place else None)]
    return [(base, pair) for pair in combinations(people, 2)]


def block_edges(items: Sequence[tuple]) -> list[tuple[Member, Member]]:
    """Candidate fusions inside one block, as member pairs (the reduce side of a keyed grouping)."""
    edges: list[tuple[Member, Member]] = []
    _link_block(list(range(len(items))), items, lambda a, b: edges.append((items[a][0], items[b][0])))
    return edges


def events_from_edges(
    records: Sequence[ArticleRecords], entities: dict[Member, ResolvedEntity], edges: Iterable[tuple[Member, Member]]
) -> dict[Member, ResolvedEvent]:
    """Connected components of the candidate edges, each decided by `kg.resolve.events.resolve_events`."""
    index: dict[Member, int] = {}
    reports: list[tuple[EventRecord, ArticleRecords]] = []
    for rec in records:
        for ev in rec.events:
            index[(rec.article.id, ev.local_id)] = len(reports)
            reports.append((ev, rec))
    dsu = _DSU(len(reports))
    for a, b in edges:
        dsu.union(index[a], index[b])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[dsu.find(i)].append(i)
    out: dict[Member, ResolvedEvent] = {}
    for members in groups.values():
        by_article: dict[str, ArticleRecords] = {}
        for i in members:
            ev, rec = reports[i]
            sub = by_article.get(rec.article.id)
            if sub is None:
                sub = by_article[rec.article.id] = ArticleRecords(rec.article, rec.entities, [])
            sub.events.append(ev)
        out.update(resolve_events(list(by_article.values()), entities))
    return out


def resolve_events_blocked(
    records: Sequence[ArticleRecords], entities: dict[Member, ResolvedEntity]
) -> dict[Member, ResolvedEvent]:
    """`kg.resolve.events.resolve_events` through blocking keys: same result, near-linear cost."""
    blocks: dict[tuple, list[tuple]] = defaultdict(list)
    for rec in records:
        for ev in rec.events:
            item = ((rec.article.id, ev.local_id), ev, rec.article.published)
            for key in block_keys(ev, rec.article.id, entities):
                blocks[key].append(item)
    edges = [e for items in blocks.values() if len(items) > 1 for e in block_edges(items)]
    return events_from_edges(records, entities, edges)


def resolve_scalable(records: Iterable[ArticleRecords]) -> Resolution:
    """`kg.resolve.events.resolve` with the blocked event step (entities are already near-linear)."""
    records = list(records)
    entities = resolve_entities(records)
    return Resolution(entities=entities, events=resolve_events_blocked(records, entities))


# --- per-article slices ----------------------------------------------------------------------


def article_slice(rec: ArticleRecords, res: Resolution) -> Resolution:
    """The part of `res` that `kg.rdf.writer.article_graph(rec, res)` reads, and nothing else.

    Rendering an article against its slice gives the same graph as against the whole
    resolution, so a worker process or an executor needs only this, not the corpus.
    """
    aid = rec.article.id
    # Copies without the member lists and alternative labels, which the article graph does not
    # print: a country's member list holds every mention in the corpus, so keeping it made each
    # slice (pickled to a worker, hashed for the manifest) grow with the corpus, and the build
    # quadratic (20k articles: the slice stage went from 1 % to 12 % of the time).
    copies: dict[int, object] = {}

    def lean(x):  # noqa: ANN001, ANN202 - a ResolvedEntity or ResolvedEvent
        if id(x) not in copies:
            copies[id(x)] = replace(x, members=[], alt_labels=set()) if isinstance(x, ResolvedEntity) else replace(x, members=[])
        return copies[id(x)]

    ents = {(aid, e.local_id): lean(res.entities[(aid, e.local_id)]) for e in rec.entities}
    evs = {(aid, e.local_id): lean(res.events[(aid, e.local_id)]) for e in rec.events}
    isos = {e.country for e in ents.values() if e.country}
    isos |= {h.country for e in ents.values() for h in e.positions_held if h.country}
    positions = {}
    for e in rec.entities:
        for role in e.roles:
            key = role.office_key + (f"-{role.country}" if role.country else "")
            if key in res.positions:
                positions[key] = res.positions[key]
                if res.positions[key].country:
                    isos.add(res.positions[key].country)
    countries = {iso: res.countries[iso] for iso in sorted(isos) if iso in res.countries}
    return Resolution(entities=ents, events=evs, countries=countries, positions=positions)


def slice_fingerprint(sl: Resolution) -> str:
    """A hash of what the article graph takes from resolution.

    Member lists and alternative labels are left out: the article graph does not print them,
    and they change whenever any other article joins a cluster (every article naming Saudi
    Arabia would be rewritten otherwise). Everything else of an entity is in.
    """

    def ent(e: ResolvedEntity) -> dict:
        # Not `asdict`: it deep-copies the member list (every mention of a country) first.
        return {f.name: getattr(e, f.name) for f in fields(e) if f.name not in ("members", "alt_labels")}

    payload = {
        "e": {f"{k[0]}/{k[1]}": ent(v) for k, v in sorted(sl.entities.items())},
        "v": {f"{k[0]}/{k[1]}": [v.type, v.key] for k, v in sorted(sl.events.items())},
        "c": {k: asdict(v) for k, v in sorted(sl.countries.items())},
        "p": {k: asdict(v) for k, v in sorted(sl.positions.items())},
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
