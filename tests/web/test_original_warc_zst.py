"""The original view of pages read from a .warc.zst (review R13 finding 8)."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources.warc import iter_warc_records
from broadsheet.web.original import load, locate, missing, side_by_side
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


def shared_offsets_file(tmp_path: Path, suffix: str) -> Path:
    """Ten pages, five records to a gzip member or zstd frame: five pages share each offset."""
    groups = [b"".join(news(n) for n in range(first, first + 5)) for first in (1, 6)]
    path = tmp_path / f"shared.warc{suffix}"
    if suffix == ".gz":
        path.write_bytes(b"".join(gzip.compress(g) for g in groups))
    else:
        path.write_bytes(b"".join(zstd_all(g, 1 << 20) for g in groups))
    return path


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_pages_sharing_an_offset_each_show_their_own_original(tmp_path: Path, suffix: str) -> None:
    """Before: 74 of 245 sampled pages of a 5-records-a-member file showed another page's
    original (the first page reported at their offset), in .warc.gz and .warc.zst alike."""
    path = shared_offsets_file(tmp_path, suffix)
    read = list(iter_warc_records(path, Stats()))
    assert len({offset for offset, _ in read}) < len(read)  # the shape this is about
    shown: dict[str, bool] = {}
    for offset, page in read:
        found = load(f"{path}#{offset}", page.url)
        assert found is None or found.url == page.url and found.content == page.content
        shown[(page.url or "").rsplit("/", 1)[-1]] = found is not None
    # Pages 2-5 are reported at the second member's start, which they lie before: not
    # found there, so not shown (before: page 6 in their place).
    assert [n for n, ok in shown.items() if ok] == ["1", "6", "7", "8", "9", "10"]


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_shared_offset_without_a_matching_url_shows_nothing(tmp_path: Path, suffix: str) -> None:
    """No URL to choose by, or one no page there has: nothing rather than a wrong page."""
    path = shared_offsets_file(tmp_path, suffix)
    offset = [at for at, _ in iter_warc_records(path, Stats())][-1]
    assert load(f"{path}#{offset}") is None
    assert load(f"{path}#0") is not None  # alone at its offset
    assert load(f"{path}#{offset}", "http://paper.example/99") is None


def test_the_view_passes_the_archived_url_not_a_canonical_one(tmp_path: Path) -> None:
    """side_by_side finds the page by the record's URL; a URL the page stated itself is no
    WARC-Target-URI, so a page alone at its offset is still found without it."""
    path = shared_offsets_file(tmp_path, ".gz")
    read = list(iter_warc_records(path, Stats()))
    offset, page = read[7]
    record = {"origin": f"{path}#{offset}", "url": page.url, "text": "story 8", "sources": {"url": "input"}}
    assert side_by_side(record)["available"] is True
    wrong = dict(record, url="http://paper.example/1")
    assert side_by_side(wrong)["available"] is False
    single = tmp_path / "single.warc.gz"
    single.write_bytes(b"".join(gzip.compress(news(n)) for n in (1, 2)))
    at = [o for o, _ in iter_warc_records(single, Stats())][1]
    canonical = {"origin": f"{single}#{at}", "url": "https://elsewhere.example/x", "text": "story 2",
                 "sources": {"url": "canonical"}}
    assert side_by_side(canonical)["available"] is True
