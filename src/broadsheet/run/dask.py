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

Site profiles (on unless `--no-profiles`): the profiles stay the driver's, as locally the
main process's. A task goes out with the templates the driver has when it submits it
(`Profiles.templates()`: every host with `min_pages` learned, 100 to 300 bytes each on
Dragnet's pages, scattered once per change), and at most `TASKS_PER_THREAD` tasks per
worker thread are in flight, so task k + window goes out once task k is merged and gets
what tasks up to k taught. In the task, a host with a template is extracted with it (fixed
for the task; a local run refreshes it as pages come), and a host without one is learned
from the task's own articles and extracted with that once it has `min_pages`, as a local
run does with a new host. Each article's blocks go back with the result
(`TaskResult.sites`, in shard order), and `merge` commits them through `Pipeline.commit`,
which learns from the stored ones only, in task order and in the task's all-or-nothing
transaction; the tasks' own profiles are thrown away. So the corpus's profiles are learned
as locally (every stored article once, in input order), a host profiled before the run is
extracted as locally, and the pages that can differ are those of a host's first tasks: a
host new to the run is learned per task until a merge gives the driver its template.
Which pages those are depends on the window (the cluster's threads), as locally on how
fast results come back. The summary counts the pages extracted with a profile, on the
workers too. Without profiles every task is submitted at once.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Mapping, NamedTuple, Sequence

from broadsheet.corpus import Checkpoint
from broadsheet.corpus.profiles import CACHE_HOSTS, SiteWork, learns
from broadsheet.errors import BroadsheetError
from broadsheet.extract.profile import PageBlocks, SiteProfile, Template, site_key
from broadsheet.model import Page
from broadsheet.run.analyse import Analysis
from broadsheet.run.guard import Guard, GuardedPool
from broadsheet.run.interrupt import shielded
from broadsheet.run.keep import KeepRules, language_matches
from broadsheet.run.local import default_workers
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.shards import read_shard, write_shard
from broadsheet.run.stats import Stats
from broadsheet.run.units import Lookup, Source, Task, failure_message, task_items

log = logging.getLogger("broadsheet.run")

if TYPE_CHECKING:
    from dask.distributed import Client, Future

SLICE_BYTES = 256 * 1024 * 1024  # a WARC larger than this is split into slices of about this size
#: With site profiles, tasks in flight per worker thread: a task is submitted once the one
#: threads x this many places before it is merged, with the templates known then. More
#: keeps the workers busier behind a slow task; fewer gives templates sooner.
TASKS_PER_THREAD = 2


class SiteNote(NamedTuple):
    """What the driver needs about one article of a shard for its site's profile."""

    site: str | None
    profiled: bool
    blocks: PageBlocks | None


@dataclass
class TaskResult:
    shard: str | None
    stats: Stats
    checkpoints: list[Checkpoint] = field(default_factory=list)
    failure: str | None = None  # why the task's source broke down (its pages before that are kept)
    sites: list[SiteNote] = field(default_factory=list)  # one per shard row, in order (with profiles)


@dataclass(frozen=True)
class Templates:
    """The site templates the driver knew when it submitted a task (`Profiles.templates`),
    and the pages a host needs before its own learning within a task is applied."""

    by_site: Mapping[str, Template]
    min_pages: int


class TaskSites:
    """`Profiles.work` inside a Dask task, which has no corpus: a host the driver had a
    template for is extracted with it; any other host is learned from the task's own
    articles (each text once, in the run's languages, at most `CACHE_HOSTS` hosts) and its
    pages extracted with that once it has `min_pages`. Only the driver's profiles are kept:
    it learns every stored article again, in task order, when it merges the task.

    `asked` (an int a host) and `seen` (a text hash an article) grow with the task, not the
    run: a task is one slice of about SLICE_BYTES of one input, and all of it goes when the
    task ends (a slice of 256 MB holds some tens of thousands of pages: a few MB at most)."""

    def __init__(self, known: Templates) -> None:
        self.known = known
        self.own: OrderedDict[str, SiteProfile] = OrderedDict()
        self.asked: dict[str, int] = {}
        self.seen: set[str] = set()

    def work(self, page: Page) -> SiteWork | None:
        """The page's site work, decided when the page is sent to the guarded worker."""
        site = site_key(page.url, page.content)
        if site is None:
            return None
        asked = self.asked[site] = self.asked.get(site, 0) + 1
        template = self.known.by_site.get(site)
        if template is not None:
            return SiteWork(site, template, learns(template.pages, asked))
        own = self.own.get(site)
        if own is None:
            return SiteWork(site, None, True)
        self.own.move_to_end(site)
        local = own.template() if own.pages >= self.known.min_pages else None
        return SiteWork(site, local or None, learns(own.pages, asked))

    def learn(self, analysis: Analysis) -> None:
        """Fold an article's blocks into its host's task profile (hosts without a template)."""
        site, blocks, fp = analysis.site, analysis.blocks, analysis.fp
        if site is None or blocks is None or fp is None or site in self.known.by_site or fp.text_hash in self.seen:
            return
        self.seen.add(fp.text_hash)  # a copy of a page is not a template (the corpus would not store it)
        own = self.own.get(site)
        if own is None:
            own = self.own[site] = SiteProfile(site)
            while len(self.own) > CACHE_HOSTS:
                self.own.popitem(last=False)
        own.learn(blocks)


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


def run_task(
    task: Task, out: str, rules: KeepRules, guard: Guard = Guard(), templates: Templates | None = None
) -> TaskResult:
    """On a worker: read, analyse (guarded), write the articles to a shard; count the rest.

    `templates`: extract with site profiles (see `TaskSites`), and bring back what each
    article teaches its site (`TaskResult.sites`); None extracts each page on its own."""
    stats = Stats()
    latest: dict[str, Checkpoint] = {}  # only a key's last position matters: merged at once
    failures: list[str] = []
    notes: list[SiteNote] = []
    articles = 0
    pool = worker_pool(rules, guard)
    sites = TaskSites(templates) if templates is not None else None

    def analysed() -> Iterator[Analysis]:
        nonlocal articles
        items = task_items(task, stats, lambda _name, message: failures.append(message))
        for item, analysis in pool.ordered(items, lambda item: item.page, site=sites.work if sites else None):
            if item.checkpoint is not None:
                latest.pop(item.checkpoint.source, None)
                latest[item.checkpoint.source] = item.checkpoint
            if analysis is None:
                continue
            if analysis.status == "article":
                articles += 1
                if sites is not None:
                    notes.append(SiteNote(analysis.site, analysis.profiled, analysis.blocks))
                    language = (analysis.record or {}).get("language")
                    if not rules.languages or language_matches(language, rules.languages):
                        sites.learn(analysis)
                yield analysis
            else:
                stats.pages += 1  # counted, and its reject row goes back with the task's stats
                stats.profiled += analysis.profiled
                stats.not_stored(analysis.status, analysis.reason, url=analysis.url, origin=analysis.origin,
                                 detail=analysis.detail)

    shard = out.rstrip("/") + "/" + shard_name(task)
    write_shard(analysed(), shard)
    return TaskResult(shard if articles else None, stats, list(latest.values()), failures[0] if failures else None,
                      notes)


# -- on the driver -------------------------------------------------------------------------
class Shipped:
    """The driver's site templates and their copy on the cluster, sent again when they change."""

    def __init__(self, client: "Client", pipeline: Pipeline) -> None:
        self.client = client
        self.profiles = pipeline.profiles
        self.templates = Templates(self.profiles.templates(), self.profiles.min_pages)
        self.future: "Future[Templates] | None" = None
        self.scatter = True  # False once the cluster had no worker to take them

    def current(self) -> "Templates | Future[Templates]":
        """The templates as the tasks submitted now get them (scattered once per change; in
        each task instead when the cluster has no worker yet, which would stall a scatter)."""
        if self.future is None and self.scatter:
            try:
                self.future = self.client.scatter(self.templates, hash=False)
            except (TimeoutError, OSError, ValueError) as exc:
                log.debug("the site templates go inside each task: %s", exc)
                self.scatter = False
        return self.future if self.future is not None else self.templates

    def update(self, result: TaskResult) -> None:
        """Take in the templates of the hosts a merged task's articles taught."""
        known = self.templates.by_site
        changed: dict[str, Template | None] = {}
        for site in {note.site for note in result.sites if note.site is not None and note.blocks is not None}:
            template = self.profiles.template(site)
            if template is not known.get(site):
                changed[site] = template
        if not changed:
            return
        by_site = {site: t for site, t in {**known, **changed}.items() if t is not None}
        self.templates = Templates(by_site, self.templates.min_pages)  # a new object: tasks share the old one
        self.future = None


def threads(client: "Client") -> int:
    """The cluster's worker threads now (at least 1: a cluster may still be starting)."""
    nthreads: dict[str, int] = client.nthreads()
    return max(1, sum(nthreads.values()))


def run_tasks(client: "Client", tasks: Sequence[Task], pipeline: Pipeline, out: str, guard: Guard) -> None:
    """Submit the tasks and merge their results in task order. With site profiles, at most
    `TASKS_PER_THREAD` per worker thread are in flight, each with the templates the driver
    had when it was submitted; without, all are submitted at once."""
    shipped = Shipped(client, pipeline) if pipeline.profiles.enabled else None
    window = threads(client) * TASKS_PER_THREAD if shipped is not None else len(tasks)
    failed: set[str] = set()
    todo = iter(tasks)
    flight: deque[tuple[Task, Future[TaskResult]]] = deque()

    def fill() -> None:
        while len(flight) < window:
            task = next(todo, None)
            if task is None:
                return
            if task.name in failed:  # locally the source would have stopped there
                continue
            templates = shipped.current() if shipped is not None else None
            flight.append((task, client.submit(run_task, task, out=out, rules=pipeline.rules, guard=guard,
                                               templates=templates, pure=False)))

    while True:
        fill()  # task k + window goes with what tasks up to k taught
        if not flight:
            return
        task, future = flight.popleft()
        try:
            if task.name in failed:
                continue
            try:
                result = future.result()
            except Exception as exc:  # a task's failure is its source's, not the run's
                failed.add(task.name)
                pipeline.stats.source_failed(task.name, f"{task.name}: task failed on a Dask worker: {exc}")
                continue
            merge(result, pipeline)
            if shipped is not None:
                shipped.update(result)
            if result.failure is not None:
                failed.add(task.name)
                pipeline.stats.source_failed(task.name, result.failure)
        finally:
            future.release()


def merge(result: TaskResult, pipeline: Pipeline) -> None:
    """Deduplicate and store one task's shard, with its checkpoints, in one transaction; the
    stored articles teach their sites' profiles (`TaskResult.sites`), in shard order, when
    that transaction commits: a merge cut short teaches nothing, as it stores nothing."""
    learned: list[tuple[str, PageBlocks]] = []
    pipeline.hold = True
    try:
        if result.shard is not None:
            for n, analysis in enumerate(read_shard(result.shard)):
                note = result.sites[n] if n < len(result.sites) else None
                if note is not None:
                    analysis.site, analysis.profiled = note.site, note.profiled
                outcome = pipeline.commit(analysis)
                if outcome.status == "stored" and note is not None and note.site and note.blocks is not None:
                    learned.append((note.site, note.blocks))
        for checkpoint in result.checkpoints:
            pipeline.mark(checkpoint)
        pipeline.stats += result.stats
        with shielded:  # a signal waits for the lessons and the commit both
            for site, blocks in learned:
                pipeline.profiles.learn(site, blocks)
            pipeline.hold = False
            pipeline.flush()
    finally:
        pipeline.hold = False


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
    try:
        run_tasks(client, tasks, pipeline, out, guard)
    finally:
        try:
            client.run(close_worker_pools)
        except Exception as exc:  # a worker already gone has nothing left to close
            log.debug("closing the guarded pools on the Dask workers: %s", exc)
        client.close()
        if cluster is not None:
            cluster.close()
