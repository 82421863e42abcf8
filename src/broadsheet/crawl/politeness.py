"""Politeness primitives: the per-host gate and the retry policy.

A `HostGate` spaces requests to one host by its delay, measured from the end of one
response to the start of the next, so the spacing holds however slow the host is, and
it honours a pause the host asked for with `Retry-After`. The spacing is computed when
the next request starts, from the delay in force *then*: a Crawl-delay learnt from
robots.txt applies from the robots.txt request on, not one request later.
"""
from __future__ import annotations

import asyncio
import email.utils
import math
import time
from dataclasses import dataclass
from datetime import timezone

__all__ = ["HostGate", "RetryPolicy", "RETRY_STATUSES", "retry_after"]

#: Statuses worth asking again (besides every 5xx): the server says "not now", not "no".
RETRY_STATUSES = frozenset({408, 425, 429})


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
        return min(self.max_backoff, self.backoff * 2.0 ** attempt)

    def retryable(self, status: int | None) -> bool:
        """Whether an HTTP status is worth another attempt (5xx, 408, 425, 429)."""
        return status is not None and (status >= 500 or status in RETRY_STATUSES)


class HostGate:
    """At most one request at a time to one host, `delay` seconds apart.

    The delay can grow during the crawl (robots.txt's Crawl-delay is known only after the
    first request) and the new value counts from the end of the last response;
    `pause(seconds)` holds the host for a server-requested wait.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self._lock = asyncio.Lock()
        self._last_end = -math.inf
        self._hold_until = -math.inf

    async def __aenter__(self) -> "HostGate":
        await self._lock.acquire()
        try:
            while (wait := max(self._last_end + self.delay, self._hold_until) - time.monotonic()) > 0:
                await asyncio.sleep(wait)  # looped: the delay may have grown meanwhile
        except BaseException:
            self._lock.release()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._last_end = time.monotonic()
        self._lock.release()

    def pause(self, seconds: float) -> None:
        self._hold_until = max(self._hold_until, time.monotonic() + seconds)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; a date without a zone is read as such
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - time.time())
