"""Cross-article event resolution: reports of the same event in different articles become one
event (GDELT-style), with the outlets that reported it and the date one of them states.
The method is explained in docs/resolution.md; `kg.resolve.blocking` runs the same decision
through blocking keys for large corpora.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from kg.records import ArticleRecords, DateValue, EventRecord
from kg.resolve.entities import UnionFind, resolve_entities
from kg.resolve.result import Member, Resolution, ResolvedEntity, ResolvedEvent

# Reports of the same event are published within days of each other; two undated reports of
# «Shoigu arrived in Baghdad» a year apart are two visits.
MAX_PUBLICATION_GAP_DAYS = 14


def _dates_compatible(a: EventRecord, b: EventRecord, pa: date | None, pb: date | None) -> bool:
    if a.date and b.date:
        return a.date.value == b.date.value
    if pa and pb and abs((pa - pb).days) > MAX_PUBLICATION_GAP_DAYS:
        return False
    return True


def resolve_events(records: list[ArticleRecords], entities: dict[Member, ResolvedEntity]) -> dict[Member, ResolvedEvent]:
    """Reports of the same event in different articles become one event (GDELT-style)."""
    reports: list[tuple[Member, EventRecord, ArticleRecords]] = []
    for rec in records:
        for ev in rec.events:
            reports.append(((rec.article.id, ev.local_id), ev, rec))

    def who(rec: ArticleRecords, local: str) -> str:
        ent = entities[(rec.article.id, local)]
        return ent.type + ":" + ent.key

    def signature(ev: EventRecord, rec: ArticleRecords) -> tuple[set[str], str | None]:
        people = {who(rec, p) for p in ev.participants}
        place = who(rec, ev.place) if ev.place else None
        return people, place

    # A fused event is one event: it holds at most one report per article (an article that reports
    # two meetings of the same people reports two meetings) and at most one stated date. Pairwise
    # tests alone would let an undated report chain a 1959 and a 1961 meeting into one node with
    # two dates, so each union checks the two groups as wholes. Reports are taken in (article,
    # local id) order, so the outcome does not depend on the order the records came in (and the
    # blocked resolution in kg.resolve.blocking, which calls this per component, decides the same).
    reports.sort(key=lambda r: r[0])
    uf = UnionFind()
    group_articles: dict[Member, set[str]] = {m: {m[0]} for m, _, _ in reports}
    group_dates: dict[Member, set[str]] = {m: ({ev.date.value} if ev.date else set()) for m, ev, _ in reports}

    def fuse(x: Member, y: Member) -> None:
        rx, ry = uf.find(x), uf.find(y)
        if rx == ry or group_articles[rx] & group_articles[ry]:
            return
        if group_dates[rx] and group_dates[ry] and group_dates[rx] != group_dates[ry]:
            return
        uf.union(rx, ry)
        root = uf.find(rx)
        group_articles[root] = group_articles[rx] | group_articles[ry]
        group_dates[root] = group_dates[rx] | group_dates[ry]

    for i, (ma, a, ra) in enumerate(reports):
        uf.find(ma)
        sa = signature(a, ra)
        for mb, b, rb in reports[:i]:
            if ra.article.id == rb.article.id or a.type != b.type or a.modality != b.modality:
                continue
            if not _dates_compatible(a, b, ra.article.published, rb.article.published):
                continue
            sb = signature(b, rb)
            if a.type == "Visit":
                same = sa[0] == sb[0] and sa[1] == sb[1]
            elif a.type == "Statement":
                same = False
            else:
                same = len(sa[0] & sb[0]) >= 2
            if same:
                fuse(ma, mb)

    groups: dict[Member, list[tuple[Member, EventRecord, ArticleRecords]]] = defaultdict(list)
    for member, ev, rec in reports:
        groups[uf.find(member)].append((member, ev, rec))
    out: dict[Member, ResolvedEvent] = {}
    for root, group in sorted(groups.items()):
        stated = sorted((ev.date.value, ev.date.datatype, m[0]) for m, ev, _ in group if ev.date)
        resolved = ResolvedEvent(key=f"{root[0]}/{root[1]}", type=group[0][1].type, members=sorted(m for m, _, _ in group))
        if stated and len({s[0] for s in stated}) == 1:
            resolved.date = DateValue(stated[0][0], stated[0][1])  # type: ignore[arg-type]
            resolved.date_from = stated[0][2]
            resolved.inferred_in = sorted({m[0] for m, ev, _ in group if ev.date is None})
        resolved.outlets = {rec.article.outlet or rec.article.id for _, _, rec in group}
        for member, _, _ in group:
            out[member] = resolved
    return out


def resolve(records: Iterable[ArticleRecords]) -> Resolution:
    records = list(records)
    entities = resolve_entities(records)
    events = resolve_events(records, entities)
    return Resolution(entities=entities, events=events)
