"""Behavioural probes: constructions of news prose that kg must read, one sentence each
(tests/probes/*.tsv, written for kg, none copied from an article). A probe with a known failure
is an expected failure, strict: when a mechanism makes it pass, the row must be updated.

Round 4 wrote four batteries in turn, each before the fixes it led to: a (74 probes), b (52),
c (28, written after the fixes of a and b), d (28 sentences where a reader finds no meeting, or
fewer than the words suggest: precision), e (14 short articles of two or three sentences: one
meeting told twice, follow-up sentences, a headline), f (28 sentences on who is a person: groups,
demonyms, media, names after «و»), g (15 on dates: datelines, «الموافق», «في وقت متأخر من مساء …»),
h (15 in the styles of the Maghreb and Gulf press: «إلتقى», «تحول إلى», «الوزير الأول», «سموه»), i (10 on
coreference across sentences and first-person reports in quotes: «التقيت نظيري …»), j (8 on meetings of three or more).
Round 7 added three batteries written by helper sessions that never ran kg: k (45 on meetings and calls in
the styles of the six development outlets), l (45 on visits and on who is a person) and m (40 on the dates
of meetings and visits). Round 12 added three more written blind by helper sessions: n (40 short articles on
meetings told across sentences and meetings of several parties), o (40 wire-style leads of meetings,
calls and visits) and q (40 on who is a person). Round 13 added r (40 meetings inside long sentences and short articles) and s (40 on
visits, their dates and the names of visitors and hosts), written blind the same way and studied, and t
(40 mixed probes), written blind and scored once at the round's end. Round 14 studied t and added u (40
mixed probes), written blind the same way and held out. Round 15 studied u and added v (40 mixed probes),
written blind the same way and held out. Round 16 studied v. Round 17 studied v further and added w (40
mixed probes), written blind the same way and held out. docs/evaluation.md gives their pass rates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.arabic import normalize
from kg.nlp.extract import extract_article
from kg.records import Article

PROBES = Path(__file__).parent / "probes"
PUB = date(2024, 5, 14)  # a Tuesday


def _rows() -> list:
    out = []
    for path in sorted(PROBES.glob("*.tsv")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        for n, line in enumerate(lines[1:], 1):
            sentence, expect, known = (line.split("\t") + [""])[:3]
            marks = [pytest.mark.xfail(reason=known, strict=True)] if known else []
            out.append(pytest.param(sentence, expect, id=f"{path.stem}-{n:02d}", marks=marks))
    return out


def read(sentence: str) -> tuple[set, set, list, bool, set]:
    """Occurred met-with pairs, (visitor, destination) pairs, event dates, whether some event is
    planned, and the persons, as kg reads them from one sentence."""
    rec = extract_article(Article(id="probe", text=sentence.replace("<NL>", "\n\n"), published=PUB))  # <NL>: a headline ends
    name = {e.local_id: e.name for e in rec.entities}
    person = {e.local_id for e in rec.entities if e.type == "Person"}  # met-with pairs are of persons, as scored
    met, visits, dates, planned = set(), set(), [], False
    for ev in rec.events:
        people = sorted({name[p] for p in ev.participants if p in name})
        if ev.modality != "occurred":
            planned = True
            continue
        if ev.type in ("Meeting", "PhoneCall"):
            ps = sorted({name[p] for p in ev.participants if p in person})
            met |= {frozenset((a, b)) for i, a in enumerate(ps) for b in ps[i + 1 :]}
        if ev.type == "Visit":
            visits |= {(p, normalize(name.get(ev.place) or "")) for p in people}
        if ev.date:
            dates.append(ev.date.value)
    return met, visits, dates, planned, {e.name for e in rec.entities if e.type == "Person"}


def misses(sentence: str, expect: str) -> list[str]:
    met, visits, dates, planned, persons = read(sentence)
    bad = []
    for item in expect.split(";"):
        key, _, value = item.partition("=")
        if key == "met":
            bad += [f"missing met {p}" for p in value.split(",") if frozenset(p.split("|")) not in met]
        elif key == "notmet" and frozenset(value.split("|")) in met:
            bad.append(f"wrong met {value}")
        elif key == "nomet" and met:
            bad.append(f"met should be empty: {met}")
        elif key == "visit":
            for v in value.replace("visit=", "").split(","):
                who, place = v.split(">")
                if not any(x == who and normalize(place) in y for x, y in visits):
                    bad.append(f"missing visit {v}")
        elif key == "novisit":
            who, _, place = value.partition(">")
            if any(x == who and (not place or normalize(place) in y) for x, y in visits):
                bad.append(f"wrong visit {value}")
        elif key == "date" and value not in dates:
            bad.append(f"date {value} not in {dates}")
        elif key == "planned" and not planned:
            bad.append("no planned event")
        elif key == "persons" and persons != set(filter(None, value.split(","))):
            bad.append(f"persons {sorted(persons)}")
    return bad


@pytest.mark.parametrize("sentence,expect", _rows())
def test_probe(sentence: str, expect: str) -> None:
    assert misses(sentence, expect) == []
