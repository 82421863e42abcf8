"""Hostile hosts against a whole crawl: one bad document is one counted outcome, never a
dead crawl, a hung host, a trip to another port or a corpus of millions of junk URLs.

Every test here failed before issue 13's fixes: bombs in pages, feeds, sitemaps and
robots.txt decoded whole (MemoryError ended the crawl with exit 1), a host dripping a
byte a second held the crawl, robots.txt redirects followed to other ports, a robots.txt
over 2 MB made its host "unreachable", a feed body naming a file made feedparser read
that file, the broken-sitemap fallback was quadratic, the first request after robots.txt
ignored its Crawl-delay, and one sitemap index fanned out without bound.
"""
from __future__ import annotations

import time
import tracemalloc
from pathlib import Path
from typing import Iterator

import pytest

from broadsheet.corpus import Corpus
from broadsheet.crawl import CrawlConfig, CrawlResult, RetryPolicy, crawl
from broadsheet.crawl.state import CrawlState
from broadsheet.errors import InputError
from tests.hostile.server import HostileServer, Reply, bomb, drip, endless, fan_out, redirect

CAP = 256 * 1024
FAST = RetryPolicy(max_attempts=2, backoff=0.05, max_backoff=0.1, max_retry_after=5)
STORY = "/news/2024/05/01/harbour-bridge-will-be-rebuilt"
TEXT = b"The council met on Tuesday and agreed to rebuild the old harbour bridge before the winter storms. " * 8
ARTICLE = (b"<!DOCTYPE html><html><head><title>Harbour bridge will be rebuilt</title></head><body><article>"
           b"<h1>Harbour bridge will be rebuilt</h1><p>" + TEXT + b"</p></article></body></html>")


def home(links: list[str], feeds: list[str] = ()) -> Reply:
    heads = "".join(f'<link rel="alternate" type="application/rss+xml" href="{f}">' for f in feeds)
    anchors = "".join(f'<a href="{link}">{link}</a> ' for link in links)
    return Reply(f"<!DOCTYPE html><html><head><title>Home</title>{heads}</head><body><nav>{anchors}</nav>"
                 f"</body></html>".encode())


def text(body: bytes) -> Reply:
    return Reply(body, headers={"Content-Type": "text/plain"})


def run(urls: list[str], corpus: Path, **overrides) -> CrawlResult:
    settings = dict(delay=0.0, timeout=2.0, deadline=1.0, max_bytes=CAP, max_sitemap_bytes=CAP, retry=FAST,
                    trust_env=False)
    settings.update(overrides)
    return crawl(urls, corpus=corpus, config=CrawlConfig(**settings), progress=False)


def stored(corpus: Path) -> set[str]:
    with Corpus(corpus) as store:
        return {r["url"] for r in store.records()}


@pytest.fixture
def site() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def other() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def test_bombs_drips_and_bad_redirects_cost_one_outcome_each(tmp_path: Path, site: HostileServer,
                                                             other: HostileServer) -> None:
    pages = {"bomb-br": bomb("br"), "bomb-deflate": bomb("deflate"), "endless": endless(),
             "drip": drip(ARTICLE, interval=0.2), "zstd": Reply(b"x", headers={"Content-Encoding": "zstd"}),
             "to-data": redirect("data:text/html,<h1>hi</h1>"), "to-other": redirect(other.url + STORY)}
    paths = {name: f"/news/2024/05/01/{name}-story-of-the-day" for name in pages}
    site.routes.update({paths[name]: reply for name, reply in pages.items()})
    site.routes.update({
        "/robots.txt": bomb("gzip-gzip", content_type="text/plain"),
        "/": home([STORY, *paths.values()], feeds=["/feed.xml"]),
        "/feed.xml": bomb("gzip-gzip", content_type="application/rss+xml"),
        "/sitemap.xml": bomb("br", content_type="application/xml"),
        STORY: Reply(ARTICLE),
    })
    tracemalloc.start()
    try:
        result = run([site.url + "/"], tmp_path / "c.sqlite")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # the bombs hold 64 MB each
    assert stored(tmp_path / "c.sqlite") == {site.url + STORY}
    stats = result.report.hosts[site.netloc]
    assert "robots.txt 200" in stats.robots  # the robots.txt bomb was read in part: not a dead host
    assert stats.reasons["too-large"] == 4 and stats.reasons["bad-encoding"] == 1  # 3 pages and the feed
    assert stats.reasons["bad-redirect"] == 1 and stats.reasons["offsite-redirect"] == 1
    assert stats.reasons["deadline"] == 1
    assert other.hits == []


def test_a_gzip_file_bomb_as_a_sitemap_is_counted(tmp_path: Path, site: HostileServer) -> None:
    gz = bomb("gzip", content_type="application/gzip")
    del gz.headers["Content-Encoding"]  # a .xml.gz file: the body itself is gzip
    site.routes.update({"/robots.txt": text(f"Sitemap: {site.url}/sitemaps/all.xml.gz\n".encode()),
                        "/sitemaps/all.xml.gz": gz, "/": home([STORY]), STORY: Reply(ARTICLE)})
    result = run([site.url + "/"], tmp_path / "c.sqlite")
    assert dict(result.report.hosts[site.netloc].problems) == {"gzip-too-large": 1}
    assert stored(tmp_path / "c.sqlite") == {site.url + STORY}


def test_a_dripping_robots_txt_does_not_hold_the_crawl(tmp_path: Path, site: HostileServer) -> None:
    robots = drip(b"User-agent: *\nDisallow:\n" * 50, interval=0.2, content_type="text/plain")
    site.routes.update({"/robots.txt": robots,
                        "/": home([STORY]), STORY: Reply(ARTICLE)})
    started = time.monotonic()
    result = run([site.url + "/"], tmp_path / "c.sqlite")
    assert time.monotonic() - started < 10  # the whole file at this pace: over 4 minutes
    assert "unreachable" in result.report.hosts[site.netloc].robots  # for now: the next run tries again


def test_a_robots_redirect_to_another_port_is_not_followed(tmp_path: Path, site: HostileServer,
                                                           other: HostileServer) -> None:
    other.routes["/robots.txt"] = text(b"User-agent: *\nDisallow: /\n")
    site.routes.update({"/robots.txt": redirect(other.url + "/robots.txt"), "/": home([STORY]), STORY: Reply(ARTICLE)})
    result = run([site.url + "/"], tmp_path / "c.sqlite")
    assert other.hits == []
    assert "unavailable" in result.report.hosts[site.netloc].robots
    assert stored(tmp_path / "c.sqlite") == {site.url + STORY}


def test_a_huge_robots_txt_is_obeyed_as_far_as_it_is_read(tmp_path: Path, site: HostileServer) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n"
    site.routes.update({"/robots.txt": text(rules + b"# the rest is padding, padding and more padding\n" * 60_000),
                        "/": home([STORY, "/private/2024/05/01/secret-story-not-for-bots"]), STORY: Reply(ARTICLE)})
    result = run([site.url + "/"], tmp_path / "c.sqlite")
    stats = result.report.hosts[site.netloc]
    assert "KiB read" in stats.robots and stats.robots_blocked == 1
    assert not any(p.startswith("/private/") for p in site.paths())
    assert stored(tmp_path / "c.sqlite") == {site.url + STORY}


def test_crawl_delay_counts_from_the_robots_txt_request(tmp_path: Path, site: HostileServer) -> None:
    site.routes.update({"/robots.txt": text(b"User-agent: *\nCrawl-delay: 0.3\n"), "/": home([STORY]),
                        STORY: Reply(ARTICLE)})
    run([site.url + "/"], tmp_path / "c.sqlite", delay=0.1, max_pages=1)  # robots.txt, then the home page
    hits = site.hits
    assert [h.path for h in hits] == ["/robots.txt", "/"]
    assert hits[1].at - hits[0].at >= 0.3 - 0.005  # not the 0.1 s of --delay


def test_a_feed_body_naming_a_file_is_not_read_as_that_file(tmp_path: Path, site: HostileServer) -> None:
    local = tmp_path / "feed.xml"
    local.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>stolen</title>'
                     f"<item><link>{site.url}/stolen/2024/05/01/read-from-a-local-file</link></item></channel></rss>")
    site.routes.update({"/": home([STORY], feeds=["/feed.xml", "/zero.xml"]),
                        "/feed.xml": Reply(str(local).encode(), headers={"Content-Type": "application/rss+xml"}),
                        "/zero.xml": Reply(b"/dev/zero", headers={"Content-Type": "application/rss+xml"}),
                        STORY: Reply(ARTICLE)})
    started = time.monotonic()
    result = run([site.url + "/"], tmp_path / "c.sqlite")
    assert time.monotonic() - started < 10  # /dev/zero read whole would never end
    assert not any(p.startswith("/stolen/") for p in site.paths())
    assert result.report.hosts[site.netloc].problems["not-a-feed"] == 2


def test_a_broken_sitemap_of_unclosed_locs_does_not_stall_the_crawl(tmp_path: Path, site: HostileServer) -> None:
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>' + b"<loc>http://x.example/a" * 8_000
    site.routes["/broken.xml"] = Reply(body, headers={"Content-Type": "application/xml"})
    started = time.monotonic()
    result = run([site.url + "/broken.xml"], tmp_path / "c.sqlite")
    assert time.monotonic() - started < 10  # minutes with the quadratic fallback
    assert result.report.hosts[site.netloc].problems["malformed-xml"] == 1


def test_sitemap_fan_out_is_bounded_by_the_page_budget(tmp_path: Path, site: HostileServer) -> None:
    index = fan_out(site, sitemaps=40, urls=2_000, pages=True)
    result = run([index], tmp_path / "c.sqlite", max_pages=5)
    sitemaps_read = [p for p in site.paths() if p.startswith("/fan/") and p.endswith(".xml")]
    assert sitemaps_read == ["/fan/index.xml", "/fan/s0.xml"]  # 40 x 2,000 URLs named, 150 queued
    assert result.report.pages == 5 and result.report.stopped_by_budget
    with Corpus(tmp_path / "c.sqlite") as store:
        state = CrawlState(store.db)
        counts = state.status_counts()
    assert sum(counts.values()) < 250 and counts["deferred"] == 39
    assert result.report.hosts[site.netloc].ignored["queue-full"] == 2_000 - 150


def test_without_a_budget_sitemaps_and_queue_have_caps(tmp_path: Path, site: HostileServer) -> None:
    index = fan_out(site, sitemaps=10, urls=3)
    site.routes["/robots.txt"] = text(f"Sitemap: {index}\n".encode())  # no guessed /sitemap.xml
    run([index], tmp_path / "a.sqlite", max_sitemaps=3)
    assert [p for p in site.paths() if p.startswith("/fan/") and p.endswith(".xml")] == [
        "/fan/index.xml", "/fan/s0.xml", "/fan/s1.xml"]
    assert len([p for p in site.paths() if "/p/" in p]) == 6
    site.hits.clear()
    big = fan_out(site, sitemaps=3, urls=500, prefix="/big")
    result = run([big], tmp_path / "b.sqlite", max_queue=20)
    assert [p for p in site.paths() if p.startswith("/big/") and p.endswith(".xml")] == [
        "/big/index.xml", "/big/s0.xml"]
    assert len([p for p in site.paths() if "/p/" in p]) == 20
    assert result.report.hosts[site.netloc].ignored["queue-full"] == 480


@pytest.mark.parametrize("setting", [{"delay": float("inf")}, {"delay": float("nan")}, {"timeout": -1.0},
                                     {"deadline": 0.0}, {"max_pages": -5}])
def test_settings_that_would_hang_or_mean_nothing_are_refused(setting: dict) -> None:
    with pytest.raises(InputError):
        CrawlConfig(**setting)
