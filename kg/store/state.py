"""Who is using a store, and whether the last build into it finished.

Why a lock of our own next to RocksDB's: RocksDB's `LOCK` is only taken when the store is opened
for writing, so a second `kg build` found out after all its NLP, and read-only users
(`kg serve`, `kg query`) were not seen at all; pyoxigraph calls reading a store while another
process writes it undefined behaviour. `STORE/kg-build/lock` is an `flock` lock: a build holds it
exclusively for its whole run and refuses to start when anyone holds it; `kg serve` holds it
shared while it serves (the server child inherits it), so a build refuses to write a served
store and a server refuses to serve a store being built. The kernel drops the lock with the
process, so a killed build never leaves the store locked.

Why a journal: a build killed half way leaves records and graphs of two builds side by side.
`STORE/kg-build/journal` exists from the start of a build to its very end; its first line says
which build (pid, start time), the next lines say what the build was about to
change (records `x`, graphs written `g`, graphs removed `r`, the `--out` temporary file `o`)
*before* it changed it. The next build reads it to resume: records the dead build finished are
reused (no NLP again), graphs it may have touched are written again, its temporary file is
removed and the union default graph is repaired. `kg query` and `kg view` warn while it exists.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.io import atomic_write

STATE_DIRNAME = "kg-build"  # inside the store directory; RocksDB ignores names it does not own
LOCK_NAME = "lock"
JOURNAL_NAME = "journal"


class StoreBusy(Exception):
    """Another build or a `kg serve` has the store; the message is one line for the user."""


def _state(store: Path | str) -> Path:
    return Path(store) / STATE_DIRNAME


def _try_flock(fd: int, how: int) -> bool:
    try:
        fcntl.flock(fd, how | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise


def _holder(store: Path) -> str:
    """Who holds the lock, for the message: a build (exclusive) or servers (shared)."""
    j = read_journal(store)
    who = f" (pid {j.pid})" if j is not None and j.pid else ""
    path = _state(store) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return f"another kg build{who}"
    try:
        if _try_flock(fd, fcntl.LOCK_SH):
            return "a kg serve (stop the server first)"
        return f"another kg build{who}"
    finally:
        os.close(fd)


class StoreLock:
    """The store's lock, exclusive (a build) or shared (a server); `release()` or process exit
    drops it. Acquiring never waits: a busy store is refused at once."""

    def __init__(self, store: Path | str, *, shared: bool = False, purpose: str = "build") -> None:
        self.store = Path(store)
        state = _state(self.store)
        state.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_flock(self.fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX):
            os.close(self.fd)
            self.fd = -1
            raise StoreBusy(f"{self.store}: in use by {_holder(self.store)}; cannot {purpose} it now")

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing the only descriptor drops an flock lock
            self.fd = -1

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def build_running(store: Path | str) -> bool:
    """True while a build holds the store's lock exclusively (a server's shared lock is not that)."""
    path = _state(store) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if _try_flock(fd, fcntl.LOCK_SH):
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        return True
    finally:
        os.close(fd)


def refuse_if_building(store: Path | str) -> None:
    """Readers call this before opening a store: reading a store that a build is writing is
    undefined behaviour in pyoxigraph, so it is refused with a line saying why."""
    if build_running(store):
        j = read_journal(store)
        who = f" (pid {j.pid})" if j is not None and j.pid else ""
        raise StoreBusy(f"{store}: a kg build{who} is writing this store now; try again when it has finished")


# --- the journal of a build in progress --------------------------------------------------------


@dataclass
class Journal:
    """What a build that did not finish was about to do (read back by the next build)."""

    pid: int = 0
    started: str = ""
    records: set[str] = field(default_factory=set)  # articles whose record files it may have rewritten
    graphs: set[str] = field(default_factory=set)  # articles whose graphs it may have written or removed
    union: bool = False  # it may have changed named graphs, so the union default graph may be off
    out_tmp: list[str] = field(default_factory=list)  # its --out temporary files


def read_journal(store: Path | str) -> Journal | None:
    """The journal of an unfinished build into `store`, or None when the last build finished."""
    path = _state(store) / JOURNAL_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    lines = text.splitlines()
    j = Journal()
    try:
        head = json.loads(lines[0]) if lines else {}
        j.pid, j.started = int(head.get("pid", 0)), str(head.get("started", ""))
    except (ValueError, AttributeError):
        pass  # a header cut short by the kill: the entries still count
    for line in lines[1:]:
        kind, _, value = line.partition(" ")
        if kind == "x":
            j.records.add(value)
        elif kind in ("g", "r"):
            j.graphs.add(value)
            j.union = True
        elif kind == "u":
            j.union = True
        elif kind == "o":
            j.out_tmp.append(value)
    return j


class JournalWriter:
    """Appends entries with one `write` each, before the change they announce, so a build killed
    at any point has announced everything it may have half done (no fsync: a killed process's
    writes are in the kernel already; power loss is RocksDB's own WAL's business).

    `carry` is the journal of an earlier build that did not finish: its entries are written again
    first, so that a resumed build killed in its turn still tells the next one what is unsettled.
    """

    def __init__(self, store: Path | str, carry: Journal | None = None) -> None:
        self.path = _state(store) / JOURNAL_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        head = {"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        lines = [json.dumps(head)]
        if carry is not None:
            lines += [f"x {a}" for a in sorted(carry.records)] + [f"g {a}" for a in sorted(carry.graphs)]
            lines += ["u "] if carry.union else []
        atomic_write(self.path, "\n".join(lines) + "\n", fsync=False)
        self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)

    def add(self, kind: str, values: list[str] | tuple[str, ...] = ("",)) -> None:
        if values:
            os.write(self.fd, "".join(f"{kind} {v}\n" for v in values).encode("utf-8"))

    def finish(self) -> None:
        """The build finished: the journal goes (last step of a build)."""
        os.close(self.fd)
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """The build stopped without finishing: the journal stays for the next build."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def unfinished_warning(store: Path | str) -> str | None:
    """One line for `kg query` / `kg view` when the last build into `store` did not finish."""
    j = read_journal(store)
    if j is None:
        return None
    when = f" (started {j.started}, pid {j.pid})" if j.started else ""
    return (f"warning: the last build into {store}{when} did not finish; the store may hold part of it. "
            f"Run the same kg build again to complete it (it resumes from the records already made).")
