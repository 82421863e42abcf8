"""Readers of the visible page: the headline `<h1>`, bylines, `<time>` and datelines.

The visible page states the most but also the most that is not about this article: a
site header's date of today, related-article teasers with their own dates and authors,
comments with theirs. So every DOM value is taken only outside such places
(`ForeignCheck`), and the merge step ranks the DOM below the structured sources.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.foreign import ForeignCheck, in_foreign_context

__all__ = [
    "ForeignCheck", "in_foreign_context", "text_of", "class_id", "read_h1", "read_bylines",
    "read_times", "read_datelines", "locate_headline", "headline_lines", "text_near_headline",
    "bylines_near_headline", "BYLINE_NAME", "DATE_NAME",
]

#: Class or id naming a byline or an author's name (not their biography or avatar).
BYLINE_NAME = re.compile(
    r"(?:^|[\s_-])(?:byline\w*|by-?line|author|authors|author-?name|autor|autorin|auteur|"
    r"writer|article-?author|post-?author|entry-?author|author-?link|vcard|fn|"
    r"contributor\w*|reporter|creator)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_BYLINE = re.compile(
    r"(?:bio|description|avatar|image|img|photo|picture|thumb|social|follow|more|"
    r"about|info-?box|box|list|label|title|date|time|role|position|job)",
    re.IGNORECASE,
)
#: Class or id of an element holding a publication date or a dateline.
DATE_NAME = re.compile(
    r"(?:^|[\s_-])(?:date\w*|\w*-?date|datum|fecha|data|time-?stamp|timestamp|"
    r"published\w*|publish\w*|pubdate|posted\w*|post-?meta|entry-?meta|article-?meta|"
    r"dateline|byline\w*|meta-?info|article-?info|story-?meta|post-?info|entry-?date|"
    r"time|article-?time|story-?date)(?:$|[\s_-])",
    re.IGNORECASE,
)
_LINES = re.compile(r"[^\n]*\S[^\n]*")
_MODIFIED_NAME = re.compile(r"updat|modif|aktualisiert|geändert|edited|revised", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def text_of(node: LexborNode, limit: int = 400) -> str:
    """Visible text, whitespace collapsed, cut to `limit` characters.

    Only a head of the raw text is collapsed (an element may hold a whole article); the
    whole text only where whitespace runs made that head too short.
    """
    raw = node.text(deep=True, separator=" ", strip=True)
    if len(raw) > 4 * limit:
        head = _SPACE.sub(" ", raw[: 4 * limit])
        if len(head) > limit:
            return head[:limit].strip()
    return _SPACE.sub(" ", raw)[:limit].strip()


def class_id(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def read_h1(nodes: list[LexborNode], foreign: ForeignCheck) -> list[str]:
    """Texts of the page's `<h1>`s outside site chrome, in order (at most five)."""
    out = []
    for node in nodes:
        text = text_of(node, 500)
        if text and not foreign(node):
            out.append(text)
            if len(out) == 5:
                break
    return out


def read_bylines(nodes: list[LexborNode], foreign: ForeignCheck) -> list[str]:
    """Short texts of elements marked as bylines or author names, outside foreign parts."""
    out: list[str] = []
    for node in nodes:
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        names = class_id(node)
        if "author" not in rel:
            if not BYLINE_NAME.search(names) or _NOT_BYLINE.search(names):
                continue
            if node.tag in ("body", "html", "article", "main", "section", "meta", "link", "script"):
                continue
        text = text_of(node, 201)
        if not text or len(text) > 200 or foreign(node):
            continue
        out.append(text)
        if len(out) >= 10:
            break
    return out


def read_times(nodes: list[LexborNode], foreign: ForeignCheck) -> dict[str, list[str]]:
    """`<time>` values: `published` (pubdate / itemprop / published class), `modified`, `any`."""
    out: dict[str, list[str]] = {"published": [], "modified": [], "any": []}
    for node in nodes[:50]:
        attrs = node.attributes
        value = attrs.get("datetime") or text_of(node, 100)
        if not value or foreign(node):
            continue
        names = class_id(node) + " " + (attrs.get("itemprop") or "")
        parent = node.parent
        if parent is not None:
            names += " " + class_id(parent)
        if _MODIFIED_NAME.search(names):
            out["modified"].append(value)
        elif "pubdate" in attrs or re.search(r"publi|datepublished|pubdate|created", names, re.I):
            out["published"].append(value)
        else:
            out["any"].append(value)
    return out


def read_datelines(nodes: list[LexborNode], foreign: ForeignCheck) -> list[str]:
    """Short texts of elements named as dates or datelines, outside foreign parts."""
    out = []
    for node in nodes:
        if node.tag in ("time", "meta", "script", "body", "html", "link"):
            continue
        names = class_id(node)
        if not DATE_NAME.search(names) or _MODIFIED_NAME.search(names):
            continue
        text = text_of(node, 201)
        if not text or len(text) > 200 or foreign(node):
            continue
        out.append(text)
        if len(out) >= 10:
            break
    return out


#: How far around the headline a dateline is looked for in the page text; a line this
#: long is prose.
_SCAN_BEFORE, _SCAN_AFTER, _PROSE_LINE = 200, 3000, 160
#: The search ends at the second line of prose: a standfirst may come before the dateline,
#: the story's second paragraph does not.
_PROSE_LINES = 2
#: Characters of a headline's start that locate it when inline markup split it up.
_HEAD_PREFIX = 24


def locate_headline(text: str, headlines: list[str]) -> int:
    """Where a headline stands as a line of its own in the page text (as an <h1> does),
    else where one first occurs (a script or breadcrumb may repeat it), else -1."""
    for headline in headlines:
        pos = text.find(f"\n{headline}\n")
        if pos >= 0:
            return pos + 1
    for headline in headlines:
        pos = text.find(headline)
        if pos >= 0:
            return pos
    # Inline markup splits a headline over lines: its opening words still stand together.
    for headline in headlines:
        if len(headline) >= 2 * _HEAD_PREFIX:
            pos = text.find(f"\n{headline[:_HEAD_PREFIX]}")
            if pos >= 0:
                return pos + 1
    return -1


def headline_lines(text: str, headlines: list[str], limit: int = 3) -> list[int]:
    """Where the headline stands on a line of its own, at most `limit` times (a skip link,
    a breadcrumb, the <h1>); else where it or its opening words first occur; else []."""
    starts: list[int] = []
    for headline in headlines:
        pos = text.find(f"\n{headline}\n")
        while pos >= 0 and len(starts) < limit:
            starts.append(pos + 1)
            pos = text.find(f"\n{headline}\n", pos + 1)
        if starts:
            return starts
    pos = locate_headline(text, headlines)
    return [pos] if pos >= 0 else []


def _is_prose(line: str) -> bool:
    """A long line of running text (a script's code, also long, has braces and semicolons)."""
    return len(line) >= _PROSE_LINE and sum(map(line.count, "{};=")) <= 1


def text_near_headline(text: str, headlines: list[str]) -> str:
    """The page text from just before each place the headline stands to where the story's
    prose begins (the top of the page if the headline is not found).

    A page that marks its date nowhere still prints it by the headline; dates farther on
    belong to the story's events, related articles or comments.
    """
    pieces = []
    for pos in headline_lines(text, headlines) or [0]:
        end = pos + _SCAN_AFTER
        prose = 0
        for line in _LINES.finditer(text, pos, end):
            if _is_prose(line.group(0)):
                prose += 1
                if prose == _PROSE_LINES:
                    end = line.start()
                    break
        pieces.append(text[max(0, pos - _SCAN_BEFORE) : end])
    return "\n".join(pieces)


#: A line of page text that is a byline: "By Jane Doe", "von Daniela Obers", "Par X".
_BYLINE_LINE = re.compile(
    r"^(?:(?:written |posted |reported )?by|von|par|por|door|av|af|texte?\s*:|text von|"
    r"autor(?:in)?\s*:|author\s*:)\s+(?-i:(?=[A-ZÀ-ÝА-Я]))(?P<rest>.{3,80})$",
    re.IGNORECASE,
)
#: A label line whose next line is the name: "Von:", "Autor", "Author:".
_BYLINE_LABEL = re.compile(
    r"^(?:by|von|par|por|door|autor(?:in)?|autore|auteur|author|text|texte|written by)\s*:?$",
    re.IGNORECASE,
)
#: How many non-empty lines after the headline may hold its byline.
_BYLINE_LINES = 15


def bylines_near_headline(text: str, headlines: list[str]) -> list[str]:
    """Lines after the headline that read as bylines ("By Jane Doe"), or that follow a
    "Von:" / "Autor" label, in order. A headline may stand on several lines (a skip link,
    a breadcrumb, the <h1>): the lines after each of its first three are read."""
    starts = headline_lines(text, headlines)
    found: list[str] = []
    for start in starts:
        lines = []
        for chunk in _LINES.finditer(text, start):
            lines.append(chunk.group(0).strip())
            if len(lines) > _BYLINE_LINES:
                break
        for i, line in enumerate(lines[1:], start=1):
            if _BYLINE_LINE.match(line):
                found.append(line)
            elif _BYLINE_LABEL.match(line) and i + 1 < len(lines) and len(lines[i + 1]) <= 60:
                found.append(lines[i + 1])
    return found
