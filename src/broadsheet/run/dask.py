"""Ingest on a Dask cluster: the sources' own tasks (`broadsheet.run.units`: a WARC file or a
slice of a large one, a batch of saved pages, a URL list) mapped onto the workers, which
analyse through a guarded worker process and write the articles to Parquet shards in `out`.

The reading code is the local runner's: a task reads the same way here as there, and this
module only plans, ships and merges. The driver merges the shards into the corpus in task
order, each task in one transaction with its checkpoints, so dedup sees articles in the
same order as a local run and the corpus comes out the same; a killed run redoes at most
the tasks not yet merged. A task's source that breaks down is counted failed once, and,
as locally, what the source would have yielded after that point is not committed. Sources
must be readable at the same paths on the workers (a shared or network file system).

Each Dask worker process keeps one 1-worker `GuardedPool` per set of limits (started on
its first task, closed at the end of the run): a page that hangs, bloats or crashes the
extractor costs that page, not the Dask worker or the task.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from broadsheet.corpus import Checkpoint
from broadsheet.errors import BroadsheetError
from broadsheet.run.analyse import Analysis
from broadsheet.run.guard import Guard, GuardedPool
from broadsheet.run.keep import KeepRules
from broadsheet.run.local import default_workers
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.shards import read_shard, write_shard
from broadsheet.run.stats import Stats
from broadsheet.run.units import Lookup, Source, Task, failure_message, task_items

log = logging.getLogger("broadsheet.run")

SLICE_BYTES = 256 * 1024 * 1024  # a WARC larger than this is split into slices of about this size


@dataclass
class TaskResult:
    shard: str | None
    stats: Stats
    checkpoints: list[Checkpoint] = field(default_factory=list)
    failure: str | None = None  # why the task's source broke down (its pages before that are kept)


def shard_name(task: Task) -> str:
    """A name unique to the task (the same task always writes the same shard)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(task.name.rstrip("/")))[:60] or "source"
    return f"{stem}-{hashlib.sha1(repr(task).encode()).hexdigest()[:12]}.parquet"


def plan(sources: Sequence[Source], lookup: Lookup, stats: Stats, slice_bytes: int = SLICE_BYTES) -> list[Task]:
    """The tasks still to do for `sources` (finished inputs and files are left out)."""
    tasks: list[Task] = []
    for source in sources:
        try:
            tasks.extend(source.tasks(lookup, stats, slice_bytes=slice_bytes))
        except (BroadsheetError, OSError) as exc:
            stats.source_failed(source.name, failure_message(source.name, exc))
    return tasks


# -- on a Dask worker ----------------------------------------------------------------------
_POOLS: dict[tuple[KeepRules, Guard], GuardedPool] = {}
_POOLS_LOCK = threading.Lock()


def worker_pool(rules: KeepRules, guard: Guard) -> GuardedPool:
    """This process's guarded pool for these limits (one child process, reused by its tasks)."""
    with _POOLS_LOCK:
        pool = _POOLS.get((rules, guard))
        if pool is None or pool.closed:
            pool = _POOLS[(rules, guard)] = guard.pool(1, rules)
        return pool


def close_worker_pools() -> None:
    """End this process's guarded pools (run on every Dask worker when a run ends)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


def run_task(task: Task, out: str, rules: KeepRules, guard: Guard = Guard()) -> TaskResult:
    """On a worker: read, analyse (guarded), write the articles to a shard; count the rest."""
    stats = Stats()
    latest: dict[str, Checkpoint] = {}  # only a key's last position matters: merged at once
    failures: list[str] = []
    articles = 0
    pool = worker_pool(rules, guard)

    def analysed() -> Iterator[Analysis]:
        nonlocal articles
        items = task_items(task, stats, lambda _name, message: failures.append(message))
        for item, analysis in pool.ordered(items, lambda item: item.page):
            if item.checkpoint is not None:
                latest.pop(item.checkpoint.source, None)
                latest[item.checkpoint.source] = item.checkpoint
            if analysis is None:
                continue
            if analysis.status == "article":
                articles += 1
                yield analysis
            else:
                stats.pages += 1  # counted, and its reject row goes back with the task's stats
                stats.not_stored(analysis.status, analysis.reason, url=analysis.url, origin=analysis.origin,
                                 detail=analysis.detail)

    shard = out.rstrip("/") + "/" + shard_name(task)
    write_shard(analysed(), shard)
    return TaskResult(shard if articles else None, stats, list(latest.values()), failures[0] if failures else None)


# -- on the driver -------------------------------------------------------------------------
def merge(result: TaskResult, pipeline: Pipeline) -> None:
    """Deduplicate and store one task's shard, with its checkpoints, in one transaction."""
    pipeline.hold = True
    try:
        if result.shard is not None:
            for analysis in read_shard(result.shard):
                pipeline.commit(analysis)
        for checkpoint in result.checkpoints:
            pipeline.mark(checkpoint)
        pipeline.stats += result.stats
    finally:
        pipeline.hold = False
    pipeline.flush()


def run_dask(
    sources: Sequence[Source],
    pipeline: Pipeline,
    *,
    address: str,
    out: str,
    workers: int | None = None,
    slice_bytes: int | None = None,
    guard: Guard = Guard(),
) -> None:
    """Run the tasks of `sources` on Dask (`address`, or "local" for a LocalCluster)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise BroadsheetError("--dask needs Dask: pip install 'broadsheet[dask]'") from None
    tasks = plan(sources, pipeline.corpus.progress, pipeline.stats, slice_bytes or SLICE_BYTES)
    if not tasks:
        return
    if not logging.getLogger().isEnabledFor(logging.INFO):  # Dask's chatter only with -v
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.WARNING)
    cluster = None
    if address == "local":
        n = workers or default_workers()
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise BroadsheetError(f"cannot reach the Dask scheduler at {address}: {exc}; check the address") from None
    failed: set[str] = set()
    try:
        futures = client.map(run_task, tasks, out=out, rules=pipeline.rules, guard=guard, pure=False)
        for task, future in zip(tasks, futures):
            try:
                if task.name in failed:  # locally the source would have stopped there
                    continue
                try:
                    result = future.result()
                except Exception as exc:  # a task's failure is its source's, not the run's
                    failed.add(task.name)
                    pipeline.stats.source_failed(task.name, f"{task.name}: task failed on a Dask worker: {exc}")
                    continue
                merge(result, pipeline)
                if result.failure is not None:
                    failed.add(task.name)
                    pipeline.stats.source_failed(task.name, result.failure)
            finally:
                future.release()
    finally:
        try:
            client.run(close_worker_pools)
        except Exception as exc:  # a worker already gone has nothing left to close
            log.debug("closing the guarded pools on the Dask workers: %s", exc)
        client.close()
        if cluster is not None:
            cluster.close()
