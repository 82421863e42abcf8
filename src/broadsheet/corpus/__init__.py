"""Articles at rest: the SQLite corpus, dedup, exports, and reading flattened records back.

Public API (stable; `broadsheet crawl` and `broadsheet ingest` both use it):

    from broadsheet.corpus import Corpus, Checkpoint

    with Corpus("broadsheet.sqlite") as corpus:  # its own near-duplicate threshold (0.8 when new)
        added = corpus.add(article, origin="http", fetched_at="2024-05-01T10:00:00+00:00")
        added.status        # "stored" | "duplicate"
        added.id            # the record id (16 hex chars, stable across runs and workers)
        added.duplicate_of  # id of the original when a duplicate, else None
        corpus.get(id); corpus.find_url(url); corpus.search("query", limit=10)
        corpus.records(site=..., language=..., since=..., until=..., with_duplicates=False)
        corpus.checkpoint(Checkpoint(source, seek, resume_at, done)); corpus.progress(source)
        corpus.commit()     # writes are durable after commit(), close() or the with block

    Corpus(path, threshold=0.6) gives a new corpus its threshold; another one than an existing
    corpus keeps is refused (`broadsheet.InputError`) unless rekey=True re-keys its index.

Errors: `CorpusError` (a `BroadsheetError`), `CorpusFull` when the disk is full;
opening a file that is not a corpus raises `broadsheet.InputError`.
"""
from __future__ import annotations

from broadsheet.corpus.dedup import DEFAULT_THRESHOLD, Fingerprint, fingerprint
from broadsheet.corpus.records import RECORD_FIELDS
from broadsheet.corpus.schema import CorpusError, CorpusFull
from broadsheet.corpus.search import Hit
from broadsheet.corpus.store import DEFAULT_PATH, Added, Checkpoint, Corpus

__all__ = [
    "DEFAULT_PATH",
    "DEFAULT_THRESHOLD",
    "RECORD_FIELDS",
    "Added",
    "Checkpoint",
    "Corpus",
    "CorpusError",
    "CorpusFull",
    "Fingerprint",
    "Hit",
    "fingerprint",
]
