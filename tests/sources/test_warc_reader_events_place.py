"""The place the reader reports a response's events at (`file#offset URL`: `_said`) is built
only where an event is reported: built for every response, it cost 15-30% of the reader
on small records (review RV-W2 finding C)."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from tests.sources.warcs import Rec, article_html, news_records, write_warc


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_a_good_page_builds_no_event_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool) -> None:
    path = tmp_path / ("in.warc.gz" if gz else "in.warc")
    write_warc(path, news_records(5), gz=gz)
    calls: list[str] = []
    real = warc._said

    def counted(where: str, record: object) -> str:
        calls.append(where)
        return real(where, record)  # type: ignore[arg-type]
    monkeypatch.setattr(warc, "_said", counted)
    stats = Stats()
    assert len(list(warc.iter_warc_records(path, stats))) == 5
    assert calls == [] and not stats.errors


def test_an_event_still_names_the_record_url(tmp_path: Path) -> None:
    """A broken status line is reported at the record's position and URL."""
    path = tmp_path / "in.warc"
    records = news_records(2) + [Rec("https://x.example/bad", article_html(3), status="xyz")]
    offsets = write_warc(path, records, gz=False)
    stats = Stats()
    pages = list(warc.iter_warc_records(path, stats))
    assert len(pages) == 2
    assert [(r.origin, r.url, r.reason) for r in stats.rejects] == [
        (f"{path}#{offsets[-1]}", "https://x.example/bad", "invalid HTTP status line")]
