"""Score every labelled set (twelve) with `kg eval --json` and print one line per set; compare two runs.

Why: each round of issue 14 scores the same sets at its start and end (the figures of
docs/evaluation.md). The samplers of the Makefile's eval targets build the article folders that are
not in the repository; this script runs them where a folder is missing, scores the sets two at a
time, keeps each set's JSON under --out, and with --compare lists the articles whose counts moved.

    .venv/bin/python scripts/eval_sets.py --out build/eval/NAME [--root DIR] [--compare build/eval/OLD]

--root scores another checkout (a git worktree of an older commit) with this checkout's article
folders: its kg package is put first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
NEWS_DEV = "news_dev/articles"

# name: (articles folder, gold folder, extra kg eval arguments); folders under build/ come from the samplers.
SETS: dict[str, tuple[str, str, list[str]]] = {
    "samples": ("data/articles", "data/gold", []),
    "tune": (NEWS_DEV, "data/gold/news_dev", ["--split", "tune"]),
    "check": (NEWS_DEV, "data/gold/news_dev", ["--split", "check"]),
    "snn": ("build/saudinewsnet_tune/articles", "data/gold/saudinewsnet_tune", []),
    "meet": ("build/meetings_tune/articles", "data/gold/meetings_tune", []),
    "sel": ("build/select/articles", "data/gold/saudinewsnet_select", []),
    "nt": ("build/newspapers_tune/articles", "data/gold/newspapers_tune", []),
    "ho": ("build/heldout/articles", "data/gold/saudinewsnet_heldout", []),
    "ho2": ("build/heldout2/articles", "data/gold/saudinewsnet_heldout2", []),
    "nh": ("build/newspapers_heldout/articles", "data/gold/newspapers_heldout", []),
    "at": ("build/asnd_tune/articles", "data/gold/asnd_tune", []),
    "ah": ("build/asnd_heldout/articles", "data/gold/asnd_heldout", []),
}
STUDIED = ("samples", "tune", "snn", "meet", "sel", "nt", "at")  # the rest are scored only

# The sampler calls of the Makefile's eval targets, per folder.
SAMPLERS: dict[str, list[list[str]]] = {
    "build/saudinewsnet_tune/articles": [["sample_saudinewsnet.py"]],
    "build/meetings_tune/articles": [["sample_meetings.py"]],
    "build/heldout/articles": [["sample_heldout.py"]],
    "build/heldout2/articles": [["sample_heldout.py", "--after", "70", "--n", "30"]],
    "build/newspapers_heldout/articles": [["sample_newspapers.py", "--after", "30", "--n", "30"]],
    "build/newspapers_tune/articles": [
        ["sample_newspapers.py", "--n", "30"],
        ["sample_newspapers.py", "--after", "60", "--n", "74"],
    ],
    "build/select/articles": [["sample_heldout.py", "--after", "30", "--n", "40"]],
    "build/asnd_tune/articles": [["sample_asnd.py", "--after", "0", "--n", "35"]],
    "build/asnd_heldout/articles": [["sample_asnd.py", "--after", "35", "--n", "35"]],
}


def shared_data() -> Path:
    return Path(os.environ.get("KG_SHARED_DATA") or HERE.parent / "shared" / "data")


def articles_dir(folder: str) -> Path:
    return shared_data() / folder if folder == NEWS_DEV else HERE / folder


def ensure_articles() -> None:
    """Run the samplers for every article folder that is missing (a fresh clone has none)."""
    for folder, calls in SAMPLERS.items():
        if (HERE / folder).is_dir() and any((HERE / folder).iterdir()):
            continue
        for call in calls:
            script, *args = call
            subprocess.run([sys.executable, str(HERE / "scripts" / script), *args, "--out", folder], cwd=HERE, check=True)


def score(name: str, root: Path, out: Path) -> dict:
    folder, gold, extra = SETS[name]
    env = dict(os.environ, PYTHONPATH=str(root), KG_SHARED_DATA=str(shared_data()))
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "eval", str(articles_dir(folder)), str(root / gold), *extra, "--json"]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{name}: kg eval failed: {done.stderr.strip().splitlines()[-1:]}")
    (out / f"{name}.json").write_text(done.stdout, encoding="utf-8")
    return json.loads(done.stdout)


def line(name: str, d: dict) -> str:
    def prf(key: str) -> str:
        m = d[key]
        return f"{m['f1']:.3f} {m['tp']}/{m['fp']}/{m['fn']}"

    p = d["persons"]
    dates, wd = d["date_accuracy"], d["wikidata_accuracy"]
    return (
        f"{name:8s} pers {p['f1']:.3f} (P {p['precision']:.3f}) | met {prf('met_with')} | vis {prf('visits')}"
        f" | dates {dates['correct']}/{dates['n']} | wd {wd['correct']}/{wd['n']}"
    )


def compare(name: str, new: dict, old_dir: Path) -> list[str]:
    old_path = old_dir / f"{name}.json"
    if not old_path.exists():
        return []
    old = json.loads(old_path.read_text(encoding="utf-8"))["per_article"]
    rows = []
    for art, now in new["per_article"].items():
        was = old.get(art, {})
        for key in ("persons", "met_with", "visits"):
            a = tuple(was.get(key, {}).get(k) for k in ("tp", "fp", "fn"))
            b = tuple(now.get(key, {}).get(k) for k in ("tp", "fp", "fn"))
            if a != b:
                rows.append(f"  {name} {art} {key}: {a} -> {b}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for each set's kg eval JSON")
    ap.add_argument("--root", type=Path, default=HERE, help="checkout whose kg and gold are scored")
    ap.add_argument("--compare", type=Path, help="an earlier --out folder: list the articles whose counts moved")
    ap.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    args = ap.parse_args()
    ensure_articles()
    args.out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(args.sets, pool.map(lambda n: score(n, args.root.resolve(), args.out), args.sets)))
    for name, d in results.items():
        print(line(name, d) + ("" if name in STUDIED else "   (scored only)"))
    if args.compare:
        for name, d in results.items():
            for row in compare(name, d, args.compare):
                print(row)


if __name__ == "__main__":
    main()
