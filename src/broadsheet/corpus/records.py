"""The stored record: an Article's fields plus its id, provenance and duplicate pointer.

One definition serves the SQLite columns, the JSONL/Parquet exports and the Dask shards, so
the three can never disagree on names or order.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

from broadsheet.model import META_FIELDS, Article

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
    out: dict[str, Any] = {name: data.get(name) for name in RECORD_FIELDS}
    out["authors"] = list(out["authors"] or [])
    out["tags"] = list(out["tags"] or [])
    out["sources"] = _ordered_sources(out["sources"] or {})
    out["blocks"] = list(out["blocks"] or [])
    out["text"] = out["text"] or ""
    out["origin"] = origin or data.get("origin") or ""
    out["fetched_at"] = fetched_at if fetched_at is not None else data.get("fetched_at")
    return out


def _ordered_sources(sources: Mapping[str, str]) -> dict[str, str]:
    """Field sources in record-field order (so every path through the system agrees)."""
    known = [name for name in RECORD_FIELDS if name in sources]
    return {name: sources[name] for name in known + sorted(set(sources) - set(known))}


def to_row(record: Mapping[str, Any]) -> list[Any]:
    """Record -> SQLite parameters in RECORD_FIELDS order (JSON fields serialised)."""
    return [
        json.dumps(record.get(name), ensure_ascii=False) if name in JSON_FIELDS else record.get(name)
        for name in RECORD_FIELDS
    ]


def from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """SQLite row (by column name) -> record with plain JSON types."""
    out: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = row[name]
        if name in JSON_FIELDS:
            value = json.loads(value) if value else ({} if name == "sources" else [])
        out[name] = value
    return out
