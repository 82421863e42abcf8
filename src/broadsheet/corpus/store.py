"""`Corpus`: articles at rest in one SQLite file, deduplicated, searchable, resumable.

Writes happen inside one open transaction that `commit()` (or `close()`, or leaving a
`with` block) makes durable; the ingest pipeline commits in batches together with its
checkpoints, so a killed run restarts from exactly what was committed.
"""
from __future__ import annotations

import json
import logging
import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator, Literal, Mapping

from broadsheet.corpus.dedup import (DEFAULT_THRESHOLD, NUM_PERM, SIGNATURE_KIND, Fingerprint, LshIndex, fingerprint,
                                     lsh_shape)
from broadsheet.corpus.records import BYTES_FIELDS, RECORD_FIELDS, EncodedRecord, article_id, from_row, to_record, to_row
from broadsheet.corpus.schema import connect, has_column, readable_errors, site_clause
from broadsheet.corpus.search import Hit, search
from broadsheet.errors import BroadsheetError, InputError
from broadsheet.model import Article
from broadsheet.surrogates import whole

DEFAULT_PATH = "broadsheet.sqlite"

log = logging.getLogger("broadsheet.corpus")

_COLUMNS = ", ".join(RECORD_FIELDS)
#: The text columns a worker's record binds as UTF-8 bytes (`EncodedRecord`) are cast to TEXT:
#: the value stored is the one the str would give (a str passes the cast unchanged).
_INSERT = (f"INSERT INTO articles({_COLUMNS}, text_hash) VALUES "
           f"({', '.join('CAST(? AS TEXT)' if name in BYTES_FIELDS else '?' for name in RECORD_FIELDS)}, ?)")
_INSERT_FTS = "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, CAST(? AS TEXT))"


#: What one record's own values can raise while its row is written (a value SQLite cannot bind
#: or hold, a constraint): that record is not stored, the batch around it stays. Anything else
#: (a full disk, a lock, a damaged file) is the transaction's and ends it.
_RECORD_ERRORS: tuple[type[Exception], ...] = (
    ValueError, TypeError, OverflowError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError,
    sqlite3.IntegrityError,
)


class UnstorableRecord(BroadsheetError):
    """One record could not be written (nothing of it was); the open batch is untouched."""


@dataclass(frozen=True, slots=True)
class Added:
    """What `Corpus.add` did: stored a new article, or recorded a duplicate of one.

    kind: "exact" (same normalised text), "near" (MinHash similarity at or above the
    threshold) or "same" (this very record was stored before; nothing was written).
    """

    status: Literal["stored", "duplicate"]
    id: str
    duplicate_of: str | None = None
    kind: Literal["exact", "near", "same"] | None = None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far a source has been committed: seek to `seek`, skip positions below `resume_at`,
    and the first `passed` pages at `resume_at` too.

    `source` is a key naming one input (a WARC file, an HTML file, a URL list); `done`
    means it was read to the end. `passed` counts the pages handed on at a position several
    pages share (the records of one gzip member or zstd frame): a resume reads them again
    and passes over that many, rather than storing them again as duplicates of themselves.
    """

    source: str
    seek: int = 0
    resume_at: int = 0
    done: bool = False
    passed: int = 0


#: An origin that is a position in an input several pages may share: `file.warc.gz#offset`
#: (FastWARC gives the records of one gzip member or zstd frame one offset).
_POSITION = re.compile(r"#\d+\Z")


def page_key(url: str | None, origin: str | None) -> str:
    """What a reject row is about: the input position (`file.warc.gz#offset`, a file path)
    where there is one, else the URL (a fetched page's origin is only `http`). A page with
    a URL at a WARC position is `file.warc.gz#offset URL`: the pages of one gzip member or
    zstd frame share the offset, and keyed by it alone, storing one of them deleted the
    others' rows and two of them rejected for one reason were one row (review R17). What
    the reader reports of a response record whose header it read (a truncated record, a
    broken HTTP payload) is keyed the same way (`place_of`), so the row goes when the page
    is stored from a whole copy of the file (review RV-R); a record with no URL, and damage
    no record can be named for, keep the position alone."""
    if origin and origin != "http":
        if url and _POSITION.search(origin):
            return str(whole(f"{origin} {url}"))
        return str(whole(origin))
    return str(whole(url or origin or ""))


#: A URI as the WARC reader names a record after its position (`broadsheet.sources.warc`).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def place_of(where: str) -> tuple[str, str | None]:
    """(origin, URL) of a place a source reports an event at: a WARC reader's
    `file.warc.gz#offset URL` (a record it knows the URL of) is both, so that the row is
    keyed as that record's page is (`page_key`); anything else is the origin alone."""
    origin, _, url = where.rpartition(" ")
    if origin and _POSITION.search(origin) and _URI.fullmatch(url):
        return origin, url
    return where, None


def _old_page_key(url: str | None, origin: str | None) -> str | None:
    """The key an older broadsheet gave the same page's rows, where it differs from
    `page_key`'s: the WARC position alone. Such a row is this page's only where its `url`
    is this page's URL (another page of the member has its own)."""
    if url and origin and origin != "http" and _POSITION.search(origin):
        return str(whole(origin))
    return None


@dataclass(frozen=True, slots=True)
class Reject:
    """A page that was not stored, and why (the `rejects` table and `--rejects` JSONL).

    `reason` is the summary line's (`no body`, `language`, `timeout`, `fetch failed`...),
    `detail` what more is known (the detected language, the worker's fate, the HTTP error),
    `time` when it was decided (ISO 8601, UTC).
    """

    reason: str
    url: str | None = None
    origin: str | None = None
    detail: str = ""
    time: str = ""

    def __post_init__(self) -> None:
        # a URL or path decoded with surrogateescape, a detail quoting a page: storable text
        for name in ("reason", "url", "origin", "detail"):
            object.__setattr__(self, name, whole(getattr(self, name)))

    @classmethod
    def now(cls, reason: str, *, url: str | None = None, origin: str | None = None, detail: str = "") -> "Reject":
        """A row stamped with the current time (`origin` `http` says nothing: dropped)."""
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return cls(reason, url or None, origin if origin and origin != "http" else None, detail or "", stamp)

    @property
    def page(self) -> str:
        return page_key(self.url, self.origin)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL line's fields: url, origin, reason, detail, time."""
        return {"url": self.url, "origin": self.origin, "reason": self.reason, "detail": self.detail,
                "time": self.time}


#: Pages rejected in this session that `forget_rejects` remembers by name; past this many
#: it deletes for every stored page, as it does in a corpus that had rejects when opened.
MAX_REMEMBERED_REJECTS = 100_000

_UPSERT_REJECT = (
    "INSERT INTO rejects(page, url, origin, reason, detail, time, command) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(page, reason) DO UPDATE SET url = excluded.url, origin = excluded.origin, "
    "detail = excluded.detail, time = excluded.time, command = excluded.command"
)


_UPSERT_PROGRESS = "INSERT OR REPLACE INTO progress(source, seek, resume_at, done, passed) VALUES (?, ?, ?, ?, ?)"
#: (this very record's duplicate pointer or id when it is stored already, the first original
#: with this text hash): one look-up for both of a new record's first questions.
_SEEN_OR_ORIGINAL = (
    "SELECT (SELECT coalesce(duplicate_of, id) FROM articles WHERE id = ?), "
    "(SELECT id FROM articles WHERE text_hash = ? AND duplicate_of IS NULL ORDER BY seq LIMIT 1)"
)


def _progress_row(cp: Checkpoint) -> tuple[str, int, int, int, int]:
    return (_source_key(cp.source), cp.seek, cp.resume_at, int(cp.done), cp.passed)


def _parse_shape(shape: str) -> tuple[int, int]:
    """`meta.lsh_shape` ("9x13") as (bands, rows); InputError for a damaged value."""
    try:
        bands, rows = (int(part) for part in shape.split("x"))
    except ValueError:
        raise InputError(f"the corpus's lsh_shape {shape!r} is not BANDSxROWS: the file is damaged") from None
    if bands < 1 or rows < 1 or bands * rows > NUM_PERM:
        raise InputError(f"the corpus's lsh_shape {shape!r} does not fit {NUM_PERM} permutations: the file is damaged")
    return bands, rows


def _stored_threshold(value: str) -> float:
    """`meta.threshold` as a number; InputError for a damaged value."""
    try:
        threshold = float(value)
    except ValueError:
        threshold = -1.0
    if not 0.0 < threshold < 1.0:
        raise InputError(f"the corpus's threshold {value!r} is not a number between 0 and 1: the file is damaged")
    return threshold


def _threshold_of(shape: str) -> float:
    """The threshold a corpus from before thresholds were kept was most likely made with: the
    default where the shape is the default's, else the roundest one giving this shape, a tenth,
    else a twentieth, else the middle hundredth (0.6 for 18x7, which 0.59 to 0.63 give; the
    middle hundredth was 0.61, and the corpus then refused the --threshold 0.6 it was made with).
    Only a writer then needs it (for the similarity check)."""
    bands_rows = _parse_shape(shape)
    if lsh_shape(DEFAULT_THRESHOLD) == bands_rows:
        return DEFAULT_THRESHOLD
    for step in (10, 5, 1):  # hundredths a tenth, a twentieth, one apart
        matching = [t / 100 for t in range(step, 99, step) if lsh_shape(t / 100) == bands_rows]
        if matching:
            return matching[len(matching) // 2]
    return DEFAULT_THRESHOLD


def _source_key(source: str) -> str:
    """A checkpoint's source as stored: a name whose bytes are not UTF-8 (a file name decoded
    with surrogateescape) with those bytes as `\\xe9` escapes: text SQLite can hold, and still
    one key a file (U+FFFD would give two such files one checkpoint)."""
    try:
        source.encode("utf-8")
        return source
    except UnicodeEncodeError:
        pass
    try:
        data = source.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte stands for
        data = source.encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "backslashreplace")


class Corpus:
    """A SQLite corpus of articles, created on first use (default `broadsheet.sqlite`).

    `threshold` is the near-duplicate threshold (estimated Jaccard similarity of 5-token
    shingles), kept in the corpus (`meta`). None (the default) uses the corpus's own, or
    `DEFAULT_THRESHOLD` for a new corpus: a reader (search, export, serve, crawl) never
    changes the index, and a new corpus's settings are written by its first write. A
    different threshold on an existing corpus is refused unless `rekey=True`, which re-keys
    its LSH bands once (an older corpus without a stored threshold takes any giving its
    shape). Settings are written after reading `meta` again under the write lock, deciding
    again where another process changed it; a writer that finds, at the start of a later
    transaction, that another process re-keyed the corpus meanwhile stops (`InputError`)
    rather than add keys of the old shape that no query would meet again.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, threshold: float | None = None,
                 rekey: bool = False) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        self.db.row_factory = sqlite3.Row
        # Bytes cast to TEXT are read in the database's encoding: a worker's UTF-8 bytes are
        # bound as they are only where that is UTF-8 (every corpus broadsheet creates).
        self._utf8 = self.db.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
        self._open_tx = False
        # The index shape this process keys with, checked at each transaction's start (None: not yet).
        self._shape: str | None = None
        # What `meta` held when the settings were decided, what this handle was asked for, and
        # whether `meta` must still be given them (re-keying the bands first): `_plan`, `_settle`.
        self._seen: tuple[str | None, str | None, str | None] = (None, None, None)
        self._asked: tuple[float | None, bool] = (None, False)
        self._unsettled = False
        self._rebuild = False
        self._wrote = False  # whether a transaction of this handle's has begun (and settled)
        self.lsh: LshIndex
        # The newest checkpoint of each source, written just before the transaction commits
        # (one row a source a batch, not one a page; `checkpoint`).
        self._checkpoints: dict[str, Checkpoint] = {}
        self._passed: bool | None = None  # whether `progress` has its `passed` column (None: not looked yet)
        try:
            self._open_index(threshold, rekey)
            self._any_rejects = self._has_rejects()  # rows from before: any stored page may have one
            # hashes of the pages given a reject row since (None: too many to list); a page's
            # key may be a 2 KB URL, its hash is a few bytes, and a collision costs one DELETE
            self._rejected: set[int] | None = set()
        except BaseException:
            self.db.close()
            raise

    @property
    def threshold(self) -> float:
        """The near-duplicate threshold this corpus (and so this handle) deduplicates with."""
        return self.lsh.threshold

    def _has_rejects(self) -> bool:
        """Whether the `rejects` table has a row (False where a read-only old file lacks it)."""
        try:
            return self.db.execute("SELECT 1 FROM rejects LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:
            return False

    def _stored_settings(self) -> tuple[str | None, str | None, str | None]:
        """(signature_kind, lsh_shape, threshold) as `meta` holds them (None: not there)."""
        rows = dict(self.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('signature_kind', 'lsh_shape', 'threshold')").fetchall())
        return rows.get("signature_kind"), rows.get("lsh_shape"), rows.get("threshold")

    def _open_index(self, threshold: float | None, rekey: bool) -> None:
        """Decide the LSH index from the corpus's settings (`_plan`); write them at once only
        for a re-key or an explicit threshold on a new corpus, else with the first write, so
        that a reader writes nothing (not even a new corpus's defaults, which would give a
        corpus another process is creating a shape of its own: review R10 finding 2)."""
        if threshold is not None:
            lsh_shape(threshold)  # a ValueError for one out of range, before anything is written
        self._asked = (threshold, rekey)
        with readable_errors(self.path):
            self._plan(self._stored_settings())
            if self._unsettled and (rekey or (threshold is not None and self._seen[1] is None)):
                self._begin()  # `_settle`, under the write lock
                self.commit()

    def _plan(self, settings: tuple[str | None, str | None, str | None]) -> None:
        """From `meta` as `settings` (kind, shape, threshold), the index to key with, and whether
        `meta` must be given its shape and threshold (re-keying the bands first). Refuse
        signatures made otherwise, and a threshold other than the stored one unless re-keying;
        where the stored one was only guessed (an older corpus), one giving the stored shape is
        the corpus's."""
        threshold, rekey = self._asked
        kind, stored, stored_threshold = settings
        if kind is not None and kind != SIGNATURE_KIND:
            raise InputError(
                f"{self.path} was deduplicated with other MinHash settings ({kind}); "
                "use a new --corpus file for this version of broadsheet"
            )
        rebuild = False
        if stored is None:  # a new corpus (or one from before shapes were kept): nothing to re-key
            lsh = LshIndex(self.db, DEFAULT_THRESHOLD if threshold is None else threshold, NUM_PERM)
        else:
            if stored_threshold is not None:
                current = _stored_threshold(stored_threshold)
            elif threshold is not None and lsh_shape(threshold) == _parse_shape(stored):
                current = threshold  # only guessed before: one giving the stored shape is this corpus's
            else:
                current = _threshold_of(stored)
            if threshold is None or threshold == current:
                lsh = LshIndex(self.db, current, NUM_PERM, shape=_parse_shape(stored))
            elif not rekey:
                raise InputError(
                    f"{self.path} finds near duplicates at threshold {current:g}, not {threshold:g}: leave "
                    f"--threshold out to use {current:g}, or add --rekey (rekey=True) to re-key its index "
                    "(once; a run writing it meanwhile stops, and is run again)"
                )
            else:
                lsh = LshIndex(self.db, threshold, NUM_PERM)
                rebuild = f"{lsh.bands}x{lsh.rows}" != stored
        shape = f"{lsh.bands}x{lsh.rows}"
        self.lsh, self._seen, self._rebuild = lsh, settings, rebuild
        self._unsettled = (stored, stored_threshold) != (shape, repr(lsh.threshold))
        self._shape = None if self._unsettled else shape

    def _settle(self) -> None:
        """At this handle's first write, in the transaction just begun: read `meta` again and,
        where another process changed it since (created the corpus, re-keyed it), decide again
        from what it holds now (nothing was keyed yet): adopt its settings, re-key again, or
        refuse. Then give `meta` the settings decided on where it lacks them (re-keying the
        bands first where that was decided). Deciding on the first read and writing after
        waiting for the lock left band keys of one shape under another's label."""
        now = self._stored_settings()
        if now != self._seen:
            self._plan(now)
        if not self._unsettled:
            return
        if self._rebuild:
            self.lsh.rebuild()
        shape = f"{self.lsh.bands}x{self.lsh.rows}"
        self.db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [
            ("lsh_shape", shape), ("signature_kind", SIGNATURE_KIND), ("threshold", repr(self.lsh.threshold))])
        self._seen = (SIGNATURE_KIND, shape, repr(self.lsh.threshold))
        self._unsettled = self._rebuild = False
        self._shape = shape

    # -- transactions -------------------------------------------------------------------
    def _begin(self, *, keys: bool = True) -> None:
        # Another writer on this connection (crawl state's SAVEPOINTs) may have a transaction
        # open already: then these writes join it, and its owner decides when it ends.
        # `keys`: the writes may add band keys, so another process's re-key stops them;
        # a `runs` row adds none (a run stopped by a re-key is still recorded).
        if self._open_tx:
            return
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self._open_tx = True
        # once a transaction of ours; at each write into another's
        if not self._wrote:
            try:
                self._settle()
            except BaseException:
                self.rollback()
                raise
            self._wrote = True
        elif keys:
            self._check_shape()

    def _check_shape(self) -> None:
        """Stop (InputError, the transaction just begun rolled back) where another process
        re-keyed the index since this one opened: keys of the old shape would never be met."""
        _kind, stored, _threshold = self._stored_settings()
        if stored != self._shape:
            self.rollback()
            raise InputError(
                f"{self.path}: another process re-keyed its near-duplicate index ({self._shape} -> {stored}) "
                "while this one was writing; what was committed before stays: run the command again"
            )

    def commit(self) -> None:
        """Make everything written so far durable."""
        if self._open_tx:
            with readable_errors(self.path):
                try:
                    self._write_checkpoints()
                    self.db.execute("COMMIT")
                except sqlite3.Error:
                    self.rollback()
                    raise
            self._open_tx = False

    def rollback(self) -> None:
        """Drop what was written since the last commit (after a failed write)."""
        self._checkpoints.clear()
        if self._open_tx:
            self._open_tx = False
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (e.g. after SQLITE_FULL)

    def close(self) -> None:
        """Commit and close; the file stays a valid corpus even if the commit fails."""
        try:
            self.commit()
        finally:
            self.db.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is not None:
            self.rollback()
        self.close()

    # -- writing ------------------------------------------------------------------------
    def add(
        self,
        article: Article | Mapping[str, Any],
        *,
        origin: str = "",
        fetched_at: str | None = None,
        fp: Fingerprint | None = None,
    ) -> Added:
        """Store an article, or a pointer to the article it duplicates (exact or near).

        `fp` may be computed beforehand (on a worker); otherwise it is computed here. An
        `EncodedRecord` (a worker's) is stored as it is encoded, not decoded and encoded again.
        A record whose values cannot be stored raises `UnstorableRecord` with nothing of it
        written and the rest of the open batch kept (a lone surrogate in one page ended a whole
        ingest and lost its batch: review R6). Its values are all bound by its first write, the
        `articles` row, one statement that SQLite undoes whole when it fails; the writes after
        it (FTS, LSH bands) bind only values that row took, so a failure there is the
        database's, not the record's, and drops the batch as before. (A savepoint per record
        would cover those too, but FTS5 flushes its pending terms at every savepoint: each
        stored article cost 1.7x as much to add.)
        """
        if isinstance(article, EncodedRecord) and self._utf8:
            record = article.encoded()
            record["origin"] = origin or record.get("origin") or ""
            record["fetched_at"] = fetched_at if fetched_at is not None else record.get("fetched_at")
        else:  # (a corpus stored as UTF-16 would read the bytes cast to TEXT as UTF-16: decoded here)
            record = to_record(article, origin=origin, fetched_at=fetched_at)
        fp = fp or fingerprint(article["text"] if isinstance(article, EncodedRecord) else record["text"])
        record["id"] = new_id = article_id(record, fp.text_hash)
        with readable_errors(self.path):
            self._begin()
            try:
                return self._add(record, fp, new_id)
            except sqlite3.Error:
                self.rollback()
                raise

    def _add(self, record: dict[str, Any], fp: Fingerprint, new_id: str) -> Added:
        seen, first = self.db.execute(_SEEN_OR_ORIGINAL, (new_id, fp.text_hash)).fetchone()
        if seen is not None:
            return Added("duplicate", new_id, seen, "same")
        # A text without word tokens (an empty video page, a page of symbols) says nothing about
        # which article it is: it is no duplicate of anything (its id, URL and text, still keeps
        # the same page from being stored twice). Review R9: every such page was an "exact"
        # duplicate of the first one.
        original = (first,) if first is not None and fp.signature is not None else None
        kind: Literal["exact", "near"] | None = "exact" if original else None
        if original is None and fp.signature is not None:
            near = self.lsh.query(fp.signature)
            if near is not None:
                original = self.db.execute("SELECT id FROM articles WHERE seq = ?", (near[0],)).fetchone()
                kind = "near"
        if original is not None:
            record.update(duplicate_of=original[0], text="", blocks=[])
            self._insert(record, fp)
            return Added("duplicate", new_id, original[0], kind)
        seq = self._insert(record, fp)
        self.db.execute(_INSERT_FTS, (seq, record["title"] or "", record["text"]))
        self.lsh.add(seq, fp.signature)
        return Added("stored", new_id)

    def _insert(self, record: dict[str, Any], fp: Fingerprint) -> int:
        """The record's `articles` row, its seq; `UnstorableRecord` (nothing written) where
        its values cannot be bound or stored."""
        try:
            seq = self.db.execute(_INSERT, [*to_row(record), fp.text_hash]).lastrowid
        except _RECORD_ERRORS as exc:
            raise UnstorableRecord(f"not stored: {type(exc).__name__}: {exc}") from None
        assert seq is not None  # sqlite3 sets it after every successful INSERT
        return seq

    def record_run(self, command: str, *, summary: str, counts: Mapping[str, Any], seconds: float,
                   wait: float | None = None) -> None:
        """Keep one finished or failed run (ingest, crawl) in the `runs` table, committed at once.

        `counts` are the run's counts as plain JSON types, `summary` its closing line. A
        failure here is logged, never raised: the run's articles are already committed.
        `wait`: seconds to wait for the write lock instead of the connection's busy timeout.
        """
        ended = datetime.now(timezone.utc)
        started = ended - timedelta(seconds=max(seconds, 0.0))
        pages = counts.get("pages", 0) if isinstance(counts.get("pages"), (int, float)) else 0
        row = (
            whole(command),
            started.isoformat(timespec="seconds"),
            ended.isoformat(timespec="seconds"),
            whole(summary),  # counts may name what a page said (a host): storable text
            whole(json.dumps(counts, ensure_ascii=False, default=str)),
            round(pages / seconds, 3) if seconds > 0 else 0.0,
        )
        busy = None if wait is None else self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        try:
            if wait is not None:
                self.db.execute(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
            self._begin(keys=False)
            self.db.execute(
                "INSERT INTO runs(command, started, ended, summary, counts, pages_per_s) VALUES (?, ?, ?, ?, ?, ?)", row
            )
            self.commit()
        except (sqlite3.Error, BroadsheetError) as exc:
            self.rollback()
            log.warning("%s: the run's summary was not recorded: %s", self.path, exc)
        finally:
            if busy is not None:
                with suppress(sqlite3.Error):
                    self.db.execute(f"PRAGMA busy_timeout = {int(busy)}")

    def reject(self, row: Reject, *, command: str = "") -> None:
        """Record a page that was not stored, in the open transaction (so with the pages
        and checkpoints around it). The same page and reason again updates its row (a row
        an older broadsheet keyed by the page's position alone becomes this one)."""
        with readable_errors(self.path):
            self._begin()
            old = _old_page_key(row.url, row.origin) if self._any_rejects else None
            if old is not None:
                self.db.execute("DELETE FROM rejects WHERE page = ? AND reason = ? AND url = ?",
                                (old, row.reason, row.url))
            self.db.execute(_UPSERT_REJECT, (row.page, row.url, row.origin, row.reason, row.detail, row.time,
                                             whole(command)))
        if self._rejected is not None:
            self._rejected.add(hash(row.page))
            if len(self._rejected) > MAX_REMEMBERED_REJECTS:
                self._rejected, self._any_rejects = None, True

    def forget_rejects(self, url: str | None, origin: str | None) -> None:
        """A page is stored now: the rows saying it was not go (in the open transaction).

        Only where a row can be: in a corpus that had rejects when opened, for any page (and
        for the rows an older broadsheet keyed by its position alone, those with its URL); in
        one that had none, for the pages this session rejected (a DELETE for every stored
        page cost the single writer one statement a page)."""
        page = page_key(url, origin)
        if not self._any_rejects and (self._rejected is None or hash(page) not in self._rejected):
            return
        old = _old_page_key(url, origin) if self._any_rejects else None
        with readable_errors(self.path):
            self._begin()
            if old is None:
                self.db.execute("DELETE FROM rejects WHERE page = ?", (page,))
            else:
                self.db.execute("DELETE FROM rejects WHERE page = ? OR (page = ? AND url = ?)",
                                (page, old, str(whole(url))))

    def rejects(self, *, reason: str | None = None) -> Iterator[Reject]:
        """The pages not stored (by all runs so far), oldest first; `reason` picks one reason."""
        extra, params = (" AND reason = ?", [reason]) if reason else ("", [])
        last = 0
        while True:
            with readable_errors(self.path):
                try:
                    rows = self.db.execute(
                        f"SELECT id, url, origin, reason, detail, time FROM rejects WHERE id > ?{extra} "
                        "ORDER BY id LIMIT 500", [last, *params]
                    ).fetchall()
                except sqlite3.OperationalError as exc:
                    if "no such table" in str(exc):
                        return  # a corpus from before the table, opened read-only
                    raise
            if not rows:
                return
            for row in rows:
                yield Reject(row["reason"], row["url"], row["origin"], row["detail"], row["time"])
            last = rows[-1]["id"]

    def checkpoint(self, cp: Checkpoint) -> None:
        """Record how far a source got, in the same transaction as its articles.

        In a transaction of this corpus's own, only the source's newest checkpoint is
        written, when it commits (a row a page cost the single writer one statement a page);
        in one another writer on the connection owns, at once."""
        with readable_errors(self.path):
            self._begin()
            if self._open_tx:
                self._checkpoints[cp.source] = cp
            else:
                self.db.execute(_UPSERT_PROGRESS, _progress_row(cp))

    def _write_checkpoints(self) -> None:
        """The checkpoints `checkpoint` holds, into the open transaction."""
        if self._checkpoints:
            self.db.executemany(_UPSERT_PROGRESS, [_progress_row(cp) for cp in self._checkpoints.values()])
            self._checkpoints.clear()

    # -- reading ------------------------------------------------------------------------
    def progress(self, source: str) -> Checkpoint | None:
        """The source's checkpoint: the one written in the open transaction, else the last
        committed one, if any."""
        if source in self._checkpoints:
            return self._checkpoints[source]
        with readable_errors(self.path):
            if self._passed is None:  # (a read-only corpus from before the column has none)
                self._passed = has_column(self.db, "progress", "passed")
            passed = "passed" if self._passed else "0"
            row = self.db.execute(
                f"SELECT seek, resume_at, done, {passed} FROM progress WHERE source = ?", (_source_key(source),)
            ).fetchone()
        return Checkpoint(source, row[0], row[1], bool(row[2]), row[3]) if row else None

    def get(self, id: str) -> dict[str, Any] | None:
        """The record with this id (a duplicate comes back as its pointer record)."""
        with readable_errors(self.path):
            row = self.db.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (id,)).fetchone()
        return from_row(row) if row else None

    def find_url(self, url: str) -> list[dict[str, Any]]:
        """All records fetched from this URL, oldest first."""
        with readable_errors(self.path):
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM articles WHERE url = ? ORDER BY seq", (url,)).fetchall()
        return [from_row(r) for r in rows]

    def count(self, *, with_duplicates: bool = False) -> int:
        """Number of articles (originals only, unless `with_duplicates`)."""
        where = "" if with_duplicates else " WHERE duplicate_of IS NULL"
        with readable_errors(self.path):
            return int(self.db.execute(f"SELECT count(*) FROM articles{where}").fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def records(
        self,
        *,
        with_duplicates: bool = False,
        site: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Records in insertion order, filtered; streamed, never all in memory.

        `site`: a site name, or a host matching its subdomains too (`paper.example`);
        `language`: a BCP-47 tag (`de` or `de-DE`); `since`/`until`: a year, month or day
        of publication, both included (InputError for another shape).
        """
        where, params = _filters(with_duplicates, site, language, since, until)
        last = 0
        while True:
            with readable_errors(self.path):
                rows = self.db.execute(
                    f"SELECT seq, {_COLUMNS} FROM articles WHERE seq > ?{where} ORDER BY seq LIMIT 500",
                    [last, *params],
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield from_row(row)
            last = rows[-1]["seq"]

    def search(self, query: str, *, limit: int = 10) -> list[Hit]:
        """Full-text search over title and text, best first, each hit with a snippet."""
        with readable_errors(self.path):
            return search(self.db, query, limit=limit)


_PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def check_period(value: str, name: str = "since") -> str:
    """A `since`/`until` value: a year, a month or a day (`2020`, `2020-05`, `2020-05-01`)."""
    text = value.strip()
    ok = _PERIOD.fullmatch(text) is not None
    if ok:
        try:
            date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
        except ValueError:
            ok = False
    if not ok:
        raise InputError(f"--{name} {value!r}: give a year, a month or a day (2020, 2020-05 or 2020-05-01)")
    return text


def _filters(
    with_duplicates: bool, site: str | None, language: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    """SQL conditions for `records`. `site`: see `site_clause` (a name, or a host with its
    subdomains). `language`: `de` matches de and de-AT; `de-DE` matches de-DE and a bare de.
    `since`/`until`: a year, month or day, compared with the start of the page's own
    publication date (its local day) as far as both go: `--until 2020` keeps all of 2020,
    and a page dated only `2020-06` is kept by `--since 2020-06-15`."""
    clauses: list[str] = []
    params: list[Any] = []
    if not with_duplicates:
        clauses.append("duplicate_of IS NULL")
    if site:
        sql, values = site_clause(site)
        clauses.append(sql)
        params += values
    if language:
        tag = language.strip().lower().replace("_", "-")
        primary = tag.split("-", 1)[0]
        clauses.append("(lower(language) = ? OR lower(language) = ? OR replace(lower(language), '_', '-') LIKE ?)")
        params += [tag, primary if primary != tag else tag, f"{tag}-%"]
    for value, name, op in ((since, "since", ">="), (until, "until", "<=")):
        if value:
            value = check_period(value, name)
            # compared as far as both say: a page dated only "2020-06" is in --since 2020-06-15
            day = f"substr(date_published, 1, {len(value)})"
            clauses.append(f"length({day}) >= 4 AND {day} {op} substr(?, 1, length({day}))")
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params
