"""Never lose a graph (issue 15, items 8–10): builds killed with SIGKILL at several points, then
resumed, give the store a clean build gives, quad for quad; two builds of one store; a build of
a served store. (An empty input into a full store: tests/test_incremental.py.)

The builds that are killed run in a child process (tests/killable_build.py) that sends itself
SIGKILL at the chosen point: no handler runs, as when the machine's OOM killer or `kill -9`
stops a build. Each case is a few seconds (the five sample articles).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.paths import DATA, QUERIES, ROOT
from kg.store.local import open_store
from kg.store.state import read_journal

ARTICLES = DATA / "articles"
KILLABLE = ROOT / "tests" / "killable_build.py"


def dump(store: Path) -> list[str]:
    """Every quad of the store, the union default graph included, sorted."""
    st = open_store(store)
    lines = sorted(ox.serialize(iter(st), format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    del st
    return lines


def run_killable(store: Path, point: str, *paths: Path, out: Path | None = None, prune: bool = False,
                 wait: Path | None = None, background: bool = False):
    cmd = [sys.executable, str(KILLABLE), str(store), point, *map(str, paths)]
    cmd += ["--out", str(out)] if out else []
    cmd += ["--prune"] if prune else []
    cmd += ["--wait", str(wait)] if wait else []
    if background:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def _change(path: Path) -> None:
    """Cut the article's body to its first half and say its first line again: triples go (so
    a rebuild must drop them from the union) and come."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    lines = body.strip().split("\n")
    path.write_text(header + "\n\n" + "\n".join(lines[: len(lines) // 2] + lines[:1]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """v1: the five sample articles; v2: the same with one changed; v2p: v2 without its first."""
    root = tmp_path_factory.mktemp("corpora")
    v1, v2, v2p = root / "v1", root / "v2", root / "v2p"
    shutil.copytree(ARTICLES, v1)
    shutil.copytree(ARTICLES, v2)
    _change(sorted(v2.glob("*.txt"))[2])
    shutil.copytree(v2, v2p)
    sorted(v2p.glob("*.txt"))[0].unlink()
    return {"v1": v1, "v2": v2, "v2p": v2p}


@pytest.fixture(scope="module")
def clean(corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What a clean build of each corpus holds (and its v1 store, to start incremental cases from)."""
    root = tmp_path_factory.mktemp("clean")
    out = {}
    for name, folder in corpora.items():
        build([folder], root / name, retain=False, incremental=False)
        out[name] = dump(root / name)
    out["v1_store"] = root / "v1"  # type: ignore[assignment]
    return out


# --- SIGKILL at several points, then the same build again ---------------------------------------

CASES = [
    # (name, kill point, start from a complete v1 store?, corpus, --prune, --out, corpus of the next build)
    ("during NLP, after 2 of 5 records", "record:2", False, "v1", False, None, "v1"),
    ("named graphs written, union not", "graphs:1", False, "v1", False, "g.nq", "v1"),
    ("rebuild: old triples half dropped from the union", "union:3", True, "v2", False, None, "v2"),
    ("rebuild with --prune: before the removal", "remove:1", True, "v2p", True, "g.trig", "v2p"),
    ("everything stored, manifest not", "manifest:1", True, "v2", False, None, "v2"),
    # The next build is given the old input back: what the dead build wrote must not be taken
    # for what the manifest describes (same key, other graph; same id, other record).
    ("rebuild killed, then the old input put back", "manifest:1", True, "v2", False, None, "v1"),
    ("rebuild killed writing graphs, old input back", "graphs:1", True, "v2", False, None, "v1"),
]


@pytest.mark.parametrize("name, point, from_v1, corpus, prune, out_name, resume", CASES, ids=[c[0] for c in CASES])
def test_killed_build_is_finished_by_the_next(name, point, from_v1, corpus, prune, out_name, resume,
                                              corpora, clean, tmp_path: Path) -> None:
    store = tmp_path / "store"
    if from_v1:
        shutil.copytree(clean["v1_store"], store)  # type: ignore[arg-type]
    out = tmp_path / "out" / out_name if out_name else None
    killed = run_killable(store, point, corpora[corpus], out=out, prune=prune)
    assert killed.returncode == -9, killed.stdout + killed.stderr  # it did die at that point
    journal = read_journal(store)
    assert journal is not None  # the store knows its last build did not finish
    if point == "record:2":
        assert len(journal.records) == 5
    if point in ("graphs:1", "union:3", "remove:1"):
        assert journal.union

    # Using the store meanwhile warns (the store may hold part of a build).
    q = CliRunner().invoke(app, ["query", str(QUERIES / "people.rq"), "--store", str(store), "-f", "csv"])
    assert q.exit_code == 0 and "did not finish" in q.output
    if point == "graphs:1":
        v = CliRunner().invoke(app, ["view", "--store", str(store), "--out", str(tmp_path / "page.html")])
        assert v.exit_code == 0 and "did not finish" in v.output
    if out is not None and point.startswith("graphs"):  # killed while the --out file was being written
        assert list(out.parent.glob(f".{out.name}.*.tmp"))

    notices: list[str] = []
    again = build([corpora[resume]], store, out, retain=False, prune=prune, on_notice=notices.append)
    assert any("did not finish" in n and "resuming" in n for n in notices)
    assert dump(store) == clean[resume]
    assert read_journal(store) is None
    if point == "record:2":
        assert again.stats.extracted == 3 and again.stats.reused == 2  # the two finished records are kept
    if out is not None:
        assert not list(out.parent.glob(f".{out.name}.*.tmp"))
        assert out.is_file()
    q = CliRunner().invoke(app, ["query", str(QUERIES / "people.rq"), "--store", str(store), "-f", "csv"])
    assert q.exit_code == 0 and "did not finish" not in q.output


def test_killed_twice_is_still_finished(corpora, clean, tmp_path: Path) -> None:
    """A resumed build killed in its turn still hands on what the first one left unsettled."""
    store = tmp_path / "store"
    shutil.copytree(clean["v1_store"], store)  # type: ignore[arg-type]
    assert run_killable(store, "union:2", corpora["v2"]).returncode == -9
    assert run_killable(store, "manifest:1", corpora["v2"]).returncode == -9
    assert read_journal(store).union  # type: ignore[union-attr]
    build([corpora["v2"]], store, retain=False)
    assert dump(store) == clean["v2"]


# --- two builds, and a build of a served store -------------------------------------------------


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(proc.stdout.read().decode() if proc.stdout else "child exited")
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} did not appear")
        time.sleep(0.05)


def test_second_build_of_a_store_is_refused_at_once(corpora, clean, tmp_path: Path) -> None:
    """While one build runs, a second one into the same store stops before any NLP with one
    line (it used to do all its NLP, share the record cache, then die on RocksDB's LOCK), and
    reading the store (undefined behaviour while it is written) is refused too."""
    store, gate = tmp_path / "store", tmp_path / "gate"
    first = run_killable(store, "none", corpora["v1"], wait=gate, background=True)
    try:
        _wait_for(Path(str(gate) + ".started"), first)
        records = sorted((store / "kg-build" / "records").iterdir())
        t0 = time.monotonic()
        second = CliRunner().invoke(app, ["build", str(corpora["v2"]), "--store", str(store), "-q"])
        refused_in = time.monotonic() - t0
        assert second.exit_code == 1
        assert second.output.strip().startswith(f"kg: error: {store}: in use by another kg build (pid {first.pid})")
        assert "Traceback" not in second.output and "LOCK" not in second.output
        assert sorted((store / "kg-build" / "records").iterdir()) == records  # it wrote nothing
        print(f"second build refused after {refused_in:.2f} s")
        q = CliRunner().invoke(app, ["query", str(QUERIES / "people.rq"), "--store", str(store)])
        assert q.exit_code == 1 and "is writing this store now" in q.output
        serve = CliRunner().invoke(app, ["serve", "--store", str(store), "--port", "1"])
        assert serve.exit_code == 1
    finally:
        gate.touch()
        first.wait(timeout=300)
    assert first.returncode == 0, first.stdout.read().decode() if first.stdout else ""
    assert dump(store) == clean["v1"]  # the first build was not disturbed


def test_build_of_a_served_store_is_refused(clean, corpora, tmp_path: Path, free_tcp_port: int, server) -> None:
    store = tmp_path / "store"
    shutil.copytree(clean["v1_store"], store)  # type: ignore[arg-type]
    kg = Path(sys.executable).parent / "kg"
    proc = server([str(kg), "serve", "--store", str(store), "--port", str(free_tcp_port)],
                  f"http://127.0.0.1:{free_tcp_port}/query?query=ASK%7B%7D")
    res = CliRunner().invoke(app, ["build", str(corpora["v2"]), "--store", str(store), "-q"])
    assert res.exit_code == 1
    assert "in use by a kg serve (stop the server first)" in res.output
    from conftest import stop_process

    stop_process(proc)
    assert dump(store) == clean["v1"]
    build([corpora["v2"]], store, retain=False)  # with the server gone, the build goes ahead
    assert dump(store) == clean["v2"]


def test_sigterm_removes_the_out_temp_file(corpora, tmp_path: Path) -> None:
    """`kill` (SIGTERM) of `kg build` unwinds: no temporary --out file is left, the lock is gone."""
    store, out = tmp_path / "store", tmp_path / "out" / "g.trig"
    kg = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen([str(kg), "build", str(corpora["v1"]), "--store", str(store), "--out", str(out), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "100"})
    deadline = time.monotonic() + 120
    while not list(out.parent.glob(".g.trig.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.terminate()
    proc.wait(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before SIGTERM arrived")
    assert proc.returncode == 128 + 15
    assert not list(out.parent.glob(".g.trig.*.tmp"))
    assert read_journal(store) is not None  # unfinished, and said so


def test_build_of_a_store_another_server_writes_is_one_line(clean, corpora, tmp_path: Path, free_tcp_port: int, server) -> None:
    """A plain `oxigraph serve` (not kg serve) holds RocksDB's lock: the build says so in one
    line, before any NLP, instead of RocksDB's `LOCK: Resource temporarily unavailable`."""
    store = tmp_path / "store"
    shutil.copytree(clean["v1_store"], store)  # type: ignore[arg-type]
    oxigraph = Path(sys.executable).parent / "oxigraph"
    server([str(oxigraph), "serve", "--location", str(store), "--bind", f"127.0.0.1:{free_tcp_port}"],
           f"http://127.0.0.1:{free_tcp_port}/query?query=ASK%7B%7D")
    res = CliRunner().invoke(app, ["build", str(corpora["v2"]), "--store", str(store), "-q"])
    assert res.exit_code == 1
    assert res.output.strip() == (f"kg: error: {store}: the store is open for writing in another process "
                                  "(an `oxigraph serve` or `kg serve --writable`?); stop it first")
    assert read_journal(store) is None  # nothing was started
