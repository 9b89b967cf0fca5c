"""Every command in the README's ```sh blocks runs as written (issue 15.14).

The commands run with bash in a scratch folder laid out like the checkout (`.venv`, `data`,
`queries`, `Makefile`, `pyproject.toml` linked to the real ones), so their relative paths mean
what they mean in the checkout and `build/` is the scratch folder's own. The one thing the test
changes is the port numbers (7878, 7879): those may be taken on the machine running the tests,
so each becomes a free loopback port. A line ending in `&` is started in the background and
waited for; `kg serve`, which runs until Ctrl-C, is started, queried and stopped with SIGTERM.
Every server is stopped by the test. `make test` is the one line not run: it is this suite.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import pick_free_port, stop_process, wait_until_up
from kg.paths import ROOT

README = ROOT / "README.md"
NOT_RUN = {"make test": "it is the test suite itself"}
PORTS = ("7878", "7879")


def readme_commands() -> list[str]:
    """The command lines of the README's sh blocks, comments stripped, in order."""
    text = README.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            cmd = re.sub(r"\s+#.*$", "", line).strip()
            if cmd and not cmd.startswith("#"):
                out.append(cmd)
    return out


def _answers(base: str, sparql: str) -> list[dict]:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": sparql})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["results"]["bindings"]


def test_readme_lists_the_tour() -> None:
    cmds = readme_commands()
    assert "make run" in cmds and "make test" in cmds
    assert any(c.startswith(".venv/bin/kg load ") for c in cmds)
    assert any(c.startswith(".venv/bin/kg serve ") for c in cmds)


def test_every_readme_command_runs_as_written(tmp_path: Path) -> None:
    for name in (".venv", "data", "queries", "Makefile", "pyproject.toml"):
        (tmp_path / name).symlink_to(ROOT / name)
    if (ROOT / ".venv" / ".installed").stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        pytest.skip("pyproject.toml is newer than the venv: `make run` would reinstall; run `make setup` first")
    ports = {p: str(pick_free_port()) for p in PORTS}
    env = {**os.environ, "COLUMNS": "120"}
    background: list[subprocess.Popen] = []
    ran: list[str] = []
    try:
        for cmd in readme_commands():
            if cmd in NOT_RUN:
                continue
            line = cmd
            for old, new in ports.items():
                line = line.replace(old, new)
            if line.endswith("&") or ".venv/bin/kg serve" in line:
                argv = shlex.split(line.rstrip("&").strip())
                proc = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                background.append(proc)
                port = next(p for p in ports.values() if p in line)
                wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc, timeout=60)
                if "kg serve" in line:  # answers a project query over the built store, then stops
                    rows = _answers(f"http://127.0.0.1:{port}", (ROOT / "queries" / "visits.rq").read_text(encoding="utf-8"))
                    assert rows, "kg serve answered visits.rq with no row"
                    stop_process(proc)
                    assert proc.returncode == 0, proc.stdout.read().decode() if proc.stdout else ""
                ran.append(cmd)
                continue
            res = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
            assert res.returncode == 0, f"`{cmd}` exited {res.returncode}:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}"
            assert "Traceback" not in res.stderr, cmd
            ran.append(cmd)
            if "kg load" in cmd:  # the graphs arrived in the server the README started
                remote = f"http://127.0.0.1:{ports['7879']}"
                got = _answers(remote, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
                assert int(got[0]["n"]["value"]) == 6  # five article graphs and _resolved
    finally:
        for proc in background:
            stop_process(proc)
    assert ran == [c for c in readme_commands() if c not in NOT_RUN]
    for made in ("build/store", "build/graph.trig", "build/all.trig", "build/explorer.html"):
        assert (tmp_path / made).exists(), made
