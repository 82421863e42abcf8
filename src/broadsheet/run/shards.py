"""Parquet shards written by Dask workers: the articles of one task, before dedup.

A shard has the export's columns (`broadsheet.corpus.export.arrow_schema`) plus
`text_hash` and `minhash`, so it is useful on its own (load it in pandas, DuckDB...) and the
driver can deduplicate it into the corpus without extracting anything again. `duplicate_of`
is empty in shards: duplicates are found when the shards are merged, in input order.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import IO, Any, Iterable, Iterator, Literal, cast

import pyarrow as pa

from broadsheet.corpus.dedup import Fingerprint
from broadsheet.corpus.export import arrow_schema, read_parquet_records, write_parquet
from broadsheet.corpus.records import RECORD_FIELDS, article_id
from broadsheet.run.analyse import Analysis
from broadsheet.surrogates import whole_value

SHARD_SCHEMA = arrow_schema([("text_hash", pa.string()), ("minhash", pa.binary())])


def _open(url: str, mode: Literal["rb", "wb"]) -> AbstractContextManager[IO[bytes]]:
    """`url` opened by fsspec in binary mode; a local path's missing folders are made."""
    import fsspec

    local = "://" not in url or url.startswith("file://")
    opened = fsspec.open(url, mode, auto_mkdir=True) if local else fsspec.open(url, mode)
    # cast: fsspec ships no types; OpenFile in a binary mode enters as a binary file object.
    return cast("AbstractContextManager[IO[bytes]]", opened)


def _rows(analyses: Iterable[Analysis]) -> Iterator[dict[str, Any]]:
    for analysis in analyses:
        if analysis.record is None or analysis.fp is None:
            continue
        # whole_value: Arrow refuses a lone surrogate, and one would fail the whole task's shard
        row = {name: whole_value(value) for name, value in analysis.record.items()}
        row["id"] = article_id(row, analysis.fp.text_hash)
        row["text_hash"] = analysis.fp.text_hash
        row["minhash"] = analysis.fp.signature
        yield row


def write_shard(analyses: Iterable[Analysis], url: str) -> int:
    """Write the articles among `analyses` to a shard at `url` (path or fsspec URL)."""
    with _open(url, "wb") as fh:
        return write_parquet(_rows(analyses), fh, SHARD_SCHEMA)


def read_shard(url: str) -> Iterator[Analysis]:
    """The shard's articles back as analyses, in the order they were written."""
    with _open(url, "rb") as fh:
        for row in read_parquet_records(fh):
            record = {name: row.get(name) for name in RECORD_FIELDS}
            record["id"] = record["duplicate_of"] = None
            fp = Fingerprint(row["text_hash"], row["minhash"])
            yield Analysis(record["origin"] or "", record["url"], "article", record=record, fp=fp)
