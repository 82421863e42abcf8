"""Files of URLs (one per line) as a stream of fetched Pages, politely.

Blank lines and `#` comments are passed over; any other line that is not an http(s) URL
is a counted "junk line". Requests to one host are at least `delay` seconds apart;
network errors, timeouts, 429 and 5xx are retried with exponential backoff (honouring a
short Retry-After); other statuses and exhausted retries are counted errors. Positions are
line numbers (0-based), so a list can be resumed mid-way.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from broadsheet.errors import FetchError
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents
from broadsheet.sources.fetch import DEFAULT_TIMEOUT, HTTPStatusError, fetch, new_client

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Politeness and patience for URL lists."""

    delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 2  # extra attempts after a retryable failure
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    timeout: float = DEFAULT_TIMEOUT


def url_lines(path: str | Path, events: Events | None = None, *, start: int = 0) -> Iterator[tuple[int, str]]:
    """(line number, URL) for each URL line at or after line `start`."""
    events = events or LogEvents()
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh):
            if number < start:
                continue
            line = raw.decode("utf-8", "replace").strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            parts = urlsplit(line) if " " not in line else None
            if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
                events.error("junk line", f"{path}:{number + 1}", f"not an http(s) URL: {line[:80]!r}")
                continue
            yield number, line


class HostClock:
    """Spaces requests to the same host `delay` seconds apart."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.sleep = sleep
        self.last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        now = time.monotonic()
        ready = self.last.get(host, now - self.delay) + self.delay
        if ready > now:
            self.sleep(ready - now)
        self.last[host] = time.monotonic()


def fetch_politely(url: str, client, clock: HostClock, options: FetchOptions) -> Page:
    """Fetch with per-host spacing and retries; raises FetchError when it gives up."""
    host = urlsplit(url).hostname or ""
    attempt = 0
    while True:
        clock.wait(host)
        try:
            return fetch(url, timeout=options.timeout, client=client)
        except HTTPStatusError as exc:
            if exc.status not in RETRY_STATUSES or attempt >= options.retries:
                raise
            pause = exc.retry_after if exc.retry_after is not None else options.backoff * 2**attempt
        except FetchError:
            if attempt >= options.retries:
                raise
            pause = options.backoff * 2**attempt
        time.sleep(min(pause, MAX_RETRY_AFTER))
        attempt += 1


def iter_url_list(
    path: str | Path,
    events: Events | None = None,
    *,
    options: FetchOptions = FetchOptions(),
    start: int = 0,
) -> Iterator[tuple[int, Page | None]]:
    """(line number, Page) per URL line; Page is None where the fetch failed (counted)."""
    events = events or LogEvents()
    clock = HostClock(options.delay)
    with new_client(timeout=options.timeout) as client:
        for number, url in url_lines(path, events, start=start):
            try:
                page = fetch_politely(url, client, clock, options)
            except HTTPStatusError as exc:
                events.error(f"HTTP {exc.status}", url, str(exc))
                page = None
            except FetchError as exc:
                events.error("fetch failed", url, str(exc))
                page = None
            if page is not None and not _htmlish(page.content_type):
                events.ignore("non-HTML response")
                page = None
            yield number, page


def iter_urls(path: str | Path, events: Events | None = None, *, options: FetchOptions = FetchOptions()) -> Iterator[Page]:
    """The fetched pages of a URL list (failed ones counted and left out)."""
    for _number, page in iter_url_list(path, events, options=options):
        if page is not None:
            yield page


def _htmlish(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return not kind or "html" in kind or kind in ("text/plain", "application/xml", "text/xml")
