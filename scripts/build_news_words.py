"""Write data/lexicon/news_words.txt: ordinary words of news that are (almost) never part of a name.

A person mention needs positive evidence, and a span must not run into a verb or an ordinary
noun («دونالد ترامب انسحاب», «ناقشه ترامب»). The NER corpora give only ~9k such words
(common_words.txt); this list reads a larger corpus through the project's own model:

1. run an NER pipeline of the project (--model; the shipped lists: kg_ner 0.1.0) over SaudiNewsNet's 30k articles
   (8.3 M words) and count, per normalised word, its occurrences and how often the model put it
   inside a PER span (cached in build/lexicon/, git-ignored: about an hour on 2 cores);
2. keep a word seen at least MIN_COUNT times, inside a PER span in at most MAX_PER_RATE of them,
   and known to no name list (data/lexicon/given_names.txt, data/lexicon/name_tokens.txt);
3. unless the second model (--veto-model, by default the shipped one) puts it inside a PER span
   in at least VETO_RATE of its occurrences: two models must agree that a word is no name. A rare
   foreign name the first model never tagged («ماغمد داؤدوف», twelve times in the corpus) is
   tagged every time by the second, and it must not be cut out of a name as an ordinary word.

The list is a statistic of the corpus, not the corpus: no sentence is kept. SaudiNewsNet is
CC BY-NC-SA 4.0 (research / non-commercial), so treat this file, like the NER model's vectors,
as non-commercial (docs/ner.md).

    git worktree add /tmp/kg-ner-0.1.0 d60bc3d   # the model the shipped lists were counted with
    .venv/bin/python scripts/build_news_words.py --model /tmp/kg-ner-0.1.0/models/ner [--recount]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.arabic import normalize, reading_text  # noqa: E402
from kg.io import atomic_write  # noqa: E402
from kg.paths import LEXICON, ROOT, shared_data  # noqa: E402

MIN_COUNT = 5
MAX_PER_RATE = 0.01
MOSTLY_NOT = 0.2
LIKELY_NAME = 0.5
LIKELY_UNLISTED = 0.8
LIKELY_MIN = 10
VETO_RATE = 0.8
CACHE_DIR = ROOT / "build" / "lexicon"
# The lists in data/lexicon were counted with this model (the one shipped before NER 0.2.0). Counted
# with 0.2.0, which tags more single words as names, the lists lose «نقاشا», «قائد» … and tune
# persons F1 fell from 0.916 to 0.895 (kg eval --split tune, docs/evaluation.md), so they were kept.
COUNTED_WITH = "kg_ner 0.1.0"


def model_name(model: Path) -> str:
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    return f"{meta.get('name', 'model')} {meta.get('version', '?')}"


def cache_for(name: str) -> Path:
    return CACHE_DIR / f"saudinewsnet_ner_counts-{name.replace(' ', '-')}.json"


def count(source: Path, model: Path) -> dict[str, Counter]:
    """Occurrences and PER-span occurrences of every normalised word, paragraph by paragraph."""
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline(str(model))
    tot: Counter[str] = Counter()
    per: Counter[str] = Counter()

    def paragraphs():
        with gzip.open(source, "rt", encoding="utf-8") as fh:
            for line in fh:
                for para in json.loads(line)["content"].split("\n"):
                    if para.strip():
                        yield reading_text(para[:5000])

    for doc in nlp.pipe(paragraphs(), batch_size=64):
        in_person = {t.i for e in doc.ents if e.label_ == "PER" for t in e}
        for t in doc:
            if t.is_alpha:
                w = normalize(t.text)
                tot[w] += 1
                if t.i in in_person:
                    per[w] += 1
    return {"tot": tot, "per": per}


def _names(path: Path) -> set[str]:
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", type=Path, default=shared_data() / "saudinewsnet" / "articles.jsonl.gz")
    ap.add_argument("--out", type=Path, default=LEXICON / "news_words.txt")
    ap.add_argument("--recount", action="store_true", help="run the model over the corpus again")
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "ner",
                    help=f"the NER model to count with (the shipped lists: {COUNTED_WITH}, e.g. a worktree of d60bc3d)")
    ap.add_argument("--veto-model", type=Path, default=ROOT / "models" / "ner",
                    help="a second NER model: a word it tags as a name in most occurrences is not listed")
    args = ap.parse_args()

    def counts(model: Path) -> dict[str, dict[str, int]]:
        cache = cache_for(model_name(model))
        if args.recount or not cache.exists():
            stats = count(args.source, model)
            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cache, json.dumps(stats, ensure_ascii=False))
        return json.loads(cache.read_text(encoding="utf-8"))

    name = model_name(args.model)
    stats = counts(args.model)
    tot, per = stats["tot"], stats["per"]
    veto_name = model_name(args.veto_model)
    veto = counts(args.veto_model) if veto_name != name else {"tot": {}, "per": {}}

    def vetoed(w: str) -> bool:
        n = veto["tot"].get(w, 0)
        return n >= MIN_COUNT and veto["per"].get(w, 0) >= VETO_RATE * n
    given = {normalize(w) for w in _names(LEXICON / "given_names.txt")}
    name_words = _names(LEXICON / "name_tokens.txt")

    def is_name(w: str) -> bool:
        return w in given or w in name_words or (w.startswith("ال") and w[2:] in name_words)

    words = sorted(w for w, n in tot.items() if n >= MIN_COUNT and per.get(w, 0) <= MAX_PER_RATE * n
                   and not is_name(w) and len(w) >= 2 and not vetoed(w))
    header = [
        "# Ordinary words of news (normalised with kg.arabic.normalize) that are almost never part of a",
        f"# person's name: seen at least {MIN_COUNT} times in SaudiNewsNet (CC BY-NC-SA 4.0, research use only),",
        f"# inside a PER span of the NER model {name} in at most {MAX_PER_RATE:.0%} of them, and on no name list,",
        f"# unless {veto_name} puts it inside a PER span in at least {VETO_RATE:.0%} of them.",
        f"# Built by scripts/build_news_words.py; {len(words)} words.",
    ]
    atomic_write(args.out, "\n".join(header + words) + "\n")
    print(f"wrote {args.out}: {len(words)} words")
    # Words that are mostly not names, with how often the model reads them as part of one: a name
    # that no model span or title supports must not start with one («عودة مشار», «أمام غريفيث»).
    listed = set(words)
    mostly = sorted((w, per.get(w, 0) / n) for w, n in tot.items() if n >= MIN_COUNT and per.get(w, 0) < MOSTLY_NOT * n
                    and w not in given and len(w) >= 2 and w not in listed and not vetoed(w))
    lines = [f"# Words of SaudiNewsNet (CC BY-NC-SA 4.0) that the NER model {name} puts inside a PER span in",
             f"# under {MOSTLY_NOT:.0%} of at least {MIN_COUNT} occurrences, with that share (news_words.txt holds those under",
             f"# {MAX_PER_RATE:.0%} that no name list knows), unless {veto_name} puts it inside one in at least",
             f"# {VETO_RATE:.0%}. Built by scripts/build_news_words.py; {len(mostly)} words.",
             "word\tper_rate"] + [f"{w}\t{r:.3f}" for w, r in mostly]
    out2 = args.out.with_name("mostly_not_names.tsv")
    atomic_write(out2, "\n".join(lines) + "\n")
    print(f"wrote {out2}: {len(mostly)} words")
    # Words the model reads as (part of) a name in most of their many occurrences: surnames news
    # uses alone («السيسي», «لافروف») are persons on their own even where this article's model
    # span missed them. Given names are left out: a given name alone names nobody.
    # A word no name list knows needs a higher share: «مستشاريه» (his advisers) is tagged inside
    # names often enough to pass 50%, not 80%.
    likely = sorted((w, per.get(w, 0) / n) for w, n in tot.items() if n >= LIKELY_MIN and w not in given and len(w) >= 3
                    and per.get(w, 0) >= (LIKELY_NAME if is_name(w) else LIKELY_UNLISTED) * n)
    lines = [f"# Words of SaudiNewsNet (CC BY-NC-SA 4.0) that the NER model {name} puts inside a PER span in at",
             f"# least {LIKELY_NAME:.0%} (a Wikidata name word) or {LIKELY_UNLISTED:.0%} (any other) of at least {LIKELY_MIN}",
             "# occurrences, given names left out. Built by",
             f"# scripts/build_news_words.py; {len(likely)} words.",
             "word\tper_rate"] + [f"{w}\t{r:.3f}" for w, r in likely]
    out3 = args.out.with_name("likely_surnames.tsv")
    atomic_write(out3, "\n".join(lines) + "\n")
    print(f"wrote {out3}: {len(likely)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
