"""Archives cut short (an interrupted download or copy, a full disk) are told, and every
whole record before the cut still comes out.

Before: a .warc.gz cut a few bytes short (inside its last member's trailer) gave every page
and no word, as did one whose last member was cut inside its first bytes (the record lost);
a cut elsewhere gave a "truncated record" or "broken record" naming the record, or for a
.warc.zst two errors ("incomplete frame"), none saying that the file was cut short or what
to do. Now one "truncated file" error names the byte the file ends at, the unit it ends
inside, the record cut where the reader saw it, and the remedy. The pages read are the
same as before: FastWARC's iterator gives every record the cut unit holds whole (checked
here against zlib's decoding of the cut stream)."""
from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from fastwarc.stream_io import ZstdWriter

from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from broadsheet.sources.warc import iter_warc_records

from .test_warc_page_bodies_hostile import fake
from .test_warc_zstd import MB, _Kept, record
from .test_warc_zstd_streams import zstd_all

LAYOUTS = ["members.warc.gz", "one.warc.gz", "grouped.warc.gz", "frames.warc.zst", "pzstd.warc.zst", "one.warc.zst"]


def story(n: int) -> bytes:
    """A record of some 20 KB that compresses as prose does (not to nothing)."""
    rng = random.Random(n)
    words = " ".join(rng.choice(["harbour", "council", "vote", f"w{rng.randint(0, 99999)}"]) for _ in range(3000))
    return record(n, f"<html><p>{words}</p></html>".encode())


def zstd_flushed(records: list[bytes]) -> bytes:
    """One zstd frame, flushed after each record: every record ends a block."""
    buf = _Kept()
    writer = ZstdWriter(buf, fsspec_args=False)
    for rec in records:
        for i in range(0, len(rec), MB):
            chunk = memoryview(rec)[i:i + MB]
            while chunk:
                chunk = chunk[writer.write(bytes(chunk)):]
        writer.flush()
    writer.close()
    return buf.getvalue()


def pack(records: list[bytes], layout: str) -> bytes:
    raw = b"".join(records)
    if layout == "members.warc.gz":
        return b"".join(gzip.compress(r) for r in records)
    if layout == "one.warc.gz":
        return gzip.compress(raw)
    if layout == "grouped.warc.gz":  # several records a member
        return b"".join(gzip.compress(b"".join(records[i:i + 4])) for i in range(0, len(records), 4))
    if layout == "frames.warc.zst":
        return b"".join(zstd_all(r, MB) for r in records)
    if layout == "pzstd.warc.zst":  # each frame after a skippable frame stating its size, as pzstd writes
        frames = [zstd_all(r, MB) for r in records]
        return b"".join(b"\x50\x2a\x4d\x18\x04\x00\x00\x00" + len(f).to_bytes(4, "little") + f for f in frames)
    return zstd_flushed(records)


def read(path: Path) -> tuple[list[int], Stats, list[int]]:
    stats = Stats()
    got = list(iter_warc_records(path, stats))
    return [int((page.url or "").rsplit("/", 1)[-1]) for _, page in got], stats, [offset for offset, _ in got]


RECORDS = [story(n) for n in range(1, 26)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_file_cut_inside_its_end_is_told_and_loses_nothing(tmp_path: Path, layout: str) -> None:
    """Cut by 3 bytes: inside the gzip trailer or the zstd checksum; every record is whole."""
    path = tmp_path / layout
    path.write_bytes(pack(RECORDS, layout)[:-3])
    got, stats, offsets = read(path)
    assert got == list(range(1, 26))
    assert stats.errors == {"truncated file": 1}
    assert offsets == sorted(offsets)
    (row,) = stats.rejects
    size = path.stat().st_size
    unit = "zstd frame" if layout.endswith("zst") else "gzip member"
    assert f"the file ends at byte {size}, inside the {unit} that starts at byte" in row.detail
    assert "download or copy the file again" in row.detail
    assert ("zstd -t" if layout.endswith("zst") else "gzip -t") in row.detail


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("into", [0.5, 0.98])
def test_a_file_cut_inside_its_last_record_gives_all_the_others(tmp_path: Path, layout: str, into: float) -> None:
    """Cut inside the last record's bytes: the 24 records before it come out, that one is
    named as incomplete."""
    data = pack(RECORDS, layout)
    before = len(pack(RECORDS[:-1], layout)) if layout not in ("one.warc.gz", "one.warc.zst") else None
    if before is None:  # one stream: cut where the last record's compressed bytes lie
        cut = len(data) - int((len(data) - len(pack(RECORDS[:-1], layout))) * (1 - into)) - 8
    else:
        cut = before + int((len(data) - before) * into)
    path = tmp_path / layout
    path.write_bytes(data[:cut])
    got, stats, offsets = read(path)
    assert got == list(range(1, 25))
    assert stats.errors == {"truncated file": 1}
    assert offsets == sorted(offsets)
    detail = stats.rejects[0].detail
    if layout.endswith(".gz"):  # (a zstd block is decoded whole or not at all: nothing of record 25 is seen)
        assert "its record <urn:uuid:25> is incomplete and was not read" in detail
    else:
        assert "every record it holds whole was read, and any record it cuts is lost" in detail


@pytest.mark.parametrize("cut", [30, 2000, 20000, 60000])
def test_one_gzip_stream_cut_anywhere_gives_every_whole_record(tmp_path: Path, cut: int) -> None:
    """The records whose bytes all inflate before the cut (zlib's word) come out, and one
    error says the file was cut."""
    data = gzip.compress(b"".join(RECORDS))[:-cut]
    decoded = zlib.decompressobj(31).decompress(data)
    whole = sum(1 for n in range(1, 26) if len(b"".join(RECORDS[:n])) - 4 <= len(decoded))
    path = tmp_path / "one.warc.gz"
    path.write_bytes(data)
    got, stats, _ = read(path)
    assert got == list(range(1, whole + 1)) and whole < 25
    assert stats.errors == {"truncated file": 1}


def test_a_gzip_member_per_record_cut_in_its_last_header_is_told(tmp_path: Path) -> None:
    """The last member holds only its gzip header and a few bytes: FastWARC dropped it silently."""
    data = pack(RECORDS, "members.warc.gz")
    path = tmp_path / "members.warc.gz"
    path.write_bytes(data[:len(pack(RECORDS[:-1], "members.warc.gz")) + 14])
    got, stats, _ = read(path)
    assert got == list(range(1, 25)) and stats.errors == {"truncated file": 1}


@pytest.mark.parametrize("layout", ["one.warc.gz", "one.warc.zst", "members.warc.gz"])
def test_a_cut_page_quoting_records_gives_none_of_them(tmp_path: Path, layout: str) -> None:
    """The cut record is a page whose body is an archived WARC of another site: its quoted
    records stay its bytes, cut with it (none of victim.example's come out)."""
    noise = random.Random(4).randbytes(8000)  # stored as it is: the cut falls in it, after the quotes
    records = RECORDS[:3] + [record(4, b"<p>" + b"x" * 3000 + fake(10**6, 20) + noise + b"</p>")]
    data = pack(records, layout)
    path = tmp_path / layout
    path.write_bytes(data[:-2000])
    stats = Stats()
    urls = [page.url or "" for _, page in iter_warc_records(path, stats)]
    assert urls == [f"http://paper.example/{n}" for n in (1, 2, 3)]
    assert stats.errors == {"truncated file": 1}


def test_a_whole_file_has_no_truncation_error(tmp_path: Path) -> None:
    for layout in LAYOUTS:
        path = tmp_path / layout
        path.write_bytes(pack(RECORDS, layout))
        got, stats, _ = read(path)
        assert got == list(range(1, 26)) and not stats.errors, layout


def test_a_plain_warc_cut_inside_its_last_record_says_so(tmp_path: Path) -> None:
    """Already reported ("truncated record"); it now says where the file ends and what to do."""
    data = b"".join(RECORDS)
    path = tmp_path / "plain.warc"
    path.write_bytes(data[:-3000])
    got, stats, _ = read(path)
    assert got == list(range(1, 25)) and stats.errors == {"truncated record": 1}
    assert f"the file ends at byte {len(data) - 3000}, inside this record" in stats.rejects[0].detail


@pytest.mark.parametrize("layout", ["members.warc.gz", "grouped.warc.gz"])
@pytest.mark.parametrize("keep", [14, 40])
def test_a_whole_records_own_error_stays_where_a_later_member_is_cut(tmp_path: Path, layout: str, keep: int) -> None:
    """Review RV-W finding 3: the last whole record has an error of its own ("HTTP/1.1 2xx"),
    and the member after it is cut in its first bytes, so FastWARC gives no record of it.
    Before, the truncated-file error named the whole record as cut and its own error was
    dropped; now that error is reported, and the truncated-file error names no record."""
    bad = record(4, b"<html>four</html>").replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 2xx OK")
    whole = pack([*RECORDS[:3], bad], layout)
    path = tmp_path / layout
    path.write_bytes(whole + gzip.compress(b"".join(RECORDS[4:8]))[:keep])
    got, stats, _ = read(path)
    assert got == [1, 2, 3]
    assert stats.errors == {"invalid HTTP status line": 1, "truncated file": 1}
    detail = next(r.detail for r in stats.rejects if r.reason == "truncated file")
    assert "any record it cuts is lost" in detail and "urn:uuid:4" not in detail
    assert f"inside the gzip member that starts at byte {len(whole)}" in detail


def count_whole_member_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The offsets of the members `warc._one_whole_member` inflates to their end from now on."""
    inflated: list[int] = []
    real = warc._one_whole_member

    def counted(fh: BinaryIO, at: int, size: int) -> bool:
        inflated.append(at)
        return real(fh, at, size)
    monkeypatch.setattr(warc, "_one_whole_member", counted)
    return inflated


def test_a_whole_gzip_stream_is_told_whole_by_its_trailer_without_inflating_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One stream: the records' decoded sizes (header block, Content-Length, CRLFs) add up
    to the trailer's ISIZE, so the end check inflates nothing again (it ran FastWARC's
    inflater over the whole file a second time: 85% more read time for pages of 35 KB,
    review RV-W). Cut by 1 to 9 bytes, it is still told cut."""
    data = pack(RECORDS, "one.warc.gz")
    inflated = count_whole_member_checks(monkeypatch)
    path = tmp_path / "one.warc.gz"
    path.write_bytes(data)
    got, stats, _ = read(path)
    assert got == list(range(1, 26)) and not stats.errors and inflated == []
    for short in (1, 4, 5, 9):
        path.write_bytes(data[:-short])
        got, stats, _ = read(path)
        assert got == list(range(1, 26)) and stats.errors == {"truncated file": 1}, short


def test_a_stream_whose_count_misses_its_trailer_is_checked_as_before(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Records followed by 6 bytes of CRLFs, not 4 (FastWARC passes over blank lines): the
    count misses the trailer's size, so the member is inflated to its end as before, and
    found whole."""
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(gzip.compress(b"\r\n".join(RECORDS)))
    inflated = count_whole_member_checks(monkeypatch)
    got, stats, _ = read(path)
    assert got == list(range(1, 26)) and not stats.errors and inflated == [0]


@pytest.mark.parametrize("layout", ["members.warc.gz", "grouped.warc.gz"])
def test_records_in_members_of_their_own_are_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         layout: str) -> None:
    """The decoded-size count stops where a record comes at an offset that starts a gzip
    member: a file of a member per record (or a few) pays for one or two records' counts."""
    path = tmp_path / layout
    path.write_bytes(pack(RECORDS, layout))
    counted: list[int] = []
    real = warc._Decoded.add

    def add(self: warc._Decoded, record: Any) -> None:
        real(self, record)
        counted.append(self.size)
    monkeypatch.setattr(warc._Decoded, "add", add)
    got, stats, _ = read(path)
    assert got == list(range(1, 26)) and not stats.errors
    assert sum(1 for size in counted if size > 0) <= (1 if layout == "members.warc.gz" else 4), counted


@pytest.mark.parametrize("layout", ["members.warc.gz", "grouped.warc.gz"])
@pytest.mark.parametrize("into", [b"WARC-Target-URI", b"HTTP/1.1 200"])
def test_a_record_cut_in_its_headers_is_named_and_its_error_replaced(tmp_path: Path, layout: str, into: bytes) -> None:
    """The guard for the above: the last member (stored, level 0) is cut inside a record's
    header, WARC or HTTP: FastWARC gives that record, with an error, at the member's start
    (the member's first record, or a later one: then the first was read before it). The
    truncated-file error names it in place of its error."""
    records = [story(1), story(2), *(record(n, b"<html>%d</html>" % n) for n in (3, 4))]
    whole = pack(records[:2], "members.warc.gz")
    last = records[2:] if layout == "grouped.warc.gz" else records[3:]
    if layout == "members.warc.gz":
        whole += gzip.compress(records[2])
    raw = b"".join(last)
    path = tmp_path / layout
    path.write_bytes(whole + gzip.compress(raw, 0)[:10 + 5 + raw.rindex(into) + 8])
    got, stats, _ = read(path)
    assert got == [1, 2, 3]
    assert stats.errors == {"truncated file": 1}
    assert "its record <urn:uuid:4> is incomplete and was not read" in stats.rejects[0].detail
