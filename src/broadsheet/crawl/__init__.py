"""Crawling news sites politely: discovery, frontier, robots.txt, fetching, resumption.

    from broadsheet.crawl import CrawlConfig, crawl
    result = crawl(["https://example.com/"], corpus="news.sqlite", config=CrawlConfig(delay=2))
    print("\n".join(result.summary_lines()))

Modules, one job each: `urls` (canonical form, traps, article-likeness), `robots`
(robots.txt policy), `politeness` (per-host gate, retries), `discover` (feeds, sitemaps,
links), `state` (the crawl tables in the corpus file), `frontier` (scope rules over the
state), `fetcher` (polite HTTP), `config` (settings), `crawler` (the per-host loop),
`stats` (counts and summary), `job` (the crawl wired to the pipeline shared with `ingest`).
"""
from __future__ import annotations

from broadsheet.crawl.config import CrawlConfig
from broadsheet.crawl.crawler import Crawler
from broadsheet.crawl.politeness import RetryPolicy
from broadsheet.crawl.job import CrawlResult, crawl
from broadsheet.crawl.state import CrawlState
from broadsheet.crawl.stats import CrawlReport, HostStats

__all__ = ["CrawlConfig", "CrawlReport", "CrawlResult", "CrawlState", "Crawler", "HostStats", "RetryPolicy", "crawl"]
