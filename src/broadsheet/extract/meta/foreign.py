"""Whether a node belongs to another story, a comment or the site's chrome.

The visible page states the most but also the most that is not about this article: a
site header's date of today, related-article teasers with their own dates and authors,
comments with theirs. Every DOM value is taken only where no ancestor is such a place.
An `<article>` does not end the search (a teaser is often an `<article>` inside an
`<aside>`), and it makes the `<footer>` inside it the story's own: that is where bylines,
tags and categories stand. An hAtom entry (`hentry`, `h-entry`) does the same where a
theme writes no `<article>`, and Blogger's posts widget ("widget Blog") is no sidebar.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from selectolax.lexbor import LexborNode

#: Ancestors named like this hold other articles, comments or site chrome, not this
#: article's metadata. Names are split on `-`, `_` and spaces, as in body extraction.
_FOREIGN_NAME = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?\w+|disqus|replies|reply|respond|related\w*|"
    r"recommend\w*|more-?stories|also-?read|read-?more|read-?next|trending|popular|"
    r"most-?(?:popular|read|viewed)|teasers?|teaser-?\w+|sidebar|widget\w*|"
    r"recirc\w*|further-?reading|see-?also|newsletter\w*|promo\w*|outbrain|taboola|"
    r"nav|navbar|navigation|menu|breadcrumbs?|cards?|card-?list|"
    r"feed|river|latest|headlines|carousel|slider|ticker|reviews?|review-?\w+|ratings?)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Names that mark another story or a comment even where layout names are not read
#: (above the story element: wrappers are named "content--sidebar", "cards-layout").
_OTHER_STORY = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?list|replies|related\w*|recommend\w*|teasers?|more-?stories|"
    r"also-?read|read-?more|read-?next|further-?reading|see-?also|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: A layout wrapper named for the columns it holds, the story's among them, and saying it
#: wraps them (Genesis's "content-sidebar-wrap", "sidebar-content-layout"): no sidebar
#: itself. A bare "sidebar-content" is as often the sidebar's own name (Bootstrap themes).
_LAYOUT_NAME = re.compile(
    r"(?:^|\s)(?=[\w-]*(?:wrap|layout))[\w-]*(?:content-+sidebar|sidebar-+content)[\w-]*", re.IGNORECASE
)
#: Class prefixes a CMS gives a post's element from its tags and categories.
_CMS_LABELS = ("tag-", "category-", "categories-", "format-", "post-", "type-", "status-", "topic-")
#: The labels WordPress's post_class() writes on a post's element from its tags, categories,
#: type, status and format, and its id ("post-42"); not any "post-" word ("post-teaser",
#: "post-sidebar" name a place).
_POST_CLASS_LABEL = re.compile(r"(?:tag|categories|category|format|type|status|topic)-|post-\d+$", re.IGNORECASE)


#: The state Drupal's node template writes on a node's element: "node-promoted" (Drupal 6
#: and 7), "node--promoted" (8 on), for a node promoted to the front page, which the story
#: itself is as often as a teaser. A state, no place: not a promo box (`_FOREIGN_NAME`).
_DRUPAL_PROMOTED = re.compile(r"(?:^|\s)node-{1,2}promoted(?=$|\s)", re.IGNORECASE)


def is_post_class_label(word: str) -> bool:
    """Whether a class word is one of the labels WordPress's post_class() writes
    (`_POST_CLASS_LABEL`): it names no place on the page ("tag-menu", "category-comments")."""
    return _POST_CLASS_LABEL.match(word) is not None
#: Names of site chrome: foreign outside an `<article>`, the story's own inside one.
_CHROME_NAME = re.compile(r"(?:^|[\s_-])(?:footer|site-?footer)(?:$|[\s_-])", re.IGNORECASE)
#: A footer the name says is a post's own ("entry-footer", "post-footer-line-1",
#: "article-footer"): TypePad, Blogger and WordPress themes print the byline there ("Posted
#: by Jane Doe on May 2"), and write no `<article>` or hAtom entry around it.
_POST_FOOTER = re.compile(r"(?:^|\s)(?:entry|post|article|story)[-_]?footer[\w-]*", re.IGNORECASE)
_FOREIGN_TYPE = re.compile(r"(?:Review|Comment|Answer|Question|Rating|Offer|Product)$")
_FOREIGN_TAGS = frozenset({"aside", "nav", "form", "select", "option", "button", "li"})
#: Site chrome, unless inside an `<article>`: then the story's own footer.
_CHROME_TAGS = frozenset({"footer"})
#: Elements that hold a whole story: above them only `_SEMANTIC_TAGS` count.
_STORY_TAGS = frozenset({"article", "main"})
_SEMANTIC_TAGS = frozenset({"aside", "nav", "li"})
_HEADINGS = "h1,h2,h3,h4,h5,h6"
_TOP = frozenset({"body", "html"})


#: Blogger names the element holding a blog's posts "widget Blog" (id "Blog1"), like
#: every other block of its templates ("widget Label", "widget HTML"): that widget is the
#: story, not a sidebar's (its type name is capitalised, so it is matched as written).
_BLOGGER_POSTS = re.compile(r"(?:^|\s)Blog(?:$|\s)")


@lru_cache(maxsize=4096)
def foreign_name(names: str) -> int:
    """0: a class/id string names no foreign place; 1: site chrome (a footer); 2: another
    story, a comment, a menu. Pure and memoised: pages repeat their class strings."""
    if _BLOGGER_POSTS.search(names) and "widget" in names:
        return 0
    if _FOREIGN_NAME.search(names):
        return 2
    if "ooter" in names and _POST_FOOTER.search(names):
        names = _POST_FOOTER.sub(" ", names)
    return 1 if _CHROME_NAME.search(names) else 0


class ForeignCheck:
    """Whether a node sits in a comment, a related-articles list, a sidebar or site chrome.

    Below the nearest `<article>` or `<main>` every rule applies; from it upwards only the
    semantic tags (`<aside>`, `<nav>`, a list item, a teaser link) and names of other
    stories or comments: layout wrappers around a whole story carry names like
    "content--sidebar" or "navigation-container".
    One per page: verdicts are remembered per element, so checking many nodes of one page
    walks each ancestor chain once.
    """

    def __init__(self) -> None:
        self._strong: dict[int, bool] = {}
        self._weak: dict[int, bool] = {}
        self._article: dict[int, bool] = {}

    def __call__(self, node: LexborNode) -> bool:
        return walk_up(node.parent, self._strong, self._foreign_here)

    def _foreign_here(self, node: LexborNode, tag: str | None) -> bool | None:
        """What `node` (of this tag) decides with every rule (None: its ancestors decide)."""
        if tag in _STORY_TAGS:  # above a whole story only the semantic rules count
            return _other_story(node) or walk_up(node.parent, self._weak, _semantic_here)
        own = _own_verdict(node, tag)
        # Chrome is foreign outside an <article> only: asked only for chrome.
        if own == _FOREIGN or (own == _CHROME and not walk_up(node.parent, self._article, _article_here)):
            return True
        return None


def _semantic_here(node: LexborNode, tag: str | None) -> bool | None:
    """Whether `node` is a semantic foreign place (tags only; None: its ancestors decide)."""
    return True if tag in _SEMANTIC_TAGS or _is_teaser_link(node, tag) or _other_story(node) else None


def _article_here(node: LexborNode, tag: str | None) -> bool | None:
    """Whether `node` is an `<article>` or an hAtom entry (`hentry`, microformats2's
    `h-entry`: what WordPress and Blogger themes name a post's element where they write no
    `<article>`); None: its ancestors decide."""
    return True if tag == "article" or _is_entry(node) else None


#: What an element decides (`here(node, node.tag)`): True or False, or None (its ancestors decide).
_Here = Callable[[LexborNode, str | None], bool | None]


def walk_up(node: LexborNode | None, memo: dict[int, bool], here: _Here) -> bool:
    """The verdict on `node` and its ancestors: the first that `here` decides, else False.

    Walked up without recursion or depth limit until a decided or remembered element, and
    every element passed remembers the verdict: exact whichever node asked first (a depth
    limit made a deep node's verdict hang on that), and linear in the page. The tag is
    read once per element and handed on (reading it makes a string each time)."""
    passed: list[int] = []
    verdict = False
    while node is not None:
        tag = node.tag
        if tag in _TOP:
            break
        key = node.mem_id
        known = memo.get(key)
        if known is not None:
            verdict = known
            break
        passed.append(key)
        decided = here(node, tag)
        if decided is not None:
            verdict = decided
            break
        node = node.parent
    for key in passed:
        memo[key] = verdict
    return verdict


_ENTRY = re.compile(r"(?:^|\s)h-?entry(?:$|\s)")


def _is_entry(node: LexborNode) -> bool:
    """Whether the element is an hAtom entry by its class (`hentry`, `h-entry`)."""
    names = node.attributes.get("class")
    return names is not None and "entry" in names and _ENTRY.search(names) is not None


def _other_story(node: LexborNode) -> bool:
    """Whether an element is named as a comment or a related or teased story ("comment",
    "related-posts"). Its CMS labels ("tag-menu", "category-feed") are not read."""
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if len(names) <= 1:
        return False
    if "-" in names:
        names = " ".join(w for w in names.split() if not w.lower().startswith(_CMS_LABELS))
    return _other_story_name(names)


@lru_cache(maxsize=4096)
def _other_story_name(names: str) -> bool:
    return _OTHER_STORY.search(names) is not None


def _is_teaser_link(node: LexborNode, tag: str | None) -> bool:
    """A link (`tag`: the node's) holding a heading: a teaser of another story, its byline
    and date included."""
    return tag == "a" and node.css_first(_HEADINGS) is not None


_FOREIGN, _CHROME, _OWN = 2, 1, 0


def _own_verdict(node: LexborNode, tag: str | None) -> int:
    """What this element itself (not its ancestors) marks: `_FOREIGN` (another story, a
    comment, a menu), `_CHROME` (a footer: foreign unless inside an <article>), `_OWN`."""
    if tag in _FOREIGN_TAGS:
        return _FOREIGN
    chrome = tag in _CHROME_TAGS
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if len(names) > 1:
        if "idebar" in names and _LAYOUT_NAME.search(names):
            # (Not in `foreign_name`: htmldate's copy drops such a wrapper where it holds
            # no <article> or <h1>, `fallback._drop_foreign`.)
            names = _LAYOUT_NAME.sub(" ", names)
        if "romoted" in names:
            names = _DRUPAL_PROMOTED.sub(" ", names)
        if "-" in names and _is_entry(node):
            # An hAtom entry is the post itself: the labels WordPress's post_class() writes
            # from its tags and categories ("tag-promotion", "category-news") name no place.
            names = " ".join(w for w in names.split() if not is_post_class_label(w))
        if "ooter" in names and _post_footer_with_heading(node, names):
            chrome = True
        kind = foreign_name(names)
        if kind == _FOREIGN:
            return _FOREIGN
        chrome = chrome or kind == _CHROME
    itemtype = attrs.get("itemtype")
    if itemtype and _FOREIGN_TYPE.search(itemtype):
        return _FOREIGN
    if _is_teaser_link(node, tag):
        return _FOREIGN
    return _CHROME if chrome else _OWN


def _post_footer_with_heading(node: LexborNode, names: str) -> bool:
    """Whether a post's own footer (`_POST_FOOTER`, by `names`) holds a heading: a block of
    other stories ("More", a related list) with their bylines, where TypePad's and Blogger's
    footers print only lines ("Posted by Jane Doe on May 2"). It stays site chrome then."""
    return (
        _POST_FOOTER.search(names) is not None
        and _CHROME_NAME.search(names) is not None
        and node.css_first(_HEADINGS) is not None
    )


class PostFooterCheck:
    """Whether a node is in (or is) an element named as a post's own footer (`_POST_FOOTER`):
    a byline there is read only after the byline line under the headline, which names the
    story's writer where the footer may credit another (review R15). One per page: verdicts
    are remembered per element (`walk_up`)."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[int, bool] = {}

    def __call__(self, node: LexborNode) -> bool:
        return walk_up(node, self._memo, _post_footer_here)


def _post_footer_here(node: LexborNode, tag: str | None) -> bool | None:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return True if "ooter" in names and _POST_FOOTER.search(names) else None


def in_foreign_context(node: LexborNode) -> bool:
    """`ForeignCheck` for a single node."""
    return ForeignCheck()(node)
