"""Records of 8 MiB and more in .warc.zst files, and damage inside compressed streams.

The finding this answers (review R6, note s15): "FastWARC stops reading a single-frame
.warc.zst after a record of >= 8 MiB, losing the records after it silently". It is not
the reader: FastWARC's `ZstdWriter.write` writes at most 8 MiB a call and returns how much
it took (as a raw `io` write may), and a writer that ignores the count leaves a file whose
big record is cut short, its Content-Length running over the records after it. The same
bytes, plain or gzipped, read the same way. Files written whole read whole, in every
layout (tests below). A careless writer's file gives the cut page with the bytes it ran
over in its body, in every format, as the plain .warc of the same bytes does: records are
never read out of a page's body (reading them out of .warc.zst pages let hostile pages
plant records: reviews R13, R17, R19; see test_warc_page_bodies_hostile.py). What was
wrong on our side, and is fixed here:

- a record the stream ends inside ("truncated record"): reading resynchronises after its
  own gzip member or zstd frame where the file has boundaries;
- a .warc.zst with one frame per record had no resynchronisation at all (one broken record
  lost the rest of the archive after a single error): frames are now found again;
- in a file compressed as one stream (one zstd frame or one gzip member for all records)
  nothing can be resynchronised: the error now says that reading stops there, and how to
  recover the rest;
- resuming (or a Dask slice starting) inside such a stream read nothing, silently.
"""
from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from fastwarc.stream_io import ZstdReader, ZstdWriter

from broadsheet.errors import InputError
from broadsheet.run.stats import Stats
from broadsheet.sources import warc
from broadsheet.sources.warc import iter_warc_records, record_offsets

from .test_warc_zstd import MB, _Kept, record

EIGHT_MIB = 8 * MB


def zstd_all(data: bytes, piece: int) -> bytes:
    """`data` as one zstd frame, given to FastWARC's writer `piece` bytes a call, every
    short write carried on (what a correct writer does)."""
    buf = _Kept()
    writer = ZstdWriter(buf, fsspec_args=False)
    for i in range(0, len(data), piece):
        chunk = memoryview(data)[i:i + piece]
        while chunk:
            chunk = chunk[writer.write(bytes(chunk)):]
    writer.close()
    return buf.getvalue()


def zstd_careless(records: list[bytes], piece: int) -> bytes:
    """One zstd frame written as a careless writer does: each write's count ignored."""
    buf = _Kept()
    writer = ZstdWriter(buf, fsspec_args=False)
    for rec in records:
        for i in range(0, len(rec), piece):
            writer.write(rec[i:i + piece])
    writer.close()
    return buf.getvalue()


def pages(path: Path, **kw: int | None) -> tuple[list[str], Stats]:
    stats = Stats()
    return [(page.url or "").rsplit("/", 1)[-1] for _, page in iter_warc_records(path, stats, **kw)], stats  # type: ignore[arg-type]


def details(stats: Stats) -> list[str]:
    return [f"{row.reason}: {row.detail}" for row in stats.rejects]


def news(n: int) -> bytes:
    return record(n, b"<html><p>story %d</p></html>" % n)


def big_then_news() -> list[bytes]:
    """A page, a 9 MiB page, a 20 MiB page (over the 16 MiB cap), then three pages."""
    return [news(1), record(2, b"<html>" + b" " * (9 * MB)), record(3, b"<html>" + b" " * (20 * MB)),
            news(4), news(5), news(6)]


# -- the writer, not the reader ---------------------------------------------------------------
def test_fastwarc_zstd_writer_takes_at_most_8_mib_a_call() -> None:
    """The cause of the finding: a short write, counted in the return value."""
    buf = _Kept()
    writer = ZstdWriter(buf, fsspec_args=False)
    assert writer.write(b" " * (9 * MB)) == EIGHT_MIB
    writer.close()


@pytest.mark.parametrize("layout", ["one frame", "one frame, one write a record", "a frame per record", "zstd CLI"])
def test_records_of_8_mib_and_more_do_not_stop_a_zstd_warc(tmp_path: Path, layout: str) -> None:
    records = big_then_news()
    raw = b"".join(records)
    path = tmp_path / "big.warc.zst"
    if layout == "one frame":
        path.write_bytes(zstd_all(raw, MB))
    elif layout == "one frame, one write a record":
        path.write_bytes(zstd_all(raw, 64 * MB))
    elif layout == "a frame per record":
        path.write_bytes(b"".join(zstd_all(r, 64 * MB) for r in records))
    else:
        if shutil.which("zstd") is None:
            pytest.skip("no zstd command on this machine")
        (tmp_path / "big.warc").write_bytes(raw)
        subprocess.run(["zstd", "-q", str(tmp_path / "big.warc"), "-o", str(path)], check=True)
    got, stats = pages(path)
    assert got == ["1", "2", "4", "5", "6"]
    assert stats.skipped == {"too large": 1} and not stats.errors


# -- a record whose Content-Length runs over the records after it -------------------------------
def careless_records() -> list[bytes]:
    """The records a careless writer leaves: a 9 MiB page cut at 8 MiB into the stream, the
    page after it straight behind the cut (inside the big record's claimed length)."""
    return [news(1), record(2, b"<html>" + b" " * (9 * MB)), news(3), news(4)]


def test_a_careless_single_frame_file_is_what_the_finding_saw(tmp_path: Path) -> None:
    """The file really lacks the bytes: the big record is cut where the stream reached 8 MiB,
    and page 3 lies inside its claimed length. The writer drops what its buffer held past
    8 MiB, here page 1's 533 bytes: more than page 3 (282), so page 2's body runs over page 3
    and into page 4, and the stream after it breaks inside page 4. Page 2 comes out with page
    3's record at its end (the page's bytes, as the plain .warc of the same bytes gives it),
    and the break is said, with what to do."""
    records = careless_records()
    records[0] = record(1, b"<html><p>story 1</p>" + b"." * 250 + b"</html>")
    path = tmp_path / "careless.warc.zst"
    path.write_bytes(zstd_careless(records, MB))
    got, stats = pages(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 1}
    assert "reading stops here" in details(stats)[0]
    [page2] = [page for _, page in iter_warc_records(path, Stats()) if (page.url or "").endswith("/2")]
    assert b"WARC-Target-URI: http://paper.example/3" in page2.content
    plain = tmp_path / "careless.warc"
    plain.write_bytes(ZstdReader(io.BytesIO(path.read_bytes()), fsspec_args=False).read(32 * MB))
    assert pages(plain)[0] == got


def test_a_careless_frame_per_record_file_resumes_at_the_next_frame(tmp_path: Path) -> None:
    """Each record its own frame, the 9 MiB one written 3 MiB a call: its third write is cut
    to 2 MiB, so its Content-Length runs 1 MiB into the frames after it. Page 2 comes out
    with those bytes in its body; the break inside page 6 is resynchronised at the frame
    after page 2's own, so pages 3 to 7 are read from their own frames, each once."""
    records = [news(1), record(2, b"<html>" + b" " * (9 * MB)), news(3), news(4), news(5),
               record(6, b"<html>" + b"x" * (2 * MB)), news(7)]
    path = tmp_path / "careless-frames.warc.zst"
    path.write_bytes(b"".join(zstd_careless([r], 3 * MB) for r in records))
    got, stats = pages(path)
    assert got == ["1", "2", "3", "4", "5", "6", "7"] and stats.errors == {"broken record": 1}


def cut(records: list[bytes], at: int) -> bytes:
    """The records as one stream with the bytes from `at` up to the end of record 2 gone."""
    raw = b"".join(records)
    end = len(records[0]) + len(records[1])
    return raw[:at] + raw[end:]


def test_records_inside_a_cut_record_are_not_read_in_a_plain_warc(tmp_path: Path) -> None:
    """The stream ends inside page 2's claimed length: one "truncated record", and pages 3
    and 4, inside that length, are its bytes, not records (as before FX7)."""
    path = tmp_path / "cut.warc"
    path.write_bytes(cut(careless_records(), EIGHT_MIB))
    got, stats = pages(path)
    assert got == ["1"] and stats.errors == {"truncated record": 1}
    assert "reading goes on" not in details(stats)[0]


def test_a_broken_record_in_a_frame_per_record_zstd_warc_costs_only_itself(tmp_path: Path) -> None:
    """Record 2's frame holds 40 bytes fewer than its Content-Length says. Before: records 3
    and 4 lost after one "broken record" (no resynchronisation in zstd)."""
    records = [news(1), news(2), news(3), news(4)]
    records[1] = records[1][:-44] + b"\r\n\r\n"
    path = tmp_path / "frames.warc.zst"
    path.write_bytes(b"".join(zstd_all(r, MB) for r in records))
    got, stats = pages(path)
    assert got[0] == "1" and got[-2:] == ["3", "4"]
    assert sum(stats.errors.values()) == 1
    assert "reading stops" not in details(stats)[0]


@pytest.mark.parametrize("suffix", [".warc.zst", ".warc.gz"])
def test_damage_in_one_compressed_stream_says_the_rest_is_not_read(tmp_path: Path, suffix: str) -> None:
    """Record 2 runs 44 bytes into record 3 (too little of its header to count as a record
    inside it: page 2 comes out with those bytes at its end, as before); the rest of record 3
    stops FastWARC, and there is no boundary to resynchronise at: the error says so, and
    what to do."""
    records = [news(1), news(2), news(3), news(4)]
    records[1] = records[1][:-44] + b"\r\n\r\n"
    raw = b"".join(records)
    path = tmp_path / ("one" + suffix)
    path.write_bytes(zstd_all(raw, MB) if suffix == ".warc.zst" else gzip.compress(raw))
    got, stats = pages(path)
    assert got == ["1", "2"] and stats.errors == {"broken record": 1}
    [stopped] = details(stats)
    assert "reading stops here" in stopped and "decompress it and read the .warc" in stopped


def test_a_page_quoting_a_warc_header_is_a_page(tmp_path: Path) -> None:
    """A header block without a Content-Length is no record inside the page."""
    quote = b"<html><pre>WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: x\r\n\r\n</pre></html>"
    path = tmp_path / "quote.warc.zst"
    path.write_bytes(zstd_all(b"".join([news(1), record(2, quote), news(3)]), MB))
    got, stats = pages(path)
    assert got == ["1", "2", "3"] and not stats.errors


def test_pages_full_of_record_headers_cost_no_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile one-stream .warc.zst: every page holds a whole record. Each page is a
    page, and no boundary is searched for at all (the file reads cleanly)."""
    fake = record(0, b"<html>inside</html>")
    path = tmp_path / "hostile.warc.zst"
    path.write_bytes(zstd_all(b"".join(record(n, b"<html>" + fake + b"</html>") for n in range(1, 301)), MB))
    searches: list[int] = []
    real = warc._Boundaries._search

    def search(self: warc._Boundaries, at: int) -> int | None:
        searches.append(at)
        return real(self, at)
    monkeypatch.setattr(warc._Boundaries, "_search", search)
    got, stats = pages(path)
    assert got == [str(n) for n in range(1, 301)] and not stats.errors
    assert not searches, searches


def test_a_warc_zstd_string_in_raw_frames_is_no_boundary(tmp_path: Path) -> None:
    """Resynchronising in a .warc.zst looks for frames that decode to a record, not for the
    text "WARC/1." in the compressed bytes (zstd stores incompressible text as it is)."""
    noise = bytes(range(256)) * 64
    records = [news(1), record(2, b"<html>" + noise + b"\r\nWARC/1.1\r\n" + noise), news(3)]
    records[1] = records[1][:-44] + b"\r\n\r\n"
    path = tmp_path / "raw.warc.zst"
    path.write_bytes(b"".join(zstd_all(r, MB) for r in records))
    got, stats = pages(path)
    assert got[0] == "1" and got[-1] == "3" and sum(stats.errors.values()) == 1


# -- resume and slices in a file compressed as one stream -------------------------------------
@pytest.mark.parametrize("suffix", [".warc.zst", ".warc.gz"])
def test_resuming_inside_one_stream_reads_again_rather_than_losing(tmp_path: Path, suffix: str) -> None:
    """Records 2.. share one offset in such a file. Before: a run resumed after page 3 read
    nothing more (seeking into the middle of a stream) and said nothing."""
    raw = b"".join(news(n) for n in range(1, 6))
    path = tmp_path / ("one" + suffix)
    path.write_bytes(zstd_all(raw, MB) if suffix == ".warc.zst" else gzip.compress(raw))
    offsets = [offset for offset, _ in iter_warc_records(path, Stats())]
    at = offsets[2]
    assert at > 0 and offsets.count(at) > 1  # (what makes it hard: positions are shared)
    got, stats = pages(path, start=at, resume_at=at + 1)
    assert got == [str(n) for n in range(1, 6) if offsets[n - 1] >= at] and not stats.errors
    assert "4" in got and "5" in got


def test_no_slice_starts_inside_one_stream(tmp_path: Path) -> None:
    """Before: a cut at a shared offset, and the slice after it read nothing, silently."""
    raw = b"".join(news(n) for n in range(1, 6))
    one = tmp_path / "one.warc.zst"
    one.write_bytes(zstd_all(raw, MB))
    assert record_offsets(one, 1) == [0]
    frames = tmp_path / "frames.warc.zst"
    frames.write_bytes(b"".join(zstd_all(news(n), MB) for n in range(1, 6)))
    cuts = record_offsets(frames, 1)
    assert len(cuts) == 5
    sliced = [pages(frames, start=lo, resume_at=lo, stop=hi)[0] for lo, hi in zip(cuts, [*cuts[1:], None])]
    assert sum(sliced, []) == ["1", "2", "3", "4", "5"]


def test_starting_inside_one_stream_is_an_error_not_silence(tmp_path: Path) -> None:
    raw = b"".join(news(n) for n in range(1, 6))
    path = tmp_path / "one.warc.zst"
    path.write_bytes(zstd_all(raw, MB))
    at = [offset for offset, _ in iter_warc_records(path, Stats())][2]
    got, stats = pages(path, start=at)
    assert got == [] and stats.errors == {"broken record": 1}
    assert "inside one compressed stream" in details(stats)[0]


# -- review R13: a cut only where the bytes prove one ------------------------------------------
QUOTE = (b"<html>\r\n<body>\r\n<h1>How WARC files look</h1>\r\n<pre>\r\nWARC/1.1\r\nWARC-Type: response\r\n"
         b"WARC-Target-URI: http://example.com/\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n"
         b"Content-Type: application/http; msgtype=response\r\nContent-Length: 1234\r\n\r\n"
         b"HTTP/1.1 200 OK\r\n...\r\n</pre>\r\n<p>An article about archiving.</p>\r\n</body>\r\n</html>\r\n")


def quoting_pages() -> list[bytes]:
    """Page 2 quotes a header block with a Content-Length (CRLF, as a page served with CRLF
    has); page 4 quotes a whole example record, text after it."""
    example = record(99, b"<html><p>example page</p></html>")
    doc = b"<html>\r\n<pre>\r\n" + example + b"</pre>\r\n<p>Reading WARC files.</p></html>\r\n"
    return [news(1), record(2, QUOTE), news(3), record(4, doc), news(5)]


@pytest.mark.parametrize("layout", ["one frame", "a frame per record"])
def test_a_page_quoting_a_header_with_a_content_length_is_a_page(tmp_path: Path, layout: str) -> None:
    """Before: page 2 was a "broken record" and lost in both layouts (1 page in 11 of a
    CC-NEWS-like file quoting one lost 116 pages), and the quoted example came out as a page
    of its own in one frame."""
    records = quoting_pages()
    path = tmp_path / "quote.warc.zst"
    path.write_bytes(zstd_all(b"".join(records), MB) if layout == "one frame"
                     else b"".join(zstd_all(r, MB) for r in records))
    got, stats = pages(path)
    assert got == ["1", "2", "3", "4", "5"] and not stats.errors


def test_a_quote_that_runs_to_the_end_of_a_page_is_no_cut_where_records_follow(tmp_path: Path) -> None:
    """One stream: the quoted header's Content-Length runs past the page's end (what a
    writer's cut leaves too): the page is a page, its quote its own bytes."""
    body = b"<html>\r\n<pre>\r\nWARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1"
    path = tmp_path / "end.warc.zst"
    path.write_bytes(zstd_all(b"".join([news(1), record(2, body), news(3)]), MB))
    got, stats = pages(path)
    assert got == ["1", "2", "3"] and not stats.errors


@pytest.mark.parametrize("suffix", [".warc.zst", ".warc.gz"])
def test_records_a_truncated_record_swallowed_in_one_stream_are_its_bytes(tmp_path: Path, suffix: str) -> None:
    """Record 2 cut at 3,000 bytes, records 3 and 4 straight after it, all one stream: the
    stream ends inside record 2's claimed length, so records 3 and 4 are its bytes (as in a
    plain .warc); one "truncated record", nothing read from inside it."""
    records = [news(1), record(2, b"<html>" + b"y" * 5000), news(3), news(4)]
    raw = b"".join([records[0], records[1][:3000], records[2], records[3]])
    path = tmp_path / ("one" + suffix)
    path.write_bytes(zstd_all(raw, MB) if suffix == ".warc.zst" else gzip.compress(raw))
    got, stats = pages(path)
    assert got == ["1"] and stats.errors == {"truncated record": 1}
    plain = tmp_path / "one.warc"
    plain.write_bytes(raw)
    assert pages(plain)[0] == got


@pytest.mark.parametrize("suffix", [".warc.zst", ".warc.gz"])
def test_a_file_of_a_frame_per_record_cut_short_is_not_told_to_decompress(tmp_path: Path, suffix: str) -> None:
    """An interrupted download: nothing follows the damage, so decompressing recovers
    nothing more. Before: "decompress it and read the .warc to recover what follows"."""
    records = [record(n, b"<html>%s</html>" % (b"story %d " % n * 300)) for n in range(1, 6)]
    whole = b"".join(zstd_all(r, MB) if suffix == ".warc.zst" else gzip.compress(r) for r in records)
    path = tmp_path / ("cut" + suffix)
    path.write_bytes(whole[:-300])
    got, stats = pages(path)
    assert got[:3] == ["1", "2", "3"] and "5" not in got
    assert stats.errors and not any("decompress it" in d for d in details(stats))


# -- review R13: damage costs time linear in its size ------------------------------------------
def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of `warc.<name>` (a class or function FastWARC gives)."""
    calls: list[int] = []
    real = getattr(warc, name)

    def call(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(warc, name, call)
    return calls


def test_a_truncated_page_of_version_lines_is_not_tried_line_by_line(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each "WARC/1.0" line in a plain file was handed to FastWARC to try (47 µs each, and a
    fresh 1 MiB read: 7 s a MB); a candidate now needs a header block with a Content-Length."""
    page = record(2, b"<html>\r\n" + b"WARC/1.0\r\nA:" * 6000)
    page = page.replace(b"Content-Length: %d" % (len(page) - page.index(b"HTTP/") - 4),
                        b"Content-Length: %d" % (len(page) + 1000), 1)
    path = tmp_path / "lines.warc"
    path.write_bytes(news(1) + page)
    tries = counting(monkeypatch, "ArchiveIterator")
    got, stats = pages(path)
    assert got == ["1"] and stats.errors == {"truncated record": 1}
    assert len(tries) <= 2, len(tries)


def test_junk_of_zstd_frame_magic_is_rejected_without_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each magic number in the junk cost a 256 KiB read and a decoder (5 s a MB); a
    candidate whose frame header is impossible is now passed over in place."""
    path = tmp_path / "junk.warc.zst"
    path.write_bytes(zstd_all(news(1), MB) + b"\x28\xb5\x2f\xfd" * 16384 + zstd_all(news(3), MB))
    decoders = counting(monkeypatch, "ZstdReader")
    got, stats = pages(path)
    assert got == ["1", "3"] and stats.errors == {"broken record": 1}
    assert len(decoders) <= 3, len(decoders)


# -- review R13 finding 9: a .warc.zst opening with a skippable frame -------------------------
@pytest.mark.parametrize("payload", [b"\x04\x00\x00\x00\x95\xc6\x19\x00", b"d" * 5000])
def test_a_zstd_warc_opening_with_a_skippable_frame_is_read(tmp_path: Path, payload: bytes) -> None:
    """pzstd writes its frame sizes in a skippable frame first (magic 0x184D2A50; any
    payload). Before: "not a WARC file: it looks like an HTML page" (the pages' text, stored
    raw, in the first 1 KiB). A WARC-zstd dictionary's frame is another: refused, below."""
    skippable = b"\x50\x2a\x4d\x18" + len(payload).to_bytes(4, "little") + payload
    path = tmp_path / "pzstd.warc.zst"
    path.write_bytes(skippable + b"".join(zstd_all(news(n), MB) for n in range(1, 4)))
    warc.check_warc(path)
    got, stats = pages(path)
    assert got == ["1", "2", "3"] and not stats.errors


@pytest.mark.parametrize("start", [0, 5000])
def test_a_warc_zstd_file_with_a_dictionary_is_refused_in_one_line(tmp_path: Path, start: int) -> None:
    """The IIPC WARC-zstd dictionary frame (magic 0x184D2A5D) first: FastWARC cannot be given
    the dictionary, so no frame would decode. Before: 0 of 199 pages and "a file compressed
    as one stream ... decompress it and read the .warc" (review R17 finding 5), which it
    is not, and which `zstd -d` cannot do without `-D`. Refused at any start (a slice)."""
    dictionary = b"\x37\xa4\x30\xec" + b"d" * 4096
    frame = b"\x5d\x2a\x4d\x18" + len(dictionary).to_bytes(4, "little") + dictionary
    path = tmp_path / "dict.warc.zst"
    path.write_bytes(frame + b"".join(zstd_all(news(n), MB) for n in range(1, 4)))
    with pytest.raises(InputError, match=r"dictionaries are not supported; .*zstd -d -D"):
        if start == 0:
            warc.check_warc(path)
        pages(path, start=start)


def test_a_skippable_frame_before_something_else_is_no_warc(tmp_path: Path) -> None:
    path = tmp_path / "other.warc.zst"
    path.write_bytes(b"\x50\x2a\x4d\x18\x02\x00\x00\x00ab<html><p>page</p></html>")
    with pytest.raises(InputError, match="zstd file of something else; give a .warc, .warc.gz or .warc.zst"):
        warc.check_warc(path)


def test_junk_of_gzip_member_magic_is_mostly_rejected_without_zlib(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored first block is checked by its length and complement, not inflated."""
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(news(1)) + b"\x1f\x8b\x08\x00" * 16384 + gzip.compress(news(3)))
    inflaters: list[int] = []
    real = zlib.decompressobj

    def counted(wbits: int = 15) -> object:
        inflaters.append(1)
        return real(wbits=wbits)
    monkeypatch.setattr(zlib, "decompressobj", counted)
    got, stats = pages(path)
    assert got == ["1", "3"] and stats.errors == {"broken record": 1}
    # (3 more than the candidates' own: page 1's member inflated to find where it ends,
    # the search starting there rather than inside it; page 3's, the file's last, inflated
    # to check that the file does not end inside it: test_warc_truncated.py)
    assert len(inflaters) <= 6, len(inflaters)


def test_a_truncated_record_resynchronises_in_a_gzip_member_per_record_file(tmp_path: Path) -> None:
    """Record 2 cut at 3,000 bytes, its member ending there: pages 3 and 4 follow in their own members."""
    records = [news(1), record(2, b"<html>" + b"y" * 5000), news(3), news(4)]
    records[1] = records[1][:3000]
    path = tmp_path / "members.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    got, stats = pages(path)
    assert got == ["1", "3", "4"] and stats.errors == {"truncated record": 1}
    assert "reading goes on at offset" in details(stats)[0]


def test_a_page_over_the_cap_quoting_a_header_is_skipped_too_large(tmp_path: Path) -> None:
    """One stream: the quote's Content-Length runs past the capped body; the page is one
    over the cap, skipped, its quote its own bytes."""
    body = b"<html>\r\n<pre>\r\nWARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\n</pre>"
    path = tmp_path / "big-quote.warc.zst"
    path.write_bytes(zstd_all(b"".join([news(1), record(2, body + b" " * (17 * MB)), news(3)]), 4 * MB))
    got, stats = pages(path)
    assert got == ["1", "3"] and stats.skipped == {"too large": 1} and not stats.errors


def test_a_careless_frame_over_the_cap_is_one_truncated_record(tmp_path: Path) -> None:
    """One stream, a 20 MiB record written in one call (8 MiB taken): the pages after it lie
    inside its claimed length, and the stream ends before that length does. They are its
    bytes: one "truncated record", page 2 and what it ran over not read (as the plain .warc
    of the same bytes reads)."""
    records = [news(1), record(2, b"<html>" + b" " * (20 * MB))] + [news(n) for n in range(3, 3000)]
    path = tmp_path / "careless-big.warc.zst"
    path.write_bytes(zstd_careless(records, 64 * MB))
    got, stats = pages(path)
    assert got == ["1"] and stats.errors == {"truncated record": 1}


def pzstd_like(records: list[bytes]) -> tuple[bytes, int]:
    """What pzstd writes: a skippable frame of frame sizes, then independent frames cutting
    the stream at arbitrary bytes (here inside record 2); and the second frame's offset."""
    raw = b"".join(records)
    split = len(records[0]) + len(records[1]) // 2
    frames = [zstd_all(raw[:split], MB), zstd_all(raw[split:], MB)]
    sizes = b"".join(len(f).to_bytes(4, "little") for f in frames)
    skippable = b"\x50\x2a\x4d\x18" + len(sizes).to_bytes(4, "little") + sizes
    return skippable + b"".join(frames), len(skippable) + len(frames[0])


def test_a_pzstd_file_is_no_plain_warc_to_slice(tmp_path: Path) -> None:
    """Review R17 finding 6: record_offsets read the skippable frame's magic as no
    compression and cut at the second frame, inside a record; that slice read the file again
    from byte 0 (the skippable frame), logging a false "broken record #0"."""
    data, second = pzstd_like([news(n) for n in range(1, 7)])
    path = tmp_path / "pzstd.warc.zst"
    path.write_bytes(data)
    assert record_offsets(path, 100) == [0]
    got, stats = pages(path, start=second, resume_at=second)  # a resume there (or an old slice)
    assert got == ["3", "4", "5", "6"] and not stats.errors
