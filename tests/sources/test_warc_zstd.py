"""Zstandard WARCs (.warc.zst, one zstd frame per record): the record cap holds there too.

Before the fix a record over the cap was read whole (no seeking in zstd, and the read had
no limit): 13 KB of file became a 400 MB page in the archive's single reader.
"""
from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from fastwarc.stream_io import ZstdWriter

from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from broadsheet.sources.warc import iter_warc_records

MB = 1024 * 1024


class _Kept(io.BytesIO):
    """A BytesIO that outlives the writer's close (which closes its stream)."""

    def close(self) -> None:
        """Keep the buffer readable after ZstdWriter closes it."""


def record(n: int, body: bytes, *, status: bytes = b"200 OK", content_type: bytes = b"text/html") -> bytes:
    """One WARC response record, uncompressed."""
    http = b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type + b"\r\n\r\n" + body
    return (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n" % n
            + b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://paper.example/%d\r\n" % n
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
            + http + b"\r\n\r\n")


def zstd_frame(data: bytes) -> bytes:
    """`data` as one zstd frame, written by FastWARC's own writer."""
    buf = _Kept()
    writer = ZstdWriter(buf, fsspec_args=False)
    for i in range(0, len(data), MB):
        writer.write(data[i:i + MB])
    writer.close()
    return buf.getvalue()


def write_zst(path: Path, records: list[bytes]) -> Path:
    """A .warc.zst with one frame per record, as the WARC-zstd convention has it."""
    path.write_bytes(b"".join(zstd_frame(r) for r in records))
    return path


def read(path: Path) -> tuple[list[str], Stats]:
    stats = Stats()
    return [page.url.rsplit("/", 1)[-1] for _, page in iter_warc_records(path, stats)], stats


def test_small_records_come_through(tmp_path: Path) -> None:
    path = write_zst(tmp_path / "a.warc.zst", [record(n, b"<html><p>story %d</p></html>" % n) for n in range(3)])
    assert read(path)[0] == ["0", "1", "2"]


def test_a_record_over_the_cap_is_skipped_without_reading_it_whole(tmp_path: Path, monkeypatch) -> None:
    """64 MiB of spaces in a few KB of zstd: one "too large" skip, the pages around it kept,
    and never more than the cap held in memory (tracemalloc sees the bytes FastWARC returns)."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 64 * 1024)
    path = write_zst(tmp_path / "bomb.warc.zst", [record(1, b"<html>first</html>"),
                                                  record(2, b"<html>" + b" " * (64 * MB)),
                                                  record(3, b"<html>last</html>")])
    assert path.stat().st_size < 20_000
    tracemalloc.start()
    try:
        pages, stats = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pages == ["1", "3"]
    assert stats.skipped == {"too large": 1} and not stats.errors and not stats.ignored
    assert [r.reason for r in stats.rejects] == ["too large"]
    assert peak < 8 * MB, peak


def test_the_default_cap_holds_for_zstd(tmp_path: Path) -> None:
    """The real cap (16 MiB): a 40 MiB page is skipped, not returned."""
    path = write_zst(tmp_path / "big.warc.zst", [record(1, b"<html>first</html>"),
                                                 record(2, b"<html>" + b" " * (40 * MB)),
                                                 record(3, b"<html>last</html>")])
    pages, stats = read(path)
    assert pages == ["1", "3"] and stats.skipped == {"too large": 1}


@pytest.mark.parametrize("kind, status, content_type", [("HTTP 4xx", b"404 Not Found", b"text/html"),
                                                         ("non-HTML response", b"200 OK", b"video/mp4")])
def test_an_oversize_record_that_is_no_page_is_ignored_as_a_small_one_is(tmp_path: Path, monkeypatch, kind: str,
                                                                         status: bytes, content_type: bytes) -> None:
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    path = write_zst(tmp_path / "v.warc.zst", [record(1, b"<html>first</html>"),
                                               record(2, b"\0" * 50_000, status=status, content_type=content_type),
                                               record(3, b"<html>last</html>")])
    pages, stats = read(path)
    assert pages == ["1", "3"] and stats.ignored == {kind: 1} and not stats.skipped and not stats.errors


def test_a_record_at_the_cap_is_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    body = b"<html>" + b"x" * (4096 - 6)
    path = write_zst(tmp_path / "edge.warc.zst", [record(1, body), record(2, body + b"y")])
    pages, stats = read(path)
    assert pages == ["1"] and stats.skipped == {"too large": 1}
