"""A host's feed budget is counted in memory, not by a COUNT over its history on every
feed visit, and once spent no more of its feeds are queued (review R7 finding 4), against
a loopback server."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


from broadsheet.corpus import Corpus
from broadsheet.crawl import state as crawl_state
from broadsheet.crawl.state import CrawlState
from broadsheet.crawl.urls import host_key
from tests.crawl.test_feeds_bounded import ROBOTS, TEXT, page, rss, run
from tests.hostile.server import HostileServer

STORIES = [f"/2024/05/01/story-number-{i}-of-the-day/" for i in range(20)]


def _feed_rows(corpus: Path) -> set[str]:
    with closing(sqlite3.connect(corpus)) as db:
        return {url.rsplit("/", 1)[1] for (url,) in db.execute("SELECT url FROM crawl_url WHERE kind = 'feed'")}


def test_feeds_past_the_budget_are_not_queued_and_not_counted_in_sqlite(tmp_path: Path, site: HostileServer,
                                                                       monkeypatch) -> None:
    calls: list[tuple[str, int, str]] = []
    real = CrawlState.sitemaps_read

    def counted(self: CrawlState, host: str, run_id: int, kind: str = "sitemap") -> int:
        calls.append((host, run_id, kind))
        return real(self, host, run_id, kind)

    monkeypatch.setattr(crawl_state.CrawlState, "sitemaps_read", counted)
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed.xml"]), "/feed.xml": rss(STORIES)})
    for i, story in enumerate(STORIES):  # each story declares a feed of its own, not a comments feed
        site.routes[story] = page([f"/feeds/s{i}.xml"], body=TEXT)
        site.routes[f"/feeds/s{i}.xml"] = rss([])
    result = run(site, tmp_path / "c.sqlite", max_feeds=1)  # spent on /feed.xml, read before the stories
    assert all(story in site.paths() for story in STORIES)
    assert not [p for p in site.paths() if p.startswith("/feeds/")]
    assert _feed_rows(tmp_path / "c.sqlite") == {"feed.xml"}
    assert result.report.hosts[site.netloc].ignored["feed deferred (max-feeds)"] == 20
    assert sorted(kind for _, _, kind in calls) == ["feed", "sitemap"]  # once each for the run, not per visit


def test_a_resumed_run_keeps_the_feeds_it_has_read(tmp_path: Path, site: HostileServer) -> None:
    corpus = tmp_path / "c.sqlite"
    host = host_key(site.url + "/")
    with Corpus(corpus) as store:
        st = CrawlState(store.db)
        run_id, _ = st.begin_run()  # left unfinished: the crawl below resumes it
        st.add([(f"{site.url}/old{i}.xml", host, "feed", 1, 0, False) for i in range(3)])
        for i in range(3):
            st.settle(f"{site.url}/old{i}.xml", "done", run=run_id, kind="feed")
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed.xml"], links=STORIES[:1]), "/feed.xml": rss([]),
                        STORIES[0]: page([], body=TEXT)})
    result = run(site, corpus, max_feeds=3)
    assert result.report.resumed and "/feed.xml" not in site.paths() and STORIES[0] in site.paths()
    assert result.report.hosts[site.netloc].ignored["feed deferred (max-feeds)"] == 1
