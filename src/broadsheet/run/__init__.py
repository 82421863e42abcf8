"""The streaming pipeline: Page -> extract -> keep/skip -> dedup -> store, with counts.

`Pipeline` (pipeline.py) is the single path into the corpus, shared by `ingest` and
`crawl`; `Stats` (stats.py) holds the counts and the summary line; `ingest` (ingest.py)
streams sources through it on guarded worker processes (guard.py: a page past its time
or memory limit, or one that crashes its worker, costs that page alone) or on Dask. The worker
half, `analyse(page, rules) -> Analysis`, lives in `broadsheet.run.analyse` (imported from
there: this package does not re-export the function, so the module name stays the module).
"""
from __future__ import annotations

from broadsheet.run.analyse import Analysis
from broadsheet.run.keep import KeepRules, skip_reason
from broadsheet.run.pipeline import Outcome, Pipeline
from broadsheet.run.stats import Progress, Stats

__all__ = ["Analysis", "KeepRules", "Outcome", "Pipeline", "Progress", "Stats", "skip_reason"]
