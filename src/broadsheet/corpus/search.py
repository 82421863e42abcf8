"""Full-text search over the corpus (SQLite FTS5, BM25 ranking, title weighted 5x).

A query may use FTS5 syntax ("exact phrase", OR, NOT, prefix*); one that is not valid
FTS5 (an unbalanced quote, a stray operator) is searched as plain words instead of failing.

The cost is bounded two ways. Terms: FTS5's snippet() scores every candidate window
against every instance of every term, so its work grows with the square of the term
instances in a text; a pasted 84-word paragraph (each "the" a term of its own) took 69 s
over 100 articles. A query of more than `MAX_TERMS` terms is therefore read as pasted text
and searched as its `MAX_TERMS` most useful words: of its distinct words that are not
function words ("the", "of", "und", ...), those the corpus holds in the fewest articles
(words it does not hold at all, typos included, are dropped rather than matching
nothing), kept in the order written; without the corpus's term counts, simply the first
ones. Twelve rare words of a paragraph pick out the article it came from as surely as all
84 do (a conjunction of them rarely matches anything else), while the cost stays that of
a short query. Work: hits are ranked first (BM25 only), and snippets are made only for
the hits returned (at most `MAX_LIMIT`), not for every match. Prefixes: FTS5 expands `w*`
to every token starting with w, so one such term counts as hundreds of instances in a
text (`w*` over 300 articles took 6.8 s, 27 times `word1*`'s time); a prefix needs at
least `MIN_PREFIX` characters (`check_prefixes`). Snippets then share a budget of
`SNIPPET_SECONDS` a search; hits past it show the start of their text instead.
"""
from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from broadsheet.errors import InputError

_WORD = re.compile(r"\w+")
#: A word as FTS5's unicode61 tokenizer splits them: an underscore separates ("__w" is "w").
_FTS_WORD = re.compile(r"[^\W_]+")
#: The most terms a query is searched with (see the module docstring).
MAX_TERMS = 12
#: The most hits one search returns (each gets a snippet).
MAX_LIMIT = 1000
#: The fewest characters before a `*` (see the module docstring).
MIN_PREFIX = 3
#: The longest query with a `*` whose prefixes are checked (`check_prefixes`): finding
#: quoted phrases in a long chain of them ('"a""a""a...*') costs the square of its length.
MAX_PREFIX_QUERY_CHARS = 4000
#: Seconds all snippets of one search may take (checked between hits).
SNIPPET_SECONDS = 1.0
_LEAD_CHARS = 200  # the text start shown for a hit past the snippet budget
_CANDIDATES = 200  # distinct words of a long query whose article counts are looked up
# FTS5 query tokens: a quoted phrase, a column filter, an operator, a word (prefix*) or punctuation.
_TOKEN = re.compile(r'"(?:[^"]|"")*"|\w+\s*:|\b(?:AND|OR|NOT|NEAR)\b|\w+\*?|[^\w\s]')
# Function words: they say little about which article a paragraph came from (a short list for
# en, de, fr, es, nl, it, pt; words that are also news words, like war, may, us, who, son, are left out).
_TRIVIAL = frozenset(
    """a an the and or but nor not no of to in on at by for from with without into onto upon as is are was were be been
    being am do does did has have had having it its this that these those there here then than so such too very can
    could would should will shall might must just also only about over under after before between against during
    he she they them his her their we our you your i me my whom whose which what when where why how all any
    both each few more most other some own same der die das den dem des ein eine einer eines einem einen und oder
    aber nicht ist sind wird werden hat haben mit von zu im am auf aus bei für als auch sich es er sie wir ihr
    le la les un une des du de et ou mais pas est sont été il elle ils elles nous vous en dans sur pour par avec que qui
    au aux ce cette ces se el los las del y o pero es fue por para con su sus lo al het een en van op te dat die
    voor met zijn niet il lo gli di da che per non sono o os as um uma e em no na do da que não""".split()
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; `snippet` marks matched words with [brackets]."""

    id: str
    title: str | None
    url: str | None
    date_published: str | None
    snippet: str
    score: float


# Ranking only: snippet() here would run for every match before the LIMIT applies.
_RANK = """
SELECT a.seq, a.id, a.title, a.url, a.date_published, bm25(articles_fts, 5.0, 1.0) AS score
FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH ? AND a.duplicate_of IS NULL
ORDER BY score, a.seq
LIMIT ?
"""
_SNIPPETS = """
SELECT rowid, snippet(articles_fts, 1, '[', ']', ' … ', 16)
FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})
"""


# A prefix term: an FTS5 bareword (every non-ASCII character counts, as do [A-Za-z0-9_] and
# 0x1A) or a quoted phrase (whose last word is the prefix), followed by `*`.
# A bareword starts at a bareword's start and is taken whole, a phrase to its closing quote:
# `(?:...)+\s*` split a run of non-ASCII spaces (bareword characters and \s both) every way,
# from every start (over 3 s at 1K characters).
_PREFIX = re.compile(r'((?<![^\x00-\x7f]|[A-Za-z0-9_\x1a])(?:[^\x00-\x7f]|[A-Za-z0-9_\x1a])++|"(?:[^"]|"")*+")\s*\*')
# What a long query read as pasted text loses: column filters (`title:`) and operators.
_SYNTAX = re.compile(r"\b\w+\s*:|\b(?:AND|OR|NOT|NEAR)\b")


def check_prefixes(query: str) -> None:
    """InputError for a prefix term shorter than `MIN_PREFIX` characters (`w*`): it would
    match most of the corpus's words, and snippets grow with the square of the matches.

    The prefix is what FTS5 searches: the bareword or phrase before `*`, folded and split
    as the unicode61 tokenizer does (accents and combining marks dropped; an apostrophe,
    a middle dot, a zero-width space or a soft hyphen separate words), so `w’*` is `w*`.
    A wide (CJK) character counts twice: unicode61 keeps a run of them as one token, and
    two of them are as selective as three letters.

    Give it the query that will run (`bounded`): a long query reduced to plain quoted
    words has no prefix left to refuse. A query with a `*` longer than
    `MAX_PREFIX_QUERY_CHARS` is refused too.
    """
    if "*" not in query:
        return
    if len(query) > MAX_PREFIX_QUERY_CHARS:
        raise InputError(f"the search query is {len(query):,} characters long and holds a '*': a query with a prefix "
                         f"term may be at most {MAX_PREFIX_QUERY_CHARS:,}; shorten it, or drop the '*' to search "
                         "the words as written")
    for found in _PREFIX.finditer(query):
        words = _FTS_WORD.findall(_term(found[1]))
        stem = words[-1] if words else ""
        if len(stem) + sum(unicodedata.east_asian_width(c) in "WF" for c in stem) < MIN_PREFIX:
            raise InputError(f"{found[0]}: give at least {MIN_PREFIX} letters before * (a shorter prefix matches "
                             "most words of the corpus)")


def plain(query: str) -> str:
    """The query as a conjunction of quoted words (no FTS5 operators)."""
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


def term_count(query: str) -> int:
    """How many terms (words and quoted phrases, not operators or column names) a query has."""
    return sum(1 for t in _TOKEN.findall(query) if t[0] == '"' or (t[-1] != ":" and _WORD.match(t) and t not in ("AND", "OR", "NOT", "NEAR")))


def key_words(text: str, limit: int = MAX_TERMS, doc_count: Callable[[str], int] | None = None) -> list[str]:
    """The `limit` most useful distinct words of `text`, in the order written.

    Function words are left out (unless the text has nothing else: "to be or not to be");
    with `doc_count` (articles holding a word), the rarest words the corpus holds are
    kept, else the first ones.
    """
    words = _WORD.findall(text)
    picked: list[str] = []
    seen: set[str] = set()
    for trivial_ok in (False, True):
        for word in words:
            key = _term(word)
            if key in seen or (not trivial_ok and (key in _TRIVIAL or len(key) < 2)):
                continue
            seen.add(key)
            picked.append(word)
            if len(picked) >= _CANDIDATES:
                break
        if picked:
            break
    if doc_count is None or len(picked) <= limit:
        return picked[:limit]
    counts = [doc_count(_term(w)) for w in picked]
    present = [i for i, n in enumerate(counts) if n > 0]
    if not present:
        return picked[:limit]
    keep = set(sorted(present, key=lambda i: (counts[i], i))[:limit])
    return [picked[i] for i in sorted(keep)]


def _term(word: str) -> str:
    """A word as the index holds it (unicode61, remove_diacritics 2: folded case, no accents)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def doc_counts(db: Any) -> Callable[[str], int] | None:
    """Articles holding a term, read from the full-text index (None where that cannot be read).

    Makes a temp fts5vocab view; a read-only connection must call this once before
    `PRAGMA query_only` (the web page does).
    """
    try:
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.broadsheet_terms USING fts5vocab(main, 'articles_fts', 'row')")
    except sqlite3.Error:
        return None

    def count(term: str) -> int:
        row = db.execute("SELECT doc FROM temp.broadsheet_terms WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0

    return count


def bounded(query: str, db: Any = None) -> str:
    """The FTS5 query to run for `query`: as given up to `MAX_TERMS` terms, else its key words.

    `db`: the corpus connection, whose term counts choose the rarest words (see `key_words`).
    """
    if term_count(query) <= MAX_TERMS:
        return query
    text = _SYNTAX.sub(" ", query)  # pasted text: `title:` and `NEAR` are no words of it
    return " ".join(f'"{w}"' for w in key_words(text, MAX_TERMS, doc_counts(db) if db is not None else None))


def _checked(query: str) -> str:
    """The query, or InputError when it holds text that is not UTF-8 (bytes from a mis-set terminal)."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = query[exc.start:exc.end].encode("utf-8", "surrogateescape")
        raise InputError(f"the search query is not valid UTF-8 text (it holds the bytes {bad!r}); give the query in UTF-8") from None
    return query


def valid_match(db: Any, match: str) -> bool:
    """Whether FTS5 accepts `match` (its syntax errors come only when a query runs; one row
    asked for, so a prefix is not expanded over the corpus to find out)."""
    try:
        db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (match,)).fetchall()
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)  # not the query's fault: let the real query report it
    return True


def search(db: sqlite3.Connection, query: str, *, limit: int = 10) -> list[Hit]:
    """Ranked hits for `query` (best first), at most `limit` (up to `MAX_LIMIT`)."""
    if not _checked(query).strip():
        return []
    limit = max(0, min(int(limit), MAX_LIMIT))
    if not limit:
        return []
    match = bounded(query, db)
    if valid_match(db, match):
        check_prefixes(match)  # after `bounded`: a pasted paragraph's `5*` is no prefix any more
    else:  # not valid FTS5 syntax ("covid-19*"): search the words instead, no prefix left
        match = bounded(plain(query), db)
        if not match:
            return []
    rows = db.execute(_RANK, (match, limit)).fetchall()
    if not rows:
        return []
    seqs = [r[0] for r in rows]
    snippets = _snippets(db, match, seqs)
    return [Hit(r[1], r[2], r[3], r[4], snippets.get(r[0]) or "", -float(r[5])) for r in rows]


def within(db: Any, sql: str, params: Sequence[Any], budget: float | None = None) -> list[Any]:
    """The rows `sql` yields in `budget` seconds (default `SNIPPET_SECONDS`): SQLite's progress
    handler stops the query there, and the rows read until then are kept. The snippets' time
    budget, here and on the web page (a snippet query's cost has no bound a query check can give)."""
    deadline = time.monotonic() + (SNIPPET_SECONDS if budget is None else budget)
    rows: list[Any] = []
    watch = getattr(db, "set_progress_handler", None)  # (a stand-in connection may have none)
    if watch is not None:
        watch(lambda: int(time.monotonic() > deadline), 100)
    try:
        for row in db.execute(sql, params):
            rows.append(row)
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
    finally:
        if watch is not None:
            watch(None, 0)
    return rows


def _snippets(db: sqlite3.Connection, match: str, seqs: list[int], budget: float = SNIPPET_SECONDS) -> dict[int, str]:
    """Snippets of the hits `seqs`, made while `budget` seconds last (`within`); the hits
    left get the start of their text."""
    sql = _SNIPPETS.format(marks=",".join("?" * len(seqs)))
    out: dict[int, str] = {rowid: snippet for rowid, snippet in within(db, sql, (match, *seqs), budget)}
    left = [seq for seq in seqs if seq not in out]
    if left:
        lead = f"SELECT seq, substr(text, 1, {_LEAD_CHARS}) FROM articles WHERE seq IN ({','.join('?' * len(left))})"
        for seq, text in db.execute(lead, left):
            out[seq] = " ".join((text or "").split()) + " …"
    return out
