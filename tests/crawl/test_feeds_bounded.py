"""Feeds are bounded like sitemaps: their own byte cap, an item cap, a few per page, a
budget per host, and no comment feeds (review R6 finding 5), against a loopback server.

Before, feeds were read with the 50 MB sitemap cap, every entry was kept, and every feed a
page declared was queued at hub priority (150,000 from one page; one per article on a
WordPress site, where each article declares its comments feed).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.crawl import CrawlConfig, CrawlResult, RetryPolicy, crawl, discover
from broadsheet.crawl.discover import parse_feed
from broadsheet.crawl.urls import is_comment_feed
from tests.hostile.server import HostileServer, Reply

FAST = RetryPolicy(max_attempts=1, backoff=0.05, max_backoff=0.1, max_retry_after=1)
ROBOTS = Reply(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"})
STORY = "/2024/05/01/harbour-bridge-will-be-rebuilt/"
TEXT = b"The council met on Tuesday and agreed to rebuild the old harbour bridge before the winter storms. " * 8


def page(feeds: list[str], links: list[str] = (), body: bytes = b"", body_class: str = "", head: str = "") -> Reply:
    heads = head + "".join(f'<link rel="alternate" type="application/rss+xml" href="{f}">' for f in feeds)
    anchors = "".join(f'<a href="{link}">{link}</a> ' for link in links)
    return Reply(f"<!DOCTYPE html><html><head><title>Harbour bridge</title>{heads}</head>"
                 f"<body class='{body_class}'><nav>{anchors}</nav>"
                 f"<article><h1>Harbour bridge will be rebuilt</h1><p>".encode() + body + b"</p></article></body></html>")


def rss(links: list[str]) -> Reply:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return Reply(f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode(),
                 headers={"Content-Type": "application/rss+xml"})


def run(site: HostileServer, corpus: Path, **overrides) -> CrawlResult:
    settings = dict(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False)
    settings.update(overrides)
    return crawl([site.url + "/"], corpus=corpus, config=CrawlConfig(**settings), progress=False)


def test_a_feed_is_read_with_the_feed_cap_not_the_sitemap_cap(tmp_path: Path, site: HostileServer) -> None:
    items = [f"/2024/05/01/story-number-{n}-of-the-day-{'x' * 600}/" for n in range(300)]  # ~200 KB
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed.xml"]), "/feed.xml": rss(items)})
    result = run(site, tmp_path / "c.sqlite", max_feed_bytes=64 * 1024, max_sitemap_bytes=4 * 1024 * 1024)
    stats = result.report.hosts[site.netloc]
    assert stats.reasons["too-large"] == 1
    assert not [p for p in site.paths() if p.startswith("/2024/")]


def test_a_feed_gives_at_most_the_url_cap(monkeypatch) -> None:
    monkeypatch.setattr(discover, "MAX_SITEMAP_URLS", 100)
    body = rss([f"https://paper.example/{n}" for n in range(300)]).body
    found = parse_feed(body)
    assert len(found.urls) == 100 and found.problems == ["too-many-urls"]


def test_a_page_declaring_many_feeds_queues_five_and_the_host_reads_its_budget(tmp_path: Path,
                                                                             site: HostileServer) -> None:
    feeds = [f"/feeds/{n}.xml" for n in range(50)]
    site.routes.update({"/robots.txt": ROBOTS, "/": page(feeds)})
    site.routes.update({f: rss([]) for f in feeds})
    result = run(site, tmp_path / "c.sqlite", max_feeds=3)
    ignored = result.report.hosts[site.netloc].ignored
    assert ignored["too-many-feeds"] == 45 and ignored["feed deferred (max-feeds)"] == 2
    assert sorted(p for p in site.paths() if p.startswith("/feeds/")) == feeds[:3]


def test_wordpress_comment_feeds_are_not_fetched(tmp_path: Path, site: HostileServer) -> None:
    """An article page declares the site's feed, the site's comments feed and its own."""
    wordpress = ["/feed/", "/comments/feed/", STORY + "feed/"]
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed/"], links=[STORY], body_class="home blog"),
                        "/feed/": rss([]), STORY: page(wordpress, body=TEXT, body_class="post-template-default single "
                                                       "single-post postid-12 single-format-standard")})
    result = run(site, tmp_path / "c.sqlite")
    assert "/comments/feed/" not in site.paths() and STORY + "feed/" not in site.paths()
    assert site.paths().count("/feed/") == 1 and STORY in site.paths()
    assert result.report.hosts[site.netloc].ignored["comment-feed"] == 2


@pytest.mark.parametrize("feed, page_url, article, verdict", [
    ("https://p.example/comments/feed/", "https://p.example/", False, True),
    ("https://p.example/world/comments/feed/atom/", "https://p.example/world/", False, True),
    ("https://p.example/?feed=comments-rss2&p=12", "https://p.example/?p=12", True, True),
    ("https://p.example" + STORY + "feed/", "https://p.example" + STORY, True, True),
    ("https://p.example" + STORY + "feed/", "https://p.example" + STORY, False, False),  # markup says no article
    ("https://p.example" + STORY + "feed/", "https://p.example/", True, False),  # another page's: not told apart
    ("https://p.example/feed/", "https://p.example" + STORY, True, False),
    ("https://p.example/feed/", "https://p.example/", True, False),
    ("https://p.example/world/feed/", "https://p.example/world/", False, False),
    ("https://p.example/arts-and-culture/feed/", "https://p.example/arts-and-culture/", False, False),
    ("https://p.example/category/world-news-today/feed/", "https://p.example/category/world-news-today/", False,
     False),
    ("https://p.example/?feed=rss2", "https://p.example/", False, False),
    ("https://p.example/rss.xml", "https://p.example" + STORY, True, False),
])
def test_comment_feeds_are_told_apart(feed: str, page_url: str, article: bool, verdict: bool) -> None:
    """`article`: the page's own markup says it is one article."""
    assert is_comment_feed(feed, page_url, article=article) is verdict
    assert is_comment_feed(feed) is ("comments" in feed)  # without its page: the URL rules only


def test_a_malformed_feed_url_is_no_comment_feed() -> None:
    assert not is_comment_feed("http://[::1/feed/", "https://p.example/")
