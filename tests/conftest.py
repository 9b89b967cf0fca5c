"""Shared test fixtures: free loopback ports and real servers started and stopped by the test.

`free_port` is a port nobody listens on; `server` starts a command (an `oxigraph serve`, a
`kg serve`), waits until its URL answers and stops it (SIGTERM, then SIGKILL) when the test
ends, whatever the test did.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest


def pick_free_port() -> int:
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
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {timeout}s")


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture()
def free_port() -> int:
    return pick_free_port()


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
