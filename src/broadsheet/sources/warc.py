"""WARC archives (.warc, .warc.gz, .warc.zst) as a stream of Pages, read with FastWARC.

Only `response` records with a 2xx HTTP status and an HTML (or missing) content type
become Pages, with the HTTP headers kept for charset detection; warcinfo, request,
metadata, revisit and other records, non-HTML responses and non-2xx statuses are ignored
and counted. A broken record (truncated gzip member, a Content-Length that lies, an
invalid HTTP status line) is logged and counted, and reading resumes at the next record
boundary found in the file after the end of the last record read (never inside it: a page
may quote records, or hold whole gzip members or zstd frames, and those are its bytes),
so one bad record never costs the rest of the archive. A boundary is a "WARC/1.x" line
in a plain file, a gzip member or zstd frame that decodes to one in a compressed file.

A page's body is the page's, whatever the format: records inside it are never read. A
file whose writer dropped bytes (FastWARC's `ZstdWriter` takes at most 8 MiB a write and
says so only in its return value) therefore gives the cut page with the bytes it ran over
in its body, as a .warc or .warc.gz of the same bytes does; reading the records back out
of pages let a hostile page plant records under other sites' URLs (reviews R13, R17,
R19), and was removed. A file compressed as one stream (one gzip member or zstd frame
for all records) has no boundary after its start: there the error says what is lost and
that decompressing the file recovers it.

A compressed file cut short (an interrupted download or copy) ends inside its last gzip
member or zstd frame, which FastWARC's gzip reader passes over in silence (a stream just
ends). The unit the reader stopped in is checked at the end: a cut one is one "truncated
file" error (see `_cut_unit`).

The HTTP payload is decoded here, not by FastWARC (whose `auto_decode` inflates without
a limit: a 3 KB brotli record became a MemoryError and then a panic that ended the
archive): chunked transfer coding is undone by `_dechunk` (chunk extensions allowed; a
body stored already de-chunked under a stale header is taken as it is), then the
Content-Encoding by `broadsheet.inflate` with the cap `MAX_RECORD_BYTES` on the decoded
size. A payload that decodes past the cap is a page skipped as "too large" (that record
only; counted skipped, with a row in the rejects, as the pool's pages over the cap are).
A record whose Content-Length is over the cap is never read: when the file really holds
it, reading seeks past it (a response: a page skipped "too large"; another record:
ignored as its kind); when the claim lies (a 10 GB claim in a small file), it is a broken
record and reading resumes at the next record boundary. A .warc.zst cannot be seeked in:
there a record's payload is read up to the cap plus one byte, and one longer is skipped
"too large" the same way (FastWARC reads past the rest in constant memory).

Positions are record offsets in the (compressed) file: `origin` is `path#offset`, and
reading can start at any record offset, which resume and Dask slices rely on. What is
reported of a response record the reader read the header of is placed at `path#offset URL`
(its WARC-Target-URI), so that its reject row is keyed as its page's is (see `_said`). Inside one
compressed stream records share offsets and none can be seeked to: there no slice starts,
and resuming reads the stream again from its start (see `iter_warc_records`).
"""
from __future__ import annotations

import io
import os
import re
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterator
from urllib.parse import quote

from fastwarc.stream_io import GzipReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from broadsheet.errors import InputError
from broadsheet.inflate import BadEncoding, TooLarge, codings, inflate
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents, QuietEvents

#: The most bytes one record may hold, and one payload may decode to.
MAX_RECORD_BYTES = 16 * 1024 * 1024
_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 20
#: What follows "WARC/1." in a record's first line (searched for anywhere, not only after a
#: line end: damage may leave a record straight after other bytes).
_VERSION_ENDS = (b"0\r\n", b"1\r\n")
_ZSTD_PROBE = 1 << 18  # file bytes given to the decoder to check a zstd frame's start
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def _is_skippable(head: bytes) -> bool:
    """Whether `head` starts a zstd skippable frame (pzstd's frame sizes; a WARC-zstd
    dictionary, which is refused: see `_no_dictionary`)."""
    return len(head) >= 8 and head[1:4] == b"\x2a\x4d\x18" and head[0] & 0xF0 == 0x50


#: The first byte of the skippable frame in which a WARC-zstd file keeps its dictionary
#: (magic 0x184D2A5D; pzstd's frame sizes use 0x184D2A50).
_DICTIONARY_FRAME = 0x5D


def _skippable_end(fh: BinaryIO) -> int:
    """The offset after the zstd skippable frames a file starts with (0: none): FastWARC
    reads no such frame, so reading starts after them."""
    return _skippable_frames(fh)[0]


def _skippable_frames(fh: BinaryIO) -> tuple[int, bool]:
    """(the offset after the zstd skippable frames a file starts with, whether one of them
    is a WARC-zstd dictionary)."""
    pos, dictionary = 0, False
    while True:
        fh.seek(pos)
        head = fh.read(8)
        if not _is_skippable(head):
            return pos, dictionary
        dictionary = dictionary or head[0] == _DICTIONARY_FRAME
        pos += 8 + int.from_bytes(head[4:8], "little")


def _no_dictionary(path: str | Path, fh: BinaryIO) -> None:
    """Raise InputError where the file is a WARC-zstd file with a dictionary: its frames
    decode only with that dictionary, which FastWARC's reader cannot be given."""
    if _skippable_frames(fh)[1]:
        raise InputError(f"{path}: a WARC-zstd file compressed with a dictionary (kept in its first frame):"
                         " zstd dictionaries are not supported; save that frame's content to a file (itself"
                         " zstd-compressed where it starts with 28 b5 2f fd: decompress it), run"
                         " `zstd -d -D that-file` on the archive, and ingest the .warc")


def what_is(head: bytes) -> str | None:
    """None when `head` (the first bytes of a file) starts a WARC, else what it looks like."""
    if head.startswith(b"WARC/") or head.startswith(_ZSTD):
        return None
    if _is_skippable(head):  # a zstd file whose first frame is skippable
        rest = head[8 + int.from_bytes(head[4:8], "little"):]
        return None if not rest or rest.startswith(_ZSTD) or _is_skippable(rest) else "a zstd file of something else"
    if head.startswith(_GZIP):
        try:
            inner = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return "a damaged gzip file"
        return None if inner.startswith(b"WARC/") or len(inner) < 5 else "a gzip file of something else"
    if not head:
        return "an empty file"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "a tar archive"
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive"
    if b"<html" in head[:1024].lower() or b"<!doctype" in head[:1024].lower():
        return "an HTML page"
    return "some other file"


def check_warc(path: str | Path) -> None:
    """Raise InputError unless `path` starts like a WARC file."""
    with open(path, "rb") as fh:
        problem = what_is(fh.read(4096))
        if problem is None:
            _no_dictionary(path, fh)
    if problem:
        raise InputError(f"{path} is not a WARC file: it looks like {problem}; give a .warc, .warc.gz or .warc.zst archive")


def _next_boundary(fh: BinaryIO, after: int, gz: bool, zst: bool = False) -> int | None:
    """Offset of the first record that starts at or after `after`, or None (see `_Boundaries`)."""
    return _Boundaries(fh, gz, zst).after(after)


class _Boundaries:
    """Record boundaries of one open file: where a record starts at or after an offset.

    In a .warc.gz a record starts a gzip member, in a .warc.zst a zstd frame (one frame per
    record, as WARC-zstd writers do): a candidate counts when it decodes to "WARC/". A file
    compressed as one stream has no such boundary after its start.

    The bytes last read are kept and searched on: resynchronising inside damage asks again
    after every false candidate, and a fresh 1 MiB read each time cost 7 s a MB of a page
    full of version lines. Where none is left is remembered too: in one compressed stream a
    hostile file could make every page search the rest of the file again."""

    def __init__(self, fh: BinaryIO, gz: bool, zst: bool) -> None:
        self.fh, self.gz, self.zst = fh, gz, zst
        self.needle = _GZIP + b"\x08" if gz else _ZSTD if zst else b"WARC/1."
        # Bytes kept past the searched part of a window, for checking a candidate near its end.
        self.margin = _ZSTD_PROBE if zst else 8192 if gz else _MAX_HEADER + 16
        # Plain: the next blank line and Content-Length line in the window at or after the
        # last candidate (-2: not looked for, -1: none), reused by the candidates before them.
        self.blank = self.length = -2
        self.none_from: int | None = None  # no boundary at or after this offset
        self.damaged = False  # whether the gzip member `end_of` last looked at failed to inflate
        # The file's budget for `_members_chained_after` ([inflated bytes, `_gzip_state` calls]
        # left), set at its first use: one for the whole file, not one per damaged member.
        self.chain_budget: list[int] | None = None
        self.buf_at, self.buf, self.eof = 0, b"", False
        self.view = memoryview(self.buf)  # candidates are checked in place: a 256 KiB slice copied each cost 2.5 µs

    def after(self, offset: int) -> int | None:
        """The first record offset at or after `offset`, or None. The file position is kept."""
        if self.none_from is not None and offset >= self.none_from:
            return None
        here = self.fh.tell()
        try:
            found = self._search(offset)
        finally:
            self.fh.seek(here)
        if found is None:
            self.none_from = offset
        return found

    def end_of(self, at: int) -> int:
        """Where the record at `at` ends in the file: its zstd frame's end (from the block
        headers), its gzip member's end (inflated, output thrown away), or in a plain file
        its header block plus Content-Length; `at + 1` where that cannot be told (inside one
        stream, a damaged member). A search for the next boundary starts here, never inside
        the record: a page's body may quote records or hold whole frames (review R19)."""
        here = self.fh.tell()
        try:
            if self.gz:
                found = _gzip_member_damage(self.fh, at)
                end, self.damaged = (None, False) if found is None else found
            else:
                end = _zstd_frame_end(self.fh, at) if self.zst else _plain_record_end(self.fh, at)
        finally:
            self.fh.seek(here)
        return at + 1 if end is None or end <= at else end

    def head(self, at: int, size: int) -> bytes:
        """The first `size` decoded bytes of the member or frame at `at` (b"" when damaged)."""
        here = self.fh.tell()
        try:
            self.fh.seek(at)
            data = self.fh.read(_ZSTD_PROBE if self.zst else 8192 + size)
        finally:
            self.fh.seek(here)
        try:
            if not self.zst:
                return zlib.decompressobj(31).decompress(data, size)
            return ZstdReader(io.BytesIO(data), fsspec_args=False).read(size)
        except BaseException as exc:
            if not isinstance(exc, (OSError, ValueError, zlib.error)) and not _is_panic(exc):
                raise
            return b""

    def _search(self, pos: int) -> int | None:
        needle = self.needle
        while True:
            end = self.buf_at + len(self.buf) - (0 if self.eof else self.margin)  # searched up to here
            if not self.buf_at <= pos < end:
                self.fh.seek(pos)
                self.buf = self.fh.read(_CHUNK + self.margin)
                self.buf_at, self.eof = pos, len(self.buf) < _CHUNK + self.margin
                self.view = memoryview(self.buf)
                self.blank = self.length = -2
                end = pos + len(self.buf) - (0 if self.eof else self.margin)
                if len(self.buf) < len(needle):
                    return None
            buf, base = self.buf, self.buf_at
            i = buf.find(needle, pos - base, end - base + len(needle) - 1)
            while i >= 0:
                if self._starts(buf, i):
                    return base + i
                i = buf.find(needle, i + 1, end - base + len(needle) - 1)
            if self.eof:
                return None
            pos = end

    def _starts(self, buf: bytes, i: int) -> bool:
        if not self.gz and not self.zst:
            # A version line and a header block with a Content-Length (FastWARC reads no
            # record without one): a page of version lines made FastWARC try each, 47 µs apiece.
            if buf[i + 7:i + 10] not in _VERSION_ENDS:
                return False
            if self.blank != -1 and self.blank < i:
                self.blank = buf.find(b"\r\n\r\n", i)
            if self.blank == -1 or self.blank - i > _MAX_HEADER:
                return False
            if self.length != -1 and self.length < i:
                found = _LENGTH_HEADER.search(buf, i)
                self.length = found.start() if found is not None else -1
            return self.length != -1 and self.length <= self.blank
        return _decodes_to_record(self.view[i:i + self.margin], self.zst, self.buf, i)


def _zstd_first_block(data: bytes | memoryview) -> tuple[int, int, int] | None:
    """(offset of the first block's data, its type, its size) of the zstd frame starting
    `data`, or None where its frame or block header is impossible (a reserved bit set, a
    window over 2 GiB, the reserved block type, a block over 128 KiB or over the frame's
    window, which a single-segment frame states as its content size): a false candidate is
    rejected here, before any decoding (junk of frame headers claiming 128 KiB blocks cost
    a 128 KiB copy each: 1.7 s a MB, review R17)."""
    if len(data) < 6 or data[4] & 0x08:
        return None
    descriptor = data[4]
    single = descriptor & 0x20
    pos = 5
    window = 128 << 10
    if not single:
        exponent, mantissa = data[5] >> 3, data[5] & 7
        if exponent + 10 > 31:
            return None
        base = 1 << (exponent + 10)
        window = base + (base >> 3) * mantissa
        pos += 1
    pos += (0, 1, 2, 4)[descriptor & 3]
    fcs_size = ((1 if single else 0), 2, 4, 8)[descriptor >> 6]
    if len(data) < pos + fcs_size + 3:
        return None
    if single:  # the window is the content size (2 bytes of it count from 256)
        window = int.from_bytes(data[pos:pos + fcs_size], "little") + (256 if fcs_size == 2 else 0)
    pos += fcs_size
    block = int.from_bytes(data[pos:pos + 3], "little")
    kind, size = (block >> 1) & 3, block >> 3
    if kind == 3 or size > min(128 << 10, window):
        return None
    return pos + 3, kind, size


def _zstd_literals_may_start_record(data: bytes | memoryview, at: int) -> bool:
    """Whether the literals section of a compressed block at `at` can decode to "WARC/": it
    has no repeated byte, so its first 5 bytes are literals of the first sequence. Raw
    literals must be those bytes; RLE literals never are; a first block has no Huffman table
    to repeat ("treeless"). Only Huffman-compressed literals need the decoder."""
    if len(data) <= at:
        return False
    kind = data[at] & 3
    if kind == 0:
        skip = (1, 2, 1, 3)[(data[at] >> 2) & 3]
        return bytes(data[at + skip:at + skip + 5]) == b"WARC/"
    return kind == 2


def _decodes_to_record(data: bytes | memoryview, zst: bool, whole: bytes | None = None, at_whole: int = 0) -> bool:
    """Whether `data` (from a candidate on) is a gzip member or zstd frame that decodes to
    the start of a WARC record. Only a bounded piece goes to the decoder, and only 5 bytes
    are asked of it: a zstd frame's first block (read from its header) is all it needs.
    `whole`, where given, is the bytes `data` lies in from `at_whole` on: the zstd decoder
    reads from it in place (a BytesIO over bytes shares them) instead of from a copy."""
    if not zst:
        if len(data) < 18 or data[3] & 0xE0:  # reserved flag bits set: no gzip member
            return False
        if data[3] == 0 and (data[10] >> 1) & 3 != 2:  # no extra fields, a first block not dynamic
            kind = (data[10] >> 1) & 3
            if kind == 3:
                return False
            if kind == 0:  # stored: its length and the complement, then the bytes as they are
                size = int.from_bytes(data[11:13], "little")
                return size ^ int.from_bytes(data[13:15], "little") == 0xFFFF and data[15:20] == b"WARC/"
        try:
            return zlib.decompressobj(31).decompress(data[:8192], 16).startswith(b"WARC/")
        except zlib.error:
            return False
    block = _zstd_first_block(data)
    if block is None:
        return False
    at, kind, size = block
    if kind == 0:  # raw: the bytes as they are
        return data[at:at + 5] == b"WARC/"
    if kind == 1:  # one byte repeated: never "WARC/"
        return False
    if not _zstd_literals_may_start_record(data, at):
        return False
    try:
        if whole is None:
            source = io.BytesIO(bytes(data[:at + size + 64]))
        else:
            source = io.BytesIO(whole)
            source.seek(at_whole)
        return ZstdReader(source, fsspec_args=False).read(5) == b"WARC/"
    except BaseException as exc:  # a false match: not a frame, or a damaged one
        if not isinstance(exc, (OSError, ValueError)) and not _is_panic(exc):
            raise
        return False


def _zstd_frame_end(fh: BinaryIO, at: int) -> int | None:
    """The file offset after the zstd frame starting at `at`, walked block header by block
    header (3 bytes read a block of up to 128 KiB), or None where no frame header starts
    there. A frame cut short by the file's end ends there; one whose block header is
    impossible (the reserved type, over 128 KiB) ends at that header: the blocks before it
    are the frame's, and a frame stored verbatim inside them is a page's bytes."""
    fh.seek(at)
    head = fh.read(14)
    if len(head) < 6 or head[:4] != _ZSTD or head[4] & 0x08:
        return None
    descriptor = head[4]
    single = descriptor & 0x20
    pos = at + 5 + (0 if single else 1) + (0, 1, 2, 4)[descriptor & 3] + ((1 if single else 0), 2, 4, 8)[descriptor >> 6]
    size_of_file = os.fstat(fh.fileno()).st_size
    while True:
        fh.seek(pos)
        raw = fh.read(3)
        if len(raw) < 3:
            return size_of_file
        block = int.from_bytes(raw, "little")
        kind, size = (block >> 1) & 3, block >> 3
        if kind == 3 or size > 128 << 10:
            return pos
        pos += 3 + (1 if kind == 1 else size)
        if block & 1:  # the last block, then the checksum where the frame has one
            return min(pos + (4 if descriptor & 4 else 0), size_of_file)


def _gzip_member_damage(fh: BinaryIO, at: int) -> tuple[int, bool] | None:
    """(the file offset after the gzip member starting at `at` (inflated, the output thrown
    away), whether inflating it failed there), or None where none starts there. A damaged
    member ends at the byte where inflating failed: the bytes before it inflated as this
    member, so a member stored
    verbatim in them is a page's bytes, not a boundary. Input goes in 16 KiB steps; the step
    that fails is fed again, a byte at a time, to a copy of the inflater taken before it
    (ending at the step's start let a member stored within 16 KiB of the damage be read:
    review R20)."""
    if not _member_starts(fh, at):
        return None
    fh.seek(at)
    obj = zlib.decompressobj(31)
    pos = at
    while not obj.eof:
        data = fh.read(_GZIP_STEP)
        if not data:
            return pos, False
        before = obj.copy()
        pending = data
        try:
            while not obj.eof:  # (output may stay inside zlib with no input left: see `_member_end`)
                piece = obj.decompress(pending, _CHUNK)
                pending = obj.unconsumed_tail
                if not pending and len(piece) < _CHUNK:
                    break
        except zlib.error:
            return pos + _inflates_up_to(before, data), True
        pos += len(data) - len(obj.unused_data)
    return pos, False


def _inflates_up_to(obj: "zlib._Decompress", data: bytes) -> int:
    """How many bytes of `data` inflate soundly with `obj`, fed one at a time (a byte of
    deflate gives at most about a kilobyte; only a damaged member's last step pays this)."""
    for i in range(len(data)):
        try:
            obj.decompress(data[i:i + 1])
        except zlib.error:
            return i
        if obj.eof:
            return i + 1
    return len(data)


_GZIP_STEP = 16 << 10  # input fed at a time where a member's end is looked for


def _plain_record_end(fh: BinaryIO, at: int) -> int | None:
    """The offset after the content of the uncompressed record at `at` (its header block and
    Content-Length), or None where no record header with a Content-Length starts there."""
    fh.seek(at)
    head = fh.read(_MAX_HEADER + 16)
    header_len = _header_len(head)
    if not head.startswith(b"WARC/") or header_len is None:
        return None
    length = _LENGTH_HEADER.search(head, 0, header_len)
    return None if length is None else at + header_len + int(length.group(1))


def _starts_record(fh: BinaryIO, at: int, zst: bool) -> bool:
    """Whether the gzip member (or zstd frame) at `at` decodes to the start of a WARC record."""
    fh.seek(at)
    return _decodes_to_record(fh.read(_ZSTD_PROBE if zst else 8192), zst)


class _Cut(Exception):
    """A truncated record: the stream ends inside its claimed length. Raised by `_page`;
    the reader resynchronises after the record's own gzip member or zstd frame (where one
    follows: a writer that crashed mid-record and was restarted on the same file)."""

    def __init__(self, got: int, claimed: int) -> None:
        super().__init__(got, claimed)
        self.got, self.claimed = got, claimed

    def detail(self, resumed_at: int | None) -> str:
        """What the error says: how much of the record is there, and where reading goes on."""
        text = f"{self.got} of {self.claimed} bytes"
        return text if resumed_at is None else text + f": reading goes on at offset {resumed_at}"


#: Said where damage in a compressed file has no record boundary after it to resume at, and
#: the damaged record starts a gzip member or zstd frame of its own (so no stream goes on).
_NOTHING_FOLLOWS = "; no record follows it in the file"
#: Said where damage in a compressed file has no record boundary after it to resume at.
_NO_BOUNDARY = ("; no record boundary follows it in the compressed file, so reading stops here: a file compressed"
                " as one stream has none to resume at; decompress it and read the .warc to recover what follows")


# -- files cut short --------------------------------------------------------------------------
#
# A .warc.gz or .warc.zst cut short (an interrupted download or copy, a full disk) ends inside
# its last gzip member or zstd frame. FastWARC's gzip reader says nothing of it (a stream cut
# short just ends), and where it or the zstd reader do stop with an error, it names the cut
# record at best ("truncated record", "incomplete frame"). After the reader stops, the unit
# it was in is checked (`_cut_unit`); a cut one is one "truncated file" error saying so, in
# place of the errors of the record the stream stopped in. The records before the cut come
# out as they did: FastWARC's iterator gives every record the cut unit holds whole (checked
# against zlib's decoding of the cut file in test_warc_truncated.py).


def _gzip_state(fh: BinaryIO, at: int, limit: int | None = None,
                budget: list[int] | None = None) -> tuple[int, str]:
    """(where the gzip member at `at` ends, "whole" | "cut" | "damaged"): "cut" where the
    file ends inside it. Inflated in steps, the output thrown away; "long" where it goes on
    past `limit` bytes of the file, or where its output spends `budget[0]` (bytes, counted
    down across calls). The steps grow from 16 KiB to 1 MiB: a 1 MiB read for each small
    member (zlib copying the rest into `unused_data`) made a stretch of 29-byte members
    cost 7 s a MB (review RV-W finding 1)."""
    fh.seek(at)
    obj = zlib.decompressobj(31)
    pos = at
    step = _GZIP_STEP
    while not obj.eof:
        if limit is not None and pos - at >= limit:
            return pos, "long"
        data = fh.read(step if limit is None else min(step, limit - (pos - at)))
        step = min(2 * step, _CHUNK)
        if not data:
            return pos, "cut"
        pending = data
        try:
            while not obj.eof:
                piece = obj.decompress(pending, _CHUNK)
                pending = obj.unconsumed_tail
                if budget is not None:
                    budget[0] -= len(piece)
                    if budget[0] < 0:
                        return pos, "long"
                if not pending and len(piece) < _CHUNK:
                    break
        except zlib.error:
            return pos, "damaged"
        pos += len(data) - len(obj.unused_data)
    return pos, "whole"


def _zstd_state(fh: BinaryIO, at: int) -> tuple[int, str, int]:
    """(where the zstd frame at `at` ends, "whole" | "cut" | "damaged", where its last
    complete block ends): block headers walked."""
    fh.seek(at)
    head = fh.read(14)
    if len(head) < 6 or head[:4] != _ZSTD or head[4] & 0x08:
        return at, "damaged", at
    descriptor = head[4]
    single = descriptor & 0x20
    pos = at + 5 + (0 if single else 1) + (0, 1, 2, 4)[descriptor & 3] + ((1 if single else 0), 2, 4, 8)[descriptor >> 6]
    size_of_file = os.fstat(fh.fileno()).st_size
    if pos > size_of_file:
        return size_of_file, "cut", pos
    while True:
        fh.seek(pos)
        raw = fh.read(3)
        if len(raw) < 3:
            return size_of_file, "cut", pos
        block = int.from_bytes(raw, "little")
        kind, size = (block >> 1) & 3, block >> 3
        if kind == 3 or size > 128 << 10:
            return pos, "damaged", pos
        end = pos + 3 + (1 if kind == 1 else size)
        if end > size_of_file:
            return size_of_file, "cut", pos
        pos = end
        if block & 1:
            frame_end = pos + (4 if descriptor & 4 else 0)
            return (frame_end, "whole", pos) if frame_end <= size_of_file else (size_of_file, "cut", pos)


class _Held:
    """Errors of one record held until it is known not to be the one a cut file ends in
    (the truncated-file error takes their place there); ignores and skips pass."""

    def __init__(self, events: Events) -> None:
        self.events = events
        self.errors: list[tuple[str, str, str]] = []

    def ignore(self, reason: str) -> None:
        self.events.ignore(reason)

    def skip(self, reason: str, where: str, detail: str) -> None:
        self.events.skip(reason, where, detail)

    def error(self, reason: str, where: str, message: str) -> None:
        self.errors.append((reason, where, message))

    def flush(self) -> None:
        for reason, where, message in self.errors:
            self.events.error(reason, where, message)
        self.errors = []


def _cut_unit(fh: BinaryIO, zst: bool, starts: list[int], decoded: tuple[int, int] | None = None) -> int | None:
    """Where the unit (gzip member, zstd frame) starts that the file ends inside, looked for
    at the offsets `starts` (each where a unit may start, the likeliest first) and on along
    the units that follow; None where none is cut. A unit counts where it decodes to a
    record's start, or is cut before it decodes to 5 bytes (a sound gzip header, a zstd
    frame header whose first block is possible). `decoded`: see `_gzip_unit_state`."""
    size = os.fstat(fh.fileno()).st_size
    seen: set[int] = set()
    for at in starts:
        hops = 0
        while at < size and at not in seen and hops < 4:  # (a few units on: the reader's last ones)
            seen.add(at)
            fh.seek(at)
            head = fh.read(_ZSTD_PROBE if zst else 8192)
            if zst and _is_skippable(head):  # (pzstd's frame sizes: passed over)
                at, hops = at + 8 + int.from_bytes(head[4:8], "little"), hops + 1
                continue
            if not head.startswith((_ZSTD if zst else _GZIP)[:len(head)]):
                break
            if zst:
                end, state, blocks_end = _zstd_state(fh, at)
            else:
                (end, state), blocks_end = _gzip_unit_state(fh, at, size, decoded), size
            if state == "whole" and end >= size:
                return None  # the file ends where a whole unit does
            record = _decodes_to_record(head, zst)
            if state == "cut" and (record or (_zstd_first_block(head) is not None and blocks_end <= at + 18 if zst
                                              else _too_short(head))):
                return at
            if not record or state != "whole" or end <= at:
                break
            at, hops = end, hops + 1
        if hops:  # whole units walked from here: what follows them is no unit the file ends in
            return None
    return None


def _gzip_unit_state(fh: BinaryIO, at: int, size: int, decoded: tuple[int, int] | None = None) -> tuple[int, str]:
    """`_gzip_state`, where a member longer than 64 KiB that runs to the file's end is told
    whole by `_one_whole_member` (the member of a file compressed as one stream).

    `decoded`: (where the reader started, the decoded size of the records it read from
    there: `_Decoded`). Where the member at that start is the file's last and its trailer
    (ISIZE) states that size, it is whole with no second inflating, which had cost a file
    compressed as one stream 85% more read time (600 pages of 35 KB: review RV-W). A cut
    file's last 4 bytes are compressed data, which match by chance once in 2**32, the bet
    `_one_whole_member` makes too; a miss checks as before."""
    if decoded is not None and decoded[0] == at and decoded[1] > 0 and size - at >= 18:
        fh.seek(size - 4)
        if int.from_bytes(fh.read(4), "little") == decoded[1] & 0xFFFFFFFF:
            return size, "whole"
    end, state = _gzip_state(fh, at, 4 * _GZIP_STEP)
    if state != "long":
        return end, state
    if _one_whole_member(fh, at, size):
        return size, "whole"
    return _gzip_state(fh, at)


class _Decoded:
    """The decoded size of the records FastWARC gives from one start in a .warc.gz: each
    record's header block, Content-Length and the 4 bytes of the CRLFs that end it (a
    well-formed stream's size exactly). Counted only while the records share a gzip member:
    where a record comes at a new offset that starts a member, the file is not one stream
    from there (a member per record, or a few records a member) and counting stops, so
    those files pay for one or two records' counts. `size`: -1 where it stopped."""

    def __init__(self, fh: BinaryIO, on: bool) -> None:
        self.fh = fh
        self.size = 0 if on else -1
        self.offset: int | None = None

    def add(self, record: WarcRecord) -> None:
        if self.size < 0:
            return
        offset = record.stream_pos
        if self.offset is not None and offset != self.offset and self._member_at(offset):
            self.size = -1
            return
        self.offset = offset
        state = record.headers.__getstate__()  # (the header block, as FastWARC holds it)
        block = state[0] if isinstance(state, tuple) and state else None
        if not isinstance(block, bytes):
            self.size = -1
            return
        self.size += len(block) + record.content_length + 4

    def _member_at(self, offset: int) -> bool:
        here = self.fh.tell()
        try:
            self.fh.seek(offset)
            return self.fh.read(3) == _GZIP + b"\x08"
        finally:
            self.fh.seek(here)


def _one_whole_member(fh: BinaryIO, at: int, size: int) -> bool:
    """Whether the rest of the file from `at` is one whole gzip member: FastWARC's inflater
    run to the end (no output copied out: twice as fast as zlib here), its decoded size the
    one the member's trailer states. A file compressed as one stream is checked so at its end."""
    fh.seek(at)
    try:
        reader = GzipReader(fh, fsspec_args=False)
        reader.seek(1 << 62)
        whole = reader.frame_start_position() == at and reader.inner_tell() == size
        decoded = reader.tell()
    except BaseException as exc:
        if not isinstance(exc, (OSError, ValueError)) and not _is_panic(exc):
            raise
        return False
    fh.seek(size - 4)
    return whole and size - at >= 18 and int.from_bytes(fh.read(4), "little") == decoded & 0xFFFFFFFF


def _too_short(head: bytes) -> bool:
    """Whether `head`, a gzip member's start that the file ends inside, decodes soundly to
    fewer than 5 bytes: too short to tell whether a record starts it."""
    if len(head) < 10:
        return head[2:3] in (b"", b"\x08")
    try:
        obj = zlib.decompressobj(31)
        return len(obj.decompress(head, 5)) < 5 and not obj.eof
    except zlib.error:
        return False


def _plain_cut(fh: BinaryIO, compressed: bool, offset: int) -> str:
    """What a truncated record's error adds where a plain file ends inside it."""
    end = None if compressed else _plain_record_end(fh, offset)
    size = os.fstat(fh.fileno()).st_size
    if end is None or end <= size:
        return ""
    return (f"; the file ends at byte {size}, inside this record: it was cut short (an interrupted download or copy,"
            " a full disk) or its writer dropped bytes; download or copy the file again")


def _size_of(fh: BinaryIO) -> int:
    """The size of an open file."""
    return os.fstat(fh.fileno()).st_size


def _cut_file(events: Events, name: str, fh: BinaryIO, unit: int, zst: bool, hold: "_Held",
              current: WarcRecord | None, offset: int, resume_at: int, seen: "_Seen", pos: int) -> None:
    """The truncated-file error, in place of the held errors of the record the stream
    stopped in (`current`, named where it had any) where that record was read from the cut
    unit (`_read_from`): the record the cut falls in. Where the cut unit is a later one,
    which FastWARC gave no record of, the held errors are that whole record's own: they
    are reported, and no record is named (before, the whole record was named as cut and
    its own error dropped: review RV-W finding 3).

    The row names the page it is about where that is known (`_said`): the record the stream
    stopped in where the cut unit starts with it, else the unit's first record where it is a
    response that was not read (a zstd frame cut short gives none of its records). Inside
    one stream, or where the unit's first record was read, the lost record is not known."""
    cut = current is not None and bool(hold.errors) and _read_from(fh, zst, unit, pos, current, seen)
    lost = (current.record_id or "?") if cut and current is not None else None
    if lost is not None:
        hold.errors = []
    else:
        hold.flush()
    counted = events if offset >= resume_at else QuietEvents()  # (reported in the run before)
    url: str | None = None
    if lost is not None and current is not None and current.stream_pos == unit:
        if current.record_type == WarcRecordType.response:
            url = current.headers.get("WARC-Target-URI")
    elif unit > 0:  # (at 0 a stream's first record: not the one lost)
        first = _first_record(fh, zst, unit)
        if first is not None and first[1] == "response" and not seen.read_first(unit, first[0]):
            url = first[2]
    counted.error("truncated file", _at(f"{name}#{unit}", url), _truncated(name, _size_of(fh), unit, zst, lost))


_TARGET_URI = re.compile(rb"\r\nWARC-Target-URI[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def _first_record(fh: BinaryIO, zst: bool, unit: int) -> tuple[str, str, str | None] | None:
    """(WARC-Record-ID, WARC-Type, WARC-Target-URI) of the first record of the gzip member
    or zstd frame at `unit`, from its decoded start; None where its header cannot be read."""
    head = _Boundaries(fh, not zst, zst).head(unit, 8192)
    end = head.find(b"\r\n\r\n")
    if not head.startswith(b"WARC/") or end < 0:
        return None
    head = head[:end + 2]
    found_id, found_type, found_uri = _RECORD_ID.search(head), _RECORD_TYPE.search(head), _TARGET_URI.search(head)
    if found_id is None or found_type is None:
        return None
    text = [m.group(1).strip().decode("utf-8", "replace") if m is not None else None
            for m in (found_id, found_type, found_uri)]
    return text[0] or "", text[1] or "", text[2]


class _Seen:
    """The WARC-Record-IDs of the records read at the furthest offset so far: whether a cut
    unit's first record was read (FastWARC gives a member's first record its start, later
    ones the next member's, and a member's records may come at the next one's start)."""

    LIMIT = 10_000  # IDs kept at one offset; past it, every record there counts as read

    def __init__(self) -> None:
        self.at = -1
        self.ids: set[str] = set()
        self.full = False

    def add(self, record: WarcRecord) -> None:
        if record.stream_pos > self.at:
            self.at, self.ids, self.full = record.stream_pos, set(), False
        if len(self.ids) < self.LIMIT:
            self.ids.add((record.record_id or "").strip())
        else:
            self.full = True

    def read_first(self, unit: int, record_id: str) -> bool:
        """Whether the record `record_id`, the first of the unit at `unit`, was read."""
        return self.at > unit or (self.at == unit and (self.full or record_id in self.ids))


def _read_from(fh: BinaryIO, zst: bool, unit: int, pos: int, record: WarcRecord, seen: "_Seen") -> bool:
    """Whether `record`, the last that FastWARC gave reading from `pos`, was read from the
    unit at `unit` (the file's last). FastWARC gives a record the offset of the unit it
    starts in, or, for a later record of a unit holding several, the next unit's once it
    has read into it; in one stream, a position in the input. So a record at an offset past
    `unit` lies in it; one at `unit` where reading started there, where it is the unit's
    first record (its header may be cut: matched by ID and type), or where that first
    record was read before it: else it is the last of the unit before, and FastWARC gave
    none of the cut unit's."""
    at = record.stream_pos
    if at != unit or unit == pos:
        return at >= unit
    if _member_starts_with(_Boundaries(fh, not zst, zst), unit, record):
        return True
    first = _first_record(fh, zst, unit)
    return first is not None and seen.read_first(unit, first[0])


def _truncated(path: str, size: int, unit: int, zst: bool, lost: str | None) -> str:
    """The truncated-file error's message (`lost`: the ID of the record the stream stopped in)."""
    kind = "zstd frame" if zst else "gzip member"
    check = f"`zstd -t {path}`" if zst else f"`gzip -t {path}`"
    what = (f"its record {lost} is incomplete and was not read" if lost is not None
            else "every record it holds whole was read, and any record it cuts is lost")
    return (f"the file ends at byte {size}, inside the {kind} that starts at byte {unit}: it was cut short (an"
            f" interrupted download or copy, a full disk); {what}; download or copy the file again ({check}"
            " reports the damage)")


_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_SPACE = re.compile(r"\s")


def _spaced(match: re.Match[str]) -> str:
    return quote(match.group(), safe="")


def _target_uri(value: str | None) -> str | None:
    """A WARC-Target-URI as the page's URL: without the angle brackets WARC/1.0's grammar
    puts around it (`<https://...>`; WARC/1.1 dropped them), and with any whitespace inside
    it percent-encoded as a browser sends it (a space as %20, U+00A0 as %C2%A0). The page is
    stored under this URL and the reader's rows about its record name the same one (`_at`):
    a row stayed after the page was stored where the URI had brackets or whitespace, which
    made it no one token (review RV-W2 finding G)."""
    if value is None or (value.isascii() and value.isprintable() and " " not in value and value[:1] != "<"):
        return value  # (the usual URI, as it is: a third of the regex's cost)
    if value[:1] == "<" and value[-1:] == ">":
        value = value[1:-1].strip(" \t")
    if _SPACE.search(value):
        value = _SPACE.sub(_spaced, value)
    return value


def _at(where: str, url: str | None) -> str:
    """`where` followed by the URL `url` (`_target_uri`), where it is one token with a
    scheme (see `_said`)."""
    url = _target_uri(url)
    return f"{where} {url}" if url and _URI.fullmatch(url) else where


def _said(where: str, record: WarcRecord | None) -> str:
    """Where an event about a response record is reported: its position followed by its
    WARC-Target-URI (`file.warc.gz#offset URL`), so that its reject row is keyed as the
    page's is (`broadsheet.corpus.store.page_key`) and goes when that page is stored: keyed
    by the position alone, a row the reader wrote stayed after the page was stored from the
    whole file (review RV-R finding 1). The URI is the page's URL (`_target_uri`: no angle
    brackets, whitespace percent-encoded); one with no scheme is left out: the row keeps
    the position alone."""
    return _at(where, record.headers.get("WARC-Target-URI") if record is not None else None)


def _page(record: WarcRecord, where: str, events: Events) -> Page | None:
    """The Page of a response record, or None (counted) when it is not an HTML page (its
    events reported at `_said(where, record)`: the position and the record's URL).

    Raises _Cut where the stream ends inside the record. Records quoted in the body are
    the page's own bytes, whatever the format: never read as records (review R19).

    The HTTP headers are parsed off the stream and the body read after them: one copy of
    the page. Reading the whole block first and slicing the body out of it copied every
    page twice (0.05 s of the 0.4 s the reading loop cost on 300 MB of pages, in the
    process that is the pool's single reader). The events' place is built only where one is
    reported: built for every response it cost 15-30% of the reader on small records
    (review RV-W2 finding C)."""
    claimed = record.content_length
    try:
        record.parse_http(auto_decode="none")  # decoded below, with a cap
        head = claimed - record.content_length  # the HTTP headers' bytes, blank line included
        # Never more than the cap: a .warc.zst record over it reaches here (no seeking in
        # zstd), and 13 KB of zstd became a 400 MB read. FastWARC reads past the rest.
        body = record.reader.read(MAX_RECORD_BYTES + 1)
    except (OSError, ValueError) as exc:
        events.error("broken HTTP payload", _said(where, record), str(exc))
        return None
    too_large = len(body) > MAX_RECORD_BYTES
    if not too_large and head + len(body) < claimed:  # the stream ends inside this record
        raise _Cut(head + len(body), claimed)
    http = record.http_headers
    if http is None:  # fastwarc gives a truncated last record without its HTTP part
        events.error("broken record", _said(where, record), "the record ends before its HTTP headers")
        return None
    status = http.status_code
    if status is None:
        events.error("invalid HTTP status line", _said(where, record), repr(http.status_line))
        return None
    if not 200 <= status < 300:
        events.ignore(f"HTTP {status // 100}xx")
        return None
    content_type = (record.http_content_type or "").lower()
    if content_type and "html" not in content_type:
        events.ignore("non-HTML response")
        return None
    if too_large:
        events.skip("too large", _said(where, record), _over_cap(claimed))
        return None
    headers: dict[str, str] = {}
    dropped: dict[str, list[str]] = {name: [] for name in _DROP_HEADERS}  # (codings read from here)
    for key, value in http.items():  # every line, in order, as get_multiple gives them
        low = key.lower()
        if low in dropped:
            dropped[low].append(value)
        else:
            headers[key] = value
    try:
        fetched = _record_date(record)
    except (OSError, ValueError) as exc:
        events.error("broken record", _said(where, record), str(exc))
        return None
    try:
        content = _decode(body, ", ".join(dropped["transfer-encoding"]), ", ".join(dropped["content-encoding"]))
    except TooLarge:
        events.skip("too large", _said(where, record), f"the payload decodes to more than {MAX_RECORD_BYTES} bytes")
        return None
    except BadEncoding as exc:
        events.error("broken HTTP payload", _said(where, record), str(exc))
        return None
    if fetched is not None and fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=timezone.utc)
    return Page(_target_uri(record.headers.get("WARC-Target-URI")), content, headers, fetched, where)


#: The longest WARC header block looked at inside a page (FastWARC's own limit).
_MAX_HEADER = 32 << 10
_LENGTH_HEADER = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*(\d{1,18})", re.IGNORECASE)


#: A WARC-Date as WARC 1.0/1.1 write it (UTC, seconds, up to microseconds), which
#: `datetime.fromisoformat` reads as FastWARC's `record_date` does.
_WARC_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z")


def _record_date(record: WarcRecord) -> datetime | None:
    """`record.record_date`, read here where the header has the usual shape: FastWARC's
    property lets go of the GIL, twice a record counting `get_multiple`, and every time
    handed the core to one of the guarded pool's I/O threads in the process that reads the
    archive. Anything else (another shape, an impossible date) is FastWARC's to read."""
    text = record.headers.get("WARC-Date")
    if text is not None and _WARC_DATE.fullmatch(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    date: datetime | None = record.record_date
    return date


def _decode(body: bytes, transfer_encoding: str, content_encoding: str) -> bytes:
    """The payload as the page's bytes, given the two headers' values (each comma-joined):
    de-chunked, then its content codings undone.

    Raises TooLarge when it decodes past `MAX_RECORD_BYTES`, BadEncoding for an unknown
    coding or a damaged stream (except a body that is plainly markup already: some
    archivers store the decoded body and keep the Content-Encoding header).
    """
    transfer = codings(transfer_encoding)
    if "chunked" in transfer:
        body = _dechunk(body)
    # Content codings were applied first, transfer codings (gzip, chunked) after them.
    names = codings(content_encoding) + [t for t in transfer if t != "chunked"]
    if not names:
        return body
    try:
        return inflate(body, names, MAX_RECORD_BYTES)
    except BadEncoding:
        if body.lstrip()[:1] == b"<":
            return body
        raise


_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


def _dechunk(body: bytes) -> bytes:
    """The data of a chunked body (never longer than the body).

    Chunk extensions (`1f;name=value`) and trailers are passed over; a body cut short
    gives the chunks it holds. A body whose first line is no chunk size was stored
    de-chunked (common: the archiver kept the header) and is returned as it is.
    """
    out = bytearray()
    pos = 0
    while True:
        eol = body.find(b"\n", pos, pos + 4096)
        size_text = body[pos:eol].split(b";", 1)[0].strip() if eol >= 0 else b""
        if not _CHUNK_SIZE.fullmatch(size_text):
            return body if pos == 0 else bytes(out)
        size = int(size_text, 16)
        start = eol + 1
        end = start + size
        if pos == 0 and size and body[end:end + 1] not in (b"\r", b"\n", b""):
            return body  # a first "chunk" not followed by a line end: not chunked after all
        if size == 0:
            return bytes(out)
        out += body[start:end]
        if end >= len(body):
            return bytes(out)
        pos = end + (2 if body[end:end + 2] == b"\r\n" else 1 if body[end:end + 1] == b"\n" else 0)


def _over_cap(claimed: int) -> str:
    return f"the record holds {claimed} bytes, over the cap of {MAX_RECORD_BYTES}"


class _Noted:
    """Events passed on, the place of the last error kept: after damage, a plain record that
    had an error of its own is no header to trust for where it ends (see `iter_warc_records`)."""

    def __init__(self, events: Events) -> None:
        self.events = events
        self.last_error: str | None = None

    def ignore(self, reason: str) -> None:
        self.events.ignore(reason)

    def skip(self, reason: str, where: str, detail: str) -> None:
        self.events.skip(reason, where, detail)

    def error(self, reason: str, where: str, message: str) -> None:
        self.last_error = where
        self.events.error(reason, where, message)

    def was_at(self, position: str) -> bool:
        """Whether the last error was reported at `position` (`file#offset`, a URL after it or not)."""
        last = self.last_error
        return last is not None and (last == position or last.startswith(position + " "))


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic inside FastWARC (pyo3's PanicException derives from BaseException)."""
    return type(exc).__name__ == "PanicException"


def iter_warc_records(
    path: str | Path,
    events: Events | None = None,
    *,
    start: int = 0,
    resume_at: int = 0,
    stop: int | None = None,
) -> Iterator[tuple[int, Page]]:
    """(record offset, Page) for each HTML response, from the record at `start`.

    Records before `resume_at` and at or after `stop` are passed over. Raises InputError
    (before yielding anything) when the file is not a WARC archive at all.

    Inside a file compressed as one stream (one gzip member or zstd frame for many records)
    records share offsets (FastWARC's position in the compressed input) and none of them can
    be seeked to. Resuming there (`resume_at` at or past `start`) reads the stream from the
    file's start again, passing over the records before `start` and reading every record at
    `start` again: a few pages counted twice as duplicates, none lost. Any other start inside
    such a stream is an error: nothing can be read from there.
    """
    events = noted = _Noted(events or LogEvents())
    name = str(path)
    if start == 0:
        check_warc(path)
    with open(path, "rb") as fh:
        _no_dictionary(path, fh)  # (a slice or a resume starts past check_warc)
        first = _skippable_end(fh)
        fh.seek(first)
        head = fh.read(4)
        gz = head[:2] == _GZIP
        zst = head.startswith(_ZSTD)
        pos: int | None = start or first
        boundaries = _Boundaries(fh, gz, zst)
        if start and (gz or zst) and not _starts_record(fh, start, zst):
            if resume_at < start:
                events.error("broken record", f"{name}#{start}", "no record can be read from this offset: it"
                             " lies inside one compressed stream; read the file from its start")
                return
            pos, resume_at = first, start  # (after any skippable frames: FastWARC reads none)
        first_try = True
        compressed = gz or zst
        seen = _Seen()  # (which records a cut unit's error may name)
        while pos is not None:
            last: int | None = None
            jump: int | None = None
            # In a compressed file, a record's errors are held until the next record comes:
            # where the file is cut short inside it, the truncated-file error takes their place.
            hold = _Held(events)
            current: WarcRecord | None = None
            decoded = _Decoded(fh, gz)  # (for the end check: `_gzip_unit_state`)
            try:
                fh.seek(pos)
                for record in ArchiveIterator(fh, parse_http=False):
                    offset = last = record.stream_pos
                    seen.add(record)
                    decoded.add(record)  # (before `_page`: parsing the HTTP headers changes content_length)
                    if compressed:
                        hold.flush()
                        current = record
                    if stop is not None and offset >= stop:
                        return
                    if record.content_length > MAX_RECORD_BYTES and not zst:
                        # Never read: FastWARC would skip it by reading, and end the archive
                        # silently where the claim runs past the end of the file.
                        counted = events if offset >= resume_at else QuietEvents()  # counted (and logged) in the run before
                        jump = _past_large_record(name, offset, record.content_length, gz, counted, record.record_type,
                                                  boundaries, _said(f"{name}#{offset}", record))
                        if jump is not None:
                            break
                        continue  # one of several records in one gzip member: FastWARC reads past it
                    if offset < resume_at:
                        continue
                    if record.record_type != WarcRecordType.response:
                        events.ignore(f"{record.record_type} record")
                        continue
                    where = f"{name}#{offset}"
                    try:
                        page = _page(record, where, hold if compressed else events)
                    except _Cut as cut:  # the stream ends inside it: read on at the next boundary after it
                        jump = boundaries.after(boundaries.end_of(offset))
                        if jump is None and compressed:
                            unit = _cut_unit(fh, zst, [offset, pos])
                            if unit is not None:  # the file ends inside it
                                counted = events if offset >= resume_at else QuietEvents()
                                # (the record's URL where the unit starts with it: its page's key)
                                counted.error("truncated file", _said(f"{name}#{unit}", record if unit == offset else None),
                                              _truncated(name, _size_of(fh), unit, zst, record.record_id or "?"))
                                return
                        events.error("truncated record", _said(where, record), cut.detail(jump) + _plain_cut(fh, compressed, offset))
                        if jump is None:
                            return
                        break
                    if page is not None:
                        yield offset, page
                if jump is None:
                    if compressed:
                        unit = _cut_unit(fh, zst, [last, pos] if last is not None else [pos],
                                         (pos, decoded.size) if decoded.size > 0 else None)
                        if unit is not None:
                            _cut_file(events, name, fh, unit, zst, hold, current, last or pos, resume_at, seen, pos)
                            return
                        hold.flush()
                    return
                hold.flush()
                pos, first_try = jump, True
            except BaseException as exc:
                if not isinstance(exc, OSError) and not _is_panic(exc):
                    raise
                at = last if last is not None else pos
                # From the end of the last record read (its gzip member or zstd frame, which
                # its page's bytes cannot move): a search from inside it took records or
                # frames its page quotes for boundaries (review R19). A plain record's end is
                # its header's word, not trusted where that record itself had an error (its
                # header may have run into the next record's): there the search starts after
                # its first byte, as it always did.
                trusted = compressed or not noted.was_at(f"{name}#{at}")
                resync_from = boundaries.end_of(at) if trusted else at + 1
                if gz and resync_from > at + 1 and boundaries.damaged:
                    # A member cut by a crash, then members a resumed writer appended: those
                    # inside the bytes inflated as the cut member's count where they chain.
                    resync = _members_chained_after(boundaries, fh, at + 1, resync_from)
                else:
                    resync = boundaries.after(resync_from)
                if compressed:
                    unit = _cut_unit(fh, zst, [at, pos]) if resync is None else None
                    if unit is not None:  # the file ends inside it
                        _cut_file(events, name, fh, unit, zst, hold, current, at, resume_at, seen, pos)
                        return
                    hold.flush()
                if last is not None or first_try:  # a retry inside the same damage is not a new error
                    detail = str(exc) or type(exc).__name__
                    if resync is None and (gz or zst):
                        # Inside one stream what follows is lost; where the damage starts a
                        # member or frame of its own (a file cut short), nothing follows.
                        detail += _NO_BOUNDARY if at == 0 or not _starts_record(fh, at, zst) else _NOTHING_FOLLOWS
                    events.error("broken record", f"{name}#{at}", detail)
                first_try = False
                pos = resync
            if pos is not None and stop is not None and pos >= stop:
                return


_HTTP_STATUS = re.compile(rb"HTTP/\d(?:\.\d)?[ \t]+(\d{3})")
_CONTENT_TYPE = re.compile(rb"\r?\ncontent-type[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def _too_large(events: Events, kind: WarcRecordType, where: str, claim: int, head: bytes = b"") -> None:
    """A record over the cap, never read whole: a response is a page skipped "too large" (a
    reject row), unless the start of it (`head`: its WARC and HTTP headers, where read) says
    it is no page: an HTTP error or a video is ignored as a small one is; any other record
    is ignored as one of its kind is."""
    if kind != WarcRecordType.response:
        events.ignore(f"{kind} record")
        return
    header_len = _header_len(head)
    if header_len is not None:
        http = head[header_len:]
        http = http[: http.find(b"\r\n\r\n") if b"\r\n\r\n" in http else len(http)]
        status = _HTTP_STATUS.match(http)
        if status is not None and not 200 <= int(status.group(1)) < 300:
            events.ignore(f"HTTP {int(status.group(1)) // 100}xx")
            return
        content_type = _CONTENT_TYPE.search(http)
        if status is not None and content_type is not None:
            value = content_type.group(1).strip().lower()
            if value and b"html" not in value:
                events.ignore("non-HTML response")
                return
    events.skip("too large", where, f"the record holds {claim} bytes, over the cap of {MAX_RECORD_BYTES}")


def _past_large_record(path: str, offset: int, claim: int, gz: bool, events: Events,
                       kind: WarcRecordType = WarcRecordType.response,
                       boundaries: _Boundaries | None = None, said: str | None = None) -> int | None:
    """Where reading goes on after a record whose Content-Length (`claim`) is over the cap.

    An uncompressed record that the file holds is skipped by seeking; in a .warc.gz the
    record's gzip member is inflated as a stream (constant memory, output thrown away) to
    find its end. A claim the file does not bear out is a broken record: reading resumes
    at the next record boundary (the file's size when there is none). None: the gzip
    member holds further records after this one (a whole file gzipped as one member), so
    the caller lets FastWARC read past it. `boundaries`: the reader's own, whose kept bytes
    serve every such record of one damaged stretch (a fresh one read 1 MiB for each fake
    record header: review R17 finding 8). `said`: where a response's events are reported
    (its position and URL: `_said`).
    """
    where = said if said is not None and kind == WarcRecordType.response else f"{path}#{offset}"
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if gz:
            if not _member_starts(fh, offset):  # one gzip member for many records: no seeking inside it
                _too_large(events, kind, where, claim)
                return None
            found = _member_end(fh, offset, claim)
            if found is None:
                events.error("broken record", where, f"damaged gzip member (Content-Length {claim})")
                return (boundaries.after(offset + 1) if boundaries else _next_boundary(fh, offset + 1, True)) or size
            end, header_len, decoded, head = found
            if end is None:  # the member goes on past the record: records share it
                _too_large(events, kind, where, claim, head)
                return None
            if header_len is not None and decoded >= header_len + claim:
                _too_large(events, kind, where, claim, head)
                return end
            problem = "the archive ends inside it" if end >= size else f"its gzip member holds {decoded} bytes"
            resync_from = end
        else:
            fh.seek(offset)
            head = fh.read(65536)
            header_len = _header_len(head)
            end = offset + (header_len or 0) + claim
            if header_len is not None and end <= size:
                fh.seek(end)
                after = fh.read(64).lstrip(b"\r\n")
                if not after or after.startswith(b"WARC/"):
                    _too_large(events, kind, where, claim, head)
                    return end  # FastWARC passes over the blank lines that end a record
            problem = "the archive ends before that" if end > size else "no record starts where it would end"
            events.error("broken record", where, f"Content-Length claims {claim} bytes, but {problem}")
            found_at = _chained_after(boundaries or _Boundaries(fh, False, False), fh, offset + 1, end, size)
            return size if found_at is None else found_at
        events.error("broken record", where, f"Content-Length claims {claim} bytes, but {problem}")
        found_at = boundaries.after(resync_from) if boundaries else _next_boundary(fh, resync_from, gz)
        return size if found_at is None else found_at


def _chained_after(boundaries: _Boundaries, fh: BinaryIO, start: int, claimed_end: int, size: int) -> int | None:
    """The first record start at or after `start` in a plain file, after a record whose
    claimed end (`claimed_end`) is not borne out: one inside the claimed range counts only
    where the records from it chain (each one's header and Content-Length land on the next
    one's start) to the end of the file, or to a record starting at or past the claimed
    end. The claim may lie (records it swallows chain on to the archive's continuation);
    a true claim followed by damage holds a page, whose quoted records chain only to the
    page's end (review R20 finding 1: a page over the cap quoting records of another site,
    then a damaged record, gave those records). Each offset is followed once.

    Where the claimed end lies past the file's end, the file may have been cut inside a
    true claim, and a cut at the end of a quoted record (or in the CRLFs after it) made the
    page's quotes chain to the file's end (review RV-W finding 2): there the chain must end
    as a whole archive does, its last record followed by its 4 bytes of CRLFs and at most 4
    more CR or LF bytes, nothing else (`_chains`; exactly 4 lost every record after a lying
    claim in a file that ends with an extra newline: review RV-W2 finding B). A cut there
    still passes (at the quote's end, or up to 4 bytes on where the page goes on with CR or
    LF): that file is byte for byte one whose lying claim swallowed records, whose records
    are read (test_warc_over_cap_resync.py)."""
    seen: dict[int, bool] = {}
    at = boundaries.after(start)
    while at is not None and at < claimed_end:
        if _chains(fh, at, claimed_end, size, seen):
            return at
        at = boundaries.after(at + 1)
    return at


_CHAIN_MEMBERS = 1000  # `_gzip_state` calls for the chain checks of one file, at least
_CHAIN_BYTES = 256 << 20  # and the bytes they inflate to, at least


def _members_chained_after(boundaries: _Boundaries, fh: BinaryIO, start: int, failed: int) -> int | None:
    """The first record member at or after `start` in a .warc.gz, where the member before
    `start` is damaged and inflated soundly up to `failed`: one before `failed` counts only
    where the members from it chain (each inflates whole and the next starts where it ends)
    to the end of the file or to a record member at or past `failed`. A writer that crashed
    mid-member and was resumed on the same file leaves such a chain (the members it
    appended, their first ones read by the inflater as the cut member's bytes); a member a
    page stored verbatim is followed by the page's other bytes, and stays the page's.

    The file gets one budget for all its damaged members (`boundaries.chain_budget`):
    `_gzip_state` calls (about 2 a candidate: `_CHAIN_MEMBERS`, or one per 16 KiB of the
    file where that is more) and bytes inflated (`_CHAIN_BYTES`, or 4 times the file's size
    where that is more). Once it is spent the search starts at `failed`, as it did before
    chains were looked for (a damaged member full of tiny members cost 115 s at 16 MB, one
    of bombs 11 s: review RV-W finding 1; a budget per damaged member still cost 1 s a MB
    where the file held many: review RV-W2 finding A). A resumed writer's chain starts at
    the first candidate, and is read well within it."""
    size = os.fstat(fh.fileno()).st_size
    if boundaries.chain_budget is None:
        boundaries.chain_budget = [max(_CHAIN_BYTES, 4 * size), max(_CHAIN_MEMBERS, size >> 14)]
    budget = boundaries.chain_budget
    if budget[0] < 0 or budget[1] <= 0:
        return boundaries.after(failed)
    seen: dict[int, bool] = {}
    at = boundaries.after(start)
    while at is not None and at < failed:
        walked: list[int] = []
        here = at
        while True:
            if here in seen:
                verdict = seen[here]
                break
            if here >= failed or here == size:
                verdict = here == size or _member_starts(fh, here)
                break
            budget[1] -= 1
            if budget[1] < 0:
                return boundaries.after(failed)
            end, state = _gzip_state(fh, here, budget=budget)
            if state == "long":
                return boundaries.after(failed)
            if state != "whole" or not _member_starts(fh, here):
                verdict = False
                break
            walked.append(here)
            here = end
        for offset in walked:
            seen[offset] = verdict
        if verdict:
            return at
        at = boundaries.after(at + 1)
    return at


def _chains(fh: BinaryIO, at: int, claimed_end: int, size: int, seen: dict[int, bool]) -> bool:
    """Whether the records from `at` chain to the end of the file or to a record at or past
    `claimed_end` (see `_chained_after`); `seen` keeps each offset's answer."""
    walked: list[int] = []
    tail = b"\r\n\r\n"
    while True:
        if at in seen:
            verdict = seen[at]
            break
        if at == size:  # (past a claimed end past the file's: ended as a whole archive ends)
            verdict = claimed_end <= size or len(tail) >= 4  # (4-8 bytes, all CR or LF)
            break
        end = _plain_record_end(fh, at) if at < size else None
        if end is None or at >= claimed_end:  # (past the claimed end: a record must start here)
            verdict = end is not None
            break
        walked.append(at)
        fh.seek(end)
        tail = fh.read(8)
        at = end + len(tail) - len(tail.lstrip(b"\r\n"))  # (the blank lines that end a record)
        if end > size:
            verdict = False
            break
    for offset in walked:
        seen[offset] = verdict
    return verdict


_SLACK = 64  # bytes after a record's content in its gzip member (the blank lines that end it)


def _member_starts(fh: BinaryIO, offset: int) -> bool:
    """Whether a gzip member holding a WARC record starts at `offset`."""
    fh.seek(offset)
    try:
        return zlib.decompressobj(31).decompress(fh.read(8192), 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _header_len(data: bytes) -> int | None:
    """Length of the WARC header block at the start of `data` (blank line included)."""
    end = data.find(b"\r\n\r\n")
    return end + 4 if end >= 0 else None


def _member_end(fh: BinaryIO, offset: int, claim: int) -> tuple[int | None, int | None, int, bytes] | None:
    """(file offset after the gzip member at `offset`, its WARC header length, bytes decoded,
    the first 64 KiB decoded: the record's headers).

    The member is inflated in steps and the output thrown away, so a 10 GB record costs
    time, not memory. The end is None when the member decodes past the record that claims
    `claim` bytes (several records in one member: inflating stops there); None for a
    damaged member.
    """
    fh.seek(offset)
    obj = zlib.decompressobj(31)
    consumed = decoded = 0
    header = bytearray()
    header_len: int | None = None
    while not obj.eof:
        data = fh.read(_CHUNK)
        pending = data
        try:
            while not obj.eof:  # a full step may leave output inside zlib even with no input left
                piece = obj.decompress(pending, _CHUNK)
                pending = obj.unconsumed_tail
                decoded += len(piece)
                if header_len is None and len(header) < 65536:
                    header += piece[:65536]
                    header_len = _header_len(bytes(header))
                if header_len is not None and decoded > header_len + claim + _SLACK:
                    return None, header_len, decoded, bytes(header)
                if not pending and len(piece) < _CHUNK:
                    break
        except zlib.error:
            return None
        consumed += len(data) - len(obj.unused_data)  # (at the end, zlib leaves the rest in both)
        if not data:
            break
    return offset + consumed, header_len, decoded, bytes(header)


def iter_warc(path: str | Path, events: Events | None = None) -> Iterator[Page]:
    """The HTML pages of a WARC archive, in file order, in constant memory."""
    for _offset, page in iter_warc_records(path, events):
        yield page


_RECORD_ID = re.compile(rb"\r\nWARC-Record-ID[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)
_RECORD_TYPE = re.compile(rb"\r\nWARC-Type[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def _member_starts_with(boundaries: _Boundaries, at: int, record: WarcRecord) -> bool:
    """Whether the gzip member or zstd frame at `at` starts with `record` (its WARC-Record-ID
    and WARC-Type: writers reusing an ID for a request and its response exist): a member
    holding several records reports its later ones at the next member's start, so a slice
    cut there would lose them (review R17 finding 4)."""
    head = boundaries.head(at, 4096)
    if not head.startswith(b"WARC/"):
        return False
    head = head[:head.find(b"\r\n\r\n") + 2] if b"\r\n\r\n" in head else head
    found_id, found_type = _RECORD_ID.search(head), _RECORD_TYPE.search(head)
    if found_id is None or found_type is None:
        return False
    same_id = found_id.group(1).strip().decode("utf-8", "replace") == (record.record_id or "").strip()
    kind = (record.headers.get("WARC-Type") or "").strip()
    return same_id and found_type.group(1).strip().decode("utf-8", "replace") == kind


def record_offsets(path: str | Path, every_bytes: int) -> list[int]:
    """Record offsets about `every_bytes` apart (slice boundaries for Dask tasks); starts with 0."""
    cuts = [0]
    last = -1  # the offset the record before reported
    with open(path, "rb") as fh:
        fh.seek(_skippable_end(fh))  # (pzstd's frame sizes first: a zstd file all the same)
        head = fh.read(4)
        compressed, zst = head[:2] == _GZIP or head.startswith(_ZSTD), head.startswith(_ZSTD)
        boundaries = _Boundaries(fh, head[:2] == _GZIP, zst)
        try:
            for record in ArchiveIterator(str(path), parse_http=False, fsspec_args=False):
                at, first_here, last = record.stream_pos, record.stream_pos != last, record.stream_pos
                if first_here and at - cuts[-1] >= every_bytes:
                    # A slice may start only where a record can be seeked to: in a .warc.gz or
                    # .warc.zst, a gzip member or zstd frame of its own (a file compressed as
                    # one stream is one slice), and whose first record is the first reported
                    # there: FastWARC gives a member's later records the next member's start,
                    # so the slice before, stopping at that offset, would lose them.
                    if not compressed or _member_starts_with(boundaries, at, record):
                        cuts.append(at)
        except OSError:
            pass  # a broken tail: the last slice reads it (and resynchronises) itself
    return cuts
