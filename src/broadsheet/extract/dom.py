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
from typing import Iterable, Iterator, Union

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Subtrees that never hold article text.
SKIP_TAGS = frozenset(
    """script style noscript template svg math iframe frame frameset object embed canvas
    select option optgroup button input textarea head link meta map area audio video
    source track dialog -comment""".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose end tag is optional: an open one does not deepen the tree for long.
_AUTO_CLOSED = frozenset("p li dt dd option optgroup tr td th tbody thead tfoot rb rt rp colgroup".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Nesting deeper than this is flattened before parsing: Lexbor's tree building is
#: quadratic in depth (100,000 nested <div>s take half a minute) and no real page needs it.
MAX_DEPTH = 1024
#: An unclosed tag at the end of the text is one token running to the end (`\Z`): without
#: that, every later `<` would rescan the whole rest of the text.
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)([^>]*+)(?:>|\Z)")

#: Tags (any `<`) read as markup; past this many, the rest of the page is read as text
#: only (see `limit_tags`). Every element costs time and memory all the way down the
#: pipeline, and a 16 MB page can hold four million `<br>`s; the largest pages of the
#: development sets have under 20,000.
MAX_TAGS = 100_000
_NTH_TAG = re.compile(r"(?:[^<]*+<){%d}" % MAX_TAGS)
#: Beyond the limit: comments, raw-text elements with their content, and tags.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|"
    r"<(script|style|template|noscript|textarea|title|xmp|iframe|noembed|noframes)\b.*?(?:</\1\s*>|\Z)|"
    r"</?[a-zA-Z!?][^>]*+(?:>|\Z)",
    re.DOTALL | re.IGNORECASE,
)

#: Attributes read per tag; the rest of a tag with more is dropped before parsing
#: (Lexbor checks each new attribute against all earlier ones: 100,000 attributes on one
#: element took 26 s). Real elements have a few, the most seen on a development page 64.
MAX_ATTRIBUTES = 128
#: Attributes a page may hold in all (Lexbor keeps about 230 bytes for each: 16 MB of
#: `<p a0 a1 ... a127>` is four million of them, 1.4 GB). A page that may hold more (it
#: has more characters that can end an attribute: spaces, `/`, quotes) keeps at most
#: FEW_ATTRIBUTES per tag, which with MAX_TAGS tags stays under the limit.
MAX_PAGE_ATTRIBUTES = 1_000_000
FEW_ATTRIBUTES = 8
# One attribute, as the HTML tokenizer reads it (atomic: a failed match never backtracks).
_ATTR = r"""(?>[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?)"""
# ... and one without any `<` in it (its quantifiers possessive: it never backtracks).
_PLAIN_ATTR = r"""[\s/]*+[^\s/><][^\s/><=]*+(?:\s*+=\s*+(?:"[^"<]*+"?+|'[^'<]*+'?+|[^\s><]*+))?+"""
#: What `limit_attributes` stops at: the start of a comment; a raw-text element (its text
#: passed over: `i<l;a++` in a script is no tag); `<svg>`, `<math>` and their end tags and,
#: inside them, the elements where HTML comes back (in SVG or MathML a `<script>` or
#: `<style>` holds markup, so raw text is passed over only outside them, and only while
#: nothing has made it uncertain where they end); and a start tag
#: other than a plain one. A plain tag has no `<` in it and at most MAX_ATTRIBUTES
#: attributes; the test reads no further than its next `<`, so the scan is linear. Every
#: other tag is read whole, once, by `_START_TAG` (a tag such as `<a<a<a...` is one tag to
#: the tokenizer; tried from each of its `<` it would be read again and again).
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_FOREIGN = frozenset(("svg", "math"))
_INTEGRATION = frozenset("foreignobject desc title annotation-xml mi mo mn ms mtext".split())


def _names_pattern(names: Iterable[str]) -> str:
    """An alternation of tag names, factored by common prefixes (the scan tries it at every
    `<`: most tags fail at their first or second letter), each letter in both cases
    (IGNORECASE would slow every comparison of the scan)."""
    tree: dict = {}
    for name in names:
        node = tree
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict) -> str:
        alts = [
            (f"[{ch}{ch.upper()}]" if ch.isalpha() else re.escape(ch)) + alternation(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return alternation(tree)


_SCANS: dict[int, "tuple[re.Pattern[str], re.Pattern[str]]"] = {}


def _scanners(most: int) -> "tuple[re.Pattern[str], re.Pattern[str]]":
    """(scan, start tag) patterns for tags of at most `most` attributes."""
    found = _SCANS.get(most)
    if found is None:
        scan = re.compile(
            r"<(?:(?P<comment>!--)|/(?P<foreign_end>%(foreign)s)(?![^\s/>])|"
            r"(?P<special>%(special)s)(?![^\s/>])(?P<plain>(?:%(plain)s){0,%(n)d}+[\s/]*+>)?|"
            r"(?=[a-zA-Z])(?![a-zA-Z][^\s/><]*+(?:%(plain)s){0,%(n)d}+[\s/]*+(?:>|\Z)))"
            % {
                "foreign": _names_pattern(_FOREIGN),
                "special": _names_pattern(_RAW_TEXT | _FOREIGN | _INTEGRATION),
                "plain": _PLAIN_ATTR,
                "n": most,
            }
        )
        start = re.compile(r"<[a-zA-Z][^\s/>]*+(?P<allowed>%s{0,%d}+)(?P<more>%s*+)" % (_ATTR, most, _ATTR))
        found = _SCANS[most] = (scan, start)
    return found


_TAG_TAIL = re.compile(r"[\s/]*+>")
_END_NAMES: dict[str, "re.Pattern[str]"] = {}  # tag name -> the name in any case, ended


_COMMENT_CLOSE = re.compile(r"--!?>")


def _comment_end(html: str, at: int) -> int:
    """Where a comment whose `<!--` ends at `at` ends: `<!-->` and `<!--->` are whole
    comments, others end at `-->` or `--!>` (or with the page)."""
    if html.startswith(">", at):
        return at + 1
    if html.startswith("->", at):
        return at + 2
    close = _COMMENT_CLOSE.search(html, at)
    return close.end() if close else len(html)


def _end_tag(html: str, name: str, at: int) -> int:
    """Where the end tag `</name` (any case, ended by a space, `/` or `>`) first stands
    at or after `at`, or -1. A plain search for `</`: scripts are most of a page's bytes."""
    pattern = _END_NAMES.get(name)
    if pattern is None:
        pattern = _END_NAMES[name] = re.compile("%s(?![^\\s/>])" % _names_pattern([name]))
    while True:
        at = html.find("</", at)
        if at < 0 or pattern.match(html, at + 2):
            return at
        at += 2


class Node:
    """An element of the light tree. `children` holds Nodes and text strings in order."""

    __slots__ = ("tag", "attrs", "parent", "children", "index", "tlen", "llen", "good", "raw", "neutral", "neg", "pos", "lheads", "imgs", "lost", "ilen", "ilink", "collapsed")

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None", index: int = 0) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Union["Node", str]] = []
        self.index = index  # position in document order
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
        return (self.get("class") + " " + self.get("id")).lower()

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


def squeeze(text: str) -> str:
    """Whitespace runs as one space, a space kept at either end that had one: pieces
    squeezed alone, joined, then collapsed, give what collapsing them joined gives."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def limit_tags(html: str, tags: int | None = None) -> tuple[str, str]:
    """(markup, text): the page up to its MAX_TAGS-th `<`, and the rest as text only.

    Past the limit, comments and the content of scripts, styles and other raw-text
    elements go, and every tag becomes a space: the text is kept (it lands, as one run,
    in the element open at the cut). `tags` is `html.count("<")` when already known.
    """
    if (html.count("<") if tags is None else tags) <= MAX_TAGS:
        return html, ""
    m = _NTH_TAG.match(html)
    if m is None:
        return html, ""
    cut = m.end() - 1
    return html[:cut], _MARKUP.sub(" ", html[cut:])


def limit_attributes(html: str, most: int = MAX_ATTRIBUTES) -> str:
    """Drop the attributes past the first `most` of every start tag that has more.

    Raw text (scripts, styles) is passed over only where the tokenizer surely reads it
    as such: outside SVG and MathML, as long as no element where HTML comes back inside
    them (`foreignObject`, `desc`, `mi`...) has made it uncertain where they end.
    """
    pieces: list[str] = []
    last = pos = 0
    end = len(html)
    foreign: list[str] = []  # open <svg>/<math>, innermost last
    uncertain = False  # whether raw text may hold markup from here on
    scan, start_tag = _scanners(most)
    while pos < end:
        m = scan.search(html, pos)
        if m is None:
            break
        if m.group("comment"):  # the comment ends where the tokenizer ends it
            pos = _comment_end(html, m.end())
            continue
        closing = m.group("foreign_end")
        if closing:
            name = closing.lower()
            if name in foreign:  # popped with everything opened inside it
                del foreign[len(foreign) - 1 - foreign[::-1].index(name) :]
            pos = m.end()
            continue
        if m.group("plain") is not None:  # a plain special tag, read whole by the scan
            pos = m.end()
        else:
            tag = start_tag.match(html, m.start())
            if tag is None:  # cannot happen: the scan stops only at `<` and a letter
                pos = m.end()
                continue
            if tag.group("more"):
                pieces.append(html[last : tag.end("allowed")])
                last = tag.end()
            pos = tag.end()
        special = (m.group("special") or "").lower()
        if special in _FOREIGN:
            tail = _TAG_TAIL.match(html, pos) if m.group("plain") is None else m
            if tail is None or html[tail.end() - 2] != "/":  # not `<svg/>`, which opens nothing
                foreign.append(special)
        elif foreign:
            if special in _INTEGRATION and not uncertain:
                # HTML comes back inside it; only plain text there (an icon's <title>) is
                # sure to leave the SVG or MathML around it as it was
                close = _end_tag(html, special, pos)
                if close >= 0 and html.find("<", pos, close) < 0:
                    pos = close
                else:
                    uncertain = True
        elif special in _RAW_TEXT and not uncertain:
            close = _end_tag(html, special, pos)
            pos = close if close >= 0 else end
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


def flatten_deep_nesting(html: str, max_depth: int = MAX_DEPTH, tags: int | None = None) -> str:
    """Drop open/close tags nested deeper than `max_depth`, keeping all text.

    Only pages with very many tags are scanned, so ordinary pages pay nothing. `tags` is
    `html.count("<")` when already known.
    """
    if (html.count("<") if tags is None else tags) < max_depth * 4:
        return html
    depth = 0
    pieces: list[str] = []
    last = 0
    dropped_closers: dict[str, int] = {}
    changed = False
    for m in _TAG_TOKEN.finditer(html):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3).endswith("/")
        if name in VOID_TAGS or name in _AUTO_CLOSED or selfclose:
            continue
        if closing:
            if dropped_closers.get(name):
                dropped_closers[name] -= 1
                pieces.append(html[last : m.start()])
                last = m.end()
                changed = True
            elif depth > 0:
                depth -= 1
            continue
        if depth >= max_depth:
            dropped_closers[name] = dropped_closers.get(name, 0) + 1
            pieces.append(html[last : m.start()])
            last = m.end()
            changed = True
        else:
            depth += 1
    if not changed:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


def parse(html: str) -> LexborHTMLParser:
    """Parse text into a Lexbor DOM, the way browsers do (HTML5 tree construction).

    Markup that would make parsing or anything after it slow is bounded first, each step
    linear in the page's length and changing nothing on ordinary pages: at most MAX_TAGS
    tags are read as markup (`limit_tags`), nesting deeper than MAX_DEPTH is flattened
    (`flatten_deep_nesting`), and a tag keeps at most MAX_ATTRIBUTES attributes
    (`limit_attributes`; FEW_ATTRIBUTES on a page that could hold over
    MAX_PAGE_ATTRIBUTES in all).
    """
    tags = html.count("<")
    rest = ""
    if tags > MAX_TAGS:
        html, rest = limit_tags(html, tags)
        tags = MAX_TAGS
    html = flatten_deep_nesting(html, tags=tags)
    most = FEW_ATTRIBUTES if _may_hold_attributes(html) > MAX_PAGE_ATTRIBUTES else MAX_ATTRIBUTES
    if _over_attributes(most).search(html) is not None:  # some tag may hold more: the exact scan
        html = limit_attributes(html, most)
    return LexborHTMLParser(html + rest if rest else html)


_OVER: dict[int, "re.Pattern[str]"] = {}
# An attribute as in _ATTR but with its name read 31 characters at a time, each piece
# counted: a name's `=` and quotes are read as the tokenizer reads them, so the count can
# only come out higher, and no attempt runs on through a long name.
_ATTR_PIECE = r"""[\s/]*+[^\s/>][^\s/>=]{0,30}+(?:\s*+=\s*+(?:"[^"]*+"?+|'[^']*+'?+|[^\s>]*+))?+"""


def _over_attributes(most: int) -> "re.Pattern[str]":
    """A `<`, a tag name and more than `most` attributes, anywhere (raw text too).

    One C-speed search that finds nothing on most ordinary pages, which then skip
    `limit_attributes`' scan (it stops at every comment and script in Python: about a
    tenth of an ordinary page's extraction time). A hit only means the exact scan runs.
    Tried from every `<` and a letter, it misses no tag the tokenizer gives more
    attributes: a tag name holding `<` and a letter (`<p<y="x a b ...`: one name to the
    tokenizer) is left to the try from that inner `<`, which reads the name's end and then
    the same attributes; so no try reads through a name, or a long name piece by piece,
    that a later try reads again.
    """
    found = _OVER.get(most)
    if found is None:
        found = _OVER[most] = re.compile(
            r"<[a-zA-Z][^\s/><]*+(?:<(?![a-zA-Z])[^\s/><]*+)*+(?![^\s/>])(?:%s){%d}" % (_ATTR_PIECE, most + 1)
        )
    return found


def _may_hold_attributes(html: str) -> int:
    """More than the attributes the page can hold: every attribute but a tag's last ends
    at a space, a `/` or a quote (only a page of a million characters can reach a million)."""
    if len(html) <= MAX_PAGE_ATTRIBUTES:
        return len(html)
    return sum(html.count(c) for c in " \t\n\r\f/\"'") + min(html.count("<"), MAX_TAGS)


#: Containers that are boilerplate by tag; their subtrees are collapsed before the light
#: tree is built (only their text length is kept), which spares visiting the ~40% of a
#: typical page's elements that sit in menus, headers and footers.
COLLAPSE_SELECTOR = (
    "nav, footer, aside, header, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]"
)
COLLAPSED_ATTR = "data-broadsheet-collapsed"
#: Never collapse an element holding more than this share of the page's text: a
#: misused <header> or <aside> wrapping the article itself.
MAX_COLLAPSED_SHARE = 0.5
#: A short, link-free <aside> may be a pull quote: keep it.
PULL_QUOTE_CHARS = 400


_OUTERMOST = f":is({COLLAPSE_SELECTOR}):not(:is({COLLAPSE_SELECTOR}) *)"


def collapse_boilerplate(tree: LexborHTMLParser, title: str | None = None) -> None:
    """Empty the outermost nav/footer/aside/header subtrees in place, recording their
    text length.

    Call after the metadata readers (they may read bylines in a <header>), before
    `build_light_tree`. An element holding the headline (`title`) is kept: the body
    extractor uses the headline to anchor the article.
    """
    body = tree.body
    if body is None:
        return
    found = body.css(_OUTERMOST)
    if not found:
        return
    texts = [_shown_text(el) for el in found]
    limit = len(body.text(strip=True)) * MAX_COLLAPSED_SHARE if max(map(len, texts)) > 200 else 1e9
    key = " ".join(title.split()).casefold()[:40] if title and len(title) >= 10 else ""
    for el, text in zip(found, texts):
        length = len(text)
        if length > limit:
            continue
        if key and key in " ".join(text.split()).casefold():
            continue
        if el.tag == "aside" and length <= PULL_QUOTE_CHARS and el.css_first("a") is None:
            continue
        el.attrs[COLLAPSED_ATTR] = str(length)
        for child in list(el.iter(include_text=True)):
            child.decompose()


#: Inside a boilerplate element, what no reader sees: its length is not its size on the
#: page (a hidden gallery lightbox holds thousands of characters of captions).
_UNSHOWN = 'script, style, template, noscript, [hidden], [layout="nodisplay" i]'


def _shown_text(el: LexborNode) -> str:
    """The element's text without scripts and hidden parts (it is emptied right after)."""
    for unshown in el.css(_UNSHOWN):
        unshown.decompose()
    return el.text(separator=" ", strip=True)


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("layout") == "nodisplay":  # AMP's hidden layout
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return False


def build_light_tree(root: LexborNode | None) -> list[Node]:
    """Copy the parts of the DOM that can hold article text into `Node`s.

    Returns all nodes in document order; the first one stands for `root`.
    """
    top = Node("body", {}, None)
    nodes = [top]
    if root is None:
        return nodes
    top.attrs = dict(root.attributes)
    by_id = {root.mem_id: top}
    for child in root.traverse(include_text=True):
        parent = by_id.get(child.parent.mem_id)
        if parent is None:
            continue  # inside a skipped subtree
        tag = child.tag
        if tag == "-text":
            text = child.text_content
            if text:
                parent.children.append(text)
            continue
        if tag in SKIP_TAGS or tag is None:
            continue
        attrs = child.attributes
        if attrs and ("hidden" in attrs or "style" in attrs) and _is_hidden(attrs):
            continue
        node = Node(tag, attrs, parent, len(nodes))
        if attrs and COLLAPSED_ATTR in attrs:
            node.collapsed = int(attrs[COLLAPSED_ATTR] or 0)
        nodes.append(node)
        parent.children.append(node)
        if tag not in VOID_TAGS:
            by_id[child.mem_id] = node
    return nodes
