"""Collecting the raw candidates: one CSS query over the head and one over the body for the
structured readers and the story's labels, a third (elements named as bylines or dates)
only around the headline, and in `read_metadata` only where the merge asks for a byline or
a dateline; each reader then gets its nodes. Values come out raw, cleaned in `merge`.
"""
from __future__ import annotations

import re
from typing import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract.dom import within
from broadsheet.extract.meta.dom import (
    ForeignCheck,
    read_bylines,
    read_datelines,
    read_h1,
    read_times,
    text_of,
)
from broadsheet.extract.meta.headline import MIN_PART_WORDS, opens_title, title_words
from broadsheet.extract.meta.html_meta import Candidates, add, read_link, read_meta
from broadsheet.extract.meta.jsonld import read_jsonld
from broadsheet.extract.meta.microdata import read_microdata

#: What the structured readers need from the head, and from the body: two queries (a
#: query costs a walk of its subtree plus a test of every selector at every element, and
#: the head is small). Lexbor tests a compound selector's attribute before its tag, so
#: `script[type*="ld+json" i]` made a case-blind substring test of every element's type
#: (inputs', sources' ...): written `script:is(...)`, the same selector tests the tag
#: first (the body's query -25%, the head's -50%; the same nodes, in the same order). The
#: head's links are one selector, the tag tested once (-15%; a link matching two tests came
#: back twice, and the loop dropped the second).
_HEAD_SELECTOR = (
    'meta,title,link:is([rel~=canonical i],[rel~=image_src i],[rel~=alternate i],[itemprop]),'
    'script:is([type*="ld+json" i])'
)
_BODY_SELECTOR = ",".join(
    (
        "[itemprop]", "[property]", "[rel]", "h1", "time", "meta", "article", 'script:is([type*="ld+json" i])',
    )
)
#: Elements named as bylines or dates: looked for only around the headline, where an
#: article states them (and where the substring tests cost a fraction of a whole page).
_DATED = ("byline", "author", "date", "publish", "time")
#: ... and a blog engine's "posted" line ("posted-by", Movable Type's "posted"; Drupal's
#: "submitted", "node__submitted"), read for its byline only (`dom.read_bylines`): as a
#: dateline it brought no date the others miss, and a ticker's "As of closing" before the story's.
_NAMED = ",".join((*(f"[class*={name} i]" for name in _DATED), "[class*=posted i]", "[class*=submitted i]"))
#: How many levels above the headline the byline and dateline are looked for.
HEADER_LEVELS = 5
#: A category archive's path in WordPress's default permalinks ("/category/<slug>/"):
#: themes that mark every term link `rel=tag` list the post's categories so too.
_CATEGORY_PATH = re.compile(r"/category/", re.IGNORECASE)


#: Readers run later, and only if asked: (source, key) -> the reader (`merge.Later`).
Deferred = dict[tuple[str, str], Callable[[], list[str]]]


def read_candidates(tree: LexborHTMLParser, url: str | None, *, deferred: Deferred | None = None) -> Candidates:
    """Every raw value every reader finds: source -> field -> values in document order.

    Public for debugging and for tools that want more than the merged record. With
    `deferred`, the bylines (`dom:authors`, the last source of authors, and what the
    check of a hidden author's name reads after the page text; `dom:authors_in_footer`,
    those in a post's own footer) and the datelines
    (`dom:dateline`, the last resort for the publication date) are not read but left
    there as readers for the merge (`_NearHeadline`): most pages need neither.
    """
    cands: Candidates = {}
    foreign = ForeignCheck()
    metas, scripts, h1s, times, props, others = [], [], [], [], [], []
    title = None
    article: LexborNode | None = None
    seen: set[int] = set()
    head, body = tree.head, tree.body
    nodes = head.css(_HEAD_SELECTOR) if head is not None else []
    if body is not None:
        nodes.extend(body.css(_BODY_SELECTOR))
    elif head is None:
        nodes = tree.css(f"{_HEAD_SELECTOR},{_BODY_SELECTOR}")
    for node in nodes:
        key = node.mem_id  # a node matching several selectors comes back once per match
        if key in seen:
            continue
        seen.add(key)
        tag = node.tag
        if tag == "meta":  # microdata in <meta itemprop> too: read_meta reads it
            metas.append(node)
            continue
        if tag == "script":
            scripts.append(node)
            continue
        if tag == "title":
            title = title or node
            continue
        attrs = node.attributes
        if tag == "link":
            read_link(node, cands)
        elif tag == "a" and _read_link_label(node, attrs, cands, foreign):
            continue
        elif tag == "h1":
            h1s.append(node)
        elif tag == "article":
            article = article or node
        elif tag == "time":
            times.append(node)
        if "itemprop" in attrs or "property" in attrs:
            props.append(node)
            others.append(node)
        elif "rel" in attrs and tag not in ("link", "a"):
            others.append(node)
        elif tag == "a" and "author" in (attrs.get("rel") or "").lower():
            others.append(node)
        elif tag in ("h1", "time"):
            others.append(node)
    if title is None and head is not None:
        title = tree.css_first("title")  # markup before it moved it into the body
    read_meta(metas, cands)
    jsonld = read_jsonld(scripts, (url, *cands.get("link", {}).get("canonical_url", [])[:1]))
    if jsonld:
        cands["json-ld"] = jsonld
    read_microdata(props, cands, foreign)
    titles = _StoryTitles(cands, title.text(deep=True) if title is not None else "")
    near = _NearHeadline(tree, h1s, article, seen, foreign, others, titles)
    sites: list[tuple[str, bool]] = []
    chrome: list[str] = []
    home: list[str] = []
    for h1 in read_h1(h1s, foreign, url or _stated_url(cands), sites, chrome, _stated_titles(cands), home):
        add(cands, "dom", "title", h1)
    for site, in_chrome in sites:
        add(cands, "dom", "site_heading_in_chrome" if in_chrome else "site_heading", site)
    for site in home:
        add(cands, "dom", "site_heading_home", site)
    for h1 in chrome:
        add(cands, "dom", "title_in_chrome", h1)
    if deferred is None:
        for byline in near.bylines():
            add(cands, "dom", "authors", byline)
        for byline in near.footer_bylines():
            add(cands, "dom", "authors_in_footer", byline)
    found = read_times(times, foreign)
    for kind, name in (("published", "date_published"), ("modified", "date_modified"), ("any", "date_any")):
        for value in found[kind]:
            add(cands, "dom", name, value)
    if deferred is None:
        for text in near.datelines():
            add(cands, "dom", "dateline", text)
    else:
        deferred[("dom", "authors")] = near.bylines
        deferred[("dom", "authors_in_footer")] = near.footer_bylines
        deferred[("dom", "dateline")] = near.datelines
    if title is not None:
        add(cands, "html", "title", title.text(deep=True))
    root = tree.root
    if root is not None:
        attrs = root.attributes
        add(cands, "html", "language", attrs.get("lang") or attrs.get("xml:lang"))
    if url:
        add(cands, "url", "date_published", url)
    return cands


def _stated_titles(cands: Candidates) -> tuple[str, ...]:
    """The article's own titles as the page states them for sharing (JSON-LD headline,
    og:title): an `<h1>` saying the same is the headline, never the site's title."""
    return tuple(
        v for source in ("json-ld", "opengraph") for v in cands.get(source, {}).get("title", []) if isinstance(v, str)
    )[:4]


def _stated_url(cands: Candidates) -> str | None:
    """The URL the page states for itself (canonical link, og:url), where none was given."""
    for source in ("link", "opengraph"):
        for value in cands.get(source, {}).get("canonical_url", []):
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
    return None


def _read_link_label(
    node: LexborNode, attrs: dict[str, str | None], cands: Candidates, foreign: ForeignCheck
) -> bool:
    """A tag or category link of the story: rel=tag / rel=category (WordPress and others
    write rel="category tag"); a rel=tag link to a category archive (`_CATEGORY_PATH`)
    names a category too (and stays a tag: taking it out of the tags lost on the held
    side). False for other links.

    A list item is foreign to `ForeignCheck` (teaser lists), so a link in one is checked
    from the link, except Drupal's term links (`<ul class="links inline"><li
    class="taxonomy_term_12 first"><a rel="tag">`, its core theme's output): there the item
    is the term itself and the check starts from the list. Reading every list item's
    rel=tag link so raised spurious tags on the held side (17.1 -> 19.5%)."""
    rel_text = (attrs.get("rel") or "").lower()
    if "tag" not in rel_text and "category" not in rel_text:  # most: "nofollow", "noopener"
        return False
    rel = rel_text.split()
    if "category" not in rel and "tag" not in rel:
        return False
    text = text_of(node, 101)
    where, parent = node, node.parent
    if parent is not None and parent.tag == "li" and "taxonomy_term_" in (parent.attributes.get("class") or ""):
        where = parent  # a Drupal term's item is the term, not a teaser: its list is checked
    if text and len(text) <= 100 and not foreign(where):
        add(cands, "dom", "section" if "category" in rel else "tags", text)
        if "category" not in rel and _CATEGORY_PATH.search(attrs.get("href") or ""):
            add(cands, "dom", "section", text)
    return True


class _NearHeadline:
    """The byline and dateline readers over the nodes the page query found plus those
    named as bylines or dates around the headline; that second query (as costly as the
    first) is made once, for whichever reader runs first.

    Run later, their verdicts of `foreign` may come after those of readers run before
    them here: the same, as `ForeignCheck`'s verdicts do not depend on which node asked first."""

    def __init__(
        self,
        tree: LexborHTMLParser,
        h1s: list[LexborNode],
        article: LexborNode | None,
        seen: set[int],
        foreign: ForeignCheck,
        others: list[LexborNode],
        titles: _StoryTitles,
    ) -> None:
        self._tree, self._h1s, self._article, self._seen = tree, h1s, article, seen
        self._foreign, self._others, self._titles = foreign, others, titles
        self._named = False
        self._posted_only: set[int] = set()  # named "posted" and nothing else `_NAMED` asks
        self._bylines: tuple[list[str], list[str]] | None = None  # (others, in a post's footer)

    def nodes(self) -> list[LexborNode]:
        """The page query's nodes, then the named ones near the headline (queried once)."""
        if not self._named:
            self._named = True
            named = _named_near_headline(self._tree, self._h1s, self._article, self._seen, self._foreign, self._titles)
            for node in named:
                names = (node.attributes.get("class") or "").lower()
                if not any(name in names for name in _DATED):
                    self._posted_only.add(node.mem_id)
            self._others.extend(named)
        return self._others

    def bylines(self) -> list[str]:
        """Byline texts outside a post's own footer."""
        return self._read_bylines()[0]

    def footer_bylines(self) -> list[str]:
        """Byline texts in a post's own footer (`dom.read_bylines`)."""
        return self._read_bylines()[1]

    def _read_bylines(self) -> tuple[list[str], list[str]]:
        """Both lists, read once by whichever of the two readers runs first."""
        if self._bylines is None:
            footer: list[str] = []
            self._bylines = (read_bylines(self.nodes(), self._foreign, footer), footer)
        return self._bylines

    def datelines(self) -> list[str]:
        nodes = self.nodes()
        if self._posted_only:
            nodes = [node for node in nodes if node.mem_id not in self._posted_only]
        return read_datelines(nodes, self._foreign)


def _named_near_headline(
    tree: LexborHTMLParser,
    h1s: list[LexborNode],
    article: LexborNode | None,
    seen: set[int],
    foreign: ForeignCheck,
    titles: _StoryTitles,
) -> list[LexborNode]:
    """Elements named as bylines or dates in the headline's neighbourhood (`_around`): that
    of the first `<h1>` outside site chrome, or where it states none of the story's titles
    and names no byline or date outside foreign places, that of the story's headline
    (`_switched_headline`); else the first `<article>`, else the body."""
    first = next((h1 for h1 in h1s if not foreign(h1)), None)
    if first is None:
        region = article or tree.body
        return _named_in(region, seen) if region is not None else []
    near = _around(first)
    named = near.css(_NAMED)
    if not titles.stated_by(text_of(first, MAX_HEADING_CHARS)):
        switched = _switched_headline(tree, h1s, first, foreign, titles)
        # The switch only where the first <h1> gives nothing: it does not move a byline or
        # a date found there to another heading's (review RV-A2 H2: a site-first "<title>The
        # Gazette | Headline" switched to the header's site-name <h2> and its date of today).
        if switched is not None and _inside_story_of(first, switched) and not _gives_value(first, near, named, foreign):
            near = _around(switched)
            named = near.css(_NAMED)
    out = []
    for node in named:
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out


def _inside_story_of(first: LexborNode, other: LexborNode) -> bool:
    """Whether `other` stands inside the `<article>` or `<main>` around the first `<h1>`
    (True where there is none): a headline there is the story's, even where it states none
    of the stated titles (a rewritten og:title), and a byline above it (a magazine's kicker
    and byline first) was lost to a share box's or sticky bar's `<h2>` repeating the
    og:title outside it (review RV-A4 M1). A blog template's blog-name `<h1>` stands in
    the header, outside any."""
    up = first.parent
    while up is not None and up.tag not in ("article", "main"):
        up = up.parent
    return up is None or within(other, up)


def _gives_value(first: LexborNode, region: LexborNode, named: list[LexborNode], foreign: ForeignCheck) -> bool:
    """Whether the elements named as bylines or dates (`named`, in `region` around the
    first `<h1>`) that stand after that `<h1>` give a byline or a date, as a story's byline
    and dateline follow its headline. A named element alone is no reason to stay: a
    masthead's link or clock before a site-name `<h1>` ("our-authors", "current-time"), an
    empty `div.date`, a "newsletter-updates" link kept the region by a blog's name and lost
    the post's byline (review RV-A3 H1)."""
    if not named:
        return False
    wanted = {node.mem_id for node in named} - {first.mem_id}
    later: list[LexborNode] = []
    past = False
    for node in region.css(f"{_NAMED},h1"):  # in document order (a node matching twice: twice)
        key = node.mem_id
        if past:
            if key in wanted:
                wanted.discard(key)
                later.append(node)
        elif key == first.mem_id:
            past = True
    if not later:
        return False
    if read_bylines(later, foreign):
        return True
    dated = [node for node in later if any(name in (node.attributes.get("class") or "").lower() for name in _DATED)]
    return bool(dated) and bool(read_datelines(dated, foreign))


def _named_in(region: LexborNode, seen: set[int]) -> list[LexborNode]:
    out = []
    for node in region.css(_NAMED):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out


def _around(heading: LexborNode) -> LexborNode:
    """A few levels (`HEADER_LEVELS`) above a heading, not beyond its `<article>`."""
    region = heading
    for _ in range(HEADER_LEVELS):
        parent = region.parent
        if parent is None or parent.tag == "html":
            break
        region = parent
        if parent.tag in ("body", "article"):
            break
    return region


#: Characters of a heading and of a `<title>` compared (`_StoryTitles`): a headline is
#: shorter, and a page's 100 KB `<title>` was tokenised again for every heading (review
#: RV-A2 L1).
MAX_HEADING_CHARS = 500


class _StoryTitles:
    """The titles the page states for the story, read when first asked (by then every
    reader has run): those of its structured data (JSON-LD, OpenGraph, microdata and RDFa,
    Twitter's card) and its `<title>` (its first `MAX_HEADING_CHARS`), less those that are
    a stated site name (an `og:title` set to the site's name)."""

    __slots__ = ("_cands", "_title", "_stated", "_sites")

    def __init__(self, cands: Candidates, title: str) -> None:
        self._cands, self._title = cands, title[:MAX_HEADING_CHARS]
        self._stated: set[tuple[str, ...]] | None = None
        self._sites: set[tuple[str, ...]] = set()

    def stated_by(self, heading: str) -> bool:
        """Whether a heading's text says what a stated title says, word for word, or what
        the `<title>`'s part before its first separator says ("Headline | Site"), and is
        no stated site name."""
        words = title_words(heading)
        if not words:
            return False
        if self._stated is None:
            self._stated = self._read()
        if words in self._sites:
            return False
        return words in self._stated or (bool(self._title) and opens_title(heading, self._title))

    def headline(self, heading: str) -> bool:
        """`stated_by`, for a heading other than the first `<h1>`: one of `MIN_PART_WORDS`
        words or more. A site's or section's name is shorter ("The Gazette", "World"), and
        a `<title>` opens with it as often ("The Gazette | Headline", "World - Headline |
        Site": review RV-A2 H2)."""
        return len(title_words(heading)) >= MIN_PART_WORDS and self.stated_by(heading)

    def _read(self) -> set[tuple[str, ...]]:
        stated = {
            title_words(value)
            for source, fields in self._cands.items()
            if source not in ("dom", "html")
            for value in fields.get("title", [])[:4]
            if isinstance(value, str)
        }
        if self._title:
            stated.add(title_words(self._title))
        self._sites = {
            title_words(value)
            for fields in self._cands.values()
            for value in fields.get("site_name", [])[:4]
            if isinstance(value, str)
        }
        return stated


#: `<h1>`s and `<h2>`s `_switched_headline` reads for the story's headline, at most each.
MAX_HEADLINES = 20


def _switched_headline(
    tree: LexborHTMLParser, h1s: list[LexborNode], first: LexborNode, foreign: ForeignCheck, titles: _StoryTitles
) -> LexborNode | None:
    """The story's headline where the first `<h1>` outside site chrome (`first`) states
    none of the story's titles: a later `<h1>` or an `<h2>` that does (`_StoryTitles.headline`).
    Blog templates print the blog's name in an `<h1>` over every post and the post's
    headline in an `<h2>` (a Drupal blog's `<h1>` site name ... `<h2
    property="dc:title">`) or a later `<h1>` (a logo heading first): the byline is printed by
    the post's headline, which states its title. None where none does."""
    for node in h1s[:MAX_HEADLINES]:
        if node is not first and not foreign(node) and titles.headline(text_of(node, MAX_HEADING_CHARS)):
            return node
    body = tree.body
    for node in body.css("h2")[:MAX_HEADLINES] if body is not None else ():
        if not foreign(node) and titles.headline(text_of(node, MAX_HEADING_CHARS)):
            return node
    return None
