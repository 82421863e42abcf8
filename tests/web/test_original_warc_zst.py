"""The original view of pages read from a .warc.zst (review R13 finding 8)."""
from __future__ import annotations

from pathlib import Path

from broadsheet.run.stats import Stats
from broadsheet.sources.warc import iter_warc_records
from broadsheet.web.original import load, locate, missing
from tests.sources.test_warc_zstd_streams import news, zstd_all


def test_a_page_of_a_frame_per_record_warc_zst_is_found_again(tmp_path: Path) -> None:
    """Before: `.warc.zst#offset` was no WARC origin, and every such page came back None."""
    path = tmp_path / "frames.warc.zst"
    path.write_bytes(b"".join(zstd_all(news(n), 1 << 20) for n in range(1, 4)))
    offsets = [offset for offset, _ in iter_warc_records(path, Stats())]
    assert locate(f"{path}#{offsets[1]}") == (path, offsets[1])
    page = load(f"{path}#{offsets[1]}")
    assert page is not None and page.url == "http://paper.example/2"


def test_a_page_inside_one_zstd_stream_is_said_to_be_unreadable(tmp_path: Path) -> None:
    """No record inside one stream can be seeked to: nothing is shown, and the reason is not
    that the origin is no WARC record."""
    path = tmp_path / "one.warc.zst"
    path.write_bytes(zstd_all(b"".join(news(n) for n in range(1, 4)), 1 << 20))
    at = [offset for offset, _ in iter_warc_records(path, Stats())][2]
    assert load(f"{path}#{at}") is None
    assert "cannot be read" in missing(f"{path}#{at}")
