"""The original page beside what extraction kept of it (the article's side-by-side view).

The corpus does not store pages, only where each came from (`origin`): a saved file's
path, or `archive.warc.gz#offset`. Where that file is still on disk, the page is read
again with the sources' own readers (a WARC record is found by its offset), so the view
costs no storage; a crawled page (`origin` "http") is not kept anywhere and is never
fetched again by the server. Only files that look like what ingest reads (saved pages,
WARC archives) are opened, whatever path a record names.

The page's visible text is cut into lines at block elements (paragraphs, headings, list
items, cells...); each line is marked as kept in the body, kept as a metadata field
(title, byline, date...), or dropped; on a page too large to compare whole within one
request's budget, the lines left over are marked unchecked and counted as such.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.errors import BroadsheetError
from broadsheet.extract.decode import decode
from broadsheet.model import Page
from broadsheet.sources import QuietEvents
from broadsheet.sources.files import is_html_file, read_page
from broadsheet.sources.warc import iter_warc_records

MAX_LINES = 5000
#: Characters of a page's HTML the view reads: it runs in the server on each request, and the
#: lines past this (MAX_LINES bounds them anyway) cost parsing for no line shown.
MAX_HTML_CHARS = 4_000_000
_WARC = (".warc", ".warc.gz", ".warc.zst")
_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head"]
_BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul "
    "option button label".split()
)
_SPACE = re.compile(r"\s+")
#: Characters the substring searches of one comparison may scan (about 25 ms): past it, the
#: lines not yet settled are marked "unchecked". The most any of 400 dev pages needed: 3 M.
COMPARE_BUDGET = 50_000_000

Kind = Literal["body", "meta", "dropped", "unchecked"]


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    kind: Kind


def locate(origin: str | None) -> tuple[Path, int | None] | None:
    """(file, WARC offset or None) where the original still lies on disk, else None."""
    if not origin or origin == "http":
        return None
    path, offset = origin, None
    head, sep, tail = origin.rpartition("#")
    if sep and tail.isdigit() and head.lower().endswith(_WARC):
        path, offset = head, int(tail)
    file = Path(path)
    if offset is None and not is_html_file(file):
        return None
    try:
        if not file.is_file():
            return None
    except OSError:
        return None
    return file, offset


def missing(origin: str | None) -> str:
    """Why the original page behind `origin` cannot be shown."""
    if not origin or origin == "http":
        return "crawled pages are not kept, and the server never fetches them again"
    path = origin.rpartition("#")[0] if origin.rpartition("#")[2].isdigit() else origin
    if not (is_html_file(path) or path.lower().endswith(_WARC)):
        return f"its origin ({origin}) is neither a saved page nor a WARC record"
    where = locate(origin)
    if where is None:
        return f"the original is no longer at {origin}"
    return f"the original at {origin} cannot be read"


#: Records sharing one offset looked through for a page's own (a pzstd file puts 1,053 of
#: 1,715 pages at one): past this the page is not shown rather than searched for longer.
MAX_SHARED = 5000


def load(origin: str | None, url: str | None = None) -> Page | None:
    """The original Page behind `origin`, read again from disk, or None.

    Several records share an offset where a gzip member or zstd frame holds more than one
    (FastWARC gives them all the member's start): the page there whose URL is `url` is the
    one, and with no `url` the only page there; where none is (or several are, without a
    URL to tell them apart), None: no page beats another page's original (review R17)."""
    where = locate(origin)
    if where is None:
        return None
    file, offset = where
    try:
        if offset is None:
            return read_page(file, QuietEvents())
        found: Page | None = None
        for seen, (at, page) in enumerate(iter_warc_records(file, QuietEvents(), start=offset)):
            if at != offset or seen >= MAX_SHARED:
                break
            if url is not None and page.url == url:
                return page
            if url is None and found is not None:  # two pages here, nothing to choose by
                return None
            found = page
        return found if url is None else None
    except (OSError, BroadsheetError):
        return None


def visible_lines(html: str) -> list[str]:
    """The text a reader of the page sees, one line per block element.

    One walk down the tree carries each element's nearest block element with it, so a text
    node costs O(1) (looking up from every text node cost O(depth): 12,000 nested spans took
    5 s of a server thread, review R6); the walk keeps its own stack, never Python's.
    """
    tree = LexborHTMLParser(html[:MAX_HTML_CHARS])
    tree.strip_tags(_INVISIBLE)
    for hidden in tree.css("[hidden], [aria-hidden=true]"):
        hidden.decompose()
    root = tree.body or tree.root
    if root is None:
        return []
    lines: list[str] = []
    current: list[str] = []
    block: int | None = None
    # (the next node of a level, the nearest block element around that level)
    stack: list[tuple[LexborNode | None, int | None]] = [(root.child, _inside(root))]
    while stack and len(lines) < MAX_LINES:
        node, owner = stack[-1]
        if node is None:
            stack.pop()
            continue
        stack[-1] = (node.next, owner)
        if node.tag != "-text":
            stack.append((node.child, node.mem_id if node.tag in _BLOCK else owner))
            continue
        if owner != block and current:
            _push(lines, current)
            current = []
        block = owner
        current.append(node.text_content or "")
    _push(lines, current)
    return lines[:MAX_LINES]


def _inside(node: LexborNode | None) -> int | None:
    """The identity of the nearest block element at or around `node` (looked up once, for the root)."""
    while node is not None and node.tag not in _BLOCK:
        node = node.parent
    return node.mem_id if node is not None else None


def _push(lines: list[str], parts: list[str]) -> None:
    text = _SPACE.sub(" ", "".join(parts)).strip()
    if text:
        lines.append(text)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def compare(lines: list[str], record: dict[str, Any], budget: int | None = None) -> list[Line]:
    """Mark each visible line: in the kept body, in a metadata field, dropped, or unchecked.

    A line is looked up first in a set of the body's own lines, then ruled out by its words
    (a word inside the line must be a whole word of the body), and only then searched for in
    the body's text; those searches scan at most `budget` characters per call (by default
    COMPARE_BUDGET), so a page of
    thousands of lines against megabytes of text costs milliseconds, not seconds (review R7).
    A line whose search would pass the budget is marked "unchecked", never guessed.
    """
    texts = [record.get("text") or ""] + [b.get("text") or "" for b in record.get("blocks") or []
                                          if b.get("kind") == "image"]
    body = _norm(" \n ".join(texts))
    index = _BodyIndex(body, texts, COMPARE_BUDGET if budget is None else budget)
    meta_values = [record.get(k) for k in ("title", "description", "date_published", "date_modified", "site_name",
                                           "section")]
    meta_values += list(record.get("authors") or []) + list(record.get("tags") or [])
    meta = [_norm(str(v)) for v in meta_values if v]
    meta_chars = sum(len(m) for m in meta)
    known: dict[str, Kind] = {}
    out = []
    for line in lines:
        n = _norm(line)
        kind = known.get(n)
        if kind is None:
            found = index.holds(n)
            if found is None or not found and not index.spend(meta_chars + len(meta) * len(n)):
                kind = "unchecked"
            elif found:
                kind = "body"
            else:
                kind = "meta" if _is_meta(n, meta) else "dropped"
            known[n] = kind
        out.append(Line(line, kind))
    return out


def _is_meta(n: str, meta: list[str]) -> bool:
    """Whether a line says one of the metadata values (or most of one) and little else."""
    return any(m in n and len(m) >= len(n) / 3 or n in m and len(n) >= len(m) / 2 for m in meta)


class _BodyIndex:
    """The kept text, indexed once per comparison so that a line costs about its own length."""

    def __init__(self, body: str, texts: list[str], budget: int) -> None:
        self.body = body
        # Each line of the kept text, normalised, is a substring of `body`: an exact hit.
        self.lines = {_norm(part) for text in texts for part in text.split("\n")}
        words = set(body.split(" "))
        self.words = words
        # A line of one word lies inside one word of the body: the distinct words are enough.
        self.vocabulary = " ".join(words)
        self.left = budget

    def spend(self, chars: int) -> bool:
        """Charge `chars` of scanning, if what is left of the budget allows it."""
        if chars > self.left:
            return False
        self.left -= chars
        return True

    def holds(self, n: str) -> bool | None:
        """Whether `n` is a substring of the body; None where finding out would pass the budget."""
        if n in self.lines:
            return True
        if " " not in n:
            haystack = self.vocabulary
        else:
            inner = n.split(" ")[1:-1]  # whole words of the body wherever `n` lies in it
            if any(word not in self.words for word in inner):
                return False
            haystack = self.body
        if not self.spend(len(haystack)):
            return None
        return n in haystack


def _warc_url(record: dict[str, Any]) -> str | None:
    """The URL the record's page was archived under (its WARC-Target-URI), where the record
    keeps it: a `url` the page stated itself (canonical) is none."""
    sources = record.get("sources")
    if isinstance(sources, str):
        try:
            sources = json.loads(sources)
        except ValueError:
            sources = None
    if isinstance(sources, dict) and sources.get("url") == "canonical":
        return None
    url = record.get("url")
    return url if isinstance(url, str) and url else None


def side_by_side(record: dict[str, Any]) -> dict[str, Any]:
    """The comparison for one record, or why there is none, as plain JSON types."""
    origin = record.get("origin") or ""
    if record.get("duplicate_of"):
        return {"available": False, "origin": origin,
                "reason": "a duplicate keeps no text of its own; see its original"}
    page = load(origin, _warc_url(record))
    if page is None:
        return {"available": False, "origin": origin, "reason": missing(origin)}
    try:
        html, _encoding = decode(page.content, page.headers)
    except BroadsheetError as exc:
        return {"available": False, "origin": origin, "reason": f"the original cannot be read as HTML: {exc}"}
    lines = compare(visible_lines(html), record)
    counts = {kind: sum(1 for line in lines if line.kind == kind) for kind in ("body", "meta", "dropped", "unchecked")}
    return {"available": True, "origin": origin, "lines": [{"text": x.text, "kind": x.kind} for x in lines],
            "counts": counts}
