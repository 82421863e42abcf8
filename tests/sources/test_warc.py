"""WARC reading: which records become pages, and surviving broken archives."""
from __future__ import annotations

import gzip
import tarfile
from pathlib import Path

import pytest

from broadsheet.errors import InputError
from broadsheet.extract import extract_page
from broadsheet.run.stats import Stats
from broadsheet.sources.warc import iter_warc, iter_warc_records, record_offsets
from tests.sources.warcs import Rec, article_html, chunked, gzip_members, news_records, raw_response, write_warc


def read(path: Path, **kw) -> tuple[list[tuple[int, str]], Stats]:
    stats = Stats()
    pages = [(offset, page.url) for offset, page in iter_warc_records(path, stats, **kw)]
    return pages, stats


def urls(pages: list[tuple[int, str]]) -> list[str]:
    return [url.rsplit("/", 1)[-1] for _, url in pages]


def test_only_html_responses_become_pages_and_the_rest_is_counted(tmp_path: Path) -> None:
    records = [
        Rec("urn:info", type="warcinfo"),
        *news_records(2),
        Rec("https://a.example/r", type="revisit"),
        Rec("https://a.example/m", type="metadata"),
        Rec("https://a.example/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        Rec("https://a.example/gone", b"<html>gone</html>", status="404 Not Found"),
        Rec("https://a.example/moved", b"", status="301 Moved Permanently"),
    ]
    offsets = write_warc(tmp_path / "a.warc.gz", records)
    pages, stats = read(tmp_path / "a.warc.gz")
    assert urls(pages) == ["story-0", "story-1"]
    assert [o for o, _ in pages] == [offsets[2], offsets[4]]
    assert stats.ignored == {
        "warcinfo record": 1, "request record": 2, "revisit record": 1, "metadata record": 1,
        "non-HTML response": 1, "HTTP 4xx": 1, "HTTP 3xx": 1,
    }
    assert not stats.errors


def test_page_carries_url_headers_date_and_origin(tmp_path: Path) -> None:
    html = "<html><head><title>Café</title></head><body><p>Crème brûlée à la carte.</p></body></html>"
    write_warc(tmp_path / "a.warc", [Rec("https://a.example/x", html.encode("latin-1"), content_type="text/html; charset=iso-8859-1")], gz=False)
    (page,) = list(iter_warc(tmp_path / "a.warc"))
    assert page.url == "https://a.example/x"
    assert page.origin == f"{tmp_path / 'a.warc'}#0"
    assert page.fetched_at is not None and page.fetched_at.tzinfo is not None
    assert "iso-8859-1" in page.content_type
    assert extract_page(page).title == "Café"  # the HTTP charset was used to decode


def test_gzip_content_encoding_is_decoded(tmp_path: Path) -> None:
    body = gzip.compress(article_html(1))
    write_warc(tmp_path / "a.warc.gz", [Rec("https://a.example/z", body, headers=[("Content-Encoding", "gzip")])])
    (page,) = list(iter_warc(tmp_path / "a.warc.gz"))
    assert page.content.startswith(b"<!doctype html>")


def test_truncated_gzip_member_costs_only_that_record(tmp_path: Path) -> None:
    offsets = write_warc(tmp_path / "ok.warc.gz", news_records(4))
    data = (tmp_path / "ok.warc.gz").read_bytes()
    broken = offsets[3]  # the response of story-1
    cut = data[:broken + (offsets[4] - broken) // 2] + data[offsets[4]:]
    (tmp_path / "cut.warc.gz").write_bytes(cut)
    pages, stats = read(tmp_path / "cut.warc.gz")
    assert urls(pages) == ["story-0", "story-2", "story-3"]
    assert stats.errors == {"broken record": 1}


def test_archive_cut_off_at_the_end(tmp_path: Path) -> None:
    write_warc(tmp_path / "ok.warc.gz", news_records(3))
    data = (tmp_path / "ok.warc.gz").read_bytes()
    (tmp_path / "short.warc.gz").write_bytes(data[: len(data) - 300])
    pages, stats = read(tmp_path / "short.warc.gz")
    assert urls(pages) == ["story-0", "story-1"]
    assert sum(stats.errors.values()) == 1


@pytest.mark.parametrize("delta", [+400, -200])
@pytest.mark.parametrize("gz", [False, True])
def test_content_length_that_lies(tmp_path: Path, delta: int, gz: bool) -> None:
    write_warc(tmp_path / "ok.warc", news_records(3), gz=False)
    data = (tmp_path / "ok.warc").read_bytes()
    first = data.index(b"WARC-Type: response")
    at = data.index(b"Content-Length: ", first)
    end = data.index(b"\r\n", at)
    length = int(data[at + 16 : end])
    data = data[:at] + f"Content-Length: {length + delta}".encode() + data[end:]
    path = tmp_path / ("lie.warc.gz" if gz else "lie.warc")
    path.write_bytes(gzip_members(data) if gz else data)
    pages, stats = read(path)
    assert urls(pages)[-2:] == ["story-1", "story-2"]  # the records after the liar survive
    assert stats.errors["broken record"] == 1


def test_invalid_http_status_line(tmp_path: Path) -> None:
    write_warc(tmp_path / "ok.warc", news_records(3), gz=False)
    data = (tmp_path / "ok.warc").read_bytes().replace(b"HTTP/1.1 200 OK", b"HTXP/1.1 2OO OK", 1)
    (tmp_path / "bad.warc").write_bytes(data)
    pages, stats = read(tmp_path / "bad.warc")
    assert urls(pages) == ["story-1", "story-2"]
    assert stats.errors["invalid HTTP status line"] == 1


def test_a_tar_file_is_not_a_warc(tmp_path: Path) -> None:
    write_warc(tmp_path / "inner.warc", news_records(1), gz=False)
    with tarfile.open(tmp_path / "fake.warc.gz", "w") as tar:
        tar.add(tmp_path / "inner.warc", arcname="inner.warc")
    with pytest.raises(InputError, match="not a WARC file: it looks like a tar archive"):
        list(iter_warc(tmp_path / "fake.warc.gz"))


@pytest.mark.parametrize("content, what", [(b"", "an empty file"), (b"<html><body>hi</body></html>", "an HTML page"),
                                           (gzip.compress(b"hello world"), "a gzip file of something else")])
def test_other_files_are_named(tmp_path: Path, content: bytes, what: str) -> None:
    (tmp_path / "x.warc").write_bytes(content)
    with pytest.raises(InputError, match=what):
        list(iter_warc(tmp_path / "x.warc"))


def test_reading_from_an_offset_and_up_to_a_stop(tmp_path: Path) -> None:
    offsets = write_warc(tmp_path / "a.warc.gz", news_records(5))
    pages, _ = read(tmp_path / "a.warc.gz", start=offsets[3], resume_at=offsets[3] + 1, stop=offsets[8])
    assert urls(pages) == ["story-2", "story-3"]  # story-1 at offsets[3] already done
    cuts = record_offsets(tmp_path / "a.warc.gz", every_bytes=offsets[4])
    assert cuts[0] == 0 and set(cuts) <= set(offsets) and len(cuts) >= 2


def _one_page(tmp_path: Path, payload: bytes, http_headers: list[tuple[str, str]]) -> tuple[bytes | None, Stats]:
    (tmp_path / "a.warc").write_bytes(raw_response("https://a.example/x", payload, http_headers=http_headers))
    stats = Stats()
    pages = [page.content for _, page in iter_warc_records(tmp_path / "a.warc", stats)]
    return (pages[0] if pages else None), stats


@pytest.mark.parametrize("extension", ["", ";name=value"])
@pytest.mark.parametrize("coding", ["", "gzip", "br", "deflate"])
def test_chunked_and_encoded_payloads_are_decoded(tmp_path: Path, coding: str, extension: str) -> None:
    import brotli
    import zlib

    encode = {"": lambda d: d, "gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[coding]
    headers = [("Transfer-Encoding", "chunked")] + ([("Content-Encoding", coding)] if coding else [])
    content, stats = _one_page(tmp_path, chunked(encode(article_html(1)), 100, extension), headers)
    assert content == article_html(1) and not stats.errors


@pytest.mark.parametrize("coding", ["", "gzip"])
def test_a_body_stored_dechunked_under_a_stale_chunked_header(tmp_path: Path, coding: str) -> None:
    body = gzip.compress(article_html(1)) if coding else article_html(1)
    headers = [("Transfer-Encoding", "chunked")] + ([("Content-Encoding", coding)] if coding else [])
    content, stats = _one_page(tmp_path, body, headers)
    assert content == article_html(1) and not stats.errors


def test_a_body_stored_decoded_under_a_stale_content_encoding(tmp_path: Path) -> None:
    content, stats = _one_page(tmp_path, article_html(1), [("Content-Encoding", "gzip")])
    assert content == article_html(1) and not stats.errors


@pytest.mark.parametrize("coding, body", [("zstd", b"\x28\xb5\x2f\xfd binary"), ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\xff" * 20)],
                         ids=["zstd", "damaged-gzip"])
def test_an_undecodable_payload_is_a_counted_error(tmp_path: Path, coding: str, body: bytes) -> None:
    content, stats = _one_page(tmp_path, body, [("Content-Encoding", coding)])
    assert content is None and stats.errors == {"broken HTTP payload": 1}


def test_codings_on_several_lines_in_any_case_are_all_undone(tmp_path: Path) -> None:
    body = gzip.compress(gzip.compress(article_html(1)))  # gzip, then gzip again: named on two lines
    headers = [("content-encoding", "gzip"), ("CONTENT-ENCODING", "gzip"), ("X-Kept", "yes")]
    path = tmp_path / "a.warc.gz"
    write_warc(path, [Rec("https://news.example.org/a", body, headers=headers)])
    [page] = list(iter_warc(path))
    assert page.content == article_html(1)
    assert page.headers.get("X-Kept") == "yes" and not any(k.lower() == "content-encoding" for k in page.headers)


@pytest.mark.parametrize("stamp", ["2024-05-01T08:00:00Z", "2024-05-01T08:00:00.5Z", "2024-05-01T08:00:00.123456Z",
                                   "2024-05-01T08:00:00.123456789Z", "2024-05-01T08:00Z", "2024-02-30T08:00:00Z",
                                   "2024-05-01T24:00:00Z", "2024-05-01T08:00:00+02:00", "2024-05-01", "yesterday"])
def test_the_record_date_is_fastwarcs_whatever_its_shape(stamp: str) -> None:
    import io

    from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

    from broadsheet.sources.warc import _record_date

    http = b"HTTP/1.1 200 OK\r\n\r\nbody"
    record = WarcRecord()
    record.init_headers(WarcRecordType.response, content_length=len(http))
    record.headers["WARC-Date"] = stamp
    record.set_bytes_content(http)
    buf = io.BytesIO()
    record.write(buf)
    buf.seek(0)
    [read] = list(ArchiveIterator(buf, parse_http=False))
    assert repr(_record_date(read)) == repr(read.record_date)  # the same instant, zone and all
