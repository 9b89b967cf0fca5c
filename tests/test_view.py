"""The explorer page: its data block matches the queries, and a real browser can use it.

The browser test drives Debian's Chromium headless with Playwright for Python
(`executable_path=/usr/bin/chromium`: no browser is downloaded). It clicks a person node with a
real mouse event, reads the Arabic evidence shown in the side panel, checks it against the
article bodies, and saves a screenshot to build/explorer.png for a person to look at.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.read.articles import read_articles
from kg.paths import DATA, ROOT
from kg.store.local import open_store, select, term_text
from kg.view.explorer import (
    QUERY_FILES,
    ViewError,
    extract_data,
    json_for_script,
    load_query,
    render_page,
    table_dicts,
    write_explorer,
)

ARTICLES = DATA / "articles"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    path = tmp_path_factory.mktemp("view") / "store"
    result = build([ARTICLES], path)
    assert result.report.articles > 0
    return path


@pytest.fixture(scope="module")
def page(store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("page") / "explorer.html"
    summary = write_explorer(store, out)
    assert summary.out == out and out.stat().st_size == summary.bytes
    return out, extract_data(out.read_text(encoding="utf-8"))


def _direct(store: Path, name: str) -> list[dict[str, str | None]]:
    """The query run straight on the store (union default graph), as the CLI does."""
    cols, rows = select(open_store(store, read_only=True), load_query(name))
    return [{c: (None if r[c] is None else term_text(r[c])) for c in cols} for r in rows]


def _norm(rows: list[dict[str, str | None]]) -> set[tuple]:
    """Rows as a set; "|"-joined group values sorted (GROUP_CONCAT's order is not fixed)."""
    return {tuple(sorted((k, "|".join(sorted(v.split("|"))) if v else v) for k, v in r.items())) for r in rows}


# ---- the data block (no browser) ------------------------------------------------------------


def test_data_block_holds_people_met_and_visits_of_the_queries(store: Path, page: tuple[Path, dict]) -> None:
    _, data = page
    tables = data["tables"]
    assert set(tables) == set(QUERY_FILES)
    for name in ("people", "met", "visits", "roles"):
        direct = _direct(store, name)
        assert tables[name]["columns"] == list(direct[0]) if direct else True
        assert _norm(table_dicts(tables[name])) == _norm(direct), name
    people = {r["person"] for r in table_dicts(tables["people"])}
    assert len(people) == len(tables["people"]["rows"]) > 0
    met = table_dicts(tables["met"])
    assert met and all(r["personA"] in people and r["personB"] in people for r in met)
    assert table_dicts(tables["visits"]), "the sample articles report visits"


def test_new_queries_agree_with_the_store_and_with_each_other(store: Path, page: tuple[Path, dict]) -> None:
    tables = page[1]["tables"]
    for name in ("events", "participants", "evidence"):
        assert _norm(table_dicts(tables[name])) == _norm(_direct(store, name)), name
    events = {r["event"]: r for r in table_dicts(tables["events"])}
    # every occurred visit of visits.rq is an event of events.rq, with the same destination
    for v in table_dicts(tables["visits"]):
        assert events[v["visit"]]["type"] == "Visit" and events[v["visit"]]["modality"] == "Occurred"
    # every meeting of met_with.rq is an occurred Meeting/PhoneCall whose participants include both
    parts: dict[str, set[str]] = {}
    for r in table_dicts(tables["participants"]):
        parts.setdefault(r["event"], set()).add(r["participant"])
    for m in table_dicts(tables["met"]):
        assert events[m["meeting"]]["type"] in {"Meeting", "PhoneCall"}
        assert {m["personA"], m["personB"]} <= parts[m["meeting"]]
    bodies = [a.text for a in read_articles([ARTICLES]).articles]
    ev = table_dicts(tables["evidence"])
    assert ev
    for r in ev:
        assert any(b[int(r["start"]) : int(r["end"])] == r["text"] for b in bodies), r["text"][:40]


def test_data_block_cannot_close_the_script_element() -> None:
    evil = {"columns": ["x"], "rows": [["</script><script>alert(1)</script> <!-- & \u2028"]]}
    html = render_page({"people": evil}, title="<b>t</b>")
    block = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    assert extract_data(html)["tables"]["people"] == evil
    assert "<b>t</b>" not in html and "&lt;b&gt;t&lt;/b&gt;" in html
    assert json.loads(json_for_script("\u2029")) == "\u2029"


def test_page_is_self_contained(page: tuple[Path, dict]) -> None:
    html = page[0].read_text(encoding="utf-8")
    head = html.split('<script type="application/json"', 1)[0]
    for needle in ("<script src", "<link", "@import", "url(http", "//cdn"):
        assert needle not in head
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html and "document.write" not in html


def test_missing_store_and_query_are_one_line_errors(tmp_path: Path, store: Path) -> None:
    from kg.store.local import StoreError

    with pytest.raises(StoreError, match="no store here"):
        write_explorer(tmp_path / "none", tmp_path / "x.html")
    with pytest.raises(ViewError, match=r"people\.rq: cannot read query"):
        write_explorer(store, tmp_path / "x.html", queries_dir=tmp_path)
    assert not (tmp_path / "x.html").exists()


# ---- the page in a browser --------------------------------------------------------------------


#: Debian's Chromium in a container: no sandbox (no user namespaces), no GPU, and nothing that
#: would reach the network on its own (component updates, first-run pages, background fetches).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-extensions", "--disable-quic",
                 "--hide-scrollbars", "--force-device-scale-factor=1"]


class Browser:
    """Playwright on Debian's Chromium, with the few steps the tests repeat: each `open` loads the
    page in a fresh tab (a hash-only change in the same tab would not reload it)."""

    def __init__(self, chromium) -> None:  # noqa: ANN001 - playwright.sync_api.Browser
        self.chromium = chromium
        self.page = None

    def open(self, url: str) -> None:
        if self.page is not None:
            self.page.close()
        self.page = self.chromium.new_page(viewport={"width": 1500, "height": 1150}, device_scale_factor=1)
        self.page.set_default_timeout(30_000)
        self.page.goto(url)
        try:
            self.page.wait_for_function("document.body && document.body.getAttribute('data-ready') === 'true'",
                                        timeout=30_000)
        except Exception as exc:  # playwright's TimeoutError: say what the page reported
            errors = self.eval("String(window.__errors || '')")
            raise TimeoutError(f"the page never became ready: {errors}") from exc

    def eval(self, expression: str):
        return self.page.evaluate(expression)

    def click(self, x: float, y: float) -> None:
        self.page.mouse.click(x, y)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); the browser test needs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield Browser(chromium)
        finally:
            chromium.close()


def test_browser_network_panel_and_arabic_evidence(browser: Browser, page: tuple[Path, dict]) -> None:
    path, data = page
    people = table_dicts(data["tables"]["people"])
    browser.open(path.resolve().as_uri())

    assert browser.eval("document.querySelectorAll('#network g.node').length") == len(people)
    met_pairs = {(r["personA"], r["personB"]) for r in table_dicts(data["tables"]["met"])}
    assert browser.eval("document.querySelectorAll('#network line.edge').length") == len(met_pairs)
    assert browser.eval("document.querySelectorAll('#event-list tbody tr').length") > 0
    assert browser.eval("document.querySelectorAll('#places li[data-place]').length") == len(
        {r["destination"] for r in table_dicts(data["tables"]["visits"])}
    )

    # click (a real mouse event) the person with the most evidence
    evidence = table_dicts(data["tables"]["evidence"])
    counts: dict[str, int] = {}
    for r in evidence:
        counts[r["subject"]] = counts.get(r["subject"], 0) + 1
    person = max((p["person"] for p in people), key=lambda iri: counts.get(iri, 0))
    assert counts.get(person, 0) > 0
    box = browser.eval(
        f"(() => {{ const g = [...document.querySelectorAll('#network g.node')].find(n => n.dataset.iri === {json.dumps(person)});"
        " g.scrollIntoView({block: 'center'}); const r = g.querySelector('circle').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )
    browser.click(*box)
    assert browser.eval("kgExplorer.state.selected") == person

    label = next(p["labelAr"] for p in people if p["person"] == person)
    assert browser.eval("document.querySelector('#panel h2.name-ar').textContent") == label
    shown = browser.eval("[...document.querySelectorAll('#panel .evidence-text')].map(e => e.textContent)")
    assert shown, "the panel shows no evidence sentence"
    bodies = [a.text for a in read_articles([ARTICLES]).articles]
    for text in shown:
        assert any(text in body for body in bodies), text[:60]
    attrs = browser.eval(
        "[...document.querySelectorAll('#panel .evidence-text')].map(e => [e.lang, e.dir, getComputedStyle(e).direction, getComputedStyle(e).fontFamily])"
    )
    for lang, dir_, direction, font in attrs:
        assert (lang, dir_, direction) == ("ar", "rtl", "rtl")
        assert "Arabic" in font
    # evidence metadata: the outlet or "unknown outlet", a date or "date unknown", the article id
    metas = browser.eval("[...document.querySelectorAll('#panel .evidence-meta')].map(e => e.textContent)")
    assert all("article" in m for m in metas)
    assert browser.eval("location.hash").startswith("#select=")

    browser.eval("window.scrollTo(0, 0)")
    browser.screenshot(ROOT / "build" / "explorer.png")

    # selecting an event from the timeline list shows its evidence too
    first_event = browser.eval("document.querySelector('#event-list tbody tr').dataset.iri")
    browser.eval("document.querySelector('#event-list tbody tr').click()")
    assert browser.eval("document.querySelector('#panel .kind').textContent") == "event"
    ev_texts = browser.eval("[...document.querySelectorAll('#panel .evidence-text')].map(e => e.textContent)")
    expected = {r["text"] for r in evidence if r["subject"] == first_event}
    assert set(ev_texts) == expected and expected


def test_browser_filters_and_planned_events(browser: Browser, page: tuple[Path, dict]) -> None:
    path, data = page
    browser.open(path.resolve().as_uri())
    # a country filter hides that country's nodes
    people = table_dicts(data["tables"]["people"])
    country = next(p["country"] for p in people if p["country"])
    n_country = sum(1 for p in people if p["country"] == country)
    browser.eval(f"document.querySelector('#f-countries input[data-country={json.dumps(country)}]').click()")
    hidden = browser.eval("[...document.querySelectorAll('#network g.node')].filter(g => g.style.display === 'none').length")
    assert hidden == n_country
    browser.eval("document.getElementById('f-reset').click()")
    # a date range after every event, without undated ones, leaves no edge and no event row
    browser.eval(
        "(() => { const f = document.getElementById('f-from'); f.value = '2999-01-01'; f.dispatchEvent(new Event('change'));"
        " const u = document.getElementById('f-undated'); u.checked = false; u.dispatchEvent(new Event('change')); })()"
    )
    assert browser.eval("[...document.querySelectorAll('#network line.edge')].filter(l => l.style.display !== 'none').length") == 0
    assert browser.eval("document.querySelectorAll('#event-list tbody tr').length") == 0
    browser.eval("document.getElementById('f-reset').click()")
    # planned events are drawn hollow/dashed, and the #select= hook opens the panel on load
    events = table_dicts(data["tables"]["events"])
    planned = [e for e in events if e["modality"] == "Planned"]
    if planned:
        browser.eval("[...document.querySelectorAll('#types input')].forEach(b => { if (!b.checked) b.click(); })")
        assert browser.eval("document.querySelectorAll('#timeline .mark.planned').length") == len({e["event"] for e in planned})
        assert browser.eval("document.querySelectorAll('#event-list tr.planned').length") == len({e["event"] for e in planned})
    target = events[0]["event"]
    from urllib.parse import quote

    browser.open(path.resolve().as_uri() + "#select=" + quote(target, safe=""))
    assert browser.eval("kgExplorer.state.selected") == target
    assert browser.eval("document.querySelector('#panel .kind').textContent") == "event"
