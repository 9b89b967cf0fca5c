"""Reading articles from disk: `.txt` with or without a header, `.jsonl`, or folders of either.

Each bad file is reported as an `ArticleError` (one line naming the file and the cause) and the
rest are still read, so one broken download does not stop a build of thousands of articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.arabic import arabic_ratio
from kg.records import Article

MAX_BYTES = 5 * 1024 * 1024
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
class ReadResult:
    articles: list[Article]
    errors: list[ArticleError]


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
        raise ArticleError(str(path), f"file is {size / 1e6:.1f} MB, over the 5 MB limit")
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


def parse_jsonl(text: str, path: Path) -> Iterator[Article | ArticleError]:
    """One article per line: `id`, `text` or `content`, `date`, `url`, `outlet` or `source`, `title`."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ArticleError(where, "line is not a JSON object")
            body = obj.get("text") or obj.get("content") or ""
            raw_id = str(obj.get("id") or f"{path.stem}-{n}")
            yield Article(
                id=article_id(raw_id),
                text=_check_body(str(body).strip("\n"), where),
                published=_parse_date(obj.get("date"), where),
                outlet=_unknown(obj.get("outlet") or obj.get("source")),
                url=_unknown(obj.get("url")),
                title=_unknown(obj.get("title")),
                path=where,
            )
        except json.JSONDecodeError as exc:
            yield ArticleError(where, f"invalid JSON ({exc.msg})")
        except ArticleError as exc:
            yield exc


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.suffix in {".txt", ".jsonl"} and f.is_file())
        else:
            yield p


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Every article under the given files and folders, in a stable order, errors inline."""
    for path in iter_files(Path(p) for p in paths):
        if not path.exists():
            yield ArticleError(str(path), "no such file or folder")
            continue
        if path.suffix not in {".txt", ".jsonl"}:
            yield ArticleError(str(path), f"unsupported file type {path.suffix or '(none)'}; use .txt or .jsonl")
            continue
        try:
            text = _decode(path)
            if path.suffix == ".jsonl":
                yield from parse_jsonl(text, path)
            else:
                yield parse_txt(text, path)
        except ArticleError as exc:
            yield exc


def read_articles(paths: Iterable[str | Path]) -> ReadResult:
    """Read everything; duplicate ids are an error for the later file (ids name the graphs)."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    seen: dict[str, str] = {}
    for item in iter_articles(paths):
        if isinstance(item, ArticleError):
            errors.append(item)
        elif item.id in seen:
            errors.append(ArticleError(item.path or item.id, f"duplicate article id {item.id!r} (first in {seen[item.id]})"))
        else:
            seen[item.id] = item.path or item.id
            articles.append(item)
    return ReadResult(articles, errors)
