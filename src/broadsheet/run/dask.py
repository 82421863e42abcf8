"""Ingest on a Dask cluster: one task per WARC file (or slice of a large one), per batch of
saved pages, or per URL list; workers extract and write Parquet shards to `out`.

The driver merges the shards into the corpus in task order, each task in one transaction
with its checkpoints, so dedup sees articles in the same order as a local run and the
corpus comes out the same; a killed run redoes at most the tasks not yet merged. Sources
must be readable at the same paths on the workers (a shared or network file system).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from broadsheet.corpus import Checkpoint
from broadsheet.errors import BroadsheetError
from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, analyse
from broadsheet.run.keep import KeepRules
from broadsheet.run.local import default_workers
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.shards import read_shard, write_shard
from broadsheet.run.stats import Stats
from broadsheet.run.units import FolderSource, Lookup, Source, UrlListSource, WarcSource, empty_folder, file_key
from broadsheet.sources.files import read_page
from broadsheet.sources.urls import FetchOptions, iter_url_list
from broadsheet.sources.warc import check_warc, iter_warc_records, record_offsets

log = logging.getLogger("broadsheet.run")

SLICE_BYTES = 256 * 1024 * 1024  # a WARC larger than this is split into slices of about this size
FILES_PER_TASK = 200


@dataclass(frozen=True)
class Task:
    """One unit of work for a Dask worker (picklable, self-contained)."""

    kind: str  # "warc" | "files" | "urls"
    name: str
    key: str = ""
    start: int = 0
    resume_at: int = 0
    stop: int | None = None
    files: tuple[tuple[str, str], ...] = ()  # (path, checkpoint key) of saved pages

    def shard_name(self) -> str:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(self.name.rstrip("/")))[:60] or "source"
        ident = repr((self.kind, self.key, self.start, self.resume_at, self.stop, self.files)).encode()
        return f"{stem}-{hashlib.sha1(ident).hexdigest()[:12]}.parquet"


@dataclass
class TaskResult:
    shard: str | None
    stats: Stats
    checkpoints: list[Checkpoint] = field(default_factory=list)


def plan(sources: Sequence[Source], lookup: Lookup, stats: Stats, slice_bytes: int = SLICE_BYTES) -> list[Task]:
    """The tasks still to do for `sources` (finished inputs and files are left out)."""
    tasks: list[Task] = []
    for source in sources:
        try:
            tasks.extend(_plan_one(source, lookup, stats, slice_bytes))
        except (BroadsheetError, OSError) as exc:
            stats.source_failed(source.name, str(exc) if isinstance(exc, BroadsheetError) else f"{source.name}: {exc}")
    return tasks


def _plan_one(source: Source, lookup: Lookup, stats: Stats, slice_bytes: int) -> Iterator[Task]:
    if isinstance(source, WarcSource):
        key = source.key
        seen = lookup(key)
        if seen is not None and seen.done:
            stats.ignore("already ingested")
            return
        check_warc(source.name)
        start, resume = (seen.seek, seen.resume_at) if seen else (0, 0)
        cuts: list[int] = []
        if os.path.getsize(source.name) - start > slice_bytes:
            cuts = [c for c in record_offsets(source.name, slice_bytes) if c > start]
        bounds = [start, *cuts, None]
        for lo, hi in zip(bounds, bounds[1:]):
            yield Task("warc", source.name, key, lo, max(resume, lo), hi)
    elif isinstance(source, FolderSource):
        batch: list[tuple[str, str]] = []
        found = False
        for path in source.files(stats):
            found = True
            key = file_key(path)
            seen = lookup(key)
            if seen is not None and seen.done:
                stats.ignore("already ingested")
                continue
            batch.append((str(path), key))
            if len(batch) >= FILES_PER_TASK:
                yield Task("files", source.name, files=tuple(batch))
                batch = []
        if not found:
            raise empty_folder(source.name)
        if batch:
            yield Task("files", source.name, files=tuple(batch))
    elif isinstance(source, UrlListSource):
        seen = lookup(source.key)
        yield Task("urls", source.name, source.key, resume_at=seen.resume_at if seen else 0)


def _pages(task: Task, stats: Stats, fetch: FetchOptions, checkpoints: list[Checkpoint]) -> Iterator[Page]:
    if task.kind == "warc":
        for _offset, page in iter_warc_records(task.name, stats, start=task.start, resume_at=task.resume_at, stop=task.stop):
            yield page
        end = task.stop
        checkpoints.append(Checkpoint(task.key, end, end) if end is not None else Checkpoint(task.key, 0, 0, done=True))
    elif task.kind == "files":
        for path, key in task.files:
            page = read_page(Path(path), stats)
            if page is not None:
                checkpoints.append(Checkpoint(key, 0, 0, done=True))
                yield page
    else:
        last = task.resume_at - 1
        for number, page in iter_url_list(task.name, stats, options=fetch, start=task.resume_at):
            last = number
            if page is not None:
                yield page
        if last >= task.resume_at:
            checkpoints.append(Checkpoint(task.key, last + 1, last + 1))


def run_task(task: Task, out: str, rules: KeepRules, fetch: FetchOptions) -> TaskResult:
    """On a worker: read, analyse, write the articles to a shard; count the rest."""
    stats = Stats()
    checkpoints: list[Checkpoint] = []
    articles = 0

    def analysed() -> Iterator[Analysis]:
        nonlocal articles
        for page in _pages(task, stats, fetch, checkpoints):
            analysis = analyse(page, rules)
            if analysis.status == "article":
                articles += 1
                yield analysis
            else:
                stats.pages += 1
                (stats.skipped if analysis.status == "skipped" else stats.errors)[analysis.reason] += 1

    shard = out.rstrip("/") + "/" + task.shard_name()
    write_shard(analysed(), shard)
    return TaskResult(shard if articles else None, stats, checkpoints)


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
    fetch: FetchOptions = FetchOptions(),
    slice_bytes: int | None = None,
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
    try:
        futures = client.map(run_task, tasks, out=out, rules=pipeline.rules, fetch=fetch, pure=False)
        for task, future in zip(tasks, futures):
            try:
                result = future.result()
            except Exception as exc:  # a task's failure is its source's, not the run's
                pipeline.stats.source_failed(task.name, f"{task.name}: task failed on a Dask worker: {exc}")
                continue
            finally:
                future.release()
            merge(result, pipeline)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
