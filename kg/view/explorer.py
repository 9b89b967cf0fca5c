"""`kg view`: one self-contained HTML page to explore the graph (network, timeline, evidence).

The page reads nothing at view time: every fact in it comes from the store through the same
SPARQL files as `kg query` (queries/*.rq), so what an analyst sees is what the queries return,
and a fix to a query fixes the page too. The results travel as one JSON block inside the page
(`<script type="application/json">`, with `<`, `>`, `&` escaped so no value can close the
block), and the page's own script draws everything with DOM calls and `textContent`: no data
string is ever parsed as HTML. The page's template, style and script are real files beside this
module (`explorer.html`, `explorer.css`, `explorer.js`, shipped as package data) and are inlined
into the one page at write time, so the page fetches nothing: no CDN, no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.io import atomic_write
from kg.paths import QUERIES
from kg.store.local import StoreError, open_store, select, term_text

# The page's data blocks and the query files they come from. The first five are documented in
# the README; events/participants/evidence exist for the page but are ordinary queries too.
QUERY_FILES: dict[str, str] = {
    "people": "people.rq",
    "met": "met_with.rq",
    "visits": "visits.rq",
    "roles": "roles.rq",
    "events": "events.rq",
    "participants": "event_participants.rq",
    "evidence": "evidence.rq",
}

DATA_ELEMENT_ID = "kg-data"


class ViewError(Exception):
    """The page cannot be written (a query file is missing or unreadable); one line for the user."""


@dataclass(frozen=True)
class ViewSummary:
    """What went into the page, for the command's one-line report and for tests."""

    out: Path
    persons: int
    met_pairs: int
    events: int
    visits: int
    places: int
    evidence: int
    bytes: int

    def describe(self) -> str:
        return (
            f"wrote {self.out}: {self.persons} persons, {self.met_pairs} met-with pairs, "
            f"{self.events} events, {self.visits} visits to {self.places} places, "
            f"{self.evidence} evidence sentences ({self.bytes // 1024} KiB)"
        )


def load_query(name: str, queries_dir: Path = QUERIES) -> str:
    path = queries_dir / QUERY_FILES[name]
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ViewError(f"{path}: cannot read query ({exc})") from exc


def query_tables(store_path: str | Path, queries_dir: Path = QUERIES) -> dict[str, dict]:
    """Run every query of QUERY_FILES; each result as {"columns": [...], "rows": [[str|None]]}.

    Rows are lists aligned with the columns (not dicts) because the page carries thousands of
    them; values are the terms' lexical forms, None where a variable is unbound.
    """
    # The store's default graph is the union of the article graphs, each triple once (kg.store.local).
    store = open_store(store_path, read_only=True)
    tables: dict[str, dict] = {}
    for name, file in QUERY_FILES.items():
        sparql = load_query(name, queries_dir)
        try:
            cols, rows = select(store, sparql)
        except StoreError as exc:
            raise StoreError(f"{queries_dir / file}: {exc}") from exc
        tables[name] = {
            "query": file,
            "columns": cols,
            "rows": [[None if r[c] is None else term_text(r[c]) for c in cols] for r in rows],
        }
    return tables


def table_dicts(table: dict) -> list[dict[str, str | None]]:
    """A data-block table back as one dict per row (what tests and other Python code want)."""
    cols = table["columns"]
    return [dict(zip(cols, row)) for row in table["rows"]]


def json_for_script(data: object) -> str:
    """JSON safe inside <script type="application/json">: nothing in it can end the element.

    `</script>` or `<!--` inside a string would otherwise close or corrupt the block; escaping
    `<`, `>` and `&` as \\u003c etc. keeps the JSON identical after JSON.parse. U+2028/2029 are
    escaped as well so the text is also valid as a JavaScript literal.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def extract_data(html: str) -> dict:
    """The data block of a written page, parsed (the inverse of render_page, for tests)."""
    start_tag = f'<script type="application/json" id="{DATA_ELEMENT_ID}">'
    i = html.index(start_tag) + len(start_tag)
    j = html.index("</script>", i)
    return json.loads(html[i:j])


@lru_cache(maxsize=None)
def page_part(name: str) -> str:
    """One of the page's source files (explorer.html, explorer.css, explorer.js), as shipped."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def render_page(tables: dict[str, dict], title: str = "kg explorer") -> str:
    """The template with its placeholders replaced by str.replace (not str.format: CSS and JS are
    full of braces). The data block is the only place where data enters the document."""
    data = {"title": title, "tables": tables}
    html_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        page_part("explorer.html").replace("__TITLE__", html_title)
        .replace("/*__CSS__*/", page_part("explorer.css"))
        .replace("/*__JS__*/", page_part("explorer.js"))
        .replace("__DATA__", json_for_script(data))
    )


def _summary(out: Path, tables: dict[str, dict], size: int) -> ViewSummary:
    people = {r["person"] for r in table_dicts(tables["people"])}
    pairs = {(r["personA"], r["personB"]) for r in table_dicts(tables["met"])}
    events = {r["event"] for r in table_dicts(tables["events"])}
    visits = table_dicts(tables["visits"])
    places = {r["destination"] for r in visits}
    evidence = {(r["article"], r["start"], r["end"]) for r in table_dicts(tables["evidence"])}
    return ViewSummary(out, len(people), len(pairs), len(events), len({r["visit"] for r in visits}),
                       len(places), len(evidence), size)


def write_explorer(store_path: str | Path, out_path: str | Path, *, queries_dir: Path = QUERIES) -> ViewSummary:
    """Query the store and write the explorer page to out_path atomically; returns what it holds."""
    out = Path(out_path)
    tables = query_tables(store_path, queries_dir)
    html = render_page(tables)
    try:
        atomic_write(out, html)  # 0644: a web server may serve the page
    except OSError as exc:
        raise ViewError(f"{out}: cannot write the page ({exc.strerror or exc})") from exc
    return _summary(out, tables, len(html.encode("utf-8")))
