"""A page offers at most `max_page_links` links, against a real loopback server.

Before, every link of a page was canonicalised and judged on the event loop that all
hosts share: a 10 MB page of anchors held every other host's requests for minutes.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


from broadsheet.crawl import CrawlConfig, RetryPolicy, crawl
from broadsheet.crawl.discover import parse_html_links
from broadsheet.crawl.urls import canonicalize
from tests.hostile.server import HostileServer, Reply

FAST = RetryPolicy(max_attempts=1, backoff=0.05, max_backoff=0.1, max_retry_after=1)


def _home(links: list[str]) -> Reply:
    anchors = "".join(f'<a href="{link}">x</a> ' for link in links)
    return Reply(f"<!DOCTYPE html><html><head><title>Home</title></head><body>{anchors}</body></html>".encode())


def test_links_past_the_cap_are_counted_not_queued(tmp_path: Path, site: HostileServer) -> None:
    links = [f"/n/{'a' * 60}{i}" for i in range(1000)]  # slug-less segments, as in review R6
    site.routes.update({"/robots.txt": Reply(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"}),
                        "/": _home(links)})
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False, max_pages=1,
                         max_page_links=40)
    result = crawl([site.url + "/"], corpus=tmp_path / "c.sqlite", config=config, progress=False)
    ignored = result.report.hosts[site.netloc].ignored
    assert ignored["too-many-links"] == 960
    with closing(sqlite3.connect(tmp_path / "c.sqlite")) as db:
        queued = {url for (url,) in db.execute("SELECT url FROM crawl_url WHERE kind = 'page'")}
    assert queued - {canonicalize(site.url + "/")} == {canonicalize(site.url + link) for link in links[:40]}


def test_links_and_feeds_past_max_links_are_counted_not_resolved() -> None:
    heads = "".join(f'<link rel="alternate" type="application/rss+xml" href="/f{n}.xml">' for n in range(30))
    anchors = "".join(f'<a href="/n/{n}">x</a>' for n in range(1000))
    found = parse_html_links(f"<html><head>{heads}</head><body>{anchors}</body></html>", "https://paper.example/",
                             max_links=25)
    assert found.urls == [f"https://paper.example/n/{n}" for n in range(25)] and found.more_urls == 975
    assert len(found.feeds) == 25 and found.more_feeds == 5
