"""Running items through the pipeline on this machine, on guarded worker processes.

The main process reads the sources and is the corpus's single writer; `workers` guarded
processes (`broadsheet.run.guard`) only analyse (extract, keep/skip, fingerprint), each page
under a time and a memory limit. One worker is still a process of its own: reading and
writing here overlap with extraction there, and a page that hangs or crashes the
extractor costs that page, never the run. Results are committed in input order, so the
corpus is the same whatever the number of workers, and at most `WINDOW_PER_WORKER` pages
per worker are in flight, which bounds memory however large the input.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterable

from broadsheet.run.analyse import Analysis
from broadsheet.run.guard import Guard
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.units import Item


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, multiprocessing.cpu_count())


def apply(pipeline: Pipeline, item: Item, analysis: Analysis | None) -> None:
    """Commit one item: its analysis (if it had a page) and its checkpoint."""
    if analysis is not None:
        pipeline.commit(analysis, checkpoint=item.checkpoint)
    elif item.checkpoint is not None:
        pipeline.mark(item.checkpoint)


def run_local(items: Iterable[Item], pipeline: Pipeline, workers: int, guard: Guard = Guard()) -> None:
    """Analyse on `workers` guarded processes, commit here in input order. Each page goes
    with its site's profile work (`pipeline.profiles`), decided here when it is sent."""
    site = pipeline.profiles.work if pipeline.profiles.enabled else None
    with guard.pool(max(1, workers), pipeline.rules) as pool:
        for item, analysis in pool.ordered(items, lambda item: item.page, site=site):
            apply(pipeline, item, analysis)
