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


def shared_data() -> Path:
    """The read-only shared data folder (ANERcorp, Wikidata extract, raw news…)."""
    env = os.environ.get("KG_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"
