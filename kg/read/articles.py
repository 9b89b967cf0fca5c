"""Reading articles from disk: `.txt` with or without a header, `.jsonl`, `.jsonl.gz`, or folders.

Each bad file (or bad line of a `.jsonl` file) is reported as an `ArticleError` (one line naming
the file, the line and the cause) and the rest are still read, so one broken download does not
stop a build of thousands of articles. Files in a folder that are not article files are named
as an `IgnoredFile` rather than passed over in silence. `.jsonl` files are streamed line by line
(bounded memory whatever their size); the size limit is per article, not per file.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.arabic import arabic_ratio
from kg.records import Article

MAX_BYTES = 5 * 1024 * 1024  # per article: a .txt file, or one line of a .jsonl file
#: Article file kinds by (lower-cased) name ending; longest first, so x.jsonl.gz is not taken for .gz.
KINDS = ((".jsonl.gz", "jsonl.gz"), (".jsonl", "jsonl"), (".txt", "txt"))
HEADER_KEYS = ("source", "date", "outlet", "title", "url", "id")
_HEADER_LINE = re.compile(r"^(source|date|outlet|title|url|id)\s*:\s*(.*)$", re.IGNORECASE)
_HTML = re.compile(r"<\s*(html|body|div|p|span|script|head|meta|br|a\s)[^>]*>", re.IGNORECASE)
_ID_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class ArticleError(Exception):
    """A file (or a line of a .jsonl file) that cannot be read as an article."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


@dataclass(frozen=True)
class IgnoredFile:
    """A file inside a given folder that is not an article file: named, not an error."""

    path: str
    reason: str = "not an article file (.txt, .jsonl or .jsonl.gz)"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ReadResult:
    articles: list[Article]
    errors: list[ArticleError]
    ignored: list[IgnoredFile] = field(default_factory=list)


def file_kind(path: Path) -> str | None:
    """'txt', 'jsonl' or 'jsonl.gz' from the file name, case-insensitively (A.TXT, B.JSONL.GZ)."""
    name = path.name.lower()
    for suffix, kind in KINDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


def article_id(raw: str) -> str:
    """A stable id safe in IRIs and file names; article ids are part of the graph's IRIs."""
    cleaned = _ID_SAFE.sub("_", raw.strip()).strip("_")
    if not cleaned:
        raise ValueError(f"empty article id from {raw!r}")
    return cleaned


def _unknown(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if not value or value.lower() in {"unknown", "none", "null", "n/a", "-"} else value


def _parse_date(value: str | None, where: str) -> date | None:
    value = _unknown(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ArticleError(where, f"publication date {value!r} is not YYYY-MM-DD") from exc


def _check_body(text: str, where: str) -> str:
    if not text.strip():
        raise ArticleError(where, "empty article (no text)")
    if "\x00" in text:
        raise ArticleError(where, "binary content (NUL bytes), not a text article")
    if _HTML.search(text):
        raise ArticleError(where, "HTML markup found; extract the article text first")
    if arabic_ratio(text) < 0.5:
        raise ArticleError(where, "no Arabic text (less than half of the letters are Arabic)")
    return text


def _decode(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(str(path), f"file is {size / 1e6:.1f} MB, over the 5 MB limit per article")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise ArticleError(str(path), "binary file (NUL bytes), not UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(str(path), f"not UTF-8 (byte {exc.start}: {exc.reason})") from exc


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` header (source, date, outlet, title, url, id) and the body after it and
    its blank line. Text without a header is all body. Gold offsets refer to this body."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        m = _HEADER_LINE.match(line.strip())
        if m and i < 10:
            meta[m.group(1).lower()] = m.group(2)
            body_start = i + 1
            continue
        if meta and not line.strip():
            body_start = i + 1
        break
    return meta, "\n".join(lines[body_start:])


def parse_txt(text: str, path: Path) -> Article:
    """A `.txt` article: optional `key: value` header lines, a blank line, then the body."""
    meta, body = split_header(text)
    body = body.strip("\n")
    where = str(path)
    return Article(
        id=article_id(_unknown(meta.get("id")) or path.stem),
        text=_check_body(body, where),
        published=_parse_date(meta.get("date"), where),
        outlet=_unknown(meta.get("outlet")),
        url=_unknown(meta.get("source")) or _unknown(meta.get("url")),
        title=_unknown(meta.get("title")),
        path=where,
    )


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}


def _string_field(obj: dict, name: str, where: str, *, numbers: bool = False) -> str | None:
    """A JSONL field that must be a string (or absent / null); `numbers` also takes integers (ids)."""
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise ArticleError(where, f"field {name!r} must be a string, not {_JSON_TYPES.get(type(value), type(value).__name__)} ({shown})")


def jsonl_article(obj: object, where: str, default_id: str) -> Article:
    """One parsed JSONL line as an Article: `id`, `text` or `content`, `date`, `url`, `outlet` or
    `source`, `title`. A field of the wrong JSON type is an error naming the field."""
    if not isinstance(obj, dict):
        raise ArticleError(where, "line is not a JSON object")
    fields = {k: _string_field(obj, k, where, numbers=(k == "id"))
              for k in ("id", "text", "content", "date", "url", "outlet", "source", "title")}
    body = fields["text"] or fields["content"] or ""
    return Article(
        id=article_id(fields["id"] or default_id),
        text=_check_body(body.strip("\n"), where),
        published=_parse_date(fields["date"], where),
        outlet=_unknown(fields["outlet"] or fields["source"]),
        url=_unknown(fields["url"]),
        title=_unknown(fields["title"]),
        path=where,
    )


def parse_jsonl(text: str, path: Path) -> Iterator[Article | ArticleError]:
    """One article per line of `text` (the whole file, already decoded); see jsonl_article."""
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_line(line, f"{path}:{n}", f"{path.stem}-{n}")


def _jsonl_line(line: str, where: str, default_id: str) -> Article | ArticleError:
    try:
        return jsonl_article(json.loads(line), where, default_id)
    except json.JSONDecodeError as exc:
        return ArticleError(where, f"invalid JSON ({exc.msg})")
    except ArticleError as exc:
        return exc


def _stem(path: Path) -> str:
    """The file name without its article suffix (x.jsonl.gz → x), for default ids."""
    kind = file_kind(path)
    return path.name[: -len(kind) - 1] if kind else path.stem


def stream_jsonl(path: Path, gz: bool = False) -> Iterator[Article | ArticleError]:
    """A .jsonl (or gzip-compressed .jsonl.gz) file, streamed: one line in memory at a time, at
    most MAX_BYTES of it (a longer line is an error for that line, and reading goes on)."""
    stem = _stem(path)
    n = 0
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
            if b"\x00" in fh.peek(8192)[:8192]:
                yield ArticleError(str(path), "binary file (NUL bytes), not UTF-8 JSON lines")
                return
            while True:
                raw = fh.readline(MAX_BYTES + 1)
                if not raw:
                    return
                n += 1
                where = f"{path}:{n}"
                if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                        raw = fh.readline(1 << 20)
                    yield ArticleError(where, "article is over the 5 MB limit per article")
                    continue
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield ArticleError(where, f"not UTF-8 (byte {exc.start}: {exc.reason})")
                    continue
                if line.strip():
                    yield _jsonl_line(line, where, f"{stem}-{n}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield ArticleError(str(path), f"not a valid gzip file ({exc})")
    except EOFError:
        yield ArticleError(str(path), f"gzip file is truncated (after line {n})")


def _walk(paths: Iterable[Path]) -> Iterator[Path | IgnoredFile]:
    """The given files, and the files under the given folders in sorted order: article files as
    paths, the others as IgnoredFile."""
    for p in paths:
        if p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file()):
                yield f if file_kind(f) else IgnoredFile(str(f))
        else:
            yield p


def iter_files(paths: Iterable[Path], ignored: list[IgnoredFile] | None = None) -> Iterator[Path]:
    """The article files under `paths` (folders walked in sorted order); files of a folder that
    are not article files go to `ignored` when given."""
    for item in _walk(paths):
        if isinstance(item, IgnoredFile):
            if ignored is not None:
                ignored.append(item)
        else:
            yield item


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError | IgnoredFile]:
    """Every article under the given files and folders, in a stable order, errors and ignored
    files inline."""
    for path in _walk(Path(p) for p in paths):
        if isinstance(path, IgnoredFile):
            yield path
            continue
        if not path.exists():
            yield ArticleError(str(path), "no such file or folder")
            continue
        kind = file_kind(path)
        if kind is None:
            yield ArticleError(str(path), f"unsupported file type {path.suffix or '(none)'}; use .txt, .jsonl or .jsonl.gz")
            continue
        try:
            if kind == "txt":
                yield parse_txt(_decode(path), path)
            else:
                yield from stream_jsonl(path, gz=kind == "jsonl.gz")
        except ArticleError as exc:
            yield exc
        except OSError as exc:
            yield ArticleError(str(path), f"cannot read ({exc.strerror or exc})")


def read_articles(paths: Iterable[str | Path]) -> ReadResult:
    """Read everything; duplicate ids are an error for the later file (ids name the graphs)."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    ignored: list[IgnoredFile] = []
    seen: dict[str, str] = {}
    for item in iter_articles(paths):
        if isinstance(item, IgnoredFile):
            ignored.append(item)
        elif isinstance(item, ArticleError):
            errors.append(item)
        elif item.id in seen:
            errors.append(ArticleError(item.path or item.id, f"duplicate article id {item.id!r} (first in {seen[item.id]})"))
        else:
            seen[item.id] = item.path or item.id
            articles.append(item)
    return ReadResult(articles, errors, ignored)
