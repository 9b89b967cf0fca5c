"""What a build did: `BuildReport` (for the user) and `RunStats` (for the benchmark).

Kept apart from the engine (`kg.build.engine`) and from the functions that call it
(`kg.build`), so both read it and neither imports the other's caller.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.read.articles import ArticleError
from kg.rdf.validate import ValidationReport


@dataclass
class BuildReport:
    articles: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    persons: int = 0
    places: int = 0
    organisations: int = 0
    events: Counter[str] = field(default_factory=Counter)
    planned: int = 0
    triples_written: int = 0
    store_triples: int = 0
    invalid: dict[str, ValidationReport] = field(default_factory=dict)
    store: str | None = None
    out: str | None = None
    removed: list[str] = field(default_factory=list)  # articles of the last build no longer in the input
    kept_stale: list[str] = field(default_factory=list)  # …kept because this build skipped files

    @property
    def conforms(self) -> bool:
        return not self.invalid


@dataclass
class RunStats:
    """What the engine did, for the report and the benchmark."""

    read: int = 0
    extracted: int = 0  # articles that went through spaCy (0 on an unchanged rebuild)
    reused: int = 0  # articles whose records came from the cache
    rendered: int = 0  # article graphs rendered (and validated unless known valid)
    written: int = 0  # article graphs written to the store
    triples_written: int = 0  # triples of all graphs of this build (written or unchanged)
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage
    peak_rss_mb: float = 0.0
