"""`kg view`: one self-contained HTML page to explore the graph (network, timeline, evidence).

The page reads nothing at view time: every fact in it comes from the store through the same
SPARQL files as `kg query` (queries/*.rq), so what an analyst sees is what the queries return,
and a fix to a query fixes the page too. The results travel as one JSON block inside the page
(`<script type="application/json">`, with `<`, `>`, `&` escaped so no value can close the
block), and the page's own script draws everything with DOM calls and `textContent`: no data
string is ever parsed as HTML. The drawing code (a small force layout in SVG) is plain
JavaScript written here, so nothing is fetched from a CDN or installed from npm.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


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


def render_page(tables: dict[str, dict], title: str = "kg explorer") -> str:
    data = {"title": title, "tables": tables}
    html_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        _PAGE.replace("__TITLE__", html_title)
        .replace("/*__CSS__*/", _CSS)
        .replace("/*__JS__*/", _JS)
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


def _write_atomic(path: Path, text: str) -> None:
    """Temp file next to the target, then rename: a reader never sees half a page.

    (kg.build.write_atomic does the same, but importing kg.build loads spaCy: 7 s for a page
    that needs none of it; and mkstemp's 0600 mode would hide the page from a web server.)
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_explorer(store_path: str | Path, out_path: str | Path, *, queries_dir: Path = QUERIES) -> ViewSummary:
    """Query the store and write the explorer page to out_path atomically; returns what it holds."""
    out = Path(out_path)
    tables = query_tables(store_path, queries_dir)
    html = render_page(tables)
    try:
        _write_atomic(out, html)
    except OSError as exc:
        raise ViewError(f"{out}: cannot write the page ({exc.strerror or exc})") from exc
    return _summary(out, tables, len(html.encode("utf-8")))


# ---------------------------------------------------------------------------------------------
# The page. Placeholders are replaced with str.replace (not str.format: CSS and JS are full of
# braces). The data block is the only place where data enters the document.

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>
/*__CSS__*/
</style>
</head>
<body>
<header>
  <h1>__TITLE__</h1>
  <p id="summary"></p>
</header>
<main>
  <div id="left">
    <section id="network-section">
      <h2>Who met whom</h2>
      <form id="filters" onsubmit="return false">
        <label>from <input type="date" id="f-from"></label>
        <label>to <input type="date" id="f-to"></label>
        <label><input type="checkbox" id="f-undated" checked> include undated</label>
        <button type="button" id="f-reset">reset</button>
        <fieldset id="f-countries"><legend>countries</legend></fieldset>
      </form>
      <svg id="network" role="img" aria-label="network of persons and met-with links"></svg>
      <p class="note">Node size: number of events a person takes part in. Edge: an occurred meeting or
      call (met_with.rq). Dates: the event's date, else the first report's publication date.
      Drag to pan, wheel to zoom.</p>
    </section>
    <section id="timeline-section">
      <h2>Timeline of events</h2>
      <div id="types"></div>
      <svg id="timeline" role="img" aria-label="timeline of events"></svg>
      <p class="note">Filled: took place. Hollow, dashed: planned. Dotted: cancelled or denied.
      Faded: dated only by the report's publication date.</p>
      <table id="event-list"><thead><tr><th>date</th><th>type</th><th>status</th><th>who</th><th>where</th><th>reports</th></tr></thead><tbody></tbody></table>
    </section>
    <section id="places-section">
      <h2>Places and visits</h2>
      <ul id="places"></ul>
    </section>
  </div>
  <aside id="panel" aria-live="polite"><p class="hint">Click a person or an event to see its evidence.</p></aside>
</main>
<script type="application/json" id="kg-data">__DATA__</script>
<script>
/*__JS__*/
</script>
</body>
</html>
"""

_CSS = r"""
:root {
  --ar-font: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "Geeza Pro",
             "Arabic Typesetting", "Traditional Arabic", "Segoe UI", "Tahoma", "DejaVu Sans", sans-serif;
  --ui-font: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif;
  --line: #d0d4da; --muted: #5b6470; --bg: #f6f7f9; --accent: #1f5fbf;
}
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--ui-font); color: #1d232b; background: var(--bg); font-size: 14px; }
header { padding: 10px 18px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 20px; }
#summary { margin: 2px 0 0; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(0, 1fr) 440px; gap: 14px; padding: 14px; align-items: start; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin-bottom: 14px; }
h2 { font-size: 16px; margin: 2px 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.ar, [lang="ar"] { font-family: var(--ar-font); }
.ar { direction: rtl; unicode-bidi: isolate; }
#filters { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin-bottom: 6px; }
#filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; flex-basis: 100%; }
#filters legend { float: left; margin-right: 8px; color: var(--muted); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 3px; vertical-align: -1px; border: 1px solid #0003; }
#network { width: 100%; height: 520px; border: 1px solid var(--line); border-radius: 4px; background: #fbfcfd; cursor: grab; }
#network .node circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
#network .node:focus { outline: none; }
#network .node:focus-visible circle { stroke: var(--accent); stroke-width: 3; }
#network .node.dim { opacity: .25; }
#network .node.sel circle { stroke: #111; stroke-width: 3; }
#network .node text { font-family: var(--ar-font); font-size: 12px; fill: #1d232b; paint-order: stroke; stroke: #fbfcfd; stroke-width: 3px; pointer-events: none; }
#network line.edge { stroke: #8a96a8; stroke-opacity: .7; cursor: pointer; }
#network line.edge.sel { stroke: #111; stroke-opacity: 1; }
#types { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 4px; }
#timeline { width: 100%; height: 140px; border: 1px solid var(--line); border-radius: 4px; background: #fbfcfd; }
#timeline .mark { cursor: pointer; }
#timeline .mark.planned { fill: #fff !important; stroke-dasharray: 3 2; }
#timeline .mark.cancelled { fill: #fff !important; stroke-dasharray: 1 2; }
#timeline .mark.reported { opacity: .55; }
#timeline .mark.sel { stroke: #111 !important; stroke-width: 3; }
#timeline text { font-size: 11px; fill: var(--muted); }
#event-list { width: 100%; border-collapse: collapse; margin-top: 10px; font-size: 13px; }
#event-list th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 3px 6px; }
#event-list td { border-bottom: 1px solid #eef0f3; padding: 3px 6px; vertical-align: top; }
#event-list tr { cursor: pointer; }
#event-list tr:hover, #event-list tr.sel { background: #eef4ff; }
#event-list tr.planned td:first-child { border-left: 3px dashed #888; }
#event-list tr.planned { font-style: italic; }
.badge { display: inline-block; margin: 0 4px; padding: 0 6px; border-radius: 9px; font-size: 11px; background: #e8ebef; }
.badge.Planned { background: #fff; border: 1px dashed #777; }
.badge.Cancelled, .badge.Denied { background: #fff; border: 1px dotted #a33; color: #a33; }
#places { list-style: none; padding: 0; margin: 0; }
#places > li { padding: 6px 0; border-bottom: 1px solid #eef0f3; }
#places ul { margin: 4px 0 0; padding-left: 18px; }
#places li li { cursor: pointer; }
#places li li.planned { font-style: italic; color: var(--muted); }
a { color: var(--accent); }
.linkish { color: var(--accent); cursor: pointer; text-decoration: underline dotted; }
#panel { position: sticky; top: 14px; max-height: calc(100vh - 28px); overflow-y: auto; background: #fff;
         border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
#panel .hint { color: var(--muted); }
#panel .kind { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
#panel h2.name-ar { font-size: 26px; margin: 2px 0; text-align: right; line-height: 1.6; }
#panel .name-en { font-size: 15px; margin: 0 0 6px; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 8px 0; }
#panel dt { color: var(--muted); }
#panel dd { margin: 0; }
#panel ul { padding-left: 18px; margin: 4px 0; }
.evidence { margin: 8px 0 12px; padding: 6px 10px; border-right: 3px solid var(--accent); background: #f7f9fc; border-radius: 4px; }
.evidence-text { margin: 0; font-size: 17px; line-height: 1.9; text-align: right; }
.evidence-meta { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
.evidence-headline { display: block; font-size: 13px; color: var(--muted); text-align: right; }
"""

_JS = r"""
"use strict";
(function () {
  const RAW = JSON.parse(document.getElementById("kg-data").textContent);
  const T = RAW.tables;
  const SVGNS = "http://www.w3.org/2000/svg";
  const TYPES = ["Meeting", "PhoneCall", "Visit", "Invitation", "Agreement", "Statement"];
  const TYPE_DEFAULT = new Set(["Meeting", "PhoneCall", "Visit"]);
  const TYPE_COLOUR = { Meeting: "#1f77b4", PhoneCall: "#9467bd", Visit: "#d62728", Invitation: "#2ca02c",
                        Agreement: "#8c564b", Statement: "#7f7f7f" };
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                   "#17becf", "#bcbd22", "#393b79", "#637939", "#7b4173"];
  const UNKNOWN = "(unknown)";

  // ---- small DOM helpers: text only ever goes through textContent -------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
      else if (k === "onclick") e.addEventListener("click", v); else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  function sv(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    return e;
  }
  function ar(text, tag) { return el(tag || "bdi", { lang: "ar", dir: "rtl", class: "ar", text: text }); }
  function safeHref(url) {
    if (!url) return null;
    try { const u = new URL(url); return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null; }
    catch (e) { return null; }
  }
  function link(url, text) {
    const href = safeHref(url);
    return href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text || url }) : el("span", { text: text || url || "" });
  }
  function wikidataPage(iri) {
    const m = /(Q\d+)$/.exec(iri || "");
    return m ? "https://www.wikidata.org/wiki/" + m[1] : null;
  }
  function rows(name) {
    const t = T[name]; if (!t) return [];
    return t.rows.map(r => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
  }
  function split(v) { return v ? v.split("|").filter(Boolean) : []; }
  function dateSpan(v) {                 // xsd:date | gYearMonth | gYear -> [first day, last day]
    if (!v) return null;
    const s = v.slice(0, 10);
    if (/^\d{4}$/.test(s)) return [s + "-01-01", s + "-12-31"];
    if (/^\d{4}-\d{2}$/.test(s)) return [s + "-01", s + "-31"];
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return [s, s];
    return null;
  }

  // ---- the model, built from the query tables ----------------------------------------------
  const people = new Map();
  for (const r of rows("people")) {
    if (people.has(r.person)) continue;
    people.set(r.person, { iri: r.person, ar: r.labelAr || "", en: r.labelEn || "", alts: split(r.altLabels),
                           wd: r.wikidata, country: r.country || UNKNOWN, events: new Set() });
  }
  const events = new Map();
  for (const r of rows("events")) {
    let e = events.get(r.event);
    if (!e) {
      const date = r.date || null;
      e = { iri: r.event, type: r.type, modality: r.modality || "Occurred", date: date,
            inferred: r.dateInferred === "true", triggers: split(r.trigger), reportCount: r.reportCount,
            outletCount: r.outletCount, articles: split(r.article), firstPublished: r.firstPublished,
            places: [], participants: [],
            when: date || r.firstPublished || null, whenSource: date ? (r.dateInferred === "true" ? "inferred" : "stated") : (r.firstPublished ? "reported" : null) };
      events.set(r.event, e);
    }
    if (r.place && !e.places.some(p => p.iri === r.place)) e.places.push({ iri: r.place, label: r.placeLabel || r.place, wd: r.placeWikidata });
  }
  for (const r of rows("participants")) {
    const e = events.get(r.event); if (!e) continue;
    e.participants.push({ iri: r.participant, label: r.participantLabel, kind: r.kind, role: r.role });
    const p = people.get(r.participant); if (p) p.events.add(r.event);
  }
  const visits = new Map();               // visit IRI -> occurred visit (visits.rq)
  for (const r of rows("visits")) {
    if (!visits.has(r.visit)) visits.set(r.visit, { iri: r.visit, visitor: r.visitor, visitorLabel: r.visitorLabel,
      dest: r.destination, destLabel: r.destinationLabel, destWd: r.destinationWikidata, date: r.date, articles: split(r.article) });
    const p = people.get(r.visitor); if (p) p.events.add(r.visit);
  }
  const edges = new Map();                // "a|b" -> {a, b, meetings: [event IRI]}
  for (const r of rows("met")) {
    const key = r.personA + "|" + r.personB;
    let ed = edges.get(key);
    if (!ed) { ed = { key: key, a: r.personA, b: r.personB, meetings: [] }; edges.set(key, ed); }
    if (!ed.meetings.includes(r.meeting)) ed.meetings.push(r.meeting);
    for (const iri of [r.personA, r.personB])
      if (!people.has(iri)) people.set(iri, { iri: iri, ar: iri === r.personA ? r.personALabel : r.personBLabel, en: "", alts: [], wd: null, country: UNKNOWN, events: new Set() });
  }
  const roles = new Map();
  for (const r of rows("roles")) {
    if (!roles.has(r.person)) roles.set(r.person, []);
    roles.get(r.person).push(r);
  }
  const evidence = new Map();            // subject IRI -> [{via, text, ...}]
  for (const r of rows("evidence")) {
    if (!evidence.has(r.subject)) evidence.set(r.subject, []);
    evidence.get(r.subject).push(r);
  }

  // ---- filters --------------------------------------------------------------------------------
  const countryCount = new Map();
  for (const p of people.values()) countryCount.set(p.country, (countryCount.get(p.country) || 0) + 1);
  const countries = [...countryCount.keys()].sort((a, b) => (a === UNKNOWN) - (b === UNKNOWN) || countryCount.get(b) - countryCount.get(a) || a.localeCompare(b));
  const colour = new Map(countries.map((c, i) => [c, c === UNKNOWN ? "#9aa3ad" : PALETTE[i % PALETTE.length]]));
  const state = { from: "", to: "", undated: true, countries: new Set(countries), types: new Set(TYPE_DEFAULT), selected: null };

  function eventInRange(e) {
    if (!e) return false;
    const span = dateSpan(e.when);
    if (!span) return state.undated;
    if (state.from && span[1] < state.from) return false;
    if (state.to && span[0] > state.to) return false;
    return true;
  }
  const dateFiltered = () => Boolean(state.from || state.to || !state.undated);

  // ---- network ------------------------------------------------------------------------------
  const svg = document.getElementById("network");
  const nodes = [...people.values()].sort((a, b) => a.iri < b.iri ? -1 : 1);
  const index = new Map(nodes.map((n, i) => [n.iri, i]));
  const links = [...edges.values()].filter(e => index.has(e.a) && index.has(e.b));
  function radius(n) { return 6 + 4 * Math.sqrt(n.events.size); }

  function layout() {                    // Fruchterman–Reingold with a fixed seed: same page, same picture
    let seed = 42;
    const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 4294967296; };
    const n = nodes.length, k = 95;
    const sector = new Map(countries.map((c, i) => [c, (2 * Math.PI * i) / Math.max(countries.length, 1)]));
    nodes.forEach((d, i) => {
      const a = sector.get(d.country) + rand() * 1.2, r = 120 + rand() * 140;
      d.x = Math.cos(a) * r; d.y = Math.sin(a) * r;
    });
    const iters = n <= 250 ? 300 : Math.max(30, Math.floor(2e7 / (n * n)));
    for (let it = 0; it < iters; it++) {
      const t = 25 * (1 - it / iters) + 0.5;
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y; if (d2 < 0.01) { x = rand() - .5; y = rand() - .5; d2 = .5; }
        const d = Math.sqrt(d2), f = (k * k) / d;
        dx[i] += (x / d) * f; dy[i] += (y / d) * f; dx[j] -= (x / d) * f; dy[j] -= (y / d) * f;
      }
      for (const l of links) {
        const i = index.get(l.a), j = index.get(l.b);
        const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y, d = Math.sqrt(x * x + y * y) || .01;
        const f = (d - 1.3 * k) * 0.8;   // a spring with a rest length: cliques do not collapse
        dx[i] -= (x / d) * f; dy[i] -= (y / d) * f; dx[j] += (x / d) * f; dy[j] += (y / d) * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= nodes[i].x * 0.9; dy[i] -= nodes[i].y * 0.9;   // gravity keeps islands near the centre
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, s = Math.min(d, t) / d;
        nodes[i].x += dx[i] * s; nodes[i].y += dy[i] * s;
      }
    }
  }

  const view = { x: 0, y: 0, w: 1, h: 1 };
  function fit() {                       // scale the layout to the box, so labels stay at 12 px
    const W = svg.clientWidth || 900, H = svg.clientHeight || 520, pad = 60;
    Object.assign(view, { x: 0, y: 0, w: W, h: H });
    if (!nodes.length) return;
    const xs = nodes.map(n => n.x), ys = nodes.map(n => n.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys), bw = Math.max(...xs) - x0 || 1, bh = Math.max(...ys) - y0 || 1;
    const s = Math.min((W - 2 * pad) / bw, (H - 2 * pad) / bh, 1.5);
    const ox = (W - bw * s) / 2, oy = (H - bh * s) / 2;
    for (const n of nodes) { n.x = ox + (n.x - x0) * s; n.y = oy + (n.y - y0) * s; }
  }
  function applyView() { svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`); }

  const edgeEls = new Map(), nodeEls = new Map();
  function drawNetwork() {
    svg.replaceChildren();
    const ge = sv("g", { class: "edges" }), gn = sv("g", { class: "nodes" });
    for (const l of links) {
      const a = nodes[index.get(l.a)], b = nodes[index.get(l.b)];
      const line = sv("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1.5 + 1.5 * Math.min(l.meetings.length - 1, 4), "data-key": l.key });
      const t = sv("title"); t.textContent = `${a.ar} — ${b.ar}: ${l.meetings.length} meeting(s)`; line.append(t);
      line.addEventListener("click", ev => { ev.stopPropagation(); select(l.meetings[0]); });
      ge.append(line); edgeEls.set(l.key, line);
    }
    for (const n of nodes) {
      const g = sv("g", { class: "node", "data-iri": n.iri, transform: `translate(${n.x},${n.y})`, tabindex: 0, role: "button" });
      g.append(sv("circle", { r: radius(n), fill: colour.get(n.country) }));
      const label = sv("text", { y: radius(n) + 14, "text-anchor": "middle", direction: "rtl", lang: "ar" });
      label.textContent = n.ar; g.append(label);
      const t = sv("title"); t.textContent = `${n.ar}${n.en ? " / " + n.en : ""} — ${n.country}, ${n.events.size} event(s)`; g.append(t);
      g.addEventListener("click", ev => { ev.stopPropagation(); select(n.iri); });
      g.addEventListener("keydown", ev => { if (ev.key === "Enter") select(n.iri); });
      gn.append(g); nodeEls.set(n.iri, g);
    }
    svg.append(ge, gn);
  }
  function updateNetwork() {
    for (const n of nodes) {
      const g = nodeEls.get(n.iri);
      const shown = state.countries.has(n.country);
      g.style.display = shown ? "" : "none";
      const active = !dateFiltered() || [...n.events].some(e => eventInRange(events.get(e) || visitAsEvent(e)));
      g.classList.toggle("dim", !active);
      const selEvent = events.get(state.selected);
      g.classList.toggle("sel", state.selected === n.iri || Boolean(selEvent && selEvent.participants.some(x => x.iri === n.iri)));
    }
    for (const l of links) {
      const a = people.get(l.a), b = people.get(l.b);
      const shown = state.countries.has(a.country) && state.countries.has(b.country) && l.meetings.some(m => eventInRange(events.get(m)));
      const line = edgeEls.get(l.key);
      line.style.display = shown ? "" : "none";
      line.classList.toggle("sel", l.a === state.selected || l.b === state.selected || l.meetings.includes(state.selected));
    }
  }
  function visitAsEvent(iri) { const v = visits.get(iri); return v ? { when: v.date } : null; }

  // pan (drag) and zoom (wheel)
  let drag = null;
  svg.addEventListener("mousedown", ev => { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; });
  window.addEventListener("mouseup", () => { drag = null; });
  window.addEventListener("mousemove", ev => {
    if (!drag) return;
    const s = view.w / svg.clientWidth;
    view.x = drag.vx - (ev.clientX - drag.x) * s; view.y = drag.vy - (ev.clientY - drag.y) * s; applyView();
  });
  svg.addEventListener("wheel", ev => {
    ev.preventDefault();
    const f = ev.deltaY > 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
    const px = view.x + ((ev.clientX - r.left) / r.width) * view.w, py = view.y + ((ev.clientY - r.top) / r.height) * view.h;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.w *= f; view.h *= f; applyView();
  }, { passive: false });

  // ---- filter controls ----------------------------------------------------------------------
  const fset = document.getElementById("f-countries");
  for (const c of countries) {
    const box = el("input", { type: "checkbox", checked: true, "data-country": c });
    box.addEventListener("change", () => { box.checked ? state.countries.add(c) : state.countries.delete(c); refresh(); });
    fset.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${colour.get(c)}` }), c, ` (${countryCount.get(c)})`));
  }
  const fFrom = document.getElementById("f-from"), fTo = document.getElementById("f-to"), fUnd = document.getElementById("f-undated");
  fFrom.addEventListener("change", () => { state.from = fFrom.value; refresh(); });
  fTo.addEventListener("change", () => { state.to = fTo.value; refresh(); });
  fUnd.addEventListener("change", () => { state.undated = fUnd.checked; refresh(); });
  document.getElementById("f-reset").addEventListener("click", () => {
    fFrom.value = fTo.value = ""; fUnd.checked = true;
    Object.assign(state, { from: "", to: "", undated: true, countries: new Set(countries) });
    for (const b of fset.querySelectorAll("input")) b.checked = true;
    refresh();
  });
  const typesDiv = document.getElementById("types");
  const typeCount = new Map();
  for (const e of events.values()) typeCount.set(e.type, (typeCount.get(e.type) || 0) + 1);
  for (const t of TYPES.filter(t => typeCount.has(t)).concat([...typeCount.keys()].filter(t => !TYPES.includes(t)))) {
    const box = el("input", { type: "checkbox", checked: state.types.has(t), "data-type": t });
    box.addEventListener("change", () => { box.checked ? state.types.add(t) : state.types.delete(t); refresh(); });
    typesDiv.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${TYPE_COLOUR[t] || "#555"}` }), `${t} (${typeCount.get(t)})`));
  }

  // ---- timeline -----------------------------------------------------------------------------
  const tl = document.getElementById("timeline");
  function eventWho(e) {
    const ps = e.participants.filter(p => p.kind === "Person" || people.has(p.iri));
    return (ps.length ? ps : e.participants).map(p => p.label);
  }
  function modalityClass(e) {
    return e.modality === "Planned" ? "planned" : (e.modality === "Cancelled" || e.modality === "Denied") ? "cancelled" : "";
  }
  function shape(e, x, y) {
    const c = TYPE_COLOUR[e.type] || "#555", cls = ["mark", modalityClass(e), e.whenSource === "reported" ? "reported" : "", state.selected === e.iri ? "sel" : ""].join(" ");
    const a = { class: cls, fill: c, stroke: c, "stroke-width": 1.5, "data-iri": e.iri };
    let s;
    if (e.type === "Visit") s = sv("path", Object.assign(a, { d: `M${x},${y - 8} L${x + 8},${y + 6} L${x - 8},${y + 6} Z` }));
    else if (e.type === "PhoneCall") s = sv("path", Object.assign(a, { d: `M${x},${y - 8} L${x + 8},${y} L${x},${y + 8} L${x - 8},${y} Z` }));
    else if (e.type === "Meeting") s = sv("circle", Object.assign(a, { cx: x, cy: y, r: 7 }));
    else s = sv("rect", Object.assign(a, { x: x - 5, y: y - 5, width: 10, height: 10 }));
    const t = sv("title");
    t.textContent = `${e.type} (${e.modality.toLowerCase()}) ${e.when || "undated"}${e.whenSource === "reported" ? " (report date)" : ""}: ${eventWho(e).join("، ")}`;
    s.append(t);
    s.addEventListener("click", () => select(e.iri));
    return s;
  }
  function visibleEvents() {
    return [...events.values()].filter(e => state.types.has(e.type) && eventInRange(e))
      .sort((a, b) => (a.when ? 0 : 1) - (b.when ? 0 : 1) || (a.when || "").localeCompare(b.when || "") || a.type.localeCompare(b.type) || a.iri.localeCompare(b.iri));
  }
  function drawTimeline(list) {
    tl.replaceChildren();
    const W = Math.max(tl.clientWidth || 900, 300), H = 140, left = 40, right = W - 40;
    tl.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const dated = list.filter(e => dateSpan(e.when)), undated = list.filter(e => !dateSpan(e.when));
    const day = s => Date.parse(s + "T00:00:00Z") / 864e5;
    let lo = Math.min(...dated.map(e => day(dateSpan(e.when)[0]))), hi = Math.max(...dated.map(e => day(dateSpan(e.when)[0])));
    if (!dated.length) { lo = 0; hi = 1; }
    if (hi - lo < 6) { lo -= 3; hi += 3; }
    const undatedW = undated.length ? 150 : 0;
    const X = d => left + ((d - lo) / (hi - lo)) * (right - left - undatedW);
    tl.append(sv("line", { x1: left, x2: right - undatedW, y1: H - 28, y2: H - 28, stroke: "#9aa3ad" }));
    if (dated.length) {
      const step = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652].find(s => (hi - lo) / s <= 7) || 7305;
      for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) {
        const x = X(d);
        tl.append(sv("line", { x1: x, x2: x, y1: H - 32, y2: H - 24, stroke: "#9aa3ad" }));
        const t = sv("text", { x: x, y: H - 10, "text-anchor": "middle" });
        t.textContent = new Date(d * 864e5).toISOString().slice(0, step >= 365 ? 4 : step >= 30 ? 7 : 10); tl.append(t);
      }
    }
    const stack = new Map();
    for (const e of dated) {
      const x = Math.round(X(day(dateSpan(e.when)[0]))), n = stack.get(x) || 0; stack.set(x, n + 1);
      tl.append(shape(e, x, H - 44 - n * 18));
    }
    if (undated.length) {
      const ux = right - 65;
      tl.append(sv("line", { x1: right - undatedW + 15, x2: right - undatedW + 15, y1: 10, y2: H - 10, stroke: "#d0d4da", "stroke-dasharray": "4 3" }));
      const t = sv("text", { x: ux, y: H - 10, "text-anchor": "middle" }); t.textContent = `undated (${undated.length})`; tl.append(t);
      undated.forEach((e, i) => tl.append(shape(e, ux - 45 + (i % 6) * 18, H - 44 - Math.floor(i / 6) * 18)));
    }
  }
  function drawEventList(list) {
    const tbody = document.querySelector("#event-list tbody");
    tbody.replaceChildren();
    for (const e of list) {
      const when = e.when ? e.when + (e.whenSource === "reported" ? " (report)" : e.whenSource === "inferred" ? " (inferred)" : "") : "undated";
      const who = el("td", { class: "ar", lang: "ar", dir: "rtl", text: eventWho(e).join("، ") });
      const tr = el("tr", { class: [modalityClass(e), state.selected === e.iri ? "sel" : ""].join(" "), "data-iri": e.iri, onclick: () => select(e.iri) },
        el("td", { text: when }), el("td", {}, el("span", { class: "swatch", style: `background:${TYPE_COLOUR[e.type] || "#555"}` }), e.type),
        el("td", {}, el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() })), who,
        el("td", { text: e.places.map(p => p.label).join(", ") }), el("td", { text: e.reportCount || String(e.articles.length) }));
      tbody.append(tr);
    }
  }

  // ---- places -------------------------------------------------------------------------------
  function drawPlaces() {
    const places = new Map();
    const place = (iri, label, wd) => { if (!places.has(iri)) places.set(iri, { iri, label, wd, items: [] }); return places.get(iri); };
    for (const v of visits.values()) {
      place(v.dest, v.destLabel, v.destWd).items.push({ event: v.iri, who: v.visitorLabel, date: v.date, modality: "Occurred", reports: v.articles.length });
    }
    for (const e of events.values()) {    // planned, cancelled or denied visits: not in visits.rq
      if (e.type !== "Visit" || visits.has(e.iri)) continue;
      for (const p of e.places)
        place(p.iri, p.label, p.wd).items.push({ event: e.iri, who: eventWho(e).join("، "), date: e.date, modality: e.modality, reports: e.articles.length });
    }
    const ul = document.getElementById("places");
    ul.replaceChildren();
    const sorted = [...places.values()].sort((a, b) => b.items.length - a.items.length || String(a.label).localeCompare(String(b.label)));
    if (!sorted.length) ul.append(el("li", { class: "note", text: "No visit in the graph." }));
    for (const p of sorted) {
      const inner = el("ul");
      for (const it of p.items.sort((a, b) => (a.date || "~").localeCompare(b.date || "~")))
        inner.append(el("li", { class: it.modality !== "Occurred" ? "planned" : "", "data-iri": it.event, onclick: () => select(it.event) },
          ar(it.who), " — ", it.date || "undated", it.modality !== "Occurred" ? ` (${it.modality.toLowerCase()})` : "", ` · ${it.reports} report(s)`));
      const wd = wikidataPage(p.wd);
      ul.append(el("li", { "data-place": p.iri }, el("strong", { text: p.label }), " ",
        wd ? link(wd, "Wikidata") : null, ` — ${p.items.length} visit(s)`, inner));
    }
  }

  // ---- side panel ---------------------------------------------------------------------------
  const panel = document.getElementById("panel");
  function personLink(iri, label) {
    return people.has(iri) ? el("span", { class: "linkish ar", lang: "ar", dir: "rtl", text: label, onclick: () => select(iri) }) : ar(label);
  }
  function evidenceBlock(list) {
    const seen = new Map();
    for (const r of list) {
      const key = r.article + ":" + r.start + "-" + r.end;
      if (!seen.has(key)) seen.set(key, r);
    }
    const box = el("div", { class: "evidence-list" });
    const items = [...seen.values()].sort((a, b) => (a.published || "~").localeCompare(b.published || "~") || a.article.localeCompare(b.article) || Number(a.start) - Number(b.start));
    if (!items.length) box.append(el("p", { class: "note", text: "No evidence sentence in the graph." }));
    for (const r of items) {
      const meta = el("p", { class: "evidence-meta" },
        r.outlet || "unknown outlet", " · ", r.published || "date unknown", " · ",
        r.url ? link(r.url, "source") : el("span", { text: "no URL" }), " · article ", el("code", { text: r.article }),
        ` [${r.start}–${r.end}]`);
      box.append(el("div", { class: "evidence", "data-article": r.article },
        r.headline ? el("span", { class: "evidence-headline ar", lang: "ar", dir: "rtl", text: r.headline }) : null,
        el("p", { class: "evidence-text ar", lang: "ar", dir: "rtl", text: r.text }), meta));
    }
    return box;
  }
  function showPerson(p) {
    const wd = wikidataPage(p.wd);
    const dl = el("dl", {},
      el("dt", { text: "country" }), el("dd", { text: p.country }),
      el("dt", { text: "Wikidata" }), el("dd", {}, wd ? link(wd, wd.replace("https://www.wikidata.org/wiki/", "")) : "not linked"),
      el("dt", { text: "events" }), el("dd", { text: String(p.events.size) }));
    if (p.alts.length) dl.append(el("dt", { text: "also written" }), el("dd", { class: "ar", lang: "ar", dir: "rtl", text: p.alts.join("، ") }));
    const offices = el("ul");
    const byPos = new Map();
    for (const r of roles.get(p.iri) || []) {
      if (!byPos.has(r.position)) byPos.set(r.position, { label: r.positionLabel, country: r.country, seen: [] });
      byPos.get(r.position).seen.push(r);
    }
    for (const o of byPos.values()) {
      const dates = [...new Set(o.seen.map(r => r.date).filter(Boolean))].sort();
      const arts = [...new Set(o.seen.map(r => r.article))].sort();
      offices.append(el("li", { class: "office" }, el("strong", { text: o.label }), o.country ? ` (${o.country})` : "",
        " — seen ", dates.length ? dates.join(", ") : "undated", ` in ${arts.join(", ")}`));
    }
    if (!byPos.size) offices.append(el("li", { class: "note", text: "No office recorded." }));
    const evs = el("ul");
    const mine = [...p.events].map(i => events.get(i)).filter(Boolean).sort((a, b) => (a.when || "~").localeCompare(b.when || "~"));
    for (const e of mine) {
      const others = e.participants.filter(x => x.iri !== p.iri).map(x => x.label);
      evs.append(el("li", {}, el("span", { class: "linkish", text: `${e.type} · ${e.when || "undated"}`, onclick: () => select(e.iri) }),
        e.modality !== "Occurred" ? el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() }) : null,
        others.length ? " with " : "", others.length ? ar(others.join("، ")) : null));
    }
    panel.replaceChildren(
      el("div", { class: "kind", text: "person" }),
      el("h2", { class: "name-ar ar", lang: "ar", dir: "rtl", text: p.ar }),
      el("p", { class: "name-en", text: p.en || "(no English label)" }),
      el("p", {}, el("code", { text: p.iri })),
      dl, el("h3", { text: "Offices (roles.rq)" }), offices,
      el("h3", { text: "Events" }), evs,
      el("h3", { text: "Evidence" }), evidenceBlock(evidence.get(p.iri) || []));
  }
  function showEvent(e) {
    const parts = el("ul");
    for (const pt of e.participants) parts.append(el("li", {}, personLink(pt.iri, pt.label), ` — ${pt.role}${pt.kind && pt.kind !== "Person" ? " (" + pt.kind + ")" : ""}`));
    const places = el("span");
    e.places.forEach((p, i) => { const wd = wikidataPage(p.wd); places.append(i ? ", " : "", wd ? link(wd, p.label) : p.label); });
    const when = e.date ? e.date + (e.inferred ? " (inferred from another report of the event)" : "")
      : e.firstPublished ? `not stated; first reported ${e.firstPublished}` : "unknown";
    panel.replaceChildren(
      el("div", { class: "kind", text: "event" }),
      el("h2", { text: `${e.type}` }, " ", el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() })),
      el("p", {}, el("code", { text: e.iri })),
      el("dl", {},
        el("dt", { text: "date" }), el("dd", { text: when }),
        el("dt", { text: "place" }), el("dd", {}, e.places.length ? places : "unknown"),
        el("dt", { text: "trigger" }), el("dd", {}, ar(e.triggers.join("، "))),
        el("dt", { text: "reports" }), el("dd", { text: `${e.reportCount || e.articles.length} article(s), ${e.outletCount || "?"} outlet(s): ${e.articles.join(", ")}` })),
      el("h3", { text: "Participants" }), parts,
      el("h3", { text: "Evidence" }), evidenceBlock(evidence.get(e.iri) || []));
  }
  function select(iri) {
    state.selected = iri;
    if (people.has(iri)) showPerson(people.get(iri));
    else if (events.has(iri)) showEvent(events.get(iri));
    else { state.selected = null; panel.replaceChildren(el("p", { class: "hint", text: "Nothing in the graph has that IRI." })); }
    try { history.replaceState(null, "", "#select=" + encodeURIComponent(iri)); } catch (err) { /* file: URLs in some browsers */ }
    refresh();
    panel.scrollTop = 0;
  }

  // ---- wiring -------------------------------------------------------------------------------
  function refresh() {
    updateNetwork();
    const list = visibleEvents();
    drawTimeline(list); drawEventList(list);
  }
  const nMeet = [...events.values()].filter(e => (e.type === "Meeting" || e.type === "PhoneCall") && e.modality === "Occurred").length;
  document.getElementById("summary").textContent =
    `${people.size} persons · ${links.length} met-with pairs · ${events.size} events (${nMeet} meetings or calls that took place) · ${visits.size} visits`;
  layout(); fit(); applyView(); drawNetwork(); drawPlaces(); refresh();
  window.addEventListener("resize", () => drawTimeline(visibleEvents()));
  const m = /^#select=(.+)$/.exec(location.hash);
  if (m) select(decodeURIComponent(m[1]));
  window.kgExplorer = { select: select, nodeCount: () => nodeEls.size, state: state, ready: true };
  document.body.setAttribute("data-ready", "true");
})();
"""
