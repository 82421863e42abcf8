"""The links a page offers are its best `max_page_links`, article-shaped first, not its
first ones in page order (review R7 finding 3), against a real loopback server."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


from broadsheet.crawl import CrawlConfig, RetryPolicy, crawl
from broadsheet.crawl.frontier import rank_links
from broadsheet.crawl.urls import canonicalize
from tests.hostile.server import HostileServer, Reply

FAST = RetryPolicy(max_attempts=1, backoff=0.05, max_backoff=0.1, max_retry_after=1)
ROBOTS = Reply(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"})


def _queued(corpus: Path) -> set[str]:
    with closing(sqlite3.connect(corpus)) as db:
        return {url for (url,) in db.execute("SELECT url FROM crawl_url WHERE kind = 'page'")}


def test_stories_after_a_big_menu_are_queued(tmp_path: Path, site: HostileServer) -> None:
    # R7's home page: a 5,200-item topic menu, then 100 stories (none was queued before).
    nav = "".join(f'<li><a href="/topics/t{i}/">Topic {i}</a></li>' for i in range(5200))
    stories = [f"/2024/05/01/story-number-{i}/" for i in range(100)]
    arts = "".join(f'<a href="{s}">Story</a>' for s in stories)
    site.routes.update({"/robots.txt": ROBOTS, "/": Reply(
        f"<html><body><nav><ul>{nav}</ul></nav><main>{arts}</main></body></html>".encode())})
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False, max_pages=1)
    result = crawl([site.url + "/"], corpus=tmp_path / "c.sqlite", config=config, progress=False)
    queued = _queued(tmp_path / "c.sqlite")
    # One page to fetch leaves room for 100 in the queue: the stories take it, not the menu.
    assert queued - {canonicalize(site.url + "/")} == {canonicalize(site.url + s) for s in stories}
    assert result.report.hosts[site.netloc].ignored["too-many-links"] == 300


def test_offsite_and_broken_links_are_counted_and_take_no_place(tmp_path: Path, site: HostileServer) -> None:
    links = ([f"https://elsewhere.example/2024/05/01/far-story-{i}/" for i in range(50)]
             + ["javascript:void(0)"] * 3 + [f"/n/{i}" for i in range(30)])
    anchors = "".join(f'<a href="{link}">x</a>' for link in links)
    site.routes.update({"/robots.txt": ROBOTS, "/": Reply(f"<html><body>{anchors}</body></html>".encode())})
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False, max_pages=1,
                         max_page_links=30)
    result = crawl([site.url + "/"], corpus=tmp_path / "c.sqlite", config=config, progress=False)
    ignored = result.report.hosts[site.netloc].ignored
    assert ignored["offsite"] == 50 and ignored["scheme:javascript"] == 3 and "too-many-links" not in ignored
    assert {canonicalize(site.url + f"/n/{i}") for i in range(30)} <= _queued(tmp_path / "c.sqlite")


def test_rank_links_puts_stories_first_then_pages_then_skipped_each_once_in_page_order() -> None:
    links = ["/a", "/calendar/2024/05/", "/2024/05/02/second-story-here/", "/a#top", "/b", "mailto:x@paper.example",
             "https://other.example/2024/05/01/x-y-z/", "/2024/05/01/first-story-here/", "/file.pdf",
             "/2024/05/02/second-story-here/"]
    ranked = rank_links(links, found_on="https://paper.example/", sites={"paper.example"}, current_year=2024)
    assert ranked.urls == ["https://paper.example" + path for path in (
        "/2024/05/02/second-story-here/", "/2024/05/01/first-story-here/", "/a", "/b", "/calendar/2024/05/",
        "/file.pdf")]
    assert ranked.refused == {"offsite": 1, "scheme:mailto": 1}
