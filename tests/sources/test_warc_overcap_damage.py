"""A plain .warc: a page over the cap, then damage (review R20 finding 1).

The page's claimed end is not a record start (the record after it is damaged), so the claim
is taken for a lie and reading resynchronises. The search started one byte into the page:
WARC records the page's body quotes were read as the archive's (URLs of another site
planted). A record inside the claimed range now counts only where the records from it
chain to the end of the file or to a record at or past the claimed end: a lying claim's
swallowed records do (test_a_claim_over_the_cap_that_lies_inside_the_file, kept), a page's
quotes chain only to the page's end."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from broadsheet.sources.warc import iter_warc_records
from tests.sources.warcs import article_html, raw_response

from .test_warc_page_bodies_hostile import fake


def read(path: Path) -> tuple[list[str], Stats]:
    stats = Stats()
    return [page.url or "" for _, page in iter_warc_records(path, stats)], stats


def damaged(record: bytes) -> bytes:
    """A record whose version line is damaged: no record starts there."""
    return b"WXRC" + record[4:]


@pytest.mark.parametrize("quotes", [1, 5, 40])
@pytest.mark.parametrize("after", ["</p></html>", ""])
def test_records_quoted_at_the_end_of_a_page_over_the_cap_stay_its_bytes(tmp_path: Path, monkeypatch, quotes: int,
                                                                         after: str) -> None:
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    big = raw_response("https://a.example/big", article_html(1, paragraphs=["word " * 2000]) + fake(10**6, quotes)
                       + after.encode())
    path = tmp_path / "quote.warc"
    path.write_bytes(raw_response("https://a.example/0", article_html(0)) + big
                     + damaged(raw_response("https://a.example/bad", article_html(2)))
                     + raw_response("https://a.example/3", article_html(3))
                     + raw_response("https://a.example/4", article_html(4)))
    got, stats = read(path)
    assert not any("victim.example" in url for url in got), got
    assert got == ["https://a.example/0", "https://a.example/3", "https://a.example/4"]
    assert stats.errors == {"broken record": 1}


def test_a_lying_claim_still_recovers_the_records_it_swallows(tmp_path: Path, monkeypatch) -> None:
    """The claim runs past the records that follow into a later one: they chain past it."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    records = [raw_response("https://a.example/liar", article_html(1), content_length=9_000),
               *(raw_response(f"https://a.example/{n}", article_html(n)) for n in range(2, 12))]
    path = tmp_path / "lie.warc"
    path.write_bytes(b"".join(records))
    got, stats = read(path)
    assert [u.rsplit("/", 1)[-1] for u in got] == [str(n) for n in range(2, 12)]
    assert stats.errors == {"broken record": 1}


def test_a_page_of_many_quoted_records_costs_linear_time(tmp_path: Path, monkeypatch) -> None:
    """Every offset of the claimed range is followed once: 2 MB of small quoted records
    (some 7,000 candidates, each a chain to the page's end) take well under a second."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    big = raw_response("https://a.example/big", fake(10**6, 7000))
    path = tmp_path / "many.warc"
    path.write_bytes(big + damaged(raw_response("https://a.example/bad", article_html(2)))
                     + raw_response("https://a.example/3", article_html(3)))
    started = time.perf_counter()
    got, stats = read(path)
    assert time.perf_counter() - started < 5
    assert got == ["https://a.example/3"] and stats.errors == {"broken record": 1}


def test_the_finding_itself_a_page_over_16_mb(tmp_path: Path) -> None:
    """R20's input at the real cap: a 17 MB page ending in 5 quoted records of another site,
    a damaged record, a real one. Before: the 5 victim.example pages."""
    big = raw_response("https://a.example/big", b"<html><p>" + b"word " * (17 * 1024 * 1024 // 5) + fake(10**6, 5))
    path = tmp_path / "r20.warc"
    path.write_bytes(raw_response("https://a.example/0", article_html(0)) + big
                     + damaged(raw_response("https://a.example/bad", article_html(2)))
                     + raw_response("https://a.example/3", article_html(3)))
    got, stats = read(path)
    assert got == ["https://a.example/0", "https://a.example/3"]
    assert stats.errors == {"broken record": 1}


@pytest.mark.parametrize("cut", [-4, -2, -1, 1, 7])
def test_a_page_over_the_cap_cut_after_its_quotes_gives_none_of_them(tmp_path: Path, monkeypatch, cut: int) -> None:
    """Review RV-W finding 2: the last record is a page over the cap whose body quotes 5
    records, and the file is cut `cut` bytes from the end of the last quote's CRLFs. The
    claim runs past the file's end, and a chain from the first quote reached the file's
    end: cut in the last quote's CRLFs (-4 to -1), the 5 quoted records came out. Past a
    claimed end past the file's, a chain must end as a whole archive does (all 4 CRLFs).
    A cut exactly at 0 still gives them: that file is byte for byte a lying claim followed
    by whole records, which are read (test_warc_over_cap_resync.py)."""
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 4096)
    quoted = fake(10**6, 5)
    assert quoted.endswith(b"\r\n\r\n")
    big = raw_response("https://a.example/big", b"<html><p>" + b"word " * 2000 + quoted + b"more page text " * 100)
    data = raw_response("https://a.example/0", article_html(0)) + big
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:data.index(quoted) + len(quoted) + cut])
    got, stats = read(path)
    assert got == ["https://a.example/0"]
    assert stats.errors == {"broken record": 1}
    assert "the archive ends before that" in stats.rejects[0].detail


@pytest.mark.parametrize("extra", [b"", b"\r\n", b"\n", b"\r", b"\r\n\r\n"], ids=["none", "crlf", "lf", "cr", "2crlf"])
def test_a_lying_claim_past_the_end_keeps_the_records_after_it_when_the_file_ends_in_blank_lines(
        tmp_path: Path, extra: bytes) -> None:
    """Review RV-W2 finding B: record 1, a record claiming 100 MB (past the file's end),
    then whole records 2-4, and the file ends with `extra` newlines after the last record's
    4 CRLF bytes. Requiring exactly those 4 bytes lost records 2-4 (45fc2e0 read them):
    an end of 4 to 8 bytes all CR or LF counts as a whole archive's end."""
    lie = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:L>\r\nContent-Length: 100000000\r\n\r\n"
           b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n")
    data = (raw_response("https://a.example/1", article_html(1)) + lie
            + b"".join(raw_response(f"https://a.example/{n}", article_html(n)) for n in (2, 3, 4)))
    assert data.endswith(b"</html>\r\n\r\n")
    path = tmp_path / "tail.warc"
    path.write_bytes(data + extra)
    got, stats = read(path)
    assert got == [f"https://a.example/{n}" for n in (1, 2, 3, 4)]
    assert stats.errors == {"broken record": 1}
