"""The original page beside what extraction kept of it (the article's side-by-side view).

The corpus does not store pages, only where each came from (`origin`): a saved file's
path, or `archive.warc.gz#offset`. Where that file is still on disk, the page is read
again with the sources' own readers (a WARC record is found by its offset), so the view
costs no storage; a crawled page (`origin` "http") is not kept anywhere and is never
fetched again by the server. Only files that look like what ingest reads (saved pages,
WARC archives) are opened, whatever path a record names.

The page's visible text is cut into lines at block elements (paragraphs, headings, list
items, cells...); each line is marked as kept in the body, kept as a metadata field
(title, byline, date...), or dropped.
"""
from __future__ import annotations

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
_WARC = (".warc", ".warc.gz")
_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head"]
_BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul "
    "option button label".split()
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    kind: Literal["body", "meta", "dropped"]


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


def load(origin: str | None) -> Page | None:
    """The original Page behind `origin`, read again from disk, or None."""
    where = locate(origin)
    if where is None:
        return None
    file, offset = where
    try:
        if offset is None:
            return read_page(file, QuietEvents())
        for at, page in iter_warc_records(file, QuietEvents(), start=offset):
            return page if at == offset else None
    except (OSError, BroadsheetError):
        return None
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


def compare(lines: list[str], record: dict[str, Any]) -> list[Line]:
    """Mark each visible line: in the kept body, in a metadata field, or dropped."""
    body = _norm(" \n ".join([record.get("text") or ""] + [b.get("text") or "" for b in record.get("blocks") or []
                                                             if b.get("kind") == "image"]))
    meta_values = [record.get(k) for k in ("title", "description", "date_published", "date_modified", "site_name",
                                           "section")]
    meta_values += list(record.get("authors") or []) + list(record.get("tags") or [])
    meta = [_norm(str(v)) for v in meta_values if v]
    out = []
    for line in lines:
        n = _norm(line)
        if n in body:
            kind: Literal["body", "meta", "dropped"] = "body"
        elif any(m in n and len(m) >= len(n) / 3 or n in m and len(n) >= len(m) / 2 for m in meta):
            kind = "meta"
        else:
            kind = "dropped"
        out.append(Line(line, kind))
    return out


def side_by_side(record: dict[str, Any]) -> dict[str, Any]:
    """The comparison for one record, or why there is none, as plain JSON types."""
    origin = record.get("origin") or ""
    if record.get("duplicate_of"):
        return {"available": False, "origin": origin,
                "reason": "a duplicate keeps no text of its own; see its original"}
    page = load(origin)
    if page is None:
        return {"available": False, "origin": origin, "reason": missing(origin)}
    try:
        html, _encoding = decode(page.content, page.headers)
    except BroadsheetError as exc:
        return {"available": False, "origin": origin, "reason": f"the original cannot be read as HTML: {exc}"}
    lines = compare(visible_lines(html), record)
    counts = {kind: sum(1 for line in lines if line.kind == kind) for kind in ("body", "meta", "dropped")}
    return {"available": True, "origin": origin, "lines": [{"text": x.text, "kind": x.kind} for x in lines],
            "counts": counts}
