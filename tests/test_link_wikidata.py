"""Online mode against a real local SPARQL server (oxigraph) and a local 429-then-200 server."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from kg.gazetteer import Gazetteer
from kg.link.offline import link_entity
from kg.paths import GAZETTEER, LEXICON, ROOT
from kg.records import EntityRecord, Mention, Role, Span
from kg.link.person_gazetteer import PersonGazetteer
from kg.link.persons import Observation, link_person
from kg.link.wikidata import WikidataClient, link_entity_online, link_person_online, update_gazetteer

OXIGRAPH = ROOT / ".venv" / "bin" / "oxigraph"
S = Span(0, 1)

# Invented items (Q9000xx) shaped like Wikidata: labels, P31/P27, and P39 statements with
# start/end qualifiers. Q796 (Iraq) is filled in from the gazetteer so P27 maps to a country.
FIXTURE = """@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix s: <http://www.wikidata.org/entity/statement/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

wd:Q900001 rdfs:label "مصطفى الكاظمي"@ar, "Mustafa al-Kadhimi"@en ; skos:altLabel "مصطفى عبد اللطيف الكاظمي"@ar ;
    wdt:P31 wd:Q5 ; wdt:P27 wd:{IRAQ} ; p:P39 s:S1 .
s:S1 ps:P39 wd:Q900010 ; pq:P580 "2020-05-07T00:00:00Z"^^xsd:dateTime ; pq:P582 "2022-10-27T00:00:00Z"^^xsd:dateTime .

wd:Q900002 rdfs:label "محمد شياع السوداني"@ar, "Mohammed Shia al-Sudani"@en ; wdt:P31 wd:Q5 ; wdt:P27 wd:{IRAQ} ;
    p:P39 s:S2, s:S3 .
s:S2 ps:P39 wd:Q900010 ; pq:P580 "2022-10-27T00:00:00Z"^^xsd:dateTime .
s:S3 ps:P39 wd:Q900011 ; pq:P580 "2014-09-08T00:00:00Z"^^xsd:dateTime ; pq:P582 "2016-08-15T00:00:00Z"^^xsd:dateTime .

wd:Q900003 rdfs:label "مصطفى الكاظمي"@ar ; wdt:P31 wd:Q900099 .

wd:Q900004 rdfs:label "علي ناصر"@ar ; wdt:P31 wd:Q5 ; wdt:P27 wd:Q900050 .
wd:Q900005 rdfs:label "علي ناصر"@ar ; wdt:P31 wd:Q5 ; wdt:P27 wd:{IRAQ} .

wd:Q900010 rdfs:label "رئيس وزراء العراق"@ar, "Prime Minister of Testland"@en .
wd:Q900011 rdfs:label "وزير حقوق الإنسان"@ar .
"""


def _gazetteer_copy(tmp_path: Path, *rows: str) -> Path:
    """The shipped gazetteer with positions.tsv cut to its verified rows plus `rows`: an update asks
    the endpoint about every position there, and the 1,300 derived ones are not in the fixture."""
    gaz_dir = tmp_path / "gaz"
    shutil.copytree(GAZETTEER, gaz_dir)
    path = gaz_dir / "positions.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if not ln.endswith("\tpersons.json")]
    path.write_text("\n".join(kept + list(rows)) + "\n", encoding="utf-8")
    return gaz_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def iraq() -> str:
    return Gazetteer.load().iso_to_qid("IQ")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, iraq: str):
    if not OXIGRAPH.exists():
        pytest.skip("oxigraph server not installed in .venv")
    base = tmp_path_factory.mktemp("oxi")
    ttl = base / "fixture.ttl"
    ttl.write_text(FIXTURE.replace("{IRAQ}", iraq), encoding="utf-8")
    store = base / "store"
    subprocess.run([str(OXIGRAPH), "load", "--location", str(store), "--file", str(ttl)],
                   check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("oxigraph serve exited at start")
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph did not become ready")
        yield url + "/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_search_label_by_kind(endpoint: str, tmp_path: Path, iraq: str) -> None:
    client = WikidataClient(endpoint, tmp_path / "cache")
    people = client.search_label("مصطفى الكاظمي", "person")
    assert [i.qid for i in people] == ["Q900001"]  # Q900003 has the name but is not a human
    assert people[0].label_en == "Mustafa al-Kadhimi" and people[0].citizenship == (iraq,)
    assert {i.qid for i in client.search_label("مصطفى الكاظمي")} == {"Q900001", "Q900003"}
    # Aliases count too.
    assert [i.qid for i in client.search_label("مصطفى عبد اللطيف الكاظمي", "person")] == ["Q900001"]
    assert client.search_label("شخص غير موجود", "person") == []


def test_positions_held_and_holder_on(endpoint: str, tmp_path: Path) -> None:
    client = WikidataClient(endpoint, tmp_path / "cache")
    held = client.positions_held("Q900002")
    assert {(h.position, h.start[:10], h.end) for h in held} == {
        ("Q900010", "2022-10-27", None), ("Q900011", "2014-09-08", "2016-08-15T00:00:00Z"),
    }
    assert client.holder_on("Q900010", date(2021, 6, 10)) == ["Q900001"]
    assert client.holder_on("Q900010", date(2025, 9, 16)) == ["Q900002"]
    assert client.holder_on("Q900010", date(2019, 1, 1)) == []
    assert client.holder_on("Q900011", date(2025, 9, 16)) == []


def test_second_run_uses_cache_only(endpoint: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = WikidataClient(endpoint, cache)
    a = (first.search_label("مصطفى الكاظمي", "person"), first.holder_on("Q900010", date(2021, 6, 10)))
    assert first.requests_sent >= 2
    files = sorted(p.name for p in cache.glob("*.json"))
    assert files and not list(cache.glob("*.tmp"))
    second = WikidataClient(endpoint, cache)
    b = (second.search_label("مصطفى الكاظمي", "person"), second.holder_on("Q900010", date(2021, 6, 10)))
    assert a == b
    assert second.requests_sent == 0
    assert sorted(p.name for p in cache.glob("*.json")) == files


def test_online_linking_uses_office_and_date(endpoint: str, tmp_path: Path) -> None:
    gaz_dir = _gazetteer_copy(tmp_path, "national_security_adviser\tIQ\tQ900010\ttest fixture")
    gaz = Gazetteer.load(gaz_dir, LEXICON)
    client = WikidataClient(endpoint, tmp_path / "cache")
    # The invented position stands for an Iraqi office (positions.tsv already maps the real PM one).
    office = Role("", "national_security_adviser", "", "IQ", S, S)
    kadhimi = EntityRecord("p1", "Person", "مصطفى الكاظمي", [Mention("مصطفى الكاظمي", S, S)], [office], "IQ")
    assert link_entity(kadhimi, date(2021, 6, 10), gaz) is None  # offline gazetteer does not know him
    r = link_entity_online(kadhimi, date(2021, 6, 10), gaz, client)
    assert r is not None and r.qid == "Q900001" and r.method == "endpoint-position"
    assert r.source == endpoint
    # Two humans called «علي ناصر»: the article says Iraqi, only one is.
    nasser = EntityRecord("p2", "Person", "علي ناصر", [Mention("علي ناصر", S, S)], [], "IQ")
    r = link_entity_online(nasser, None, gaz, client)
    assert r is not None and r.qid == "Q900005" and r.method == "endpoint-label"
    # Nothing said about his country: two candidates, abstain.
    nasser.country = None
    assert link_entity_online(nasser, None, gaz, client) is None


def test_update_gazetteer_writes_endpoint_rows(endpoint: str, tmp_path: Path) -> None:
    gaz_dir = _gazetteer_copy(tmp_path, "prime_minister\tIQ\tQ900010\ttest fixture")
    stats = update_gazetteer(endpoint, gaz_dir, cache_dir=tmp_path / "cache",
                             names=[("علي ناصر", "person")])
    assert stats["persons added"] == 2  # both holders of the invented position
    assert stats["names added"] == 0  # two «علي ناصر»: not added
    text = (gaz_dir / "entities.tsv").read_text(encoding="utf-8")
    row = next(ln.split("\t") for ln in text.splitlines() if ln.startswith("Q900001\t"))
    header = text.splitlines()[0].split("\t")
    row = dict(zip(header, row))
    assert row["source"] == endpoint and row["country"] == "IQ" and row["kind"] == "person"
    assert "مصطفى عبد اللطيف الكاظمي" in row["forms_ar"].split("|")
    # The offline linker now knows him, and says where the row came from.
    gaz = Gazetteer.load(gaz_dir, LEXICON)
    ent = EntityRecord("p1", "Person", "مصطفى الكاظمي", [Mention("مصطفى الكاظمي", S, S)], [], None)
    r = link_entity(ent, None, gaz)
    assert r is not None and r.qid == "Q900001" and r.source == endpoint
    # The real rows are untouched.
    assert "Q3700793\t" in text


def test_online_title_alone_is_inferred_from_office_and_date(endpoint: str, tmp_path: Path) -> None:
    gaz = Gazetteer.load(_gazetteer_copy(tmp_path, "national_security_adviser\tIQ\tQ900010\ttest fixture"), LEXICON)
    client = WikidataClient(endpoint, tmp_path / "cache")
    title = "مستشار الأمن القومي العراقي"
    ent = EntityRecord("p1", "Person", title, [Mention(title, S, S)],
                       [Role(title, "national_security_adviser", "", "IQ", S, S)], "IQ")
    obs = [Observation("national_security_adviser", "IQ", date(2021, 6, 10), title)]
    hit = link_person_online(ent, obs, gaz, client)
    assert hit is not None and hit.qid == "Q900001" and hit.method == "endpoint-office+date-inferred"
    assert hit.name_match == "none" and hit.source == endpoint
    # 2019: nobody held the invented position, so nobody is inferred.
    assert link_person_online(ent, [Observation("national_security_adviser", "IQ", date(2019, 1, 1), title)],
                              gaz, client) is None


def test_update_refreshes_the_person_gazetteer_past_its_snapshot(endpoint: str, tmp_path: Path) -> None:
    """The shipped extract (2022-23) knows al-Sudani only as a minister; the endpoint says he has
    been prime minister since 2022-10-27. After `kg gazetteer update` an offline run links him as
    prime minister in 2025, by office and date."""
    gaz_dir = _gazetteer_copy(tmp_path, "prime_minister\tIQ\tQ900010\ttest fixture")
    sudani = EntityRecord("p1", "Person", "محمد شياع السوداني", [Mention("محمد شياع السوداني", S, S)],
                          [Role("رئيس الوزراء العراقي", "prime_minister", "", "IQ", S, S)], "IQ")
    obs = [Observation("prime_minister", "IQ", date(2025, 9, 16), "رئيس الوزراء العراقي")]
    # Before: the extract's al-Sudani (a minister) was never prime minister; the title contradicts.
    assert link_person(sudani, obs, PersonGazetteer.load(gaz_dir)) is None
    stats = update_gazetteer(endpoint, gaz_dir, cache_dir=tmp_path / "cache")
    assert stats["person gazetteer: persons added"] == 2
    assert stats["person gazetteer: holdings added"] == 2
    pg = PersonGazetteer.load(gaz_dir)
    new = pg.person("Q900002")
    assert new is not None and new.label_ar == "محمد شياع السوداني" and new.source == endpoint
    assert ("Q900010", "2022-10-27", "") in {(h.position, h.start, h.end) for h in new.holdings}
    assert new.as_of == date.today().isoformat()
    position = pg.position("Q900010")
    assert position is not None and (position.office_key, position.iso2) == ("prime_minister", "IQ")
    assert position.label_en == "Prime Minister of Testland"
    hit = link_person(sudani, obs, pg)
    assert hit is not None and hit.qid == "Q900002" and hit.method == "persons-wikidata-label+office+date"
    kadhimi = EntityRecord("p2", "Person", "مصطفى الكاظمي", [Mention("مصطفى الكاظمي", S, S)], [], "IQ")
    # The invented Q900001 and the extract's real al-Kadhimi (Q85317569) both held Iraq's premiership
    # on that day and share the name: two candidates remain, so no link.
    assert {"Q900001", "Q85317569"} <= {m.person.qid for m in pg.match("مصطفى الكاظمي")}
    assert link_person(kadhimi, [Observation("prime_minister", "IQ", date(2021, 6, 10), "رئيس الوزراء")], pg) is None
    # A second update finds nothing new (and asks nothing: the answers are cached).
    again = update_gazetteer(endpoint, gaz_dir, cache_dir=tmp_path / "cache")
    assert again["person gazetteer: persons added"] == 0 and again["person gazetteer: holdings added"] == 0


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers `first_status` (429 with Retry-After: 1) once, then a valid SPARQL JSON result."""

    calls: list[float] = []
    first_status = 429

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).calls.append(time.monotonic())
        if len(type(self).calls) == 1:
            self.send_response(type(self).first_status)
            if type(self).first_status == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"head": {"vars": ["person", "start"]}, "results": {"bindings": [
            {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900001"},
             "start": {"type": "literal", "value": "2020-05-07T00:00:00Z"}},
        ]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_429_honours_retry_after(tmp_path: Path) -> None:
    _Flaky.calls = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        client = WikidataClient(url, tmp_path / "cache")
        assert client.holder_on("Q900010", date(2021, 1, 1)) == ["Q900001"]
        assert len(_Flaky.calls) == 2 and client.requests_sent == 2
        assert _Flaky.calls[1] - _Flaky.calls[0] >= 0.95  # waited as Retry-After said
        again = WikidataClient(url, tmp_path / "cache")
        assert again.holder_on("Q900010", date(2021, 1, 1)) == ["Q900001"]
        assert len(_Flaky.calls) == 2 and again.requests_sent == 0
    finally:
        server.shutdown()
        server.server_close()


def test_5xx_is_retried_with_backoff(tmp_path: Path) -> None:
    _Flaky.calls, _Flaky.first_status = [], 503
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    waits: list[float] = []
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        client = WikidataClient(url, tmp_path / "cache", sleep=waits.append)
        assert client.holders("Q900010")[0].person == "Q900001"
        assert len(_Flaky.calls) == 2 and waits == [1.0]
    finally:
        _Flaky.first_status = 429
        server.shutdown()
        server.server_close()


def test_user_agent_needs_contact(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="contact"):
        WikidataClient("http://127.0.0.1:1/sparql", tmp_path, user_agent="kg")
