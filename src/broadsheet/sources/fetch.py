"""Fetch one URL into a `Page` (used by `broadsheet extract URL`)."""
from __future__ import annotations

from datetime import datetime, timezone

import httpx

from broadsheet import __version__
from broadsheet.errors import FetchError
from broadsheet.model import Page

DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = f"broadsheet/{__version__} (+https://github.com/broadsheet)"
MAX_BYTES = 50 * 1024 * 1024


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, user_agent: str = DEFAULT_USER_AGENT) -> Page:
    """GET `url` (following redirects) and return the response as a Page.

    Raises FetchError with the URL and the reason on network errors, timeouts and
    non-2xx statuses.
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"cannot fetch {url!r}: only http:// and https:// URLs are supported")
    try:
        with httpx.Client(
            follow_redirects=True, timeout=timeout, headers={"User-Agent": user_agent}
        ) as client, client.stream("GET", url) as response:
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
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
    return Page(
        url=str(response.url),
        content=b"".join(chunks),
        headers=dict(response.headers),
        fetched_at=datetime.now(timezone.utc),
        origin="http",
    )
