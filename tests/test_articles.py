"""Reading articles: headers, jsonl, folders, and every kind of bad input named in one line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.paths import DATA
from kg.read.articles import read_articles

ARTICLES = DATA / "articles"

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


# --- issue 15.5 and 15.6: large, compressed and oddly named inputs; JSON fields of the wrong type ---


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def test_size_limit_is_per_article_not_per_jsonl_file(tmp_path: Path) -> None:
    """A 6 MB .jsonl of small articles is read whole; only the one article over 5 MB is refused,
    named by its line, and the lines after it are still read."""
    body = BODY * 40  # ~4 KB
    rows = [{"id": f"a{i}", "text": body} for i in range(1600)]
    text = _jsonl(rows[:800]) + json.dumps({"id": "huge", "text": BODY * 60_000}, ensure_ascii=False) + "\n" + _jsonl(rows[800:])
    p = write(tmp_path, "big.jsonl", text)
    assert p.stat().st_size > 6 * 1024 * 1024
    res = read_articles([p])
    assert len(res.articles) == 1600 and res.articles[-1].id == "a1599"
    (err,) = res.errors
    assert err.path == f"{p}:801" and "5 MB" in err.cause


def test_jsonl_gz_and_extensions_in_any_case(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "batch.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(_jsonl([{"id": "g1", "text": BODY}, {"text": BODY}]))
    write(tmp_path, "UPPER.TXT", BODY)
    write(tmp_path, "Mixed.JsonL", _jsonl([{"id": "m1", "content": BODY}]))
    res = read_articles([tmp_path])
    assert not res.errors and not res.ignored
    assert sorted(a.id for a in res.articles) == ["UPPER", "batch-2", "g1", "m1"]
    # an explicitly named .jsonl.gz file too
    assert [a.id for a in read_articles([tmp_path / "batch.jsonl.gz"]).articles] == ["g1", "batch-2"]


def test_broken_gzip_is_one_line(tmp_path: Path) -> None:
    import gzip

    write(tmp_path, "fake.jsonl.gz", b"this is not gzip at all")
    data = gzip.compress(_jsonl([{"id": f"t{i}", "text": BODY} for i in range(50)]).encode("utf-8"))
    write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    res = read_articles([tmp_path])
    causes = {Path(e.path).name: e.cause for e in res.errors}
    assert "gzip" in causes["fake.jsonl.gz"]
    assert "truncated" in causes["cut.jsonl.gz"]
    for e in res.errors:
        assert "\n" not in str(e)


def test_files_a_folder_holds_that_are_not_articles_are_named(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "notes.md", "# notes")
    write(tmp_path, "scan.pdf", b"%PDF-1.4")
    res = read_articles([tmp_path])
    assert [a.id for a in res.articles] == ["a"] and not res.errors
    assert sorted(Path(i.path).name for i in res.ignored) == ["notes.md", "scan.pdf"]
    assert all(".txt, .jsonl or .jsonl.gz" in str(i) for i in res.ignored)


@pytest.mark.parametrize("field, value, shown", [
    ("outlet", 7, "a number (7)"),
    ("date", 20250916, "a number (20250916)"),
    ("text", ["a", "b"], "a list ([\"a\", \"b\"])"),
    ("title", {"ar": "x"}, "an object ({\"ar\": \"x\"})"),
    ("url", True, "a boolean (true)"),
    ("source", 1.5, "a number (1.5)"),
])
def test_non_string_jsonl_field_names_file_line_and_field(tmp_path: Path, field: str, value: object, shown: str) -> None:
    rows = [{"id": "ok1", "text": BODY}, {"id": "bad", "text": BODY, field: value}, {"id": "ok2", "text": BODY}]
    p = write(tmp_path, "mixed.jsonl", _jsonl(rows))
    res = read_articles([p])
    assert [a.id for a in res.articles] == ["ok1", "ok2"]
    (err,) = res.errors
    assert str(err) == f"{p}:2: field {field!r} must be a string, not {shown}"


def test_numeric_id_is_still_an_id(tmp_path: Path) -> None:
    p = write(tmp_path, "ids.jsonl", _jsonl([{"id": 12345, "text": BODY}]))
    assert [a.id for a in read_articles([p]).articles] == ["12345"]


def test_cli_build_skips_the_bad_line_and_builds_the_rest(tmp_path: Path) -> None:
    """The crash of issue 15.6: `"outlet": 7` in one line aborted the whole build with a traceback."""
    from typer.testing import CliRunner

    from kg.cli import app

    first = (ARTICLES / sorted(p.name for p in ARTICLES.glob("*.txt"))[0]).read_text(encoding="utf-8")
    body = first.split("\n\n", 1)[1]
    p = write(tmp_path, "in.jsonl", _jsonl([{"id": "good", "text": body, "outlet": "X"}, {"id": "bad", "text": body, "outlet": 7}]))
    res = CliRunner().invoke(app, ["build", str(p), "--store", str(tmp_path / "store"), "-q", "--model", "blank"])
    assert res.exit_code == 3, res.output
    assert f"kg: skipped {p}:2: field 'outlet' must be a string, not a number (7)" in res.output
    assert "Traceback" not in res.output and "articles read" in res.output
