"""Crawl state kept in the corpus file: runs, and every URL's status and validators.

The tables live beside the corpus's own (prefixed `crawl_`) so one file holds everything
a crawl needs to resume, and copying the corpus copies the crawl. All access goes through
one connection guarded by a lock: the fetching thread and the storing thread both write.

URL statuses:
  pending       to fetch in this run
  stored        the store has it (article, duplicate or skipped page: it has been decided)
  not-modified  a conditional request said 304
  done          a feed, sitemap or other hub that was read
  blocked       robots.txt disallows it (asked again next run: robots may change)
  deferred      a sitemap left for the next run (this run read enough, see `Crawler`)
  error         failed after retries (asked again next run)
  skipped       will not be fetched (not HTML, off-site, a trap, gone): `final` = 1
"""
from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

__all__ = ["CrawlState", "UrlRow", "SCHEMA"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_run (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS crawl_url (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    host          TEXT NOT NULL,
    kind          TEXT NOT NULL,            -- page | feed | sitemap | start (sniffed on fetch)
    depth         INTEGER NOT NULL DEFAULT 0,
    priority      INTEGER NOT NULL DEFAULT 1,
    probe         INTEGER NOT NULL DEFAULT 0, -- a guessed feed/sitemap path: a 404 is no error
    article       INTEGER NOT NULL DEFAULT 0, -- stored as an article: revisited last
    status        TEXT NOT NULL DEFAULT 'pending',
    final         INTEGER NOT NULL DEFAULT 0,
    reason        TEXT,
    http_status   INTEGER,
    etag          TEXT,
    last_modified TEXT,
    run           INTEGER,
    found_at      TEXT NOT NULL,
    fetched_at    TEXT
);
CREATE INDEX IF NOT EXISTS crawl_url_due ON crawl_url (host, status, priority, id);
"""


@dataclass(frozen=True, slots=True)
class UrlRow:
    """One frontier entry as the fetcher needs it."""

    url: str
    host: str
    kind: str
    depth: int
    probe: bool
    etag: str | None
    last_modified: str | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CrawlState:
    """The crawl tables of one SQLite file (created on first use).

    Give it the corpus's own connection (`CrawlState(corpus.db)`) and crawl state is
    written in the corpus's open transaction: an article and its URL's `stored` status
    become durable together, so a killed crawl can neither lose a page it marked stored
    nor refetch one it committed. Given a path, it opens its own connection.
    Writes use SAVEPOINTs, which nest inside an open transaction or start their own.
    """

    def __init__(self, db: sqlite3.Connection | str | Path) -> None:
        self._lock = threading.RLock()
        if isinstance(db, sqlite3.Connection):
            self._db, self._own = db, False
        else:
            self._db = sqlite3.connect(str(db), timeout=60, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._own = True
        with self._tx():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One atomic group of writes (nested in the caller's transaction if one is open)."""
        with self._lock:
            self._db.execute("SAVEPOINT crawl_state")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK TO crawl_state")
                self._db.execute("RELEASE crawl_state")
                raise
            self._db.execute("RELEASE crawl_state")

    def close(self) -> None:
        """Close the connection if this object opened it."""
        if self._own:
            with self._lock:
                self._db.close()

    # -- runs -------------------------------------------------------------------------
    def begin_run(self) -> tuple[int, bool]:
        """Start a run, or resume the last one if it never finished. Returns (id, resumed).

        Resuming keeps every settled URL as it is (what was committed is not fetched
        again). A new run makes every non-final URL due again: hubs to find new links,
        stored pages to be asked for conditionally, errors and robots blocks to be tried
        again.
        """
        with self._tx():
            row = self._db.execute("SELECT id, finished_at FROM crawl_run ORDER BY id DESC LIMIT 1").fetchone()
            if row is not None and row[1] is None:
                return int(row[0]), True
            run = self._db.execute("INSERT INTO crawl_run (started_at) VALUES (?)", (_now(),)).lastrowid
            assert run is not None  # sqlite3 sets it after every successful INSERT
            self._db.execute(
                "UPDATE crawl_url SET status='pending', priority=CASE WHEN article=1 THEN 3 "
                "WHEN kind='page' THEN 1 ELSE 0 END WHERE final=0 AND status!='pending'"
            )
            return int(run), False

    def finish_run(self, run: int) -> None:
        with self._tx():
            self._db.execute("UPDATE crawl_run SET finished_at=? WHERE id=?", (_now(), run))

    # -- frontier ---------------------------------------------------------------------
    def add(self, rows: list[tuple[str, str, str, int, int, bool]]) -> int:
        """Insert (url, host, kind, depth, priority, probe) rows not yet known; returns how
        many were new. A URL already known keeps its status: each is fetched once per run."""
        if not rows:
            return 0
        now = _now()
        with self._tx():
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO crawl_url (url, host, kind, depth, priority, probe, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(u, h, k, d, p, int(pr), now) for u, h, k, d, p, pr in rows],
            )
            return self._db.total_changes - before

    def add_skipped(self, rows: list[tuple[str, str, str]]) -> Counter[str]:
        """Record (url, host, reason) as never to be fetched; counts the new ones by reason,
        so a trap linked from every page is counted once."""
        new: Counter[str] = Counter()
        now = _now()
        with self._tx():
            for url, host, reason in rows:
                cur = self._db.execute(
                    "INSERT OR IGNORE INTO crawl_url (url, host, kind, status, final, reason, found_at) "
                    "VALUES (?, ?, 'page', 'skipped', 1, ?, ?)", (url, host, reason, now))
                if cur.rowcount:
                    new[reason] += 1
        return new

    def requeue(self, url: str, priority: int = 0) -> None:
        """Make a known URL that failed or was blocked in this run due again."""
        with self._tx():
            self._db.execute(
                "UPDATE crawl_url SET status='pending', priority=? WHERE url=? AND final=0 "
                "AND status NOT IN ('pending', 'stored', 'not-modified', 'done') ",
                (priority, url),
            )

    def due(self, host: str, limit: int) -> list[UrlRow]:
        """The next pending URLs of one host, most useful first (feeds and sitemaps, then
        pages found this run, then revisits of stored articles)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT url, host, kind, depth, probe, etag, last_modified FROM crawl_url "
                "WHERE host=? AND status='pending' ORDER BY priority, id LIMIT ?",
                (host, limit),
            ).fetchall()
        return [UrlRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]) for r in rows]

    def settle_host(self, host: str, status: str, *, run: int, reason: str) -> int:
        """Settle all pending URLs of a host at once (robots.txt forbids all, host down)."""
        with self._tx():
            cur = self._db.execute(
                "UPDATE crawl_url SET status=?, reason=?, run=? WHERE host=? AND status='pending'",
                (status, reason, run, host))
            return cur.rowcount

    def visited(self, url: str, run: int) -> bool:
        """Whether `url` was settled in run `run`, or is never to be fetched."""
        with self._lock:
            row = self._db.execute("SELECT status, run, final FROM crawl_url WHERE url=?", (url,)).fetchone()
        return row is not None and (bool(row[2]) or (row[0] != "pending" and row[1] == run))

    def pending_count(self, host: str, kind: str) -> int:
        """How many URLs of one kind wait on `host` (what bounds its queue)."""
        with self._lock:
            return int(self._db.execute(
                "SELECT COUNT(*) FROM crawl_url WHERE host=? AND status='pending' AND kind=?",
                (host, kind)).fetchone()[0])

    def sitemaps_read(self, host: str, run: int, kind: str = "sitemap") -> int:
        """Sitemaps (or feeds: `kind`) of `host` requested in run `run` (read, failed or unchanged)."""
        with self._lock:
            return int(self._db.execute(
                "SELECT COUNT(*) FROM crawl_url WHERE host=? AND run=? AND kind=? "
                "AND status IN ('done', 'error', 'skipped', 'not-modified')", (host, run, kind)).fetchone()[0])

    def pending_hosts(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT DISTINCT host FROM crawl_url WHERE status='pending'")]

    def settle(
        self,
        url: str,
        status: str,
        *,
        run: int,
        reason: str | None = None,
        http_status: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        final: bool = False,
        article: bool | None = None,
        kind: str | None = None,
        fetched: bool = False,
    ) -> None:
        """Record what happened to a URL. Validators are replaced only when given."""
        with self._tx():
            self._db.execute(
                "UPDATE crawl_url SET status=?, run=?, reason=?, final=?, "
                "http_status=COALESCE(?, http_status), etag=COALESCE(?, etag), "
                "last_modified=COALESCE(?, last_modified), article=COALESCE(?, article), "
                "kind=COALESCE(?, kind), fetched_at=CASE WHEN ? THEN ? ELSE fetched_at END "
                "WHERE url=?",
                (status, run, reason, int(final), http_status, etag, last_modified,
                 None if article is None else int(article), kind, int(fetched), _now(), url),
            )

    def forget_validators(self, url: str) -> None:
        """Drop ETag/Last-Modified, so the next request fetches the page whole."""
        with self._tx():
            self._db.execute("UPDATE crawl_url SET etag=NULL, last_modified=NULL WHERE url=?", (url,))

    # -- reading ----------------------------------------------------------------------
    def status_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT status, COUNT(*) FROM crawl_url GROUP BY status"))

    def get(self, url: str) -> dict[str, object] | None:
        with self._lock:
            cur = self._db.execute("SELECT * FROM crawl_url WHERE url=?", (url,))
            row = cur.fetchone()
            return dict(zip([c[0] for c in cur.description], row)) if row else None

    def urls(self, status: str | None = None) -> list[str]:
        """Known URLs (with one status), in the order found; for reports and tests."""
        query = "SELECT url FROM crawl_url" + (" WHERE status=?" if status else "") + " ORDER BY id"
        with self._lock:
            return [r[0] for r in self._db.execute(query, (status,) if status else ())]
