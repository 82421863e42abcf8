"""The worker half of the pipeline: Page -> extract -> keep/skip -> fingerprint.

Pure and picklable both ways, so it runs the same in a guarded worker process
(`broadsheet.run.guard`, which is how ingest, crawl and Dask run it), or in-process. A page
that breaks the extractor becomes a counted error, never an exception that stops the run.
Time and memory limits are not enforced here: a limit inside the process cannot stop C code
or a thread that is not the main one, so the guarded pool's parent kills the worker
instead. `analyse_inline` keeps a SIGALRM timer for the in-process paths that remain
(`Pipeline.process`, and the pool's degraded mode where processes cannot start); it works
on the main thread only and cannot interrupt C code.
"""
from __future__ import annotations

import dataclasses
import logging
import operator
import os
import signal
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from types import FrameType
from typing import Any, Callable, Iterator, Literal, Mapping

from broadsheet.corpus.dedup import Fingerprint, fingerprint
from broadsheet.corpus.profiles import SiteWork
from broadsheet.corpus.records import EncodedRecord, to_record
from broadsheet.errors import NotHTML
from broadsheet.extract import extract_and_learn, extract_page
from broadsheet.extract.profile import PageBlocks
from broadsheet.model import Page
from broadsheet.run.keep import KeepRules, skip_reason

log = logging.getLogger("broadsheet.run")

#: Pages larger than this are not parsed (counted as skipped "too large").
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: Wall-clock seconds one page may take in-process before it is given up (main thread only;
#: the guarded pool has its own limit, `broadsheet.run.guard.PAGE_SECONDS`).
PAGE_SECONDS = 30.0


class PageTimeout(BaseException):
    """Raised inside an extraction that ran past its time limit (a BaseException, like
    KeyboardInterrupt, so the extractor's own `except Exception` nets do not swallow it)."""


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

    def expire(_signum: int, _frame: FrameType | None) -> None:
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
    record: Mapping[str, Any] | None = None  # an `EncodedRecord` from `analyse`
    fp: Fingerprint | None = None
    detail: str = ""  # for errors: what went wrong, one line (`summarise`)
    seconds: float = 0.0  # how long the analysis took (set by the guarded pool: worker time, or until given up)
    site: str | None = None  # the page's site, when the main process asked about its profile (`SiteWork`)
    profiled: bool = False  # extracted with its site's profile
    blocks: PageBlocks | None = None  # what the page teaches its site's profile, when asked to learn

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as a call with its fields in order: a slots dataclass's own state
        functions walk `dataclasses.fields()` and set each field in Python, on the worker
        and again in the single writer's reader threads, once per page."""
        return (Analysis, _analysis_fields(self))


_analysis_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Analysis)))


def summarise(exc: BaseException) -> str:
    """`Type: message (file.py:123 in function)`: the innermost frame, enough to find the bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" ({os.path.basename(last.filename)}:{last.lineno} in {last.name})"
    text = str(exc)
    message = text.splitlines()[0][:200] if text.strip() else ""
    return f"{type(exc).__name__}: {message}{where}" if message else f"{type(exc).__name__}{where}"


def iso(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 text (None stays None)."""
    return value.isoformat() if value is not None else None


def analyse(page: Page, rules: KeepRules = KeepRules(), site: SiteWork | None = None) -> Analysis:
    """Extract one page and decide whether it is an article; never raises for bad input.

    `site`: extract with its site's profile (`site.template`) and, with `site.learn`,
    return what the page teaches it (`Analysis.blocks`, for the main process to learn)."""
    if len(page.content) > MAX_PAGE_BYTES:
        return Analysis(page.origin, page.url, "skipped", "too large")
    blocks = None
    try:
        if site is None:
            article = extract_page(page)
        elif site.learn:
            article, blocks = extract_and_learn(
                page.content, page.url, headers=page.headers, fetched_at=page.fetched_at, profile=site.template
            )
        else:
            article = extract_page(page, site.template)
    except NotHTML:
        return Analysis(page.origin, page.url, "skipped", "not HTML")
    except Exception as exc:  # an extractor bug must cost one page, not the run
        detail = summarise(exc)
        log.warning("%s: extraction failed: %s", page.origin or page.url, detail)
        return Analysis(page.origin, page.url, "error", "extraction failed", detail=detail)
    reason = skip_reason(article, rules, page.content)
    profiled = site is not None and site.template is not None
    if reason:
        return Analysis(page.origin, page.url, "skipped", reason, site=site.site if site else None, profiled=profiled)
    # Encoded here, on the worker: the single writer stores the JSON text as it is.
    record = EncodedRecord(to_record(article, origin=page.origin, fetched_at=iso(page.fetched_at)))
    return Analysis(page.origin, page.url, "article", record=record, fp=fingerprint(article.text),
                    site=site.site if site else None, profiled=profiled, blocks=blocks)


def analyse_inline(
    page: Page,
    rules: KeepRules = KeepRules(),
    *,
    target: Callable[..., Analysis] = analyse,
    seconds: float | None = None,
    site: SiteWork | None = None,
) -> Analysis:
    """`target(page, rules)` (`target(page, rules, site)` with a `site`) in this process,
    given up after `seconds` (default `PAGE_SECONDS`) where a timer can do it (the main
    thread), and never raising for a bad page."""
    seconds = PAGE_SECONDS if seconds is None else seconds
    if len(page.content) > MAX_PAGE_BYTES:
        return Analysis(page.origin, page.url, "skipped", "too large")
    try:
        with time_limit(seconds):
            return target(page, rules) if site is None else target(page, rules, site)
    except PageTimeout:
        log.warning("%s: analysis took over %gs, given up", page.origin or page.url, seconds)
        return Analysis(page.origin, page.url, "skipped", "timeout")
    except MemoryError:
        return Analysis(page.origin, page.url, "skipped", "too large", detail="MemoryError")
    except Exception as exc:  # past the extractor's own net: one page, not the run
        detail = summarise(exc)
        log.warning("%s: analysis failed: %s", page.origin or page.url, detail)
        return Analysis(page.origin, page.url, "error", "analysis failed", detail=detail)
