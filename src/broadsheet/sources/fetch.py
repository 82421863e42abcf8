"""Fetch one URL into a `Page` (used by `broadsheet extract URL` and URL lists).

This is a synchronous facade over the crawl's fetch stack (`broadsheet.crawl.fetcher`):
a `Session` runs one `Fetcher` on a private event loop, so `extract URL` and URL lists
obey robots.txt, space requests per host, bound redirects (http(s) only, robots.txt of
each target), cap the decoded body and end a dripping response at its deadline exactly
as the crawl does. Nothing here touches the network by itself.

`fetch(url)` opens its own session; pass `session=` to reuse connections, robots.txt
and per-host delays across many URLs. Failures raise `FetchError` with the URL and the
reason; an error status raises `HTTPStatusError` (a `FetchError`) carrying the status,
so callers can tell a retryable 503 from a final 404.

The crawl package is imported only when a session starts: it imports the pipeline,
which imports URL lists, which import this module.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Coroutine, TypeVar

from broadsheet import __version__
from broadsheet.errors import FetchError
from broadsheet.model import Page

if TYPE_CHECKING:
    from broadsheet.crawl.fetcher import Fetcher, FetchResult

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_TIMEOUT", "DEFAULT_USER_AGENT", "MAX_BYTES", "HTTPStatusError",
           "Session", "describe", "fetch", "fetch_error", "page_from"]

DEFAULT_TIMEOUT = 20.0  # seconds any one read (or the connect) may take
DEFAULT_DEADLINE = 60.0  # seconds one whole response, headers and body, may take
DEFAULT_USER_AGENT = f"broadsheet/{__version__} (+https://github.com/broadsheet)"
MAX_BYTES = 10 * 1024 * 1024  # decoded bytes of one page (and bytes on the wire)

T = TypeVar("T")


class HTTPStatusError(FetchError):
    """The server answered with an error status (`status`; `retry_after` seconds if sent)."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class Session:
    """One `Fetcher` on a private event loop, for synchronous callers.

    Made for threads with no running event loop (the CLI, a URL list in a pipeline or a
    Dask worker thread); called from a thread that has one (a notebook), it runs its loop
    in a helper thread instead. Close it (or use `with`) to release its connections.
    `retries` extra attempts follow a retryable failure, the first after `backoff` s.
    """

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        delay: float = 0.0,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_bytes: int = MAX_BYTES,
        retries: int = 1,
        backoff: float = 1.0,
        max_retry_after: float = 60.0,
        trust_env: bool = True,
    ) -> None:
        from broadsheet.crawl.fetcher import Fetcher
        from broadsheet.crawl.politeness import RetryPolicy

        self._loop = asyncio.new_event_loop()
        self._helper: concurrent.futures.ThreadPoolExecutor | None = None
        retry = RetryPolicy(max_attempts=retries + 1, backoff=backoff, max_backoff=max(backoff, 30.0),
                            max_retry_after=max_retry_after)
        self.fetcher: Fetcher = Fetcher(user_agent=user_agent, delay=delay, timeout=timeout, deadline=deadline,
                                        max_bytes=max_bytes, retry=retry, trust_env=trust_env)

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._loop.run_until_complete(coro)
        if self._helper is None:  # this thread runs a loop already: ours goes elsewhere
            self._helper = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="broadsheet-fetch")
        return self._helper.submit(self._loop.run_until_complete, coro).result()

    def get(self, url: str) -> "FetchResult":
        """The `FetchResult` of `url`: redirects followed to any http(s) host whose
        robots.txt allows them; its `outcome` says what happened."""
        return self._run(self.fetcher.fetch(url, same_host_only=False))

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._run(self.fetcher.aclose())
            self._run(self._loop.shutdown_asyncgens())
        finally:
            self._loop.close()
            if self._helper is not None:
                self._helper.shutdown(wait=True)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def page_from(result: "FetchResult") -> Page:
    """The Page of a successful fetch; raises `fetch_error(result)` otherwise."""
    if result.outcome != "ok":
        raise fetch_error(result)
    return Page(url=result.final_url, content=result.content, headers=result.headers,
                fetched_at=datetime.now(timezone.utc), origin="http")


_MESSAGES = {
    "too-large": "the response is too large",
    "bad-encoding": "the response's compression cannot be read",
    "robots-disallowed": "robots.txt disallows fetching it",
    "robots-redirect": "it redirects to a URL robots.txt disallows",
    "robots-unavailable": "the site's robots.txt is unavailable (server error); try again later",
    "timeout": "timed out; try again or raise the timeout",
    "deadline": "the response was too slow to arrive",
    "dns": "the host name does not resolve",
    "network": "could not connect or the connection broke",
    "redirect-loop": "its redirects go round in a loop",
    "too-many-redirects": "too many redirects",
    "bad-redirect": "it redirects to something that is not an http(s) URL",
    "bad-url": "it is not a URL that can be requested",
}


def describe(result: "FetchResult") -> str:
    """What went wrong with a fetch, in words, without the URL (for counted errors)."""
    if result.outcome == "http-error" and result.status is not None:
        moved = f" (redirected to {result.final_url})" if result.final_url != result.url else ""
        return f"HTTP {result.status}{moved}"
    what = _MESSAGES.get(result.outcome, result.outcome.replace("-", " "))
    return what + (f" ({result.reason})" if result.reason else "")


def fetch_error(result: "FetchResult") -> FetchError:
    """The error a failed fetch means, naming the URL and the reason (HTTPStatusError
    for an error status)."""
    from broadsheet.crawl.politeness import retry_after

    message = f"{result.url}: {describe(result)}"
    if result.outcome == "http-error" and result.status is not None:
        return HTTPStatusError(message, result.status, retry_after(result.headers.get("retry-after")))
    return FetchError(message)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = DEFAULT_USER_AGENT,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = MAX_BYTES,
    session: Session | None = None,
) -> Page:
    """GET `url` through the crawl's fetch stack and return the response as a Page.

    robots.txt is obeyed (for each redirect's host too); redirects are bounded and
    http(s) only; the body is decoded with a cap of `max_bytes`; the whole response must
    arrive within `deadline` seconds. Raises FetchError with the URL and the reason on
    network errors, timeouts, refusals and non-2xx statuses (HTTPStatusError for those).
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"cannot fetch {url!r}: only http:// and https:// URLs are supported")
    if session is not None:
        return page_from(session.get(url))
    with Session(user_agent=user_agent, timeout=timeout, deadline=deadline, max_bytes=max_bytes) as own:
        return page_from(own.get(url))
