"""Full-text search over the corpus (SQLite FTS5, BM25 ranking, title weighted 5x).

A query may use FTS5 syntax ("exact phrase", OR, NOT, prefix*); one that is not valid
FTS5 (an unbalanced quote, a stray operator) is searched as plain words instead of failing.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; `snippet` marks matched words with [brackets]."""

    id: str
    title: str | None
    url: str | None
    date_published: str | None
    snippet: str
    score: float


_SQL = """
SELECT a.id, a.title, a.url, a.date_published,
       snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snip,
       bm25(articles_fts, 5.0, 1.0) AS score
FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH ? AND a.duplicate_of IS NULL
ORDER BY score, a.seq
LIMIT ?
"""


def plain(query: str) -> str:
    """The query as a conjunction of quoted words (no FTS5 operators)."""
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


def search(db: sqlite3.Connection, query: str, *, limit: int = 10) -> list[Hit]:
    """Ranked hits for `query` (best first)."""
    if not query.strip():
        return []
    try:
        rows = db.execute(_SQL, (query, limit)).fetchall()
    except sqlite3.OperationalError:  # not valid FTS5 syntax: search the words instead
        words = plain(query)
        if not words:
            return []
        rows = db.execute(_SQL, (words, limit)).fetchall()
    return [Hit(r[0], r[1], r[2], r[3], r[4] or "", -float(r[5])) for r in rows]
