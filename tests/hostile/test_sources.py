"""Hostile files and archives: bombs, lying lengths and special files cost one counted record.

Every test here failed before the fix it names: decompression without a cap, a size check
made before decompression, a Content-Length trusted to the end of the archive, reads of
FIFOs and devices.
"""
from __future__ import annotations

import gzip
import os
import threading
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources import files, warc
from broadsheet.sources.files import iter_folder, read_page
from broadsheet.sources.warc import iter_warc_records
from tests.sources.warcs import Rec, article_html, news_records, raw_response, write_warc, zeros_br, zeros_gz

MB = 1024 * 1024


def read(path: Path) -> tuple[list[str], Stats]:
    stats = Stats()
    return [page.url.rsplit("/", 1)[-1] for _, page in iter_warc_records(path, stats)], stats


# -- gzip files in folders ----------------------------------------------------------------

def test_a_gzip_bomb_in_a_folder_is_ignored_at_the_cap(tmp_path: Path) -> None:
    """1 MB on disk, 1 GiB inflated: before, the size check passed and all of it was inflated."""
    (tmp_path / "a.html").write_bytes(article_html(1))
    (tmp_path / "b.html.gz").write_bytes(zeros_gz(64 * MB) * 16)  # 16 gzip members: one stream of 1 GiB
    (tmp_path / "c.html").write_bytes(article_html(3))
    assert (tmp_path / "b.html.gz").stat().st_size < 2 * MB
    stats = Stats()
    pages = list(iter_folder(tmp_path, stats))
    assert [Path(p.origin).name for p in pages] == ["a.html", "c.html"]
    assert stats.skipped == {"too large": 1} and not stats.ignored and [r.reason for r in stats.rejects] == ["too large"]


def test_a_gzipped_page_just_under_the_cap_is_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", len(article_html(1)))
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(article_html(1)))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(article_html(1) + b" "))
    stats = Stats()
    assert [Path(p.origin).name for p in iter_folder(tmp_path, stats)] == ["a.html.gz"]
    assert stats.skipped == {"too large": 1} and not stats.ignored and [r.reason for r in stats.rejects] == ["too large"]


# -- special files named like pages -------------------------------------------------------

def test_a_link_to_dev_zero_named_html_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html(1))
    os.symlink("/dev/zero", tmp_path / "b.html")
    stats = Stats()
    assert [Path(p.origin).name for p in iter_folder(tmp_path, stats)] == ["a.html"]
    assert stats.errors == {"not a regular file": 1}


def _with_deadline(fn, seconds: float = 10.0):
    """Run fn in a thread; fail (instead of hanging the suite) if it does not return in time."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("value", fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung reading a special file"
    return box["value"]


def test_a_fifo_named_html_does_not_hang_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html(1))
    os.mkfifo(tmp_path / "b.html")
    (tmp_path / "c.html").write_bytes(article_html(3))
    stats = Stats()
    pages = _with_deadline(lambda: list(iter_folder(tmp_path, stats)))
    assert [Path(p.origin).name for p in pages] == ["a.html", "c.html"]
    assert stats.errors == {"not a regular file": 1}
    try:  # unblock a leftover reader, if any, so the thread can end
        fd = os.open(tmp_path / "b.html", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
    except OSError:
        pass


def test_the_size_on_disk_is_not_trusted(tmp_path: Path, monkeypatch) -> None:
    """The read itself stops at the cap: a file that grows after the check is still cut off."""
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "a.html"
    path.write_bytes(b"<p>" + b"x" * 5000)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: os.stat_result((*real_stat(p, *a, **k)[:6], 10, *real_stat(p, *a, **k)[7:])))
    stats = Stats()
    assert read_page(path, stats) is None
    assert stats.skipped == {"too large": 1} and not stats.ignored and [r.reason for r in stats.rejects] == ["too large"]


# -- WARC payloads ------------------------------------------------------------------------

@pytest.mark.parametrize("coding, bomb", [("br", lambda: zeros_br(256 * MB)), ("gzip", lambda: zeros_gz(64 * MB)),
                                          ("gzip, gzip", lambda: gzip.compress(zeros_gz(256 * MB)))],
                         ids=["br", "gzip", "gzip-gzip"])
def test_a_compressed_payload_bomb_costs_only_its_record(tmp_path: Path, coding: str, bomb) -> None:
    """A few KB of WARC: before, FastWARC inflated it whole (MemoryError, then a panic)."""
    records = [*news_records(1), Rec("https://bomb.example/x", bomb(), headers=[("Content-Encoding", coding)]),
               *news_records(2, start=1)]
    write_warc(tmp_path / "bomb.warc.gz", records)
    assert (tmp_path / "bomb.warc.gz").stat().st_size < 300 * 1024
    pages, stats = read(tmp_path / "bomb.warc.gz")
    assert pages == ["story-0", "story-1", "story-2"]
    assert stats.skipped == {"too large": 1} and not stats.errors


@pytest.mark.parametrize("gz", [False, True])
def test_a_ten_gigabyte_claim_does_not_end_the_archive(tmp_path: Path, gz: bool) -> None:
    """Before: counted as "record too large", then the 100 records after it silently lost."""
    records = [raw_response("https://a.example/0", article_html(0)),
               raw_response("https://a.example/liar", article_html(1), content_length=10_000_000_000),
               *(raw_response(f"https://a.example/{n}", article_html(n)) for n in range(2, 102))]
    path = tmp_path / ("claim.warc.gz" if gz else "claim.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gz else b"".join(records))
    pages, stats = read(path)
    assert pages == [str(n) for n in (0, *range(2, 102))]
    assert stats.errors == {"broken record": 1} and not stats.ignored


@pytest.mark.parametrize("gz", [False, True])
def test_a_claim_over_the_cap_that_lies_inside_the_file(tmp_path: Path, gz: bool, monkeypatch) -> None:
    """The claim fits in the file, but no record starts where it would end: resynchronised."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    records = [raw_response("https://a.example/liar", article_html(1), content_length=20_000),
               *(raw_response(f"https://a.example/{n}", article_html(n)) for n in range(2, 30))]
    path = tmp_path / ("lie.warc.gz" if gz else "lie.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gz else b"".join(records))
    pages, stats = read(path)
    assert pages == [str(n) for n in range(2, 30)]
    assert stats.errors == {"broken record": 1}


@pytest.mark.parametrize("gz", [False, True])
def test_a_true_record_over_the_cap_is_passed_over(tmp_path: Path, gz: bool, monkeypatch) -> None:
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    big = article_html(1, paragraphs=["word " * 600_000])  # 3 MB: inflated in several steps
    write_warc(tmp_path / "big.warc", [Rec("https://a.example/0", article_html(0)), Rec("https://a.example/1", big),
                                       Rec("https://a.example/2", article_html(2))], gz=gz)
    pages, stats = read(tmp_path / "big.warc")
    assert pages == ["0", "2"]
    assert stats.skipped == {"too large": 1} and not stats.ignored and not stats.errors


@pytest.mark.parametrize("gz", [False, True])
def test_an_oversize_response_that_is_no_page_is_ignored_as_a_small_one_is(tmp_path: Path, gz: bool,
                                                                            monkeypatch, caplog) -> None:
    """A crawler's WARC holds videos and error pages over any page cap: they are no pages
    skipped (no reject row, no warning), as their small kin are not; a big page still is."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 20_000)
    big = b"\0" * 50_000
    write_warc(tmp_path / "crawl.warc", [
        Rec("https://a.example/0", article_html(0)),
        Rec("https://a.example/video", big, content_type="video/mp4"),
        Rec("https://a.example/gone", big, status="404 Not Found"),
        Rec("https://a.example/big", article_html(1, paragraphs=["word " * 10_000])),
        Rec("https://a.example/2", article_html(2)),
    ], gz=gz)
    pages, stats = read(tmp_path / "crawl.warc")
    assert pages == ["0", "2"]
    assert stats.ignored == {"non-HTML response": 1, "HTTP 4xx": 1} and stats.skipped == {"too large": 1}
    assert [r.reason for r in stats.rejects] == ["too large"] and not stats.errors
    caplog.clear()
    with caplog.at_level("WARNING"):  # resumed past them: counted and logged in the run before
        assert list(iter_warc_records(tmp_path / "crawl.warc", resume_at=10**9)) == []
    assert not caplog.records


def test_a_record_over_the_cap_in_a_warc_gzipped_whole(tmp_path: Path, monkeypatch) -> None:
    """One gzip member for the whole file: no seeking inside it, so FastWARC reads past the record."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    records = [raw_response("https://a.example/0", article_html(0)),
               raw_response("https://a.example/1", article_html(1, paragraphs=["word " * 4000])),
               *(raw_response(f"https://a.example/{n}", article_html(n)) for n in range(2, 6))]
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(b"".join(records)))
    pages, stats = read(tmp_path / "whole.warc.gz")
    assert pages == ["0", "2", "3", "4", "5"]
    assert stats.skipped == {"too large": 1} and not stats.ignored and not stats.errors


def test_a_fifo_named_as_a_source_is_refused_not_read(tmp_path: Path) -> None:
    """`ingest pipe` sniffed the first 4 KB to tell a WARC from a URL list: a FIFO without a
    writer hung the run there."""
    from broadsheet.run.ingest import ingest

    os.mkfifo(tmp_path / "stream")
    (tmp_path / "a.html").write_bytes(article_html(1))
    stats = _with_deadline(lambda: ingest([tmp_path / "stream", tmp_path / "a.html"], tmp_path / "c.sqlite",
                                          workers=1, progress=False))
    assert stats.errors["unusable source"] == 1 and stats.stored == 1
