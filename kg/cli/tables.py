"""Terminal output: the build summary and query result tables (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from kg.build import BuildReport
from kg.store.local import term_text

console = Console()


def print_table(cols: list[str], rows: list[dict], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(term_text(r[c]) for c in cols))
    console.print(table)
    console.print(f"{len(rows)} row(s)")


def print_build_report(report: BuildReport, verbose: bool = True) -> None:
    table = Table(title="kg build", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles built", str(report.articles))
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
