"""A whole crawl into a corpus: the crawler wired to the same pipeline as `ingest`.

Everything that touches the corpus file runs in one thread (the event loop's): the
pipeline's store half and the crawl state share the corpus's connection and its
transactions. Only extraction leaves that thread, to guarded worker processes
(`broadsheet.run.guard`), so fetching other hosts goes on meanwhile, and a page that hangs,
bloats or crashes the extractor costs that page (skipped "timeout", "too large",
"crashed"), never the crawl.

Inside `broadsheet.run.interrupt.stopping()` (the CLI), SIGINT or SIGTERM cancels the
crawl's tasks at their next `await`, between two writes of the crawl state: what was stored is
committed, pages in flight are left pending, the run is not marked finished (the next
crawl of that corpus resumes it), and `Interrupted` is raised.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable

from broadsheet.corpus import DEFAULT_PATH, Corpus
from broadsheet.crawl.config import CrawlConfig
from broadsheet.crawl.crawler import Crawler
from broadsheet.crawl.state import CrawlState
from broadsheet.crawl.stats import CrawlReport
from broadsheet.model import Page
from broadsheet.run import KeepRules, Outcome, Pipeline, Stats
from broadsheet.run.guard import Guard
from broadsheet.run.interrupt import raise_pending

__all__ = ["CrawlResult", "crawl"]

#: A crawl is slow next to ingest (politeness), so it commits often: little is redone
#: after a kill, and the cost (one WAL commit every few pages) is invisible.
COMMIT_EVERY = 20
COMMIT_SECONDS = 2.0


@dataclass
class CrawlResult:
    """The per-host crawl report and the pipeline's counts (the ingest summary line)."""

    report: CrawlReport
    stats: Stats
    corpus: Path

    def summary_lines(self) -> list[str]:
        return self.report.lines() + [self.stats.summary()]


def crawl(
    start_urls: Iterable[str],
    *,
    corpus: str | Path = DEFAULT_PATH,
    config: CrawlConfig = CrawlConfig(),
    progress: bool | None = None,
    workers: int = 0,
    report: CrawlReport | None = None,
    stats: Stats | None = None,
    guard: Guard = Guard(),
    profiles: bool = True,
    rules: KeepRules = KeepRules(),
    rejects: IO[str] | None = None,
) -> CrawlResult:
    """Crawl `start_urls` (sites, feeds or sitemaps) into the corpus at `corpus`.

    Resumes an interrupted crawl of that corpus; a crawl after a finished one asks only
    for new and changed pages. Raises `InputError` when no start URL can be crawled.
    Pass `report`/`stats` to read the counts even when the crawl is interrupted.
    `workers`: extraction processes (0 or 1: one, beside the fetcher); `guard`: the
    per-page time and memory limits. `profiles`: learn each site's profile as pages come
    and extract with it once a host has enough pages (`broadsheet.corpus.profiles`).
    `rules`: the keep rules (`rules.languages` keeps only articles in those languages).
    Pages not stored (and page URLs that failed) are rows of the corpus's `rejects`
    table; `rejects`, a text stream, gets them as JSON lines too.
    """
    start = list(start_urls)
    report = report if report is not None else CrawlReport()
    with Corpus(corpus) as store, Pipeline(store, rules=rules, progress=progress, desc="crawl", stats=stats,
                                          profiles=profiles, commit_every=COMMIT_EVERY, commit_seconds=COMMIT_SECONDS,
                                          rejects=rejects) as pipe:
        state = CrawlState(store.db)
        pool = guard.pool(max(1, workers), pipe.rules)
        try:
            async def process(page: Page) -> Outcome:
                analysis = await asyncio.wrap_future(pool.submit(page, pipe.profiles.work(page)))
                return pipe.commit(analysis)

            crawler = Crawler(state, process, config, report=report, events=pipe.stats, reject=pipe.stats.reject)
            try:
                asyncio.run(crawler.run(start))
            except asyncio.CancelledError:
                raise_pending()  # a signal cancelled it: Interrupted (else a real cancellation)
                raise
            raise_pending()  # a signal after its last await: not marked finished either
            pipe.flush()
            state.finish_run(crawler.run_id)
        finally:
            pool.close()
    return CrawlResult(report, pipe.stats, Path(corpus))
