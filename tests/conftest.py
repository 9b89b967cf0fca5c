"""Fixtures shared by the test files: free loopback ports, waiting for a server, real servers
started and stopped by the test (an `oxigraph serve`, a `kg serve`), and a SPARQL query helper
that does not go through the code under test.

Stub HTTP servers for failure modes a real server will not produce on demand (401, 503, 429 with
Retry-After) come from pytest-httpserver's `httpserver` fixture.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it); loopback only."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    """Until `url` answers at all (any HTTP status); fails with the server's output if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {out[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                r.read()
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not 200
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 10 s (nothing when it has exited already)."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_oxigraph(location: Path, *args: str, writable: bool = True) -> tuple[subprocess.Popen, str]:
    """`oxigraph serve` (or serve-read-only) on a free loopback port; returns (process, base URL)."""
    if not OXIGRAPH.is_file():
        pytest.skip(f"oxigraph CLI not installed next to {sys.executable}")
    port = free_port()
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve" if writable else "serve-read-only", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query?query=ASK%7B%7D", proc)
    except BaseException:
        stop(proc)
        raise
    return proc, base


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A writable, empty Oxigraph server of its own; yields its base URL (…/query, /update, /store)."""
    proc, base = start_oxigraph(tmp_path / "remote")
    try:
        yield base
    finally:
        stop(proc)


def sparql_select(query_url: str, sparql: str) -> dict:
    """SPARQL JSON results straight from a server with plain requests (not kg.sparql)."""
    r = requests.get(query_url, params={"query": sparql}, headers={"Accept": "application/sparql-results+json"},
                     timeout=30)
    r.raise_for_status()
    return r.json()


@pytest.fixture()
def remote_counts() -> Callable[[str], dict[str, int]]:
    """Triples per named graph on a server, by one SELECT."""

    def counts(query_url: str) -> dict[str, int]:
        rows = sparql_select(query_url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows["results"]["bindings"]}

    return counts


@pytest.fixture()
def free_tcp_port() -> int:
    """A free loopback port, as a fixture."""
    return free_port()


@pytest.fixture()
def server() -> Iterator[Callable[..., subprocess.Popen]]:
    """`server(argv, url)`: start argv, wait until `url` answers, return the process; stopped at
    the end of the test."""
    procs: list[subprocess.Popen] = []

    def start(argv: list[str], url: str, **popen: object) -> subprocess.Popen:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)  # type: ignore[arg-type]
        procs.append(proc)
        wait_until_up(url, proc)
        return proc

    yield start
    for proc in procs:
        stop_process(proc)


# Names some test files use for the helpers above.
pick_free_port = free_port
stop_process = stop
