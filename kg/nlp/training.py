"""Train the project's own Arabic NER pipeline (PER / LOC / ORG / MISC) from the shared data sets.

Why a module of its own: the model in `models/ner` must be reproducible by one command (`make model`)
from the read-only data under `kg.paths.shared_data()`, with the ANERcorp test split kept for the final
figures only (never trained on, never used to pick a checkpoint).

Steps (each cached under `build/ner/`, which git ignores):
1. read ANERcorp train (+ AQMAR, + the Wojood sample, + CAraNER with --caraner) and map their tags
   onto PER/LOC/ORG/MISC; add name-swapped copies of the sentences with persons (kg.nlp.augment);
2. hold out blocks of ANERcorp *train* sentences as the dev set used for checkpoint selection;
3. train static word vectors (gensim word2vec, or floret) on SaudiNewsNet + raw_arabic (+ raw_arabic_more);
   optionally `spacy pretrain` the tok2vec on the raw text (--pretrain-words);
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

from kg.paths import MODELS, ROOT, news_dev_split, shared_data

BUILD = ROOT / "build" / "ner"
CONFIG_CNN = ROOT / "configs" / "ner_cnn.cfg"
CONFIG_TRF = ROOT / "configs" / "ner_trf.cfg"
CONFIG_PRETRAIN = ROOT / "configs" / "ner_pretrain.cfg"
MODEL_NAME = "kg_ner"
MODEL_VERSION = "0.2.0"
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
# CAraNER: TITLE (honorifics, job titles) and MISC (events, diseases, products) mean something else than
# ANERcorp's tags, so both are missing: neither "MISC" nor "not an entity" is taught from them.
CARANER_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": None, "TITLE": None}

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
    "caraner": {
        "name": "CAraNER: COVID-19 Arabic Named Entity Corpus",
        "url": "https://github.com/kacst-ncdaai/caraner",
        "license": "none stated (research use only; not redistributable)",
        "author": "KACST (WANLP 2022)",
        "use": "NER training (PERS->PER, LOC, ORG; TITLE and MISC missing); orphan I- tags repaired",
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
    "raw_arabic_more": {
        "name": "raw_arabic_more: Arabic Wikipedia (comparableWikiCoprus, 2017) + ASND news posts",
        "url": "https://github.com/motazsaad/comparableWikiCoprus ; https://github.com/shammur/Arabic_news_text_classification_datasets",
        "license": "CC BY-SA 4.0 (Wikipedia) / no licence stated (ASND posts)",
        "author": "Saad & Alijla (2017); Chowdhury et al. (2020)",
        "use": "unlabelled text for the static word vectors",
    },
    "person_names_wikidata": {
        "name": "Wikidata person-name tokens, English->Arabic (Merhav & Ash 2018)",
        "url": "https://github.com/steveash/NETransliteration-COLING2018",
        "license": "CC0 1.0",
        "author": "Merhav & Ash (2018), from Wikidata",
        "use": "name-swap augmentation of training sentences (names not stored in the model)",
    },
    "in_domain_gold": {
        "name": "kg gold persons of diplomatic news articles (data/gold: news_dev tune split, samples, SaudiNewsNet and meetings tune sets)",
        "url": "data/gold/ (articles in ../shared/data: news_dev, saudinewsnet, raw_arabic)",
        "license": "gold: the project's; articles: see each folder's SOURCE.md (SaudiNewsNet CC BY-NC-SA 4.0, Arabic Newspapers Corpus no licence stated: research use)",
        "author": "kg project annotators",
        "use": "PER spans from hand-written gold (LOC/ORG from the previous model) on in-domain sentences; check split and held-out set never used",
    },
    "wikidata_persons": {
        "name": "Wikidata office-holders (every-politician-scrapers), Arabic labels",
        "url": "https://github.com/every-politician-scrapers",
        "license": "CC0 1.0 (Wikidata)",
        "author": "Wikidata contributors; Tony Bowden",
        "use": "name-swap augmentation of training sentences (names not stored in the model)",
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


# Words that never belong inside a name span: an orphan I- after one of these starts a new span.
_GAP_WORDS = frozenset("في من إلى الى على عن مع و أو ثم بين حتى منذ لدى عند".split())


def repair_orphans(words: list[str], tags: list[str]) -> list[str]:
    """Repair orphan I- tags (an I-X not preceded by B-X/I-X), as CAraNER has 133 of them.

    Why not just I->B: in CAraNER most orphans are annotation slips inside one name, e.g.
    `جامعة/B-ORG الملك/I-ORG فهد/O للبترول/I-ORG` or `الأمير فهد/O بن/I-PERS جلوي/I-PERS`, where I->B would
    cut the name in two and teach a wrong boundary. So, for an orphan I-X after an O word w:
    - X inside-gap: the tag before w is X and w is a content word → w becomes I-X (the gap is bridged);
    - PERS/ORG with a missed first word: w is a content word → w becomes B-X (names and organisations
      start with a content word; LOC/MISC/TITLE do not get this, `من/O المملكة/I-LOC`);
    - otherwise (punctuation, a preposition, after another type) → the orphan becomes B-X.
    """
    out = list(tags)
    for i, tag in enumerate(tags):
        if not tag.startswith("I-"):
            continue
        typ = tag[2:]
        prev = out[i - 1] if i else "O"
        if prev != "O" and prev[2:] == typ:
            continue
        w = words[i - 1] if i else ""
        content = prev == "O" and any(c.isalpha() for c in w) and w not in _GAP_WORDS
        before = out[i - 2] if i >= 2 else "O"
        if content and before != "O" and before[2:] == typ:
            out[i - 1] = f"I-{typ}"
        elif content and typ in ("PERS", "PER", "ORG"):
            out[i - 1] = f"B-{typ}"
        else:
            out[i] = f"B-{typ}"
    return out


def read_bio(path: Path, mapping: dict[str, str | None], repair: bool = False) -> list[Sentence]:
    """Read a `token<TAB>tag` file (blank line between sentences, optional -DOCSTART- lines).

    `repair`: fix orphan I- tags with `repair_orphans` first (otherwise an orphan starts a new span)."""
    if not path.is_file():
        raise DataError(f"{path}: file not found (is KG_SHARED_DATA set correctly?)")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush(line_no: int) -> None:
        if words:
            spans = []
            for s, e, typ in _bio_spans(repair_orphans(words, tags) if repair else tags, path, line_no):
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


def parse_in_domain(spec: str) -> tuple[Path, Path, bool]:
    """`GOLD_DIR:ARTICLES_DIR[:tune]` → (gold dir, articles dir, tune split only). A held-out set
    is refused: it is scored, never trained on."""
    parts = spec.split(":")
    if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] != "tune"):
        raise DataError(f"--in-domain {spec!r}: expected GOLD_DIR:ARTICLES_DIR[:tune]")
    gold, articles = Path(parts[0]), Path(parts[1])
    if "heldout" in gold.name or gold.name == "news_dev" and len(parts) == 2:
        raise DataError(f"--in-domain {spec!r}: {gold.name} is scored, never trained on"
                        + (" (add :tune for the tune split of news_dev)" if gold.name == "news_dev" else ""))
    if not gold.is_dir() or not articles.is_dir():
        raise DataError(f"--in-domain {spec!r}: {gold if not gold.is_dir() else articles} is not a folder")
    return gold, articles, len(parts) == 3


def _check_split(article: str) -> bool:
    """Is the article in the news development set's check split (`kg.paths.news_dev_split`)?"""
    return news_dev_split(article) == "check"


def in_domain_corpus(specs: list[str], reference: Path) -> tuple[list[Sentence], int]:
    """Sentences of the gold articles of `specs` (kg.nlp.in_domain), with the reference model's
    places and organisations; and the number of articles."""
    import spacy

    from kg.nlp.in_domain import InDomainError, in_domain_sentences

    nlp = spacy.load(reference)
    out: list[Sentence] = []
    total = 0
    for spec in specs:
        gold, articles, tune_only = parse_in_domain(spec)
        try:
            sents, n = in_domain_sentences(gold, articles, nlp, _check_split if tune_only else (lambda _: False))
        except InDomainError as exc:
            raise DataError(str(exc)) from None
        out += [Sentence(w, sp) for w, sp in sents]
        total += n
    return out, total


def prepare_corpora(data: Path, use_aqmar: bool, use_wojood: bool, keep_misc: bool, limit: int = 0,
                    use_caraner: bool = False, augment: int = 0, in_domain: list[str] | None = None,
                    reference: Path | None = None) -> Corpora:
    """Convert the shared BIO files (and the in-domain gold articles) to DocBins under build/ner/
    (tagged by the options used)."""
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
    if use_caraner:
        extra = read_bio(data / "caraner" / "caraner.bio", CARANER_MAP, repair=True)
        train += extra
        counts["caraner"] = len(extra)
        sources.append("caraner")
    if in_domain:
        extra, n_articles = in_domain_corpus(in_domain, reference or MODELS / "ner")
        train += extra
        counts["in_domain"] = len(extra)
        counts["in_domain_articles"] = n_articles
        sources.append("in_domain_gold")
    if augment:
        from kg.nlp.augment import NameDataError, augment_names

        try:
            swapped = augment_names([(t.words, t.spans) for t in train], data, copies=augment, seed=SEED)
        except NameDataError as exc:
            raise DataError(str(exc)) from None
        extra = [Sentence(w, sp) for w, sp in swapped]
        train += extra
        counts["name_swaps"] = len(extra)
        sources += ["person_names_wikidata", "wikidata_persons"]
    if limit:
        train, dev = train[:limit], dev[: max(1, limit // 4)]
    BUILD.mkdir(parents=True, exist_ok=True)
    if in_domain:
        sources_tag = "-".join(sources) + "-" + hashlib.sha1("|".join(in_domain).encode()).hexdigest()[:8]
    else:
        sources_tag = "-".join(sources)
    tag = sources_tag + (f"-aug{augment}" if augment else "") + ("" if keep_misc else "-nomisc") + (f"-lim{limit}" if limit else "")
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

# Unlabelled text for the vectors / pretraining. raw_arabic_more
# (Arabic Wikipedia + news posts, 8.3M words) was added in issue 17; `more=False` gives the 13.2M-token
# corpus of the vectors shipped in 0.1.0.
def raw_files(data: Path, more: bool = True) -> list[Path]:
    files = [data / "saudinewsnet" / "articles.jsonl.gz", *sorted((data / "raw_arabic").glob("*.jsonl.gz"))]
    if more:
        files += sorted((data / "raw_arabic_more").glob("*.jsonl.gz"))
    for path in files:
        if not path.is_file():
            raise DataError(f"{path}: file not found")
    return files


def _raw_texts(data: Path, more: bool = True) -> Iterator[str]:
    for path in raw_files(data, more):
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


def raw_token_file(data: Path, more: bool = True) -> Path:
    """The raw text tokenised by spacy.blank("ar") (the NER's own tokenizer, so vector keys are exactly the
    ORTH values the model looks up), one document a line; cached under build/ner/."""
    BUILD.mkdir(parents=True, exist_ok=True)
    corpus = BUILD / ("raw_tokens_all.txt" if more else "raw_tokens.txt")
    if corpus.is_file():
        return corpus
    import spacy

    t0 = time.time()
    nlp = spacy.blank("ar")
    tmp = corpus.with_suffix(".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for doc in nlp.tokenizer.pipe(_raw_texts(data, more), batch_size=256):
            toks = [t.text for t in doc if not t.is_space]
            n += len(toks)
            # gensim's corpus_file reader cuts lines at 10k words; split long documents (Wikipedia) there.
            for i in range(0, len(toks), 10000):
                fh.write(" ".join(toks[i:i + 10000]) + "\n")
    tmp.replace(corpus)
    print(f"[vectors] tokenised raw text: {n:,} tokens in {time.time() - t0:.0f}s -> {corpus.name}", flush=True)
    return corpus


def build_vectors(data: Path, rows: int, dims: int, epochs: int, kind: str = "w2v", more: bool = True,
                  minn: int = 3, maxn: int = 5, cbow: bool = False) -> Path:
    """Train static vectors on the raw text and save them as a spaCy pipeline (vocab only).

    kind "w2v": gensim word2vec, skip-gram or (`cbow`) CBOW; the `rows` most frequent forms are kept (a form outside them
    gets no vector). kind "floret": floret cbow with character n-grams (`minn`..`maxn`) hashed,
    with the word itself, into `rows` buckets (hash count 2): every form gets a vector, so an unseen
    transliterated name or a clitic-prefixed form («وبالقاهرة») still gets one from its pieces, and the table
    stays `rows`×`dims` whatever the vocabulary. Cached by parameters under `build/ner/vectors-…/`.
    """
    import numpy as np
    import spacy
    from spacy.vectors import Vectors

    if kind not in ("w2v", "floret"):
        raise DataError(f"--vector-kind {kind!r}: expected w2v or floret")
    tag = (f"{rows}x{dims}-e{epochs}" + ("" if kind == "w2v" else f"-floret{minn}{maxn}")
           + ("-cbow" if cbow and kind == "w2v" else "") + ("-all" if more else ""))
    out = BUILD / f"vectors-{tag}"
    if (out / "meta.json").is_file():
        return out
    corpus = raw_token_file(data, more)
    t0 = time.time()
    nlp = spacy.blank("ar")
    if kind == "w2v":
        from gensim.models import Word2Vec

        w2v = Word2Vec(corpus_file=str(corpus), vector_size=dims, window=5, min_count=5, sg=0 if cbow else 1, negative=5,
                       sample=1e-4, epochs=epochs, workers=2, seed=SEED)
        print(f"[vectors] word2vec trained in {time.time() - t0:.0f}s; vocab {len(w2v.wv):,}", flush=True)
        words = w2v.wv.index_to_key[:rows]  # sorted by frequency
        arr = np.asarray([w2v.wv[w] for w in words], dtype="float32")
        keys = [nlp.vocab.strings.add(w) for w in words]
        nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=arr, keys=keys, name="kg_ar_w2v")
    else:
        import floret
        from spacy.training.initialize import convert_vectors

        model = floret.train_unsupervised(
            # cbow, as spaCy's own floret tables: on this CPU skip-gram with n-grams would take > 1 h
            str(corpus), model="cbow", mode="floret", hashCount=2, bucket=rows, minn=minn, maxn=maxn,
            dim=dims, epoch=epochs, minCount=5, ws=5, neg=5, t=1e-4, thread=2, verbose=2)
        print(f"[vectors] floret trained in {time.time() - t0:.0f}s; vocab {len(model.words):,}", flush=True)
        table = BUILD / f"vectors-{tag}.floret"  # text: header (buckets dims minn maxn hashes seed bow eow), rows
        model.save_floret_vectors(str(table))
        convert_vectors(nlp, table, truncate=0, prune=-1, name="kg_ar_floret", mode="floret")
        if nlp.vocab.vectors.shape != (rows, dims):
            raise DataError(f"{table}: a {nlp.vocab.vectors.shape} table, expected {(rows, dims)}")
    tmpdir = Path(tempfile.mkdtemp(dir=BUILD, prefix=".vec-"))
    nlp.to_disk(tmpdir)
    (tmpdir / "kg_vectors.json").write_text(json.dumps(
        {"sources": [p.parent.name for p in raw_files(data, more)] if data.is_dir() else [], "tag": tag}), encoding="utf-8")
    tmpdir.replace(out)
    return out


def pretrain_tok2vec(data: Path, config: Path, vectors: Path | None, max_words: int, more: bool = True,
                     overrides: dict | None = None) -> Path:
    """`spacy pretrain` of the tok2vec of `config` on (the first `max_words` tokens of) the raw text.

    The pretraining config is `config` plus configs/ner_pretrain.cfg, with the same vectors, so the
    weights fit the NER's tok2vec exactly. The raw token file is cut into pieces of at most 100
    tokens at sentence ends (JsonlCorpus skips documents over 500), and every k-th document is taken so
    that `max_words` tokens come from all sources. One pass; `max_words` bounds the time (cached as
    build/ner/pretrain-<vectors>-<max_words>/model-last.bin).
    """
    from spacy.training.pretrain import pretrain
    from spacy.util import load_config

    out = BUILD / f"pretrain-{vectors.name if vectors else 'novec'}-{max_words}"
    weights = out / "model-last.bin"
    if weights.is_file():
        return weights
    jsonl = BUILD / f"pretrain-text-{max_words}{'-all' if more else ''}.jsonl"
    if not jsonl.is_file():
        corpus = raw_token_file(data, more)
        with corpus.open(encoding="utf-8") as src:  # every k-th document, so every source is in the sample
            stride = max(1, sum(len(line.split()) for line in src) // max_words)
        n = 0
        tmp = jsonl.with_suffix(".tmp")
        with corpus.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as fh:
            for line_no, line in enumerate(src):
                if line_no % stride:
                    continue
                piece: list[str] = []
                for tok in line.split():
                    piece.append(tok)
                    if (tok in {".", "!", "؟", "?"} and len(piece) >= 5) or len(piece) >= 100:
                        fh.write(json.dumps({"text": " ".join(piece)}, ensure_ascii=False) + "\n")
                        n += len(piece)
                        piece = []
                if n >= max_words:
                    break
        tmp.replace(jsonl)
    cfg = load_config(config, overrides={k: v for k, v in (overrides or {}).items() if not k.startswith("paths.")},
                      interpolate=False)
    cfg = cfg.merge(load_config(CONFIG_PRETRAIN, interpolate=False))
    cfg["paths"]["raw_text"] = str(jsonl)
    cfg["paths"]["vectors"] = str(vectors) if vectors else None
    if vectors is None:
        cfg["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] = False
    cfg["system"]["seed"] = SEED
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    t0 = time.time()
    pretrain(cfg.interpolate(), out, use_gpu=-1, silent=False)
    print(f"[pretrain] {max_words:,} words in {time.time() - t0:.0f}s -> {weights}", flush=True)
    return weights


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
    ap.add_argument("--vector-rows", type=int, default=50000)
    ap.add_argument("--vector-dims", type=int, default=100)
    ap.add_argument("--vector-epochs", type=int, default=5)
    ap.add_argument("--vector-kind", choices=["w2v", "floret"], default="w2v",
                    help="w2v: word2vec, one row per frequent form; floret: hashed words + character n-grams")
    ap.add_argument("--vector-cbow", action=argparse.BooleanOptionalAction, default=True,
                    help="word2vec CBOW (default; --no-vector-cbow: skip-gram, about 4x the CPU)")
    ap.add_argument("--raw-more", action=argparse.BooleanOptionalAction, default=True,
                    help="vectors from raw_arabic_more too (Arabic Wikipedia + news posts, +8.3M words)")
    ap.add_argument("--no-aqmar", action="store_true", help="leave AQMAR out of the training data")
    ap.add_argument("--no-wojood", action="store_true", help="leave the Wojood sample out of the training data")
    ap.add_argument("--no-misc", action="store_true", help="drop MISC (labels PER/LOC/ORG only)")
    ap.add_argument("--caraner", action=argparse.BooleanOptionalAction, default=False,
                    help="add CAraNER (research use only, no licence stated) to the training data")
    ap.add_argument("--augment-names", type=int, default=1, metavar="N",
                    help="add N copies of each PER-bearing training sentence with its names swapped for other real names (0: none)")
    ap.add_argument("--pretrain-words", type=int, default=1_000_000, metavar="N",
                    help="`spacy pretrain` the tok2vec on N raw-text tokens first and start NER training from it (0: none)")
    ap.add_argument("--vectors-from", type=Path, default=None, metavar="DIR",
                    help="take the static vectors from this spaCy pipeline dir instead of training them")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--eval-frequency", type=int, default=None, help="override training.eval_frequency")
    ap.add_argument("--limit", type=int, default=0, help="use only N training sentences / N test sentences (smoke tests)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra config override, e.g. components.tok2vec.model.encode.depth=6 (value is JSON)")
    ap.add_argument("--in-domain", action="append", default=[], metavar="GOLD_DIR:ARTICLES_DIR[:tune]",
                    help="add the persons of these gold articles as training sentences (kg.nlp.in_domain); "
                         ":tune keeps the tune split of the news development set only")
    ap.add_argument("--reference", type=Path, default=MODELS / "ner", metavar="MODEL",
                    help="the model whose places and organisations label the in-domain sentences")
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

    if trf:  # the transformer path brings its own pretrained encoder; no tok2vec to pretrain
        args.pretrain_words = 0
    keep_misc = not args.no_misc
    corpora = prepare_corpora(data, not args.no_aqmar, not args.no_wojood, keep_misc, args.limit,
                              use_caraner=args.caraner, augment=args.augment_names, in_domain=args.in_domain,
                              reference=args.reference)
    print(f"[data] {corpora.counts} -> {corpora.train.name}", flush=True)

    overrides: dict[str, object] = {
        "paths.train": str(corpora.train), "paths.dev": str(corpora.dev), "system.seed": SEED,
    }
    use_vectors = not args.no_vectors and not trf
    vec_path = None
    if use_vectors:
        if args.vectors_from is not None:
            if not (args.vectors_from / "vocab").is_dir():
                raise DataError(f"{args.vectors_from}: not a spaCy pipeline dir (no vocab/)")
            vec_path = args.vectors_from
        else:
            vec_path = build_vectors(data, args.vector_rows, args.vector_dims, args.vector_epochs,
                                     kind=args.vector_kind, more=args.raw_more, cbow=args.vector_cbow)
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

    if args.pretrain_words and not trf:
        extra = {k: v for k, v in overrides.items() if k.startswith("components.")}
        overrides["paths.init_tok2vec"] = str(pretrain_tok2vec(data, config, vec_path, args.pretrain_words,
                                                               more=args.raw_more, overrides=extra))
        # spaCy loads [paths] init_tok2vec only when the config has a non-empty [pretraining] section
        # (Language.initialize), so train with the merged config that pretrained it.
        from spacy.util import load_config

        merged = load_config(config, interpolate=False).merge(load_config(CONFIG_PRETRAIN, interpolate=False))
        BUILD.mkdir(parents=True, exist_ok=True)
        config = BUILD / f"{config.stem}+pretrain.cfg"
        merged.to_disk(config)
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
    raw_used = ["saudinewsnet", "raw_arabic"] + (["raw_arabic_more"] if args.raw_more else [])
    info = (args.vectors_from / "kg_vectors.json") if args.vectors_from is not None else None
    if info is not None and info.is_file():  # vectors of an earlier build_vectors: it recorded its sources
        order = ["saudinewsnet", "raw_arabic", "raw_arabic_more"]
        raw_used = sorted(set(json.loads(info.read_text(encoding="utf-8"))["sources"]) & set(order), key=order.index)
    used = corpora.sources + (raw_used if use_vectors or args.pretrain_words else [])
    vec_desc = None
    if use_vectors:
        vec_desc = (f"vectors from {args.vectors_from}" if args.vectors_from is not None else
                    f"{'floret cbow' if args.vector_kind == 'floret' else 'word2vec ' + ('CBOW' if args.vector_cbow else 'skip-gram')} {args.vector_rows}x"
                    f"{args.vector_dims}, {args.vector_epochs} epochs, on {' + '.join(raw_used)}")
    research_only = use_vectors or bool(args.pretrain_words) or "caraner" in corpora.sources or bool(_encoder_meta(args.encoder).get("license"))
    meta.update({
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": (
            "Arabic named-entity recogniser for the kg diplomacy-news pipeline: "
            + ("spacy-transformers encoder" if trf else "spaCy CNN (tok2vec + ner)")
            + f" trained on {', '.join(corpora.sources)}"
            + (f" with static vectors ({vec_desc})" if use_vectors else "")
            + (f", tok2vec pretrained on {args.pretrain_words:,} raw-text tokens" if args.pretrain_words else "")
            + ". Labels: " + ", ".join(sorted(nlp.get_pipe("ner").labels)) + ". See docs/ner.md."
        ),
        "author": "kg project",
        # Research / non-commercial: SaudiNewsNet (CC BY-NC-SA) in the vectors or pretrained weights, CAraNER
        # (no licence stated, research use) in the training data. See docs/ner.md, "What this means for use".
        "license": "CC BY-NC-SA 4.0" if research_only else "CC BY-SA 4.0",
        "license_note": (
            "research / non-commercial use only: "
            + ", ".join(x for x, on in (("SaudiNewsNet (CC BY-NC-SA 4.0) in the vectors or pretrained weights",
                                         use_vectors or bool(args.pretrain_words)),
                                        ("CAraNER (no licence stated) in the training data", "caraner" in corpora.sources))
                        if on)
            if research_only else "attribution and share-alike (ANERcorp, AQMAR: CC BY-SA); Wojood sample: MIT"),
        "sources": [dict(SOURCES[s], id=s) for s in used] + _encoder_meta(args.encoder).get("sources", []),
        "kg_training": {
            "command": " ".join(["python -m kg.nlp.training", *args.argv]),
            "config": (str(config.relative_to(ROOT)) if config.is_relative_to(ROOT) else str(config))
                      + (f" (= {(args.config or CONFIG_CNN).name} + {CONFIG_PRETRAIN.name})" if args.pretrain_words and not trf else ""),
            "overrides": {k: v for k, v in overrides.items() if not k.startswith("paths.")},
            "seed": SEED,
            "corpus_sentences": corpora.counts,
            "vectors": vec_desc,
            "pretrain_words": args.pretrain_words or None,
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
