"""kg.io: the one atomic writer and the one TSV reader/writer, and that nothing else writes files
by hand (issue 18)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from kg.io import TsvError, atomic_open, atomic_write, read_table, read_tsv, write_tsv
from kg.paths import ROOT


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_atomic_write_replaces_whole_file_with_mode_0644(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    target = tmp_path / "sub" / "out.txt"
    atomic_write(target, "سطر\n")
    assert target.read_text(encoding="utf-8") == "سطر\n"
    assert _mode(target) == 0o644 & ~old_umask
    atomic_write(target, b"\x00bytes", mode=0o600)
    assert target.read_bytes() == b"\x00bytes" and _mode(target) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]  # no temp file left


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("good\n")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write(b"half a fil")
            raise RuntimeError("disk full")
    assert target.read_text() == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_atomic_open_text_mode(tmp_path: Path) -> None:
    with atomic_open(tmp_path / "t.txt", text=True) as fh:
        fh.write("a\r\nب\n")  # newline="": written as given
    assert (tmp_path / "t.txt").read_bytes() == "a\r\nب\n".encode()


def test_read_tsv_comments_blank_lines_short_rows_and_quotes(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text('# a comment\nkey\tforms\tnote\n\nk1\t«قال» "x"\n# another\nk2\ta|b\tn\n', encoding="utf-8")
    header, rows = read_table(p, ["key", "forms"])
    assert header == ["key", "forms", "note"]
    assert rows == [{"key": "k1", "forms": '«قال» "x"', "note": ""}, {"key": "k2", "forms": "a|b", "note": "n"}]
    assert read_tsv(p) == rows


def test_read_tsv_errors_name_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text("# c\nkey\tforms\nk1\tf\tEXTRA\n", encoding="utf-8")
    with pytest.raises(TsvError, match=r"bad\.tsv: line 3 has 3 cells, the header has 2"):
        read_tsv(p)
    with pytest.raises(TsvError, match="header lacks column.*qid"):
        read_tsv(tmp_path / "bad.tsv", ["qid"])
    (tmp_path / "empty.tsv").write_text("# only a comment\n")
    with pytest.raises(TsvError, match="empty file"):
        read_tsv(tmp_path / "empty.tsv")
    with pytest.raises(FileNotFoundError):
        read_tsv(tmp_path / "missing.tsv")


def test_write_tsv_round_trips_and_refuses_tabs(tmp_path: Path) -> None:
    p = tmp_path / "out.tsv"
    rows = [{"qid": "Q1", "label": 'قال "نعم"', "n": 3}, {"qid": "Q2", "label": None}]
    write_tsv(p, ["qid", "label", "n"], rows, comment="made by a test")
    assert p.read_text(encoding="utf-8").splitlines()[0] == "# made by a test"
    assert read_tsv(p) == [{"qid": "Q1", "label": 'قال "نعم"', "n": "3"}, {"qid": "Q2", "label": "", "n": ""}]
    with pytest.raises(TsvError, match="label holds a tab"):
        write_tsv(p, ["qid", "label"], [{"qid": "Q3", "label": "a\tb"}])
    assert read_tsv(p)[0]["qid"] == "Q1"  # the refused write changed nothing


# --- no copies left (issue 18: "no two copies of one of them anywhere in kg/") -------------------

_HAND_WRITTEN = re.compile(r"tempfile\.mkstemp|os\.replace\(|NamedTemporaryFile\(|\.split\(\"\\t\"\)|csv\.(Dict)?Reader\(")


#: Not TSV tables: CoNLL token<TAB>tag files without a header (kg/nlp/training.py reads corpora);
#: kg/evaluate is being rewritten by the lead and takes kg.io there.
_EXEMPT = {ROOT / "kg" / "io.py", ROOT / "kg" / "nlp" / "training.py"}


def test_no_hand_written_atomic_write_or_tsv_reader_outside_kg_io() -> None:
    offenders = []
    for folder in ("kg", "scripts", "bench"):
        for p in sorted((ROOT / folder).rglob("*.py")):
            if p in _EXEMPT or "evaluate" in p.parts:
                continue
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                if _HAND_WRITTEN.search(line):
                    offenders.append(f"{p.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
