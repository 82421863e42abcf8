"""The settings of a crawl and the shape of the store it feeds."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Awaitable, Callable, Protocol

from broadsheet.crawl.politeness import RetryPolicy
from broadsheet.model import Page
from broadsheet.sources.fetch import DEFAULT_USER_AGENT

__all__ = ["CrawlConfig", "Store", "StoreResult"]


class StoreResult(Protocol):
    """What the store says about a page (`broadsheet.run.Outcome` has this shape)."""

    status: str  # "stored" | "duplicate" | "skipped" | "error"
    reason: str


Store = Callable[[Page], Awaitable[StoreResult]]


@dataclass(frozen=True)
class CrawlConfig:
    """Settings of one crawl (the CLI's options, plus limits tests make small)."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    max_pages: int | None = None
    since: datetime | None = None
    max_depth: int = 2
    max_hosts: int = 32
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_sitemap_bytes: int = 50 * 1024 * 1024
    retry: RetryPolicy = RetryPolicy()
    trust_env: bool = True
