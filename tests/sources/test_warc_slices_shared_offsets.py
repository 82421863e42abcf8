"""Dask slices of files whose gzip members or zstd frames hold several records (review R17
finding 4): FastWARC gives a member's later records the next member's start, so a slice
cut there stopped at the first of them and the slice after never saw them (they lie in
the member before): pages lost without a word. A cut is now made only where the first
record reported at a member's start is that member's own first record."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.run.units import WarcSource
from broadsheet.sources.warc import iter_warc_records, record_offsets

from .test_warc_zstd import MB
from .test_warc_zstd_streams import news, zstd_all


def other(kind: bytes, n: int) -> bytes:
    """A request or metadata record sharing page `n`'s WARC-Record-ID (as some writers do)."""
    body = b"GET /%d HTTP/1.1\r\nHost: paper.example\r\n\r\n" % n if kind == b"request" else b"via: test\r\n"
    return (b"WARC/1.1\r\nWARC-Type: " + kind + b"\r\nWARC-Record-ID: <urn:uuid:%d>\r\n" % n
            + b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://paper.example/%d\r\n" % n
            + b"Content-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % len(body)
            + body + b"\r\n\r\n")


def grouped(path: Path, records: list[bytes], per: int) -> Path:
    """`records`, `per` to a gzip member or zstd frame (by the suffix)."""
    groups = [b"".join(records[i:i + per]) for i in range(0, len(records), per)]
    pack = gzip.compress if path.name.endswith(".gz") else (lambda data: zstd_all(data, MB))
    path.write_bytes(b"".join(pack(g) for g in groups))
    return path


def sliced(path: Path, every: int) -> list[str]:
    """The pages read through WarcSource's slices, as the pipeline reads them."""
    stats = Stats()
    got: list[str] = []
    for task in WarcSource(str(path)).tasks(lambda key: None, stats, slice_bytes=every):
        got += [(item.page.url or "").rsplit("/", 1)[-1] for item in task.items(stats)
                if item.page is not None]
    assert not stats.errors
    return got


@pytest.mark.parametrize("name", ["five.warc.gz", "five.warc.zst"])
def test_slices_of_members_of_five_records_lose_no_page(tmp_path: Path, name: str) -> None:
    """Before: pages lost at 100-byte slices (R17: 16 of 20 of such a file, 2-5 lost)."""
    path = grouped(tmp_path / name, [news(n) for n in range(1, 21)], 5)
    assert sliced(path, 100) == [str(n) for n in range(1, 21)]


def test_a_record_sharing_the_id_of_the_one_reported_is_not_taken_for_it(tmp_path: Path) -> None:
    """Request, response and metadata under one record ID, two records a member: the member
    at M starts with page 1's metadata, and the first record reported at M is page 1's
    response (the member before's second). Same ID: the record type tells them apart.
    Before (and comparing IDs alone): page 1 lost."""
    records: list[bytes] = []
    for n in range(1, 11):
        records += [other(b"request", n), news(n), other(b"metadata", n)]
    path = grouped(tmp_path / "triples.warc.gz", records, 2)
    full = [(p.url or "").rsplit("/", 1)[-1] for _, p in iter_warc_records(path, Stats())]
    assert full == [str(n) for n in range(1, 11)]
    assert sliced(path, 100) == full


def test_members_of_one_record_are_still_cut(tmp_path: Path) -> None:
    """The common layout keeps its slices: every member a cut at 100-byte slices."""
    path = grouped(tmp_path / "one.warc.gz", [news(n) for n in range(1, 6)], 1)
    assert len(record_offsets(path, 100)) == 5
    assert sliced(path, 100) == ["1", "2", "3", "4", "5"]
