"""Terminal output: the build summary and query result tables (rich).

Query tables are for reading, so they show what a person can read (issue 15.12): literals as
they are, IRIs compacted with the project prefixes (`wd:Q649`, `dip:Occurred`), and the opaque
IRIs of the project's own resources (`kgr:person/4bbfd95c…`, a hash) hidden unless asked for:
every canned query gives each such column a label column beside it. The table is drawn to the
terminal's width (80 columns when it is not a terminal).
"""

from __future__ import annotations

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.build import BuildReport, RunStats
from kg.store.export import PREFIXES
from kg.store.local import term_text

class _Console(Console):
    def on_broken_pipe(self) -> None:
        """`kg query … | head`: the reader has what it wanted, so exit 0 (rich exits 1)."""
        import os
        import sys

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


console = _Console()

#: The project's resources (persons, events, spans, graphs): IRIs made of a hash, meaningless to read.
RESOURCE_NS = "https://w3id.org/kg-diplomacy/id/"
TABLE_PREFIXES: dict[str, str] = {**PREFIXES, "kgr": RESOURCE_NS}
_BY_LENGTH = sorted(TABLE_PREFIXES.items(), key=lambda kv: -len(kv[1]))


def compact_iri(iri: str) -> str:
    """`prefix:local` with the longest project namespace the IRI starts with, else the IRI."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def cell_text(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    return term_text(term)


def resource_columns(cols: list[str], rows: list[dict]) -> list[str]:
    """Columns whose every value is an IRI of the project's own resources (hidden by default)."""
    out = []
    for c in cols:
        values = [r[c] for r in rows if r[c] is not None]
        if values and all(isinstance(v, ox.NamedNode) and v.value.startswith(RESOURCE_NS) for v in values):
            out.append(c)
    return out


def print_table(cols: list[str], rows: list[dict], title: str | None = None, *, show_iris: bool = False,
                out: Console | None = None) -> None:
    out = out or console
    hidden = [] if show_iris else resource_columns(cols, rows)
    if len(hidden) == len(cols):  # nothing else to show: show them, compacted
        hidden = []
    shown = [c for c in cols if c not in hidden]
    table = Table(title=title, show_lines=False)
    for c in shown:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(cell_text(r[c]) for c in shown))
    out.print(table)
    note = f"{len(rows)} row(s)"
    if hidden:
        note += f"; not shown: {', '.join(hidden)} (--iris)"
    out.print(note, markup=False)


def print_build_report(report: BuildReport, verbose: bool = True, stats: RunStats | None = None) -> None:
    table = Table(title="kg build", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    if stats is None:
        table.add_row("articles built", str(report.articles))
    else:  # an incremental rebuild of 200 articles with one changed says so (issue 15.13)
        table.add_row("articles read", str(report.articles))
        table.add_row("articles parsed (NLP)", str(stats.extracted))
        if stats.reused:
            table.add_row("articles unchanged (cached)", str(stats.reused))
        if report.store:
            table.add_row("article graphs written", str(stats.written))
    if report.errors:
        table.add_row("files skipped", str(len(report.errors)))
    table.add_row("persons", str(report.persons))
    table.add_row("places", str(report.places))
    table.add_row("organisations", str(report.organisations))
    for etype in sorted(report.events):
        table.add_row(f"events: {etype}", str(report.events[etype]))
    table.add_row("planned/cancelled/denied events", str(report.planned))
    table.add_row("triples written", str(report.triples_written))
    if report.removed:
        table.add_row("graphs removed (--prune: article gone from the input)", str(len(report.removed)))
    if report.kept:
        table.add_row("articles kept from earlier builds (not in this input)", str(len(report.kept)))
    if report.store:
        table.add_row("triples in store", str(report.store_triples))
    table.add_row("SHACL", "conforms" if report.conforms else f"{len(report.invalid)} graph(s) with violations")
    console.print(table)
    if verbose:
        for aid, result in report.invalid.items():
            console.print(f"[bold]{aid}[/bold]")
            console.print(result.format(), markup=False)
    if report.store:
        console.print(f"store: {report.store}")
    if report.out:
        console.print(f"file:  {report.out}")
