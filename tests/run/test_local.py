"""The local runner: analysis leaves the main process even with one worker; the bar shows counts."""
from __future__ import annotations

import io
from pathlib import Path

from broadsheet.run.ingest import ingest
from broadsheet.run.stats import Progress, Stats
from tests.run.conftest import EXPECTED, counts


def test_one_worker_is_a_process_of_its_own(mixed_warc: Path, tmp_path: Path, monkeypatch) -> None:
    def broken(page):
        raise AssertionError("analysed in the main process")

    monkeypatch.setattr("broadsheet.run.analyse.extract_page", broken)  # this process only
    stats = ingest([mixed_warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert counts(stats) == EXPECTED


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
