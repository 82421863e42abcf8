"""Pages whose story stands in their captions: a slideshow, a photo post, a video page.

Elements named as captions are boilerplate on an article page (a photo's credit and
description), so such a page came out empty or with a promo box for its body. `body.score`
hands on the caption elements that hold prose; where the body it then finds is weak,
`in_captions` says whether those captions hold the story (teaser cards' captions not
counted), and the page is scored again with caption names read as no boilerplate
(`extract._body`).
"""
from __future__ import annotations

import re

from broadsheet.extract.dom import Node
from broadsheet.extract.patterns import CJK


def caption_named(classes: str | None, ident: str | None) -> bool:
    """Whether an element's class or id names a caption."""
    return "caption" in (classes or "").lower() or "caption" in (ident or "").lower()


#: A body with less prose than this (characters) is weak: where captions hold at least as
#: much, the page is read again with their prose (`in_captions`).
MIN_BODY_PROSE = 200
#: Caption elements `score` hands on: past them a page's captions are not counted.
MAX_CAPTIONS = 1000
#: How many elements of a caption, and of each element beside it, `teaser_caption` reads;
#: and how many elements beside it it looks at.
_CARD_READ = 20
_CARD_SIBLINGS = 30
#: Words of a caption's opening link that make it a teaser's headline: fewer are a name.
_HEADLINE_WORDS = 4
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)


def in_captions(root: Node | None, captions: list[Node]) -> bool:
    """Whether a page's story stands in its captions: the body found (`root`) has under
    MIN_BODY_PROSE of prose, and elements named as captions (boilerplate on an article
    page: a photo's credit and description; `captions`, what `score` returns) hold at
    least that much, teaser cards' captions not counted (`teaser_caption`). A photo post,
    a slideshow or a video page tells its story under each picture so; the page is then
    scored again with `captions` (dev sets: a news site's slideshows, a public
    broadcaster's video page, a photo blog, a league's Instagram round-up)."""
    if not captions or (root is not None and root.good >= MIN_BODY_PROSE):
        return False
    prose = 0.0
    for node in captions:
        if not teaser_caption(node):
            prose += node.raw
            if prose >= MIN_BODY_PROSE:
                return True
    return False


def teaser_caption(node: Node) -> bool:
    """Whether a caption is a teaser card's, pointing to another page (review RV1 D3): it
    opens with a link (a linked headline), or a link in it goes where a linked image beside
    it goes ("<a href=/v/1><img></a><div class=caption>... <a href=/v/1>Watch</a></div>").
    Reads a bounded part of the caption and of the elements beside it."""
    if _opens_with_link(node):
        return True
    # a link to an image file ("Enlarge", a lightbox's) points to no other page
    hrefs = {h for e in _first(node, _CARD_READ) if e.tag == "a" and (h := e.attrs.get("href")) and not _IMAGE_FILE.search(h)}
    parent = node.parent
    if not hrefs or parent is None:
        return False
    siblings = [c for c in parent.children[: _CARD_SIBLINGS * 2] if type(c) is not str and c is not node]
    for sibling in siblings[:_CARD_SIBLINGS]:
        for element in _first(sibling, _CARD_READ):  # type: ignore[arg-type]  # a Node: strs left out above
            if element.tag == "a" and element.attrs.get("href") in hrefs and element.imgs:
                return True
    return False


def _words(text: str) -> int:
    """How many words a text has, two Chinese, Japanese or Korean characters counting as one
    (a CJK headline has no spaces; a name is two to four characters)."""
    return len(text.split()) + len(CJK.findall(text)) // 2


def _opens_with_link(node: Node) -> bool:
    """Whether the first text of an element, in document order, is a link's (or the
    element is inside one). Reads at most `_CARD_READ` elements."""
    if node.in_link or node.tag == "a":
        return True
    stack: list[tuple[Node, int]] = [(node, 0)]
    read = 0
    while stack and read < _CARD_READ:
        element, at = stack.pop()
        children = element.children
        for i in range(at, min(len(children), _CARD_READ)):
            child = children[i]
            if type(child) is str:
                if child.strip():
                    link: Node | None = element
                    while link is not None and link.tag != "a" and link is not node:
                        link = link.parent
                    # a linked headline, not a linked name ("<a>Jane Doe</a> walks ..." in a photo post)
                    return link is not None and link.tag == "a" and (link.tlen >= 200 or _words(link.text()) >= _HEADLINE_WORDS)
                continue
            stack.append((element, i + 1))
            stack.append((child, 0))  # type: ignore[arg-type]  # a Node: strs are handled above
            read += 1
            break
    return False


def _first(node: Node, limit: int) -> list[Node]:
    """The first `limit` elements of a subtree in document order (the node first), without
    reading the rest of it (`Node.iter` puts every child of an element on its stack)."""
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack and len(out) < limit:
        element = stack.pop()
        out.append(element)
        kids = [c for c in element.children[:limit] if type(c) is not str]
        stack.extend(reversed(kids))  # type: ignore[arg-type]
    return out
