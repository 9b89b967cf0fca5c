"""Online mode against a real local SPARQL server (oxigraph), and pytest-httpserver for 429/503."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from conftest import OXIGRAPH, start_oxigraph, stop

from kg.gazetteer import Gazetteer
from kg.link.offline import link_entity
from kg.paths import GAZETTEER, LEXICON
from kg.records import EntityRecord, Mention, Role, Span
from kg.link.person_gazetteer import PersonGazetteer
from kg.link.persons import Observation, link_person
from kg.link.wikidata import WikidataClient, link_entity_online, link_person_online, update_gazetteer

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
    proc, url = start_oxigraph(store, writable=False)
    try:
        yield url + "/query"
    finally:
        stop(proc)


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


HOLDER = json.dumps({"head": {"vars": ["person", "start"]}, "results": {"bindings": [
    {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900001"},
     "start": {"type": "literal", "value": "2020-05-07T00:00:00Z"}},
]}})


def _answer(calls: list[float], status: int, headers: dict[str, str] | None = None):
    def handler(request) -> Response:  # noqa: ANN001 - a werkzeug Request
        calls.append(time.monotonic())
        if status != 200:
            return Response("", status=status, headers=headers or {})
        return Response(HOLDER, status=200, content_type="application/sparql-results+json")
    return handler


def test_429_honours_retry_after(tmp_path: Path, httpserver: HTTPServer) -> None:
    calls: list[float] = []
    httpserver.expect_ordered_request("/sparql", method="GET").respond_with_handler(
        _answer(calls, 429, {"Retry-After": "1"}))
    httpserver.expect_ordered_request("/sparql", method="GET").respond_with_handler(_answer(calls, 200))
    url = httpserver.url_for("/sparql")
    client = WikidataClient(url, tmp_path / "cache")
    assert client.holder_on("Q900010", date(2021, 1, 1)) == ["Q900001"]
    httpserver.check_assertions()
    assert len(calls) == 2 and client.requests_sent == 2
    assert calls[1] - calls[0] >= 0.95  # waited as Retry-After said
    sent = httpserver.log[0][0]
    assert sent.headers["User-Agent"].startswith("kg-diplomacy/") and "https://" in sent.headers["User-Agent"]
    assert "Q900010" in sent.args["query"] and sent.headers["Accept"] == "application/sparql-results+json"
    again = WikidataClient(url, tmp_path / "cache")
    assert again.holder_on("Q900010", date(2021, 1, 1)) == ["Q900001"]
    assert len(calls) == 2 and again.requests_sent == 0


def test_5xx_is_retried_with_backoff(tmp_path: Path, httpserver: HTTPServer) -> None:
    calls: list[float] = []
    httpserver.expect_ordered_request("/sparql").respond_with_handler(_answer(calls, 503))
    httpserver.expect_ordered_request("/sparql").respond_with_handler(_answer(calls, 502))
    httpserver.expect_ordered_request("/sparql").respond_with_handler(_answer(calls, 200))
    client = WikidataClient(httpserver.url_for("/sparql"), tmp_path / "cache", backoff=0.2)
    assert client.holders("Q900010")[0].person == "Q900001"
    httpserver.check_assertions()
    assert len(calls) == 3 and client.requests_sent == 3
    assert calls[2] - calls[1] >= 0.35  # the second retry waits backoff × 2


def test_no_answer_after_the_last_attempt_is_a_one_line_error(tmp_path: Path, httpserver: HTTPServer) -> None:
    from kg.link.wikidata import WikidataError

    httpserver.expect_request("/sparql").respond_with_data("<html><h1>down</h1></html>", status=500)
    client = WikidataClient(httpserver.url_for("/sparql"), tmp_path / "cache", max_attempts=3, backoff=0.01)
    with pytest.raises(WikidataError) as err:
        client.holders("Q900010")
    assert "HTTP 500" in str(err.value) and "after 3 attempts" in str(err.value) and "\n" not in str(err.value)
    assert len(httpserver.log) == 3


def test_names_go_into_queries_as_escaped_literals(tmp_path: Path, httpserver: HTTPServer) -> None:
    """The hand-written escaper raised on a line break; pyoxigraph's literal form escapes it."""
    empty = json.dumps({"head": {"vars": ["item"]}, "results": {"bindings": []}})
    httpserver.expect_request("/sparql").respond_with_data(empty, content_type="application/sparql-results+json")
    client = WikidataClient(httpserver.url_for("/sparql"), tmp_path / "cache")
    assert client.search_label('علي "ناصر"\nالثاني', "person") == []
    query = httpserver.log[0][0].args["query"]
    assert '"علي \\"ناصر\\"\\nالثاني"@ar' in query
    with pytest.raises(ValueError, match="not a QID"):
        client.holders("Q1> } DROP ALL #")


def test_user_agent_needs_contact(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="contact"):
        WikidataClient("http://127.0.0.1:1/sparql", tmp_path, user_agent="kg")


# --- issue 15.7: an endpoint that does not answer ---------------------------------------------------


def _one_article(tmp_path: Path) -> Path:
    from kg.paths import DATA

    folder = tmp_path / "in"
    folder.mkdir()
    first = sorted((DATA / "articles").glob("*.txt"))[0]
    shutil.copy(first, folder)
    return folder


def test_unreachable_endpoint_falls_back_to_the_gazetteer_with_one_warning(tmp_path: Path) -> None:
    """Before: the whole NLP ran, then a traceback."""
    from typer.testing import CliRunner

    from conftest import free_port
    from kg.cli import app
    from kg.store.local import count_triples, open_store

    folder = _one_article(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/sparql"
    res = CliRunner().invoke(app, ["build", str(folder), "--store", str(tmp_path / "s"), "--wikidata-endpoint", url,
                                   "-q"])
    assert res.exit_code == 0, res.output
    warnings = [ln for ln in res.stderr.splitlines() if ln.startswith("kg: warning:")]
    assert len(warnings) == 1 and url in warnings[0] and "offline gazetteer" in warnings[0]
    assert "Traceback" not in res.output
    offline = CliRunner().invoke(app, ["build", str(folder), "--store", str(tmp_path / "o"), "-q"])
    assert offline.exit_code == 0
    assert count_triples(open_store(tmp_path / "s", read_only=True)) == count_triples(
        open_store(tmp_path / "o", read_only=True))


def test_kg_link_with_an_unreachable_endpoint_stops_before_the_nlp(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from conftest import free_port
    from kg.cli import app

    folder = _one_article(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/sparql"
    res = CliRunner().invoke(app, ["link", str(folder), "--store", str(tmp_path / "s"), "--endpoint", url])
    assert res.exit_code == 1
    assert res.stderr.startswith("kg: error: the Wikidata endpoint does not answer") and res.stderr.count("\n") == 1
    assert "refused" in res.stderr.lower()
    assert not (tmp_path / "s").exists()  # nothing was built: the check came first


def test_an_endpoint_that_fails_midway_leaves_the_rest_to_the_gazetteer(httpserver: HTTPServer, tmp_path: Path,
                                                                        iraq: str) -> None:
    from kg.link.stage import link_resolution
    from kg.records import Article, ArticleRecords
    from kg.resolve.blocking import resolve_scalable as resolve_entities

    httpserver.expect_request("/sparql").respond_with_data("<h1>overloaded</h1>", status=500)
    client = WikidataClient(httpserver.url_for("/sparql"), tmp_path / "cache", max_attempts=2, backoff=0.01)
    people = [EntityRecord(f"p{i}", "Person", name, [Mention(name, S, S)], [], "IQ")
              for i, name in enumerate(["علي ناصر", "مصطفى الكاظمي", "محمد شياع السوداني"])]
    recs = ArticleRecords(Article(id="a1", text="x", published=date(2025, 9, 16)), entities=people)
    res = resolve_entities([recs])
    warnings = link_resolution(res, [recs], client=client)
    assert len(warnings) == 1 and "stopped answering" in warnings[0] and "HTTP 500" in warnings[0]
    assert len(httpserver.log) == 2  # one lookup, retried once; then no more requests
    offline = resolve_entities([recs])
    assert link_resolution(offline, [recs]) == []
    assert {e.key: e.wikidata for e in res.unique_entities()} == {e.key: e.wikidata for e in offline.unique_entities()}
