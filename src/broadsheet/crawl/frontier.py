"""The frontier: which URLs the crawl will fetch, decided once per URL as it is found.

The URLs themselves live in SQLite (`CrawlState`), never in a Python collection, so
memory stays flat however large a site's sitemaps are: a 100,000-URL frontier costs
disk, not RAM. This module holds the scope rules: canonical spelling, same site only,
traps and non-HTML files refused, depth limits for pages found by links.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable
from urllib.parse import urlsplit

from broadsheet.crawl.state import CrawlState, UrlRow
from broadsheet.crawl.stats import CrawlReport
from broadsheet.crawl.urls import BadURL, canonicalize, host_key, looks_like_article, same_site, skip_reason

__all__ = ["Frontier", "PRIORITY", "PageLinks", "rank_links"]

#: Lower is sooner: feeds/sitemaps/start URLs, then articles, then other pages, then
#: revisits of stored articles (set by `CrawlState.begin_run`).
PRIORITY = {"hub": 0, "article": 1, "page": 2, "revisit": 3}
_FULL_DATE = re.compile(r"/((?:19|20)\d\d)[/\-](0?[1-9]|1[0-2])[/\-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")
_BATCH = 500


def url_date(url: str) -> datetime | None:
    """The publication day a URL spells out (`/2024/05/12/...`), if any."""
    match = _FULL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), 23, 59, 59, tzinfo=timezone.utc)
    except ValueError:
        return None


@dataclass
class PageLinks:
    """A page's links judged before any is offered: `urls` canonical, same-site and each
    once, article-shaped first; `refused` counts the rest by reason (offsite, bad URLs)."""

    urls: list[str] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)


def rank_links(urls: Iterable[str], *, found_on: str, sites: set[str], current_year: int) -> PageLinks:
    """The pure part of `Frontier.offer` for a page's links, cheap enough to run on all of
    a page's links in a worker thread: so a cap on what is offered keeps the page's
    stories, not the first links of a big menu (review R7). Order: article-shaped links,
    then other pages, then links with a `skip_reason` (offered only to be recorded),
    each in page order."""
    articles: list[str] = []
    pages: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    out = PageLinks()
    for raw in urls:
        try:
            url = canonicalize(raw, base=found_on)
        except BadURL as exc:
            out.refused[exc.reason] += 1
            continue
        if not same_site(url, sites):
            out.refused["offsite"] += 1
            continue
        if url in seen:
            continue
        seen.add(url)
        if skip_reason(url, current_year=current_year) is not None:
            skipped.append(url)
        elif looks_like_article(url):
            articles.append(url)
        else:
            pages.append(url)
    out.urls = articles + pages + skipped
    return out


class Frontier:
    """Scope rules over `CrawlState`; `report` receives the counts of what was refused."""

    def __init__(
        self,
        state: CrawlState,
        report: CrawlReport,
        *,
        max_depth: int = 2,
        since: datetime | None = None,
    ) -> None:
        self.state = state
        self.report = report
        self.max_depth = max_depth
        self.since = since
        self.sites: set[str] = set()
        self.year = datetime.now(timezone.utc).year

    def add_start(self, urls: Iterable[str]) -> list[str]:
        """Queue start URLs (home pages, feeds, sitemaps); their hosts define the crawl's sites.

        A start URL that failed or was blocked earlier in a resumed run is tried again
        (a new run makes every URL due anyway, see `CrawlState.begin_run`).
        """
        added = []
        for raw in urls:
            url = canonicalize(raw)
            self.sites.add(host_key(url))
            self.state.add([(url, host_key(url), "start", 0, PRIORITY["hub"], False)])
            self.state.requeue(url, PRIORITY["hub"])
            added.append(url)
        return added

    def offer(
        self,
        urls: Iterable[str],
        *,
        found_on: str,
        kind: str = "page",
        depth: int = 1,
        listed: bool = False,
        probe: bool = False,
        limit: int | None = None,
    ) -> int:
        """Queue URLs found on `found_on`'s host; returns how many were new.

        `listed` marks URLs a feed or sitemap names (articles by the site's own word: no
        depth limit); other page links must look like articles, or be within `max_depth`
        for section pages. Refused links are counted under the finding host. At most
        `limit` new URLs are queued; the rest are counted as `queue-full` (a later run,
        reading the same hubs, finds them again).
        """
        host = host_key(found_on)
        rows: list[tuple[str, str, str, int, int, bool]] = []
        skipped: list[tuple[str, str, str]] = []
        new = 0
        full = limit is not None and limit <= 0
        overflow = 0
        for raw in urls:
            if full:
                overflow += 1
                continue
            try:
                url = canonicalize(raw, base=found_on)
            except BadURL as exc:
                self.report.add(host, "ignored", reason=exc.reason)
                continue
            if not same_site(url, self.sites):
                self.report.add(host, "ignored", reason="offsite")
                continue
            priority = PRIORITY["hub"]
            if kind == "page":
                reason = skip_reason(url, current_year=self.year)
                if reason is not None:
                    skipped.append((url, host_key(url), reason))
                    continue
                if self.since is not None and (day := url_date(url)) is not None and day < self.since:
                    self.report.add(host, "ignored", reason="older-than-since")
                    continue
                if listed or looks_like_article(url):
                    priority = PRIORITY["article"]
                    if not listed and depth > self.max_depth + 1:
                        self.report.add(host, "ignored", reason="too-deep")
                        continue
                else:
                    priority = PRIORITY["page"]
                    if depth > self.max_depth:
                        self.report.add(host, "ignored", reason="too-deep")
                        continue
            rows.append((url, host_key(url), kind, depth, priority, probe))
            if len(rows) >= _BATCH or (limit is not None and new + len(rows) >= limit):
                new += self.state.add(rows)
                rows = []
                full = limit is not None and new >= limit
        new += self.state.add(rows)
        if overflow:
            self.report.add(host, "ignored", overflow, reason="queue-full")
        if skipped:
            for reason, n in self.state.add_skipped(skipped).items():
                self.report.add(host, "skipped", n, reason=reason)
        return new

    def due(self, host: str, limit: int = 32) -> list[UrlRow]:
        return self.state.due(host, limit)

    def hosts(self) -> list[str]:
        return self.state.pending_hosts()
