"""Fetch one URL into a `Page` (used by `broadsheet extract URL` and URL lists).

`fetch(url)` opens its own client; pass `client=` to reuse connections across many URLs.
A non-2xx status raises `HTTPStatusError` (a `FetchError`) carrying the status, so callers
can tell a retryable 503 from a final 404.
"""
from __future__ import annotations

from datetime import datetime, timezone

import httpx

from broadsheet import __version__
from broadsheet.errors import FetchError
from broadsheet.model import Page

DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = f"broadsheet/{__version__} (+https://github.com/broadsheet)"
MAX_BYTES = 50 * 1024 * 1024


class HTTPStatusError(FetchError):
    """The server answered with an error status (`status`; `retry_after` seconds if sent)."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: callers fall back to their own backoff


def new_client(*, timeout: float = DEFAULT_TIMEOUT, user_agent: str = DEFAULT_USER_AGENT) -> httpx.Client:
    """An HTTP client with broadsheet's defaults (redirects followed, our User-Agent)."""
    return httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": user_agent})


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = DEFAULT_USER_AGENT,
    client: httpx.Client | None = None,
) -> Page:
    """GET `url` (following redirects) and return the response as a Page.

    Raises FetchError with the URL and the reason on network errors, timeouts and
    non-2xx statuses (HTTPStatusError for the latter).
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"cannot fetch {url!r}: only http:// and https:// URLs are supported")
    own = client is None
    client = client or new_client(timeout=timeout, user_agent=user_agent)
    try:
        with client.stream("GET", url) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"{url}: response larger than {MAX_BYTES // 2**20} MB, not fetched")
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {timeout:g}s; try again or raise the timeout") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from None
    finally:
        if own:
            client.close()
    if response.status_code >= 400:
        raise HTTPStatusError(
            f"{url}: HTTP {response.status_code} {response.reason_phrase}",
            response.status_code,
            _retry_after(response.headers.get("retry-after")),
        )
    return Page(
        url=str(response.url),
        content=b"".join(chunks),
        headers=dict(response.headers),
        fetched_at=datetime.now(timezone.utc),
        origin="http",
    )
