"""`ingest`: sources -> pipeline -> corpus, on this machine or on a Dask cluster.

A source that cannot be used at all (missing, not a WARC, an empty folder) is logged and
counted, and the others are still ingested; the run as a whole has failed only when no
source could be used (`Stats.failed`), or when the corpus cannot be written (raised).
Whatever was committed before a failure or a kill stays, and running the same command
again resumes from the checkpoints, ending with the corpus an uninterrupted run gives.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import IO, Iterator, Sequence

from broadsheet.corpus import DEFAULT_PATH, Corpus
from broadsheet.errors import BroadsheetError
from broadsheet.run import prestart
from broadsheet.run.guard import Guard
from broadsheet.run.keep import KeepRules
from broadsheet.run.local import default_workers, run_local
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.stats import Stats
from broadsheet.run.units import FolderSource, Item, Lookup, Source, WarcSource, items_of, open_source
from broadsheet.sources import QuietEvents
from broadsheet.sources.urls import FetchOptions
from broadsheet.sources.warc import check_warc

log = logging.getLogger("broadsheet.run")


def _has_data(corpus: str | os.PathLike[str]) -> bool:
    """Whether a corpus file holds anything (an empty file made with `touch` is a new corpus)."""
    try:
        return os.path.getsize(corpus) > 0
    except OSError:
        return False


def open_sources(args: Sequence[str | os.PathLike[str]], stats: Stats, options: FetchOptions) -> list[Source]:
    """The usable sources; each unusable one is counted as failed with its reason.

    A source named twice (even by another path) is read once.
    """
    sources: list[Source] = []
    seen: set[str] = set()
    for arg in args:
        name = os.fspath(arg)
        if os.path.realpath(name) in seen:
            stats.ignore("source given twice")
            continue
        seen.add(os.path.realpath(name))
        try:
            sources.append(open_source(name, options))
        except BroadsheetError as exc:
            stats.source_failed(name, str(exc))
    return sources


def may_give_pages(source: Source) -> bool:
    """Whether a usable source may give a page, as far as a cheap look tells: a folder with a
    saved page (the walk stops at the first), a file that starts like a WARC; a URL list only
    fetching tells."""
    if isinstance(source, FolderSource):
        return next(iter(source.files(QuietEvents())), None) is not None
    if isinstance(source, WarcSource):
        try:
            check_warc(source.name)
        except (BroadsheetError, OSError):
            return False
    return True


def all_items(sources: Sequence[Source], lookup: Lookup, stats: Stats) -> Iterator[Item]:
    """Every item of every source, in order; a source that breaks down is counted as failed."""
    return items_of(sources, lookup, stats, stats.source_failed)


def ingest(
    sources: Sequence[str | os.PathLike[str]],
    corpus: Corpus | str | Path = DEFAULT_PATH,
    *,
    workers: int | None = None,
    dask: str | None = None,
    out: str | None = None,
    threshold: float | None = None,
    rekey: bool = False,
    rules: KeepRules = KeepRules(),
    fetch: FetchOptions = FetchOptions(),
    progress: bool | None = None,
    stats: Stats | None = None,
    commit_every: int = 500,
    guard: Guard = Guard(),
    profiles: bool = True,
    rejects: IO[str] | None = None,
) -> Stats:
    """Ingest WARC files, folders of pages and URL lists into a corpus; return the counts.

    `workers`: guarded processes for extraction (default: one per core; the main process
    reads and writes meanwhile). `guard`: the per-page time and memory limits (and the
    function analysing a page, for tests); a page past them is skipped "timeout",
    "too large" or "crashed" and the run goes on.
    `dask`: a scheduler address, or "local" for a LocalCluster; workers then also write
    Parquet shards to `out` (a local folder or an fsspec URL). `commit_every`: pages per
    transaction (a kill loses at most that much work, never consistency).
    `profiles`: learn what each site repeats on its pages (a profile per host, kept in the
    corpus) and extract a host's pages with its profile once it has learned
    `MIN_PROFILE_PAGES` of them (on Dask, with the templates known when a task is submitted:
    `broadsheet.run.dask`).
    `threshold`: the near-duplicate threshold; None uses the corpus's own (the default
    for a new one); another one is refused unless `rekey` (`Corpus`), which is not done
    when no source may give a page (`may_give_pages`: the run fails then; a URL list whose
    every fetch fails is known to only after the corpus was opened and re-keyed).
    `rules.languages`: store only articles in these languages. Every page not stored is a
    row of the corpus's `rejects` table; `rejects`, a text stream, gets them as JSON lines too.
    Inside `broadsheet.run.interrupt.stopping()`, SIGINT/SIGTERM commit what is done and
    raise `Interrupted` (the counts are then those of the committed pages).
    """
    stats = stats if stats is not None else Stats()
    stats.sources += len(sources)
    usable = open_sources(sources, stats, fetch)
    own = not isinstance(corpus, Corpus)
    # No source that may give a page: the run fails before reading one, so it keeps the
    # corpus's index (a --rekey re-keyed it, then the run failed: review R10) and only
    # records the failures.
    rekeying = rekey and any(may_give_pages(source) for source in usable)
    # (a new corpus takes the threshold asked for: it has no index to keep, review R11)
    keep_index = rekey and not rekeying and not isinstance(corpus, Corpus) and _has_data(corpus)
    store = corpus if isinstance(corpus, Corpus) else Corpus(
        corpus, threshold=None if keep_index else threshold, rekey=rekeying)
    try:
        with Pipeline(store, rules=rules, progress=progress, stats=stats, commit_every=commit_every,
                      profiles=profiles, rejects=rejects) as pipeline:
            if dask:
                from broadsheet.run.dask import run_dask

                run_dask(usable, pipeline, address=dask, out=out or default_out(store), workers=workers, guard=guard)
            else:
                run_local(all_items(usable, store.progress, stats), pipeline, workers or default_workers(), guard)
    finally:
        prestart.discard()  # a worker server the command started for a pool that never wanted one
        if own:
            store.close()
    log.info("%s", stats.summary())
    return stats


def default_out(corpus: Corpus) -> str:
    """Where Dask workers write shards when `--out` is not given: next to the corpus."""
    return str(corpus.path.with_name(corpus.path.name + ".shards"))
