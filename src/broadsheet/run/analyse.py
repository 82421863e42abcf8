"""The worker half of the pipeline: Page -> extract -> keep/skip -> fingerprint.

Pure and picklable both ways, so it runs the same in-process, in a process pool or on a
Dask worker; the corpus half (dedup against what is stored, then store) stays with the
single writer. A page that breaks the extractor becomes a counted error, never an
exception that stops the run, and one that takes longer than `PAGE_SECONDS` is given up
(a counted "timeout") where the analysis runs on a main thread (in-process and pool
workers; SIGALRM cannot interrupt other threads).
"""
from __future__ import annotations

import logging
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from broadsheet.corpus.dedup import Fingerprint, fingerprint
from broadsheet.corpus.records import to_record
from broadsheet.errors import NotHTML
from broadsheet.extract import extract_page
from broadsheet.model import Page
from broadsheet.run.keep import KeepRules, skip_reason

log = logging.getLogger("broadsheet.run")

#: Pages larger than this are not parsed (counted as skipped "too large").
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: Wall-clock seconds one page may take to extract before it is given up.
PAGE_SECONDS = 60.0


class PageTimeout(Exception):
    """Raised inside an extraction that ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (main thread on Unix only; elsewhere no limit).

    Stands aside when the program already uses the real-time timer (its own alarm, a test
    runner's timeout): that timer is left exactly as it is.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0)
        or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None)
    ):
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True)
class Analysis:
    """What a worker learned about one page; `record` and `fp` are set for articles."""

    origin: str
    url: str | None
    status: Literal["article", "skipped", "error"]
    reason: str = ""
    record: dict[str, Any] | None = None
    fp: Fingerprint | None = None


def iso(value: Any) -> str | None:
    """A datetime as ISO 8601 text (None stays None)."""
    return value.isoformat() if value is not None else None


def analyse(page: Page, rules: KeepRules = KeepRules()) -> Analysis:
    """Extract one page and decide whether it is an article; never raises for bad input."""
    if len(page.content) > MAX_PAGE_BYTES:
        return Analysis(page.origin, page.url, "skipped", "too large")
    try:
        with time_limit(PAGE_SECONDS):
            article = extract_page(page)
    except NotHTML:
        return Analysis(page.origin, page.url, "skipped", "not HTML")
    except PageTimeout:
        log.warning("%s: extraction took over %gs, given up", page.origin or page.url, PAGE_SECONDS)
        return Analysis(page.origin, page.url, "error", "timeout")
    except Exception as exc:  # an extractor bug must cost one page, not the run
        log.warning("%s: extraction failed: %s: %s", page.origin or page.url, type(exc).__name__, exc)
        return Analysis(page.origin, page.url, "error", "extraction failed")
    reason = skip_reason(article, rules, page.content)
    if reason:
        return Analysis(page.origin, page.url, "skipped", reason)
    record = to_record(article, origin=page.origin, fetched_at=iso(page.fetched_at))
    return Analysis(page.origin, page.url, "article", record=record, fp=fingerprint(article.text))


def analyse_many(pages: list[Page], rules: KeepRules = KeepRules()) -> list[Analysis]:
    """`analyse` over a batch (one task of a process pool: fewer round trips)."""
    return [analyse(page, rules) for page in pages]
