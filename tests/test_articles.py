"""Reading articles: headers, jsonl, folders, and every kind of bad input named in one line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kg.read.articles import read_articles

BODY = "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة اليوم الأحد لبحث العلاقات الثنائية."


def write(tmp: Path, name: str, content: str | bytes) -> Path:
    p = tmp / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_header_is_parsed_and_body_kept_exactly(tmp_path: Path) -> None:
    p = write(tmp_path, "a1.txt", f"source: https://example.org/a1\ndate: 2024-03-10\noutlet: Example\ntitle: عنوان\n\n{BODY}\n")
    res = read_articles([p])
    assert not res.errors
    (a,) = res.articles
    assert a.id == "a1" and a.published == date(2024, 3, 10)
    assert a.outlet == "Example" and a.url == "https://example.org/a1" and a.title == "عنوان"
    assert a.text == BODY


def test_unknown_values_become_none(tmp_path: Path) -> None:
    p = write(tmp_path, "a2.txt", f"source: unknown\ndate: unknown\noutlet: unknown\n\n{BODY}")
    (a,) = read_articles([p]).articles
    assert a.published is None and a.outlet is None and a.url is None


def test_headerless_txt(tmp_path: Path) -> None:
    p = write(tmp_path, "plain.txt", BODY + "\n")
    (a,) = read_articles([p]).articles
    assert a.text == BODY and a.published is None


def test_jsonl_and_folder(tmp_path: Path) -> None:
    lines = [
        {"id": "x1", "text": BODY, "date": "2023-01-02", "url": "https://e.org/x1", "outlet": "E"},
        {"id": "x2", "content": BODY, "source": "F", "title": "t"},
    ]
    write(tmp_path, "batch.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    write(tmp_path, "b.txt", BODY)
    res = read_articles([tmp_path])
    assert sorted(a.id for a in res.articles) == ["b", "x1", "x2"]
    x2 = next(a for a in res.articles if a.id == "x2")
    assert x2.outlet == "F" and x2.text == BODY


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "latin1.txt", "مرحبا".encode("utf-8")[:3] + b"\xe9\xe8 caf\xe9")
    write(tmp_path, "binary.txt", b"\x00\x01\x02\x03" * 10)
    write(tmp_path, "page.txt", f"<html><body><p>{BODY}</p></body></html>")
    write(tmp_path, "english.txt", "The foreign ministers met in Cairo on Sunday to discuss relations.")
    big = tmp_path / "huge.txt"
    big.write_text(BODY * (6 * 1024 * 1024 // len(BODY.encode()) + 1), encoding="utf-8")
    write(tmp_path, "broken.jsonl", '{"id": "ok", "text": "%s"}\n{not json\n' % BODY)
    res = read_articles([tmp_path])
    assert sorted(a.id for a in res.articles) == ["good", "ok"]
    causes = {Path(e.path.split(":")[0]).name: e.cause for e in res.errors}
    assert "empty" in causes["empty.txt"]
    assert "UTF-8" in causes["latin1.txt"]
    assert "binary" in causes["binary.txt"]
    assert "HTML" in causes["page.txt"]
    assert "Arabic" in causes["english.txt"]
    assert "5 MB" in causes["huge.txt"]
    assert "JSON" in causes["broken.jsonl"]
    for e in res.errors:
        assert "\n" not in str(e) and e.path in str(e)


def test_missing_path_and_duplicate_ids(tmp_path: Path) -> None:
    d1, d2 = tmp_path / "one", tmp_path / "two"
    d1.mkdir()
    d2.mkdir()
    write(d1, "same.txt", BODY)
    write(d2, "same.txt", BODY)
    res = read_articles([d1, d2, tmp_path / "nope.txt"])
    assert len(res.articles) == 1
    assert any("duplicate" in e.cause for e in res.errors)
    assert any("no such file" in e.cause for e in res.errors)
