"""WARC archives (.warc, .warc.gz) as a stream of Pages, read with FastWARC.

Only `response` records with a 2xx HTTP status and an HTML (or missing) content type
become Pages, with the HTTP headers kept for charset detection; warcinfo, request,
metadata, revisit and other records, non-HTML responses and non-2xx statuses are ignored
and counted. A broken record (truncated gzip member, a Content-Length that lies, an
invalid HTTP status line) is logged and counted, and reading resumes at the next record
boundary found in the file, so one bad record never costs the rest of the archive.

Positions are record offsets in the (compressed) file: `origin` is `path#offset`, and
reading can start at any record offset, which resume and Dask slices rely on.
"""
from __future__ import annotations

import zlib
from datetime import timezone
from pathlib import Path
from typing import BinaryIO, Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from broadsheet.errors import InputError
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents

MAX_RECORD_BYTES = 16 * 1024 * 1024
_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 20
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def what_is(head: bytes) -> str | None:
    """None when `head` (the first bytes of a file) starts a WARC, else what it looks like."""
    if head.startswith(b"WARC/") or head.startswith(_ZSTD):
        return None
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
    if problem:
        raise InputError(f"{path} is not a WARC file: it looks like {problem}; give a .warc or .warc.gz archive")


def _next_boundary(fh: BinaryIO, after: int, gz: bool) -> int | None:
    """Offset of the first record that starts at or after `after`, or None."""
    needle = _GZIP + b"\x08" if gz else b"\nWARC/1."
    pos = after
    while True:
        fh.seek(pos)
        buf = fh.read(_CHUNK + len(needle))
        if len(buf) < len(needle):
            return None
        i = buf.find(needle)
        while 0 <= i < _CHUNK:
            if not gz:
                return pos + i + 1
            fh.seek(pos + i)
            try:
                if zlib.decompressobj(31).decompress(fh.read(8192), 16).startswith(b"WARC/"):
                    return pos + i
            except zlib.error:
                pass
            i = buf.find(needle, i + 1)
        pos += _CHUNK


def _page(record: WarcRecord, where: str, events: Events) -> Page | None:
    """The Page of a response record, or None (counted) when it is not an HTML page."""
    if record.content_length > MAX_RECORD_BYTES:
        events.ignore("record too large")
        return None
    try:
        block = record.reader.read()
        if len(block) < record.content_length:  # the archive ends inside this record
            events.error("truncated record", where, f"{len(block)} of {record.content_length} bytes")
            return None
        record.set_bytes_content(block)
        record.parse_http(auto_decode="all")
    except (OSError, ValueError) as exc:
        events.error("broken HTTP payload", where, str(exc))
        return None
    http = record.http_headers
    if http is None:  # fastwarc gives a truncated last record without its HTTP part
        events.error("broken record", where, "the record ends before its HTTP headers")
        return None
    status = http.status_code
    if status is None:
        events.error("invalid HTTP status line", where, repr(http.status_line))
        return None
    if not 200 <= status < 300:
        events.ignore(f"HTTP {status // 100}xx")
        return None
    content_type = (record.http_content_type or "").lower()
    if content_type and "html" not in content_type:
        events.ignore("non-HTML response")
        return None
    headers = {k: v for k, v in http.items() if k.lower() not in _DROP_HEADERS}
    try:
        content = record.reader.read()
        fetched = record.record_date
    except (OSError, ValueError) as exc:
        events.error("broken record", where, str(exc))
        return None
    if fetched is not None and fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=timezone.utc)
    return Page(record.headers.get("WARC-Target-URI"), content, headers, fetched, where)


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
    """
    events = events or LogEvents()
    name = str(path)
    if start == 0:
        check_warc(path)
    with open(path, "rb") as fh:
        gz = fh.read(2) == _GZIP
        pos: int | None = start
        first_try = True
        while pos is not None:
            last: int | None = None
            try:
                fh.seek(pos)
                for record in ArchiveIterator(fh, parse_http=False):
                    offset = last = record.stream_pos
                    if stop is not None and offset >= stop:
                        return
                    if offset < resume_at:
                        continue
                    if record.record_type != WarcRecordType.response:
                        events.ignore(f"{record.record_type} record")
                        continue
                    page = _page(record, f"{name}#{offset}", events)
                    if page is not None:
                        yield offset, page
                return
            except OSError as exc:
                at = last if last is not None else pos
                if last is not None or first_try:  # a retry inside the same damage is not a new error
                    events.error("broken record", f"{name}#{at}", str(exc))
                first_try = False
                pos = _next_boundary(fh, at + 1, gz)
                if pos is not None and stop is not None and pos >= stop:
                    return


def iter_warc(path: str | Path, events: Events | None = None) -> Iterator[Page]:
    """The HTML pages of a WARC archive, in file order, in constant memory."""
    for _offset, page in iter_warc_records(path, events):
        yield page


def record_offsets(path: str | Path, every_bytes: int) -> list[int]:
    """Record offsets about `every_bytes` apart (slice boundaries for Dask tasks); starts with 0."""
    cuts = [0]
    try:
        for record in ArchiveIterator(str(path), parse_http=False, fsspec_args=False):
            if record.stream_pos - cuts[-1] >= every_bytes:
                cuts.append(record.stream_pos)
    except OSError:
        pass  # a broken tail: the last slice reads it (and resynchronises) itself
    return cuts
