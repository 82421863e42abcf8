"""Readers of the visible page: the headline `<h1>`, bylines, `<time>` and datelines.

The visible page states the most but also the most that is not about this article: a
site header's date of today, related-article teasers with their own dates and authors,
comments with theirs. So every DOM value is taken only outside such places
(`ForeignCheck`), and the merge step ranks the DOM below the structured sources.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract.dom import MAX_CLASS_CHARS, is_hidden
from broadsheet.extract.meta.authors import is_title, looks_like_person, split_byline
from broadsheet.extract.meta.foreign import (
    ForeignCheck,
    PostFooterCheck,
    _semantic_here,
    in_foreign_context,
    is_post_class_label,
    walk_up,
)
from broadsheet.extract.meta.words import AND, AUTHOR, BY, KICKERS, SUBMITTED_BY, UPDATED, WRITTEN_BY, alternation
from broadsheet.extract.meta.lines import (
    bylines_near_headline,
    headline_lines,
    locate_headline,
    text_near_headline,
)

__all__ = [
    "ForeignCheck", "in_foreign_context", "text_of", "cut_text", "ReadBudget", "class_id", "read_h1",
    "read_bylines", "read_times", "read_datelines", "locate_headline", "headline_lines", "text_near_headline",
    "bylines_near_headline", "BYLINE_NAME", "DATE_NAME", "TextPlaces", "in_other_story", "neighbour_titles",
]

#: Class or id naming a byline or an author's name (not their biography or avatar).
#: A class word holding "byline" after other letters names one too: Gawker Media's
#: "nodebyline" (its blog template, on each of its sites), "newsByLine", "postByline",
#: "storyBlogByline" (the element query asks `[class*=byline i]` already). Written with a
#: lookahead and a possessive run: "[^\W_]*byline\w*" found each "byline" of a long word
#: again from its start (quadratic: 53 s for "byline" * 30,000). A state flag saying a story
#: has none ("nobyline", "hideByline", "withoutbyline") names no byline: such a word wraps a
#: dek, a source line or a whole header. The flags written with a '-' or '_' ("no-byline")
#: matched as "byline" before these words were read and still do.
BYLINE_NAME = re.compile(
    r"(?:^|[\s_-])(?:(?!(?:has)?(?:no|hide|hidden|without)byline)(?=[^\W_]*?byline)[^\W_]++|"
    r"by-?line|author|authors|author-?name|autor|autorin|auteur|"
    r"writer|article-?author|post-?author|entry-?author|author-?link|vcard|fn|"
    r"contributor\w*|reporter|creator|posted-?by)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_BYLINE = re.compile(
    r"(?:bio|description|avatar|image|img|photo|picture|thumb|social|follow|more|"
    r"about|info-?box|box|list|label|title|date|time|role|position|job)",
    re.IGNORECASE,
)
#: Class or id of an element holding a publication date or a dateline. "xdate" is read
#: without '_' (`[^\W_]*`): a match through a '_' also matches from that '_', and `\w*`
#: ran from every '_' of a long word to its end (quadratic).
DATE_NAME = re.compile(
    r"(?:^|[\s_-])(?:date\w*|[^\W_]*-?date|datum|fecha|data|time-?stamp|timestamp|"
    r"published\w*|publish\w*|pubdate|posted\w*|post-?meta|entry-?meta|article-?meta|"
    r"dateline|byline\w*|meta-?info|article-?info|story-?meta|post-?info|entry-?date|"
    r"time|article-?time|story-?date)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MODIFIED_NAME = re.compile(f"edited|{alternation(UPDATED)}", re.IGNORECASE)
_PUBLISHED_NAME = re.compile(r"publi|datepublished|pubdate|created", re.IGNORECASE)


#: Drupal's name for a field's element, from the field's machine name: "field--name-field-
#: term-author" (8 on), "field-name-field-author" (7). A field named for its author holds
#: the author's name: the words its template writes on every field, for how the label is
#: shown and what the field stores ("field--label-hidden", "field-type-text"), are not
#: read for it, their "label" no label's element (`_NOT_BYLINE`): a Drupal site's
#: `<h5 class="field field--name-field-term-author field--type-entity-reference
#: field--label-hidden field--item">` was no byline. The machine name ends on the author
#: (`author`, `authors`, `author-name`): the author's biography, affiliation or location
#: ("field--name-field-author-bio", "-author-affiliation", "-author-location") names no
#: one, and a picture's author ("field-media-author", "-image-author", "-photo-author")
#: is its credit, not the story's byline (review RV-A2 M2). Drupal's common name for the
#: printed byline, "field-byline", is one too, on the same terms ("field-byline-title",
#: the AP's role field, does not end on it: review RV-A3 L2).
#: The words of a Drupal field's machine name for a picture.
_PICTURE_WORDS = "media|image|img|photo|foto|picture|video|gallery"
_DRUPAL_AUTHOR_FIELD = re.compile(
    rf"(?:^|\s)field-{{1,2}}name-field-(?![\w-]*(?:{_PICTURE_WORDS}|caption|credit|copyright))"
    r"[\w-]*(?:authors?(?:-names?)?|byline)(?=\s|$)",
    re.IGNORECASE,
)
_DRUPAL_FIELD = re.compile(r"(?:^|\s)field-{1,2}name-", re.IGNORECASE)
#: A picture's entity or field around a Drupal byline field: "field-byline" in an image's
#: media entity ("AP Photo/John Roe") is the picture's credit (review RV-A4 M2).
_DRUPAL_PICTURE = re.compile(
    r"(?:^|\s)(?:media--type-[\w-]+|field--type-image|field-type-image"
    rf"|field-{{1,2}}name-field-[\w-]*(?:{_PICTURE_WORDS}))(?=\s|$)",
    re.IGNORECASE,
)
#: Levels above a Drupal byline field searched for a picture around it.
_PICTURE_LEVELS = 6


def _in_drupal_picture(node: LexborNode) -> bool:
    """Whether a Drupal byline field stands in a picture's entity or field."""
    up = node.parent
    for _ in range(_PICTURE_LEVELS):
        if up is None:
            return False
        if _DRUPAL_PICTURE.search((up.attributes.get("class") or "")[:MAX_CLASS_CHARS]):
            return True
        up = up.parent
    return False


#: A value of a Drupal field that is an entity shown with fields of its own (an author
#: field referring to a person: "node--type-person", "paragraph--type--author", each field
#: "field--name-..."): only its name is read (`_ENTITY_NAME`), not its job title or biography
#: ("Jane Doe" "Former White House correspondent, now ..." read as names: review RV-A3 M3).
_DRUPAL_ENTITY_CSS = "[class*=field-name-],[class*=field--name-],[class*=--type-]"
_DRUPAL_ENTITY = re.compile(r"(?:^|\s)(?:field-{1,2}name-|[\w-]+--type-)", re.IGNORECASE)
#: An entity's name field: its title (a node's), "name" (a user's) or "field-name", or D7's.
_ENTITY_NAME = re.compile(r"(?:^|\s)field-{1,2}name-(?:title|name|field-name)(?=\s|$)", re.IGNORECASE)
_DRUPAL_FIELD_WORDS = re.compile(r"(?:^|\s)field-{1,2}(?:label|type)-[\w-]*", re.IGNORECASE)


def _drupal_author_field(names: str) -> bool:
    """Whether a class/id string names a Drupal field for the author (`_DRUPAL_AUTHOR_FIELD`)."""
    return "field" in names and _DRUPAL_AUTHOR_FIELD.search(names) is not None


#: TypePad marks a whole post with its writer's account, "entry-author-<user> entry-type-post
#: entry" (63 dragnet-train pages, 10+ blogs): the post's wrapper, whose text is the story,
#: not a byline (its first words were read as the author's name). Read only beside TypePad's
#: "entry-type-" word, as Genesis themes print "entry-author-name"/"-link" on the byline.
_TYPEPAD_ENTRY_AUTHOR = re.compile(r"(?<!\S)entry-author-\S++", re.IGNORECASE)

@lru_cache(maxsize=4096)
def _names_byline(names: str) -> bool:
    """Whether a class/id string names a byline (memoised: pages repeat class strings)."""
    if _drupal_author_field(names):
        names = _DRUPAL_FIELD_WORDS.sub(" ", names)
    if "entry-type-" in names:
        names = _TYPEPAD_ENTRY_AUTHOR.sub(" ", names)
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
    stated: tuple[str, ...] = (),
    home: list[str] | None = None,
) -> list[str]:
    """Texts of the page's `<h1>`s outside site chrome, in order (at most five). An `<h1>`
    that is the site's title (`is_site_heading`), in site chrome or not, is no headline:
    its text goes to `sites`, with whether it is in site chrome; but one that states the
    page's own og:title or JSON-LD headline (`stated`) is its headline. The texts of
    `<h1>`s the foreign check calls chrome but that sit in no menu, other story or comment
    (`_NotHeadlinePlace`) go to `others`: the first `MAX_CHROME_H1S` foreign ones are
    looked at (a page of menus holds thousands), and the first `MAX_SITE_H1S` for the
    site's title. Those of the site's titles that link to the site's root or are marked as
    its title (`names_home`) go to `home` as well: a heading linking a folder above the
    page may be a section's (review R16)."""
    out: list[str] = []
    place = _NotHeadlinePlace()
    looked = 0
    for i, node in enumerate(nodes):
        text = text_of(node, 500)
        if not text:
            continue
        # A logo heading in the site's menu (a <nav>) names the site all the same.
        if (
            sites is not None
            and i < MAX_SITE_H1S
            and is_site_heading(node, text, page_url)
            and not _states_title(text, stated)
        ):
            sites.append((text, foreign(node)))
            if home is not None and names_home(node, page_url):
                home.append(text)
        elif len(out) < 5 and not foreign(node):
            out.append(text)
        elif others is not None and len(others) < 5 and looked < MAX_CHROME_H1S:
            looked += 1
            if not place(node):
                others.append(text)
        if len(out) == 5:
            break
    return out


#: Foreign `<h1>`s `read_h1` examines for a printed headline in chrome, at most.
MAX_CHROME_H1S = 20
#: `<h1>`s `read_h1` examines for the site's title: the first (a logo heading opens the
#: page; a page of thousands of menu headings paid a link query for each).
MAX_SITE_H1S = 50


def _states_title(text: str, stated: tuple[str, ...]) -> bool:
    """Whether an `<h1>` says what a stated title (og:title, JSON-LD headline) says, word
    for word: then it is the page's headline, whatever it links to (its permalink from an
    AMP or comment page, its section). Only the same words: a stated title holding more
    holds the site's name as often ("Post - Site Name" over a logo heading "Site Name")."""
    if not stated:
        return False
    words = _words(text)
    return any(_words(t) == words for t in stated)


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())

#: Places whose `<h1>` is no printed headline, though the foreign check calls them chrome
#: like a footer or a form: navigation (a heading there labels the page in a menu or
#: breadcrumb trail, worded as the menu wants it), and other stories and comments (a
#: related box, a teaser, a comment: review R15). Not a widget: page builders (Elementor)
#: wrap the post's own heading in one.
_NOT_HEADLINE_NAME = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|nav|navbar|navigation|menu|comments?|comment-?list|replies|related\w*|"
    r"recommend\w*|teasers?|more-?stories|also-?read|read-?more|read-?next|further-?reading|see-?also|"
    r"outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_HEADLINE_TAGS = frozenset({"nav", "aside", "li"})
_NOT_HEADLINE_TYPE = re.compile(r"(?:Review|Comment|Answer|Question)$")
#: Words of a page's state, which themes put on the body or a page wrapper: what the page
#: has or lacks ("has-related-posts", "no-comments"), what is open ("comments-open", which
#: WordPress's body_class() writes, "menu-open"). They name no place (review R16).
_STATE = re.compile(r"(?:has|no|is|with)-\S*|\S*-(?:open|closed|enabled|disabled|active)", re.IGNORECASE)


class _NotHeadlinePlace:
    """Whether a node sits in a menu, a breadcrumb trail, an `<aside>`, a list item, a
    teaser link or an element named as another story or a comment.
    Verdicts are remembered per element (`walk_up`): checking many `<h1>`s of one page
    walks each ancestor chain once (review R15: unremembered, a page of deep menus took
    35 times as long)."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[int, bool] = {}

    def __call__(self, node: LexborNode) -> bool:
        return walk_up(node.parent, self._memo, _not_headline_here)


def _not_headline_here(node: LexborNode, tag: str | None) -> bool | None:
    if tag in _NOT_HEADLINE_TAGS or (tag == "a" and node.css_first("h1,h2,h3,h4,h5,h6") is not None):
        return True
    attrs = node.attributes
    itemtype = attrs.get("itemtype")
    if itemtype and _NOT_HEADLINE_TYPE.search(itemtype):
        return True
    names = class_id(node)
    if len(names) <= 1:
        return None
    if "-" in names:
        names = " ".join(w for w in names.split() if not is_post_class_label(w) and not _STATE.fullmatch(w))
    return True if _not_headline_name(names) else None


@lru_cache(maxsize=4096)
def _not_headline_name(names: str) -> bool:
    return _NOT_HEADLINE_NAME.search(names) is not None


#: Names themes give the heading that holds the site's title: WordPress's `site-title`
#: (Twenty Ten to Twenty Twelve, Underscores), `blog-title` (Sandbox), `blogtitle`. Some
#: themes name the post's own heading so: only a heading that is one link counts, and not
#: one linking to the page itself (its permalink).
_SITE_TITLE_NAME = re.compile(r"(?:^|[\s_-])(?:site|blog)-?(?:title|name)(?:$|[\s_-])", re.IGNORECASE)


def is_site_heading(node: LexborNode, text: str, page_url: str | None) -> bool:
    """Whether an `<h1>` is the site's title over every page (a logo heading), not the
    story's headline: its whole text is one link, and the heading is named so
    (`_SITE_TITLE_NAME`) or the link leads to the site's home: `rel=home`, access key 1
    (the home page's in the UK government's access keys, which Movable Type and TypePad
    themes give the blog's title), the site's root, or a folder above the page (a blog
    at paper.example/blog/ titles its posts at paper.example/blog/2012/07/post). A post's
    own link (`rel=bookmark`, or the page's own URL below the root) is its headline."""
    links = node.css("a[href]")
    if len(links) != 1 or text_of(links[0], 501) != text:
        return False
    attrs = links[0].attributes
    rel = (attrs.get("rel") or "").lower().split()
    if "bookmark" in rel:  # the post's permalink: its headline
        return False
    href = attrs.get("href") or ""
    if _is_page_itself(href, page_url):
        return False
    return (
        "home" in rel
        or attrs.get("accesskey") == "1"
        or bool(_SITE_TITLE_NAME.search(class_id(node)))
        or is_home_link(href, page_url)
    )


def names_home(node: LexborNode, page_url: str | None) -> bool:
    """Whether a site heading (`is_site_heading`) names the whole site, not a section: its
    link leads to the site's root, or says it leads home (`rel=home`, access key 1), or the
    heading is named as the site's title."""
    link = node.css_first("a[href]")
    if link is None:
        return False
    attrs = link.attributes
    if "home" in (attrs.get("rel") or "").lower().split() or attrs.get("accesskey") == "1":
        return True
    if _SITE_TITLE_NAME.search(class_id(node)):
        return True
    href = (attrs.get("href") or "").strip()
    try:
        path = urlsplit(urljoin(page_url or "", href)).path
    except ValueError:
        return False
    return not path.rstrip("/") and is_home_link(href, page_url)


def _is_page_itself(href: str, page_url: str | None) -> bool:
    """Whether a link leads to the page itself, where that is not the site's root."""
    if not page_url or not href.strip():
        return False
    try:
        target = urlsplit(urljoin(page_url, href.strip()))
        page = urlsplit(page_url)
    except ValueError:
        return False
    path = page.path.rstrip("/")
    return bool(path) and target.path.rstrip("/") == path and _bare_host(target.netloc) == _bare_host(page.netloc)


#: What follows a post's own URL in the URL of another view of it: its AMP or print copy,
#: a page of its comments or of the post itself (WordPress's `comment-page-2`,
#: `page/2`). The post's URL is then no "folder above the page".
_VIEW_OF_POST = re.compile(r"(?:amp|print|comment-page-\d+|page/\d+)", re.IGNORECASE)


def is_home_link(href: str, page_url: str | None) -> bool:
    """Whether a link leads to the site's home: its root (on the page's host, where that
    is known), or (where the page's URL is known) a folder above the page on the same
    host, not the post's own URL above another view of it (`_VIEW_OF_POST`)."""
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
    if page.netloc and _bare_host(page.netloc) != _bare_host(target.netloc):
        return False  # another site's root: a link post's subject
    path = target.path.rstrip("/")
    if not path:
        return True
    if not page.netloc:
        return False
    page_path = page.path.rstrip("/")
    return page_path.startswith(path + "/") and not _VIEW_OF_POST.fullmatch(page_path[len(path) + 1:])


def _bare_host(netloc: str) -> str:
    netloc = netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def read_bylines(nodes: list[LexborNode], foreign: ForeignCheck, footer: list[str] | None = None) -> list[str]:
    """Short texts of elements marked as bylines or author names, outside foreign parts,
    and shown: a hidden byline element is no byline the page prints (the names it holds
    count as hidden metadata, and one naming the site as its author: review R4).

    With `footer`, the texts of those in a post's own footer (`PostFooterCheck`) go there
    instead: a source read after the byline line under the headline (review R15). Ten
    texts in both lists together are enough."""
    out: list[str] = []
    budget = ReadBudget()
    unseen = UnseenCheck()
    in_footer = PostFooterCheck() if footer is not None else None
    quoted = QuotationCheck()
    for node in nodes:
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        if "author" not in rel:
            names = class_id(node)
            if not _names_byline(names) and not (_names_posted(names) and _starts_byline(node)):
                continue
            if _drupal_author_field(names) and _in_drupal_picture(node):
                continue
            if node.tag in ("body", "html", "article", "main", "section", "meta", "link", "script"):
                continue
        if quoted(node):
            continue
        into = footer if footer is not None and in_footer is not None and in_footer(node) else out
        if _take_short_text(node, foreign, into, budget, unseen, _byline_text) or len(out) + len(footer or ()) >= 10:
            break
    return out


#: Elements whose content is another work's or speaker's: a figure and its caption (a photo
#: credit), a quotation (its source's name), by HTML's meaning of them.
_QUOTATION_TAGS = frozenset(("figure", "figcaption", "blockquote", "q"))
#: WordPress's classic image caption (the [caption] shortcode before HTML5 themes):
#: `<div class="wp-caption"><img><p class="wp-caption-text">`, a figure by another tag.
_WP_CAPTION = re.compile(r"(?:^|\s)wp-caption(?:\s|$)")
#: Elements above which the walk of `QuotationCheck` stops: the story's own containers.
_STORY_TAGS = frozenset(("article", "main", "body", "html"))


def _is_quotation(element: LexborNode) -> bool:
    tag = element.tag
    return tag in _QUOTATION_TAGS or (
        tag == "div" and _WP_CAPTION.search((element.attributes.get("class") or "")[:MAX_CLASS_CHARS]) is not None
    )


class QuotationCheck:
    """Whether a node stands in a figure, its caption or a quotation that holds no heading
    (`<h1>`, `<h2>`) and no more than a quotation's text: a byline there credits a photo or
    names a quotation's source ("By John Roe" under a picture), not the story's writer. A
    hero figure holding the headline, or a blockquote wrapping a whole story, is the story's.

    One per page: each element's outermost figure or quotation (below the story's own
    container) is remembered, so a walk up stops at the first element walked before (90,000
    bylines 1,000 levels deep walked each chain again: 18 s), and each one's verdict is
    made once."""

    def __init__(self) -> None:
        self._outer: dict[int, LexborNode | None] = {}
        self._verdicts: dict[int, bool] = {}

    def __call__(self, node: LexborNode) -> bool:
        outer = self._outer_of(node.parent)
        if outer is None:
            return False
        key = outer.mem_id
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = outer.css_first("h1, h2") is None and len(outer.text(deep=True)) <= _QUOTATION_CHARS
            self._verdicts[key] = verdict
        return verdict

    def _outer_of(self, start: LexborNode | None) -> LexborNode | None:
        """The outermost figure or quotation at or above `start`, up to the story's container."""
        chain: list[LexborNode] = []
        above: LexborNode | None = None
        up = start
        while up is not None and up.tag not in _STORY_TAGS:
            key = up.mem_id
            if key in self._outer:
                above = self._outer[key]
                break
            chain.append(up)
            up = up.parent
        outer = above
        for element in reversed(chain):  # from the top down: the first one met is the outermost
            if outer is None and _is_quotation(element):
                outer = element
            self._outer[element.mem_id] = outer
        return outer


#: Most text a figure or quotation holds for a byline in it to be a credit: a caption or a
#: pull quote; more is a story wrapped whole (a syndicated copy, a live post).
_QUOTATION_CHARS = 600


#: Class of an element inside a byline that holds the person's job title, role or outlet,
#: not a name: a class word ending in "-title", "-role", "-position" ... ("byline-title"
#: at the BBC, with itemprop="jobTitle"; Drupal's "field-name-field-byline-title" on pages
#: the AP hosts for its members, "Associated Press" after the names; "c-author__role" in
#: Penske Media's WordPress theme, "sdc-article-author__role" at Sky, "bbp-author-role" in
#: bbPress, "author-position"). One classed as a title, role, position or job is read as
#: no byline of its own either (`_NOT_BYLINE`).
_ROLE_CHILD = re.compile(
    r"(?:^|\s)[\w-]*[_-](?:title|job(?:-?title)?|role|position|affiliation|organi[sz]ation)(?:$|\s)",
    re.IGNORECASE,
)
#: schema.org's Person properties for the same: `jobTitle`, `affiliation`, `worksFor`.
_ROLE_ITEMPROP = frozenset(("jobtitle", "affiliation", "worksfor"))
_ROLE_CHILD_CSS = (
    "[class*=title i],[class*=job i],[class*=role i],[class*=position i],[class*=affiliation i],"
    "[class*=organi i],[itemprop],[class*=sr-only i],[class*=screen-reader i],[class*=visually i],"
    "[class*=invisible i],[class*=show-for-sr i]"
)


def _is_role_child(node: LexborNode) -> bool:
    attrs = node.attributes
    if (attrs.get("itemprop") or "").strip().lower() in _ROLE_ITEMPROP:
        return True
    names = attrs.get("class") or ""
    return _ROLE_CHILD.search(names[:MAX_CLASS_CHARS]) is not None


#: The values of a Drupal field of several ("field__item" from Drupal 8, "field-item" in 7),
#: each an element of its own (block-level: no separator between them in the text).
_FIELD_ITEM = re.compile(r"(?:^|\s)field(?:__|-)item(?=\s|$)")


def _field_items(node: LexborNode) -> list[LexborNode]:
    """The values of a Drupal field (`_FIELD_ITEM`) in `node`, not those of a field inside
    one of them (an entity's fields shown in its value), where `node` is a field: the
    names of a field of several authors ("field--name-field-authors ... field__items" with
    a "field__item" for each), which read as one name "Jane Doe John Roe" (review RV-A2 M1)."""
    key = node.mem_id
    # A field of one value with a hidden label is its own "field__item" (Drupal's
    # field.html.twig): the "field__item"s inside are the entity's own fields (a person's
    # job title), no values of this one (review RV-A4 H1).
    items = [
        item
        for item in node.css("[class*=item]")
        if item.mem_id != key
        and _FIELD_ITEM.search(classes := item.attributes.get("class") or "")
        and not _DRUPAL_FIELD.search(classes)
    ]
    if len(items) < 2:
        return items
    keys = {item.mem_id for item in items}
    top = []
    for item in items:
        up = item.parent
        while up is not None and up.mem_id != key and up.mem_id not in keys:
            up = up.parent
        if up is None or up.mem_id == key:
            top.append(item)
    return top


def _byline_text(node: LexborNode, text: str, limit: int) -> str:
    """A byline element's text without the job titles, roles and outlets of its elements
    that hold them (`_ROLE_CHILD`) after a name: "ERIC TUCKER" then "Associated Press" in
    an element of its own read "ERIC TUCKER Associated Press" as one name (review R14). An
    element that comes before any name is kept: a theme may class the name's own heading
    so (Twenty Sixteen's "author-title" holds "Author: Jane Doe"), and where its text is
    a name, a later element classed alike holds the list's next name and is kept too
    ("By <span class=author-title>Jane Doe</span>, <span class=author-title>John Roe</span>":
    review RV-M finding 6). Where a name holder follows text, a comma stands between them.
    One whose text is followed by a byline's "By" is a kicker, no holder ("Analysis" "By
    <a>Jane Doe</a>" "The Gazette" gave The Gazette as a second author: review RV-M3
    finding 4).

    After a dropped element, text starts another name only after a separator or a joining
    word ("Jane Doe" "Reporter" "and John Roe"), or in an element on the first name's path
    or like its element (`_alike`) where the text has a name's shape (per-author blocks:
    "Jane Doe" "Political correspondent" "John Roe" ..., read "Jane Doe John Roe" as one
    name: review RV-M finding 1), or in an author's link, or where it has a name's shape,
    stands in the byline element itself (links aside) and a role classed as the dropped one
    follows it ("<a>Jane Doe</a>" "Reporter" "<a>John Roe</a>" "Editor"), neither one an
    organisation's ("New York" between "Reporter" and "The Gazette", or in an element of
    its own before another role, is no name: review RV-F finding 2): there a comma stands
    before it. Other text after it is no name, up to the next separator:
    the role ended the name ("Jane Doe" "Political correspondent" "<a>New York</a>" gave
    New York as a second author: review RV-M3 finding 1).

    A label for screen readers only (`_SCREEN_READER`: "Post author", "Posted by",
    "Author") is left out where its text names no one: "Post author By Jane Doe" gave
    "Post". Not a separator: it parts the names (`_is_hidden_label`)."""
    classes = node.attributes.get("class") or ""
    if "ield" in classes[:MAX_CLASS_CHARS] and _DRUPAL_FIELD.search(classes):
        values = _field_items(node) or [node]
        if len(values) > 1 or _entity_holder(node):
            return ", ".join(filter(None, (_field_value_text(value, limit) for value in values)))
    return _roles_cut(node, text, limit)


def _entity_holder(node: LexborNode) -> bool:
    """Whether a Drupal field's element holds an entity shown with fields of its own
    (`_DRUPAL_ENTITY`) below itself."""
    key = node.mem_id
    return any(
        inner.mem_id != key and _DRUPAL_ENTITY.search(inner.attributes.get("class") or "")
        for inner in node.css(_DRUPAL_ENTITY_CSS)
    )


def _field_value_text(value: LexborNode, limit: int) -> str:
    """One value of a Drupal byline field: its text without roles, or where it is an
    entity shown with fields of its own, only its name: the text of its name field
    (`_ENTITY_NAME`) or of its `<h2>` title; none without either."""
    if not _entity_holder(value):
        return _roles_cut(value, text_of(value, limit), limit)
    key = value.mem_id
    for inner in value.css("[class*=name-]"):
        if inner.mem_id != key and _ENTITY_NAME.search(inner.attributes.get("class") or ""):
            return text_of(inner, limit)
    title = value.css_first("h2")
    return text_of(title, limit) if title is not None else ""


def _roles_cut(node: LexborNode, text: str, limit: int) -> str:
    """`_byline_text` for one element: its text without the roles after a name."""
    if not any(_is_role_child(child) or _is_screen_reader_text(child) for child in node.css(_ROLE_CHILD_CSS)):
        return text
    pieces: list[str] = []
    named = False  # whether the text so far holds a name
    apart = False  # whether the next piece of text starts another name (a name holder's)
    after_role = False  # whether an element was dropped after a name, and no name started since
    name_path: int | None = None  # the path of the elements holding the first name's last text
    last_path = 0  # ... and of the last text, until then
    holders: dict[str, bool] = {}  # for a role child's class kept before a name: whether it held one
    pending: tuple[str, int, str] | None = None  # a holder's key until the text after it, its depth and text
    name_place: _Place | None = None  # the element holding the first name's last text, links aside
    last_place: _Place = _ROOT
    deferred: str | None = None  # a name's text after a dropped role, kept if a role like it follows
    dropped = ""  # the key of the last role dropped after a name (`_role_key`)
    role_words: set[str] = set()  # the class words of the role elements
    size = -1  # the length of the pieces' text, whitespace collapsed
    # A stack, not recursion (markup nests deep): each element's children, the path of
    # elements down to it (a hash of tags, classes and links' folders), whether one of
    # them is an author's link, and the nearest that is no link (`_Place`).
    stack: list[tuple[Iterator[LexborNode], int, bool, _Place]] = [(iter(node.iter(include_text=True)), 0, False, _ROOT)]
    while stack:
        children, path, authors, place = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == "-text":
            piece = child.text_content
            if not piece or piece.isspace():
                continue
            deferred = None
            if pending is not None and len(stack) <= pending[1]:
                if _BY_LABEL.match(piece) or (_BY_DI.match(piece) and _KICKER.fullmatch(pending[2])):
                    holders[pending[0]] = False  # a kicker before "By": "Analysis" "By Jane Doe"
                pending = None
            if apart:
                if pieces and not _LIST_GOES_ON.search(pieces[-1]) and not _LIST_STARTS.match(piece):
                    pieces.append(",")
            elif after_role and not _LIST_STARTS.match(piece):
                person = looks_like_person(piece.strip())
                if authors or (path != 0 and path == name_path) or (person and _alike(place, name_place, role_words)):
                    pieces.append(",")
                else:
                    sep = _LIST_INSIDE.search(piece)
                    if sep is None:
                        if person and place[0] == 0 and not _ORG_ROLE.search(dropped):
                            deferred = piece  # a name if a role like the dropped one follows
                        continue  # no name: "New York", "Reuters", "Updated 5:30 PM"
                    piece = piece[sep.start():]
            apart = after_role = named = False
            pieces.append(piece)
            if name_path is None:
                last_path, last_place = path, place
            # Pieces are only appended: once they hold more than `limit` characters (as
            # `cut_text` counts them) the result is set, and reading on would re-split an
            # ever longer text at each role element (3,000 blocks took 1.2 s: review RV-F).
            size += len(" ".join(piece.split())) + 1
            if size > limit:
                break
        elif tag in NO_TEXT_TAGS or tag == "-comment":
            continue
        elif _is_role_child(child):
            key = _role_key(child)
            role_words.update((child.attributes.get("class") or "")[:MAX_CLASS_CHARS].split())
            if holders.get(key):
                apart = True  # the next name of a list, in an element classed as the first
                stack.append(_descend(child, path, authors, place))
            elif named or split_byline(" ".join(pieces)):
                if deferred is not None and key == dropped:
                    pieces += [",", deferred]  # "John Roe" "Editor": a name with its role
                deferred = None
                dropped = key
                named = after_role = True  # a title after a name: dropped
                if name_path is None:
                    name_path, name_place = last_path, last_place
            else:
                if key not in holders:
                    held = cut_text(child.text(deep=True), limit)
                    holders[key] = bool(split_byline(held))
                    if holders[key]:
                        pending = (key, len(stack), held)
                stack.append(_descend(child, path, authors, place))
        elif _is_screen_reader_text(child) and _is_hidden_label(cut_text(child.text(deep=True), limit)):
            continue
        else:
            stack.append(_descend(child, path, authors, place))
    return cut_text(" ".join(pieces), limit)


#: An element of a byline as `_alike` compares them: its depth (links not counted), tag and
#: class words.
_Place = tuple[int, str, frozenset[str]]
_ROOT: _Place = (0, "", frozenset())


def _descend(
    child: LexborNode, path: int, authors: bool, place: _Place
) -> tuple[Iterator[LexborNode], int, bool, _Place]:
    """`_byline_text`'s stack entry for an element's children."""
    attrs = child.attributes
    href = attrs.get("href") or "" if child.tag == "a" else ""
    folder = href.rstrip("/").rpartition("/")[0] if href else None
    authors = authors or (
        child.tag == "a" and ("author" in (attrs.get("rel") or "").lower().split() or _AUTHOR_HREF.search(href) is not None)
    )
    if child.tag != "a":
        place = (place[0] + 1, child.tag or "", frozenset((attrs.get("class") or "")[:MAX_CLASS_CHARS].split()))
    return iter(child.iter(include_text=True)), hash((path, child.tag, attrs.get("class"), folder)), authors, place


def _alike(place: _Place, name_place: _Place | None, role_words: set[str]) -> bool:
    """Whether the element holding a text after a dropped role is like the one holding the
    first name: at its depth, of its tag, sharing a class word with it that names an author
    (`_NAME_CLASS`) and no role element has, links around either not counted. Per-author
    blocks differ in a link ("<a>Jane Doe</a>" then "John Roe"), a link's folder (/staff/,
    /contributors/) or a class ("author-0", "author-1", "is-first"): with the path's hash to
    the letter, the second author was dropped (review RV-M4 finding 1). A word the items
    of a byline share ("byline-item", "meta-item", "info") made a place or an outlet after
    the role an author: "Los Angeles", "Associated Press" (review RV-F finding 1)."""
    return (
        name_place is not None
        and place[0] > 0
        and place[:2] == name_place[:2]
        and any(
            _NAME_CLASS.search(word) is not None and _NOT_NAME_CLASS.search(word) is None and word not in role_words
            for word in place[2] & name_place[2]
        )
    )


#: A class word of an element holding an author's name: "author", "author-name",
#: "byline__name", "contributor", vCard's "fn".
_NAME_CLASS = re.compile(r"name|author|writer|contributor|person|^fn$", re.IGNORECASE)
#: ... unless it names something else of the author's: "author-title", "author-location",
#: "author-organization", "author-bio", "author-date".
_NOT_NAME_CLASS = re.compile(
    r"title|job|role|position|affiliation|organi[sz]ation|(?:^|[_-])loc(?:$|[_-])|location|place|city|date|time|"
    r"bio|desk|section|item|meta|info",
    re.IGNORECASE,
)
#: A role key (`_role_key`) naming where the person works, not a title: a deferred
#: name's text waits for no such element (Brightspot's "author-organization", schema.org's
#: worksFor and affiliation: review RV-F finding 2).
_ORG_ROLE = re.compile(r"affiliation|organi[sz]ation|worksfor", re.IGNORECASE)


#: A link to an author's page: WordPress's /author/<name>/ and its kin in other languages.
_AUTHOR_HREF = re.compile(rf"/(?:{alternation(AUTHOR, ('autoren',))})/", re.IGNORECASE)
#: Classes of text shown to screen readers only: WordPress core's "screen-reader-text"
#: (its default themes put "Post author", "Posted by" or "Author" before the byline's
#: link), Bootstrap's "sr-only" (3, 4) and "visually-hidden" (5), Tailwind's "sr-only",
#: Drupal's "visually-hidden" (8 on) and "element-invisible" (7), Foundation's "show-for-sr".
_SCREEN_READER = re.compile(
    r"(?:^|\s)(?:screen-reader-text|sr-only|visually-hidden|visuallyhidden|element-invisible|show-for-sr)(?:$|\s)",
    re.IGNORECASE,
)


def _is_screen_reader_text(node: LexborNode) -> bool:
    return _SCREEN_READER.search((node.attributes.get("class") or "")[:MAX_CLASS_CHARS]) is not None


def _is_hidden_label(text: str) -> bool:
    """Whether a screen reader's text in a byline is a label to drop: not a separator or a
    joining word between names ("<span class=sr-only>, </span>", " and "), which glued
    them when dropped (review RV-M4 finding 2)."""
    return _LIST_ONLY.fullmatch(text) is None and _is_label(text)


def _is_label(text: str) -> bool:
    """Whether a byline's piece of text is a label, naming no one: no name in it, or a
    role's or a label's word ("Post author")."""
    return not split_byline(text) or is_title(text)


#: The end of a byline's text that already leads to the next name: a separator or a
#: joining word ("Jane Doe and"); and the start of one that leads on from the last.
_LIST_GOES_ON = re.compile(rf"(?:[,;&|/•·]|(?:^|\s)(?:{alternation(AND)}))\s*$", re.IGNORECASE)
_LIST_STARTS = re.compile(rf"\s*(?:[,;&|/•·]|(?:{alternation(AND)})\s)", re.IGNORECASE)
#: A byline's label opening a text ("By", "von", "par"); Italian "di" and "da" in lower
#: case (`_BY_DI`) only after a kicker's word: they are also "of" and "from" ("Mario Rossi"
#: "da Roma": review RV-M4 finding 6).
_BY_LABEL = re.compile(rf"\s*(?i:{alternation(w for w in BY if w not in ('di', 'da'))})\s")
_BY_DI = re.compile(r"\s*(?:di|da)\s")
_KICKER = re.compile(rf"\s*(?:{alternation(KICKERS)})\s*[:|•·–—-]?\s*", re.IGNORECASE)
#: A separator or joining word alone.
_LIST_ONLY = re.compile(rf"\s*(?:[,;&|/•·]|{alternation(AND)})\s*", re.IGNORECASE)
#: The same inside a text: where what follows it may be the next name.
_LIST_INSIDE = re.compile(rf"[,;&|/•·]|(?:^|\s)(?:{alternation(AND)})\s", re.IGNORECASE)


def _role_key(node: LexborNode) -> str:
    """What makes two role children alike: their class and itemprop."""
    attrs = node.attributes
    return f"{(attrs.get('class') or '')[:MAX_CLASS_CHARS]}\0{attrs.get('itemprop') or ''}"


#: Class or id of the line a blog engine prints under or after a post: Movable Type's and
#: TypePad's `<p class="posted">Posted by Jane Doe at May 2, 2012 01:23 PM</p>`, Drupal's
#: `<div class="submitted">Submitted by Jane Doe on May 2, 2012</div>` (`node__submitted`
#: from Drupal 8 on; in its translations: `words.SUBMITTED_BY`).
_POSTED_NAME = re.compile(r"(?:^|[\s_-])(?:posted|submitted)(?:$|[\s_-])", re.IGNORECASE)
#: A byline's opening words: "Posted by", "Written by", or "By" and a name not in lower
#: case ("By the way, ..." is prose: review R15; "By 李明" is a name in a script without
#: case: review R16). A comment's "Posted by:" matches too, but comments are foreign
#: places, and the post's own line comes first.
_BYLINE_START = re.compile(
    rf"\s*(?:(?P<phrase>{alternation(WRITTEN_BY, SUBMITTED_BY)})|by)\s+(?P<next>\S)", re.IGNORECASE
)
#: An element holding only "by" and a lower-case name of two or three words ("by jane
#: doe"): a byline all the same, where prose would go on.
_LOWER_BYLINE = re.compile(r"\s*by\s+(?!(?:the|a|an|this|that)\s)[^\W\d_]+(?:\s+[^\W\d_]+){1,2}\s*", re.IGNORECASE)
#: ... and only where the words could be a name: two or three, none a common prose word
#: after "by" ("by popular demand", "by default", "by far", "by mail only").
_LOWER_NAME_SHAPE = re.compile(
    r"\s*by\s+(?!(?:popular|default|far|design|mail|email|phone|hand|chance|accident|mistake|now|then|"
    r"all|some|many|most|way|means|no|not|our|your|their|his|her|its)\b)\S.*",
    re.IGNORECASE | re.DOTALL,
)


@lru_cache(maxsize=4096)
def _names_posted(names: str) -> bool:
    return _POSTED_NAME.search(names) is not None


def _starts_byline(node: LexborNode) -> bool:
    """Whether the element's text opens with a byline's words (its first 40 characters)."""
    text = node.text(deep=True)[:41]
    m = _BYLINE_START.match(text)
    if m is None:
        return False
    first = m.group("next")
    # a capital or a letter of a script without case opens a name; a quote, a digit or a
    # lower-case word ("By “the book”", "by popular demand") is prose (review R18)
    opens_name = first.isalpha() and not first.islower()
    return m.group("phrase") is not None or opens_name or (
        _LOWER_BYLINE.fullmatch(text) is not None and _LOWER_NAME_SHAPE.fullmatch(text) is not None
    )


def _take_short_text(
    node: LexborNode,
    foreign: ForeignCheck,
    out: list[str],
    budget: ReadBudget,
    unseen: UnseenCheck | None = None,
    trim: Callable[[LexborNode, str, int], str] | None = None,
) -> bool:
    """Append the node's text when it is short (a byline, a dateline) and not in a foreign
    part of the page (nor, given `unseen`, hidden), trimmed by `trim` where given; True once
    `out` holds enough (ten) of them, or the budget is spent."""
    text = budget.text_of(node, 201)
    if text is None:
        return True
    if text and len(text) <= 200 and not foreign(node) and not (unseen is not None and unseen(node, itself=True)):
        if trim is not None:
            text = trim(node, text, 201)
        if text:
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
        own = class_id(node) + " " + (attrs.get("itemprop") or "")
        parent = node.parent
        names = own + " " + class_id(parent) if parent is not None else own
        if "pubdate" in attrs or _PUBLISHED_NAME.search(own):
            # WordPress themes print a post never edited as one
            # <time class="entry-date published updated">: published first, modified too
            out["published"].append(value)
            if _MODIFIED_NAME.search(own):
                out["modified"].append(value)
        elif _MODIFIED_NAME.search(names):
            out["modified"].append(value)
        elif _PUBLISHED_NAME.search(names):
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


class TextPlaces:
    """The element whose own text holds a position of `text`, the body's text as
    `PageText` reads it (one text node a line, stripped, in document order): the text
    nodes are walked in order and found in `text` one after the other. Positions are asked
    in increasing order, and the walk goes on from where the last answer left it: one walk
    of the body at most, however many are asked."""

    __slots__ = ("_nodes", "_text", "_cursor", "_node", "_start", "_end")

    def __init__(self, body: LexborNode, text: str) -> None:
        self._nodes = body.traverse(include_text=True, skip_empty=True)
        self._text = text
        self._cursor = 0
        self._node: LexborNode | None = None
        self._start = self._end = -1

    def element_at(self, where: int) -> LexborNode | None:
        """The element holding `where` (None where no text node does, or the walk lost
        its place in the text)."""
        while self._end <= where:
            if self._start > where:
                return None
            node = next(self._nodes, None)
            if node is None:
                return None
            if node.tag != "-text":
                continue
            piece = (node.text_content or "").strip()
            if not piece:
                continue
            pos = self._text.find(piece, self._cursor)
            if pos < 0:
                self._start = self._end = len(self._text)
                return None
            self._node, self._start, self._end = node, pos, pos + len(piece)
            self._cursor = self._end
        if self._start <= where and self._node is not None:
            return self._node.parent
        return None


def in_other_story(node: LexborNode, unseen: UnseenCheck | None = None) -> bool:
    """Whether an element is, or sits in, another story's or a comment's element, an
    `<aside>`, a menu, a list item or a teaser link (`foreign`'s rules above a story: a
    post's own footer passes), or in what no reader sees (a script, a hidden element)."""
    return (unseen or UnseenCheck())(node, itself=True) or walk_up(node, {}, _semantic_here)


#: Links to the posts before and after this one, or the elements holding them: `rel=prev`/
#: `rel=next` (HTML's link types, also on `<link>` in the head, its `title` the post's),
#: WordPress's `nav-previous`, `nav-next` and `post-navigation` (the_post_navigation(),
#: Twenty Ten to Twenty Twenty-One), Movable Type's and TypePad's `content-nav` ("« Older
#: post | Main | Newer post »"), Blogger's `blog-pager-older-link`/`blog-pager-newer-link`.
#: No descendant combinators: they cost a walk up from every link of the page.
_NEIGHBOUR_LINKS = (
    "[rel~=prev i],[rel~=next i],.nav-previous,.nav-next,.post-navigation,.content-nav,"
    ".blog-pager-older-link,.blog-pager-newer-link,#blog-pager-older-link,#blog-pager-newer-link"
)
#: What surrounds a title in a link to a neighbouring post: arrows, separators.
_NEIGHBOUR_TRIM = " \t\n«»‹›←→<>|:-–—"


def neighbour_titles(tree: LexborHTMLParser) -> list[str]:
    """The titles of the posts before and after this one as links to them print them (at
    most 20, each with a digit: a title without one holds no date). Another post's title
    names that post wherever the page prints it (in a list of recent posts too), and a date
    in it ("AWS Week in Review - October 29, 2012") is that post's."""
    titles: list[str] = []
    for found in tree.css(_NEIGHBOUR_LINKS):
        for node in [found] if found.tag in ("a", "link") else found.css("a"):
            if node.tag == "link":
                title = node.attributes.get("title") or ""
            else:
                title = node.text(deep=True, separator="\n", strip=True, skip_empty=True)
            title = title.strip(_NEIGHBOUR_TRIM)
            if len(title) >= 6 and any(c.isdigit() for c in title) and title not in titles:
                titles.append(title)
                if len(titles) == 20:
                    return titles
    return titles
