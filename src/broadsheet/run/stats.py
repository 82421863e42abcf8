"""Counts of one run, its progress bar, and the closing summary line.

`Stats` is also what sources report to (it implements `broadsheet.sources.Events`): a
record that is not a page (a WARC request record, a junk line in a URL list) is *ignored*
with a reason, a broken one is an *error* with a reason, and both show in the summary.
Stats from Dask tasks are merged with `+=`. Pages the guarded pool gave up on are skipped
with the reason "timeout", "too large" or "crashed", so the summary line names them.

Every page that was not stored (skipped, an error, a failed fetch or read, an unusable
source) is also a `Reject` row: handed to `sink` (the pipeline, which writes it to the
corpus's `rejects` table in the open transaction, and to `--rejects`), or, without one,
held in `rejects` (a Dask task's rows travel back to the driver that way).
"""
from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any, Callable

from broadsheet.corpus.store import Reject, place_of

log = logging.getLogger("broadsheet.run")

#: Reject rows a `Stats` without a sink holds at most (a Dask task's: its slice of a WARC).
MAX_HELD_REJECTS = 100_000


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Stats:
    """What happened to every page and record of a run."""

    pages: int = 0
    stored: int = 0
    profiled: int = 0  # pages extracted with their site's profile (`broadsheet.corpus.profiles`)
    duplicates: Counter[str] = field(default_factory=Counter)  # "exact" / "near" -> n
    skipped: Counter[str] = field(default_factory=Counter)  # not an article, or given up: reason -> n
    errors: Counter[str] = field(default_factory=Counter)  # broken input or failed extraction: reason -> n
    ignored: Counter[str] = field(default_factory=Counter)  # source records that are not pages: reason -> n
    failed_sources: list[str] = field(default_factory=list)
    sources: int = 0  # sources given to the run
    started: float = field(default_factory=time.monotonic)
    rejects: list[Reject] = field(default_factory=list, repr=False, compare=False)  # rows held without a sink
    sink: Callable[[Reject], None] | None = field(default=None, repr=False, compare=False)
    rejects_dropped: int = field(default=0, repr=False, compare=False)  # rows past MAX_HELD_REJECTS

    # -- sources.Events ------------------------------------------------------------------
    def ignore(self, reason: str) -> None:
        """A record that is not a page (counted, not logged: there can be millions)."""
        self.ignored[reason] += 1

    def skip(self, reason: str, where: str, detail: str) -> None:
        """A page a source did not read (over the size cap: "too large"): a page, skipped
        with the reason the pool gives pages it will not parse, logged, and a reject row."""
        self.pages += 1
        self.skipped[reason] += 1
        log.warning("%s: skipped (%s): %s", where, reason, detail)
        self.reject(reason, **_place(where), detail=detail)

    def error(self, reason: str, where: str, message: str) -> None:
        """A broken record, an unreadable file, a failed fetch: logged, counted, a reject row."""
        self.errors[reason] += 1
        log.warning("%s: %s: %s", where, reason, message)
        self.reject(reason, **_place(where), detail=message)

    def source_failed(self, where: str, message: str) -> None:
        """A whole source could not be used (not a WARC, empty folder...)."""
        self.failed_sources.append(where)
        self.errors["unusable source"] += 1
        log.error("%s", message)
        self.reject("unusable source", origin=where, detail=message)

    # -- pages not stored -----------------------------------------------------------------
    def not_stored(self, status: str, reason: str, *, url: str | None = None, origin: str | None = None,
                   detail: str = "") -> None:
        """An analysed page that is not an article: counted skipped (or an error, for
        status "error") with its reason, and a reject row."""
        (self.errors if status == "error" else self.skipped)[reason] += 1
        self.reject(reason, url=url, origin=origin, detail=detail)

    def reject(self, reason: str, *, url: str | None = None, origin: str | None = None, detail: str = "") -> None:
        """A row for the rejects (not counted here: the caller counts it its own way)."""
        self._emit(Reject.now(reason, url=url, origin=origin, detail=detail))

    def _emit(self, row: Reject) -> None:
        if self.sink is not None:
            self.sink(row)
        elif len(self.rejects) < MAX_HELD_REJECTS:
            self.rejects.append(row)
        else:
            if not self.rejects_dropped:
                log.warning("over %d pages not stored in one task: the rest are counted, not listed", MAX_HELD_REJECTS)
            self.rejects_dropped += 1

    def attach(self, sink: Callable[[Reject], None] | None) -> None:
        """Send reject rows to `sink` from now on (the rows held so far first); None: hold them."""
        self.sink = sink
        if sink is not None:
            held, self.rejects = self.rejects, []
            for row in held:
                sink(row)

    # -- what was committed -------------------------------------------------------------
    def snapshot(self) -> "Stats":
        """The page counts as they are now (what `restore` goes back to)."""
        return Stats(pages=self.pages, stored=self.stored, profiled=self.profiled, duplicates=Counter(self.duplicates),
                     skipped=Counter(self.skipped), errors=Counter(self.errors), ignored=Counter(self.ignored))

    def restore(self, saved: "Stats") -> None:
        """Back to the counts of `saved`, after the pages counted since were rolled back."""
        self.pages, self.stored, self.profiled = saved.pages, saved.stored, saved.profiled
        self.duplicates, self.skipped = Counter(saved.duplicates), Counter(saved.skipped)
        self.errors, self.ignored = Counter(saved.errors), Counter(saved.ignored)

    # -- totals ---------------------------------------------------------------------------
    @property
    def failed(self) -> bool:
        """The run as a whole failed: no source could be used, or every page failed (a page
        that timed out or crashed its worker has failed too, though it is counted skipped)."""
        if self.sources > 0 and len(self.failed_sources) >= self.sources:
            return True
        settled = self.stored + self.duplicate_count + self.skipped_count - self.skipped["timeout"] - self.skipped["crashed"]
        return self.pages > 0 and settled == 0

    @property
    def duplicate_count(self) -> int:
        return sum(self.duplicates.values())

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    @property
    def given_up(self) -> int:
        """Pages given up: over the size limit, past the time or memory limit, or a crash."""
        return self.skipped["timeout"] + self.skipped["too large"] + self.skipped["crashed"]

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def __iadd__(self, other: "Stats") -> "Stats":
        self.pages += other.pages
        self.stored += other.stored
        self.profiled += other.profiled
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.errors += other.errors
        self.ignored += other.ignored
        self.failed_sources += other.failed_sources
        for row in other.rejects:
            self._emit(row)
        self.rejects_dropped += other.rejects_dropped
        return self

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (for `--json` output and benchmarks)."""
        return {
            "pages": self.pages,
            "articles": self.stored,
            "with_profile": self.profiled,
            "duplicates": dict(self.duplicates),
            "skipped": dict(self.skipped),
            "errors": dict(self.errors),
            "ignored": dict(self.ignored),
            "failed_sources": list(self.failed_sources),
            "seconds": round(self.elapsed, 3),
        }

    def summary(self) -> str:
        """One line with every count and the rate, e.g. for the end of `broadsheet ingest`."""
        seconds = self.elapsed
        rate = self.pages / seconds if seconds > 0 else 0.0
        parts = [f"{self.pages} pages", f"{self.stored} articles"]
        dup = f"{self.duplicate_count} duplicates"
        parts.append(f"{dup} ({_counts(self.duplicates)})" if self.duplicates else dup)
        skip = f"{self.skipped_count} skipped"
        parts.append(f"{skip} ({_counts(self.skipped)})" if self.skipped else skip)
        err = f"{self.error_count} errors"
        parts.append(f"{err} ({_counts(self.errors)})" if self.errors else err)
        if self.ignored:
            parts.append(f"{sum(self.ignored.values())} records ignored ({_counts(self.ignored)})")
        if self.profiled:
            parts.append(f"{self.profiled} pages with a site profile")
        return ", ".join(parts) + f" in {seconds:.1f}s ({rate:.1f} pages/s)"


def _place(where: str) -> dict[str, str]:
    """A reported place as a reject's url (http(s)) or origin (a path, `file#offset`,
    `list:line`), or both (a WARC record's `file#offset URL`: keyed as its page is)."""
    if where.startswith(("http://", "https://")):
        return {"url": where}
    origin, url = place_of(where)
    return {"origin": origin} if url is None else {"origin": origin, "url": url}


class Progress:
    """A tqdm bar of pages with articles, skipped, errors and rate; quiet when not a TTY."""

    def __init__(self, stats: Stats, *, enabled: bool | None = None, desc: str = "ingest", stream: IO[str] | None = None):
        self.stats = stats
        self._last = 0.0
        self._shown = 0
        stream = stream or sys.stderr
        if enabled is None:
            enabled = hasattr(stream, "isatty") and stream.isatty()
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(desc=desc, unit=" pages", file=stream, dynamic_ncols=True, mininterval=0.5)

    def update(self, force: bool = False) -> None:
        """Move the bar to the current counts (at most twice a second)."""
        if self.bar is None:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.5:
            return
        self._last = now
        self.bar.update(self.stats.pages - self._shown)
        self._shown = self.stats.pages
        self.bar.set_postfix_str(
            f"articles={self.stats.stored} dup={self.stats.duplicate_count} "
            f"skipped={self.stats.skipped_count} errors={self.stats.error_count}",
            refresh=False,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.update(force=True)
            self.bar.close()
            self.bar = None
