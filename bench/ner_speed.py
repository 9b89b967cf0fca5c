"""Words per second of NER pipelines on this CPU, measured in one run so that they share the load.

    .venv/bin/python bench/ner_speed.py [MODEL_DIR ...] [--articles 300] [--repeats 3]

For each model (default: models/ner) it loads the pipeline with `spacy.load` and times `nlp.pipe`
over the first N SaudiNewsNet articles (title + content, read from kg.paths.shared_data(); not
timed), batch size 64, one process, after one warm-up pass over 20 articles. Words = spaCy tokens
that are not spaces. It reports the best of `--repeats` passes (the machine is shared: the best
pass is the one least disturbed by other jobs) and the median, and also the kg pipeline
(`kg.nlp.pipeline.load_pipeline`: + sentence splitter and name consistency) once.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.paths import shared_data  # noqa: E402


def texts(n: int) -> list[str]:
    out = []
    with gzip.open(shared_data() / "saudinewsnet" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append((rec.get("title") or "") + "\n" + (rec.get("content") or ""))
            if len(out) >= n:
                break
    return out


def time_pipe(nlp, docs: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    words = sum(sum(1 for t in d if not t.is_space) for d in nlp.pipe(docs, batch_size=64))
    return time.perf_counter() - t0, words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="*", type=Path, default=[ROOT / "models" / "ner"])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    import spacy

    from kg.nlp.pipeline import load_pipeline

    docs = texts(args.articles)
    print(f"# {len(docs)} SaudiNewsNet articles, cpu_count={os.cpu_count()}, load={os.getloadavg()[0]:.1f}")
    for model in args.models:
        nlp = spacy.load(model)
        list(nlp.pipe(docs[:20]))
        runs = [time_pipe(nlp, docs) for _ in range(args.repeats)]
        words = runs[0][1]
        rates = [w / s for s, w in runs]
        kg_nlp = load_pipeline(str(model))
        list(kg_nlp.pipe(docs[:20]))
        s, w = time_pipe(kg_nlp, docs)
        size = sum(p.stat().st_size for p in Path(model).rglob("*") if p.is_file()) / 2**20
        print(f"{model}: {words:,} words; spaCy model alone best {max(rates):,.0f} words/s, "
              f"median {statistics.median(rates):,.0f}; kg pipeline {w / s:,.0f} words/s; {size:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
