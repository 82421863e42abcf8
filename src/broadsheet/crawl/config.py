"""The settings of a crawl and the shape of the store it feeds."""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Awaitable, Callable, Literal, Protocol

from broadsheet.crawl.politeness import RetryPolicy
from broadsheet.errors import InputError
from broadsheet.model import Page
from broadsheet.sources.fetch import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, MAX_BYTES

__all__ = ["CrawlConfig", "Store", "StoreResult"]


class StoreResult(Protocol):
    """What the store says about a page (`broadsheet.run.Outcome` has this shape).

    Read-only members, so a frozen result (as `Outcome` is) satisfies the protocol.
    """

    @property
    def status(self) -> Literal["stored", "duplicate", "skipped", "error"]: ...

    @property
    def reason(self) -> str: ...


Store = Callable[[Page], Awaitable[StoreResult]]


@dataclass(frozen=True)
class CrawlConfig:
    """Settings of one crawl (the CLI's options, plus limits tests make small).

    Every number must be finite and not negative (`InputError` otherwise: a delay of
    `inf` would park the crawl forever). `timeout` bounds one read, `deadline` one whole
    response. `max_sitemaps` and `max_queue` bound a host's sitemaps fetched and pages
    waiting per run (see `Crawler` for the rule with and without `max_pages`).
    `max_page_links` bounds the links one page may offer, article-shaped ones first (each
    costs work on the event loop that every host shares; news pages carry hundreds, 10 MB
    of anchors ~900,000: `crawler.MAX_PARSED_LINKS` of them are read and ranked).
    `max_feed_bytes` caps a feed's body (page-sized: feedparser holds ~14x what it reads)
    and `max_feeds` the feeds read per host per run, as `max_sitemaps` does for sitemaps.
    """

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    max_pages: int | None = None
    since: datetime | None = None
    max_depth: int = 2
    max_hosts: int = 32
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = MAX_BYTES
    max_sitemap_bytes: int = 50 * 1024 * 1024
    max_sitemaps: int = 200
    max_feed_bytes: int = MAX_BYTES
    max_feeds: int = 100
    max_queue: int = 500_000
    max_page_links: int = 5_000
    retry: RetryPolicy = RetryPolicy()
    trust_env: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if not math.isfinite(value) or value < 0:
                raise InputError(f"crawl setting {f.name} must be a finite number, 0 or more, not {value!r}")
        for name in ("timeout", "deadline", "max_bytes", "max_sitemap_bytes", "max_feed_bytes", "max_hosts"):
            if getattr(self, name) <= 0:
                raise InputError(f"crawl setting {name} must be more than 0, not {getattr(self, name)!r}")
