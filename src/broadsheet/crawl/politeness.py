"""Politeness primitives: the per-host gate and the retry policy.

A `HostGate` spaces requests to one host by its delay, measured from the end of one
response to the start of the next, so the spacing holds however slow the host is, and
it honours a pause the host asked for with `Retry-After`.
"""
from __future__ import annotations

import asyncio
import email.utils
import time
from dataclasses import dataclass

__all__ = ["HostGate", "RetryPolicy", "retry_after"]


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Waits double from `backoff` up to `max_backoff`; a Retry-After
    longer than `max_retry_after` ends the attempt (the URL stays for a later run)."""

    max_attempts: int = 4
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    max_redirects: int = 5

    def wait(self, attempt: int) -> float:
        return min(self.max_backoff, self.backoff * (2 ** attempt))


class HostGate:
    """At most one request at a time to one host, `delay` seconds apart.

    The delay can grow during the crawl (robots.txt's Crawl-delay is known only after the
    first request); `pause(seconds)` holds the host for a server-requested wait.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self._lock = asyncio.Lock()
        self._next_at = 0.0

    async def __aenter__(self) -> "HostGate":
        await self._lock.acquire()
        wait = self._next_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._next_at = max(self._next_at, time.monotonic() + self.delay)
        self._lock.release()

    def pause(self, seconds: float) -> None:
        self._next_at = max(self._next_at, time.monotonic() + seconds)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
