"""The streaming pipeline: Page -> extract -> keep/skip -> dedup -> store, with counts.

`Pipeline` (pipeline.py) is the single path into the corpus, shared by `ingest` and
`crawl`; `Stats` (stats.py) holds the counts and the summary line; `ingest` (ingest.py)
streams sources through it on guarded worker processes (guard.py: a page past its time
or memory limit, or one that crashes its worker, costs that page alone) or on Dask. The worker
half, `analyse(page, rules) -> Analysis`, lives in `broadsheet.run.analyse` (imported from
there: this package does not re-export the function, so the module name stays the module).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded on first use (below), for type checkers and IDEs
    from broadsheet.run.analyse import Analysis
    from broadsheet.run.keep import KeepRules, skip_reason
    from broadsheet.run.pipeline import Outcome, Pipeline
    from broadsheet.run.stats import Progress, Stats

__all__ = ["Analysis", "KeepRules", "Outcome", "Pipeline", "Progress", "Stats", "skip_reason"]

#: Where each name lives. Loaded on first use, so that importing one light module of this
#: package (`broadsheet.run.prestart`, which the ingest command runs first thing) does not
#: import the extractor, the corpus and NumPy with it.
_HOMES = {"Analysis": "analyse", "KeepRules": "keep", "skip_reason": "keep", "Outcome": "pipeline",
          "Pipeline": "pipeline", "Progress": "stats", "Stats": "stats"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'broadsheet.run' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"broadsheet.run.{home}"), name)
    globals()[name] = value
    return value
