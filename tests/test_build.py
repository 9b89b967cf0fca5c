"""The whole path on the sample articles: build → store → queries → validation, and rebuilds."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build, build_graphs
from kg.build.engine import stored_nquads
from kg.cli import app
from kg.paths import DATA, QUERIES
from kg.rdf.writer import sorted_nquads
from kg.store.local import count_triples, open_store, select, term_text
from kg.store.local import validate_store
from kg.store.export import export_store

ARTICLES = DATA / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("store") / "store"
    out = store.parent / "graph.nq"
    result = build([ARTICLES], store, out)
    return result, store, out


def rows(store: Path, query: str) -> list[dict[str, str]]:
    cols, found = select(open_store(store, read_only=True), (QUERIES / query).read_text(encoding="utf-8"))
    return [{c: term_text(r[c]) for c in cols} for r in found]


def test_every_article_builds_and_conforms(built) -> None:
    result, store, _ = built
    assert result.report.articles == 5 and not result.report.errors
    assert result.report.conforms, {k: v.format() for k, v in result.report.invalid.items()}
    assert all(r.conforms for r in validate_store(store).values())


def test_resolved_graph_is_validated_on_its_own(built) -> None:
    """The _resolved graph (counts of fused events, inferred dates) has no types; dsh:ResolvedEvent
    targets its nodes by those facts, so validating it alone checks something, and a broken
    count is caught."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from kg.rdf.writer import DIP, RESOLVED_GRAPH
    from kg.rdf.validate import validate_graph

    result, _, _ = built
    rg = Graph(identifier=RESOLVED_GRAPH)
    for t in next(g for g in result.graphs if g.identifier == RESOLVED_GRAPH):
        rg.add(t)  # a copy: the fixture's graphs are shared with other tests
    report = validate_graph(rg)
    assert report.conforms, report.format()
    node, count = next(iter(rg.subject_objects(DIP.reportCount)))
    rg.set((node, DIP.outletCount, Literal(int(count) + 1, datatype=XSD.integer)))
    bad = validate_graph(rg)
    assert [str(v.shape).rsplit("#", 1)[1] for v in bad.violations] == ["ResolvedEvent-outlets"]


def test_query_columns_are_the_documented_interface(built) -> None:
    _, store, _ = built
    expected = {
        "meetings.rq": ["meeting", "date", "place", "placeLabel", "person", "personLabel", "personWikidata", "article"],
        "met_with.rq": ["personA", "personALabel", "personB", "personBLabel", "date", "meeting"],
        "visits.rq": ["visit", "visitor", "visitorLabel", "destination", "destinationLabel", "destinationWikidata", "date", "article"],
        "people.rq": ["person", "labelAr", "labelEn", "altLabels", "wikidata", "country"],
        "roles.rq": ["person", "personLabel", "position", "positionLabel", "country", "date", "article"],
        "events_by_source.rq": ["event", "type", "article", "outlet", "published"],
        "office_holders.rq": ["person", "personLabel", "wikidata", "position", "positionLabel", "source", "from",
                              "until", "observedOn", "article"],
    }
    for name, cols in expected.items():
        got, _ = select(open_store(store, read_only=True), (QUERIES / name).read_text(encoding="utf-8"))
        assert got == cols, name
        assert (QUERIES / name).read_text(encoding="utf-8").startswith("#"), f"{name} lacks a header comment"


def test_one_visit_to_baghdad_reported_by_four_outlets(built) -> None:
    _, store, _ = built
    baghdad = [r for r in rows(store, "visits.rq") if r["destinationLabel"] == "Baghdad" and "شويغو" in r["visitorLabel"]]
    assert len(baghdad) == 1
    visit = baghdad[0]
    assert visit["date"] == "2025-09-16"
    assert len(visit["article"].split("|")) == 4
    assert visit["destinationWikidata"].endswith("/Q1530")
    outlets = {r["outlet"] for r in rows(store, "events_by_source.rq") if r["event"] == visit["visit"]}
    assert {"Kurdistan24", "Shafaq News"} <= outlets


def test_people_keep_every_spelling(built) -> None:
    _, store, _ = built
    shoigu = [r for r in rows(store, "people.rq") if r["wikidata"].endswith("/Q32024")]
    assert len(shoigu) == 1
    variants = set(shoigu[0]["altLabels"].split("|")) | {shoigu[0]["labelAr"]}
    assert {"شويغو", "شويجو", "شويةو"} <= variants


def test_planned_meeting_gives_no_met_edge(built) -> None:
    result, store, _ = built
    pairs = {frozenset((r["personALabel"], r["personBLabel"])) for r in rows(store, "met_with.rq")}
    assert not any("بوتين" in " ".join(p) for p in pairs)  # «اللقاء المرتقب بين السوداني وبوتين»


def test_roles_are_dated_by_article(built) -> None:
    _, store, _ = built
    roles = rows(store, "roles.rq")
    assert any(r["positionLabel"] == "National Security Adviser of Iraq" and r["date"] == "2025-09-16" for r in roles)


def test_rebuild_replaces_rather_than_adds(built, tmp_path: Path) -> None:
    _, store, _ = built
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    before = count_triples(open_store(copy))
    build([ARTICLES], copy)
    assert count_triples(open_store(copy)) == before


def test_same_input_same_nquads(built) -> None:
    _, _, out = built
    again = build_graphs([ARTICLES])
    assert "\n".join(stored_nquads(sorted_nquads(again.graphs))) + "\n" == out.read_text(encoding="utf-8")


# --- issue 15.4: `build --out` holds the store's terms, the same bytes every run, mode 0644 --------


def test_out_holds_exactly_the_terms_of_the_store(built, tmp_path: Path) -> None:
    """Before: 470 of 2,537 quads differed (xsd:nonNegativeInteger vs xsd:integer, "0.90" vs "0.9")."""
    _, store, out = built
    exported = tmp_path / "export.nq"
    export_store(store, "nquads", exported)
    assert sorted(exported.read_text(encoding="utf-8").splitlines()) == out.read_text(encoding="utf-8").splitlines()
    text = out.read_text(encoding="utf-8")
    assert "XMLSchema#nonNegativeInteger" not in text and '"0.90"^^' not in text


def test_out_file_mode_is_0644_like_export(built) -> None:
    _, _, out = built
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 & ~umask


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_out_is_the_same_bytes_whatever_order_the_triples_come_in(tmp_path: Path, suffix: str) -> None:
    """rdflib emits a graph's triples in hash order, which changes from run to run (TriG was not
    byte-identical between two runs of the same input)."""
    from kg.build.engine import _OutFile

    g = "<https://w3id.org/kg-diplomacy/id/graph/a>"
    lines = [f"<https://w3id.org/kg-diplomacy/id/s{i}> <https://w3id.org/kg-diplomacy/ontology#n> "
             f'"{i}"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> {g} .' for i in range(30)]
    written = []
    for k, order in enumerate((lines, lines[::-1], lines[7:] + lines[:7])):
        f = _OutFile(tmp_path / f"o{k}{suffix}", tmp_path / f"w{k}")
        f.add(["\n".join(order) + "\n"])
        f.close()
        written.append((tmp_path / f"o{k}{suffix}").read_bytes())
    assert written[0] == written[1] == written[2]
    assert b"nonNegativeInteger" not in written[0]  # the store's terms: xsd:integer


def test_two_builds_in_separate_processes_write_identical_trig(tmp_path: Path) -> None:
    kg = Path(sys.executable).parent / "kg"
    one = [shutil.copy(ARTICLES / n, tmp_path) for n in sorted(p.name for p in ARTICLES.glob("*.txt"))[:2]]
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.trig"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([str(kg), "build", *one, "--store", str(tmp_path / f"s{seed}"), "--out", str(out), "-q"],
                       check=True, env=env, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_out_with_an_unknown_extension_is_refused_before_the_build(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["build", str(ARTICLES), "--store", str(tmp_path / "store"),
                                   "--out", str(tmp_path / "x.json"), "-q"])
    assert res.exit_code == 1
    assert res.stderr.startswith("kg: error: --out") and "'.json'" in res.stderr and res.stderr.count("\n") == 1
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "store").exists()
    ok = CliRunner().invoke(app, ["build", str(ARTICLES / sorted(p.name for p in ARTICLES.glob("*.txt"))[0]),
                                  "--store", str(tmp_path / "s2"), "--out", str(tmp_path / "G.NQ"), "-q"])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "G.NQ").read_text(encoding="utf-8").count(" .\n") > 10  # N-Quads, whatever the case


def test_every_event_points_to_its_sentence(built) -> None:
    result, _, _ = built
    for rec in result.records:
        for ev in rec.events:
            sentence = rec.article.text[ev.evidence.start : ev.evidence.end]
            assert ev.trigger in sentence
        for ent in rec.entities:
            for m in ent.mentions:
                assert rec.article.text[m.span.start : m.span.end] == m.text


def test_cli_skips_bad_files_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLES / sorted(p.name for p in ARTICLES.glob("*.txt"))[0], folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    res = CliRunner().invoke(app, ["build", str(folder), "--store", str(tmp_path / "store"), "-q"])
    assert res.exit_code == 3
    assert "broken.txt" in res.output


def test_cli_query_formats(built) -> None:
    _, store, _ = built
    runner = CliRunner()
    csv = runner.invoke(app, ["query", str(QUERIES / "visits.rq"), "--store", str(store), "--format", "csv"])
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("visit,visitor,visitorLabel")
    js = runner.invoke(app, ["query", str(QUERIES / "people.rq"), "--store", str(store), "--format", "json"])
    assert js.exit_code == 0 and '"vars"' in js.output and '"bindings"' in js.output
    bad = runner.invoke(app, ["query", str(QUERIES / "people.rq"), "--store", str(store / "nope")])
    assert bad.exit_code == 1


def test_eval_on_gold(built) -> None:
    _, store, _ = built
    from kg.evaluate import evaluate_articles

    scores = evaluate_articles(ARTICLES, DATA / "gold", store=store).as_dict()
    assert scores["persons"]["f1"] > 0.8


# --- issue 15.13: what a failed or partial build leaves and says --------------------------------


def test_a_build_that_reads_nothing_leaves_no_store_directory(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for inp in (tmp_path / "no-such-folder", empty):
        res = CliRunner().invoke(app, ["build", str(inp), "--store", str(tmp_path / "new-store"), "-q"])
        assert res.exit_code == 2 and "no article could be read" in res.stderr
        assert not (tmp_path / "new-store").exists()


def test_a_one_article_rebuild_reports_one_article_parsed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = sorted(p.name for p in ARTICLES.glob("*.txt"))[:3]
    for n in names:
        shutil.copy(ARTICLES / n, folder)
    store = tmp_path / "store"
    assert CliRunner().invoke(app, ["build", str(folder), "--store", str(store), "-q"]).exit_code == 0
    changed = folder / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nوقال المتحدث إن الزيارة ناجحة.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(folder), "--store", str(store), "-q"])
    assert res.exit_code == 0, res.output
    row = {ln.split("│")[1].strip(): ln.split("│")[2].strip() for ln in res.stdout.splitlines() if ln.count("│") == 3}
    assert row["articles read"] == "3" and row["articles parsed (NLP)"] == "1"
    assert row["articles unchanged (cached)"] == "2"
    assert 1 <= int(row["article graphs written"]) <= 3


def test_every_exit_code_of_the_cli_is_documented_in_the_readme() -> None:
    """Issue 15.13: exit code 2 was used but documented nowhere."""
    import re

    from kg.paths import ROOT

    cli = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg" / "cli").glob("*.py"))
    found = re.findall(r"(?:Exit|SystemExit)\((\d)\)|_fail\([^)]*, (\d)\)", cli)
    used = {int(a or b) for a, b in found}
    used |= {1, 2}  # _fail's default, and click's usage errors
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(c) for c in re.findall(r"^\| (\d) \|", section, flags=re.M)}
    assert used and used <= documented, (used, documented)


def test_a_place_the_extract_lacks_gets_both_labels_and_no_wikidata_link(tmp_path: Path) -> None:
    # data/lexicon/places_extra.tsv: Sochi has no QID here, so no owl:sameAs, but an English label
    src = tmp_path / "articles"
    src.mkdir()
    (src / "001_sochi.txt").write_text(
        "date: 2024-05-14\noutlet: Test\n\nالتقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في سوتشي أمس.\n",
        encoding="utf-8")
    store = tmp_path / "store"
    result = build([src], store, tmp_path / "graph.nq")
    assert result.report.conforms
    query = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?en (COUNT(?same) AS ?links) WHERE { GRAPH ?g { ?p rdfs:label "سوتشي"@ar ; rdfs:label ?en .
        FILTER(LANG(?en) = "en") OPTIONAL { ?p owl:sameAs ?same } } } GROUP BY ?en"""
    cols, found = select(open_store(store, read_only=True), query)
    assert [(term_text(r["en"]), term_text(r["links"])) for r in found] == [("Sochi", "0")]
