"""The `kg` command line: parses arguments and calls library functions (tests call those too)."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


# --- build, query, validate, eval (core) -------------------------------------------------------


# --- linking: kg link, kg gazetteer (issue 5) ---------------------------------------------------


# --- stores: kg load, kg serve, kg export (issue 6) --------------------------------------------


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
