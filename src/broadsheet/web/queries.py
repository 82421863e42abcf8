"""The queries behind the search, article and runs views (the HTML pages and `/api/...` alike).

Results are plain JSON types. Filtering, browsing and counting read the `articles_facets`
index (originals by date, host, language, section) and never the article rows; full-text
hits are ranked in FTS5 first, and only the page being shown is read from `articles`.
A corpus made before that index existed is still served, by scanning (slower).
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Mapping

from broadsheet.corpus.records import JSON_FIELDS, RECORD_FIELDS
from broadsheet.corpus.schema import HOST_SQL, readable_errors
from broadsheet.errors import InputError
from broadsheet.corpus.search import MAX_TERMS, SNIPPET_SECONDS, bounded, check_prefixes, plain, valid_match, within
from broadsheet.web.db import Reader

PER_PAGE = 20
MAX_PER_PAGE = 100
#: The highest page number asked for that is honoured (a larger one is the last page): far past
#: any corpus, and small enough that its OFFSET fits SQLite's 64-bit integers (2**70 gave HTTP 500).
MAX_PAGE = 10**9
#: Markers FTS5 puts around hits in snippets (private-use characters: never markup).
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_COLUMNS = f"seq, id, title, url, {HOST_SQL} AS host, site_name, date_published, language, section"


@dataclass(frozen=True, slots=True)
class Filters:
    """Search and browse filters: site (URL host), language, section, a date range."""

    site: str = ""
    language: str = ""
    section: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, params: Mapping[str, str], notices: list[str]) -> "Filters":
        """From query parameters; a malformed date is dropped with a notice."""
        values = {name: (params.get(name) or "").strip()[:200] for name in ("site", "language", "section", "since", "until")}
        for name in ("since", "until"):
            if values[name] and not _valid_date(values[name]):
                notices.append(f"{name}: {values[name]!r} is not a date (YYYY-MM-DD); ignored")
                values[name] = ""
        values["site"] = values["site"].lower()
        return cls(**values)

    def active(self) -> bool:
        return any(asdict(self).values())

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on `articles` (originals only) and their parameters."""
        clauses, params = ["duplicate_of IS NULL"], []
        if self.site:
            clauses.append(f"{HOST_SQL} = ?")
            params.append(self.site)
        if self.language:
            clauses.append("(language = ? OR language LIKE ?)")
            params += [self.language, self.language + "-%"]
        if self.section:
            clauses.append("section = ?")
            params.append(self.section)
        if self.since:
            clauses.append("date_published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date_published < ?")
            params.append((date.fromisoformat(self.until) + timedelta(days=1)).isoformat())
        return " AND ".join(clauses), params


def _valid_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass
class SearchPage:
    """One page of results: hits for a query, or the newest articles when there is none."""

    query: str
    filters: Filters
    page: int
    per_page: int
    total: int
    results: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "filters": {k: v for k, v in asdict(self.filters).items() if v},
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "total": self.total,
            "results": self.results,
            "notices": self.notices,
        }


def _facets_table(reader: Reader) -> str:
    return "articles INDEXED BY articles_facets" if reader.has("articles_facets") else "articles"


def search(reader: Reader, query: str, filters: Filters, page: int = 1, per_page: int = PER_PAGE,
           notices: list[str] | None = None) -> SearchPage:
    """Hits for `query` (FTS5 syntax, or plain words), best first; or the newest articles."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, min(page, MAX_PAGE))  # before any OFFSET is bound: SQLite's integers are 64-bit
    out = SearchPage(query.strip(), filters, page, per_page, 0, notices=list(notices or []))
    where, params = filters.where()
    table = _facets_table(reader)
    if not out.query:
        out.total = int(reader.value(f"SELECT count(*) FROM {table} WHERE {where}", params) or 0)
        page = out.page = min(page, out.pages)
        order = f"date_published DESC, {HOST_SQL} DESC, language DESC, section DESC, seq DESC"
        seqs = [r[0] for r in reader.rows(
            f"SELECT seq FROM {table} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, per_page, (page - 1) * per_page])]
        out.results, _ = _listing(reader, seqs, None)
        return out
    match = bounded(out.query, reader.db())  # a pasted paragraph: its key words (see corpus.search)
    if match != out.query:
        out.notices.append(f"a long query: searched its {MAX_TERMS} most telling words")
    if not valid_match(reader.db(), match):  # not valid FTS5 syntax: search the words instead
        match = plain(out.query)
        out.notices.append("the query is not valid FTS5 syntax; searched its words instead")
    else:
        try:
            check_prefixes(match)  # `w*` matches most words: each hit's snippet scans them all
        except InputError as exc:
            out.notices.append(str(exc))
            return out
        if not match:
            return out
    out.total, seqs = _ranked(reader, match, filters, table, page, per_page)
    if out.total and page > out.pages:
        out.page = out.pages
        _, seqs = _ranked(reader, match, filters, table, out.page, per_page)
    out.results, late = _listing(reader, seqs, match)
    if late:
        out.notices.append(f"highlighting took over {SNIPPET_SECONDS:g} s: {late} hits show the start of their text")
    return out


def _ranked(reader: Reader, match: str, filters: Filters, table: str, page: int, per_page: int) -> tuple[int, list[int]]:
    """(number of hits, seqs of this page's hits) in BM25 order, title weighted 5x."""
    condition, params = "articles_fts MATCH ?", [match]
    if filters.active():
        where, fparams = filters.where()
        # `+rowid`: test membership in the filtered set rather than look each one up in FTS5
        condition += f" AND +rowid IN (SELECT seq FROM {table} WHERE {where})"
        params += fparams
    total = int(reader.value(f"SELECT count(*) FROM articles_fts WHERE {condition}", params) or 0)
    if not total:
        return 0, []
    rows = reader.rows(
        f"SELECT rowid FROM articles_fts WHERE {condition} ORDER BY bm25(articles_fts, 5.0, 1.0), rowid LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    )
    return total, [r[0] for r in rows]


def _listing(reader: Reader, seqs: list[int], match: str | None) -> tuple[list[dict[str, Any]], int]:
    """Result entries for these seqs, in this order, with highlighted snippets for a query;
    and how many hits got the start of their text instead (past `SNIPPET_SECONDS`)."""
    if not seqs:
        return [], 0
    marks = ",".join("?" * len(seqs))
    if match is None:
        extra = "coalesce(nullif(description, ''), substr(text, 1, 400)) AS lead"
    else:
        extra = "NULL AS lead"
    rows = {r["seq"]: r for r in reader.rows(f"SELECT {_LIST_COLUMNS}, {extra} FROM articles WHERE seq IN ({marks})", seqs)}
    snippets: dict[int, tuple[str, str]] = {}
    leads: dict[int, str] = {}
    if match is not None:
        with readable_errors(reader.path):  # snippets share the CLI's time budget (corpus.search.within)
            for r in within(
                reader.db(),
                f"SELECT rowid, highlight(articles_fts, 0, ?, ?), snippet(articles_fts, 1, ?, ?, ' … ', 28) "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                [HIT_OPEN, HIT_CLOSE, HIT_OPEN, HIT_CLOSE, match, *seqs],
            ):
                snippets[r[0]] = (r[1] or "", r[2] or "")
        left = [seq for seq in seqs if seq in rows and seq not in snippets]
        if left:  # past the budget: the start of the text, as the CLI shows
            leads = {r[0]: r[1] or "" for r in reader.rows(
                "SELECT seq, coalesce(nullif(description, ''), substr(text, 1, 400)) FROM articles "
                f"WHERE seq IN ({','.join('?' * len(left))})", left)}
    out = []
    for seq in seqs:
        row = rows.get(seq)
        if row is None:
            continue
        lead = leads.get(seq, "") if match is not None else row["lead"] or ""
        title, snippet = snippets.get(seq, (row["title"] or "", _lead(lead)))
        out.append({
            "id": row["id"], "title": row["title"], "url": row["url"], "site": row["host"] or "",
            "site_name": row["site_name"], "date_published": row["date_published"], "language": row["language"],
            "section": row["section"],
            "title_marked": marked(title), "snippet": marked(snippet),
        })
    return out, len(leads)


def _lead(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:300].rsplit(" ", 1)[0] + " …"


def marked(text: str) -> list[dict[str, Any]]:
    """Text with hit markers -> segments [{"text", "hit"}], balanced whatever the text holds."""
    segments: list[dict[str, Any]] = []
    hit = False
    buf: list[str] = []
    for ch in text:
        if ch in (HIT_OPEN, HIT_CLOSE):
            if (ch == HIT_OPEN) != hit:  # a stray marker in the text itself is dropped
                if buf:
                    segments.append({"text": "".join(buf), "hit": hit})
                    buf = []
                hit = not hit
            continue
        buf.append(ch)
    if buf:
        segments.append({"text": "".join(buf), "hit": hit})
    return segments


def _record(row: sqlite3.Row) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = row[name]
        if name in JSON_FIELDS:
            try:
                value = json.loads(value) if value else None
            except ValueError:
                value = None
            value = value if value is not None else ({} if name == "sources" else [])
        out[name] = value
    return out


def article(reader: Reader, article_id: str) -> dict[str, Any] | None:
    """The record with this id, its site, its duplicates and (for a duplicate) its original."""
    rows = reader.rows(f"SELECT {', '.join(RECORD_FIELDS)}, text_hash, {HOST_SQL} AS host FROM articles WHERE id = ?",
                       (article_id[:64],))
    if not rows:
        return None
    row = rows[0]
    record = _record(row)
    record["site"] = row["host"] or ""
    original = None
    if record["duplicate_of"]:
        found = reader.rows(f"SELECT id, title, url, text_hash, {HOST_SQL} AS host FROM articles WHERE id = ?",
                            (record["duplicate_of"],))
        if found:
            o = found[0]
            original = {"id": o["id"], "title": o["title"], "url": o["url"], "site": o["host"] or "",
                        "kind": "exact" if o["text_hash"] == row["text_hash"] else "near"}
    index = "INDEXED BY articles_duplicate_of" if reader.has("articles_duplicate_of") else ""
    duplicates = [
        {"id": d["id"], "title": d["title"], "url": d["url"], "site": d["host"] or "",
         "date_published": d["date_published"], "origin": d["origin"],
         "kind": "exact" if d["text_hash"] == row["text_hash"] else "near"}
        for d in reader.rows(
            f"SELECT id, title, url, date_published, origin, text_hash, {HOST_SQL} AS host FROM articles {index} "
            "WHERE duplicate_of = ? ORDER BY seq LIMIT 500", (record["id"],))
    ]
    return {"article": record, "original": original, "duplicates": duplicates}


def runs(reader: Reader, limit: int = 500) -> list[dict[str, Any]]:
    """Past ingest and crawl runs, newest first (none for a corpus older than the table)."""
    if not reader.has("runs"):
        return []
    out = []
    for r in reader.rows("SELECT id, command, started, ended, summary, counts, pages_per_s FROM runs "
                         "ORDER BY id DESC LIMIT ?", (limit,)):
        try:
            counts = json.loads(r["counts"])
        except ValueError:
            counts = {}
        out.append({"id": r["id"], "command": r["command"], "started": r["started"], "ended": r["ended"],
                    "summary": r["summary"], "pages_per_s": r["pages_per_s"],
                    "counts": counts if isinstance(counts, dict) else {}})
    return out
