"""Files of URLs (one per line) as a stream of fetched Pages, politely.

Blank lines and `#` comments are passed over; any other line that is not an http(s) URL
is a counted "junk line". The URLs are fetched through the crawl's fetch stack (one
`broadsheet.sources.fetch.Session` per list, so one private event loop): robots.txt is
obeyed for every host and redirect target ("robots.txt disallows" is counted), requests
to one host are at least `delay` seconds apart (longer if its Crawl-delay says so),
redirects are bounded and http(s) only, bodies are decoded with a cap, and a response
must arrive within its deadline. Network errors, timeouts, 429 and 5xx are retried with
exponential backoff (honouring a Retry-After in seconds or as a date). Whatever goes
wrong with one URL is one counted error for that line, never an exception: positions
are line numbers (0-based), so a list resumes after the last line it yielded.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO, Iterator
from urllib.parse import urlsplit

from broadsheet.errors import InputError
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents
from broadsheet.sources.fetch import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, MAX_BYTES, Session, describe, page_from

__all__ = ["FetchOptions", "iter_url_list", "iter_urls", "url_lines"]

#: Outcomes that mean "could not get an answer" (the pre-existing "fetch failed" count).
_UNREACHED = ("timeout", "deadline", "dns", "network")
#: The longest line read as a URL (a URL is at most a few KB); a longer line is a junk line,
#: read past in steps of this size: a file of one multi-GB line is never held whole.
MAX_LINE = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Politeness and patience for URL lists: every number finite and not negative
    (`InputError` otherwise: a delay of `inf` would hang the list), the limits above 0."""

    delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 2  # extra attempts after a retryable failure
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    timeout: float = DEFAULT_TIMEOUT  # one read
    deadline: float = DEFAULT_DEADLINE  # one whole response
    max_bytes: int = MAX_BYTES  # one decoded body

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not math.isfinite(value) or value < 0:
                raise InputError(f"URL lists: {f.name} must be a finite number, 0 or more, not {value!r}")
        for name in ("timeout", "deadline", "max_bytes"):
            if getattr(self, name) <= 0:
                raise InputError(f"URL lists: {name} must be more than 0, not {getattr(self, name)!r}")

    def session(self) -> Session:
        return Session(delay=self.delay, retries=int(self.retries), backoff=self.backoff, timeout=self.timeout,
                       deadline=self.deadline, max_bytes=int(self.max_bytes))


def url_lines(path: str | Path, events: Events | None = None, *, start: int = 0) -> Iterator[tuple[int, str]]:
    """(line number, URL) for each URL line at or after line `start`."""
    events = events or LogEvents()
    with open(path, "rb") as fh:
        for number, raw in enumerate(_capped_lines(fh)):
            if number < start:
                continue
            if raw is None:
                events.error("junk line", f"{path}:{number + 1}", f"a line over {MAX_LINE} bytes: not a URL")
                continue
            line = raw.decode("utf-8", "replace").strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            if not _is_http_url(line):
                events.error("junk line", f"{path}:{number + 1}", f"not an http(s) URL: {line[:80]!r}")
                continue
            yield number, line


def _capped_lines(fh: BinaryIO) -> Iterator[bytes | None]:
    """Each line of `fh` as bytes, or None for a line over `MAX_LINE` bytes (read past in
    bounded steps, never held whole)."""
    while raw := fh.readline(MAX_LINE + 1):
        if len(raw) <= MAX_LINE or raw.endswith(b"\n") and len(raw) == MAX_LINE + 1:
            yield raw
            continue
        while not raw.endswith(b"\n") and (raw := fh.readline(MAX_LINE)):
            pass
        yield None


def _is_http_url(line: str) -> bool:
    if " " in line:
        return False
    try:
        parts = urlsplit(line)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1": a broken IPv6 literal
        return False


def iter_url_list(
    path: str | Path,
    events: Events | None = None,
    *,
    options: FetchOptions = FetchOptions(),
    start: int = 0,
) -> Iterator[tuple[int, Page | None]]:
    """(line number, Page) per URL line; Page is None where the fetch failed (counted)."""
    events = events or LogEvents()
    with options.session() as session:
        for number, url in url_lines(path, events, start=start):
            yield number, _page(session, url, events)


def _page(session: Session, url: str, events: Events) -> Page | None:
    """The page of one URL, or None with the reason counted."""
    result = session.get(url)
    outcome = result.outcome
    if outcome == "ok":
        if _htmlish(result.content_type):
            return page_from(result)
        events.ignore("non-HTML response")
        return None
    if outcome in ("robots-disallowed", "robots-redirect"):
        events.ignore("robots.txt disallows")
        return None
    message = describe(result)
    if outcome == "http-error":
        events.error(f"HTTP {result.status}", url, message)
    elif outcome in _UNREACHED:
        events.error("fetch failed", url, message)
    else:  # too-large, bad-encoding, bad-redirect, redirect loops, robots.txt unavailable
        events.error(outcome, url, message)
    return None


def iter_urls(path: str | Path, events: Events | None = None, *, options: FetchOptions = FetchOptions()) -> Iterator[Page]:
    """The fetched pages of a URL list (failed ones counted and left out)."""
    for _number, page in iter_url_list(path, events, options=options):
        if page is not None:
            yield page


def _htmlish(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return not kind or "html" in kind or kind in ("text/plain", "application/xml", "text/xml")
