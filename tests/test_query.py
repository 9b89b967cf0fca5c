"""`kg query`: W3C results written by pyoxigraph (issue 18), ASK and CONSTRUCT, one-line syntax
errors, readable tables (issue 15.12) and `| head` (issue 15.13)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rich.console import Console
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.tables import compact_iri, print_table
from kg.paths import QUERIES
from kg.store.local import select

KGR = "https://w3id.org/kg-diplomacy/id/"
DIP = "https://w3id.org/kg-diplomacy/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TRICKY = 'قال: "نعم, لا"\nسطر ثان'

SELECT = f"""SELECT ?person ?label ?mention ?wikidata WHERE {{
  ?person <{LABEL}> ?label . OPTIONAL {{ ?person <{DIP}mention> ?mention }}
  OPTIONAL {{ ?person <{DIP}wikidata> ?wikidata }}
}} ORDER BY ?label"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "store"
    st = ox.Store(str(path))
    n = ox.NamedNode
    g = n(f"{KGR}graph/a")
    quads = []
    for i, name in enumerate(["محمد شياع السوداني", "سيرغي شويغو", TRICKY]):
        p = n(f"{KGR}person/{'%016x' % (i * 7919 + 12345)}")
        quads.append(ox.Quad(p, n(LABEL), ox.Literal(name, language="ar"), g))
        quads.append(ox.Quad(p, n(f"{DIP}wikidata"), n(f"http://www.wikidata.org/entity/Q{649 + i}"), g))
    first = quads[0].subject
    quads.append(ox.Quad(first, n(f"{DIP}mention"), ox.BlankNode("m1"), g))
    quads.append(ox.Quad(ox.BlankNode("m1"), n("http://www.w3.org/ns/oa#exact"), ox.Literal("السوداني", language="ar"), g))
    st.extend(quads)
    st.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)  # the union, as kg build keeps it
    st.flush()
    del st
    return path


def kg(store: Path, *args: str, query: str | None = None, tmp: Path | None = None):
    qfile = (tmp or store.parent) / "q.rq"
    if query is not None:
        qfile.write_text(query, encoding="utf-8")
    return CliRunner().invoke(app, ["query", str(qfile), "--store", str(store), *args])


def direct(store: Path, sparql: str) -> list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]:
    cols, rows = select(ox.Store.read_only(str(store)), sparql)
    return [[r[c] for c in cols] for r in rows]


# --- SELECT in the W3C formats --------------------------------------------------------------------


def test_csv_writes_blank_nodes_as_bnode_labels_and_escapes_literals(store: Path) -> None:
    res = kg(store, "-f", "csv", query=SELECT)
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout, newline="")))
    assert rows[0] == ["person", "label", "mention", "wikidata"]
    mentions = [r[2] for r in rows[1:] if r[2]]
    assert mentions and all(m.startswith("_:") for m in mentions)  # W3C CSV: `_:b1`, not `b1`
    assert TRICKY in [r[1] for r in rows]  # comma, quotes and the line break survive
    assert res.stdout_bytes.endswith(b"\r\n")


@pytest.mark.parametrize("fmt", ["tsv", "json", "xml"])
def test_tsv_json_xml_parse_back_to_the_same_terms(store: Path, fmt: str) -> None:
    res = kg(store, "-f", fmt, query=SELECT)
    assert res.exit_code == 0, res.output
    parsed = ox.parse_query_results(res.stdout_bytes, format=getattr(ox.QueryResultsFormat, fmt.upper()))
    got = [[sol[i] for i in range(4)] for sol in parsed]
    want = direct(store, SELECT)
    assert len(got) == len(want) == 3
    # blank node labels are the writer's; every other term is the same term
    assert [[t for t in r if not isinstance(t, ox.BlankNode)] for r in got] == [
        [t for t in r if not isinstance(t, ox.BlankNode)] for r in want]
    assert sum(isinstance(t, ox.BlankNode) for r in got for t in r) == 1


def test_unknown_format_and_graph_format_for_select_are_refused(store: Path) -> None:
    bad = kg(store, "-f", "yaml", query=SELECT)
    assert bad.exit_code == 1 and bad.stderr.startswith("kg: error: --format must be one of table, csv, tsv")
    turtle = kg(store, "-f", "turtle", query=SELECT)
    assert turtle.exit_code == 1 and "gives results, not triples" in turtle.stderr
    assert turtle.stderr.count("\n") == 1


# --- ASK and CONSTRUCT ------------------------------------------------------------------------------


def test_ask_in_table_json_and_csv(store: Path) -> None:
    ask = f'ASK {{ ?p <{LABEL}> "سيرغي شويغو"@ar }}'
    assert kg(store, query=ask).stdout == "true\n"
    assert json.loads(kg(store, "-f", "json", query=ask).stdout) == {"head": {}, "boolean": True}
    assert kg(store, "-f", "csv", query=ask.replace("شويغو", "لافروف")).stdout == "false\n"
    xml = kg(store, "-f", "xml", query=ask).stdout_bytes
    assert bool(ox.parse_query_results(xml, format=ox.QueryResultsFormat.XML)) is True


CONSTRUCT = f"CONSTRUCT {{ ?p <{LABEL}> ?l }} WHERE {{ ?p <{LABEL}> ?l }}"


@pytest.mark.parametrize(("fmt", "rdf"), [("table", ox.RdfFormat.TURTLE), ("turtle", ox.RdfFormat.TURTLE),
                                          ("ntriples", ox.RdfFormat.N_TRIPLES), ("json", ox.RdfFormat.JSON_LD),
                                          ("xml", ox.RdfFormat.RDF_XML)])
def test_construct_as_rdf(store: Path, fmt: str, rdf: ox.RdfFormat) -> None:
    res = kg(store, "-f", fmt, query=CONSTRUCT)
    assert res.exit_code == 0, res.output
    got = {(t.subject, t.predicate, t.object) for t in ox.parse(res.stdout_bytes, format=rdf)}
    want = {(t.subject, t.predicate, t.object) for t in ox.Store.read_only(str(store)).query(CONSTRUCT)}
    assert got == want and len(got) == 3
    assert res.stdout.endswith("\n")


def test_construct_as_csv_rows(store: Path) -> None:
    res = kg(store, "-f", "csv", query=CONSTRUCT)
    rows = list(csv.reader(io.StringIO(res.stdout, newline="")))
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 4
    assert {r[2] for r in rows[1:]} >= {TRICKY, "سيرغي شويغو"}


# --- errors ----------------------------------------------------------------------------------------


def test_syntax_error_is_one_short_line(store: Path) -> None:
    """Before: the first line listed every token oxigraph would accept (~600 characters)."""
    res = kg(store, query="SELECT ?x WHERE { ?x ?y ")
    assert res.exit_code == 1
    line = res.stderr
    assert line.count("\n") == 1 and len(line) < 160, line
    assert ":1:25: SPARQL syntax error at the end of the query" in line
    res = kg(store, query="SELECT ?x WHERE {\n  ?x a <http://x/C> \n  ?x <http://x/p>\n}\n")
    assert res.exit_code == 1 and res.stderr.count("\n") == 1 and "SPARQL syntax error" in res.stderr


# --- tables (issue 15.12) ----------------------------------------------------------------------------


def _render(cols, rows, **kw) -> str:
    buf = io.StringIO()
    print_table(cols, rows, title="t", out=Console(file=buf, width=80, color_system=None), **kw)
    return buf.getvalue()


def test_table_shows_labels_and_compact_iris_within_80_columns(store: Path) -> None:
    cols, rows = select(ox.Store.read_only(str(store)), SELECT)
    text = _render(cols, rows)
    assert "https://" not in text and "http://" not in text
    assert "wd:Q649" in text and "سيرغي شويغو" in text
    assert "not shown: person (--iris)" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert len(text.splitlines()) <= 16  # 3 rows, a few lines each at most
    shown = _render(cols, rows, show_iris=True)
    assert "kgr:person/" in shown and "https://w3id.org" not in shown


def test_canned_query_tables_fit_80_columns(tmp_path_factory: pytest.TempPathFactory) -> None:
    """On the built sample store: full IRIs wrapped to 5–10 lines per row before."""
    from kg.build import build
    from kg.paths import DATA

    path = tmp_path_factory.mktemp("canned") / "store"
    build([DATA / "articles"], path, retain=False)
    st = ox.Store.read_only(str(path))
    for name in ("visits.rq", "met_with.rq", "people.rq"):
        cols, rows = select(st, (QUERIES / name).read_text(encoding="utf-8"))
        text = _render(cols, rows)
        assert "https://w3id.org" not in text, name
        assert max(len(line) for line in text.splitlines()) <= 80, name
    assert compact_iri("http://www.wikidata.org/entity/Q649") == "wd:Q649"
    assert compact_iri("http://example.org/x") == "http://example.org/x"


# --- pipes (issue 15.13) ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["export", "--format", "nquads"], ["query", "ALL"], ["query", "ALL", "-f", "csv"]])
def test_output_into_head_exits_0_without_broken_pipe(store: Path, args: list[str]) -> None:
    exe = Path(sys.executable).parent / "kg"
    if not exe.is_file():
        pytest.skip("the kg console script is not installed")
    many = store.parent / "many"
    if not many.exists():
        st = ox.Store(str(many))
        n = ox.NamedNode
        st.extend(ox.Quad(n(f"{KGR}person/{i:016x}"), n(LABEL), ox.Literal(f"اسم {i}", language="ar"),
                          n(f"{KGR}graph/g{i % 7}")) for i in range(4000))
        st.extend(ox.Quad(n(f"{KGR}person/{i:016x}"), n(LABEL), ox.Literal(f"اسم {i}", language="ar")) for i in range(4000))
        st.flush()
        del st
    everything = store.parent / "all.rq"
    everything.write_text(f"SELECT ?s ?l WHERE {{ ?s <{LABEL}> ?l }}", encoding="utf-8")
    args = [str(everything) if a == "ALL" else a for a in args]
    cmd = " ".join([str(exe), *args, "--store", str(many)]) + " | head -n 2 > /dev/null"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Broken pipe" not in done.stderr and done.stderr == ""
