"""Hostile pages through every runner: ingest (local workers), crawl and Dask each lose the
page that hangs in C code, bloats past the memory cap or kills its worker, with the reason
in the counts and the summary line, and go on with everything else."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.crawl import crawl
from broadsheet.demo.server import RequestLog
from broadsheet.run.guard import Guard
from broadsheet.run.ingest import ingest
from tests.crawl.conftest import fast_config
from tests.crawl.sitegen import serve
from tests.run.conftest import dask_address, snapshot  # noqa: F401  (a fixture)
from tests.run.hostile import marked
from tests.sources.warcs import article_html

#: 4 s a page: the regex page hangs for good, and on a loaded 2-core machine the alloc page
#: must reach the memory cap well within its time (2 s was named "timeout" once in CI).
GUARD = Guard(page_seconds=4.0, max_rss=400 << 20, target="tests.run.hostile:misbehave")
GIVEN_UP = {"timeout": 1, "too large": 1, "crashed": 2}


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """Four stories, and between them a page of each kind of trouble."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, content in enumerate([article_html(0), marked(1, "regex"), article_html(2), marked(3, "alloc"),
                                 marked(4, "abort"), article_html(5), marked(6, "segv"), article_html(7)]):
        (folder / f"{n}.html").write_bytes(content)
    return folder


def test_ingest_gives_up_hostile_pages_and_goes_on(hostile_folder: Path, tmp_path: Path) -> None:
    stats = ingest([hostile_folder], tmp_path / "c.sqlite", workers=2, guard=GUARD, progress=False)
    assert (stats.pages, stats.stored, dict(stats.skipped)) == (8, 4, GIVEN_UP)
    assert not stats.failed and stats.given_up == 4
    assert "4 skipped (crashed 2, timeout 1, too large 1)" in stats.summary()
    again = ingest([hostile_folder], tmp_path / "c.sqlite", workers=2, guard=GUARD, progress=False)
    assert again.pages == 0  # given up is settled: a rerun does not hang on the same pages again


def test_dask_gives_up_the_same_pages(hostile_folder: Path, tmp_path: Path, dask_address: str) -> None:  # noqa: F811
    stats = ingest([hostile_folder], tmp_path / "d.sqlite", dask=dask_address, out=str(tmp_path / "shards"),
                   guard=GUARD, progress=False)
    assert (stats.pages, stats.stored, dict(stats.skipped)) == (8, 4, GIVEN_UP)
    assert len(snapshot(tmp_path / "d.sqlite")) == 4


def test_a_worker_crash_in_a_crawl_costs_one_page(tmp_path: Path, monkeypatch) -> None:
    host = serve("127.0.0.1", RequestLog(), name="Hostile Herald", n=4, seed=31)
    try:
        monkeypatch.setenv("BROADSHEET_TEST_CRASH_URL", host.story_paths()[1])
        result = crawl([host.url + "/"], corpus=tmp_path / "c.sqlite", config=fast_config(), progress=False,
                       guard=Guard(page_seconds=20, target=GUARD.target))
    finally:
        host.server.stop()
    assert result.report.totals()["articles"] == 3
    assert result.stats.skipped["crashed"] == 1 and "crashed 1" in result.stats.summary()
