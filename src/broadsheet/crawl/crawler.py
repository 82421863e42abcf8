"""The crawl loop: one worker per host, robots.txt first, each URL visited once per run.

Hosts run concurrently (up to `max_hosts` at once); within a host, requests are strictly
one after another through its `HostGate` (the `Fetcher` keeps gates and robots.txt per
host). Every page body goes to `store` (the same extract -> dedup -> store pipeline as
`broadsheet ingest`) before the host's next URL, and its URL is settled in the same
transaction as its article, which is what makes a killed crawl resumable without
refetching what it stored.

What one host may queue and read in a run (so one sitemap index cannot fan out into
millions of URLs and hundreds of requests):

- pages waiting: at most `max_queue` per host; with `max_pages` N, at most
  `QUEUE_PER_PAGE` x (N - pages fetched so far) + `QUEUE_SLACK`. URLs found past that
  are counted (`queue-full`) and left for a later run, which reads the hubs again.
- sitemaps read: at most `max_sitemaps` per host per run, and a sitemap is read only
  while the host's queue has room; the rest wait (status `deferred`) for the next run.
  A start URL is always read. Feeds alike, with `max_feeds`; once a host has read its
  feeds for the run, the feeds its pages declare are not queued (`feed deferred`). Both
  are counted in memory, once read from the crawl state for a resumed run.
- feeds a page declares: at most `MAX_FEEDS_PER_PAGE`, comment feeds left out (WordPress
  declares one per article: `urls.is_comment_feed`, judged with the page's own markup).
- entries: at most 50,000 URLs per sitemap (the protocol's limit), at most
  `max_sitemaps` child sitemaps per index, indexes nested at most 4 deep.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from datetime import datetime, timezone
from typing import Callable, Iterable, TypedDict, Unpack
from urllib.parse import urlsplit

from broadsheet.crawl.config import CrawlConfig, Store
from broadsheet.crawl.discover import (
    FEED_PATHS, SITEMAP_PATHS, Discovered, gunzip_capped, parse_feed, parse_html_links, parse_sitemap, sniff_kind,
)
from broadsheet.crawl.fetcher import Fetcher, FetchResult, HostPolicy, Outcome
from broadsheet.crawl.frontier import Frontier, PageLinks, rank_links
from broadsheet.crawl.state import CrawlState, UrlRow
from broadsheet.crawl.stats import CrawlReport
from broadsheet.crawl.urls import BadURL, canonicalize, host_key, is_comment_feed, same_site
from broadsheet.errors import InputError
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents

__all__ = ["CrawlConfig", "Crawler"]

log = logging.getLogger("broadsheet.crawl")

#: With a page budget, a host's queue holds at most this many pages per page still to fetch, plus the slack.
QUEUE_PER_PAGE = 10
QUEUE_SLACK = 100
#: Sitemap indexes nested deeper than this are not followed.
MAX_SITEMAP_DEPTH = 4
#: Declared feeds taken from one page (a site's main and section feeds; more is no news).
MAX_FEEDS_PER_PAGE = 5
#: Links of one page read and judged in a worker thread (about 10 us each), of which the
#: `max_page_links` best are offered: the bound on a 10 MB page of ~900,000 anchors.
MAX_PARSED_LINKS = 50_000


class _Validators(TypedDict):
    """What a fetched body's response says for the next request of its URL (kept by `CrawlState.settle`)."""

    etag: str | None
    last_modified: str | None
    http_status: int | None


class _SettleFields(TypedDict, total=False):
    """The keyword arguments of `CrawlState.settle` past the URL, status and run."""

    reason: str | None
    http_status: int | None
    etag: str | None
    last_modified: str | None
    final: bool
    article: bool | None
    kind: str | None
    fetched: bool


class Crawler:
    """Runs one crawl over a `CrawlState`; counts go to `report`, pages to `store`."""

    def __init__(self, state: CrawlState, store: Store, config: CrawlConfig = CrawlConfig(),
                 *, report: CrawlReport | None = None, events: Events | None = None,
                 reject: Callable[..., None] | None = None) -> None:
        """`events` (the pipeline's `Stats`) also hears of what never became a page, so the
        closing summary line counts fetch errors and robots blocks like ingest counts
        broken records. `reject(reason, url=, detail=)` (`Stats.reject`) hears of each page
        URL that will not be stored although nothing failed (HTTP 404, too large, an
        off-site redirect; a start URL that is not HTML): fetch errors reach the rejects
        through `events.error`."""
        self.state = state
        self.events = events or LogEvents()
        self.reject = reject
        self.store = store
        self.config = config
        self.report = report or CrawlReport()
        self.frontier = Frontier(state, self.report, max_depth=config.max_depth, since=config.since)
        self.run_id = 0
        self._policies: dict[str, HostPolicy] = {}  # the robots.txt read counted for each host
        self.fetcher: Fetcher | None = None
        self._reserved = 0
        # (host, "sitemap" | "feed") -> requested in this run: counted here, not in SQLite
        # per visit (a COUNT over the host's history on the loop, review R7)
        self._hubs_read: dict[tuple[str, str], int] = {}

    # -- the run ----------------------------------------------------------------------
    async def run(self, start_urls: Iterable[str]) -> CrawlReport:
        """Crawl from `start_urls` until the frontier is empty or `max_pages` is reached.

        Does not mark the run finished: the caller does that after the store has
        committed (`state.finish_run(crawler.run_id)`).
        """
        good = []
        for raw in start_urls:
            try:
                canonicalize(raw)
                good.append(raw)
            except BadURL as exc:
                log.warning("start URL %s: %s", raw, exc.reason)
                self.report.bad_start.append(f"{raw} ({exc.reason})")
        if not good:
            raise InputError("no crawlable start URL: give http:// or https:// URLs of sites, feeds or sitemaps")
        self.run_id, self.report.resumed = self.state.begin_run()
        self.report.run = self.run_id
        self.frontier.add_start(good)
        cfg = self.config
        self.fetcher = Fetcher(user_agent=cfg.user_agent, delay=cfg.delay, timeout=cfg.timeout,
                               deadline=cfg.deadline, max_bytes=cfg.max_bytes, retry=cfg.retry,
                               trust_env=cfg.trust_env)
        try:
            await self._schedule()
        finally:
            await self.fetcher.aclose()
        self.report.stopped_by_budget = self._budget_spent() and bool(self.frontier.hosts())
        return self.report

    async def _schedule(self) -> None:
        active: dict[str, asyncio.Task[None]] = {}
        try:
            while True:
                if not self._budget_spent():
                    for host in self.frontier.hosts():
                        if host not in active and len(active) < self.config.max_hosts:
                            active[host] = asyncio.create_task(self._host(host), name=host)
                if not active:
                    return
                done, _ = await asyncio.wait(active.values(), return_when=asyncio.FIRST_COMPLETED)
                for host in [h for h, t in active.items() if t in done]:
                    active.pop(host).result()  # a bug in a worker must surface, not hang the crawl
        finally:
            for task in active.values():
                task.cancel()
            await asyncio.gather(*active.values(), return_exceptions=True)

    def _budget_spent(self) -> bool:
        limit = self.config.max_pages
        return limit is not None and self.report.pages + self._reserved >= limit

    def _queue_room(self, host: str) -> int:
        """How many more pages `host` may queue now (the rule in the module docstring)."""
        cap = self.config.max_queue
        if self.config.max_pages is not None:
            left = max(0, self.config.max_pages - self.report.pages)
            cap = min(cap, QUEUE_PER_PAGE * left + QUEUE_SLACK)
        return max(0, cap - self.state.pending_count(host, "page"))

    def _hubs_read_now(self, host: str, kind: str) -> int:
        """Sitemaps or feeds (`kind`) of `host` requested in this run: read from the crawl
        state once (a resumed run has read some already), then counted in memory."""
        key = (host, kind)
        if key not in self._hubs_read:
            self._hubs_read[key] = self.state.sitemaps_read(host, self.run_id, kind)
        return self._hubs_read[key]

    def _hub_requested(self, host: str, kind: str) -> None:
        self._hubs_read[(host, kind)] = self._hubs_read_now(host, kind) + 1

    def _hub_budget_spent(self, host: str, kind: str) -> bool:
        most = self.config.max_sitemaps if kind == "sitemap" else self.config.max_feeds
        return self._hubs_read_now(host, kind) >= most

    def _hub_deferral(self, host: str, kind: str) -> str | None:
        """Why a (non-start) sitemap or feed (`kind`) of `host` should wait for the next run, or None."""
        if self._hub_budget_spent(host, kind):
            return f"max-{kind}s"
        if self._queue_room(host) == 0:
            return "queue-full"
        return None

    # -- one host ---------------------------------------------------------------------
    async def _host(self, host: str) -> None:
        due = self.frontier.due(host, 1)
        if not due:
            return
        assert self.fetcher is not None
        policy = await self.fetcher.policy(due[0].url)
        self._note_robots(host, policy)
        robots = policy.robots
        if robots.blocks_host:
            status = "blocked" if robots.reachable else "error"
            n = self.state.settle_host(host, status, run=self.run_id, reason=robots.note)
            if not robots.reachable:
                self.report.add(host, "errors", n, reason="host unreachable")
                self.events.error("host unreachable", host, f"{robots.note}; {n} URLs not fetched")
            else:
                self.report.add(host, "robots_blocked", n)
                for _ in range(n):
                    self.events.ignore("robots.txt disallows")
            return
        while not self._budget_spent():
            rows = self.frontier.due(host, 16)
            if not rows:
                return
            for row in rows:
                if self._budget_spent():
                    return
                await self._visit(row)

    def _note_robots(self, host: str, policy: HostPolicy) -> None:
        """Count a robots.txt read once, and queue the sitemaps it names (or a guess)."""
        if self._policies.get(host) is policy:
            return
        first = host not in self._policies
        self._policies[host] = policy
        result, robots = policy.result, policy.robots
        self.report.add(host, "requests", result.requests)
        if result.ok:
            self.report.add(host, "fetched")
        stats = self.report.host(host)
        assert self.fetcher is not None
        stats.delay, stats.robots = self.fetcher.gate(host).delay, robots.note
        if first and not robots.blocks_host:
            named = robots.sitemaps
            origin = policy.url[: -len("/robots.txt")]
            probes = [origin + p for p in SITEMAP_PATHS[:1]]
            self.frontier.offer(named or probes, found_on=policy.url, kind="sitemap", depth=0, probe=not named,
                                limit=self.config.max_sitemaps)

    # -- one URL ----------------------------------------------------------------------
    async def _visit(self, row: UrlRow) -> None:
        host = row.host
        if row.kind in ("sitemap", "feed") and (why := self._hub_deferral(host, row.kind)) is not None:
            self.state.settle(row.url, "deferred", run=self.run_id, reason=why)
            self.report.add(host, "ignored", reason=f"{row.kind} deferred ({why})")
            return
        is_page = row.kind == "page"
        cap = {"page": self.config.max_bytes, "feed": self.config.max_feed_bytes}.get(
            row.kind, self.config.max_sitemap_bytes)
        self._reserved += is_page
        try:
            assert self.fetcher is not None
            result = await self.fetcher.fetch(
                row.url, html_only=is_page, etag=row.etag, last_modified=row.last_modified,
                check_redirect=self._redirect_stop, max_bytes=cap)
        finally:
            self._reserved -= is_page
        self.report.add(host, "requests", result.requests)
        if row.kind in ("sitemap", "feed") and not result.outcome.startswith("robots-"):
            self._hub_requested(host, row.kind)  # read, failed or unchanged: as `sitemaps_read` counts
        if result.outcome == "ok":
            self.report.add(host, "fetched")
            await self._read(row, result)
        else:
            self._failed(row, result)

    def _redirect_stop(self, target: str) -> Outcome | None:
        """Why not to follow a redirect the Fetcher allows: this run has the target."""
        if self.state.visited(target, self.run_id):
            return "known-redirect"
        return None

    def _settle(self, row: UrlRow, result: FetchResult, status: str, **fields: Unpack[_SettleFields]) -> None:
        """Settle a URL, and the URL its redirects ended at, so neither is fetched again."""
        self.state.settle(row.url, status, run=self.run_id, **fields)
        if result.final_url != row.url:
            self.state.add([(result.final_url, row.host, row.kind, row.depth, 0, False)])
            self.state.settle(result.final_url, status, run=self.run_id, **fields)

    def _failed(self, row: UrlRow, result: FetchResult) -> None:
        """Settle and count a fetch that gave no body to read."""
        host, outcome, run = row.host, result.outcome, self.run_id
        settle = self.state.settle
        if outcome == "not-modified":
            settle(row.url, "not-modified", run=run, http_status=304)
            self.report.add(host, "not_modified")
            self.events.ignore("not modified (304)")
        elif outcome == "offsite-redirect" and same_site(result.final_url, self.frontier.sites):
            self.frontier.offer([result.final_url], found_on=row.url, kind=row.kind, depth=row.depth + 1, listed=True)
            settle(row.url, "done", run=run, reason=f"redirect to {result.final_url}", http_status=result.status)
        elif outcome == "known-redirect":
            settle(row.url, "done", run=run, reason=result.reason, http_status=result.status)
        elif outcome in ("robots-redirect", "robots-disallowed", "robots-unavailable"):
            settle(row.url, "blocked", run=run, reason=result.reason)
            self.report.add(host, "robots_blocked")
            self.events.ignore("robots.txt disallows")
        elif outcome in ("not-html", "too-large", "bad-encoding", "bad-redirect", "offsite-redirect", "bad-url") or (
                outcome == "http-error" and result.status in (404, 410)):
            reason = f"HTTP {result.status}" if outcome == "http-error" else outcome
            settle(row.url, "skipped", run=run, reason=result.reason or reason, final=True, http_status=result.status)
            if not row.probe:
                self.report.add(host, "skipped", reason=reason)
                self.events.ignore(reason)
                # a page URL lost (a found link that is an image or a PDF is no page: not listed)
                if self.reject is not None and (row.kind == "start" or row.kind == "page" and outcome != "not-html"):
                    self.reject(reason, url=row.url, detail=result.reason or "")
        else:  # timeouts, deadlines, DNS, network, 5xx/429 after retries, other 4xx, redirect loops
            reason = f"HTTP {result.status}" if outcome == "http-error" else outcome
            settle(row.url, "error", run=run, reason=result.reason or reason, http_status=result.status)
            if not row.probe:
                self.report.add(host, "errors", reason=reason)
                self.events.error(f"fetch failed: {reason}", row.url, result.reason or reason)

    async def _read(self, row: UrlRow, result: FetchResult) -> None:
        """Use a fetched body: feeds and sitemaps feed the frontier, pages go to the store."""
        kind = row.kind
        if kind == "start":
            sniffed = sniff_kind(result.content, result.content_type)
            kind = "page" if sniffed == "html" else sniffed
            if kind in ("sitemap", "feed"):
                self._hub_requested(row.host, kind)
            # fetched with the sitemap cap as it might have been one: a page gets the page cap,
            # a feed the feed cap (feedparser holds ~14x what it reads)
            cap = {"page": self.config.max_bytes, "feed": self.config.max_feed_bytes}.get(kind)
            if cap is not None and len(result.content) > cap:
                what = "an HTML start page" if kind == "page" else "a feed start URL"
                over = dataclasses.replace(result, outcome="too-large", content=b"", reason=f"{what} over {cap} bytes")
                self._failed(row, over)
                return
        validators: _Validators = {"etag": result.headers.get("etag"),
                                   "last_modified": result.headers.get("last-modified"), "http_status": result.status}
        if kind == "page":
            await self._page(row, result, validators)
            return
        if kind == "sitemap":
            await self._sitemap(row, result)
        elif kind == "feed":  # parsed off the event loop: a big feed must not stall every host
            found = await asyncio.to_thread(parse_feed, result.content, since=self.config.since)
            self._problems(row, found.problems)
            self.frontier.offer(found.urls, found_on=result.final_url, depth=row.depth + 1, listed=True,
                                limit=self._queue_room(row.host))
            if found.old:
                self.report.add(row.host, "ignored", found.old, reason="older-than-since")
        else:
            self.state.settle(row.url, "skipped", run=self.run_id, reason="not a page, feed or sitemap", final=True)
            self.report.add(row.host, "skipped", reason="not-html")
            if self.reject is not None:
                self.reject("not-html", url=row.url, detail="not a page, feed or sitemap")
            return
        self._settle(row, result, "done", kind=kind, fetched=True, **validators)

    def _problems(self, row: UrlRow, problems: list[str]) -> None:
        for problem in problems:
            if row.probe and problem in ("not-a-feed", "not-a-sitemap", "malformed-xml", "malformed-feed"):
                continue  # a guessed path that is not there is no damage
            if problem != "unexpected-namespace" or not row.probe:
                self.report.add(row.host, "problems", reason=problem)

    async def _sitemap(self, row: UrlRow, result: FetchResult) -> None:
        data = result.content
        gz_name = urlsplit(row.url).path.lower().endswith(".gz")
        if gz_name or data.startswith(b"\x1f\x8b"):
            data, problem = gunzip_capped(data, self.config.max_sitemap_bytes)
            if problem and (problem != "not-gzip" or gz_name):
                self._problems(row, [problem])
            if problem == "gzip-too-large":  # nothing was kept: no sitemap to read
                return
        # parsed off the event loop: a 50 MB sitemap must not stall every other host
        found = await asyncio.to_thread(parse_sitemap, data, since=self.config.since)
        self._problems(row, found.problems)
        if row.depth < MAX_SITEMAP_DEPTH:
            self.frontier.offer(found.sitemaps, found_on=result.final_url, kind="sitemap", depth=row.depth + 1,
                                limit=self.config.max_sitemaps)
        self.frontier.offer(found.urls, found_on=result.final_url, depth=row.depth + 1, listed=True,
                            limit=self._queue_room(row.host))
        if found.old:
            self.report.add(row.host, "ignored", found.old, reason="older-than-since")

    def _declared_feeds(self, host: str, page: str, feeds: list[str], more: int = 0, *,
                        article: bool = False) -> list[str]:
        """The feeds a page declares worth reading: no comment feeds (they list comments,
        not articles; `article`: the page's markup says it is one article), at most
        `MAX_FEEDS_PER_PAGE`; what is left out is counted (`more`: feeds past those the
        page's parse resolved)."""
        kept: list[str] = []
        comments = 0
        for feed in feeds:
            if len(kept) >= MAX_FEEDS_PER_PAGE:
                break
            if is_comment_feed(feed, page, article=article):
                comments += 1
            else:
                kept.append(feed)
        if comments:
            self.report.add(host, "ignored", comments, reason="comment-feed")
        if len(feeds) + more > len(kept) + comments:
            self.report.add(host, "ignored", len(feeds) + more - len(kept) - comments, reason="too-many-feeds")
        return kept

    def _offer_feeds(self, feeds: list[str], page: str, depth: int, *, probe: bool) -> None:
        """Queue a page's feeds, but none of a host whose feed budget this run is spent:
        each would be visited only to be deferred (counted as such here instead)."""
        spent: dict[str, int] = {}
        offered = []
        for feed in feeds:
            try:
                host = host_key(canonicalize(feed, base=page))
            except BadURL:
                offered.append(feed)  # refused and counted by the frontier
                continue
            if self._hub_budget_spent(host, "feed"):
                spent[host] = spent.get(host, 0) + 1
            else:
                offered.append(feed)
        for host, n in spent.items():
            self.report.add(host, "ignored", n, reason="feed deferred (max-feeds)")
        self.frontier.offer(offered, found_on=page, kind="feed", depth=depth, probe=probe)

    def _page_links(self, content: bytes, url: str, sites: set[str]) -> tuple[Discovered, PageLinks]:
        """A page's links and feeds, and its links ranked for offering (run in a worker thread)."""
        links = parse_html_links(content, url, max_links=max(MAX_PARSED_LINKS, self.config.max_page_links),
                                 max_feeds=self.config.max_page_links)
        ranked = rank_links(links.urls, found_on=url, sites=sites, current_year=self.frontier.year)
        return links, ranked

    async def _page(self, row: UrlRow, result: FetchResult, validators: _Validators) -> None:
        self.report.pages += 1
        url = result.final_url
        # parsed and judged off the event loop, and at most `max_page_links` links offered,
        # article-shaped first: each offered is judged again and written on the loop, where
        # 10 MB of anchors stalled every host
        links, ranked = await asyncio.to_thread(self._page_links, result.content, url, set(self.frontier.sites))
        for reason, n in ranked.refused.items():
            self.report.add(host_key(url), "ignored", n, reason=reason)
        cap = self.config.max_page_links
        if links.more_urls or len(ranked.urls) > cap:
            self.report.add(row.host, "ignored", links.more_urls + max(0, len(ranked.urls) - cap),
                            reason="too-many-links")
        declared = self._declared_feeds(row.host, url, links.feeds, links.more_feeds, article=links.article)
        feeds = declared or ([f"{urlsplit(url).scheme}://{row.host}{p}" for p in FEED_PATHS]
                             if row.depth == 0 else [])
        self._offer_feeds(feeds, url, row.depth, probe=not declared)
        self.frontier.offer(ranked.urls[:cap], found_on=url, depth=row.depth + 1, limit=self._queue_room(row.host))
        page = Page(url=url, content=result.content, headers=result.headers,
                    fetched_at=datetime.now(timezone.utc), origin="http")
        outcome = await self.store(page)
        host, status = row.host, outcome.status
        if status == "error":
            self.report.add(host, "errors", reason=outcome.reason)
            self._settle(row, result, "error", reason=outcome.reason, kind="page")
            return
        if status == "stored":
            self.report.add(host, "articles")
        else:
            label = f"duplicate ({outcome.reason})" if status == "duplicate" else outcome.reason
            self.report.add(host, "skipped", reason=label)
        self._settle(row, result, "stored", reason=outcome.reason or status, kind="page",
                     article=status in ("stored", "duplicate"), fetched=True, **validators)
