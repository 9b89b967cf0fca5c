"""Train the project's own Arabic NER pipeline (PER / LOC / ORG / MISC) from the shared data sets.

Why a module of its own: the model in `models/ner` must be reproducible by one command (`make model`)
from the read-only data under `kg.paths.shared_data()`, with the ANERcorp test split kept for the final
figures only (never trained on, never used to pick a checkpoint).

Steps (each cached under `build/ner/`, which git ignores):
1. read ANERcorp train (+ AQMAR, + the Wojood sample) and map their tags onto PER/LOC/ORG/MISC;
2. hold out blocks of ANERcorp *train* sentences as the dev set used for checkpoint selection;
3. optionally train static word vectors with gensim on SaudiNewsNet + raw_arabic;
4. `spacy train` with `configs/ner_cnn.cfg` (or `configs/ner_trf.cfg` with `--encoder`), fixed seed;
5. evaluate on ANERcorp test, write `models/ner` (atomically) with the scores in meta.json.

Run: `.venv/bin/python -m kg.nlp.training [--out models/ner] [--encoder PATH]`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kg.paths import MODELS, ROOT, shared_data

BUILD = ROOT / "build" / "ner"
CONFIG_CNN = ROOT / "configs" / "ner_cnn.cfg"
CONFIG_TRF = ROOT / "configs" / "ner_trf.cfg"
MODEL_NAME = "kg_ner"
MODEL_VERSION = "0.1.0"
SEED = 0

ANERCORP_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
# AQMAR's MISC classes are article-specific (chemical elements, software…), so they are not ANERcorp
# MISC; they become *missing* (unknown) rather than O so that they neither teach MISC nor "not MISC".
AQMAR_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": None}
# Wojood: countries/cities are GPE; FAC (buildings) is closest to ANERcorp LOC. Types that ANERcorp would
# call MISC (events, laws, products…) are missing; DATE/OCC/NORP/numbers are plain O in ANERcorp too.
WOJOOD_MAP = {
    "PERS": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "EVENT": None, "LAW": None, "PRODUCT": None, "LANGUAGE": None, "WEBSITE": None,
}

SOURCES = {
    "anercorp": {
        "name": "ANERcorp (CAMeL Lab train/test split)",
        "url": "https://huggingface.co/datasets/asas-ai/ANERCorp",
        "license": "CC BY-SA 4.0",
        "author": "Benajiba, Rosso & Benedí (2007); split by Obeid et al. (2020)",
        "use": "NER training (train split, minus held-out dev blocks); test split for evaluation only",
    },
    "aqmar": {
        "name": "AQMAR Arabic Wikipedia Named Entity Corpus",
        "url": "http://www.cs.cmu.edu/~ark/ArabicNER/",
        "license": "CC BY-SA 3.0",
        "author": "Mohit, Schneider, Bhowmick, Oflazer & Smith (2012)",
        "use": "NER training (PER/LOC/ORG; MISC ignored)",
    },
    "wojood": {
        "name": "Wojood public sample (SinaLab/ArabicNER)",
        "url": "https://github.com/SinaLab/ArabicNER",
        "license": "MIT (repository licence)",
        "author": "Jarrar, Khalilia & Ghanem (2022)",
        "use": "NER training (PERS->PER, GPE/LOC/FAC->LOC, ORG->ORG)",
    },
    "saudinewsnet": {
        "name": "SaudiNewsNet",
        "url": "https://github.com/parallelfold/SaudiNewsNet",
        "license": "CC BY-NC-SA 4.0 (research / non-commercial only)",
        "author": "Mazen A. Alhagri (2015)",
        "use": "unlabelled text for the static word vectors",
    },
    "raw_arabic": {
        "name": "raw_arabic: Arabic Newspapers Corpus + Tashkeela2 (CCA, Al Jazeera)",
        "url": "https://github.com/Nasreddine/arabic_news_papers_for_llms ; https://github.com/linuxscout/tashkeela2",
        "license": "no licence stated (newspapers corpus) / GPL-3.0 (tashkeela2)",
        "author": "see shared/data/raw_arabic/SOURCE.md",
        "use": "unlabelled text for the static word vectors",
    },
}


class DataError(Exception):
    """Bad or missing input data; the message names the file and the cause."""


@dataclass
class Sentence:
    """One annotated sentence: tokens plus entity spans as (start, end, label-or-None) token offsets.

    A label of None means "unknown here" (missing annotation), used for classes a source has
    but we do not map, so the model is not taught that they are O.
    """

    words: list[str]
    spans: list[tuple[int, int, str | None]] = field(default_factory=list)


# --------------------------------------------------------------------------------------------- reading

def _bio_spans(tags: list[str], path: Path, line_no: int) -> list[tuple[int, int, str]]:
    """BIO tags -> (start, end, type). Orphan I- tags (ANERcorp has a few) start a new span."""
    spans: list[tuple[int, int, str]] = []
    start, cur = -1, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag == "-" or tag == "":
            kind, typ = "O", None
        elif len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
            kind, typ = tag[0], tag[2:]
        else:
            raise DataError(f"{path}:{line_no}: unknown tag {tag!r}")
        if cur is not None and (kind != "I" or typ != cur):
            spans.append((start, i, cur))
            cur = None
        if kind == "B" or (kind == "I" and cur is None):
            start, cur = i, typ
    return spans


def read_bio(path: Path, mapping: dict[str, str | None]) -> list[Sentence]:
    """Read a `token<TAB>tag` file (blank line between sentences, optional -DOCSTART- lines)."""
    if not path.is_file():
        raise DataError(f"{path}: file not found (is KG_SHARED_DATA set correctly?)")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush(line_no: int) -> None:
        if words:
            spans = []
            for s, e, typ in _bio_spans(tags, path, line_no):
                if typ not in mapping:
                    raise DataError(f"{path}:{line_no}: entity type {typ!r} has no mapping")
                spans.append((s, e, mapping[typ]))
            sentences.append(Sentence(list(words), spans))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                flush(line_no)
                continue
            if line.startswith("-DOCSTART-"):
                flush(line_no)
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0]:
                raise DataError(f"{path}:{line_no}: expected 'token<TAB>tag', got {line[:60]!r}")
            words.append(parts[0])
            tags.append(parts[1].strip())
        flush(line_no + 1 if sentences or words else 1)
    if not sentences:
        raise DataError(f"{path}: no sentences found")
    return sentences


def read_wojood_nested(path: Path, mapping: dict[str, str | None]) -> list[Sentence]:
    """Read Wojood's nested format (`token tag1 [tag2 …]`) and keep the outermost *mapped* spans.

    Why not the flat file: flattening keeps the outermost entity, so a GPE inside an OCC
    ("… في نابلس" inside a job title) would be lost and taught as O; here the OCC is ignored
    (it is O for us) and the inner GPE survives as LOC.
    """
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    sentences: list[Sentence] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        words = [r[0] for r in rows]
        spans: list[tuple[int, int, str]] = []
        open_: dict[str, int] = {}
        for i, r in enumerate(rows + [["", "O"]]):
            tags = {t for t in r[1:] if t != "O"}
            types_i = {t[2:] for t in tags if t.startswith("I-")}
            types_b = {t[2:] for t in tags if t.startswith("B-")}
            for typ in list(open_):
                if typ not in types_i or typ in types_b:
                    spans.append((open_.pop(typ), i, typ))
            for typ in types_b | {t for t in types_i if t not in open_}:
                open_[typ] = i
        kept: list[tuple[int, int, str | None]] = []
        taken = [False] * len(words)
        mapped = [(s, e, t) for s, e, t in spans if t in mapping]
        for s, e, t in sorted(mapped, key=lambda x: (-(x[1] - x[0]), x[0])):
            if not any(taken[s:e]):
                kept.append((s, e, mapping[t]))
                for k in range(s, e):
                    taken[k] = True
        sentences.append(Sentence(words, sorted(kept)))
        rows.clear()

    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                flush()
                continue
            if len(parts) < 2:
                raise DataError(f"{path}:{line_no}: expected 'token tag [tag…]', got {line.strip()[:60]!r}")
            if parts[0] == "$#$":  # source line-break marker, not a word
                continue
            rows.append(parts)
        flush()
    if not sentences:
        raise DataError(f"{path}: no sentences found")
    return sentences


def split_dev(sentences: list[Sentence], block: int = 40, every: int = 10) -> tuple[list[Sentence], list[Sentence]]:
    """Every `every`-th block of `block` consecutive sentences goes to dev.

    Blocks (not single sentences) because ANERcorp sentences are consecutive in their articles;
    a random sentence split would put the same story on both sides and flatter the dev score.
    """
    train, dev = [], []
    for i in range(0, len(sentences), block):
        (dev if (i // block) % every == every // 2 else train).extend(sentences[i:i + block])
    return train, dev


# --------------------------------------------------------------------------------------------- docs

def to_doc(vocab, sent: Sentence):
    """A spaCy Doc on the corpus tokens with entities; None-labelled spans are set as missing."""
    from spacy.tokens import Doc, Span

    doc = Doc(vocab, words=sent.words)
    ents = [Span(doc, s, e, label=lab) for s, e, lab in sent.spans if lab]
    missing = [Span(doc, s, e) for s, e, lab in sent.spans if not lab]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def write_docbin(path: Path, sentences: Iterable[Sentence]) -> int:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("ar").vocab
    # NORM is left out on purpose: a stored per-token NORM would override the vocab's NORM getter
    # (kg.nlp.features' clitic-aware table) at training time but not at run time.
    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    n = 0
    for s in sentences:
        db.add(to_doc(vocab, s))
        n += 1
    tmp = path.with_suffix(".tmp")
    db.to_disk(tmp)
    tmp.replace(path)
    return n


@dataclass
class Corpora:
    train: Path
    dev: Path
    counts: dict[str, int]
    sources: list[str]


def prepare_corpora(data: Path, use_aqmar: bool, use_wojood: bool, keep_misc: bool, limit: int = 0) -> Corpora:
    """Convert the shared BIO files to DocBins under build/ner/ (tagged by the options used)."""
    amap = dict(ANERCORP_MAP)
    if not keep_misc:
        amap["MISC"] = None
    aner = read_bio(data / "anercorp_camel" / "train.bio", amap)
    train, dev = split_dev(aner)
    sources = ["anercorp"]
    counts = {"anercorp_train": len(train), "anercorp_dev": len(dev)}
    if use_aqmar:
        extra = read_bio(data / "aqmar" / "aqmar.bio", AQMAR_MAP)
        train += extra
        counts["aqmar"] = len(extra)
        sources.append("aqmar")
    if use_wojood:
        extra = []
        for split in ("train", "val", "test"):  # a sample from another corpus: all of it is training data
            extra += read_wojood_nested(data / "wojood_sample" / f"{split}.nested.txt", WOJOOD_MAP)
        train += extra
        counts["wojood"] = len(extra)
        sources.append("wojood")
    if limit:
        train, dev = train[:limit], dev[: max(1, limit // 4)]
    BUILD.mkdir(parents=True, exist_ok=True)
    tag = "-".join(sources) + ("" if keep_misc else "-nomisc") + (f"-lim{limit}" if limit else "")
    train_path, dev_path = BUILD / f"train-{tag}.spacy", BUILD / f"dev-{tag}.spacy"
    write_docbin(train_path, train)
    write_docbin(dev_path, dev)
    return Corpora(train_path, dev_path, counts, sources)


def test_sentences(data: Path, keep_misc: bool = True) -> list[Sentence]:
    amap = dict(ANERCORP_MAP)
    if not keep_misc:
        amap["MISC"] = None
    return read_bio(data / "anercorp_camel" / "test.bio", amap)


# --------------------------------------------------------------------------------------------- vectors

def _raw_texts(data: Path) -> Iterator[str]:
    files = [data / "saudinewsnet" / "articles.jsonl.gz", *sorted((data / "raw_arabic").glob("*.jsonl.gz"))]
    for path in files:
        if not path.is_file():
            raise DataError(f"{path}: file not found")
        key = "content" if "saudinewsnet" in str(path) else "text"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{line_no}: bad JSON ({exc.msg})") from None
                text = rec.get(key) or ""
                if key == "content" and rec.get("title"):
                    text = rec["title"] + "\n" + text
                yield text


def build_vectors(data: Path, rows: int, dims: int, epochs: int) -> Path:
    """Train word2vec (skip-gram) on the raw news text and save a spaCy pipeline holding the top `rows`.

    Tokens come from spacy.blank("ar")'s tokenizer so the vector keys are exactly the ORTH values the
    NER model will look up. Cached by parameters: `build/ner/vectors-<rows>x<dims>-e<epochs>/`.
    """
    import numpy as np
    import spacy
    from spacy.vectors import Vectors

    out = BUILD / f"vectors-{rows}x{dims}-e{epochs}"
    if (out / "meta.json").is_file():
        return out
    BUILD.mkdir(parents=True, exist_ok=True)
    corpus = BUILD / "raw_tokens.txt"
    if not corpus.is_file():
        t0 = time.time()
        nlp = spacy.blank("ar")
        tmp = corpus.with_suffix(".tmp")
        n = 0
        with tmp.open("w", encoding="utf-8") as fh:
            for doc in nlp.tokenizer.pipe(_raw_texts(data), batch_size=256):
                toks = [t.text for t in doc if not t.is_space]
                n += len(toks)
                # gensim's corpus_file reader cuts lines at 10k words; articles are shorter.
                fh.write(" ".join(toks) + "\n")
        tmp.replace(corpus)
        print(f"[vectors] tokenised raw text: {n:,} tokens in {time.time() - t0:.0f}s", flush=True)
    from gensim.models import Word2Vec

    t0 = time.time()
    w2v = Word2Vec(corpus_file=str(corpus), vector_size=dims, window=5, min_count=5, sg=1, negative=5,
                   sample=1e-4, epochs=epochs, workers=2, seed=SEED)
    print(f"[vectors] word2vec trained in {time.time() - t0:.0f}s; vocab {len(w2v.wv):,}", flush=True)
    words = w2v.wv.index_to_key[:rows]  # sorted by frequency
    arr = np.asarray([w2v.wv[w] for w in words], dtype="float32")
    nlp = spacy.blank("ar")
    keys = [nlp.vocab.strings.add(w) for w in words]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=arr, keys=keys, name="kg_ar_w2v")
    tmpdir = Path(tempfile.mkdtemp(dir=BUILD, prefix=".vec-"))
    nlp.to_disk(tmpdir)
    tmpdir.replace(out)
    return out


# --------------------------------------------------------------------------------------------- eval

LABELS_ORDER = ["PER", "LOC", "ORG", "MISC"]


def evaluate(nlp, sentences: list[Sentence], spacy_tokens: bool = True) -> dict:
    """P/R/F1 on gold sentences. With `spacy_tokens` the text is re-tokenised by the pipeline's own
    tokenizer (what `kg` sees at run time) and aligned to the gold tokens by characters."""
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    for s in sentences:
        gold = to_doc(nlp.vocab, s)
        pred = nlp.make_doc(gold.text) if spacy_tokens else Doc(nlp.vocab, words=s.words)
        examples.append(Example(pred, gold))
    scores = nlp.evaluate(examples)
    per = {k: {m: round(v[m], 4) for m in ("p", "r", "f")} for k, v in (scores.get("ents_per_type") or {}).items()}
    core = [k for k in ("PER", "LOC", "ORG") if k in per]
    return {
        "p": round(scores["ents_p"], 4), "r": round(scores["ents_r"], 4), "f": round(scores["ents_f"], 4),
        "per_type": per,
        "macro_f_per_loc_org": round(sum(per[k]["f"] for k in core) / len(core), 4) if core else 0.0,
    }


# ANERcorp has 316 articles and ~5,200 sentences, ~16 per article, but the CAMeL split keeps no
# article boundaries; the document-level figure reads the test split in blocks of this many
# consecutive sentences (fixed before looking at any score).
DOC_BLOCK = 16


def as_documents(sentences: list[Sentence], block: int = DOC_BLOCK) -> list[Sentence]:
    """Consecutive sentences joined into pseudo-articles of `block` sentences."""
    out = []
    for i in range(0, len(sentences), block):
        words: list[str] = []
        spans: list[tuple[int, int, str | None]] = []
        for s in sentences[i : i + block]:
            off = len(words)
            words += s.words
            spans += [(a + off, b + off, t) for a, b, t in s.spans]
        out.append(Sentence(words, spans))
    return out


def evaluate_in_kg(model: Path | str, sentences: list[Sentence]) -> dict:
    """The model as `kg build` runs it (kg.nlp.pipeline.load_pipeline: sentence splitter and
    document-level name consistency added) on the test split read as documents."""
    from kg.nlp.pipeline import load_pipeline

    return evaluate(load_pipeline(str(model)), as_documents(sentences), spacy_tokens=True)


def _encoder_meta(encoder: Path | None) -> dict:
    """What a self-pretrained encoder learned from (kg_encoder.json, written by kg.nlp.encoder):
    a pipeline fine-tuned on it inherits its sources and its non-commercial licence."""
    if encoder is None or not (encoder / "kg_encoder.json").is_file():
        return {}
    info = json.loads((encoder / "kg_encoder.json").read_text(encoding="utf-8"))
    sources = info.get("sources") or []
    return {
        "license": info.get("license"),
        "sources": [s if isinstance(s, dict) else {"id": str(s)} for s in sources],
    }


def print_scores(title: str, sc: dict) -> None:
    print(f"\n{title}")
    print(f"  {'label':6} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"  {'ALL':6} {sc['p']:6.3f} {sc['r']:6.3f} {sc['f']:6.3f}")
    for lab in LABELS_ORDER:
        if lab in sc["per_type"]:
            v = sc["per_type"][lab]
            print(f"  {lab:6} {v['p']:6.3f} {v['r']:6.3f} {v['f']:6.3f}")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------------- train

def _atomic_replace_dir(src: Path, dest: Path) -> None:
    """Move a finished model dir into place so a crash never leaves a half-written models/ner."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.new-"))
    shutil.rmtree(staging)
    shutil.copytree(src, staging)
    old = None
    if dest.exists():
        old = dest.parent / f".{dest.name}.old-{int(time.time())}"
        dest.replace(old)
    staging.replace(dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m kg.nlp.training", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODELS / "ner", help="where to write the pipeline")
    ap.add_argument("--encoder", type=Path, default=None,
                    help="a Hugging Face encoder dir: train configs/ner_trf.cfg (spacy-transformers) instead of the CNN")
    ap.add_argument("--config", type=Path, default=None, help="override the config file")
    ap.add_argument("--no-vectors", action="store_true", help="do not train/use static word vectors")
    ap.add_argument("--vector-rows", type=int, default=40000)
    ap.add_argument("--vector-dims", type=int, default=100)
    ap.add_argument("--vector-epochs", type=int, default=5)
    ap.add_argument("--no-aqmar", action="store_true", help="leave AQMAR out of the training data")
    ap.add_argument("--no-wojood", action="store_true", help="leave the Wojood sample out of the training data")
    ap.add_argument("--no-misc", action="store_true", help="drop MISC (labels PER/LOC/ORG only)")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--eval-frequency", type=int, default=None, help="override training.eval_frequency")
    ap.add_argument("--limit", type=int, default=0, help="use only N training sentences / N test sentences (smoke tests)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra config override, e.g. components.tok2vec.model.encode.depth=6 (value is JSON)")
    ap.add_argument("--evaluate", type=Path, default=None, metavar="MODEL",
                    help="only score an existing pipeline on the ANERcorp test split (no training)")
    ap.add_argument("--tag", default=None, help="name for this run's scores in build/ner/runs/")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    args.argv = argv
    try:
        return _run(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _evaluate_only(model: Path, data: Path, limit: int = 0) -> int:
    """`--evaluate MODEL`: the figures of docs/ner.md for a pipeline on disk, without training."""
    import spacy

    if not (model / "meta.json").is_file():
        raise DataError(f"{model}: not a spaCy pipeline (no meta.json)")
    test = test_sentences(data)
    if limit:
        test = test[:limit]
    nlp = spacy.load(model)
    print_scores("ANERcorp test (spaCy tokenizer, aligned to gold):", evaluate(nlp, test, spacy_tokens=True))
    print_scores("ANERcorp test (gold tokens):", evaluate(nlp, test, spacy_tokens=False))
    print_scores(f"ANERcorp test as kg runs it (blocks of {DOC_BLOCK} sentences, name consistency):",
                 evaluate_in_kg(model, test))
    return 0


def _run(args: argparse.Namespace) -> int:
    import spacy
    from spacy.cli.train import train as spacy_train

    import kg.nlp.features  # noqa: F401  (registers kg.clitic_norms.v1 for [initialize.before_init])

    t_start = time.time()
    data = shared_data()
    if args.evaluate is not None:
        return _evaluate_only(args.evaluate, data, args.limit)
    trf = args.encoder is not None
    config = args.config or (CONFIG_TRF if trf else CONFIG_CNN)
    if not config.is_file():
        raise DataError(f"{config}: config file not found")
    if trf:
        try:
            import spacy_transformers  # noqa: F401
        except ImportError:
            raise DataError("--encoder needs spacy-transformers (pip install torch spacy-transformers)") from None
        if not (args.encoder / "config.json").is_file():
            raise DataError(f"{args.encoder}: not a Hugging Face model dir (no config.json)")

    keep_misc = not args.no_misc
    corpora = prepare_corpora(data, not args.no_aqmar, not args.no_wojood, keep_misc, args.limit)
    print(f"[data] {corpora.counts} -> {corpora.train.name}", flush=True)

    overrides: dict[str, object] = {
        "paths.train": str(corpora.train), "paths.dev": str(corpora.dev), "system.seed": SEED,
    }
    use_vectors = not args.no_vectors and not trf
    vec_path = None
    if use_vectors:
        vec_path = build_vectors(data, args.vector_rows, args.vector_dims, args.vector_epochs)
        overrides["paths.vectors"] = str(vec_path)
    elif not trf:
        overrides["components.tok2vec.model.embed.include_static_vectors"] = False
    if trf:
        overrides["components.transformer.model.name"] = str(args.encoder.resolve())
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    if args.eval_frequency is not None:
        overrides["training.eval_frequency"] = args.eval_frequency
    for item in args.set:
        key, sep, val = item.partition("=")
        if not sep:
            raise DataError(f"--set {item!r}: expected KEY=VALUE")
        try:
            overrides[key] = json.loads(val)
        except json.JSONDecodeError:
            overrides[key] = val

    run_dir = BUILD / "runs" / (args.tag or hashlib.sha1(json.dumps(overrides, sort_keys=True, default=str).encode()).hexdigest()[:10])
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    t0 = time.time()
    spacy_train(config, run_dir, overrides=overrides, use_gpu=-1)
    train_s = time.time() - t0
    best = run_dir / "model-best"

    nlp = spacy.load(best)
    test = test_sentences(data, keep_misc)
    if args.limit:
        test = test[: args.limit]
    scores = evaluate(nlp, test, spacy_tokens=True)
    scores_gold = evaluate(nlp, test, spacy_tokens=False)
    scores_kg = evaluate_in_kg(best, test)
    print_scores("ANERcorp test (spaCy tokenizer, aligned to gold):", scores)
    print_scores("ANERcorp test (gold tokens):", scores_gold)
    print_scores(f"ANERcorp test as kg runs it (blocks of {DOC_BLOCK} sentences, name consistency):", scores_kg)

    meta = nlp.meta
    dev_f = meta.get("performance", {}).get("ents_f")
    used = corpora.sources + (["saudinewsnet", "raw_arabic"] if use_vectors else [])
    meta.update({
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": (
            "Arabic named-entity recogniser for the kg diplomacy-news pipeline: "
            + ("spacy-transformers encoder" if trf else "spaCy CNN (tok2vec + ner)")
            + f" trained on {', '.join(corpora.sources)}"
            + (" with word2vec static vectors from SaudiNewsNet + raw_arabic" if use_vectors else "")
            + ". Labels: " + ", ".join(sorted(nlp.get_pipe("ner").labels)) + ". See docs/ner.md."
        ),
        "author": "kg project",
        "license": "CC BY-NC-SA 4.0" if use_vectors or _encoder_meta(args.encoder).get("license") else "CC BY-SA 4.0",
        "sources": [dict(SOURCES[s], id=s) for s in used] + _encoder_meta(args.encoder).get("sources", []),
        "kg_training": {
            "command": " ".join(["python -m kg.nlp.training", *args.argv]),
            "config": str(config.relative_to(ROOT)) if config.is_relative_to(ROOT) else str(config),
            "overrides": {k: v for k, v in overrides.items() if not k.startswith("paths.")},
            "seed": SEED,
            "corpus_sentences": corpora.counts,
            "vectors": (f"word2vec skip-gram {args.vector_rows}x{args.vector_dims}, {args.vector_epochs} epochs"
                        if use_vectors else None),
            "dev_ents_f": dev_f,
            "train_seconds": round(train_s),
        },
        "test_scores": {"split": "ANERcorp CAMeL test (959 sentences)" if not args.limit else f"first {args.limit} test sentences",
                        "spacy_tokenizer": scores, "gold_tokens": scores_gold,
                        f"kg_pipeline_blocks_of_{DOC_BLOCK}": scores_kg},
    })
    nlp.meta.update(meta)
    final = run_dir / "final"
    nlp.to_disk(final)
    (run_dir / "scores.json").write_text(json.dumps(meta["kg_training"] | {"test": meta["test_scores"]}, ensure_ascii=False, indent=2))
    _atomic_replace_dir(final, args.out)
    print(f"\n[done] wrote {args.out} in {time.time() - t_start:.0f}s total (training {train_s:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
