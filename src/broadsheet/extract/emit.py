"""Turn the chosen body subtree into blocks, leaving out the boilerplate that sits inside it:
share bars, related-link lists, bylines, captions-as-credits, "Read more" teasers.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterator
from urllib.parse import urljoin

from broadsheet.extract.body import is_image_box, is_recirculation_heading
from broadsheet.extract.dom import Node
from broadsheet.extract.patterns import BLOCK_TAGS, HEADING_TAGS, PULL_QUOTE_NAME
from broadsheet.model import Block, BlockKind

#: A block container with more than this share of its text in links is a link list.
MAX_LINK_SHARE = 0.5
#: ... a paragraph may have a little more (a sentence with many cited links).
MAX_PARAGRAPH_LINK_SHARE = 0.7
_LIST_TAGS = frozenset(("ul", "ol", "dl", "menu"))
_CELL_TAGS = frozenset(("td", "th"))
#: A pull quote is short; anything longer in an <aside> is a sidebar.
MAX_PULL_QUOTE = 400


#: ... and holds few elements: a box with more is not looked at element by element.
_PULL_QUOTE_ELEMENTS = 50


def is_pull_quote(node: Node) -> bool:
    """A short, link-free aside or box that only quotes (`<aside><q>…</q></aside>`, a
    `pullquote` class): editorial content, kept as a quote."""
    if not 0 < node.tlen <= MAX_PULL_QUOTE or node.llen or node.tag not in ("aside", "div", "blockquote", "figure"):
        return False
    names = node.class_id
    if PULL_QUOTE_NAME.search(names):
        return True
    kids = list(islice((c for c in node.iter() if c is not node), _PULL_QUOTE_ELEMENTS + 1))
    if len(kids) > _PULL_QUOTE_ELEMENTS:
        return False
    return bool(kids) and all(k.tag in ("q", "blockquote", "p", "div", "span", "cite") for k in kids) and any(
        k.tag in ("q", "blockquote") for k in kids
    )


#: What the block elements open around a run of text say about it: inside a <pre>, the
#: innermost heading / list item / quote, how many lists deep, and whether the innermost
#: list is numbered. One per element of the emitter's context, each made from its parent's.
_Frame = tuple[bool, "tuple[BlockKind, int] | None", int, bool]
_TOP: _Frame = (False, None, 0, False)


def _frame(parent: _Frame, tag: str) -> _Frame:
    pre, found, depth, ordered = parent
    if tag == "pre":
        pre = True
    if tag in HEADING_TAGS:
        found = ("heading", int(tag[1]))
    elif tag == "li":
        found = ("list_item", 0)
    elif tag == "blockquote":
        found = ("quote", 0)
    if tag in ("ul", "ol"):
        depth += 1
        ordered = tag == "ol"
    return pre, found, depth, ordered


#: Characters besides its links that make a list item more than a link (`_in_prose_list`).
MIN_ITEM_TEXT = 5


def _in_prose_list(node: Node) -> bool:
    """A list item that says something besides its links, in a list that is no link list: an
    ingredient or a step that links a word or two is part of the story (the list as a whole
    is judged, as `skip` judges any block); an item that is all link is still a link.
    Dragnet-train's fit side: five pages of five sites gain, none loses (R11)."""
    parent = node.parent
    return (
        node.tag == "li"
        and node.tlen - node.llen >= MIN_ITEM_TEXT
        and parent is not None
        and parent.tag in _LIST_TAGS
        and parent.llen <= parent.tlen * MAX_LINK_SHARE
    )


class _Emitter:
    def __init__(self, root: Node, base_url: str | None) -> None:
        self.root = root
        self.base_url = base_url
        self.protected = root.raw * 0.5
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.context: list[_Frame] = []

    # -- decisions -------------------------------------------------------------------
    def skip(self, node: Node) -> bool:
        """Whether the element is left out: the <h1>, boilerplate, a link list. True only
        for an <h1>, a `neg` element or one with link text: `run` asks only those (keep its
        pre-check in step with a new reason here)."""
        tag = node.tag
        if tag == "h1":
            return True  # the headline is metadata (`title`), not body text
        if node.neg and node.raw < self.protected:
            return True
        if node.tlen and tag in BLOCK_TAGS and tag not in HEADING_TAGS:
            share = node.llen / node.tlen
            limit = MAX_PARAGRAPH_LINK_SHARE if tag == "p" else MAX_LINK_SHARE
            if share > limit and node.raw < self.protected and not _in_prose_list(node):
                return True
        return False

    # -- output ----------------------------------------------------------------------
    def flush(self) -> None:
        buf = self.buf
        if not buf:
            return
        raw = "".join(buf)
        buf.clear()  # the same list: `run` holds it
        if raw.isspace():  # the spaces between blocks, a common run: no block of any kind
            return
        kind, level, ordered = self.kind()
        if kind == "code":
            text = raw.strip("\n")
            if text.strip():
                self.blocks.append(Block("code", text))
            return
        if "\n" in raw:  # each line's spaces collapsed, empty lines dropped
            lines = [" ".join(line.split()) for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
        else:  # most runs: one line
            text = " ".join(raw.split())
        if text:
            self.blocks.append(Block(kind, text, level=level, ordered=ordered))

    def kind(self) -> tuple[BlockKind, int, bool]:
        pre, found, depth, ordered = self.context[-1]
        if pre:
            return "code", 0, False
        if found is None:
            return "paragraph", 0, False
        if found[0] == "list_item":
            return "list_item", max(depth, 1), ordered
        return found[0], found[1], False

    def image(self, node: Node, caption: str) -> None:
        img = node if node.tag == "img" else next((n for n in node.iter() if n.tag == "img"), None)
        src = ""
        if img is not None:
            src = img.get("src") or img.get("data-src") or img.get("data-lazy-src")
            if src.startswith("data:"):
                src = img.get("data-src") or img.get("data-lazy-src")
            if not caption:
                caption = " ".join(img.get("alt").split())
        if src and self.base_url:
            try:
                src = urljoin(self.base_url, src)
            except ValueError:  # "http://[x/": not a URL urllib can split; no image source then
                src = ""
        if src or caption:
            self.blocks.append(Block("image", caption, src=src or None))

    def table(self, node: Node) -> bool:
        """Emit a data table as one block; False for a layout table (walk into it).

        Rows are gathered first and their cells read only once the table is known to be
        a data table: a layout table nesting others is then left at its first inner table,
        so nested tables cost each element once, not once per table around it.
        """
        trs: list[Node] = []
        for tr in node.iter():
            if tr.tag == "table" and tr is not node:
                return False
            if tr.tag in ("p", "div") and tr.tlen > 200:
                return False
            if tr.tag == "tr":
                trs.append(tr)
        rows: list[tuple[str, ...]] = []
        for tr in trs:
            cells = tuple(c.text() for c in tr.children if isinstance(c, Node) and c.tag in _CELL_TAGS)
            if any(cells):
                rows.append(cells)
        if not rows or max(len(r) for r in rows) < 2:
            return False
        text = "\n".join(" | ".join(c for c in r if c) for r in rows)
        self.blocks.append(Block("table", text, rows=tuple(rows)))
        return True

    # -- walk ------------------------------------------------------------------------
    def run(self) -> list[Block]:
        """Walk the subtree in document order: each element's children are read in one loop,
        left only to enter a child (not one `next` call and stack look-up per child)."""
        root, buf, context, blocks, flush = self.root, self.buf, self.context, self.blocks, self.flush
        block_tags = BLOCK_TAGS
        stack: list[tuple[Node, Iterator[Node | str]]] = [(root, iter(root.children))]
        context.append(_frame(_TOP, root.tag))
        while stack:
            node, children = stack[-1]
            for child in children:
                if isinstance(child, str):
                    buf.append(child)
                    continue
                tag = child.tag
                if tag == "br":
                    buf.append("\n")
                    continue
                if tag == "img":
                    if buf:  # (each `if buf` spares a call that would find nothing to flush)
                        flush()
                    self.image(child, "")
                    continue
                if child.imgs and is_image_box(child):
                    if buf:
                        flush()
                    caption = next((n.text() for n in child.iter() if n.tag == "figcaption"), "")
                    self.image(child, caption or child.text())
                    continue
                if tag == "figcaption":
                    continue
                if child.neg and is_pull_quote(child):
                    if buf:
                        flush()
                    blocks.append(Block("quote", child.text()))
                    continue
                # `skip` says no to an element that is not boilerplate, has no link text and is
                # no <h1>: most of them, asked without a call
                if (child.neg or child.llen or tag == "h1") and self.skip(child):
                    if buf and tag in block_tags:
                        flush()
                    if child.neg and is_recirculation_heading(child):
                        # "Related stories", "Comments": the rest of this section goes too.
                        stack[-1] = (node, iter(()))
                        break
                    continue
                if tag == "table":
                    if buf:
                        flush()
                    if self.table(child):
                        continue
                if tag in block_tags:
                    if buf:
                        flush()
                    context.append(_frame(context[-1], tag))
                stack.append((child, iter(child.children)))
                break
            else:  # the node's children all read
                stack.pop()
                if node.tag in block_tags or node is root:
                    if buf:
                        flush()
                    context.pop()
        return blocks


def emit(root: Node, base_url: str | None = None) -> list[Block]:
    """Blocks of the article body under `root`, in document order."""
    return _Emitter(root, base_url).run()
