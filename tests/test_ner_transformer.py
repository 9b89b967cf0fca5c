"""The `--encoder` path of kg.nlp.training: configs/ner_trf.cfg trains and saves a transformer+ner pipeline.

Uses a tiny randomly initialised BERT written to a temp dir, so nothing is downloaded and it runs on CPU
in well under a minute. Needs torch + spacy-transformers, hence the integration marker.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

if importlib.util.find_spec("spacy_transformers") is None:  # pragma: no cover - depends on the venv
    pytest.skip(
        "spacy_transformers is not importable (install: .venv/bin/pip install torch==2.13.0 spacy-transformers)",
        allow_module_level=True,
    )

from kg.paths import shared_data  # noqa: E402


def _tiny_bert(path: Path) -> Path:
    """A 2-layer, hidden-32 BERT with a character-level WordPiece vocab covering Arabic letters."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    letters = [chr(c) for c in range(0x0621, 0x064B)] + list("0123456789.,،؟?!()-:\"'")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + letters + ["##" + ch for ch in letters]
    path.mkdir(parents=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = BertTokenizerFast(vocab_file=str(path / "vocab.txt"), do_lower_case=False, strip_accents=False)
    tok.save_pretrained(path)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=512)
    BertModel(cfg).save_pretrained(path)
    return path


@pytest.mark.skipif(not (shared_data() / "anercorp_camel" / "train.bio").is_file(), reason="shared ANERcorp data not found")
def test_encoder_training_writes_transformer_pipeline(tmp_path: Path) -> None:
    import spacy

    from kg.nlp import training

    encoder = _tiny_bert(tmp_path / "tiny-bert")
    out = tmp_path / "ner-trf"
    rc = training.main([
        "--encoder", str(encoder), "--out", str(out), "--no-aqmar", "--no-wojood", "--augment-names", "0",
        "--limit", "24", "--max-steps", "3", "--eval-frequency", "2", "--tag", "pytest-trf",
    ])
    assert rc == 0
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["transformer", "ner"]
    assert {"PER", "LOC", "ORG"} <= set(nlp.get_pipe("ner").labels)
    doc = nlp("التقى الرئيس المصري بوزير الخارجية في القاهرة.")
    assert len(doc) > 0  # runs end to end; a 3-step model's entities are not meaningful
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["kg_training"]["overrides"]["components.transformer.model.name"] == str(encoder.resolve())
    assert "f" in meta["test_scores"]["spacy_tokenizer"]
    assert {s["id"] for s in meta["sources"]} == {"anercorp"}  # no vectors for the transformer path


def test_encoder_without_config_json_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.nlp import training

    rc = training.main(["--encoder", str(tmp_path), "--out", str(tmp_path / "m")])
    assert rc == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "config.json" in err
