"""Running items through the pipeline on this machine: in-process, or on a process pool.

The main process reads the sources and is the corpus's single writer; workers only
analyse (extract, keep/skip, fingerprint). Results are committed in input order, so the
corpus is the same whatever the number of workers. At most `workers * 4` batches (plus
`WARMUP_BATCHES` while the pool starts) are in flight, which bounds memory however large
the input. A worker that dies (a crash in
native code, the OOM killer) costs the page that killed it, not the run.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, analyse, analyse_many
from broadsheet.run.keep import KeepRules
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.units import Item

log = logging.getLogger("broadsheet.run")

BATCH = 8  # pages per pool task: amortises the round trip, keeps the window small
WINDOW_PER_WORKER = 4
WARMUP_BATCHES = 16  # extra batches this process may analyse while the pool starts


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


def run_inline(items: Iterable[Item], pipeline: Pipeline) -> None:
    """One worker: everything in this process (no pickling, no pool start-up)."""
    for item in items:
        apply(pipeline, item, analyse(item.page, pipeline.rules) if item.page is not None else None)


def watch_parent(parent: int, interval: float = 1.0) -> None:
    """Worker initializer: exit once the main process is gone.

    A main process killed with SIGKILL cannot shut its pool down, and the workers would
    wait forever on a queue nobody writes to any more (holding the fork server open too).
    """

    def loop() -> None:
        while True:
            time.sleep(interval)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # alive, just not ours to signal

    threading.Thread(target=loop, name="broadsheet-watch-parent", daemon=True).start()


def _done(value: list[Analysis]) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class _Pool:
    """A process pool that replaces itself when a worker dies."""

    def __init__(self, workers: int, rules: KeepRules) -> None:
        self.workers = workers
        self.rules = rules
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["broadsheet.run.warm"])
        self.pool = self._new()
        self.degraded = False  # True once the pool proved unable to start: analyse in-process
        self.worked = False  # True once the pool delivered a result

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=watch_parent, initargs=(os.getpid(),)
        )

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def submit(self, pages: list[Page]) -> Future | None:
        """A pool task for the batch (analysed here instead once the pool proved unusable)."""
        if not pages:
            return None
        if not self.degraded:
            for _ in range(2):
                try:
                    return self.pool.submit(analyse_many, pages, self.rules)
                except BrokenProcessPool:
                    self.restart()
            self.degrade()
        return _done(analyse_many(pages, self.rules))

    def degrade(self) -> None:
        """Workers cannot start here (no `__main__` guard, a sandbox): go on in-process."""
        if not self.degraded:
            log.warning("the worker pool cannot start processes; analysing in the main process instead")
            self.degraded = True

    def results(self, pages: list[Page], future: Future | None) -> list[Analysis]:
        """The batch's analyses; after a crash, each page alone, so only the culprit is lost."""
        if future is None:
            return []
        try:
            out = future.result()
            self.worked = True
            return out
        except BrokenProcessPool:
            self.restart()
        if not self.worked:  # the pool never delivered anything: it is the pool, not a page
            self.degrade()
        if self.degraded:
            return analyse_many(pages, self.rules)
        out = []
        for page in pages:
            try:
                out.append(self.pool.submit(analyse, page, self.rules).result())
            except BrokenProcessPool:
                log.warning("%s: a worker died analysing this page", page.origin or page.url)
                self.restart()
                out.append(Analysis(page.origin, page.url, "error", "worker crashed"))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_pool(items: Iterable[Item], pipeline: Pipeline, workers: int) -> None:
    """Analyse on `workers` processes, commit here in input order.

    Starting the pool takes about a second (the fork server imports the extractor); until
    the first worker answers, this process analyses batches itself instead of waiting.
    """
    pool = _Pool(workers, pipeline.rules)
    window: deque[tuple[list[Item], list[Page], Future | None]] = deque()
    first: list[Future] = []  # the pool's first batches: when one is done, the pool is up

    def drain() -> None:
        group, pages, future = window.popleft()
        analyses = iter(pool.results(pages, future))
        for item in group:
            apply(pipeline, item, next(analyses) if item.page is not None else None)

    try:
        for group in _batches(items, BATCH):
            pages = [item.page for item in group if item.page is not None]
            warming = len(first) >= workers and not any(f.done() for f in first)
            if warming and pages:
                future: Future | None = _done(analyse_many(pages, pipeline.rules))
            else:
                future = pool.submit(pages)
                if future is not None and len(first) < workers:
                    first.append(future)
            window.append((group, pages, future))
            limit = workers * WINDOW_PER_WORKER + (WARMUP_BATCHES if warming else 0)
            while len(window) >= limit:
                drain()
        while window:
            drain()
    finally:
        pool.close()


def run_local(items: Iterable[Item], pipeline: Pipeline, workers: int) -> None:
    """In-process for one worker, a process pool for more."""
    if workers <= 1:
        run_inline(items, pipeline)
    else:
        run_pool(items, pipeline, workers)
