"""Issue 9: `python -m kg.nlp.encoder` pretrains an Arabic BERT that `kg.nlp.training --encoder` fine-tunes.

The recipe runs on CPU at toy sizes (2 layers, hidden 64, vocab 2000, 5 steps on 200 documents), so the
figures mean nothing; what is checked is the plumbing the GPU run relies on: the tokenizer and its Arabic
normaliser, the fp16 safetensors, a finite loss, an offline `AutoModel` load, and a spaCy pipeline
fine-tuned on the folder. Needs torch + transformers + spacy-transformers, hence the integration marker.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

_missing = [m for m in ("torch", "transformers", "spacy_transformers") if importlib.util.find_spec(m) is None]
if _missing:  # pragma: no cover - depends on the venv
    pytest.skip(
        f"{', '.join(_missing)} not importable (install: .venv/bin/pip install torch==2.13.0 spacy-transformers)",
        allow_module_level=True,
    )

from kg.paths import shared_data  # noqa: E402

DATA = shared_data()
needs_raw = pytest.mark.skipif(
    not (DATA / "saudinewsnet" / "articles.jsonl.gz").is_file() or not list((DATA / "raw_arabic").glob("*.jsonl.gz")),
    reason="shared raw text (saudinewsnet/, raw_arabic/) not found",
)
SMOKE = ["--layers", "2", "--hidden", "64", "--vocab-size", "2000", "--steps", "5", "--max-docs", "200",
         "--seq-len", "32", "--long-seq-len", "48", "--long-frac", "0.4", "--batch", "8", "--threads", "1",
         "--log-every", "1"]


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.nlp import encoder

    if not (DATA / "saudinewsnet" / "articles.jsonl.gz").is_file():
        pytest.skip("shared raw text (saudinewsnet/) not found")
    out = tmp_path_factory.mktemp("enc") / "encoder"
    assert encoder.main(["--out", str(out), *SMOKE]) == 0
    return out


@needs_raw
def test_reads_only_raw_text_and_drops_garbled_documents(tmp_path: Path) -> None:
    from kg.nlp import encoder

    files = [p for p, _ in encoder.raw_files(DATA)]
    assert files[0].name == "articles.jsonl.gz" and all(p.parent.name in {"saudinewsnet", "raw_arabic"} for p in files)
    assert not any("anercorp" in str(p).lower() for p in files)

    stats = encoder.CorpusStats()
    docs = encoder.read_documents(DATA, 90, stats)
    assert len(docs) == 90
    assert len(stats.docs) == len(files)  # round-robin: a small sample still sees every source
    assert all(d.count("\u067f") <= 3 for d in docs)


def test_bad_raw_file_is_a_clear_error(tmp_path: Path) -> None:
    import gzip

    from kg.nlp import encoder
    from kg.nlp.training import DataError

    (tmp_path / "saudinewsnet").mkdir()
    (tmp_path / "raw_arabic").mkdir()
    bad = tmp_path / "saudinewsnet" / "articles.jsonl.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write('{"content": "نص"}\n{not json\n')
    with gzip.open(tmp_path / "raw_arabic" / "x.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"text": "نص آخر"}\n')
    with pytest.raises(DataError, match=r"articles\.jsonl\.gz:2: bad JSON"):
        encoder.read_documents(tmp_path)


@needs_raw
def test_same_seed_and_tokenizer_give_the_same_encoder(encoder_dir: Path, tmp_path: Path) -> None:
    """Fixed seed on CPU: rerun with the first run's tokenizer, the weights are byte-identical."""
    from kg.nlp import encoder

    again = tmp_path / "again"
    assert encoder.main(["--out", str(again), "--tokenizer", str(encoder_dir), *SMOKE]) == 0
    assert (again / "vocab.txt").read_bytes() == (encoder_dir / "vocab.txt").read_bytes()
    assert (again / "model.safetensors").read_bytes() == (encoder_dir / "model.safetensors").read_bytes()


def test_vocabulary_ids_do_not_depend_on_hash_order() -> None:
    """The same vocabulary always gets the same ids (specials 0-4, then sorted), whatever order the
    trainer produced; without that a seeded model would still differ from run to run."""
    from kg.nlp import encoder

    texts = ["قال وزير الخارجية إن المملكة تدعم الحوار", "وصل الرئيس إلى الرياض", "والتقى الوزير نظيره"] * 5
    tok = encoder.train_tokenizer(texts, 300, 1)
    vocab = sorted(tok.get_vocab().items(), key=lambda kv: kv[1])
    assert [t for t, _ in vocab[:5]] == encoder.SPECIAL_TOKENS
    assert [t for t, _ in vocab[5:]] == sorted(t for t, _ in vocab[5:])
    assert tok.encode("وصل الرئيس").tokens == ["[CLS]", "وصل", "الرئيس", "[SEP]"]


def test_bad_tokenizer_folder_is_a_clear_error(tmp_path: Path) -> None:
    from kg.nlp import encoder
    from kg.nlp.training import DataError

    with pytest.raises(DataError, match=r"tokenizer\.json: file not found"):
        encoder.load_tokenizer(tmp_path)
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DataError, match="not a tokenizers JSON file"):
        encoder.load_tokenizer(tmp_path)


@needs_raw
def test_tokenizer_round_trips_arabic(encoder_dir: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(encoder_dir, use_fast=True, local_files_only=True)
    plain = "قال وزير الخارجية إن المملكة تدعم الحوار في اليمن"
    ids = tok(plain)["input_ids"]
    assert tok.unk_token_id not in ids
    assert tok.decode(ids, skip_special_tokens=True) == plain
    # Diacritics and tatweel are normalised away, letters (hamza forms, ة) are kept …
    marked = "قَالَ وزيـــر الخارجيّة إنّ المملكة"
    assert tok.decode(tok(marked)["input_ids"], skip_special_tokens=True) == "قال وزير الخارجية إن المملكة"
    # … while the offsets still point into the original text, which is what spacy-transformers aligns on.
    enc = tok(marked, return_offsets_mapping=True, add_special_tokens=False)
    words = marked.split()
    pieces_of_2nd = [marked[s:e] for s, e in enc["offset_mapping"] if s >= marked.index(words[1]) and e <= marked.index(words[2])]
    assert "".join(pieces_of_2nd) == words[1]
    assert tok.model_max_length == 48


@needs_raw
def test_weights_are_fp16_and_load_offline(encoder_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch
    from safetensors import safe_open
    from transformers import AutoModel, AutoTokenizer

    with safe_open(str(encoder_dir / "model.safetensors"), framework="pt") as fh:
        dtypes = {fh.get_tensor(k).dtype for k in fh.keys()}
    assert dtypes == {torch.float16}

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    model = AutoModel.from_pretrained(encoder_dir, local_files_only=True)
    assert model.config.num_hidden_layers == 2 and model.config.hidden_size == 64
    tok = AutoTokenizer.from_pretrained(encoder_dir, local_files_only=True)
    with torch.no_grad():
        out = model(**tok("وصل الرئيس إلى الرياض", return_tensors="pt")).last_hidden_state
    assert torch.isfinite(out).all()

    info = json.loads((encoder_dir / "kg_encoder.json").read_text(encoding="utf-8"))
    assert info["license"] == "CC BY-NC-SA 4.0"
    assert math.isfinite(info["final_train_loss"]) and math.isfinite(info["heldout_mlm_loss_end"])
    assert [e["step"] for e in info["loss_log"]] == [1, 2, 3, 4, 5]
    assert [e["seq_len"] for e in info["loss_log"]] == [32, 32, 32, 48, 48]  # the long phase ran
    assert info["recipe"]["vocab_size"] == 2000 and info["data"]["heldout_docs"] >= 1


@needs_raw
@pytest.mark.skipif(not (DATA / "anercorp_camel" / "train.bio").is_file(), reason="shared ANERcorp data not found")
def test_spacy_ner_fine_tunes_on_the_encoder(encoder_dir: Path, tmp_path: Path) -> None:
    import spacy

    from kg.nlp import training

    out = tmp_path / "ner-trf"
    rc = training.main([
        "--encoder", str(encoder_dir), "--out", str(out), "--no-aqmar", "--no-wojood",
        "--limit", "24", "--max-steps", "3", "--eval-frequency", "2", "--tag", "pytest-encoder",
    ])
    assert rc == 0
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["transformer", "ner"]
    doc = nlp("التقى وزير الخارجية السعودي نظيره الأمريكي في الرياض.")
    assert len(doc) > 0 and doc._.trf_data is not None
