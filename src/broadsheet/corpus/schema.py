"""Opening the SQLite corpus: schema, settings and readable errors.

The file is marked with an application id, so `broadsheet` refuses to write its tables
into some other program's SQLite database, and with a schema version for later migrations.
"""
from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Iterator

from broadsheet.errors import BroadsheetError, InputError

APPLICATION_ID = 0x42534854  # "BSHT"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, canonical_url TEXT, title TEXT, description TEXT, authors TEXT,
    date_published TEXT, date_modified TEXT, site_name TEXT, section TEXT, tags TEXT,
    language TEXT, image TEXT, text TEXT NOT NULL DEFAULT '', sources TEXT, blocks TEXT,
    origin TEXT, fetched_at TEXT, duplicate_of TEXT,
    text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles(text_hash) WHERE duplicate_of IS NULL;
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS signatures (seq INTEGER PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS lsh (key INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_key ON lsh(key);
CREATE TABLE IF NOT EXISTS progress (
    source TEXT PRIMARY KEY, seek INTEGER NOT NULL, resume_at INTEGER NOT NULL, done INTEGER NOT NULL,
    passed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS profiles (
    host TEXT PRIMARY KEY, pages INTEGER NOT NULL, profile BLOB NOT NULL, updated TEXT NOT NULL
);
"""

def host_sql(column: str = "url") -> str:
    """The host (with any port) of the URL in `column`, lower-cased, as SQL."""
    return (
        f"lower(substr({column}, instr({column}, '://') + 3, "
        f"instr(substr({column}, instr({column}, '://') + 3) || '/', '/') - 1))"
    )


#: The host of an article's URL, as SQL (`broadsheet serve` groups and filters by it; the
#: facets index below is on this exact expression, so queries must spell it the same way).
HOST_SQL = host_sql("url")


def site_host(site: str) -> str:
    """The host a `--site` value names: `paper.example`, `www.paper.example`,
    `https://www.paper.example/section/` and `Paper.Example.` all give `paper.example`."""
    host = site.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].rsplit("@", 1)[-1].rstrip(".")
    return host.removeprefix("www.")


def site_clause(site: str) -> tuple[str, list[str]]:
    """SQL matching the articles of a site, and its parameters: the site's name (any case),
    or the host of the article's URL (its canonical URL where it has none) being that host
    or a subdomain of it, with or without a port: `paper.example` matches www.paper.example and
    sport.paper.example, not notpaper.example."""
    host = site_host(site)
    like = host.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    where = host_sql("coalesce(url, canonical_url)")
    sql = (
        f"(lower(site_name) = ? OR {where} = ? OR {where} LIKE ? ESCAPE '\\' "
        f"OR {where} LIKE ? ESCAPE '\\' OR {where} LIKE ? ESCAPE '\\')"
    )
    return sql, [site.strip().lower(), host, f"%.{like}", f"{like}:%", f"%.{like}:%"]

#: Pages that were not stored (skipped by the keep rules or the language filter, given up
#: by the guarded pool, a fetch or read error) with the reason, written by ingest and crawl in
#: the transaction of the pages around them. `page` is what the row is about: the input
#: position (`file.warc.gz#offset`, a file path; at a WARC offset, which the records of one
#: gzip member share, followed by the page's URL where it has one, also in the rows the WARC
#: reader writes for a record it read the header of) or else the URL; one row per page and
#: reason (a rerun updates `time` rather than adding a row), and a page stored later loses
#: its rows (`broadsheet.corpus.store.Reject`).
REJECTS_TABLE = """CREATE TABLE IF NOT EXISTS rejects (
    id INTEGER PRIMARY KEY, page TEXT NOT NULL, url TEXT, origin TEXT, reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '', time TEXT NOT NULL, command TEXT NOT NULL DEFAULT ''
)"""

#: Tables and indexes added after the first release, each created when a writer opens a
#: corpus that lacks it (additive: an older broadsheet still reads the file).
#: `runs`: one row per finished ingest or crawl. The indexes serve `broadsheet serve`:
#: an article's duplicates, and browsing/filtering/counting originals without reading rows.
ADDITIONS = {
    "runs": """CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, command TEXT NOT NULL, started TEXT NOT NULL, ended TEXT NOT NULL,
    summary TEXT NOT NULL, counts TEXT NOT NULL, pages_per_s REAL NOT NULL
)""",
    "articles_duplicate_of": "CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of) "
    "WHERE duplicate_of IS NOT NULL",
    "articles_facets": f"CREATE INDEX IF NOT EXISTS articles_facets ON articles(date_published, {HOST_SQL}, "
    "language, section) WHERE duplicate_of IS NULL",
    "rejects": REJECTS_TABLE,
    "rejects_page": "CREATE UNIQUE INDEX IF NOT EXISTS rejects_page ON rejects(page, reason)",
}
#: Columns added after the first release (table, column, definition), each added when a writer
#: opens a corpus whose table lacks it (additive: an older broadsheet's INSERTs name their own
#: columns and leave it its default). `progress.passed`: pages at `resume_at` a resume passes
#: over (`broadsheet.corpus.store.Checkpoint`).
COLUMN_ADDITIONS = (("progress", "passed", "INTEGER NOT NULL DEFAULT 0"),)
#: What each site repeats on its pages, learned by ingest and crawl (`broadsheet.corpus.profiles`,
#: which creates it in a corpus made before it existed, on its first write; the blob is
#: `SiteProfile.to_bytes()`).
PROFILES_TABLE = """CREATE TABLE IF NOT EXISTS profiles (
    host TEXT PRIMARY KEY, pages INTEGER NOT NULL, profile BLOB NOT NULL, updated TEXT NOT NULL
)"""


class CorpusError(BroadsheetError):
    """The corpus file cannot be opened, read or written."""


class CorpusFull(CorpusError):
    """The disk (or the database's size limit) is full: nothing more can be stored."""


@contextlib.contextmanager
def readable_errors(path: Path | str) -> Iterator[None]:
    """Turn SQLite's errors into messages that say what happened, where, and what to do."""
    try:
        yield
    except sqlite3.Error as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if name == "SQLITE_FULL" or "full" in text:
            raise CorpusFull(
                f"{path}: the disk is full (SQLite: {text}); everything committed before is kept: "
                "free some space and run the same command again to resume"
            ) from None
        if name == "SQLITE_NOTADB" or "not a database" in text:
            raise InputError(
                f"{path} is not a broadsheet corpus (not an SQLite database); "
                "give another file with --corpus, or move this one away"
            ) from None
        if name.startswith("SQLITE_BUSY") or "locked" in text:
            raise CorpusError(
                f"{path} is locked by another process; wait for it to finish or use another --corpus"
            ) from None
        if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
            raise InputError(f"cannot open corpus {path}: check that its folder exists and is writable") from None
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            raise CorpusError(f"{path} is read-only; use a writable --corpus file") from None
        raise CorpusError(f"{path}: SQLite error: {text}") from None


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a corpus database, checking it really is one."""
    if str(path) != ":memory:" and Path(path).is_dir():
        raise InputError(f"corpus {path} is a folder; give a file path such as {Path(path) / 'broadsheet.sqlite'}")
    with readable_errors(path):
        db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 30000")
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and app_id != APPLICATION_ID:
                raise InputError(
                    f"{path} is an SQLite database of another program, not a broadsheet corpus; "
                    "give another file with --corpus"
                )
            if db.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                raise InputError(f"{path} was written by a newer broadsheet; upgrade broadsheet to use it")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            if not tables:
                db.execute("BEGIN")
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            _add_missing(db)
        except BaseException:
            db.close()
            raise
    return db


def has_column(db: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether `table` has `column` (False where the table itself is missing)."""
    return any(row[1] == column for row in db.execute(f"PRAGMA table_info({table})"))


def _add_missing(db: sqlite3.Connection) -> None:
    """Create the `ADDITIONS` and `COLUMN_ADDITIONS` this corpus lacks (once; skipped where
    the file is read-only). The columns are looked at again under the write lock: another
    process opening the same old corpus may have added them meanwhile."""
    have = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    missing = [sql for name, sql in ADDITIONS.items() if name not in have]

    def columns() -> list[str]:
        return [f"ALTER TABLE {table} ADD COLUMN {column} {definition}"
                for table, column, definition in COLUMN_ADDITIONS if table in have and not has_column(db, table, column)]

    if not missing and not columns():
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        for sql in missing + columns():
            db.execute(sql)
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:  # a read-only file: readers do without them
        if db.in_transaction:
            db.execute("ROLLBACK")
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
