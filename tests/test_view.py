"""The explorer page: its data block matches the queries, and a real browser can use it.

The browser test drives Debian's Chromium headless over the DevTools protocol on a pipe
(`--remote-debugging-pipe`: JSON messages ending in NUL on file descriptors 3 and 4), so it needs
no extra Python package and nothing is downloaded. It clicks a person node with a real mouse
event, reads the Arabic evidence shown in the side panel, checks it against the article bodies,
and saves a screenshot to build/explorer.png for a person to look at.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select as _select
import shutil
import subprocess
import time
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


class Chromium:
    """A headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        to_r, self._to_w = os.pipe()          # we write commands, Chromium reads them on fd 3
        self._from_r, from_w = os.pipe()      # Chromium writes replies on fd 4
        # out of the way of 3 and 4 so the dup2 calls in the child cannot clobber each other
        hi_r, hi_w = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100) for fd in (to_r, from_w))
        os.close(to_r)
        os.close(from_w)

        def wire() -> None:
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
            f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
        ]
        # close_fds=False: the default would close 3 and 4 after wire() ran; Python's own
        # descriptors are close-on-exec anyway. stderr to a file: a full pipe would stall Chromium.
        profile.mkdir(parents=True, exist_ok=True)
        self.log = profile / "chromium.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                args, preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL, stderr=log
            )
        os.close(hi_r)
        os.close(hi_w)
        self._buf = b""
        self._id = 0
        self.session: str | None = None

    def send(self, method: str, params: dict | None = None, *, session: bool = True, timeout: float = 30) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not _select.select([self._from_r], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe: " + self.log.read_text(errors="replace")[-2000:])
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def open(self, url: str, width: int = 1500, height: int = 1150) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + 30
        while self.eval("document.body && document.body.getAttribute('data-ready')") != "true":
            if time.monotonic() > deadline:
                raise TimeoutError("the page never became ready: " + str(self.eval("String(window.__errors || '')")))
            time.sleep(0.1)

    def eval(self, expression: str):
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression}: {res['exceptionDetails'].get('exception', {}).get('description')}")
        return res["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)
        os.close(self._from_r)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); the browser test needs it")
    b = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def test_browser_network_panel_and_arabic_evidence(browser: Chromium, page: tuple[Path, dict]) -> None:
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


def test_browser_filters_and_planned_events(browser: Chromium, page: tuple[Path, dict]) -> None:
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
