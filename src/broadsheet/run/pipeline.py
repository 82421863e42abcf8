"""The one path every page takes into the corpus: extract -> keep/skip -> dedup -> store.

`broadsheet ingest` and `broadsheet crawl` both send their pages through it, so both show
the same progress bar and end with the same summary line. Stable API:

    from broadsheet.corpus import Corpus
    from broadsheet.run.pipeline import Pipeline

    with Corpus(path) as corpus, Pipeline(corpus, progress=None, desc="crawl") as pipe:
        outcome = pipe.process(page)   # Outcome(status, reason, id, duplicate_of)
        # status: "stored" | "duplicate" (reason "exact"/"near") |
        #         "skipped" (reason "no body", "index page", "404 page", "login wall",
        #                    "not HTML", "too large", "language" (`rules.languages`),
        #                    and from the guarded pool "timeout", "crashed") | "error" (reason;
        #                    "unstorable record": the corpus refused that one record, the batch goes on)
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
as the page, which is how ingest resumes exactly. A page that is not stored (skipped, an
error, and what `stats` hears of failed reads and fetches) leaves a row in the corpus's
`rejects` table in that same transaction, and, with `rejects=` (a text stream), a JSON
line written once it is committed: the stream lists exactly what this run committed.
`rules.languages` keeps only articles in those languages (the others are skipped
"language", their detected language the row's detail).

Leaving the `with` block on an exception drops the open batch and puts the counts back
to what was committed, so a summary line never counts a page that is not in the
corpus; on `Interrupted` (SIGINT/SIGTERM inside `broadsheet.run.interrupt.stopping`,
which never lands inside the writes of one page) the batch is committed instead.

`commit(analysis)` is the corpus half alone, for analyses made elsewhere (the guarded
pool, Dask shards); ingest and crawl analyse there. `process` analyses in this process (under a timer on the main thread only,
with no memory limit), for small callers that want no worker processes.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from types import TracebackType
from typing import IO, Literal

from broadsheet.corpus import Checkpoint, Corpus
from broadsheet.corpus.profiles import Profiles
from broadsheet.corpus.store import Reject, UnstorableRecord
from broadsheet.errors import BroadsheetError
from broadsheet.extract.profile import MIN_PROFILE_PAGES
from broadsheet.jsonlines import json_line
from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, analyse_inline
from broadsheet.run.interrupt import Interrupted, pending, raise_pending, shielded
from broadsheet.run.keep import KeepRules, language_matches
from broadsheet.run.stats import Progress, Stats
from broadsheet.surrogates import whole

log = logging.getLogger("broadsheet.run")

#: Seconds a stopped run's `runs` row waits for the corpus's write lock before it is given up.
STOP_RECORD_WAIT = 1.0

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
        rejects: IO[str] | None = None,
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
        self.rejects = rejects  # the run's rejects as JSON lines, written after each commit
        self._unwritten: list[Reject] = []  # rows of the open batch, for `rejects`
        self._pending = 0
        self._held = False  # something was written while `hold` (a Dask shard's merge, all or nothing)
        self._last_commit = time.monotonic()
        self.stats.attach(self._rejected)
        self._committed = self.stats.snapshot()  # the counts of what is committed

    def process(self, page: Page, *, checkpoint: Checkpoint | None = None) -> Outcome:
        """Run one page through the whole pipeline, analysed in this process."""
        return self.commit(analyse_inline(page, self.rules, site=self.profiles.work(page)), checkpoint=checkpoint)

    def commit(self, analysis: Analysis, *, checkpoint: Checkpoint | None = None) -> Outcome:
        """The corpus half: count, dedup and store one analysed page (and learn from it)."""
        with shielded:
            return self._commit(analysis, checkpoint)

    def _commit(self, analysis: Analysis, checkpoint: Checkpoint | None) -> Outcome:
        self.stats.pages += 1
        self.stats.profiled += analysis.profiled
        status, reason, detail, record = analysis.status, analysis.reason, analysis.detail, analysis.record
        if status == "article" and record is not None and self.rules.languages:
            language = record.get("language")
            if not language_matches(language, self.rules.languages):
                status, reason, detail = "skipped", "language", language or "none detected"
        added = None
        if status == "article" and record is not None:
            try:
                added = self.corpus.add(record, origin=analysis.origin, fetched_at=record.get("fetched_at"),
                                        fp=analysis.fp)
            except UnstorableRecord as exc:  # nothing of it was written; the batch goes on
                status, reason, detail = "error", "unstorable record", str(exc)
                log.warning("%s: unstorable record: %s", whole(analysis.url or analysis.origin), exc)
        if added is not None:
            self.corpus.forget_rejects(analysis.url, analysis.origin)
            if added.status == "stored":
                self.stats.stored += 1
                outcome = Outcome("stored", "", added.id)
                if analysis.blocks is not None and analysis.site:
                    self.profiles.learn(analysis.site, analysis.blocks)
            else:
                kind = "near" if added.kind == "near" else "exact"
                self.stats.duplicates[kind] += 1
                outcome = Outcome("duplicate", kind, added.id, added.duplicate_of)
        else:
            self.stats.not_stored(status, reason, url=analysis.url, origin=analysis.origin, detail=detail)
            outcome = Outcome("skipped" if status == "skipped" else "error", reason)
        if checkpoint is not None:
            self.corpus.checkpoint(checkpoint)
        self._tick()
        return outcome

    def mark(self, checkpoint: Checkpoint) -> None:
        """Record a source position that no page carries (a source read to its end)."""
        with shielded:
            self.corpus.checkpoint(checkpoint)
            self._tick()

    def _rejected(self, row: Reject) -> None:
        """`stats`' sink: a page not stored, into the open transaction (and the JSONL after it)."""
        with shielded:
            self.corpus.reject(row, command=self.desc)
            self._held = self._held or self.hold
            if self.rejects is not None:
                self._unwritten.append(row)

    def _tick(self) -> None:
        self._pending += 1
        self.progress.update()
        if self.hold:
            self._held = True
            return
        if self._pending >= self.commit_every or time.monotonic() - self._last_commit >= self.commit_seconds:
            self.flush()

    def flush(self, *, profiles: bool = False) -> None:
        """Commit everything processed so far (the site profiles too when due, or with `profiles`)."""
        with shielded:
            self.profiles.save(due=not profiles)
            self.corpus.commit()
            self._pending = 0
            self._held = False
            self._last_commit = time.monotonic()
            self._committed = self.stats.snapshot()
            if self._unwritten:
                rows, self._unwritten = self._unwritten, []
                self._write_rejects(rows)

    def _write_rejects(self, rows: list[Reject]) -> None:
        assert self.rejects is not None
        try:
            self.rejects.write("".join(json_line(row.to_dict()) for row in rows))
            self.rejects.flush()
        except OSError as exc:
            name = getattr(self.rejects, "name", "the rejects file")
            raise BroadsheetError(f"cannot write {name}: {exc.strerror or exc} (the corpus has the same rows, "
                                  "table rejects)") from None

    def rollback(self) -> None:
        """Drop the open batch, and count only what is committed again."""
        with shielded:
            self.corpus.rollback()
            self.stats.restore(self._committed)
            self._unwritten = []
            self._pending = 0
            self._held = False

    def summary(self) -> str:
        """The closing line: pages, articles, duplicates, skipped and errors by reason, rate."""
        return self.stats.summary()

    def close(self) -> Stats:
        """Commit, record the run (corpus table `runs`), close the progress bar, return the counts."""
        with shielded:
            try:
                self.flush(profiles=True)
                s = self.stats
                self.corpus.record_run(self.desc, summary=s.summary(), counts=s.to_dict(), seconds=s.elapsed)
            finally:
                self.progress.close()
                self.stats.attach(None)
        return self.stats

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 _tb: TracebackType | None) -> None:
        with shielded:
            if exc_type is None:
                self.close()
            elif isinstance(exc, Interrupted) or (isinstance(exc, asyncio.CancelledError) and pending()):
                # stopped between pages (or a URL fetch's loop cancelled): what is done is committed
                if self._held:  # but never half a Dask shard
                    self.rollback()
                self.close()
                raise_pending()  # the signal behind a cancelled fetch, as Interrupted
            else:  # keep what was committed; drop the half-written batch; record why it stopped
                self.rollback()
                try:
                    self._record_stop(exc)
                finally:
                    self.progress.close()
                    self.stats.attach(None)

    def _record_stop(self, exc: BaseException | None) -> None:
        """Record a run an exception stopped, never hiding that exception: a failure here is
        logged. The row waits at most `STOP_RECORD_WAIT` for the write lock (a run stopped
        because the corpus was locked would otherwise wait the whole busy timeout again)."""
        try:
            try:
                text = str(exc)
            except Exception:  # an exception whose message itself fails
                text = ""
            why = text.splitlines()[0] if text.strip() else type(exc).__name__
            s = self.stats
            self.corpus.record_run(self.desc, summary=f"stopped: {why[:500]}; committed before it: {s.summary()}",
                                   counts=s.to_dict(), seconds=s.elapsed, wait=STOP_RECORD_WAIT)
        except Exception as failure:
            log.warning("the stopped run was not recorded: %s: %s", type(failure).__name__, failure)
