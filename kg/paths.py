"""Where the project's files and the shared data sets live.

The shared data sets are read in place (never copied into the repository); `KG_SHARED_DATA`
points elsewhere when the checkout is not next to `shared/`.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LEXICON = DATA / "lexicon"
GAZETTEER = DATA / "gazetteer"
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "queries"
MODELS = ROOT / "models"
DEFAULT_STORE = ROOT / "build" / "store"


def news_dev_split(article_id: str) -> str:
    """The fixed split of the news development set (`shared_data() / "news_dev"`): an article
    whose number (the file name's leading digits) is divisible by 3 is *check* (reported, never
    tuned or trained on), any other *tune*. Here so that both the scorer and the NER training,
    which must never read a check article, ask the same function."""
    digits = "".join(c for c in article_id[:3] if c.isdigit())
    return "check" if digits and int(digits) % 3 == 0 else "tune"


def shared_data() -> Path:
    """The read-only shared data folder (ANERcorp, Wikidata extract, raw news…)."""
    env = os.environ.get("KG_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"
