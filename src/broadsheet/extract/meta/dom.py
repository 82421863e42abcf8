"""Readers of the visible page: the headline `<h1>`, bylines, `<time>` and datelines.

The visible page states the most but also the most that is not about this article: a
site header's date of today, related-article teasers with their own dates and authors,
comments with theirs. So every DOM value is taken only outside such places
(`ForeignCheck`), and the merge step ranks the DOM below the structured sources.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from broadsheet.extract.dom import MAX_CLASS_CHARS, is_hidden
from broadsheet.extract.meta.foreign import ForeignCheck, in_foreign_context, walk_up
from broadsheet.extract.meta.words import UPDATED, WRITTEN_BY, alternation
from broadsheet.extract.meta.lines import (
    bylines_near_headline,
    headline_lines,
    locate_headline,
    text_near_headline,
)

__all__ = [
    "ForeignCheck", "in_foreign_context", "text_of", "cut_text", "ReadBudget", "class_id", "read_h1",
    "read_bylines", "read_times", "read_datelines", "locate_headline", "headline_lines", "text_near_headline",
    "bylines_near_headline", "BYLINE_NAME", "DATE_NAME",
]

#: Class or id naming a byline or an author's name (not their biography or avatar).
BYLINE_NAME = re.compile(
    r"(?:^|[\s_-])(?:byline\w*|by-?line|author|authors|author-?name|autor|autorin|auteur|"
    r"writer|article-?author|post-?author|entry-?author|author-?link|vcard|fn|"
    r"contributor\w*|reporter|creator|posted-?by)(?:$|[\s_-])",
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
_MODIFIED_NAME = re.compile(f"edited|{alternation(UPDATED)}", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _names_byline(names: str) -> bool:
    """Whether a class/id string names a byline (memoised: pages repeat class strings)."""
    return BYLINE_NAME.search(names) is not None and _NOT_BYLINE.search(names) is None


@lru_cache(maxsize=4096)
def _names_date(names: str) -> bool:
    """Whether a class/id string names a publication date or dateline."""
    return DATE_NAME.search(names) is not None and _MODIFIED_NAME.search(names) is None


def text_of(node: LexborNode, limit: int = 400) -> str:
    """Visible text, whitespace collapsed, cut to `limit` characters.

    Only a head of the raw text is collapsed (an element may hold a whole article); the
    whole text only where whitespace runs made that head too short.
    """
    return cut_text(node.text(deep=True, separator=" ", strip=True), limit)


#: Characters of element text one reader's loop reads in all (`ReadBudget`). Each element
#: read reads its whole subtree, so a thousand nested elements named as bylines around a
#: long text would read it a thousand times (16 MB: over 30 s); pages of the development
#: sets read at most a few hundred thousand.
MAX_READ_CHARS = 2_000_000


class ReadBudget:
    """`text_of` for the elements of one query, until MAX_READ_CHARS are read: after that
    it answers None and the loop stops (the work is the budget plus one page at most)."""

    __slots__ = ("left",)

    def __init__(self, chars: int | None = None) -> None:
        self.left = MAX_READ_CHARS if chars is None else chars

    def text_of(self, node: LexborNode, limit: int) -> str | None:
        if self.left <= 0:
            return None
        raw = node.text(deep=True, separator=" ", strip=True)
        self.left -= len(raw)
        return cut_text(raw, limit)


def cut_text(raw: str, limit: int) -> str:
    """`raw` with whitespace collapsed, cut to `limit` characters (see `text_of`)."""
    if len(raw) > 4 * limit:
        head = " ".join(raw[: 4 * limit].split())
        if len(head) > limit:
            return head[:limit].strip()
    return " ".join(raw.split())[:limit].strip()


#: Elements whose text is no text of the page: code, form values, the head.
NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "textarea", "select", "option", "head"})
#: Elements whose text no reader sees: those, and what stands in for a frame or an object a
#: browser shows (an SVG's <text> is shown, and read).
UNSEEN_TAGS = NO_TEXT_TAGS | {"iframe", "object"}


class UnseenCheck:
    """Whether a node is inside what a reader never sees (or is it, with `itself`): a
    script, a template, a frame's fallback, an element hidden as the light tree judges it
    (`dom.is_hidden`: the `hidden` attribute, an inline style, AMP's nodisplay). Below
    `<body>`, as the light tree, which never judges the body it starts from (a page hidden
    until its scripts run is shown). One per page: verdicts are remembered per element
    (`foreign.walk_up`), so checking many nodes walks each ancestor chain once."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[int, bool] = {}

    def __call__(self, node: LexborNode, itself: bool = False) -> bool:
        return walk_up(node if itself else node.parent, self._memo, _unseen_here)


def unseen_element(node: LexborNode, tag: str | None) -> bool:
    """Whether this element (of this tag) hides its content, whatever its ancestors do."""
    if tag in UNSEEN_TAGS:
        return True
    attrs = node.attributes
    return bool(attrs) and is_hidden(attrs)


def _unseen_here(node: LexborNode, tag: str | None) -> bool | None:
    return True if unseen_element(node, tag) else None


def class_id(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{(attrs.get('class') or '')[:MAX_CLASS_CHARS]} {(attrs.get('id') or '')[:MAX_CLASS_CHARS]}"


def read_h1(
    nodes: list[LexborNode],
    foreign: ForeignCheck,
    page_url: str | None = None,
    sites: list[tuple[str, bool]] | None = None,
    others: list[str] | None = None,
) -> list[str]:
    """Texts of the page's `<h1>`s outside site chrome, in order (at most five). An `<h1>`
    that is the site's title (`is_site_heading`), in site chrome or not, is no headline:
    its text goes to `sites`, with whether it is in site chrome. The texts of `<h1>`s in
    site chrome but not in navigation (`_in_navigation`) go to `others`."""
    out: list[str] = []
    for node in nodes:
        text = text_of(node, 500)
        if not text:
            continue
        # A logo heading in the site's menu (a <nav>) names the site all the same.
        if sites is not None and is_site_heading(node, text, page_url):
            sites.append((text, foreign(node)))
        elif len(out) < 5 and not foreign(node):
            out.append(text)
        elif others is not None and len(others) < 5 and not _in_navigation(node):
            others.append(text)
        if len(out) == 5:
            break
    return out


#: Navigation: a heading there labels the page in a menu or breadcrumb trail, worded as
#: the menu wants it, not the story's headline.
_NAVIGATION_NAME = re.compile(r"(?:^|[\s_-])(?:breadcrumbs?|nav|navbar|navigation|menu)(?:$|[\s_-])", re.IGNORECASE)
_NAVIGATION_TAGS = frozenset({"nav", "aside", "li"})


def _in_navigation(node: LexborNode) -> bool:
    """Whether the node sits in a menu, a breadcrumb trail, an `<aside>` or a list item."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in _NAVIGATION_TAGS or _NAVIGATION_NAME.search(class_id(parent)):
            return True
        parent = parent.parent
    return False


#: Names themes give the heading that holds the site's title: WordPress's `site-title`
#: (Twenty Ten to Twenty Twelve, Underscores), `blog-title` (Sandbox), `blogtitle`. Some
#: themes name the post's own heading so: only a heading that is one link counts.
_SITE_TITLE_NAME = re.compile(r"(?:^|[\s_-])(?:site|blog)-?(?:title|name)(?:$|[\s_-])", re.IGNORECASE)


def is_site_heading(node: LexborNode, text: str, page_url: str | None) -> bool:
    """Whether an `<h1>` is the site's title over every page (a logo heading), not the
    story's headline: its whole text is one link, and the heading is named so
    (`_SITE_TITLE_NAME`) or the link leads to the site's home: `rel=home`, access key 1
    (the home page's in the UK government's access keys, which Movable Type and TypePad
    themes give the blog's title), the site's root, or a folder above the page (a blog
    at paper.example/blog/ titles its posts at paper.example/blog/2012/07/post). A post's
    own link (`rel=bookmark`) is its headline."""
    links = node.css("a[href]")
    if len(links) != 1 or text_of(links[0], 501) != text:
        return False
    attrs = links[0].attributes
    rel = (attrs.get("rel") or "").lower().split()
    if "bookmark" in rel:  # the post's permalink: its headline
        return False
    return (
        "home" in rel
        or attrs.get("accesskey") == "1"
        or bool(_SITE_TITLE_NAME.search(class_id(node)))
        or is_home_link(attrs.get("href") or "", page_url)
    )


def is_home_link(href: str, page_url: str | None) -> bool:
    """Whether a link leads to the site's home: its root, or (where the page's URL is
    known) a folder above the page on the same host."""
    href = href.strip()
    if not href or href.startswith(("#", "?")):
        return False
    try:
        target = urlsplit(urljoin(page_url or "", href))
        page = urlsplit(page_url or "")
    except ValueError:
        return False
    if target.query or (not target.netloc and href != "/"):
        return False
    path = target.path.rstrip("/")
    if not path:
        return True
    if not page.netloc or _bare_host(page.netloc) != _bare_host(target.netloc):
        return False
    return page.path.rstrip("/").startswith(path + "/")


def _bare_host(netloc: str) -> str:
    netloc = netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def read_bylines(nodes: list[LexborNode], foreign: ForeignCheck) -> list[str]:
    """Short texts of elements marked as bylines or author names, outside foreign parts,
    and shown: a hidden byline element is no byline the page prints (the names it holds
    count as hidden metadata, and one naming the site as its author: review R4)."""
    out: list[str] = []
    budget = ReadBudget()
    unseen = UnseenCheck()
    for node in nodes:
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        if "author" not in rel:
            names = class_id(node)
            if not _names_byline(names) and not (_names_posted(names) and _starts_byline(node)):
                continue
            if node.tag in ("body", "html", "article", "main", "section", "meta", "link", "script"):
                continue
        if _take_short_text(node, foreign, out, budget, unseen):
            break
    return out


#: Class or id of the line a blog engine prints under or after a post: Movable Type's and
#: TypePad's `<p class="posted">Posted by Jane Doe at May 2, 2012 01:23 PM</p>`.
_POSTED_NAME = re.compile(r"(?:^|[\s_-])posted(?:$|[\s_-])", re.IGNORECASE)
#: A byline's opening words: "Posted by", "Written by", "By" (a comment's "Posted by:" too,
#: but comments are foreign places, and the post's own line comes first).
_BYLINE_START = re.compile(rf"\s*(?:{alternation(WRITTEN_BY, ('by',))})\s", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _names_posted(names: str) -> bool:
    return _POSTED_NAME.search(names) is not None


def _starts_byline(node: LexborNode) -> bool:
    """Whether the element's text opens with a byline's words (its first 40 characters)."""
    first = node.text(deep=True)[:40]
    return _BYLINE_START.match(first) is not None


def _take_short_text(
    node: LexborNode, foreign: ForeignCheck, out: list[str], budget: ReadBudget, unseen: UnseenCheck | None = None
) -> bool:
    """Append the node's text when it is short (a byline, a dateline) and not in a foreign
    part of the page (nor, given `unseen`, hidden); True once `out` holds enough (ten) of
    them, or the budget is spent."""
    text = budget.text_of(node, 201)
    if text is None:
        return True
    if text and len(text) <= 200 and not foreign(node) and not (unseen is not None and unseen(node, itself=True)):
        out.append(text)
    return len(out) >= 10


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
    out: list[str] = []
    budget = ReadBudget()
    for node in nodes:
        if node.tag in ("time", "meta", "script", "body", "html", "link"):
            continue
        if not _names_date(class_id(node)):
            continue
        if _take_short_text(node, foreign, out, budget):
            break
    return out
