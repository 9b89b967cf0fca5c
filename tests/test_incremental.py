"""Streaming, parallel and incremental builds give the graph a full build gives, triple for triple;
an unchanged rebuild runs no NLP; the blocked event resolution equals the reference one."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.resolve.blocking as ri
from kg.build import build
from kg.paths import DATA
from kg.records import Article, ArticleRecords, DateValue, EntityRecord, EventRecord, Mention, Span
from kg.resolve.entities import resolve_entities
from kg.resolve.events import resolve, resolve_events
from kg.store.local import open_store

ARTICLES = DATA / "articles"


def dump(store: Path) -> list[str]:
    """The store's named graphs as sorted N-Quads (the default graph is their materialised union)."""
    st = open_store(store)
    named = (q for q in st if not isinstance(q.graph_name, ox.DefaultGraph))
    lines = sorted(ox.serialize(named, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    del st
    return lines


def full_build(folder: Path, tmp: Path) -> list[str]:
    store = tmp / "fresh"
    shutil.rmtree(store, ignore_errors=True)
    build([folder], store, incremental=False, retain=False)
    return dump(store)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return full_build(ARTICLES, tmp_path_factory.mktemp("ref"))


def test_unchanged_rebuild_runs_no_nlp_and_writes_nothing(corpus: Path, tmp_path: Path, reference) -> None:
    store = tmp_path / "store"
    first = build([corpus], store, retain=False)
    assert first.stats.extracted == len(list(corpus.glob("*.txt"))) and first.stats.reused == 0
    before = dump(store)
    assert before == reference
    again = build([corpus], store, retain=False)
    assert again.stats.extracted == 0 and again.stats.reused == first.stats.extracted
    assert again.stats.written == 0 and again.stats.rendered == 0
    assert "nlp" not in again.stats.seconds
    assert again.report.triples_written == first.report.triples_written
    assert dump(store) == before


def _change(path: Path) -> None:
    """Append the article's own first paragraph again: new spans, new mentions, same language."""
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    first = body.strip().split("\n")[0]
    path.write_text(text.rstrip("\n") + "\n" + first + "\n", encoding="utf-8")


def test_changed_article_touches_only_its_graph(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([corpus], store, retain=False)
    before = dump(store)
    victim = sorted(corpus.glob("*.txt"))[1]
    _change(victim)
    res = build([corpus], store, retain=False)
    assert res.stats.extracted == 1
    after = dump(store)
    assert after == full_build(corpus, tmp_path)
    assert after != before
    # Only graphs whose content changed were written: the changed article's, and others only if
    # what they take from resolution changed (checked by equality with the full build above).
    assert 1 <= res.stats.written < len(list(corpus.glob("*.txt")))


def test_added_article_equals_full_build(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first, *rest = sorted(corpus.glob("*.txt"))
    held_out = tmp_path / "later" / rest[-1].name
    held_out.parent.mkdir()
    shutil.move(rest[-1], held_out)
    build([corpus], store, retain=False)
    shutil.move(held_out, corpus / held_out.name)
    res = build([corpus], store, retain=False)
    assert res.stats.extracted == 1 and res.stats.reused == len(rest)
    assert dump(store) == full_build(corpus, tmp_path)


def union(store: Path) -> set[tuple]:
    st = open_store(store)
    out = {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    del st
    return out


def test_removed_article_leaves_the_store_with_prune(corpus: Path, tmp_path: Path) -> None:
    """--prune: an article deleted from the folder loses its graph, and its triples leave the
    union default graph, as if the store had been built without it; the build says so before
    any NLP."""
    store = tmp_path / "store"
    build([corpus], store, retain=False)
    gone = sorted(corpus.glob("*.txt"))[-1]
    gone.unlink()
    events: list[str] = []
    res = build([corpus], store, retain=False, prune=True, on_notice=lambda m: events.append("notice: " + m),
                on_progress=lambda aid: events.append("article " + aid))
    assert res.report.removed == [gone.stem] and res.stats.extracted == 0
    assert events[0].startswith("notice: --prune: will remove the graphs of 1 article") and gone.stem in events[0]
    assert dump(store) == full_build(corpus, tmp_path)
    assert union(store) == union(tmp_path / "fresh")


def test_removed_article_stays_without_prune(corpus: Path, tmp_path: Path) -> None:
    """Without --prune the store keeps what it was given (rsync without --delete)."""
    store = tmp_path / "store"
    build([corpus], store, retain=False)
    before = dump(store)
    gone = sorted(corpus.glob("*.txt"))[-1]
    gone.unlink()
    res = build([corpus], store, retain=False)
    assert res.report.kept == [gone.stem] and not res.report.removed and res.stats.extracted == 0
    assert dump(store) == before


def test_new_folder_adds_to_the_store(tmp_path: Path) -> None:
    """`kg build new_folder/` into a store of other articles adds them: the earlier articles stay,
    resolved together with the new ones from their cached records (no NLP for them), so the
    store equals one clean build of both folders."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    files = sorted(ARTICLES.glob("*.txt"))
    for f in files[:3]:
        shutil.copy(f, first)
    for f in files[3:]:
        shutil.copy(f, second)
    store = tmp_path / "store"
    build([first], store, retain=False)
    res = build([second], store, retain=False)
    assert res.stats.extracted == len(files) - 3 and res.stats.reused == 3
    assert res.report.kept == sorted(f.stem for f in files[:3]) and not res.report.removed
    clean = tmp_path / "clean"
    build([first, second], clean, retain=False, incremental=False)
    assert dump(store) == dump(clean)
    assert union(store) == union(clean)


def test_removed_article_is_kept_when_files_were_skipped(corpus: Path, tmp_path: Path) -> None:
    """A file that no longer reads is not a file the user removed: its graph stays, even with
    --prune, and the build says beforehand that it will remove nothing."""
    store = tmp_path / "store"
    build([corpus], store, retain=False)
    before = dump(store)
    broken = sorted(corpus.glob("*.txt"))[-1]
    broken.write_bytes(b"\xff\xfe\x00 not utf-8 \x81")
    notices: list[str] = []
    res = build([corpus], store, retain=False, prune=True, on_notice=notices.append)
    assert res.report.errors and res.report.kept == [broken.stem] and not res.report.removed
    assert any("nothing will be removed" in n for n in notices)
    assert dump(store) == before


@pytest.mark.parametrize("prune", [False, True])
def test_empty_input_leaves_a_full_store_as_it_was(corpus: Path, tmp_path: Path, prune: bool) -> None:
    """The data-loss case of issue 15: a build that reads nothing (an empty folder) into a full
    store used to remove every graph. Now the store, its manifest and its records stay as they
    were, and the command exits 2 saying so."""
    from typer.testing import CliRunner

    from kg.cli import app

    store = tmp_path / "store"
    build([corpus], store, retain=False)
    before = dump(store)
    state = store / "kg-build"
    manifest = (state / "manifest.json").read_bytes()
    records = sorted(p.name for p in (state / "records").iterdir())
    empty = tmp_path / "empty"
    empty.mkdir()
    res = build([empty], store, retain=False, prune=prune)
    assert res.report.articles == 0 and not res.report.removed
    assert dump(store) == before
    cli = CliRunner().invoke(app, ["build", str(empty), "--store", str(store), "-q"] + (["--prune"] if prune else []))
    assert cli.exit_code == 2 and "no article could be read; the store was left as it was" in cli.output
    assert dump(store) == before
    assert (state / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in (state / "records").iterdir()) == records
    assert not (state / "journal").exists()


def test_code_change_invalidates_records(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    import kg.build.engine as pr

    store = tmp_path / "store"
    build([corpus], store, retain=False)
    monkeypatch.setattr(pr, "extract_fingerprint", lambda model: "something else")
    res = build([corpus], store, retain=False)
    assert res.stats.extracted == len(list(corpus.glob("*.txt")))


def test_out_file_streams_the_same_nquads(tmp_path: Path) -> None:
    from kg.build import build_graphs
    from kg.build.engine import stored_nquads
    from kg.rdf.writer import sorted_nquads

    out = tmp_path / "g.nq"
    build([ARTICLES], tmp_path / "store", out, retain=False)
    expected = "\n".join(stored_nquads(sorted_nquads(build_graphs([ARTICLES]).graphs))) + "\n"
    assert out.read_text(encoding="utf-8") == expected
    trig = tmp_path / "g.trig"
    build([ARTICLES], tmp_path / "store2", trig, retain=False)
    ds = ox.Store()
    ds.load(path=str(trig), format=ox.RdfFormat.TRIG)
    got = sorted(ds.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    assert got == dump(tmp_path / "store2")


def test_two_workers_give_the_same_graph(tmp_path: Path, reference) -> None:
    res = build([ARTICLES], tmp_path / "store", jobs=2, retain=False)
    assert res.stats.extracted == len(list(ARTICLES.glob("*.txt")))
    assert dump(tmp_path / "store") == reference


# --- blocked event resolution -----------------------------------------------------------------


def _synthetic(seed: int, n_articles: int = 60) -> list[ArticleRecords]:
    """Random articles over a small cast, so that many reports share people, places and dates."""
    rnd = random.Random(seed)
    people = ["أحمد سالم", "خالد ناصر", "سيرغي لافروف", "فؤاد حسين", "محمد علي", "جون كيري"]
    places = ["بغداد", "موسكو", "الرياض"]
    start = date(2025, 1, 1)
    out = []
    for a in range(n_articles):
        ents, evs = [], []
        for i, name in enumerate(rnd.sample(people, 3)):
            e = EntityRecord(local_id=f"p{i}", type="Person", name=name)
            e.mentions.append(Mention(name, Span(0, len(name)), Span(0, 50)))
            ents.append(e)
        city = rnd.choice(places)
        pl = EntityRecord(local_id="l0", type="City", name=city)
        pl.mentions.append(Mention(city, Span(0, len(city)), Span(0, 50)))
        ents.append(pl)
        for k in range(rnd.randint(1, 3)):
            etype = rnd.choice(["Meeting", "PhoneCall", "Visit", "Statement", "Agreement"])
            who = rnd.sample([e.local_id for e in ents[:3]], rnd.randint(1, 3))
            when = rnd.choice([None, None, "2025-01-05", "2025-02-10", "2025-03"])
            evs.append(EventRecord(
                local_id=f"e{k}", type=etype, trigger="التقى", evidence=Span(0, 40),  # type: ignore[arg-type]
                modality=rnd.choice(["occurred", "occurred", "planned"]),  # type: ignore[arg-type]
                participants=who, place="l0" if rnd.random() < 0.7 else None,
                date=DateValue(when, "gYearMonth" if len(when) == 7 else "date") if when else None,
            ))
        published = None if rnd.random() < 0.15 else start + timedelta(days=rnd.randint(0, 90))
        art = Article(id=f"a{a:03d}", text="", published=published, outlet=rnd.choice(["x", "y", "z"]))
        out.append(ArticleRecords(art, ents, evs))
    return out


def _partition(events: dict) -> set[tuple]:
    return {(ev.key, ev.type, tuple(ev.members), ev.date, ev.date_from, tuple(ev.inferred_in), tuple(sorted(ev.outlets)))
            for ev in events.values()}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("small", [ri.SMALL_BLOCK, 2])
def test_blocked_event_resolution_equals_reference(seed: int, small: int, monkeypatch) -> None:
    monkeypatch.setattr(ri, "SMALL_BLOCK", small)  # 2 forces the windowed path on every block
    records = _synthetic(seed)
    entities = resolve_entities(records)
    ref = resolve_events(records, entities)
    got = ri.resolve_events_blocked(records, entities)
    assert got.keys() == ref.keys()
    assert _partition(got) == _partition(ref)
    assert any(len(ev.members) > 1 for ev in ref.values())  # the data does fuse reports


def test_slices_render_the_same_graph() -> None:
    from kg.build import build_graphs
    from kg.rdf.writer import article_graph, sorted_nquads

    result = build_graphs([ARTICLES])
    res = resolve(result.records)
    assert _partition(res.events) == _partition(ri.resolve_scalable(result.records).events)
    for rec, g in zip(result.records, result.graphs):
        sl = ri.article_slice(rec, result.resolution)
        assert sorted_nquads([article_graph(rec, sl)]) == sorted_nquads([g])
