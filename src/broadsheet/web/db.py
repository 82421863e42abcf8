"""Read-only access to a corpus for the web page: one SQLite connection per thread.

Connections are opened with a `mode=ro` URI and `PRAGMA query_only`, so no request can
write, and they read the corpus while an ingest or crawl writes to it: in WAL mode a
reader sees the last committed state and never waits for the writer. Statements are
always read to the end (`fetchall`), so no read transaction stays open between requests
(an open one would stop the writer's checkpoints and let the WAL grow).
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Sequence

from broadsheet.corpus.search import doc_counts
from broadsheet.corpus.schema import APPLICATION_ID, readable_errors
from broadsheet.errors import InputError


class Reader:
    """A corpus file opened read-only; `rows(sql, params)` runs one query."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError(f"{path}: no corpus here; create one with `broadsheet ingest` or `broadsheet crawl`")
        self.uri = self.path.resolve().as_uri() + "?mode=ro"
        self._local = threading.local()
        self._check()

    def _check(self) -> None:
        db = self.db()
        with readable_errors(self.path):
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master").fetchall()}
        if app_id != APPLICATION_ID or "articles" not in tables:
            raise InputError(f"{self.path} is not a broadsheet corpus; give one with --corpus")

    def identity(self) -> tuple[int, int]:
        """(device, inode) of the corpus file: changes when the file is replaced by another."""
        try:
            st = os.stat(self.path)
        except OSError:
            return (0, 0)
        return (st.st_dev, st.st_ino)

    def db(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use, again when the file was replaced)."""
        db = getattr(self._local, "db", None)
        identity = self.identity()
        if db is not None and getattr(self._local, "identity", None) != identity:
            db.close()
            db = None
        if db is None:
            with readable_errors(self.path):
                db = sqlite3.connect(self.uri, uri=True, isolation_level=None)
                db.row_factory = sqlite3.Row
                doc_counts(db)  # the term-count view long queries need, made before writes are barred
                db.execute("PRAGMA query_only = 1")
                db.execute("PRAGMA busy_timeout = 5000")
                db.execute("PRAGMA cache_size = -16000")  # 16 MB of pages per connection (one per thread)
            self._local.db = db
            self._local.identity = identity
        return db

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """All rows of one query (read to the end: no transaction stays open)."""
        with readable_errors(self.path):
            return self.db().execute(sql, params).fetchall()

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        found = self.rows(sql, params)
        return found[0][0] if found else None

    def has(self, name: str) -> bool:
        """Whether the corpus has this table or index (older corpora lack some)."""
        return bool(self.rows("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
