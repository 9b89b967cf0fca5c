"""`kg --help` reads as help for users (issue 15.15): no `<bool>` after flags, no notes to
developers, defaults all relative to the folder kg runs in."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.paths import ROOT

COMMANDS = ["build", "query", "validate", "eval", "link", "view", "load", "serve", "export", "gazetteer"]


def help_of(*args: str) -> str:
    res = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return res.output


def test_top_level_help_is_for_users() -> None:
    text = help_of()
    assert "library functions" not in text and "tests call" not in text
    assert "kg build data/articles" in text
    for cmd in COMMANDS:
        line = next(l for l in text.splitlines() if l.strip().startswith(cmd + " "))
        assert not line.rstrip().endswith("..."), line  # one readable line per command, not cut off


@pytest.mark.parametrize("cmd", COMMANDS)
def test_flags_show_no_type_and_defaults_are_relative(cmd: str) -> None:
    text = help_of(cmd)
    assert "<bool>" not in text
    assert str(ROOT) not in text  # no absolute path into the checkout
    if "--store" in text and cmd != "eval":
        assert "--store DIR" in text and "[default: build/store]" in text


def test_build_help_names_the_flags_plainly() -> None:
    text = help_of("build")
    assert "-q, --quiet" in text and "--prune" in text and "--full " in text
