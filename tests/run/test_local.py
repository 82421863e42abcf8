"""The local runners: a dead worker costs nothing but its batch's round trip; the bar shows counts."""
from __future__ import annotations

import io
import os

from broadsheet import Page
from broadsheet.run.keep import KeepRules
from broadsheet.run.local import _Pool
from broadsheet.run.stats import Progress, Stats
from tests.sources.warcs import article_html


def pages(n: int) -> list[Page]:
    return [Page(url=f"https://news.example/2024/03/story-{i}", content=article_html(i), origin=f"t#{i}") for i in range(n)]


def test_a_dead_worker_is_replaced_and_its_pages_analysed_again() -> None:
    pool = _Pool(2, KeepRules())
    try:
        assert pool.results(pages(1), pool.submit(pages(1)))[0].status == "article"
        dead = pool.pool.submit(os._exit, 3)  # a worker killed mid-batch (segfault, OOM killer)
        analyses = pool.results(pages(3), dead)
        assert [a.status for a in analyses] == ["article"] * 3
        assert [a.origin for a in analyses] == ["t#0", "t#1", "t#2"]
        assert not pool.degraded
        assert pool.results(pages(1), pool.submit(pages(1)))[0].status == "article"  # the new pool works
    finally:
        pool.close()


def test_a_pool_that_never_works_degrades_to_this_process() -> None:
    pool = _Pool(2, KeepRules())
    try:
        analyses = pool.results(pages(2), pool.pool.submit(os._exit, 3))
        assert pool.degraded and [a.status for a in analyses] == ["article", "article"]
        assert pool.submit(pages(1)).done()  # analysed here from now on
    finally:
        pool.close()


def test_progress_bar_shows_the_counts() -> None:
    stats = Stats()
    out = io.StringIO()
    bar = Progress(stats, enabled=True, stream=out)
    stats.pages, stats.stored = 7, 5
    stats.skipped["no body"] = 2
    bar.close()
    text = out.getvalue()
    assert "7 pages" in text and "articles=5" in text and "skipped=2" in text and "errors=0" in text
    assert Progress(Stats(), stream=io.StringIO()).bar is None  # not a terminal: no bar
