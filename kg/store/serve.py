"""Serve the built store over HTTP with the `oxigraph` server CLI (`kg serve`).

Why the external `oxigraph` binary (PyPI package `oxigraph`) rather than a Python server: it speaks
the full SPARQL 1.1 Protocol (query `/query`, update `/update`, Graph Store `/store`) and ships the
YASGUI query editor at `/`, reading the very same on-disk format that pyoxigraph writes.

Read-only by default (`serve-read-only`): several read-only servers and `kg query` can share a
store, and a browser session cannot damage the build. `--writable` uses `serve`, which takes the
store's write lock, so nothing else may open it for writing meanwhile. Either way the server
holds the store's kg lock shared (kg.store.state), so `kg build` refuses to write a served store
and `kg serve` refuses a store that a build is writing.

No `--union-default-graph` for a store `kg build` wrote: its default graph *is* the union
already (kg.store.local), and the flag would add every named graph on top of it.
"""

from __future__ import annotations

import errno
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from kg.paths import DEFAULT_STORE


class ServeError(Exception):
    """The server cannot be started; the message is one line naming the cause."""


def oxigraph_executable() -> str:
    """The `oxigraph` CLI next to the running Python (the venv's bin/), else the one on PATH."""
    here = Path(sys.executable).parent
    for name in ("oxigraph", "oxigraph.exe"):
        candidate = here / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the oxigraph server CLI is not installed (pip install 'oxigraph>=0.5,<0.6')")


def _host_port(bind: str, port: int) -> str:
    """`HOST:PORT` as oxigraph's --bind expects; IPv6 literals need brackets."""
    if ":" in bind and not bind.startswith("["):
        return f"[{bind}]:{port}"
    return f"{bind}:{port}"


def query_url(bind: str, port: int) -> str:
    """The SPARQL query endpoint URL a client should use for a server bound to `bind:port`."""
    host = "127.0.0.1" if bind in ("0.0.0.0", "") else ("[::1]" if bind == "::" else bind)
    return f"http://{_host_port(host, port)}/query"


def needs_union_flag(store: Path | str) -> bool:
    """True for a store whose default graph is empty while it has named graphs (one loaded by
    another tool): only then is `--union-default-graph` wanted. A store written by `kg build`
    keeps the union in its default graph already, and the flag would then make every query
    see each triple once per graph holding it *and* once more from the default graph: counts
    doubled, joins multiplied (the project's queries ran for minutes instead of a second)."""
    import pyoxigraph as ox

    from kg.store.local import union_is_missing

    try:
        st = ox.Store.read_only(str(store))
    except OSError:
        return False  # a new or unreadable store: nothing to union
    try:
        return union_is_missing(st)
    finally:
        del st


def serve_command(
    store: Path | str = DEFAULT_STORE,
    port: int = 7878,
    bind: str = "127.0.0.1",
    writable: bool = False,
    union: bool | None = None,
) -> list[str]:
    """The argv that serves `store` (checked against `oxigraph --help` of version 0.5.13).

    `union=None` decides by the store (`needs_union_flag`): a query without GRAPH sees every
    article graph and `_resolved` either way, each triple once, as with `kg query`.
    """
    if not 0 < port < 65536:
        raise ServeError(f"port out of range: {port}")
    path = Path(store)
    if not writable and not path.is_dir():
        raise ServeError(f"store not found: {path} (build it first with `kg build`, or pass --store)")
    if path.exists() and not path.is_dir():
        raise ServeError(f"store path is not a directory: {path}")
    if union is None:
        union = path.is_dir() and needs_union_flag(path)
    sub = "serve" if writable else "serve-read-only"
    return [
        oxigraph_executable(),
        sub,
        "--location",
        str(path),
        "--bind",
        _host_port(bind, port),
        *(["--union-default-graph"] if union else []),
    ]


def check_port_free(bind: str, port: int) -> None:
    """ServeError (one line) when `bind:port` cannot be listened on, before anything is printed.

    The oxigraph server would say "serving…" first and then fail with a Rust backtrace. The
    probe binds as a server does (SO_REUSEADDR, like Rust's TcpListener), so a port in TIME_WAIT
    still counts as free; the gap before oxigraph binds it is milliseconds.
    """
    try:
        infos = socket.getaddrinfo(bind or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ServeError(f"cannot serve on {_host_port(bind, port)}: unknown address ({e.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            hint = " (another server is running there? try --port)" if e.errno == errno.EADDRINUSE else ""
            raise ServeError(f"cannot serve on {_host_port(bind, port)}: {e.strerror or e}{hint}") from None


def run_server(
    store: Path | str = DEFAULT_STORE,
    port: int = 7878,
    bind: str = "127.0.0.1",
    writable: bool = False,
) -> int:
    """Print where to query, run the server in the foreground until Ctrl-C; return its exit code."""
    from kg.store.state import StoreBusy, StoreLock, unfinished_warning

    serve_command(store, port, bind, writable, union=False)  # argument errors first, before the lock
    try:
        # Shared: other servers may serve the same store, a build may not write it meanwhile. The
        # server child inherits the lock, so it lasts as long as the server, not only this process.
        lock = StoreLock(store, shared=True, purpose="serve")
    except StoreBusy as exc:
        raise ServeError(str(exc)) from None
    except OSError:
        lock = None  # a store folder we may not write to: served without the lock
    try:
        cmd = serve_command(store, port, bind, writable)
        check_port_free(bind, port)  # a busy port: one line, before anything says "serving"
    except BaseException:
        if lock:
            lock.release()
        raise
    warning = unfinished_warning(store)
    if warning:
        print(f"kg: {warning}", file=sys.stderr, flush=True)
    url = query_url(bind, port)
    base = url.removesuffix("/query")
    mode = "read-write" if writable else "read-only"
    print(f"serving {store} ({mode}) with {Path(cmd[0]).name} {cmd[1]}", flush=True)
    print(f"  SPARQL query:  {url}", flush=True)
    if writable:
        print(f"  SPARQL update: {base}/update", flush=True)
        print(f"  Graph Store:   {base}/store", flush=True)
    print(f"  YASGUI:        {base}/", flush=True)
    print("press Ctrl-C to stop", flush=True)
    try:
        proc = subprocess.Popen(cmd, pass_fds=(lock.fd,) if lock else ())
    except OSError as e:
        if lock:
            lock.release()
        raise ServeError(f"cannot start {cmd[0]}: {e.strerror or e}") from None

    def _stop(signum: int, frame: object) -> None:
        raise _Stopped()

    # SIGTERM (service managers, `kill`) must stop the server too, not orphan it.
    try:
        previous = signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return proc.wait()
    except (KeyboardInterrupt, _Stopped):
        if proc.poll() is None:  # on Ctrl-C in a terminal it got SIGINT already
            proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 0  # stopping with Ctrl-C or SIGTERM is the normal way to end `kg serve`
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if lock:
            lock.release()


class _Stopped(Exception):
    """Raised from the SIGTERM handler so `run_server` shuts the child down like on Ctrl-C."""
