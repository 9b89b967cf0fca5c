"""Print what kg reads from a sentence or short passage: its entities and its events.

Why: studying a failure starts with seeing what the pipeline made of the words, without building
a store; this is the extraction step of `kg build` on one text (published Tuesday 2024-05-14, the
date the probe batteries assume; «<NL>» ends a headline as in the batteries).

    KG_SHARED_DATA=../shared/data .venv/bin/python scripts/read_sentence.py "استقبل ..." [...]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.nlp.extract import extract_article  # noqa: E402
from kg.records import Article  # noqa: E402


def show(text: str) -> None:
    rec = extract_article(Article(id="s", text=text.replace("<NL>", "\n\n"), published=date(2024, 5, 14)))
    name = {e.local_id: e.name for e in rec.entities}
    for e in rec.entities:
        roles = ", ".join(r.title_ar for r in e.roles)
        print(f"  {e.local_id:4s} {e.type:13s} {e.name}" + (f"  [{roles}]" if roles else ""))
    for ev in rec.events:
        people = ", ".join(name.get(p, p) for p in ev.participants)
        date_value = ev.date.value if ev.date else None
        print(
            f"  {ev.local_id} {ev.type} {ev.modality} «{ev.trigger}» ({people}) host={name.get(ev.host or '')}"
            f" guest={name.get(ev.guest or '')} place={name.get(ev.place or '')} date={date_value}"
        )


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg[:80])
        show(arg)
