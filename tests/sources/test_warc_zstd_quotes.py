"""Pages whose bodies hold whole WARC records (review R17 finding 1).

A page's body ending in complete records is what an archived .warc (or a page quoting a
record to its end) looks like, never what a writer's cut leaves (a cut falls wherever the
dropped length runs out). Taking it as a cut let a hostile page plant records under other
sites' URLs and lost the page after it: a 1 MB page gave 3,497 fake pages. Every layout
must read these files as the plain .warc reads them: page for page."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from .test_warc_zstd import MB, record
from .test_warc_zstd_streams import news, pages, zstd_all


def archived_warc(size: int) -> bytes:
    """A small WARC of `size` bytes or so, records back to back to its very end."""
    count = max(2, size // 250)
    return b"".join(record(10_000 + i, b"<html><p>injected %d</p></html>" % i) for i in range(count))


def quoting_page() -> bytes:
    """A page documenting the format, whose quoted record's payload closes the page."""
    quote = record(903, b"<p>example</p></pre></body></html>")[:-4]
    return record(2, b"<html><body><h1>WARC format</h1><pre>\r\n" + quote)


LAYOUTS = ["plain.warc", "members.warc.gz", "one.warc.gz", "frames.warc.zst", "one.warc.zst"]


def write(path: Path, records: list[bytes]) -> Path:
    """`records` in the layout the file name says."""
    raw = b"".join(records)
    name = path.name
    if name == "plain.warc":
        path.write_bytes(raw)
    elif name == "members.warc.gz":
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    elif name == "one.warc.gz":
        path.write_bytes(gzip.compress(raw))
    elif name == "frames.warc.zst":
        path.write_bytes(b"".join(zstd_all(r, MB) for r in records))
    else:
        path.write_bytes(zstd_all(raw, MB))
    return path


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_page_that_is_an_archived_warc_stays_one_page(tmp_path: Path, layout: str) -> None:
    """Before, in both zst layouts: 3,497 pages of the quoted archive and 1 error for 1 MB,
    page 2 lost."""
    path = write(tmp_path / layout, [news(1), record(2, archived_warc(MB)), news(3)])
    got, stats = pages(path)
    assert got == ["1", "2", "3"] and not stats.errors


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_small_archived_warc_stays_one_page(tmp_path: Path, layout: str) -> None:
    """Before, in both zst layouts: '1 a b 3 4' and a "broken record" (R17's quote.py)."""
    path = write(tmp_path / layout, [news(1), record(2, archived_warc(500)), news(3), news(4)])
    got, stats = pages(path)
    assert got == ["1", "2", "3", "4"] and not stats.errors


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_page_ending_in_a_quoted_record_stays_a_page(tmp_path: Path, layout: str) -> None:
    """Before, in both zst layouts: '1 903 3 4' (R17's quote.py)."""
    path = write(tmp_path / layout, [news(1), quoting_page(), news(3), news(4)])
    got, stats = pages(path)
    assert got == ["1", "2", "3", "4"] and not stats.errors


@pytest.mark.parametrize("layout", ["frames.warc.zst", "one.warc.zst"])
def test_an_archived_warc_as_the_last_page_stays_a_page(tmp_path: Path, layout: str) -> None:
    """At the file's end the stream after the page is empty: that proves no cut either."""
    path = write(tmp_path / layout, [news(1), record(2, archived_warc(2000))])
    got, stats = pages(path)
    assert got == ["1", "2"] and not stats.errors
