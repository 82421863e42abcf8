"""The one path every page takes into the corpus: extract -> keep/skip -> dedup -> store.

`broadsheet ingest` and `broadsheet crawl` both send their pages through it, so both show
the same progress bar and end with the same summary line. Stable API:

    from broadsheet.corpus import Corpus
    from broadsheet.run.pipeline import Pipeline

    with Corpus(path) as corpus, Pipeline(corpus, progress=None, desc="crawl") as pipe:
        outcome = pipe.process(page)   # Outcome(status, reason, id, duplicate_of)
        # status: "stored" | "duplicate" (reason "exact"/"near") |
        #         "skipped" (reason "no body", "index page", "404 page", "login wall",
        #                    "not HTML", "too large", and from the guarded pool "timeout",
        #                    "crashed") | "error" (reason)
        pipe.stats.error("fetch failed", url, "HTTP 503")   # count things that never became pages
        pipe.stats.ignore("robots.txt")                       # count records that are not pages
    print(pipe.summary())              # the closing line (also logged by close())

Site profiles (`broadsheet.corpus.profiles`): `pipe.profiles.work(page)` says what the
worker is to do about the page's site (apply its profile once it has `min_pages`, learn);
`commit` learns what each stored article taught (duplicates teach nothing: a page seen
twice is not a template), and the profiles are written with the commits, at most every
`SAVE_SECONDS`, and on close. The summary line counts the pages extracted with one.

Writes are committed every `commit_every` pages (or `commit_seconds`), on `flush()` and
on close; `process(page, checkpoint=...)` commits a source position in the same transaction
as the page, which is how ingest resumes exactly. `commit(analysis)` is the corpus half
alone, for analyses made elsewhere (the guarded pool, Dask shards); ingest and crawl
analyse there. `process` analyses in this process (under a timer on the main thread only,
with no memory limit), for small callers that want no worker processes.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

from broadsheet.corpus import Checkpoint, Corpus
from broadsheet.corpus.profiles import Profiles
from broadsheet.extract.profile import MIN_PROFILE_PAGES
from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, analyse_inline
from broadsheet.run.keep import KeepRules
from broadsheet.run.stats import Progress, Stats


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one page."""

    status: Literal["stored", "duplicate", "skipped", "error"]
    reason: str = ""
    id: str | None = None
    duplicate_of: str | None = None


class Pipeline:
    """Pages in, corpus records out, with counts, a progress bar and batched commits."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        rules: KeepRules = KeepRules(),
        progress: bool | None = None,
        desc: str = "ingest",
        commit_every: int = 500,
        commit_seconds: float = 5.0,
        stats: Stats | None = None,
        profiles: bool = True,
        min_pages: int = MIN_PROFILE_PAGES,
    ) -> None:
        self.corpus = corpus
        self.desc = desc  # also the command name its run is recorded under
        self.rules = rules
        self.stats = stats or Stats()
        self.progress = Progress(self.stats, enabled=progress, desc=desc)
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.hold = False  # while True, nothing is committed (a Dask shard merges atomically)
        self.profiles = Profiles(corpus, min_pages=min_pages, enabled=profiles)
        self._pending = 0
        self._last_commit = time.monotonic()

    def process(self, page: Page, *, checkpoint: Checkpoint | None = None) -> Outcome:
        """Run one page through the whole pipeline, analysed in this process."""
        return self.commit(analyse_inline(page, self.rules, site=self.profiles.work(page)), checkpoint=checkpoint)

    def commit(self, analysis: Analysis, *, checkpoint: Checkpoint | None = None) -> Outcome:
        """The corpus half: count, dedup and store one analysed page (and learn from it)."""
        self.stats.pages += 1
        self.stats.profiled += analysis.profiled
        if analysis.status == "article" and analysis.record is not None:
            added = self.corpus.add(
                analysis.record, origin=analysis.origin, fetched_at=analysis.record.get("fetched_at"), fp=analysis.fp
            )
            if added.status == "stored":
                self.stats.stored += 1
                outcome = Outcome("stored", "", added.id)
                if analysis.blocks is not None and analysis.site:
                    self.profiles.learn(analysis.site, analysis.blocks)
            else:
                kind = "near" if added.kind == "near" else "exact"
                self.stats.duplicates[kind] += 1
                outcome = Outcome("duplicate", kind, added.id, added.duplicate_of)
        elif analysis.status == "skipped":
            self.stats.skipped[analysis.reason] += 1
            outcome = Outcome("skipped", analysis.reason)
        else:
            self.stats.errors[analysis.reason] += 1
            outcome = Outcome("error", analysis.reason)
        if checkpoint is not None:
            self.corpus.checkpoint(checkpoint)
        self._tick()
        return outcome

    def mark(self, checkpoint: Checkpoint) -> None:
        """Record a source position that no page carries (a source read to its end)."""
        self.corpus.checkpoint(checkpoint)
        self._tick()

    def _tick(self) -> None:
        self._pending += 1
        self.progress.update()
        if self.hold:
            return
        if self._pending >= self.commit_every or time.monotonic() - self._last_commit >= self.commit_seconds:
            self.flush()

    def flush(self, *, profiles: bool = False) -> None:
        """Commit everything processed so far (the site profiles too when due, or with `profiles`)."""
        self.profiles.save(due=not profiles)
        self.corpus.commit()
        self._pending = 0
        self._last_commit = time.monotonic()

    def summary(self) -> str:
        """The closing line: pages, articles, duplicates, skipped and errors by reason, rate."""
        return self.stats.summary()

    def close(self) -> Stats:
        """Commit, record the run (corpus table `runs`), close the progress bar, return the counts."""
        try:
            self.flush(profiles=True)
            s = self.stats
            self.corpus.record_run(self.desc, summary=s.summary(), counts=s.to_dict(), seconds=s.elapsed)
        finally:
            self.progress.close()
        return self.stats

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:  # keep what was committed; drop the half-written batch
            self.corpus.rollback()
            self.progress.close()
