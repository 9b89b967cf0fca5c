"""Files written whole or not at all, and the project's tab-separated files.

Why one module: writing to a temporary file and renaming it was copied into nine places with
three different file modes and one fsync among them, and five TSV readers disagreed on comment
lines, short rows and stray tabs. Everything that writes a file the user (or a later run) reads
goes through `atomic_open`/`atomic_write`; every hand-kept or generated `.tsv` goes through
`read_tsv`/`write_tsv`. No spaCy, rdflib or pyoxigraph here: it sits at the bottom layer.

* `atomic_open(path)` hands out a binary (or text) file in the target's folder; on a clean exit
  the data is flushed, fsync'ed, given `mode` (minus the umask, like any new file) and renamed
  over the target. On an exception the temporary file is removed and the old target, if any, is
  untouched: a reader never sees half a file and a crash never truncates a good one.
* TSV: UTF-8, one header row, `#` lines and blank lines ignored, no quoting (Arabic text is full
  of quote marks), a short row padded with empty cells, a row longer than the header refused
  with the file and line named. A cell holding a tab or a line break cannot be written.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any thread runs, so no
    # other thread ever creates a file under a umask of 0.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


class TsvError(ValueError):
    """A TSV file is malformed; the message is one line naming the file (and line) and the cause."""


@contextmanager
def atomic_open(path: str | Path, mode: int = 0o644, *, text: bool = False, fsync: bool = True,
                tmp_name: str | Path | None = None) -> Iterator[IO[Any]]:
    """A file object whose content replaces `path` only when the `with` block ends cleanly.

    `mode` is applied minus the process umask (0644 under the usual 022), where `mkstemp` alone
    would leave 0600 and hide an exported graph or page from a web server. `fsync=False` is for
    caches only: the rename is still atomic, but after a power cut the new file may be empty.
    `tmp_name` fixes the temporary file's name (in the target's folder) for a caller that must
    announce it before writing, so that a process killed meanwhile leaves a file the next run
    can find and remove (kg.build.engine's journal); it is created exclusively.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if tmp_name is None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    else:
        tmp = str(tmp_name)
        Path(tmp).unlink(missing_ok=True)  # a leftover of a killed run with the same name
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            if text:
                wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                yield wrapper
                wrapper.flush()
                wrapper.detach()
            else:
                yield raw
            raw.flush()
            if fsync:
                os.fsync(raw.fileno())
        os.chmod(tmp, mode & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: str | bytes, mode: int = 0o644, *, fsync: bool = True) -> None:
    """Write `data` (str is written as UTF-8) to `path` through `atomic_open`."""
    with atomic_open(path, mode, fsync=fsync) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def read_table(path: str | Path, required: Iterable[str] = (), *, strict: bool = False) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of a TSV file; every row has every header column (short rows padded with "",
    or refused with `strict`, for files a program writes whole: a short row there is damage).

    Raises FileNotFoundError for a missing file (callers add their own hint) and TsvError for a
    file without a header, a header without a `required` column, or a row longer than the header.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    numbered = [(i, ln) for i, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        raise TsvError(f"{path}: empty file (no header row)")
    reader = csv.reader((ln for _, ln in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    missing = [c for c in required if c not in header]
    if missing:
        raise TsvError(f"{path}: header lacks column(s) {', '.join(missing)}")
    rows: list[dict[str, str]] = []
    for (line_no, _), cells in zip(numbered[1:], reader):
        if len(cells) > len(header) or (strict and len(cells) < len(header)):
            raise TsvError(f"{path}: line {line_no} has {len(cells)} cells, the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return header, rows


def read_tsv(path: str | Path, required: Iterable[str] = ()) -> list[dict[str, str]]:
    """The rows of a TSV file as dicts keyed by the header (see `read_table`)."""
    return read_table(path, required)[1]


def write_tsv(path: str | Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]], *,
              comment: str | None = None) -> None:
    """Write rows (missing or None cells empty) under a header row, atomically.

    `comment` lines, if given, go first, each prefixed with `# `. Refuses (TsvError, nothing
    written) a cell that holds a tab or a line break, which no reader could split back.
    """
    buf = io.StringIO()
    if comment:
        for line in comment.splitlines():
            buf.write(f"# {line}\n".replace("# \n", "#\n"))
    writer = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = ["" if row.get(c) is None else str(row.get(c)) for c in columns]
        for c, v in zip(columns, cells):
            if "\t" in v or "\n" in v or "\r" in v:
                raise TsvError(f"{path}: the value of {c} holds a tab or a line break: {v[:60]!r}")
        writer.writerow(cells)
    atomic_write(path, buf.getvalue())
