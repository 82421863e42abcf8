"""Main-content selection: which subtree of the page is the article body.

Every element gets, bottom-up, its text length, the share of that text inside links, and its
prose: paragraph-like runs long enough and with few enough links to be article text. The body
is the element that maximises prose minus a price for all other text (navigation, teasers,
link lists) it would drag in. Elements named like boilerplate (`class`/`id`: share, related,
comments...) or that are boilerplate by tag (nav, aside, footer) contribute no prose unless
they hold most of the page's prose (a misleading name on the article wrapper itself);
names and microdata that say "article body" give a bonus.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from broadsheet.extract.captions import MAX_CAPTIONS, caption_named
from broadsheet.extract.dom import MAX_CLASS_CHARS, Node, names_of
from broadsheet.extract.patterns import (
    BLOCK_TAGS,
    BODY_ITEMPROPS,
    BOILERPLATE_TAGS,
    CJK,
    HEADING_TAGS,
    IMAGE_NAME,
    IMAGE_WORD,
    MAX_NAMED_CLASSES,
    NEGATIVE_NAME,
    POSITIVE_TOKEN,
    RECIRCULATION_HEADING,
)

#: Price of one character of non-prose text inside the chosen subtree.
OTHER_TEXT_COST = 0.45
#: A paragraph-like run shorter than this (characters) is not counted as prose.
MIN_PROSE = 30
#: ... and one with more than this share of its text in links is not prose either.
MAX_PROSE_LINK_SHARE = 0.35
#: ... unless the text besides its links is this long (characters).
PROSE_BESIDES_LINKS = 100
#: Weight of prose inside elements named like an article body.
POSITIVE_BONUS = 1.25
#: Weight of a container where the site's other pages have their article (a profile's slot).
SLOT_BONUS = 1.5
#: A boilerplate-named element holding at least this share of the page's prose is kept.
PROTECTED_SHARE = 0.8
_ROOT_TAGS = BLOCK_TAGS | frozenset("span font".split())
#: A container whose text is mostly this many or more items with a linked headline, each
#: with little prose, is a list of teasers (related stories, a section front), not an article.
TEASER_ITEMS = 3
TEASER_MAX_PROSE = 600
_TITLE_NAMES = ("title", "heading", "header", "headline")
#: Share of the chosen container's prose that the headline's own branch must hold to be
#: taken as the whole article (see `anchor_to_title`).
TITLE_CLUSTER_SHARE = 0.3
_WORD = re.compile(r"\w+")


def _title_named(tag: str, names: str) -> bool:
    """A box named like a headline (`names`: `Node.class_id`): heading-like if its text is short."""
    return tag in ("div", "span", "p", "strong", "b") and any(w in names for w in _TITLE_NAMES)


def _is_heading_like(node: Node) -> bool:
    if node.tag in HEADING_TAGS:
        return True
    return 0 < node.tlen < 60 and _title_named(node.tag, node.class_id)


#: An element with an image and at most this much text is the image's caption box.
MAX_CAPTION = 400


def _image_named(tag: str, names: str) -> bool:
    """A <figure>, or a box named like one (`names`: `Node.class_id`)."""
    if tag == "figure":
        return True
    if tag not in ("div", "span", "p", "section", "a", "aside", "center"):
        return False
    return IMAGE_WORD.search(names) is not None and any(IMAGE_NAME.search(t) for t in names.split())


def is_image_box(node: Node) -> bool:
    """A <figure>, or a box named like one (`image`, `photo`, `media`...) holding an image
    and no more text than a caption: its text is a caption or a credit, not prose."""
    if not node.imgs or node.tlen > MAX_CAPTION:
        return False
    return _image_named(node.tag, node.class_id)


def is_recirculation_heading(node: Node, memo: dict[int, str] | None = None) -> bool:
    """A heading such as "Related stories", "Most read", "Comments", "Lesen Sie auch".

    `memo` is `Node.text`'s: for a pass asking this of every element, bottom-up.
    """
    if not 0 < node.tlen < 80 or not _is_heading_like(node):
        return False
    return RECIRCULATION_HEADING.match(node.text(memo).strip(" :»›>-|")) is not None


def _prose_value(length: int, link_len: int, first: str) -> float:
    """How much a paragraph-like run of `length` characters counts as article prose.

    Mostly links is a teaser or a link list, unless the text besides the links is itself a
    paragraph's worth: a briefing's items open with a linked headline and go on to say
    what happened ("<b><a>The mayor is investigated</a></b> The council confirmed ...").
    `first`: the run's first text; its first 100 characters tell whether it is CJK (an
    ASCII text is not: no search).
    """
    if first and not first.isascii() and CJK.search(first, 0, 100):
        length *= 3  # a CJK character carries about as much as a short word
    if length < MIN_PROSE or (link_len > length * MAX_PROSE_LINK_SHARE and length - link_len < PROSE_BESIDES_LINKS):
        return 0.0
    return float(length) * (1.0 - link_len / length)


#: Names (class, id) up to this long in all are kept in the caches below and `score`'s
#: verdicts; a longer one (an attacker's megabyte class) is judged without being kept.
MAX_KEPT_NAMES = 256


def _judge_name(token: str) -> int:
    token = token[:MAX_CLASS_CHARS]
    if NEGATIVE_NAME.search(token):
        return -1
    return 1 if POSITIVE_TOKEN.search(token) else 0


_kept_name_verdict = lru_cache(maxsize=8192)(_judge_name)


def name_verdict(token: str) -> int:
    """-1 for a boilerplate class/id name, 1 for an article-body name, 0 otherwise."""
    return _kept_name_verdict(token) if len(token) <= MAX_KEPT_NAMES else _judge_name(token)


def _judge_classes(classes: str) -> int:
    tokens = classes.lower().split()
    if len(tokens) >= MAX_NAMED_CLASSES:
        return 0
    verdict = 0
    for token in tokens:
        v = name_verdict(token)
        if v == 1:
            return 1
        if v == -1:
            verdict = -1
    return verdict


_kept_classes_polarity = lru_cache(maxsize=16384)(_judge_classes)


def _classes_polarity(classes: str) -> int:
    return _kept_classes_polarity(classes) if len(classes) <= MAX_KEPT_NAMES else _judge_classes(classes)


def names_polarity(classes: str | None, ident: str | None) -> int:
    """What a class and id say: -1 boilerplate, 1 article body, 0 nothing.

    A positive name outweighs a negative one on the same element (`article-body
    hidden-print`); an element with many class names carries taxonomy and is not judged.
    """
    verdict = _classes_polarity(classes) if classes else 0
    if ident and verdict != 1:
        v = name_verdict(ident.lower())
        verdict = v if v else verdict
    return verdict


def name_polarity(node: Node) -> int:
    attrs = node.attrs
    return names_polarity(attrs.get("class"), attrs.get("id")) if attrs else 0


_NEGATIVE_ROLES = frozenset(("navigation", "complementary", "contentinfo", "banner", "dialog", "menu", "alert"))


def polarity(node: Node) -> int:
    """-1 if the element is boilerplate by tag, role or name; 1 if it is named or marked up
    as the article body; else 0."""
    tag = node.tag
    if tag in BOILERPLATE_TAGS:
        return -1
    attrs = node.attrs
    if not attrs:
        return 0
    if attrs.get("role") in _NEGATIVE_ROLES:
        return -1
    itemprop = attrs.get("itemprop")
    if itemprop and itemprop.lower() in BODY_ITEMPROPS:
        return 1
    return _named_polarity(tag, attrs.get("class"), attrs.get("id"))


def _named_polarity(tag: str, classes: str | None, ident: str | None) -> int:
    """`polarity` of an element with neither role nor itemprop: by its tag, class and id."""
    if tag in BOILERPLATE_TAGS:
        return -1
    pol = names_polarity(classes, ident)
    return 0 if pol < 0 and tag == "body" else pol


def is_negative(node: Node) -> bool:
    """Whether the element is boilerplate by its tag, role or name."""
    return polarity(node) < 0


def _is_main(node: Node) -> bool:
    """The page's main landmark (<main>, role=main) or an element marked as the article body."""
    if node.tag == "main":
        return True
    attrs = node.attrs
    if not attrs:
        return False
    # Not itemprop=text: a comment's text carries it too.
    return attrs.get("role") == "main" or (attrs.get("itemprop") or "").lower() == "articlebody"


_Key = tuple[str, str | None, str | None]  # an element's tag, class and id


class _Verdict:
    """What an element's tag, class and id say: its `polarity` if it has neither role nor
    itemprop; and whether it is named like a headline (`_title_named`) or an image box
    (`_image_named`), found when first asked (None till then): few elements are asked, and
    finding both for every name first seen cost as much as its polarity."""

    __slots__ = ("polarity", "title", "image")

    def __init__(self, polarity: int) -> None:
        self.polarity = polarity
        self.title: bool | None = None
        self.image: bool | None = None

    def named_like_title(self, key: _Key) -> bool:
        if self.title is None:
            self.title = _title_named(key[0], names_of(key[1], key[2]))
        return self.title

    def named_like_image(self, key: _Key) -> bool:
        if self.image is None:
            self.image = _image_named(key[0], names_of(key[1], key[2]))
        return self.image


#: Verdicts by (tag, class, id): class strings repeat within a page and across a site's
#: pages, so each is judged once. Bounded (a verdict depends on the three strings alone):
#: emptied when full; long names are not kept (MAX_KEPT_NAMES).
_VERDICTS: dict[_Key, _Verdict] = {}
_MAX_VERDICTS = 16_384


def _judge(key: _Key) -> _Verdict:
    """The verdict on a (tag, class, id) not in `_VERDICTS`, kept there if short."""
    tag, classes, ident = key
    verdict = _Verdict(_named_polarity(tag, classes, ident))
    if len(tag) + len(classes or "") + len(ident or "") <= MAX_KEPT_NAMES:
        if len(_VERDICTS) >= _MAX_VERDICTS:
            _VERDICTS.clear()
        _VERDICTS[key] = verdict
    return verdict


def score(nodes: list[Node], captions: bool = False) -> list[Node]:
    """Fill tlen, llen, raw, good, neutral, neg, pos, lheads and imgs on every node; return
    the elements with prose that are boilerplate by a caption's name (the first
    MAX_CAPTIONS, for `captions.in_captions`).

    With `captions`, an element named as a caption is no boilerplate by that name: its
    prose counts (see `captions.in_captions`).

    One bottom-up pass (children come after their parent in `nodes`, so reversed order
    visits children first). Text is measured twice: all of it (`tlen`, `llen`) and the
    inline run that belongs to each block element itself (`ilen`, `ilink`), which is what
    counts as a paragraph's prose. This pass is the largest Python cost of an extraction:
    what it reads often is in locals, and a child without text adds only its images.
    """
    if not nodes:
        return []
    recirc_heads: set[int] = set()
    caption_nodes: list[Node] = []
    heading_texts: dict[int, str] = {}  # nested heading-like elements: each text walked once
    block_tags, heading_tags = BLOCK_TAGS, HEADING_TAGS
    verdicts = _VERDICTS
    negative_prose = -1.0  # the most prose in a boilerplate element (see `settle`)
    # Whether the element is or holds the page's main landmark or its marked article body:
    # such an element is never boilerplate, whatever its name (`layout has-sidebar`).
    holds_main = [False] * len(nodes)
    for node in reversed(nodes):
        tag = node.tag
        index = node.index
        attrs = node.attrs
        key = (tag, attrs.get("class"), attrs.get("id")) if attrs else (tag, None, None)
        verdict = verdicts.get(key) or _judge(key)
        pol = verdict.polarity
        if attrs and ("role" in attrs or "itemprop" in attrs):  # rare: judged in full
            pol = polarity(node)
            main = _is_main(node)
        else:
            main = tag == "main"
        if pol < 0 and captions and caption_named(key[1], key[2]):
            pol = 0
        if main or holds_main[index]:
            holds_main[index] = True
            if node.parent is not None:
                holds_main[node.parent.index] = True
            if pol < 0:
                pol = 0
        own = tlen = llen = neutral = ilen = ilink = 0
        raw = lost = 0.0
        first_text = ""
        lheads = teasers = teaser_len = imgs = 0
        teaser_prose = 0.0
        recirc = False
        # Past the `type(child) is str` test the child is a Node, but mypy narrows that test
        # on its true side only (str is not final): hence the ignores below. `isinstance`
        # narrows both sides but costs 1-4% of `score` (a Node is not a str: its MRO is read).
        for child in node.children:
            if type(child) is str:
                n = len(child.strip())
                if n:
                    own += n
                    if not first_text:
                        first_text = child
                continue
            imgs += child.imgs  # type: ignore[union-attr]
            child_len = child.tlen  # type: ignore[union-attr]
            if not child_len:  # no text below: no links, prose, headings or teasers either
                continue
            if child.lheads:  # type: ignore[union-attr]
                lheads += child.lheads  # type: ignore[union-attr]
                teasers += 1
                teaser_len += child_len
                if child.raw > teaser_prose:  # type: ignore[union-attr]
                    teaser_prose = child.raw  # type: ignore[union-attr]
            if not recirc and tlen + own < 20 and child.neg and child.index in recirc_heads:  # type: ignore[union-attr]
                recirc = True  # the section opens with "Related stories" & co.
            tlen += child_len
            llen += child.llen  # type: ignore[union-attr]
            raw += child.raw  # type: ignore[union-attr]
            lost += child.lost  # type: ignore[union-attr]
            neutral += child.neutral  # type: ignore[union-attr]
            if child.tag not in block_tags:  # type: ignore[union-attr]
                ilen += child.ilen  # type: ignore[union-attr]
                ilink += child.ilink  # type: ignore[union-attr]
        tlen += own
        ilen += own
        if node.collapsed:  # a menu/footer emptied before building: all of it counts as links
            tlen += node.collapsed
            llen = tlen
        if tag == "a" or node.in_link:  # text below a link is link text, in a block too
            llen = tlen
            ilink = ilen
        node.tlen = tlen
        node.llen = llen
        heading = tag in heading_tags
        if tag in block_tags:
            if heading:
                neutral += ilen
            elif ilen:
                raw += _prose_value(ilen, ilink, first_text)
        node.ilen = ilen  # on a block element: its own text (a site profile reads it)
        node.ilink = ilink
        node.raw = raw
        node.neutral = neutral
        neg = recirc or pol < 0
        if heading and 0 < tlen <= llen * 1.6:
            lheads += 1
        if (
            not neg
            and 0 < tlen < 80
            and (heading or (tlen < 60 and verdict.named_like_title(key)))
            and is_recirculation_heading(node, heading_texts)
        ):
            neg = True
            recirc_heads.add(index)
        if teasers >= TEASER_ITEMS and teaser_len >= 0.7 * tlen and raw < TEASER_MAX_PROSE * teasers and teaser_prose <= TEASER_MAX_PROSE:
            neg = True
        node.lheads = lheads
        if tag == "img":
            imgs += 1
        node.imgs = imgs
        if not neg and imgs and tlen <= MAX_CAPTION and verdict.named_like_image(key):  # `is_image_box`
            neg = True
        node.neg = neg
        node.pos = not neg and pol > 0
        # Prose inside boilerplate is lost to every ancestor.
        if neg:
            lost = raw
            if raw > negative_prose:
                negative_prose = raw
            if raw >= MIN_PROSE and pol < 0 and not captions and caption_named(key[1], key[2]) and len(caption_nodes) < MAX_CAPTIONS:
                caption_nodes.append(node)
        node.lost = lost
        node.good = raw - lost
    # A boilerplate-named element holding most of the page's prose is a misleading name on
    # a wrapper (`content-with-sidebar`): it keeps its prose. Rare, so recomputed only then.
    if negative_prose >= nodes[0].raw * PROTECTED_SHARE:
        settle(nodes)
    return caption_nodes


def settle(nodes: list[Node]) -> None:
    """Recompute `lost` and `good` from `raw` and `neg` (after either changed): prose inside
    boilerplate is lost to every ancestor, unless that boilerplate holds PROTECTED_SHARE of
    the page's prose."""
    protected = nodes[0].raw * PROTECTED_SHARE
    for node in reversed(nodes):
        if node.neg and node.raw < protected:
            node.lost = node.raw
        else:
            node.lost = sum(c.lost for c in node.children if type(c) is not str)  # type: ignore[union-attr,misc]  # as in score
        node.good = node.raw - node.lost


def _norm_words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


#: A heading with more text than this many times the title's (plus a margin) is a box
#: holding the headline, not the headline.
TITLE_HEADING_SPAN = 10
_TITLE_HEADINGS = frozenset(("h1", "h2", "h3"))


def find_title_heading(nodes: list[Node], title: str | None) -> Node | None:
    """The first h1-h3 whose text is the article's title (the page's own headline).

    Headings are read bottom-up with their texts memoised, so headings nested in headings
    cost each element once; one with far more text than the title is not read.
    """
    if not title:
        return None
    want = _norm_words(title)
    if len(want) < 8:
        return None
    longest = min(TITLE_HEADING_SPAN * len(want) + 1000, 20_000)
    texts: dict[int, str] = {}
    found = None
    # the headings picked out first: a comprehension tests the page's elements at half
    # the cost of the loop's statements
    headings = [node for node in nodes if node.tag in _TITLE_HEADINGS and 0 < node.tlen <= longest]
    for node in reversed(headings):
        have = _norm_words(node.text(texts))
        if have == want or (len(have) >= 20 and (have in want or want in have)):
            found = node
    return found


def anchor_to_title(root: Node, heading: Node | None) -> Node:
    """Narrow `root` to its child holding the headline when that child holds a good share of
    the prose: the rest is then another story (a "next article", a news ticker) sharing the
    container, not more of this one."""
    if heading is None:
        return root
    child = heading
    while child.parent is not None and child.parent is not root:
        child = child.parent
    if child.parent is not root or child is heading:
        return root
    if child.good >= TITLE_CLUSTER_SHARE * root.good and child.tag in _ROOT_TAGS:
        return child
    return root


def _value(node: Node) -> float:
    """`choose_root`'s value of an element as the body: its prose less the price of its other text."""
    other = node.tlen - node.good - node.neutral
    return node.good * (POSITIVE_BONUS if node.pos else 1.0) - OTHER_TEXT_COST * max(other, 0)


def choose_root(
    nodes: list[Node],
    title: str | None = None,
    slots: frozenset[int] = frozenset(),
    path_of: Callable[[Node], int] | None = None,
) -> Node | None:
    """The container that best holds the article: most prose for the least other text.

    Nothing inside a boilerplate element (a comment thread, a cookie dialog) can be chosen.
    `slots`: DOM path fingerprints (`path_of(node)`) of where the site's articles usually
    are (`broadsheet.extract.profile`): a container there weighs SLOT_BONUS more.
    """
    best: Node | None = None
    best_value = 0.0
    protected = nodes[0].raw * PROTECTED_SHARE if nodes else 0.0
    blocked = [False] * len(nodes)
    for node in nodes:
        parent = node.parent
        if parent is not None and (blocked[parent.index] or (parent.neg and parent.raw < protected)):
            blocked[node.index] = True
            continue
        if node.good <= 0 or node.tag not in _ROOT_TAGS:
            continue
        value = _value(node)
        if slots and path_of is not None and value * SLOT_BONUS > best_value and path_of(node) in slots:
            value *= SLOT_BONUS
        if value > best_value:
            best, best_value = node, value
    if best is not None:
        best = anchor_to_title(best, find_title_heading(nodes, title))
    return best


#: A chosen body of one of these tags is a paragraph: alone it is a fragment of the article
#: when blocks beside it are prose too (see `fragments`).
_PARAGRAPH_TAGS = frozenset(("p", "blockquote"))
#: A link-free heading beside those blocks with no more text than this is a subhead of the story.
MAX_SUBHEAD = 200


def _continues_story(node: Node) -> bool:
    """Whether a sibling of a chosen paragraph is more of the story: prose worth choosing on
    its own, or a short link-free subhead (not the <h1>: the headline is metadata)."""
    if node.tag in HEADING_TAGS:
        return node.tag != "h1" and 0 < node.tlen <= MAX_SUBHEAD and not node.llen
    return node.good > 0 and _value(node) > 0


def fragments(root: Node) -> list[Node]:
    """The chosen body and the siblings that continue it, in document order.

    A story's container can hold more than the story: a slideshow, a comment thread, an
    embed. When that other text outweighs the prose, a single paragraph wins the body and
    the rest of the story is lost. An article is not one paragraph when the blocks beside it
    are prose too, so a paragraph that wins takes its siblings along, as Readability.js
    joins its top candidate's siblings: those that are no boilerplate (`neg`: the slideshow,
    the comments are still left out) and `_continues_story`; a "Related stories" heading
    ends the story. Any other winner stands alone.
    """
    parent = root.parent
    if parent is None or root.tag not in _PARAGRAPH_TAGS:
        return [root]
    pieces: list[Node] = []
    seen = False
    for child in parent.children:
        if not isinstance(child, Node):
            continue
        if child is root:
            seen = True
            pieces.append(child)
        elif child.neg:
            if is_recirculation_heading(child):
                if seen:
                    break
                pieces.clear()  # what came before it is not this story
        elif _continues_story(child):
            pieces.append(child)
    # subheads only between prose: one at either end introduces something else
    first = next(i for i, piece in enumerate(pieces) if piece is root or piece.tag not in HEADING_TAGS)
    last = next(i for i in range(len(pieces) - 1, -1, -1) if pieces[i] is root or pieces[i].tag not in HEADING_TAGS)
    return pieces[first : last + 1]
