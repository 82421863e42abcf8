"""A story's tag links without `rel=tag`: links to tag or topic pages in a box named so.

Most CMSes and themes print a story's tags as a list of links to the tag's own page
("/tag/<slug>/" in WordPress, "/tags/", "/topics/", "/thema/", Blogger's
"/search/label/", Drupal's "/taxonomy/term/") inside an element named for them ("tags",
"tag-links", "entry-tags", "article-topics", "post-labels"); only some mark the links
`rel=tag` (`collect` reads those). A link counts when both hold: its path names a tag page
and an element at most `BOX_LEVELS` above it is named as the tag box, outside comments,
menus, sidebars and other stories (`ForeignCheck` on the box; the list items inside it
are the tags themselves), and not itself named as a list of the whole site's topics
("nav_topics", WordPress's "widget_nav_menu", "trending-tags"), nor as navigation outside
the story's `<article>` or `<main>`. Tag clouds (every
tag of the site) are left out.

The reader is paid for only where the merge reaches its key: where no `article:tag` and
no rel=tag link came first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract.meta.foreign import ForeignCheck, walk_up
from broadsheet.extract.meta.words import TAG_BOX, TAG_PATHS, alternation

#: How many levels above a link its tag box may stand (a > li > ul > div.tags).
BOX_LEVELS = 4
#: More tag links than this in one page is a site-wide list, not a story's tags.
MAX_LINKS = 40
#: More links than this are not read: a guard against a dump of 100,000 links, far above
#: what any article page holds.
MAX_SCANNED = 5000
#: A whole path segment made of a stem ("/tags/", "/thema/", "/labels/"). The look-ahead
#: for the stems' first letters (folded as the stems are) changes no match: it only spares
#: the regex trying every stem after every "/" (half the time of a page's paths).
_INITIALS = "".join(sorted({stem[0] for stem in TAG_PATHS}))
_PATH = re.compile(rf"/(?=[{_INITIALS}])(?:{alternation(TAG_PATHS)})[^\W\d_]*/", re.IGNORECASE)
#: `_PATH` for ASCII text lower-cased (the stems are lower-case ASCII letters): where every
#: href is ASCII, as good as always, lower() and a case-bound scan find the same matches at
#: the same places in half the time of the case-blind one (whose letters also stand for
#: "ſ", "ı", "K" ...).
_ASCII_PATH = re.compile(rf"/(?=[{_INITIALS}])(?:{alternation(TAG_PATHS)})[a-z]*/")
#: A tag-box word standing alone in a class or id, or opening a camel-case one ("tagsList").
_BOX = re.compile(rf"(?:^|[\s_-])(?:{alternation(TAG_BOX)})(?=$|[\s_-]|(?-i:[A-Z]))", re.IGNORECASE)
_CLOUD = re.compile(r"cloud|wolke|nuage|nube", re.IGNORECASE)
_STOP_TAGS = frozenset({"article", "main", "body", "html"})


@lru_cache(maxsize=4096)
def names_tag_box(names: str) -> bool:
    """Whether a class/id string names a box of tag links, not a tag cloud (memoised:
    pages repeat their class strings)."""
    return _BOX.search(names) is not None and _CLOUD.search(names) is None


#: A box named as a list of what the whole site is reading ("trending-tags",
#: "popular-topics") or as the site's navigation of topics ("nav_topics", WordPress's
#: navigation-menu widget "widget_nav_menu"). A box named "related-topics" is left in:
#: sites name the story's own topics so.
_SITE_LIST = re.compile(
    r"(?:^|[\s_-])(?:sidebar|trending|popular|most-?(?:popular|read|viewed)|nav_?(?:topics?|menu))(?:$|[\s_-])",
    re.IGNORECASE,
)
#: A bare navigation word: a site's menu of topics, or the story's own tags laid out as
#: one (Bootstrap's `<ul class="nav nav-pills post-tags">`, "tags-nav", "tags-menu"):
#: which of them only the box's place tells (review R16).
_NAV = re.compile(r"(?:^|[\s_-])(?:nav|navbar|navigation|menu)(?:$|[\s_-])", re.IGNORECASE)
_STORY_TAGS = frozenset({"article", "main"})


def names_site_list(box: LexborNode, memo: dict[int, bool] | None = None) -> bool:
    """Whether the box's own class/id names a site-wide list (`_SITE_LIST`), or navigation
    (`_NAV`) outside the story's `<article>` or `<main>`: `ForeignCheck` reads only the
    elements above the box, and the box's name is where such lists say what they are.
    `memo` keeps the walks up to an `<article>` linear over a page's boxes."""
    attrs = box.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if _SITE_LIST.search(names) is not None:
        return True
    return _NAV.search(names) is not None and not walk_up(box.parent, {} if memo is None else memo, _story_here)


def _story_here(node: LexborNode, tag: str | None) -> bool | None:
    return True if tag in _STORY_TAGS else None


def _box_of(node: LexborNode) -> LexborNode | None:
    """The nearest element above the link named as a tag box, within `BOX_LEVELS`."""
    box = node.parent
    for _ in range(BOX_LEVELS):
        if box is None or box.tag in _STOP_TAGS:
            return None
        attrs = box.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if len(names) > 1 and names_tag_box(names):
            return box
        box = box.parent
    return None


#: Joins the links' hrefs for one pass of `_PATH` over them all. The parser turns a NUL in
#: an attribute into U+FFFD, so no href holds one (`_tag_page_links` checks all the same).
_SEP = "\x00"
#: A query string, up to the end of its href in the joined hrefs.
_QUERY = re.compile(r"\?[^\x00]*")


def _tag_page_links(anchors: list[LexborNode]) -> list[LexborNode]:
    """The links whose path (the href before any "?") names a tag page, in document order.

    One regex pass over every path joined, not a search per link: on a page of 140 links
    the searches cost as much as the rest of the reader. A match cannot cross `_SEP`
    (`_PATH` holds neither it nor anything matching it), so a path matches here exactly
    where it matches alone."""
    try:  # `attrs[...]` costs half of `attrs.get` (a Python-level call of it)
        hrefs = [anchor.attrs["href"] or "" for anchor in anchors]
    except KeyError:  # an SVG link's xlink:href matches a[href] yet is no attribute named so
        hrefs = [anchor.attrs.get("href") or "" for anchor in anchors]
    joined = _SEP.join(hrefs)
    if joined.count(_SEP) != len(hrefs) - 1:  # a separator inside an href: one at a time
        return [a for a, href in zip(anchors, hrefs) if _PATH.search(href.split("?", 1)[0])]
    paths = _QUERY.sub("", joined)
    pattern = _PATH
    if paths.isascii():
        paths, pattern = paths.lower(), _ASCII_PATH
    out: list[LexborNode] = []
    index, pos, last = 0, 0, -1
    for match in pattern.finditer(paths):
        index += paths.count(_SEP, pos, match.start())
        pos = match.start()
        if index != last:  # a path may name two tag pages
            out.append(anchors[index])
            last = index
    return out


def read_tag_links(tree: LexborHTMLParser, foreign: ForeignCheck | None = None) -> list[str]:
    """The texts of tag links (see the module docstring), in document order; none where
    the page has more than `MAX_LINKS` of them. A query of its own over the body: the
    merge asks for it only where no tag stated by the page or marked `rel=tag` came first."""
    body = tree.body
    if body is None:
        return []
    foreign = foreign or ForeignCheck()
    out: list[str] = []
    verdicts: dict[int, bool] = {}
    in_story: dict[int, bool] = {}
    # Every link, its href tested here: as cheap as CSS substring tests of a few stems
    # (each a test of every element of the page), and it reads every stem.
    for anchor in _tag_page_links(body.css("a[href]")[:MAX_SCANNED]):
        attrs = anchor.attrs
        if "tag" in (attrs.get("rel") or "").lower().split():
            continue  # read as rel=tag already
        box = _box_of(anchor)
        if box is None:
            continue
        key = box.mem_id
        if key not in verdicts:  # the box's own name counts too: "nav_topics", "trending-tags"
            verdicts[key] = not names_site_list(box, in_story) and not foreign(box)
        if not verdicts[key]:
            continue
        text = " ".join(anchor.text(deep=True, separator=" ", strip=True).split())
        if text and len(text) <= 100:
            out.append(text)
            if len(out) > MAX_LINKS:
                return []
    return out
