"""Parse HTML with a spec-compliant HTML5 parser (Lexbor, via selectolax) and build the
light tree that body extraction works on.

The Lexbor tree is kept intact for the metadata readers (they need <script> JSON-LD and
<head>); the light tree leaves out what can never be article text (scripts, styles, forms'
controls, hidden elements, comments), so pruning costs nothing extra.
Every walk here is iterative: a page nested 100,000 elements deep must not hit Python's
recursion limit.
"""
from __future__ import annotations

import re
import secrets
from typing import Iterator, TypedDict, Union

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode

#: Parse without mutation events (selectolax 1.0; the option guard `bounds.limit_options`
#: bounds selects besides).
_PARSER_OPTIONS: _ParserOptions = {"options": int(LexborDocumentOptions.WO_EVENTS)}

from broadsheet.extract.bounds import (  # re-exported: the guards lived here first
    FEW_ATTRIBUTES,
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    MAX_PAGE_ATTRIBUTES,
    MAX_TAGS,
    RENAMED_FORMATTING,
    VOID_TAGS,
    bound,
    flatten_deep_nesting,
    limit_attributes,
    limit_tags,
)


class _ParserOptions(TypedDict, total=False):
    """`LexborHTMLParser` keywords that not every selectolax takes (typed for `**` use)."""

    options: int


__all__ = [
    "FEW_ATTRIBUTES", "MAX_ATTRIBUTES", "MAX_DEPTH", "MAX_PAGE_ATTRIBUTES", "MAX_TAGS", "SKIP_TAGS", "VOID_TAGS",
    "Node", "build_light_tree", "collapse_boilerplate", "flatten_deep_nesting", "limit_attributes", "limit_tags",
    "parse", "release", "squeeze",
]

#: Subtrees that never hold article text.
SKIP_TAGS = frozenset(
    """script style noscript template svg math iframe frame frameset object embed canvas
    select option optgroup button input textarea head link meta map area audio video
    source track dialog -comment""".split()
)
# Tag names the light tree reads otherwise: None for the skipped ones.
_LIGHT_TAGS: dict[str | None, str | None] = {None: None}
_LIGHT_TAGS.update(dict.fromkeys(SKIP_TAGS))
_LIGHT_TAGS.update(RENAMED_FORMATTING)
#: Lexbor's tag id of a text node, and a bound under which an id names the same tag in
#: every document: standard tags are numbered from a small table (LXB_TAG__LAST_ENTRY is
#: 0xC4 in selectolax's headers; its Lexbor numbers `wbr` and `xmp` past it, so those two are
#: read by name each time), while a tag the page made up (`<my-widget>`) has its entry's
#: address in the document's own table as its id, far above.
_TEXT_ID = 2
_STANDARD_IDS = 0xC4
#: What `_LIGHT_TAGS` says of each standard tag, by Lexbor's tag id ("" for a skipped
#: one), filled as the tags are met: reading a node's id and looking it up here spares
#: `LexborNode.tag`, which decodes the name into a new string at every element (a quarter
#: of the light tree's walk), and the tags become the same few strings.
_LIGHT_BY_ID: dict[int, str] = {}


def _light_tag(node: LexborNode, tag_id: int) -> str:
    """The light tree's name for an element not looked up by its id yet ("" to skip it),
    remembered for a standard tag."""
    name = node.tag
    light = _LIGHT_TAGS.get(name, name) or ""
    if tag_id < _STANDARD_IDS:
        _LIGHT_BY_ID[tag_id] = light
    return light


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: Characters of a class or an id read to judge what an element is named for: real ones
#: are far shorter; an attacker's megabyte class was searched whole by each name pattern,
#: and kept whole in their caches (review R5). Read so by `body` and `meta.dom`.
MAX_CLASS_CHARS = 1024


def names_of(classes: str | None, ident: str | None) -> str:
    """An element's class and id in one lower-cased string: what the name rules read."""
    return ((classes or "") + " " + (ident or "")).lower()


class Node:
    """An element of the light tree. `children` holds Nodes and text strings in order."""

    __slots__ = ("tag", "attrs", "parent", "children", "index", "in_link", "tlen", "llen", "good", "raw", "neutral", "neg", "pos", "lheads", "imgs", "lost", "ilen", "ilink", "collapsed")
    # Filled by body scoring (`broadsheet.extract.body.score`), not in __init__: declared
    # here for the type checker only (no value: the slots stay plain slots, no per-node work).
    tlen: int
    llen: int
    raw: float
    good: float
    lost: float
    neutral: int
    neg: bool
    pos: bool
    lheads: int
    imgs: int

    def __init__(
        self, tag: str, attrs: dict[str, str | None], parent: "Node | None", index: int = 0, in_link: bool = False
    ) -> None:  # `build_light_tree` sets these slots itself: a slot added here goes there too
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Union["Node", str]] = []
        self.index = index  # position in document order
        self.in_link = in_link  # inside an <a>: its text is link text, even in a block element
        self.ilen = self.ilink = 0  # inline text (and its link part) carried up to the block
        self.collapsed = 0  # text length of a boilerplate subtree collapsed before building
        # Body scoring (`broadsheet.extract.body.score`) fills: tlen (text length), llen
        # (text inside links), raw/good (prose, before/after boilerplate is discounted), lost (prose
        # inside boilerplate below),
        # neutral (heading text), neg/pos (boilerplate / article-body element), lheads
        # (linked headlines below: teaser cards), imgs (images below).

    def get(self, name: str) -> str:
        value = self.attrs.get(name)
        return value or ""

    @property
    def class_id(self) -> str:
        attrs = self.attrs  # not `get`: body scoring reads this ~100 times a page
        return names_of(attrs.get("class"), attrs.get("id"))

    def iter(self) -> Iterator["Node"]:
        """All element descendants (self included) in document order, iteratively."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def text(self, memo: dict[int, str] | None = None) -> str:
        """All text below this node, whitespace collapsed.

        With `memo` (node index -> `squeeze`d text), descendants found in it are not walked
        again and this node's own text is added to it: checks that read the text of nested
        elements (a heading in a heading-like box in another) then cost each element once,
        not once per ancestor.
        """
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            else:
                if item.tag in ("br", "p", "div", "li"):
                    parts.append(" ")
                if memo is not None and item is not self:
                    known = memo.get(item.index)
                    if known is not None:
                        parts.append(known)
                        continue
                stack.extend(reversed(item.children))
        if memo is None:
            return " ".join("".join(parts).split())
        flat = squeeze("".join(parts))
        memo[self.index] = flat
        return flat.strip(" ")

    def __repr__(self) -> str:
        return f"<Node {self.tag} {self.class_id.strip()!r}>"


def parse(html: str, utf8: bytes | None = None) -> LexborHTMLParser:
    """Parse text into a Lexbor DOM, the way browsers do (HTML5 tree construction), after
    `bounds.bound` has bounded what would make parsing or anything after it slow.

    `utf8`: the same text as UTF-8 bytes, when the caller has them (a page that came as
    valid UTF-8): Lexbor reads those instead of encoding the text again. Mutation events
    are off: the tree is read, never shown (they mirror a select's option into
    `<selectedcontent>`, work over all of a select's options at each new one).
    """
    bounded = bound(html)
    source = utf8 if utf8 is not None and bounded is html else bounded
    return LexborHTMLParser(source, **_PARSER_OPTIONS)


def squeeze(text: str) -> str:
    """Whitespace runs as one space, a space kept at either end that had one: pieces
    squeezed alone, joined, then collapsed, give what collapsing them joined gives."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


#: Containers that are boilerplate by tag; their subtrees are collapsed before the light
#: tree is built (only their text length is kept), which spares visiting the ~40% of a
#: typical page's elements that sit in menus, headers and footers.
COLLAPSE_SELECTOR = (
    "nav, footer, aside, header, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]"
)
#: The attribute a collapsed element's text length is kept in until the light tree is built.
#: Its name ends in a per-process random suffix: a page cannot set it itself (a page's own
#: `data-broadsheet-collapsed="x"` raised ValueError, or faked a subtree's length).
COLLAPSED_ATTR = f"data-broadsheet-collapsed-{secrets.token_hex(8)}"
#: Never collapse an element holding more than this share of the page's text: a
#: misused <header> or <aside> wrapping the article itself.
MAX_COLLAPSED_SHARE = 0.5
#: A short, link-free <aside> may be a pull quote: keep it.
PULL_QUOTE_CHARS = 400


_OUTERMOST = f":is({COLLAPSE_SELECTOR}):not(:is({COLLAPSE_SELECTOR}) *)"
# The same elements found with a cheaper query (`_outermost`): the tags, and any role, the
# role's value then compared here (as `[role=x]` compares: case and spaces count, the first
# `role` attribute wins). One `[role]` costs Lexbor less than four `[role=x]`, and
# `:not(:is(...) *)` a second look at each element's parent: 0.078 -> 0.060 ms/page on AEB.
_TAGS_OR_ANY_ROLE = "nav, footer, aside, header, [role]"
_COLLAPSE_TAGS = frozenset(("nav", "footer", "aside", "header"))
_COLLAPSE_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary"))


def _outermost(body: LexborNode) -> list[LexborNode]:
    """What `body.css(_OUTERMOST)` finds, in document order: the elements of
    COLLAPSE_SELECTOR whose parent is not one (Lexbor reads `:is(X) *` as `:is(X) > *`).
    Where <body> is one itself (its parent <html> is not read here), that query is asked."""
    met: set[int] = set()  # the elements of COLLAPSE_SELECTOR found so far
    found = []
    for el in body.css(_TAGS_OR_ANY_ROLE):  # an element of a tag and a role comes twice
        key = el.mem_id
        if key in met or el.tag not in _COLLAPSE_TAGS and el.attrs.get("role") not in _COLLAPSE_ROLES:
            continue
        if not met and key == body.mem_id:
            return body.css(_OUTERMOST)
        met.add(key)
        parent = el.parent
        if parent is None or parent.mem_id not in met:
            found.append(el)
    return found


def collapse_boilerplate(tree: LexborHTMLParser, title: str | None = None, page_text: str | None = None) -> None:
    """Collapse the outermost nav/footer/aside/header subtrees: mark each with its text
    length (COLLAPSED_ATTR), and `build_light_tree` keeps that length and does not enter
    it (marking, not emptying: taking out each child in Python cost more than the mark).

    Call after the metadata readers (they may read bylines in a <header>), before
    `build_light_tree`. An element holding the headline (`title`) is kept: the body
    extractor uses the headline to anchor the article. `page_text`: the body's text as
    the metadata readers read it (`Metadata.page_text`: text nodes stripped, one a line),
    where they did: it bounds the page's text length from below, and where no element
    can hold MAX_COLLAPSED_SHARE of that bound, the walk that measures it exactly is spared.
    """
    body = tree.body
    if body is None:
        return
    found = _outermost(body)
    if not found:
        return
    # Lexbor reads `:is(X) *` as `:is(X) > *`: an element deeper inside another one found is
    # found too. Its text is read only where the one around it stays (else it goes with it:
    # never reached by the light tree, whatever is decided for it), and never sets the longest (a
    # part of the text around it) nor adds unshown parts (that one's took them out).
    around = _found_around(found)
    texts: list[str] = []  # "" for an element inside another: read below where needed
    removed = 0  # at least the text taken out with unshown parts: the page's is that much shorter
    for el, outer in zip(found, around):
        if outer is None:
            text, cut = _shown_text(el)
            texts.append(text)
            removed += cut
        else:
            texts.append("")
    longest = max(map(len, texts))
    limit = 1e9
    if longest > 200 and (page_text is None or longest > (_text_length_at_least(page_text) - removed) * MAX_COLLAPSED_SHARE):
        # (whitespace-only text nodes strip to nothing: left out, they are not turned into strings)
        limit = len(body.text(strip=True, skip_empty=True)) * MAX_COLLAPSED_SHARE
    key = " ".join(title.split()).casefold()[:40] if title and len(title) >= 10 else ""
    # The key's longest word: in every text holding the key, it is in the text casefolded
    # (casefolding neither makes nor unmakes a space), which is far cheaper to test than
    # collapsing the text's spaces first: most boilerplate texts are ruled out by it.
    word = max(key.split(" "), key=len)
    gone: set[int] = set()  # the elements collapsed, and those inside them
    for at, (el, text) in enumerate(zip(found, texts)):
        outer = around[at]
        if outer is not None:
            if outer in gone:
                gone.add(at)
                continue
            # As it was (only elements outside it were collapsed since); its unshown parts went
            # with those of the nearest one around it, read before it: no search for them.
            text = el.text(separator=" ", strip=True)
        length = len(text)
        if length > limit:
            continue
        if key and word in text.casefold() and key in " ".join(text.split()).casefold():
            continue
        if el.tag == "aside" and length <= PULL_QUOTE_CHARS and el.css_first("a") is None:
            continue
        el.attrs[COLLAPSED_ATTR] = str(length)  # its subtree stays: `build_light_tree` does not enter it
        gone.add(at)


def _found_around(found: list[LexborNode]) -> list[int | None]:
    """For each element found (in document order), the position of the nearest one found
    above it, None for one outside all others. Every element passed on the way up keeps
    the answer, so a walk stops at one passed before: linear in the page, however many
    elements are found how deep (a page can hold 100,000 menus 1,000 levels down)."""
    where = {el.mem_id: at for at, el in enumerate(found)}
    known: dict[int, int | None] = {}  # an element passed -> the nearest found above it
    around: list[int | None] = []
    for el in found:
        outer = None
        passed = []
        node = el.parent
        while node is not None:
            key = node.mem_id
            if key in where:
                outer = where[key]
                break
            if key in known:
                outer = known[key]
                break
            passed.append(key)
            node = node.parent
        for key in passed:
            known[key] = outer
        around.append(outer)
    return around


#: Inside a boilerplate element, what no reader sees: its length is not its size on the
#: page (a hidden gallery lightbox holds thousands of characters of captions).
_UNSHOWN = 'script, style, template, noscript, [hidden], [layout="nodisplay" i]'


def _shown_text(el: LexborNode) -> tuple[str, int]:
    """The element's text without scripts and hidden parts (it may be collapsed right after),
    and at least the length of their text (they are taken out of the tree): each part's
    text unstripped (a part inside another was counted with it and reads empty once that
    one is taken out)."""
    removed = 0
    for part in el.css(_UNSHOWN):
        removed += len(part.text())
        part.decompose()
    return el.text(separator=" ", strip=True), removed


def _text_length_at_least(page_text: str) -> int:
    """A lower bound of the length of the body's text nodes stripped and joined (what
    `collapse_boilerplate` measures), from the same nodes stripped and joined by line
    breaks: each join added one line break, and a text node's own only make it lower."""
    return len(page_text) - page_text.count("\n")


def is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("layout") == "nodisplay":  # AMP's hidden layout
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return False


def within(node: LexborNode | None, block: LexborNode) -> bool:
    """Whether `node` is `block` or stands inside it (a walk up its ancestors)."""
    while node is not None:
        if node == block:
            return True
        node = node.parent
    return False


def release(nodes: list[Node]) -> None:
    """Unlink a light tree's nodes from their parents once extraction is done: with no
    cycle left, reference counting frees the tree at once, and the collector need not
    walk its tens of thousands of objects (a tenth of an ordinary page's time)."""
    for node in nodes:
        node.parent = None


def build_light_tree(root: LexborNode | None) -> list[Node]:
    """Copy the parts of the DOM that can hold article text into `Node`s.

    Returns all nodes in document order; the first one stands for `root`. The walk goes
    from each element to its first child and from each node to the next: a skipped
    subtree is never entered, and no node's parent is looked up. What the walk reads at
    each node is in locals (a stack entry only per element entered): 12% less time than
    keeping it in lists.
    """
    top = Node("body", {}, None)
    nodes = [top]
    if root is None:
        return nodes
    top.attrs = dict(root.attributes)
    light_by_id, void_tags, new = _LIGHT_BY_ID, VOID_TAGS, object.__new__
    count = 1  # nodes made: the next one's index
    parent, children, child = top, top.children, root.first_child
    linked = False  # whether `parent` is or is inside an <a>
    above: list[tuple[Node, list[Node | str], LexborNode | None, bool]] = []  # the same, for each open element
    while True:
        if child is None:  # the parent's children all read
            if not above:
                return nodes
            parent, children, child, linked = above.pop()
            continue
        tag_id = child.tag_id
        if tag_id == _TEXT_ID:
            text = child.text_content
            if text:
                children.append(text)
            child = child.next
            continue
        tag = light_by_id.get(tag_id)  # "": skipped; a renamed formatting element: its name
        if tag is None:
            tag = _light_tag(child, tag_id)
        if not tag:
            child = child.next
            continue
        attrs = child.attributes
        if attrs and ("hidden" in attrs or "style" in attrs) and is_hidden(attrs):
            child = child.next
            continue
        # `Node(tag, attrs, parent, count, linked)`, its slots set here: calling __init__
        # was a tenth of the walk (tests/extract/test_dom.py checks the two agree)
        node = new(Node)
        node.tag = tag
        node.attrs = attrs
        node.parent = parent
        node.children = []
        node.index = count
        node.in_link = linked
        node.ilen = node.ilink = node.collapsed = 0
        count += 1
        nodes.append(node)
        children.append(node)
        if attrs and COLLAPSED_ATTR in attrs:  # boilerplate collapsed: its length counts, its subtree is not read
            node.collapsed = int(attrs[COLLAPSED_ATTR] or 0)
            child = child.next
            continue
        if tag in void_tags:
            child = child.next
            continue
        above.append((parent, children, child.next, linked))
        parent, children, child = node, node.children, child.first_child
        linked = linked or tag == "a"
