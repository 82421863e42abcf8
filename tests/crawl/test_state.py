"""Crawl state and frontier rules, without the network."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.crawl.frontier import Frontier, url_date
from broadsheet.crawl.state import CrawlState
from broadsheet.crawl.stats import CrawlReport


def _frontier(tmp_path: Path, **kw) -> tuple[CrawlState, Frontier, CrawlReport]:
    state = CrawlState(tmp_path / "c.sqlite")
    report = CrawlReport()
    frontier = Frontier(state, report, **kw)
    frontier.add_start(["https://news.example/"])
    return state, frontier, report


def test_offer_canonicalises_and_keeps_each_url_once(tmp_path: Path) -> None:
    state, frontier, report = _frontier(tmp_path)
    home = "https://news.example/"
    new = frontier.offer(["/world/2024/05/01/storm-hits", "/world/2024/05/01/storm-hits?utm_source=x#top",
                          "HTTPS://NEWS.EXAMPLE:443/world/2024/05/01/storm-hits"], found_on=home)
    assert new == 1
    assert frontier.offer(["/world/2024/05/01/storm-hits"], found_on=home) == 0
    assert state.urls() == [home, "https://news.example/world/2024/05/01/storm-hits"]


def test_scope_rules_count_what_they_refuse(tmp_path: Path) -> None:
    state, frontier, report = _frontier(tmp_path, max_depth=1)
    home = "https://news.example/"
    frontier.offer(["https://elsewhere.example/a-b-c", "javascript:void(0)", "/files/x.pdf",
                    "/events/calendar?month=2024-01", "/tag/storms", "https://www.news.example/politics/"],
                   found_on=home, depth=2)
    stats = report.hosts["news.example"]
    assert stats.ignored == {"offsite": 1, "scheme:javascript": 1, "too-deep": 2}
    assert stats.reasons == {"file-link": 1, "calendar": 1} and stats.skipped == 2
    assert state.urls("pending") == [home]  # nothing else will be fetched


def test_listed_urls_have_no_depth_limit_but_since_applies_to_dated_urls(tmp_path: Path) -> None:
    since = datetime(2024, 5, 1, tzinfo=timezone.utc)
    state, frontier, report = _frontier(tmp_path, max_depth=0, since=since)
    n = frontier.offer(["/p?id=1", "/news/2024/04/30/old-story-here", "/news/2024/05/02/new-story-here"],
                       found_on="https://news.example/feed", depth=9, listed=True)
    assert n == 2 and report.hosts["news.example"].ignored == {"older-than-since": 1}
    assert url_date("https://x.example/a/2024/5/2/b") == datetime(2024, 5, 2, 23, 59, 59, tzinfo=timezone.utc)


def test_runs_resume_or_start_anew(tmp_path: Path) -> None:
    state, frontier, _ = _frontier(tmp_path)
    frontier.offer(["/a-b-c-d", "/e-f-g-h", "/x.pdf"], found_on="https://news.example/")
    run, resumed = state.begin_run()
    assert not resumed
    state.settle("https://news.example/a-b-c-d", "stored", run=run, article=True, etag='"1"')
    state.settle("https://news.example/e-f-g-h", "error", run=run, reason="timeout")
    # Killed here: the next start resumes the same run and keeps what was settled.
    assert state.begin_run() == (run, True)
    assert state.visited("https://news.example/a-b-c-d", run)
    assert set(state.urls("pending")) == {"https://news.example/"}
    state.finish_run(run)
    # A new run: everything not final is due again; stored articles last, with their ETag.
    run2, resumed2 = state.begin_run()
    assert run2 == run + 1 and not resumed2
    due = state.due("news.example", 10)
    assert [r.url for r in due][-1] == "https://news.example/a-b-c-d" and due[-1].etag == '"1"'
    assert "https://news.example/x.pdf" not in {r.url for r in due}  # final: never fetched
    assert not state.visited("https://news.example/a-b-c-d", run2)


def test_state_shares_the_corpus_transaction(tmp_path: Path) -> None:
    corpus_path = tmp_path / "corpus.sqlite"
    with Corpus(corpus_path) as corpus:
        state = CrawlState(corpus.db)
        state.add([("https://news.example/a", "news.example", "page", 1, 1, False)])
        corpus.add({"url": "https://news.example/a", "title": "A", "text": "Some text " * 50})  # opens the tx
        state.settle("https://news.example/a", "stored", run=1, article=True)
        corpus.rollback()  # a crash before the commit: article and status go together
        assert state.get("https://news.example/a")["status"] == "pending"
    plain = sqlite3.connect(corpus_path)
    assert plain.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    plain.close()
