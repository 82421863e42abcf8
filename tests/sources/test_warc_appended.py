"""A writer that crashed mid-record, then a resumed writer appending records to the same file.

In a .warc.gz the cut record's member runs on into the appended members: the inflater reads
their first bytes as the cut member's data and fails some way into them (or, where the cut
member was storing its bytes, only after the stored block's length). The resynchronisation
started where inflating failed, so the appended members before that point were lost. Now a
member inside the bytes inflated as the damaged member's counts where the members from it
chain (each whole, the next starting where it ends) to the end of the file or past the
failure: appended members do; a member a page stores verbatim is followed by the page's
other bytes and stays the page's.

A plain .warc is left as it is: there the cut record's Content-Length swallows the appended
records, and the same chain rule would plant the records a page quotes at its end wherever
its Content-Length runs a few bytes into the next record (the last test: the layout is the
same, byte for byte, so nothing tells an appended record from a quoted one)."""
from __future__ import annotations

import gzip
import io
import random
import struct
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from broadsheet.sources.warc import iter_warc_records

from .test_warc_page_bodies_hostile import fake
from .test_warc_truncated import story
from .test_warc_zstd import record
from .test_warc_zstd_streams import news

RECORDS = [story(n) for n in range(1, 8)]


def read(path: Path) -> tuple[list[str], Stats]:
    stats = Stats()
    return [(page.url or "").replace("http://paper.example/", "") for _, page in iter_warc_records(path, stats)], stats


@pytest.mark.parametrize("level", [9, 0], ids=["deflated", "stored"])
@pytest.mark.parametrize("at", [0.3, 0.7, 0.95])
def test_members_appended_after_a_crash_cut_member_are_read(tmp_path: Path, level: int, at: float) -> None:
    """Record 3's member cut (the crash), records 4 to 7 appended: before, record 4 was lost."""
    members = [gzip.compress(r, level) for r in RECORDS]
    cut = members[2][:int(len(members[2]) * at)]
    path = tmp_path / "appended.warc.gz"
    path.write_bytes(members[0] + members[1] + cut + b"".join(members[3:]))
    got, stats = read(path)
    assert got == ["1", "2", "4", "5", "6", "7"]
    assert stats.errors == {"broken record": 1}


@pytest.mark.parametrize("gap", [1, 100, 3000])
def test_a_member_stored_in_a_crash_cut_page_stays_the_pages(tmp_path: Path, gap: int) -> None:
    """Page 3 holds a gzip member of victim.example's records, stored verbatim by its own
    member (level 0), and the crash cuts it `gap` bytes after that member; records are
    appended after the cut. The stored member is followed by page bytes, not by a member:
    it chains to nothing, and none of victim.example's records come out."""
    noise = random.Random(gap).randbytes(20000)
    stored = gzip.compress(fake(10**6, 3), mtime=0)
    page = record(3, b"<html><p>" + noise + stored + noise + b"</p></html>")
    members = [gzip.compress(news(1)), gzip.compress(news(2)), gzip.compress(page, 0)]  # (stored: verbatim)
    cut = members[2][:members[2].index(stored) + len(stored) + gap]
    path = tmp_path / "quoted.warc.gz"
    appended = b"".join(gzip.compress(r, 0) for r in RECORDS[3:])  # (80 KB: past the cut stored block's length)
    path.write_bytes(members[0] + members[1] + cut + appended)
    got, _ = read(path)
    assert not any("victim" in url for url in got), got
    assert got == ["1", "2", "4", "5", "6", "7"]


def test_a_plain_page_quoting_records_with_a_long_length_gives_no_fake_page(tmp_path: Path) -> None:
    """Why a plain .warc is not recovered: page 2 ends with 2 quoted records of victim.example
    and its Content-Length runs 30 bytes into page 3, as a crash-cut record's runs into the
    records appended after it. Records chained from inside it to the file's end would be
    those 2 fakes, then 3 and 4."""
    body = b"<html>" + fake(901, 2)
    page = record(2, body)
    start = page.index(b"Content-Length: ")
    end = page.index(b"\r\n", start)
    page = page[:start] + b"Content-Length: %d" % (int(page[start + 16:end]) + 30) + page[end:]
    path = tmp_path / "long.warc"
    path.write_bytes(news(1) + page + news(3) + news(4))
    got, stats = read(path)
    assert not any("victim" in url for url in got), got
    assert got[:2] == ["1", "2"] and stats.errors == {"broken record": 1}


def damaged_stored_member(body: bytes) -> bytes:
    """A gzip member storing `body` in stored blocks, then an invalid block (BTYPE 3): it
    inflates soundly up to its end, the bytes of `body` read as the member's own."""
    member = bytearray(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
    for i in range(0, len(body), 65535):
        block = body[i:i + 65535]
        member += b"\x00" + struct.pack("<HH", len(block), len(block) ^ 0xFFFF) + block
    return bytes(member + b"\x07" * 16)


def count_gzip_states(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The offsets `warc._gzip_state` is asked about from now on, in order."""
    calls: list[int] = []
    real = warc._gzip_state

    def counted(fh: BinaryIO, at: int, limit: int | None = None, **kw: Any) -> tuple[int, str]:
        calls.append(at)
        return real(fh, at, limit, **kw)
    monkeypatch.setattr(warc, "_gzip_state", counted)
    return calls


def test_a_damaged_member_full_of_tiny_members_costs_a_bounded_chain_check(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Review RV-W finding 1: a damaged stored member holding 3,000 members of 29 bytes that
    decode to "WARC/", none chaining (a '!' after each). Every one was inflated, each with a
    1 MiB read (16 MB: 115 s); now at most `_CHAIN_MEMBERS` are, then the search starts where
    inflating failed, as before the chain check. The same pages and errors come out."""
    tiny = gzip.compress(b"WARC/1.0\r\n", 0, mtime=0) + b"!"
    body = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\n" + tiny * 3000
    path = tmp_path / "tiny.warc.gz"
    path.write_bytes(gzip.compress(news(1)) + damaged_stored_member(body) + gzip.compress(news(2)))
    calls = count_gzip_states(monkeypatch)
    got, stats = read(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 1}
    assert len(calls) <= 1000 + 10, len(calls)  # (`_CHAIN_MEMBERS`, and the reader's own few)


def test_a_small_member_is_told_whole_from_a_small_read() -> None:
    """The gzip state of a 29-byte member followed by 2 MiB is read in growing steps, from
    16 KiB: a 1 MiB read for each (zlib copying what follows the member) was most of
    finding 1's cost."""
    member = gzip.compress(b"WARC/1.0\r\n", 0, mtime=0)
    read_sizes: list[int] = []

    class Counted(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            data = super().read(size)
            read_sizes.append(len(data))
            return data
    fh = Counted(b"x" * 100 + member + bytes(2 << 20))
    assert warc._gzip_state(fh, 100) == (100 + len(member), "whole")
    assert sum(read_sizes) <= 16 << 10, read_sizes


def test_bombs_in_a_damaged_member_spend_a_budget_of_inflated_bytes(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged stored member holding a gzip bomb (4 MiB of zeros after "WARC/1.0") in each
    stored block: each was inflated whole (16 MB of such blocks: 11 s). The chain check
    stops where its budget of inflated bytes is spent (8 MiB here; 256 MiB in use)."""
    monkeypatch.setattr(warc, "_CHAIN_BYTES", 8 << 20, raising=False)
    bomb = gzip.compress(b"WARC/1.0\r\n" + bytes(4 << 20), 9, mtime=0)
    body = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\n" + b"".join(
        (bomb + b"!" * 65535)[:65535] for _ in range(8))
    path = tmp_path / "bombs.warc.gz"
    path.write_bytes(gzip.compress(news(1)) + damaged_stored_member(body) + gzip.compress(news(2)))
    calls = count_gzip_states(monkeypatch)
    got, stats = read(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 2}
    bombs = [at for at in calls if at > len(gzip.compress(news(1))) + 100 and at < path.stat().st_size - 500]
    assert len(bombs) <= 3, bombs


def test_many_damaged_members_share_one_budget_of_inflated_bytes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Review RV-W2 finding A: six damaged stored members, each holding bombs (4 MiB of zeros
    after "WARC/1.0"). With a budget per damaged member each spent its own (16 MB of them:
    16 s); the file's one budget (8 MiB here) is spent in the first, and the others search
    from where inflating failed, as before the chain check. Same pages and errors."""
    monkeypatch.setattr(warc, "_CHAIN_BYTES", 8 << 20, raising=False)
    bomb = gzip.compress(b"WARC/1.0\r\n" + bytes(4 << 20), 9, mtime=0)
    body = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\n" + b"".join(
        (bomb + b"!" * 65535)[:65535] for _ in range(4))
    path = tmp_path / "manybombs.warc.gz"
    first = gzip.compress(news(1))
    path.write_bytes(first + damaged_stored_member(body) * 6 + gzip.compress(news(2)))
    inflated: list[int] = []
    real = warc._gzip_state

    def counted(fh: BinaryIO, at: int, limit: int | None = None, **kw: Any) -> tuple[int, str]:
        budget = kw.get("budget")
        before = budget[0] if budget is not None else 0
        found = real(fh, at, limit, **kw)
        if budget is not None:
            inflated.append(before - budget[0])
        return found
    monkeypatch.setattr(warc, "_gzip_state", counted)
    got, stats = read(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 12}
    assert sum(inflated) <= (8 << 20) + (1 << 20), sum(inflated)  # (the budget, and the last piece)


def test_many_damaged_members_share_one_budget_of_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review RV-W2 finding A: three damaged stored members full of tiny members, none
    chaining: `_CHAIN_MEMBERS` `_gzip_state` calls for the whole file, not for each."""
    tiny = gzip.compress(b"WARC/1.0\r\n", 0, mtime=0) + b"!"
    body = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\n" + tiny * 1500
    path = tmp_path / "tinies.warc.gz"
    path.write_bytes(gzip.compress(news(1)) + damaged_stored_member(body) * 3 + gzip.compress(news(2)))
    calls = count_gzip_states(monkeypatch)
    got, stats = read(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 1}
    assert len(calls) <= 1000 + 20, len(calls)  # (`_CHAIN_MEMBERS`, and the reader's own few)
