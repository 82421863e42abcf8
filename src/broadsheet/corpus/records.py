"""The stored record: an Article's fields plus its id, provenance and duplicate pointer.

One definition serves the SQLite columns, the JSONL/Parquet exports and the Dask shards, so
the three can never disagree on names or order.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterator, Mapping

from broadsheet.model import META_FIELDS, Article
from broadsheet.surrogates import whole

#: Fields stored as JSON text in SQLite (lists, mappings and block lists).
JSON_FIELDS: frozenset[str] = frozenset({"authors", "tags", "sources", "blocks"})

#: The columns of an exported record, in order (also the JSON key order).
RECORD_FIELDS: tuple[str, ...] = (
    "id",
    *META_FIELDS,
    "text",
    "sources",
    "blocks",
    "origin",
    "fetched_at",
    "duplicate_of",
)


#: Typed columns of the exports, made from the page's own date strings (which are kept as
#: they are): the instant in UTC and the UTC offset the page wrote, in minutes.
DATE_COLUMNS: dict[str, tuple[str, str]] = {
    "date_published": ("published_at", "published_offset_minutes"),
    "date_modified": ("modified_at", "modified_offset_minutes"),
}

#: The columns of JSONL and Parquet exports, in order: the record's, with the typed dates
#: after the date strings. Not stored in SQLite: derived from the strings when exported.
EXPORT_FIELDS: tuple[str, ...] = (
    *RECORD_FIELDS[: RECORD_FIELDS.index("date_modified") + 1],
    *(name for pair in DATE_COLUMNS.values() for name in pair),
    *RECORD_FIELDS[RECORD_FIELDS.index("date_modified") + 1 :],
)

_ISO_DATE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    re.IGNORECASE,
)


def parse_instant(value: object) -> tuple[datetime | None, int | None]:
    """A date string as (UTC instant, UTC offset in minutes as written).

    ISO 8601 in any of the shapes pages give (`2024`, `2024-05`, `2024-05-01`,
    `2024-05-01T08:00`, with seconds, fractions, `Z` or `+02:00`/`+0200`), and RFC 2822
    (`Wed, 01 May 2024 08:00:00 GMT`). A date without a time is 00:00 UTC of that day (the
    first of the month or year when only those are given); a time without an offset is read
    as UTC and its offset is None, as it is for a date alone. (None, None) for anything else.
    """
    if not isinstance(value, str) or not value.strip():
        return None, None
    text = value.strip()
    m = _ISO_DATE.fullmatch(text)
    if m is None:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None, None
        if moment is None:
            return None, None
        offset = moment.utcoffset()
        if offset is None or "-0000" in text:  # RFC 2822's "-0000": the zone is unknown
            return moment.replace(tzinfo=timezone.utc), None
        try:
            return moment.astimezone(timezone.utc), int(offset.total_seconds() // 60)
        except OverflowError:  # 31 Dec 9999 23:00 -0500 is past the last instant Python holds
            return None, None
    try:
        fraction = int(((m["f"] or "") + "000000")[:6])
        local = datetime(
            int(m["y"]), int(m["m"] or 1), int(m["d"] or 1), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0), fraction
        )
    except ValueError:  # 2024-02-30, 25:00
        return None, None
    zone = (m["tz"] or "").upper()
    if not zone:
        return local.replace(tzinfo=timezone.utc), None
    if zone in ("Z", "UTC", "GMT"):
        return local.replace(tzinfo=timezone.utc), 0
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    if minutes > 18 * 60:  # no zone is that far from UTC
        return None, None
    minutes = -minutes if zone[0] == "-" else minutes
    try:
        return (local - timedelta(minutes=minutes)).replace(tzinfo=timezone.utc), minutes
    except OverflowError:
        return None, None


def typed_dates(record: Mapping[str, Any]) -> dict[str, Any]:
    """The typed date columns of a record (datetimes in UTC and offsets; None where unknown)."""
    out: dict[str, Any] = {}
    for field, (at, offset) in DATE_COLUMNS.items():
        out[at], out[offset] = parse_instant(record.get(field))
    return out


def utc_text(moment: datetime | None) -> str | None:
    """An instant as JSON writes it: ISO 8601 in UTC with `Z` (seconds, fractions where any)."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def article_id(record: Mapping[str, Any], text_hash: str) -> str:
    """A stable id from where the article lives and what it says.

    The same page seen again (same URL, same text) gets the same id, whichever worker,
    mode or run produced it; an edited version of it gets a new one.
    """
    where = record.get("url") or record.get("canonical_url") or record.get("origin") or ""
    return hashlib.sha256(f"{where}\x00{text_hash}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def to_record(
    article: Article | Mapping[str, Any],
    *,
    origin: str = "",
    fetched_at: str | None = None,
) -> dict[str, Any]:
    """The record of an article (without id and duplicate pointer, which the corpus sets)."""
    data = article.to_dict() if isinstance(article, Article) else dict(article)
    out: dict[str, Any] = {name: whole(data.get(name)) for name in RECORD_FIELDS}
    out["authors"] = list(out["authors"] or [])
    out["tags"] = list(out["tags"] or [])
    out["sources"] = _ordered_sources(out["sources"] or {})
    out["blocks"] = list(out["blocks"] or [])
    out["text"] = out["text"] or ""
    out["origin"] = whole(origin or data.get("origin") or "")
    out["fetched_at"] = fetched_at if fetched_at is not None else data.get("fetched_at")
    return out


def _ordered_sources(sources: Mapping[str, str]) -> dict[str, str]:
    """Field sources in record-field order (so every path through the system agrees)."""
    known = [name for name in RECORD_FIELDS if name in sources]
    return {name: sources[name] for name in known + sorted(set(sources) - set(known))}


#: Fields an `EncodedRecord` holds as UTF-8 bytes: the JSON fields' text and the body text,
#: most of what a worker's answer weighs.
BYTES_FIELDS: frozenset[str] = JSON_FIELDS | {"text"}


class EncodedRecord(Mapping[str, Any]):
    """A record whose JSON fields (`JSON_FIELDS`) are held as the JSON text SQLite stores,
    and whose JSON fields and body text (`BYTES_FIELDS`) are held as that text's UTF-8 bytes.

    What an ingest worker sends the single writer (`broadsheet.run.analyse`): a handful of
    byte strings to unpickle (a copy each, where a str is decoded and checked as UTF-8) instead
    of every block's dict, and nothing to encode again before the INSERT (`Corpus.add` binds
    the bytes, cast to TEXT: the same value as the str). Most of an ingest's pages are
    duplicates, whose text is never stored. As a Mapping it reads like the plain record
    (`to_record`): a field held as bytes is decoded (a JSON field also parsed) when it is
    looked up. A lone surrogate becomes U+FFFD (`whole`), so every field can be stored.
    """

    __slots__ = ("_data",)

    def __init__(self, record: Mapping[str, Any]) -> None:
        self._data = {name: _utf8(_json(value) if name in JSON_FIELDS else value) if name in BYTES_FIELDS else whole(value)
                      for name, value in record.items()}

    def __getitem__(self, name: str) -> Any:
        value = self._data[name]
        if name in BYTES_FIELDS and isinstance(value, (str, bytes)):
            if name in JSON_FIELDS:
                return json.loads(value)
            return value.decode("utf-8") if isinstance(value, bytes) else value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"EncodedRecord({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_encoded, (self._data,))

    def encoded(self) -> dict[str, Any]:
        """The fields as held (`BYTES_FIELDS` as UTF-8 bytes where they could be): a copy,
        for `to_row` and an INSERT that casts them to TEXT (`Corpus.add`)."""
        return dict(self._data)


def _utf8(value: Any) -> Any:
    """Text as UTF-8 bytes (a lone surrogate as U+FFFD); anything else (None) as it is."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError:
            return whole(value).encode("utf-8")
    return value


def _encoded(data: dict[str, Any]) -> EncodedRecord:
    """Unpickling: the held fields as they are (no encoding again)."""
    record = EncodedRecord.__new__(EncodedRecord)
    record._data = data
    return record


def to_row(record: Mapping[str, Any]) -> list[Any]:
    """Record -> SQLite parameters in RECORD_FIELDS order (JSON fields serialised; a JSON
    field held as text or UTF-8 bytes already, as `EncodedRecord.encoded` holds them, as it
    is: the INSERT casts the bytes to TEXT). Text is made `whole`: a lone surrogate cannot be bound."""
    return [whole(_json(record.get(name)) if name in JSON_FIELDS else record.get(name)) for name in RECORD_FIELDS]


def _json(value: Any) -> str | bytes:
    """`json.dumps(value, ensure_ascii=False)`, with empty lists and mappings written at once
    (two in five of the fields of an ingest's rows: a duplicate's blocks, most tags), and
    text or UTF-8 bytes (a field encoded already) as it is."""
    if isinstance(value, (str, bytes)):
        return value
    if not value and isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value, ensure_ascii=False)


def from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """SQLite row (by column name) -> record with plain JSON types."""
    out: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = row[name]
        if name in JSON_FIELDS:
            value = json.loads(value) if value else ({} if name == "sources" else [])
        out[name] = value
    return out
