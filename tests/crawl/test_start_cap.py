"""A start URL is read with the sitemap cap (it may be a sitemap), but an HTML start page
is held to the page cap (review R6 finding 11), against a loopback server.

Before, an HTML start page up to `max_sitemap_bytes` (50 MB) had its links parsed and
offered before the pool refused it as too large.
"""
from __future__ import annotations

from pathlib import Path


from broadsheet.crawl import CrawlConfig, CrawlResult, RetryPolicy, crawl
from tests.hostile.server import HostileServer, Reply

FAST = RetryPolicy(max_attempts=1, backoff=0.05, max_backoff=0.1, max_retry_after=1)
ROBOTS = Reply(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"})
STORY = "/2024/05/01/harbour-bridge-will-be-rebuilt/"
PAD = b"<p>" + b"filler words " * 20_000 + b"</p>"  # 260 KB


def run(site: HostileServer, start: str, corpus: Path) -> CrawlResult:
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False,
                         max_bytes=100_000, max_sitemap_bytes=4_000_000)
    return crawl([site.url + start], corpus=corpus, config=config, progress=False)


def test_an_html_start_page_over_the_page_cap_is_too_large(tmp_path: Path, site: HostileServer) -> None:
    home = b'<!DOCTYPE html><html><body><a href="' + STORY.encode() + b'">story</a>' + PAD + b"</body></html>"
    site.routes.update({"/robots.txt": ROBOTS, "/": Reply(home), STORY: Reply(b"<html><body>x</body></html>")})
    result = run(site, "/", tmp_path / "c.sqlite")
    stats = result.report.hosts[site.netloc]
    assert stats.reasons["too-large"] == 1 and stats.skipped == 1
    assert STORY not in site.paths()


def test_a_sitemap_start_url_over_the_page_cap_is_read(tmp_path: Path, site: HostileServer) -> None:
    locs = "".join(f"<url><loc>{site.url}/2024/05/01/story-number-{n}-{'x' * 300}/</loc></url>" for n in range(400))
    body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()
    assert len(body) > 100_000
    site.routes.update({"/robots.txt": ROBOTS, "/sitemap.xml": Reply(body, headers={"Content-Type": "application/xml"})})
    result = run(site, "/sitemap.xml", tmp_path / "c.sqlite")
    assert "too-large" not in result.report.hosts[site.netloc].reasons
    assert len([p for p in site.paths() if p.startswith("/2024/")]) == 400


def test_a_feed_start_url_over_the_feed_cap_is_too_large(tmp_path: Path, site: HostileServer) -> None:
    # review R7 finding 5: read with the sitemap cap and handed whole to feedparser before
    items = "".join(f"<item><title>t</title><link>{site.url}/2024/05/01/story-{n}-{'x' * 600}/</link></item>"
                    for n in range(300))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()
    site.routes.update({"/robots.txt": ROBOTS,
                        "/feed.xml": Reply(body, headers={"Content-Type": "application/rss+xml"})})
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False,
                         max_feed_bytes=64 * 1024, max_sitemap_bytes=4_000_000)
    result = crawl([site.url + "/feed.xml"], corpus=tmp_path / "c.sqlite", config=config, progress=False)
    stats = result.report.hosts[site.netloc]
    assert len(body) > 64 * 1024 and stats.reasons["too-large"] == 1 and stats.skipped == 1
    assert not [p for p in site.paths() if p.startswith("/2024/")]


def test_a_feed_start_url_within_the_feed_cap_is_read(tmp_path: Path, site: HostileServer) -> None:
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><item><title>t</title>'
            f"<link>{site.url}{STORY}</link></item></channel></rss>").encode()
    site.routes.update({"/robots.txt": ROBOTS, STORY: Reply(b"<html><body>x</body></html>"),
                        "/feed.xml": Reply(body, headers={"Content-Type": "application/rss+xml"})})
    result = run(site, "/feed.xml", tmp_path / "c.sqlite")
    assert "too-large" not in result.report.hosts[site.netloc].reasons and STORY in site.paths()
