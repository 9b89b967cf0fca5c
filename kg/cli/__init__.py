"""The `kg` command line: parses arguments and calls library functions (tests call those too)."""

from __future__ import annotations

import typer

HELP = """Build a knowledge graph of diplomacy (meetings, visits, calls, statements, agreements and
who holds which office) from Arabic news articles, then query, view, check and share it.

Start with `kg build data/articles`, then `kg query queries/visits.rq` or `kg view`.
`kg COMMAND --help` tells more about each command. Paths are relative to the current folder."""

# Plain (click) help: typer's rich panels print a type after every flag (`--quiet <bool>`).
app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP, rich_markup_mode=None)


# --- build, query, validate, eval (core) -------------------------------------------------------
import contextlib as _contextlib  # noqa: E402
import pathlib as _pathlib  # noqa: E402
import sys as _sys  # noqa: E402

#: Relative to the folder `kg` runs in, like every other default path of the command line.
DEFAULT_STORE = _pathlib.Path("build/store")


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"kg: error: {' '.join(message.split())}", err=True)
    return typer.Exit(code)


@_contextlib.contextmanager
def _sigterm_as_exit():
    """SIGTERM (kill, a supervisor) unwinds like Ctrl-C while inside, so a build removes its
    temporary files; the previous handler is put back after."""
    import signal

    def _exit(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, _exit)
    except ValueError:  # not the main thread (tests calling the command in a thread)
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _warn_unfinished(store: _pathlib.Path) -> None:
    from kg.store.state import unfinished_warning

    line = unfinished_warning(store)
    if line:
        typer.echo(f"kg: {line}", err=True)


@app.command("build", short_help="Build article files into the store: one graph per article.")
def build_cmd(
    paths: list[_pathlib.Path] = typer.Argument(..., metavar="PATH", help="Article files (.txt, .jsonl, .jsonl.gz) or folders of them."),
    store: _pathlib.Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="Embedded store directory."),
    out: _pathlib.Path | None = typer.Option(None, "--out", help="Also write the graphs to FILE.trig or FILE.nq."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline directory, or 'blank' for no NER."),
    fast: bool = typer.Option(False, "--fast", help="Use the CNN pipeline (models/ner) even when a transformer one is shipped."),
    wikidata_endpoint: str | None = typer.Option(
        None, "--wikidata-endpoint", help="Also link through this Wikidata-shaped SPARQL endpoint (cached)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for spaCy, extraction, RDF and SHACL."),
    full: bool = typer.Option(False, "--full", help="Ignore the incremental manifest: redo every article."),
    prune: bool = typer.Option(False, "--prune", help="Remove the graphs of articles no longer in the input (never when a file cannot be read)."),
) -> None:
    """Build the graph of the articles into the store: one named graph per article.

    Incremental: unchanged articles are not parsed again (manifest in STORE/kg-build). Articles
    of earlier builds that are not in PATHS stay in the store unless --prune."""
    from kg.build import build
    from kg.cli.tables import print_build_report
    from kg.store.local import StoreError

    try:
        with _sigterm_as_exit():
            result = build(
                paths, store, out, model=model, wikidata_endpoint=wikidata_endpoint,
                jobs=jobs, retain=False, incremental=not full, prune=prune,
                on_notice=lambda line: typer.echo(f"kg: {line}", err=True),
            )
    except (StoreError, OSError, ValueError) as exc:
        raise _fail(str(exc)) from None
    report = result.report
    for item in report.ignored:
        typer.echo(f"kg: ignored {item}", err=True)
    for warning in report.warnings:
        typer.echo(f"kg: warning: {' '.join(warning.split())}", err=True)
    for err in report.errors:
        typer.echo(f"kg: skipped {err}", err=True)
    print_build_report(report, verbose=not quiet, stats=result.stats)
    if report.articles == 0:
        raise _fail("no article could be read; the store was left as it was", 2)
    if report.errors:
        raise typer.Exit(3)


def _stdout_gone() -> typer.Exit:
    """The reader of stdout went away (`kg export | head`): stop quietly with status 0.

    stdout is pointed at /dev/null so that the interpreter's last flush does not fail again and
    print "Broken pipe" (the recipe of the Python documentation, "Note on SIGPIPE").
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, _sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests): nothing to redirect
        pass
    return typer.Exit(0)


class _LastByte:
    """A binary sink that remembers the last byte written through it."""

    def __init__(self, raw) -> None:  # noqa: ANN001 - a binary file
        self.raw, self.last = raw, b""

    def write(self, data: bytes) -> int:
        if data:
            self.last = data[-1:]
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


@app.command("query", short_help="Run a SPARQL query file over the store.")
def query_cmd(
    file: _pathlib.Path = typer.Argument(..., help="A SPARQL query file (.rq): SELECT, ASK, CONSTRUCT or DESCRIBE."),
    store: _pathlib.Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="Embedded store directory."),
    fmt: str = typer.Option(
        "table", "--format", "-f",
        help="table | csv | tsv | json | xml (W3C SPARQL results); CONSTRUCT also turtle | ntriples (json = JSON-LD, xml = RDF/XML).",
    ),
    iris: bool = typer.Option(False, "--iris", help="Show the columns of the project's IRIs in the table (compacted)."),
) -> None:
    """Run a SPARQL query over the store (default graph = union of all article graphs)."""
    import pyoxigraph as ox

    from kg.cli.tables import print_table
    from kg.store.export import PREFIXES
    from kg.store.local import QUERY_FORMATS, StoreError, open_store, run_query, write_result

    if fmt not in QUERY_FORMATS:
        raise _fail(f"--format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}")
    try:
        sparql = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{file}: cannot read query ({exc})") from None
    try:
        result = run_query(open_store(store, read_only=True), sparql)
    except StoreError as exc:
        raise _fail(f"{file}:{exc}" if str(exc)[:1].isdigit() else f"{file}: {exc}") from None
    _warn_unfinished(store)
    try:
        if fmt == "table" and isinstance(result, ox.QueryBoolean):
            typer.echo("true" if bool(result) else "false")
        elif fmt == "table" and isinstance(result, ox.QuerySolutions):
            cols = [v.value for v in result.variables]
            print_table(cols, [{c: sol[c] for c in cols} for sol in result], title=file.name, show_iris=iris)
        else:  # a graph is read as Turtle in a terminal
            sink = _LastByte(_sys.stdout.buffer)
            write_result(result, "turtle" if fmt == "table" else fmt, sink, PREFIXES)
            if sink.last not in (b"", b"\n"):  # some writers end without a line break
                sink.write(b"\n")
        _sys.stdout.flush()
    except BrokenPipeError:
        raise _stdout_gone() from None
    except ValueError as exc:
        raise _fail(f"{file}: {exc}") from None


@app.command("validate", short_help="Check the store (or a file) against the SHACL shapes.")
def validate_cmd(
    file: _pathlib.Path | None = typer.Argument(None, help="A .trig/.nq/.ttl file to validate instead of the store."),
    store: _pathlib.Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="Embedded store directory."),
) -> None:
    """Validate the graph against ontology/shapes.ttl with pyshacl, graph by graph."""
    from kg.store.local import StoreError
    from kg.rdf.validate import validate_file
    from kg.store.local import validate_store

    try:
        results = validate_file(file) if file is not None else validate_store(store)
    except (StoreError, OSError, ValueError) as exc:
        raise _fail(str(exc)) from None
    bad = {name: r for name, r in results.items() if not r.conforms}
    for name, r in bad.items():
        typer.echo(f"{name}:")
        typer.echo(r.format())
    typer.echo(f"{len(results)} graph(s) checked: " + ("all conform" if not bad else f"{len(bad)} do not conform"))
    if bad:
        raise typer.Exit(1)


@app.command("eval", short_help="Score the graph against gold annotations.")
def eval_cmd(
    articles: _pathlib.Path | None = typer.Argument(None, help="Folder of articles (the gold's articles)."),
    gold: _pathlib.Path | None = typer.Argument(None, help="Folder of gold JSON files (shared gold format)."),
    store: _pathlib.Path | None = typer.Option(None, "--store", metavar="DIR", help="Score an existing store instead of building."),
    split: str = typer.Option("all", "--split", help="all, or the tune / check split of the news development set."),
    dev: bool = typer.Option(False, "--dev", help="Samples, tune and check side by side (no ARTICLES/GOLD needed)."),
    misses: bool = typer.Option(True, "--misses/--no-misses", help="List every miss under the scores."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline directory, or 'blank' for no NER."),
) -> None:
    """Score the graph of ARTICLES against the GOLD annotations (persons, met-with, visits, dates, Wikidata)."""
    import json

    from rich.console import Console

    from kg.evaluate import GoldError, dev_columns, evaluate_articles, evaluate_columns
    from kg.evaluate.score import columns_table

    console = Console()
    try:
        if dev:
            results = evaluate_columns(dev_columns(), model=model)
            if as_json:
                typer.echo(json.dumps({k: v.as_dict() for k, v in results.items()}, ensure_ascii=False, indent=1))
            else:
                console.print(columns_table(results))
            return
        if articles is None or gold is None:
            raise _fail("give ARTICLES and GOLD folders, or --dev", 2)
        scores = evaluate_articles(articles, gold, store=store, model=model, split=split)
    except GoldError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(scores.as_dict(), ensure_ascii=False, indent=1))
    else:
        console.print(scores.as_table())
        if misses:
            console.print(scores.misses_table())


# --- linking: kg link, kg gazetteer (issue 5) ---------------------------------------------------
gazetteer_app = typer.Typer(help="Build or extend the offline Wikidata gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@app.command("link", short_help="Build and link the entities to Wikidata.")
def link_cmd(
    paths: list[_pathlib.Path] = typer.Argument(..., help="Article files or folders to build and link."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="A Wikidata-shaped SPARQL endpoint for what the gazetteer lacks."),
    store: _pathlib.Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="Embedded store directory."),
    cache: _pathlib.Path = typer.Option(_pathlib.Path("build/wikidata-cache"), "--cache", help="On-disk answer cache."),
    user_agent: str | None = typer.Option(None, "--user-agent", help="User-Agent sent to the endpoint (with a contact)."),
) -> None:
    """Build the articles and link their entities to Wikidata: offline gazetteer first, then the endpoint."""
    from kg.build import build
    from kg.cli.tables import print_build_report
    from kg.link.wikidata import WikidataError
    from kg.store.local import StoreError

    try:  # linking through the endpoint is what was asked: one that does not answer stops it at once
        result = build(paths, store, wikidata_endpoint=endpoint, wikidata_cache=cache, user_agent=user_agent,
                       wikidata_required=endpoint is not None)
    except (StoreError, OSError, ValueError, WikidataError) as exc:
        raise _fail(str(exc)) from None
    for warning in result.report.warnings:
        typer.echo(f"kg: warning: {' '.join(warning.split())}", err=True)
    print_build_report(result.report, verbose=False, stats=result.stats)
    linked = sum(1 for e in result.resolution.unique_entities() if e.wikidata)
    typer.echo(f"{linked} entities linked to Wikidata")


@gazetteer_app.command("build")
def gazetteer_build_cmd(
    source: _pathlib.Path | None = typer.Option(None, "--source", help="Folder with places.json and verified_entities.json."),
) -> None:
    """Rebuild data/gazetteer from the shared Wikidata extract."""
    import runpy

    from kg.paths import ROOT

    _sys.argv = ["build_gazetteer.py"] + (["--source", str(source)] if source else [])
    runpy.run_path(str(ROOT / "scripts" / "build_gazetteer.py"), run_name="__main__")


@gazetteer_app.command("update")
def gazetteer_update_cmd(
    endpoint: str = typer.Option(..., "--endpoint", help="Wikidata query service or a local mirror."),
    cache: _pathlib.Path = typer.Option(_pathlib.Path("build/wikidata-cache"), "--cache", help="On-disk answer cache."),
) -> None:
    """Write what the endpoint knows (labels, citizenship, offices with dates) into data/gazetteer."""
    from kg.paths import GAZETTEER
    from kg.link.wikidata import update_gazetteer

    try:
        counts = update_gazetteer(endpoint, GAZETTEER, cache_dir=cache)
    except Exception as exc:  # one line for the user whatever the endpoint did
        raise _fail(f"{endpoint}: {exc}") from None
    for k, v in sorted(counts.items()):
        typer.echo(f"{k}: {v}")




# --- explorer page: kg view (issue 8) ------------------------------------------------------------
@app.command("view", short_help="Write the explorer page: one self-contained HTML file.")
def view_cmd(
    store: _pathlib.Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="Embedded store directory."),
    out: _pathlib.Path = typer.Option(_pathlib.Path("build/explorer.html"), "--out", help="The HTML page to write."),
) -> None:
    """Write one self-contained HTML page to explore the graph: network, timeline, places, evidence."""
    from kg.store.local import StoreError
    from kg.view.explorer import ViewError, write_explorer

    try:
        summary = write_explorer(store, out)
    except (StoreError, ViewError, OSError) as exc:
        raise _fail(str(exc)) from None
    _warn_unfinished(store)
    typer.echo(summary.describe())
    typer.echo(summary.out.resolve().as_uri())



# --- stores: kg load, kg serve, kg export (issue 6) --------------------------------------------
# Library modules are imported inside the commands so `kg --help` stays fast and a missing
# optional piece (the oxigraph CLI) only matters to the command that needs it.
import os as _stores_os  # noqa: E402
import pathlib as _stores_pathlib  # noqa: E402

_STORES_DEFAULT = DEFAULT_STORE


def _stores_fail(exc: BaseException) -> typer.Exit:
    """One line on stderr, exit status 1: store/remote errors are user errors, not crashes."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(1)


@app.command("load", short_help="Copy the store's graphs into a remote triple store.")
def load_cmd(
    endpoint: str = typer.Option(
        ..., "--endpoint", help="SPARQL endpoint that accepts updates (e.g. http://localhost:7878/update)."
    ),
    graph_store: str | None = typer.Option(
        None, "--graph-store", help="Graph Store Protocol URL (e.g. http://localhost:7878/store); PUT per graph."
    ),
    store: _stores_pathlib.Path = typer.Option(_STORES_DEFAULT, "--store", metavar="DIR", help="pyoxigraph store directory."),
    auth: str | None = typer.Option(None, "--auth", help="basic | digest | bearer"),
    user: str | None = typer.Option(None, "--user", help="User name for basic/digest auth."),
    password_env: str | None = typer.Option(
        None, "--password-env", help="Name of the environment variable holding the password or bearer token."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would be sent; send nothing."),
    batch: int = typer.Option(5000, "--batch", help="Triples per SPARQL Update request."),
    no_discover: bool = typer.Option(
        False, "--no-discover", help="Do not look for a Graph Store next to the endpoint; use SPARQL Update."
    ),
    retries: int = typer.Option(4, "--retries", help="Retries on 5xx and connection errors (exponential backoff)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Load the store's named graphs into a remote triple store (replacing those graphs there)."""
    from kg.store.export import StoreError
    from kg.store.remote import RemoteError, load_store

    password = None
    if password_env:
        password = _stores_os.environ.get(password_env)
        if password is None:
            raise _stores_fail(ValueError(f"environment variable {password_env} (from --password-env) is not set"))
    try:
        summary = load_store(
            store, endpoint, graph_store=graph_store, auth=auth, user=user, password=password,
            dry_run=dry_run, batch_triples=batch, progress=not quiet,
            discover=not no_discover, retries=max(retries, 0),
        )
    except (RemoteError, StoreError, OSError, ValueError) as e:
        raise _stores_fail(e) from None
    typer.echo(summary.describe())


@app.command("serve", short_help="Serve the store over SPARQL/HTTP, with the YASGUI editor.")
def serve_cmd(
    store: _stores_pathlib.Path = typer.Option(_STORES_DEFAULT, "--store", metavar="DIR", help="pyoxigraph store directory."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    bind: str = typer.Option("127.0.0.1", "--bind", help="Address to listen on (0.0.0.0 exposes it)."),
    writable: bool = typer.Option(False, "--writable", help="Allow SPARQL Update / Graph Store writes."),
) -> None:
    """Serve the store over SPARQL (query at /query, YASGUI at /) with the oxigraph server."""
    from kg.store.serve import ServeError, run_server

    try:
        code = run_server(store, port, bind, writable)
    except (ServeError, OSError) as e:
        raise _stores_fail(e) from None
    if code != 0:
        raise _stores_fail(RuntimeError(f"oxigraph server exited with status {code}"))


@app.command("export", short_help="Write the store as TriG, N-Quads, Turtle or JSON-LD.")
def export_cmd(
    fmt: str = typer.Option("trig", "--format", help="trig | nquads | turtle (union of graphs) | jsonld"),
    out: _stores_pathlib.Path | None = typer.Option(None, "--out", help="Output file (default: stdout)."),
    store: _stores_pathlib.Path = typer.Option(_STORES_DEFAULT, "--store", metavar="DIR", help="pyoxigraph store directory."),
) -> None:
    """Export the store as TriG, N-Quads, Turtle or JSON-LD (streamed; written atomically)."""
    from kg.store.export import StoreError, export_store

    try:
        summary = export_store(store, fmt, out)
    except BrokenPipeError:  # `kg export | head`: the reader has what it wanted
        raise _stdout_gone() from None
    except (StoreError, OSError, ValueError) as e:
        raise _stores_fail(e) from None
    unit = "triples" if fmt == "turtle" else "quads"
    where = summary.out if summary.out else "stdout"
    typer.echo(f"wrote {summary.statements} {unit} as {fmt} to {where}", err=True)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
