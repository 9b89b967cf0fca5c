"""Pretrain the project's own small Arabic BERT (masked-language modelling) for the spacy-transformers NER.

Why a module of its own (issue 9): public Arabic BERTs are big and carry their own licences; a 6-layer,
512-hidden BERT pretrained from scratch on the shared raw news text reached F1 0.70 on the ANERcorp test
split after fine-tuning, above the CNN pipeline. The recipe must be one reproducible command that reads
only the raw text under `kg.paths.shared_data()` and writes a Hugging Face folder that
`python -m kg.nlp.training --encoder DIR` (configs/ner_trf.cfg) fine-tunes.

Steps:
1. read SaudiNewsNet (`title` + `content`) and `raw_arabic/*.jsonl.gz` (`text`); no labelled data and in
   particular never the ANERcorp test split. Every 100th document is held out for an MLM loss figure;
2. train a WordPiece tokenizer whose *normaliser* (saved in tokenizer.json) strips diacritics, tatweel and
   bidi marks and keeps every letter as written (hamza forms, ة/ه, ى/ي are distinct words in MSA), so the
   same normalisation runs at fine-tuning and run time and offsets still point into the original text;
3. pretrain `BertForMaskedLM` from scratch: 15 % masking (80/10/10, optional whole-word), AdamW with linear
   warm-up and decay, bf16 autocast on CUDA, fixed seed. The last `--long-frac` of the steps use longer
   blocks (`--long-seq-len`, half the batch) so that the position embeddings spacy-transformers reaches
   (a window of 128 spaCy tokens is ~150-200 word pieces) are trained, as BERT did with its 512 phase;
4. write `--out` atomically: config.json, tokenizer files, fp16 weights (model.safetensors), a model card
   and `kg_encoder.json` (recipe, data, licence, loss log).

Run: `.venv/bin/python -m kg.nlp.encoder [--out models/encoder] [--steps N] …` (defaults = the issue's
GPU recipe; see docs/ner.md for a CPU smoke run).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from kg.arabic import _BIDI_MARKS, _DIACRITICS, _TATWEEL
from kg.nlp.training import DataError, SOURCES, _atomic_replace_dir
from kg.paths import MODELS, ROOT, shared_data

BUILD = ROOT / "build" / "encoder"
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
ENCODER_NAME = "kg-ar-bert"
LICENSE = "CC BY-NC-SA 4.0"
LICENSE_NOTE = (
    "Pretrained on SaudiNewsNet (CC BY-NC-SA 4.0, research / non-commercial only) and raw_arabic (Arabic "
    "Newspapers Corpus: no licence stated; Tashkeela2/CCA: GPL-3.0). Treat this encoder and every pipeline "
    "fine-tuned from it as research / non-commercial only."
)
# U+067F (teh with four dots, a Sindhi letter) never occurs in Arabic; in 27 Tashkeela2/CCA files it is a
# conversion error standing for و/ف/ك («ٿي» = في). Such documents would teach the tokenizer garbage words.
_MOJIBAKE = "\u067f"
_MOJIBAKE_MAX = 3
EVAL_EVERY_NTH_DOC = 100


@dataclass
class Recipe:
    """Everything that determines the encoder (saved in kg_encoder.json)."""

    vocab_size: int = 32000
    layers: int = 6
    hidden: int = 512
    heads: int = 0  # 0: hidden // 64
    intermediate: int = 0  # 0: 4 * hidden
    steps: int = 10000
    batch: int = 256
    seq_len: int = 128
    long_seq_len: int = 256
    long_frac: float = 0.1
    lr: float = 5e-4
    warmup_frac: float = 0.06
    weight_decay: float = 0.01
    mask_prob: float = 0.15
    whole_word: bool = False
    min_frequency: int = 2
    seed: int = 0
    max_docs: int = 0
    device: str = "auto"

    def n_heads(self) -> int:
        return self.heads or max(1, self.hidden // 64)

    def n_intermediate(self) -> int:
        return self.intermediate or 4 * self.hidden

    def max_positions(self) -> int:
        return max(self.seq_len, self.long_seq_len if self.long_frac > 0 else 0)


@dataclass
class CorpusStats:
    docs: dict[str, int] = field(default_factory=dict)
    dropped_mojibake: int = 0
    empty: int = 0
    train_docs: int = 0
    eval_docs: int = 0
    train_pieces: int = 0
    eval_pieces: int = 0


# --------------------------------------------------------------------------------------------- data

def raw_files(data: Path) -> list[tuple[Path, str]]:
    """The unlabelled text files and the JSON field holding the text. Only these are ever opened."""
    files = [(data / "saudinewsnet" / "articles.jsonl.gz", "content")]
    files += [(p, "text") for p in sorted((data / "raw_arabic").glob("*.jsonl.gz"))]
    for path, _ in files:
        if not path.is_file():
            raise DataError(f"{path}: file not found (is KG_SHARED_DATA set correctly?)")
    if len(files) == 1:
        raise DataError(f"{data / 'raw_arabic'}: no *.jsonl.gz files found")
    return files


def _read_file(path: Path, key: str) -> Iterator[str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{line_no}: bad JSON ({exc.msg})") from None
                if not isinstance(rec, dict):
                    raise DataError(f"{path}:{line_no}: expected a JSON object")
                text = rec.get(key)
                if text is not None and not isinstance(text, str):
                    raise DataError(f"{path}:{line_no}: field {key!r} is not a string")
                text = text or ""
                if key == "content" and isinstance(rec.get("title"), str) and rec["title"].strip():
                    text = rec["title"].strip() + "\n" + text
                yield text
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read gzip/UTF-8 ({exc})") from None


def read_documents(data: Path, max_docs: int = 0, stats: CorpusStats | None = None) -> list[str]:
    """All usable documents, taken round-robin from the files so a `max_docs` sample sees every source."""
    stats = stats if stats is not None else CorpusStats()
    streams = [(path, _read_file(path, key)) for path, key in raw_files(data)]
    docs: list[str] = []
    while streams and (not max_docs or len(docs) < max_docs):
        for item in list(streams):
            path, it = item
            text = next(it, None)
            if text is None:
                streams.remove(item)
                continue
            if not text.strip():
                stats.empty += 1
                continue
            if text.count(_MOJIBAKE) > _MOJIBAKE_MAX:
                stats.dropped_mojibake += 1
                continue
            rel = f"{path.parent.name}/{path.name}"
            stats.docs[rel] = stats.docs.get(rel, 0) + 1
            docs.append(text)
            if max_docs and len(docs) >= max_docs:
                break
    if not docs:
        raise DataError(f"{data}: no text found in the raw text files")
    return docs


def split_eval(docs: list[str]) -> tuple[list[str], list[str]]:
    """Every 100th document is held out (whole documents, so no block is half in both sets)."""
    train = [d for i, d in enumerate(docs) if i % EVAL_EVERY_NTH_DOC != EVAL_EVERY_NTH_DOC // 2]
    held = [d for i, d in enumerate(docs) if i % EVAL_EVERY_NTH_DOC == EVAL_EVERY_NTH_DOC // 2]
    return train, held


# --------------------------------------------------------------------------------------------- tokenizer

def arabic_normalizer():
    """tokenizers normaliser: NFKC (presentation forms → letters), control chars out, then diacritics,
    tatweel and bidi marks removed. Letters are kept as written. The patterns are kg.arabic's own."""
    from tokenizers import Regex, normalizers

    return normalizers.Sequence([
        normalizers.NFKC(),
        normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False),
        normalizers.Replace(Regex(_BIDI_MARKS.pattern), ""),
        normalizers.Replace(Regex(_DIACRITICS.pattern), ""),
        normalizers.Replace(_TATWEEL, ""),
    ])


def train_tokenizer(texts: list[str], vocab_size: int, min_frequency: int):
    """Train WordPiece on `texts`; returns a `tokenizers.Tokenizer` (saved by `save_tokenizer`).

    Only the `tokenizers` library is used (its API is the same in the 0.21 that spacy-transformers pins and
    the 0.23 of the GPU machine's image), so the folder does not depend on the transformers version."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", continuing_subword_prefix="##", max_input_chars_per_word=100))
    tok.normalizer = arabic_normalizer()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=SPECIAL_TOKENS,
        limit_alphabet=1000, continuing_subword_prefix="##", show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer, length=len(texts))
    # The trainer numbers the "##" alphabet in hash-map order, which changes from run to run (and so, through
    # ties between equally frequent merges, can change a few rare entries of the vocabulary itself). A fixed
    # order (specials first, then by string) at least gives the same vocabulary the same ids; for
    # bit-identical reruns reuse a tokenizer with --tokenizer. WordPiece matches longest-first by string,
    # so the order changes nothing else.
    trained = tok.get_vocab()
    order = SPECIAL_TOKENS + sorted(t for t in trained if t not in SPECIAL_TOKENS)
    tok.model = models.WordPiece(vocab={t: i for i, t in enumerate(order)}, unk_token="[UNK]",
                                 continuing_subword_prefix="##", max_input_chars_per_word=100)
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    return tok


def load_tokenizer(folder: Path):
    """A tokenizer written by an earlier run (`--tokenizer DIR`): same vocabulary, so a rerun is exact."""
    from tokenizers import Tokenizer

    path = folder / "tokenizer.json"
    if not path.is_file():
        raise DataError(f"{path}: file not found (--tokenizer expects a folder written by kg.nlp.encoder)")
    try:
        tok = Tokenizer.from_file(str(path))
    except Exception as exc:  # the Rust library raises plain Exceptions
        raise DataError(f"{path}: not a tokenizers JSON file ({exc})") from None
    missing = [t for t in SPECIAL_TOKENS if tok.token_to_id(t) is None]
    if missing:
        raise DataError(f"{path}: the vocabulary lacks {missing}")
    return tok


def save_tokenizer(tok, folder: Path, max_length: int) -> None:
    """Write the files `AutoTokenizer.from_pretrained(folder)` reads: tokenizer.json (with our normaliser),
    vocab.txt, tokenizer_config.json and special_tokens_map.json. BertTokenizerFast keeps a Sequence
    normaliser as is (it only rebuilds a BertNormalizer whose options differ from its arguments)."""
    tok.save(str(folder / "tokenizer.json"))
    vocab = sorted(tok.get_vocab().items(), key=lambda kv: kv[1])
    if [i for _, i in vocab] != list(range(len(vocab))):
        raise DataError(f"{folder}: the trained vocabulary has gaps in its ids")
    (folder / "vocab.txt").write_text("".join(t + "\n" for t, _ in vocab), encoding="utf-8")
    special = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
               "mask_token": "[MASK]"}
    config = {"tokenizer_class": "BertTokenizerFast", "do_lower_case": False, "strip_accents": False,
              "tokenize_chinese_chars": False, "model_max_length": max_length,
              "clean_up_tokenization_spaces": False, **special}
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (folder / "special_tokens_map.json").write_text(json.dumps(special, indent=2), encoding="utf-8")


def encoder_config(recipe: Recipe, vocab_size: int, pad_id: int) -> dict:
    """config.json written from the recipe (not `save_pretrained`), so the keys are the same whichever
    transformers version pretrained it; spacy-transformers' AutoModel reads these."""
    return {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": vocab_size,
        "hidden_size": recipe.hidden, "num_hidden_layers": recipe.layers,
        "num_attention_heads": recipe.n_heads(), "intermediate_size": recipe.n_intermediate(),
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": recipe.max_positions(), "type_vocab_size": 2, "initializer_range": 0.02,
        "layer_norm_eps": 1e-12, "pad_token_id": pad_id, "position_embedding_type": "absolute",
        "torch_dtype": "float16",
    }


def encode_stream(tok, texts: list[str], sep_id: int):
    """All documents as one int32 stream of piece ids, [SEP] between documents (RoBERTa-style packing)."""
    import numpy as np

    parts = []
    for i in range(0, len(texts), 2000):
        for enc in tok.encode_batch(texts[i:i + 2000], add_special_tokens=False):
            if enc.ids:
                parts.append(np.asarray(enc.ids, dtype=np.int32))
                parts.append(np.asarray([sep_id], dtype=np.int32))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def make_blocks(stream, seq_len: int, cls_id: int, sep_id: int):
    """Cut the stream into [CLS] … [SEP] blocks of exactly `seq_len` (no padding, no attention mask)."""
    import numpy as np
    import torch

    body = seq_len - 2
    n = len(stream) // body
    if n == 0:
        return torch.zeros((0, seq_len), dtype=torch.int64)
    arr = np.asarray(stream[: n * body]).reshape(n, body)
    out = np.empty((n, seq_len), dtype=np.int64)
    out[:, 0], out[:, -1], out[:, 1:-1] = cls_id, sep_id, arr
    return torch.from_numpy(out)


# --------------------------------------------------------------------------------------------- MLM

@dataclass
class Masker:
    """BERT masking on a device: `prob` of the pieces (or whole words) are predicted; 80 % [MASK],
    10 % a random piece, 10 % unchanged. Special tokens are never chosen."""

    mask_id: int
    vocab_size: int
    first_normal_id: int
    special: "object"  # bool tensor [vocab]: special token
    continuation: "object"  # bool tensor [vocab]: a "##" piece
    prob: float = 0.15
    whole_word: bool = False

    def __call__(self, ids, gen):
        import torch

        b, t = ids.shape
        dev = ids.device
        if self.whole_word:
            starts = ~self.continuation[ids]
            word = torch.cumsum(starts.long(), dim=1)  # 0 for leading "##" pieces of a cut word
            pick = torch.rand((b, t + 1), generator=gen, device=dev).gather(1, word) < self.prob
        else:
            pick = torch.rand((b, t), generator=gen, device=dev) < self.prob
        pick &= ~self.special[ids]
        # A row with no target at all (tiny blocks) gets one at position 1, so the loss is never NaN;
        # done without reading the tensor back, which would stall the GPU every step.
        pick[:, 1] |= ~pick.any(dim=1) & ~self.special[ids[:, 1]]
        labels = torch.where(pick, ids, torch.full_like(ids, -100))
        r = torch.rand((b, t), generator=gen, device=dev)
        rnd = torch.randint(self.first_normal_id, self.vocab_size, (b, t), generator=gen, device=dev)
        inp = torch.where(pick & (r < 0.8), torch.full_like(ids, self.mask_id), ids)
        inp = torch.where(pick & (r >= 0.8) & (r < 0.9), rnd, inp)
        return inp, labels


def mlm_loss(model, inp, labels):
    """Cross-entropy on the masked positions only: the 32k-wide output layer runs on ~15 % of the pieces."""
    import torch.nn.functional as F

    hidden = model.bert(input_ids=inp).last_hidden_state
    sel = labels != -100
    logits = model.cls(hidden[sel])
    return F.cross_entropy(logits.float(), labels[sel])


def evaluate_mlm(model, blocks, masker, device, batch: int, autocast, seed: int) -> float | None:
    """Mean masked-piece loss on the held-out blocks with a fixed masking (comparable across calls)."""
    import torch

    if len(blocks) == 0:
        return None
    gen = torch.Generator(device=device).manual_seed(seed + 1)
    model.eval()
    tot, n = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(blocks), batch):
            ids = blocks[i:i + batch].to(device)
            inp, labels = masker(ids, gen)
            with autocast():
                loss = mlm_loss(model, inp, labels)
            k = int((labels != -100).sum())
            tot += float(loss) * k
            n += k
    model.train()
    return tot / max(n, 1)


# --------------------------------------------------------------------------------------------- train

@dataclass
class Result:
    out: Path
    params: int
    final_loss: float
    eval_loss_start: float | None
    eval_loss_end: float | None
    steps_per_s: float
    train_seconds: float
    log: list[dict]
    stats: CorpusStats


def _pick_device(name: str):
    import torch

    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise DataError("--device cuda: no CUDA device is available to torch")
    return torch.device(name)


def _seed_all(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_model(recipe: Recipe, vocab_size: int, pad_id: int):
    from transformers import BertConfig, BertForMaskedLM

    if recipe.hidden % recipe.n_heads():
        raise DataError(f"--hidden {recipe.hidden} is not divisible by {recipe.n_heads()} attention heads")
    cfg = {k: v for k, v in encoder_config(recipe, vocab_size, pad_id).items()
           if k not in ("architectures", "model_type", "torch_dtype")}
    return BertForMaskedLM(BertConfig(**cfg))


# Keys the saved encoder must have for AutoModel (transformers 4.x) to load it as a BertModel.
_REQUIRED_KEYS = ("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                  "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.output.LayerNorm.weight")


def encoder_state(model, seed: int) -> dict:
    """The encoder's weights in fp16, plus a pooler so that loading reports no missing weights (the
    pooler is a seeded random init, never trained and never used by the NER)."""
    import torch
    from transformers import BertModel

    state = {k: v.detach() for k, v in model.bert.state_dict().items()}
    torch.manual_seed(seed)
    pooler = BertModel(model.config, add_pooling_layer=True).pooler.state_dict()
    state.update({f"pooler.{k}": v for k, v in pooler.items()})
    missing = [k for k in _REQUIRED_KEYS if k not in state]
    if missing:
        raise DataError(f"this transformers version names BERT weights differently (missing {missing}); "
                        "pretrain with transformers 4.x")
    return {k: v.to(torch.float16).contiguous().cpu() for k, v in state.items()}


def pretrain(recipe: Recipe, out: Path, log_every: int = 100, threads: int = 0, data: Path | None = None,
             command: str = "", tokenizer_dir: Path | None = None) -> Result:
    """The whole recipe: data → tokenizer → MLM pretraining → `out` (replaced atomically)."""
    if threads:
        os.environ.setdefault("RAYON_NUM_THREADS", str(threads))  # the tokenizers library's thread pool
    import torch
    from safetensors.torch import save_file

    for name in ("steps", "batch", "vocab_size", "layers", "hidden"):
        if getattr(recipe, name) <= 0:
            raise DataError(f"--{name.replace('_', '-')} must be positive, got {getattr(recipe, name)}")
    if recipe.seq_len < 8:
        raise DataError(f"--seq-len must be at least 8, got {recipe.seq_len}")
    if not 0 <= recipe.long_frac < 1 or not 0 < recipe.mask_prob < 1:
        raise DataError(f"--long-frac must be in [0, 1) and --mask-prob in (0, 1), got {recipe.long_frac}, {recipe.mask_prob}")
    if threads:
        torch.set_num_threads(threads)
    device = _pick_device(recipe.device)
    _seed_all(recipe.seed)
    data = data or shared_data()
    t_start = time.time()

    stats = CorpusStats()
    docs = read_documents(data, recipe.max_docs, stats)
    train_docs, eval_docs = split_eval(docs)
    stats.train_docs, stats.eval_docs = len(train_docs), len(eval_docs)
    print(f"[encoder] {len(docs):,} documents {stats.docs} (dropped: {stats.dropped_mojibake} garbled, "
          f"{stats.empty} empty); {len(eval_docs):,} held out", flush=True)

    t0 = time.time()
    if tokenizer_dir is not None:
        tokenizer = load_tokenizer(tokenizer_dir)
        recipe.vocab_size = tokenizer.get_vocab_size()
        print(f"[encoder] WordPiece vocab {recipe.vocab_size:,} from {tokenizer_dir}", flush=True)
    else:
        tokenizer = train_tokenizer(train_docs, recipe.vocab_size, recipe.min_frequency)
        print(f"[encoder] WordPiece vocab {tokenizer.get_vocab_size():,} trained in {time.time() - t0:.0f}s", flush=True)
    vocab_size = tokenizer.get_vocab_size()
    ids = {t: tokenizer.token_to_id(t) for t in SPECIAL_TOKENS}
    t0 = time.time()
    train_stream = encode_stream(tokenizer, train_docs, ids["[SEP]"])
    eval_stream = encode_stream(tokenizer, eval_docs, ids["[SEP]"])
    stats.train_pieces, stats.eval_pieces = int(len(train_stream)), int(len(eval_stream))
    del docs, train_docs, eval_docs
    short = make_blocks(train_stream, recipe.seq_len, ids["[CLS]"], ids["[SEP]"])
    long_steps = int(round(recipe.steps * recipe.long_frac)) if recipe.long_seq_len > recipe.seq_len else 0
    long_batch = max(1, recipe.batch * recipe.seq_len // max(recipe.long_seq_len, 1))
    long = make_blocks(train_stream, recipe.long_seq_len, ids["[CLS]"], ids["[SEP]"]) if long_steps else None
    held = make_blocks(eval_stream, recipe.seq_len, ids["[CLS]"], ids["[SEP]"])[:1024]
    if len(short) < 1 or (long_steps and len(long) < 1):
        raise DataError(f"{data}: too little text ({len(train_stream):,} pieces) for blocks of {recipe.max_positions()}")
    print(f"[encoder] {len(train_stream):,} training pieces -> {len(short):,} blocks of {recipe.seq_len}"
          + (f" / {len(long):,} of {recipe.long_seq_len}" if long_steps else "")
          + f"; {len(held)} held-out blocks; encoded in {time.time() - t0:.0f}s", flush=True)

    model = build_model(recipe, vocab_size, ids["[PAD]"]).to(device)
    n_params = sum(p.numel() for p in model.bert.parameters())
    vocab = tokenizer.get_vocab()
    special = torch.zeros(vocab_size, dtype=torch.bool)
    special[[ids[t] for t in SPECIAL_TOKENS]] = True
    cont = torch.zeros(vocab_size, dtype=torch.bool)
    cont[[i for t, i in vocab.items() if t.startswith("##")]] = True
    masker = Masker(ids["[MASK]"], vocab_size, len(SPECIAL_TOKENS), special.to(device), cont.to(device),
                    recipe.mask_prob, recipe.whole_word)

    cuda = device.type == "cuda"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    def autocast():
        return torch.autocast("cuda", dtype=torch.bfloat16) if cuda else torch.autocast("cpu", enabled=False)

    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]  # biases and LayerNorm weights
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": recipe.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=recipe.lr, betas=(0.9, 0.98), eps=1e-6, **({"fused": True} if cuda else {}),
    )
    warmup = int(recipe.steps * recipe.warmup_frac)

    def lr_lambda(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (recipe.steps - step) / max(1, recipe.steps - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda)
    gen = torch.Generator(device=device).manual_seed(recipe.seed)
    order_gen = torch.Generator().manual_seed(recipe.seed)

    eval_start = evaluate_mlm(model, held, masker, device, min(recipe.batch, 64), autocast, recipe.seed)
    print(f"[encoder] {n_params / 1e6:.2f}M encoder parameters on {device}; held-out MLM loss at start "
          f"{eval_start if eval_start is None else round(eval_start, 3)}", flush=True)

    def batches(blocks, size: int) -> Iterator:
        while True:
            perm = torch.randperm(len(blocks), generator=order_gen)
            for i in range(0, len(perm) - size + 1 if len(perm) >= size else 1, size):
                yield blocks[perm[i:i + size]]

    short_it = batches(short, recipe.batch)
    long_it = batches(long, long_batch) if long_steps else None
    log: list[dict] = []
    running = torch.zeros((), device=device)
    run_n = 0
    last_loss = float("nan")
    model.train()
    t_train = time.time()
    t_log = t_train
    every = max(1, min(log_every, recipe.steps))
    for step in range(recipe.steps):
        is_long = step >= recipe.steps - long_steps
        ids_b = next(long_it if is_long else short_it).to(device, non_blocking=True)
        inp, labels = masker(ids_b, gen)
        with autocast():
            loss = mlm_loss(model, inp, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        running += loss.detach()
        run_n += 1
        if (step + 1) % every == 0 or step + 1 == recipe.steps:
            last_loss = float(running) / run_n
            now = time.time()
            rate = run_n / max(now - t_log, 1e-9)
            entry = {"step": step + 1, "loss": round(last_loss, 4), "lr": float(sched.get_last_lr()[0]),
                     "seq_len": int(ids_b.shape[1]), "steps_per_s": round(rate, 3)}
            log.append(entry)
            print(f"[encoder] step {step + 1:>6}/{recipe.steps} loss {last_loss:.4f} lr {entry['lr']:.2e} "
                  f"seq {entry['seq_len']} {rate:.2f} steps/s {now - t_train:.0f}s", flush=True)
            if not math.isfinite(last_loss):
                raise DataError(f"MLM loss became {last_loss} at step {step + 1}: lower --lr or check the data")
            running.zero_()
            run_n, t_log = 0, now
    if cuda:
        torch.cuda.synchronize()
    train_s = time.time() - t_train
    eval_end = evaluate_mlm(model, held, masker, device, min(recipe.batch, 64), autocast, recipe.seed)
    print(f"[encoder] trained {recipe.steps} steps in {train_s:.0f}s ({recipe.steps / train_s:.2f} steps/s); "
          f"held-out MLM loss {eval_end if eval_end is None else round(eval_end, 3)}", flush=True)

    # The encoder alone (what spacy-transformers loads with AutoModel), in fp16; the MLM head is dropped.
    state = encoder_state(model, recipe.seed)

    result = Result(out, n_params, last_loss, eval_start, eval_end, recipe.steps / train_s, train_s, log, stats)
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD, prefix=".encoder-") as tmp:
        stage = Path(tmp) / "encoder"
        stage.mkdir()
        save_file(state, str(stage / "model.safetensors"), metadata={"format": "pt"})
        config = encoder_config(recipe, vocab_size, ids["[PAD]"])
        (stage / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        save_tokenizer(tokenizer, stage, recipe.max_positions())
        info = _provenance(recipe, result, device, time.time() - t_start, command)
        (stage / "kg_encoder.json").write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
        (stage / "README.md").write_text(_model_card(info), encoding="utf-8")
        for f in stage.iterdir():
            f.chmod(0o644)  # files in a mkdtemp dir may be private; the folder is meant to be shared
        _atomic_replace_dir(stage, out)
    size = sum(p.stat().st_size for p in out.iterdir())
    print(f"[encoder] wrote {out} ({size / 1e6:.1f} MB) in {time.time() - t_start:.0f}s total", flush=True)
    return result


def _provenance(recipe: Recipe, res: Result, device, total_s: float, command: str) -> dict:
    return {
        "name": ENCODER_NAME,
        "license": LICENSE,
        "license_note": LICENSE_NOTE,
        "sources": [dict(SOURCES["saudinewsnet"], id="saudinewsnet", use="MLM pretraining text"),
                    dict(SOURCES["raw_arabic"], id="raw_arabic", use="MLM pretraining text")],
        "recipe": asdict(recipe),
        "command": command,
        "data": {"documents": res.stats.docs, "dropped_garbled_docs": res.stats.dropped_mojibake,
                 "train_docs": res.stats.train_docs, "heldout_docs": res.stats.eval_docs,
                 "train_pieces": res.stats.train_pieces, "heldout_pieces": res.stats.eval_pieces},
        "encoder_parameters": res.params,
        "weights_dtype": "float16",
        "device": str(device),
        "train_seconds": round(res.train_seconds, 1),
        "steps_per_second": round(res.steps_per_s, 3),
        "total_seconds": round(total_s, 1),
        "final_train_loss": res.final_loss,
        "heldout_mlm_loss_start": res.eval_loss_start,
        "heldout_mlm_loss_end": res.eval_loss_end,
        "loss_log": res.log,
    }


def _model_card(info: dict) -> str:
    r = info["recipe"]
    return (
        f"# {ENCODER_NAME}\n\nA small Arabic BERT pretrained from scratch by `python -m kg.nlp.encoder` (kg project, "
        f"issue 9): {r['layers']} layers, hidden {r['hidden']}, WordPiece vocab {r['vocab_size']}, "
        f"{info['encoder_parameters'] / 1e6:.1f}M parameters, fp16 weights; {r['steps']} MLM steps of "
        f"{r['batch']}x{r['seq_len']}. Normaliser (in tokenizer.json): NFKC, no diacritics/tatweel/bidi marks; "
        f"letters kept as written. Load with `AutoModel` / `AutoTokenizer(use_fast=True)`.\n\n"
        f"**Licence: {LICENSE}.** {LICENSE_NOTE}\n\nSee kg_encoder.json for the recipe, data counts and loss log, "
        f"and docs/ner.md in the kg repository.\n"
    )


# --------------------------------------------------------------------------------------------- CLI

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    d = Recipe()
    ap = argparse.ArgumentParser(prog="python -m kg.nlp.encoder", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODELS / "encoder", help="Hugging Face folder to write")
    ap.add_argument("--steps", type=int, default=d.steps)
    ap.add_argument("--vocab-size", type=int, default=d.vocab_size)
    ap.add_argument("--layers", type=int, default=d.layers)
    ap.add_argument("--hidden", type=int, default=d.hidden)
    ap.add_argument("--heads", type=int, default=d.heads, help="attention heads (0: hidden/64)")
    ap.add_argument("--batch", type=int, default=d.batch, help="blocks per step")
    ap.add_argument("--seq-len", type=int, default=d.seq_len, help="pieces per block, [CLS]/[SEP] included")
    ap.add_argument("--long-seq-len", type=int, default=d.long_seq_len,
                    help="block length of the final phase (also the tokenizer's model_max_length)")
    ap.add_argument("--long-frac", type=float, default=d.long_frac, help="share of steps in the long phase (0: none)")
    ap.add_argument("--lr", type=float, default=d.lr)
    ap.add_argument("--warmup-frac", type=float, default=d.warmup_frac)
    ap.add_argument("--mask-prob", type=float, default=d.mask_prob)
    ap.add_argument("--whole-word", action="store_true", help="mask whole words (all pieces of a word together)")
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--tokenizer", type=Path, default=None,
                    help="reuse the tokenizer of an encoder folder instead of training one (exact reruns)")
    ap.add_argument("--max-docs", type=int, default=0, help="read only N documents (smoke runs)")
    ap.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    ap.add_argument("--threads", type=int, default=0, help="CPU threads for torch and tokenizers (0: their default)")
    ap.add_argument("--log-every", type=int, default=100)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    recipe = Recipe(
        vocab_size=args.vocab_size, layers=args.layers, hidden=args.hidden, heads=args.heads, steps=args.steps,
        batch=args.batch, seq_len=args.seq_len, long_seq_len=args.long_seq_len, long_frac=args.long_frac,
        lr=args.lr, warmup_frac=args.warmup_frac, mask_prob=args.mask_prob, whole_word=args.whole_word,
        seed=args.seed, max_docs=args.max_docs, device=args.device,
    )
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        print(f"error: kg.nlp.encoder needs torch and transformers ({exc}); "
              "pip install -e '.[encoder]'", file=sys.stderr)
        return 2
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        pretrain(recipe, args.out, args.log_every, args.threads, command=" ".join(["python -m kg.nlp.encoder", *argv]),
                 tokenizer_dir=args.tokenizer)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
