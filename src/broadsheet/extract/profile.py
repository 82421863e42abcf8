"""Site templates: what a site repeats on its pages, learned from the pages themselves.

Pages of one site share their chrome: menus, footers, "most read" boxes, newsletter and
author boxes, legal lines. A `SiteProfile` counts, over the pages of one host seen so far,

- *blocks*: a fingerprint of each block element's own text (the runs `emit` makes one
  block of: its strings and its inline descendants', not its block children's), with the
  kind of block it becomes (paragraph, heading, list item, quote) and its length and link
  length, counted once per page. A page teaches the blocks that matter: those that could
  be prose anywhere on it, and those of its body that emission would keep;
- *article slots*: the DOM path (tag, id and first two class names of each ancestor,
  digits dropped) of the container chosen as the page's body.

Its `template()` is what extraction uses (`extract(html, url, profile=...)`): the blocks
seen on at least MIN_PAGES pages and SHARE of the host's pages are its boilerplate, the
slots chosen on as many are where its articles live. With a template, extraction (1) takes
the prose of boilerplate blocks out of the scores, so a sidebar the site repeats never
wins the body; (2) weighs a container at an article slot SLOT_BONUS more, and where no
container has prose enough (a photo and its caption) takes the one at a slot; (3) leaves
out the boilerplate blocks inside the chosen body, except one standing next to one of the
page's own paragraphs under the same parent (a quote, a slogan, a standard sign-off that a
site's editors type into its stories stays; the template's chrome sits in boxes of its
own); (4) keeps a link list inside the body that the site does not repeat and that stands
between the page's own paragraphs (`keep_story_links`): alone, every link list is left
out. A template never empties a page: where it would leave no prose of the page's own,
the page's article is what the site's article slot holds besides boilerplate
(`own_slot`), and where that is nothing, the page is a copy of pages seen before and is
extracted as without a profile. A block is never boilerplate
because it repeats on one or two pages, or on less than half of them.

Learning is a fold, `profile.learn(page_blocks)` for each page's `PageBlocks` (what
`extract_and_learn` returns beside the article), pure and in any process; a profile
serialises with `to_bytes`/`from_bytes` (the corpus keeps one per host,
`broadsheet.corpus.profiles`). Its memory is bounded however many pages a host has: counts
are kept by lossy counting (Manku & Motwani) in buckets of BUCKET pages, which keeps every
block seen on more than one page in BUCKET and under-counts by at most pages/BUCKET;
blocks seen once are forgotten at the end of their bucket. The same pages learned in the
same order, one call each or with saving and loading between them, give the same profile.

Cost: only elements whose text lengths are those of a boilerplate block are read
(fingerprints carry the lengths), so a template adds a few percent to an extraction;
learning reads the text of some fifty blocks a page (see `broadsheet bench --profiles`).
"""
from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from broadsheet.extract.body import MAX_PROSE_LINK_SHARE, MIN_PROSE, PROSE_BESIDES_LINKS, PROTECTED_SHARE, settle
from broadsheet.extract.patterns import BLOCK_TAGS

if TYPE_CHECKING:
    from broadsheet.extract.dom import Node

#: A block is the site's boilerplate when it is on at least this many pages of the host ...
MIN_PAGES = 3
#: ... and on at least this share of them. Chrome is on nearly every page; a quote or a
#: slogan that a site repeats inside some stories is not.
SHARE = 0.5
#: The same for the article slot: the container chosen as the body on this share of pages.
SLOT_SHARE = 0.5
#: Pages per lossy-counting bucket (see the module doc): what is seen on fewer than one
#: page in BUCKET is forgotten.
BUCKET = 10
#: Pages of a host a profile must have learned before ingest and crawl use it.
MIN_PROFILE_PAGES = 3
#: Serialisation format version.
VERSION = 1

_DIGITS = re.compile(r"\d+")
_MASK = (1 << 64) - 1


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


#: A block fingerprint is 36 bits of hash and, in its low 28 bits, the lengths of the
#: block's own text (16 bits) and of its part inside links (12 bits), as `score` counts
#: them (`Node.ilen`, `Node.ilink`; capped): extraction with a profile then reads the text
#: of only those elements whose lengths are a boilerplate block's (`Template.sizes`).
_SIZE_BITS = 28
_SIZE_MASK = (1 << _SIZE_BITS) - 1


def _size(length: int, link_length: int) -> int:
    if length < 0xFFFF and link_length < 0xFFF:
        return length | link_length << 16
    return min(length, 0xFFFF) | (min(link_length, 0xFFF) << 16)


def _block_fingerprint(kind: str, norm: str, size: int) -> int:
    return (_hash(f"{kind} {norm}") & ~_SIZE_MASK) | size


def normalise(text: str) -> str:
    """What a block's fingerprint is taken of: its text case-folded, whitespace collapsed."""
    return " ".join(text.split()).casefold()


def text_fingerprint(text: str, kind: str = "paragraph", link_length: int = 0) -> int:
    """A stable 64-bit fingerprint of a block of one text run: the kind of block
    (`paragraph`, `heading`, `list_item`, `quote`), its normalised text, its length and
    how much of it is inside links; 0 for a block without text. A headline in one page's
    "recent posts" list is another kind of block than the same words as that page's own
    heading."""
    norm = normalise(text)
    return _block_fingerprint(kind, norm, _size(len(text.strip()), link_length)) if norm else 0


#: The size part of a description's fingerprint: no text and all of it in links, which no
#: block has (a block without text has no fingerprint, and its link text is part of its
#: text), so a template tells its blocks (`Template.sizes`) from the site's descriptions.
DESCRIPTION_SIZE = 0xFFF << 16


def description_fingerprint(text: str) -> int:
    """The fingerprint of a page's description, learned with its blocks (0 for none)."""
    norm = normalise(text)
    return _block_fingerprint("description", norm, DESCRIPTION_SIZE) if norm else 0


_KIND_OF = {**{f"h{i}": "heading" for i in range(1, 7)}, "li": "list_item", "blockquote": "quote"}


def _own_text(node: "Node") -> str:
    """A block element's own text: its strings and those of its inline descendants (not of
    its block descendants), element by element in document order."""
    children = node.children
    if len(children) == 1 and type(children[0]) is str:
        return children[0]
    parts: list[str] = []
    stack = [node]
    block_tags = BLOCK_TAGS
    while stack:
        item = stack.pop()
        children = item.children
        parts.extend(c for c in children if type(c) is str)
        stack.extend(c for c in reversed(children) if type(c) is not str and c.tag not in block_tags)  # type: ignore[union-attr,misc]
    return "".join(parts)


def block_fingerprint(node: "Node") -> int:
    """The fingerprint (`text_fingerprint`) of a block element's own text, after `score`
    (which measured it: `Node.ilen`, `Node.ilink`); 0 for one without text. The kind is
    the block `emit` makes of it: the innermost heading, list item or quote around it."""
    if not node.ilen:
        return 0
    norm = " ".join(_own_text(node).split()).casefold()
    return _block_fingerprint(_kind_of(node), norm, _size(node.ilen, node.ilink)) if norm else 0


def _kind_of(node: "Node") -> str:
    at: "Node | None" = node
    while at is not None:
        kind = _KIND_OF.get(at.tag)
        if kind:
            return kind
        at = at.parent
    return "paragraph"


@lru_cache(maxsize=16384)
def _label(tag: str, ident: str | None, classes: str | None) -> int:
    """One step of a DOM path: tag, id and the first two class names, digits dropped (a
    post's number in `post-1234` differs on every page)."""
    names = _DIGITS.sub("", classes or "").split()[:2]
    return _hash(f"{tag}#{_DIGITS.sub('', ident or '')}.{'.'.join(names)}")


class NodePaths:
    """`paths(node)`: the fingerprint of a node's DOM path from the top of the light tree,
    computed on demand (a page asks for a few: its candidate containers), memoised."""

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[int, int] = {}

    def __call__(self, node: "Node") -> int:
        memo = self._memo
        found = memo.get(node.index)
        if found is not None:
            return found
        chain = []
        at: "Node | None" = node
        base = 0
        while at is not None:
            known = memo.get(at.index)
            if known is not None:
                base = known
                break
            chain.append(at)
            at = at.parent
        for step in reversed(chain):
            attrs = step.attrs
            label = _label(step.tag, attrs.get("id"), attrs.get("class")) if attrs else _label(step.tag, None, None)
            base = ((base * 0x100000001B3) ^ label) & _MASK
            memo[step.index] = base
        return base


@dataclass(frozen=True, slots=True)
class PageBlocks:
    """What one page teaches its site's profile: its blocks' text fingerprints and its
    article slot (0 when no body was found)."""

    texts: frozenset[int] = frozenset()
    slot: int = 0


@dataclass(frozen=True, slots=True)
class Template:
    """What extraction uses of a profile: the site's boilerplate blocks and article slots
    (small and picklable: it travels with a page to the worker that extracts it)."""

    texts: frozenset[int] = frozenset()
    slots: frozenset[int] = frozenset()
    pages: int = 0
    sizes: frozenset[int] = field(init=False, repr=False, compare=False)  # the blocks' lengths (`_size`)

    def __post_init__(self) -> None:
        sizes = frozenset(fp & _SIZE_MASK for fp in self.texts)
        object.__setattr__(self, "sizes", sizes - {DESCRIPTION_SIZE})

    def __bool__(self) -> bool:
        """Whether the template holds blocks or slots (a site's description alone changes no body)."""
        return bool(self.sizes or self.slots)


EMPTY = Template()


def _threshold(pages: int, share: float) -> int:
    need = -(-int(share * pages * 1000) // 1000)  # ceil without float surprises
    return max(MIN_PAGES, need)


@dataclass
class SiteProfile:
    """The counts of one host's blocks and article slots (see the module doc).

    `texts`/`slots` map a fingerprint to [count, delta]: pages it was seen on (since it was
    last forgotten), and how many it may have been on before that.
    """

    host: str = ""
    pages: int = 0
    texts: dict[int, list[int]] = field(default_factory=dict)
    slots: dict[int, list[int]] = field(default_factory=dict)
    _cached: Template | None = field(default=None, repr=False, compare=False)
    _cached_pages: int = field(default=-1, repr=False, compare=False)

    # -- learning --------------------------------------------------------------------------
    def learn(self, page: PageBlocks) -> "SiteProfile":
        """Count one more page (in place; returns the profile)."""
        self.pages += 1
        bucket = (self.pages - 1) // BUCKET  # entries new in this bucket may have been missed before it
        for table, keys in ((self.texts, page.texts), (self.slots, (page.slot,) if page.slot else ())):
            for key in keys:
                entry = table.get(key)
                if entry is None:
                    table[key] = [1, bucket]
                else:
                    entry[0] += 1
        if self.pages % BUCKET == 0:
            self._forget(self.pages // BUCKET)
        return self

    def _forget(self, bucket: int) -> None:
        for table in (self.texts, self.slots):
            stale = [k for k, (count, delta) in table.items() if count + delta <= bucket]
            for key in stale:
                del table[key]

    def without(self, page: PageBlocks) -> "SiteProfile":
        """A copy that has not seen `page` (exact while no bucket has ended: fewer than
        BUCKET pages; for leave-one-out measurement)."""
        copy = SiteProfile(self.host, max(0, self.pages - 1),
                           {k: list(v) for k, v in self.texts.items()}, {k: list(v) for k, v in self.slots.items()})
        for table, keys in ((copy.texts, page.texts), (copy.slots, (page.slot,) if page.slot else ())):
            for key in keys:
                entry = table.get(key)
                if entry is not None:
                    entry[0] -= 1
                    if entry[0] <= 0:
                        del table[key]
        return copy

    @classmethod
    def learned(cls, pages: Iterable[PageBlocks], host: str = "") -> "SiteProfile":
        """A profile of `pages`, learned at once (the same as one `learn` per page)."""
        profile = cls(host)
        for page in pages:
            profile.learn(page)
        return profile

    # -- using -----------------------------------------------------------------------------
    def template(self) -> Template:
        """The site's boilerplate blocks and article slots (recomputed as pages are learned)."""
        if self._cached is not None and self.pages - self._cached_pages < max(1, self._cached_pages // 8):
            return self._cached
        need = _threshold(self.pages, SHARE)
        texts = frozenset(k for k, (count, _) in self.texts.items() if count >= need)
        need = _threshold(self.pages, SLOT_SHARE)
        slots = frozenset(k for k, (count, _) in self.slots.items() if count >= need)
        self._cached, self._cached_pages = Template(texts, slots, self.pages), self.pages
        return self._cached

    # -- storage ---------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Compressed JSON (fingerprints as hex), for the corpus and for other processes."""
        doc = {
            "v": VERSION,
            "host": self.host,
            "pages": self.pages,
            "texts": [[f"{k:x}", c, d] for k, (c, d) in sorted(self.texts.items())],
            "slots": [[f"{k:x}", c, d] for k, (c, d) in sorted(self.slots.items())],
        }
        return zlib.compress(json.dumps(doc, separators=(",", ":")).encode(), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> "SiteProfile":
        """The profile `to_bytes` wrote; ValueError for anything else."""
        try:
            doc = json.loads(zlib.decompress(data))
            if doc.get("v") != VERSION:
                raise ValueError(f"profile format {doc.get('v')!r}, not {VERSION}")
            return cls(
                str(doc["host"]),
                int(doc["pages"]),
                {int(k, 16): [int(c), int(d)] for k, c, d in doc["texts"]},
                {int(k, 16): [int(c), int(d)] for k, c, d in doc["slots"]},
            )
        except (zlib.error, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"not a site profile: {exc}") from None


# -- which site a page is of --------------------------------------------------------------
#: How much of a page `site_key` reads for a stated URL, and for links.
HEAD_BYTES = 128 * 1024
LINK_BYTES = 1024 * 1024
#: A page without URL is of the site most of its absolute links go to, given at least this
#: many such links and this share of them (a site's pages link mostly to itself: its menus,
#: its sections, its other stories).
MIN_SITE_LINKS = 3
MIN_SITE_SHARE = 0.2
#: A <link>/<meta> tag, and an <a> tag, each to its '>' or the end of what is read: a tag
#: is matched once, so one left open ("<a <a <a ...", no '>') is not scanned to the end
#: again from every later '<a' (quadratic: 97 s at 128 KB). The attribute patterns read
#: inside a tag, with whitespace and the quote taken possessively (`\s*["']?\s*` split a
#: long run of spaces every way before 'http' was found missing: quadratic).
_HEAD_TAG = re.compile(rb"<(?:link|meta)\b[^>]*+>?", re.IGNORECASE)
_A_TAG = re.compile(rb"<a\b[^>]*+>?", re.IGNORECASE)
_STATES_URL = re.compile(rb"""(?:\brel\s*+=\s*+["']?+\s*+canonical\b|\bproperty\s*+=\s*+["']?+\s*+og:url\b)""", re.IGNORECASE)
_URL_VALUE = re.compile(rb"""\b(?:href|content)\s*+=\s*+["']?+\s*+(https?://[^"'\s>]+)""", re.IGNORECASE)
_LINK_HOST = re.compile(rb"""\bhref\s*+=\s*+["']?+\s*+https?://([^/"'\s>:?#\\]+)""", re.IGNORECASE)


def host_of(url: str | None) -> str | None:
    """The site part of a URL: its host, lower-cased, without `www.` or a port."""
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip().rstrip(".").lower()
    return host.removeprefix("www.") or None


def site_key(url: str | None, html: bytes | str) -> str | None:
    """The site a page belongs to, for its profile: the host of its URL; for a page without
    one (a saved file), the URL it states (canonical link, og:url), else the host most of
    its links point to. None when none can be told."""
    host = host_of(url)
    if host:
        return host
    data = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    for m in _HEAD_TAG.finditer(data, 0, HEAD_BYTES):
        tag = m.group(0)
        if tag.endswith(b">") and _STATES_URL.search(tag):
            value = _URL_VALUE.search(tag)
            host = host_of(value.group(1).decode("latin-1")) if value else None
            if host:
                return host
    counts: dict[str, int] = {}
    for a_tag in _A_TAG.finditer(data, 0, LINK_BYTES):
        link = _LINK_HOST.search(a_tag.group(0))
        if link is None:
            continue
        name = host_of("http://" + link.group(1).decode("latin-1"))
        if name:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda h: (counts[h], h))
    total = sum(counts.values())
    return best if counts[best] >= MIN_SITE_LINKS and counts[best] >= MIN_SITE_SHARE * total else None


# -- extraction's side ---------------------------------------------------------------------
def could_be_prose(node: "Node") -> bool:
    """Whether a block element's own text is long enough, and enough outside links, to be
    prose (see `body._prose_value`; a shorter CJK run, which counts three times its length
    there, is not looked at: it weighs little)."""
    ilen = node.ilen
    return ilen >= MIN_PROSE and (ilen - node.ilink >= PROSE_BESIDES_LINKS or node.ilink <= MAX_PROSE_LINK_SHARE * ilen)


#: A block with more than this share of its text in links is a link list, which emission
#: leaves out (`emit.MAX_LINK_SHARE`) unless a profile tells it is the page's own
#: (`keep_story_links`).
MAX_LINK_SHARE = 0.5


def page_blocks(
    nodes: list["Node"], root: "Node | None", paths: NodePaths, marked: Iterable["Node"] = ()
) -> PageBlocks:
    """What a page teaches, after its body was chosen: the fingerprints of its blocks that
    matter and the path of its body. Those that matter could be prose (anywhere on the
    page), or are in the body and not boilerplate by themselves (not under a `neg` element
    other than those a profile `marked`): a menu item elsewhere is neither prose nor
    emitted, on any page of the site that chooses its body alike. The body's link lists
    are learned too: one the site repeats there (a share bar, "more from us") is its own,
    which `keep_story_links` must know."""
    block_tags = BLOCK_TAGS
    ours = {node.index for node in marked}
    fps = set()
    seen: set[int] = set()
    if root is not None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node is not root and node.neg and node.index not in ours:
                continue
            if node.ilen and node.tag in block_tags:
                seen.add(node.index)
                fps.add(block_fingerprint(node))
            stack.extend(c for c in node.children if type(c) is not str)  # type: ignore[misc]
    least = MIN_PROSE
    for node in nodes:
        if node.ilen >= least and node.tag in block_tags and could_be_prose(node) and node.index not in seen:
            fps.add(block_fingerprint(node))
    fps.discard(0)
    return PageBlocks(frozenset(fps), paths(root) if root is not None else 0)


def repeated_nodes(nodes: Iterable["Node"], template: Template, prose: bool = False) -> list["Node"]:
    """The block elements among `nodes` whose own text is the site's boilerplate, in
    document order (with `prose`, only those that `could_be_prose`). After `score`: only
    elements whose text lengths are a boilerplate block's are read."""
    boiler = template.texts
    if not boiler:
        return []
    sizes = template.sizes
    block_tags = BLOCK_TAGS
    found = []
    for node in nodes:
        ilen = node.ilen
        if (
            ilen
            and _size(ilen, node.ilink) in sizes
            and node.tag in block_tags
            and (not prose or could_be_prose(node))
            and block_fingerprint(node) in boiler
        ):
            found.append(node)
    return found


def slot_root(nodes: list["Node"], slots: frozenset[int], path_of: NodePaths) -> "Node | None":
    """Where the site's articles live, on a page whose article is too short to be told by
    its prose (a photo and its caption, a link with a line): of the elements at one of the
    site's article slots, outside boilerplate, the one with the most text outside links."""
    best: "Node | None" = None
    best_length = 0
    blocked = [False] * len(nodes)
    for node in nodes:
        parent = node.parent
        if parent is not None and (blocked[parent.index] or parent.neg):
            blocked[node.index] = True
            continue
        length = node.tlen - node.llen
        if length > best_length and not node.neg and path_of(node) in slots:
            best, best_length = node, length
    return best


def own_slot(nodes: list["Node"], template: Template, path_of: NodePaths) -> "Node | None":
    """On a page none of whose prose is its own (all of it the site's boilerplate): the
    element at the site's article slot (`slot_root`) if it holds text besides the site's
    boilerplate blocks and headings (a photo post: a caption, a credit line); None for a
    page that is a copy of pages seen before, to be extracted as without a profile."""
    root = slot_root(nodes, template.slots, path_of) if template.slots else None
    if root is None:
        return None
    known = sum(n.ilen - n.ilink for n in repeated_nodes(root.iter(), template) if _kind_of(n) != "heading")
    return root if root.tlen - root.llen - root.neutral > known else None


def discount(nodes: list["Node"], repeated: list["Node"]) -> None:
    """Take the prose of repeated elements back out of the scores `score` gave (their text
    is the site's, not the page's): from each one's own prose up through its ancestors.

    Prose inside boilerplate is lost to the ancestors of that boilerplate; where a
    boilerplate element holds most of the page's prose, before or after, every node's
    `lost` is recomputed (`body.settle`) instead of following the chains."""
    negs = [node for node in nodes if node.neg]
    protected = nodes[0].raw * PROTECTED_SHARE
    settled = not any(node.raw >= protected for node in negs)
    changed = False
    for node in repeated:
        prose = node.raw - sum(c.raw for c in node.children if type(c) is not str)  # type: ignore[union-attr,misc]
        if prose <= 0:
            continue
        changed = True
        at: "Node | None" = node
        lost = 0.0
        while at is not None:
            at.raw -= prose
            if at.neg:
                lost = prose
            at.lost -= lost
            at.good = at.raw - at.lost
            at = at.parent
    if changed and (not settled or any(node.raw >= nodes[0].raw * PROTECTED_SHARE for node in negs)):
        settle(nodes)


#: A repeated element next to one of the page's own paragraphs with at least this much
#: prose stays (a quote, a slogan, a sign-off inside the story).
EMBEDDED_PROSE = 30


def mark_repeated(repeated: list["Node"]) -> list["Node"]:
    """Mark as boilerplate (`neg`: emission skips it) every repeated element all of whose
    text is the site's boilerplate, except one standing next to one of the page's own
    paragraphs under the same parent: editors type a site's standard lines (a quote, a
    slogan, a guest-author note, a closing credit) among a story's paragraphs, while the
    template puts its chrome in boxes of its own (a newsletter box, an author box, a
    comment notice). Call after
    `discount`; returns the elements marked. A marked element has no prose of the page's
    own (its `raw` is set below zero), so emission skips it even in a body with no prose at
    all (a photo post found at the site's slot, `own_slot`), where it keeps every element
    holding half of the body's prose (none)."""
    indices = {node.index for node in repeated}
    whole: set[int] = set()
    for node in reversed(repeated):  # children before their parents
        rest = node.tlen - node.ilen - sum(
            c.tlen for c in node.children if type(c) is not str and c.index in whole
        )
        if rest <= 0:
            whole.add(node.index)
    marked = [node for node in repeated if node.index in whole and not node.neg and not _embedded(node, indices)]
    for node in marked:
        node.neg = True
        node.raw = -1.0
    return marked


def _embedded(node: "Node", repeated: set[int]) -> bool:
    parent = node.parent
    if parent is None:
        return False
    siblings = [c for c in parent.children if type(c) is not str and c.tlen]  # type: ignore[union-attr]
    at = siblings.index(node)
    return (at > 0 and _own_prose(siblings[at - 1], repeated)) or (  # type: ignore[arg-type]
        at + 1 < len(siblings) and _own_prose(siblings[at + 1], repeated)  # type: ignore[arg-type]
    )


def _own_prose(node: "Node", repeated: "set[int] | frozenset[int]") -> bool:
    return node.index not in repeated and not node.neg and node.good >= EMBEDDED_PROSE


def keep_story_links(root: "Node", repeated: set[int]) -> list["Node"]:
    """Keep in the body the link lists that are the page's own: a block element inside the
    chosen body with more than MAX_LINK_SHARE of its text in links, holding none of the
    site's boilerplate blocks, with some of the page's own prose (as `_embedded` counts it)
    both before and after it under the same parent. Emission leaves out link lists (a menu,
    a tag line, a "related" box), but a template tells the site's from the story's: the
    site's link boxes repeat across its pages, or close the story (post navigation, tags,
    related links after the last paragraph), while a list an editor puts between two
    paragraphs ("the papers in this issue:", "more in the links below:") is unique to its
    page and is content. `repeated`: the indices of the elements below `root` whose text
    is the site's boilerplate (`repeated_nodes`). Call after `mark_repeated` (which reads
    and changes nothing `repeated_nodes` reads); the kept elements' text counts as text,
    not links (`llen` 0 below them: emission keeps a block by its link share).
    Returns the elements kept, outermost only."""
    kept: list["Node"] = []
    block_tags = BLOCK_TAGS
    spans: dict[tuple[int, bool], _ProseSpan] = {}
    stack = _linked_children(root)
    while stack:  # in document order, only into elements with link text outside boilerplate
        node = stack.pop()
        if (
            node.llen > MAX_LINK_SHARE * node.tlen
            and node.tag in block_tags
            and _between_own_prose(node, _NONE, spans)  # cheap first: the page's prose regardless
        ):
            if _between_own_prose(node, repeated, spans):
                inside = list(node.iter())
                if not any(n.index in repeated for n in inside):
                    for n in inside:
                        n.llen = 0
                    kept.append(node)
                    continue
        stack.extend(_linked_children(node))
    return kept


def _linked_children(node: "Node") -> list["Node"]:
    """A node's element children with link text, outside boilerplate, last first."""
    return [c for c in reversed(node.children) if type(c) is not str and c.llen and not c.neg]  # type: ignore[union-attr,misc]


_NONE: frozenset[int] = frozenset()


#: Per parent: its children with text, each child's place among them, and the places of
#: the first and last that are the page's own prose (-1 where none is).
_ProseSpan = tuple[dict[int, int], int, int]


def _between_own_prose(
    node: "Node", repeated: "set[int] | frozenset[int]", spans: dict[tuple[int, bool], _ProseSpan]
) -> bool:
    """Whether the page's own prose stands both before and after the node under its parent.
    Each parent's siblings are read once per `repeated` (`spans`): a list of thousands of
    link paragraphs between two stories' prose asked this of each, reading all every time
    (16,000 took 33 s; review R4). `_own_prose` reads no `llen`, which keeping a list
    changes, so what was read stays true."""
    parent = node.parent
    if parent is None:
        return False
    key = (parent.index, repeated is _NONE)
    span = spans.get(key)
    if span is None:
        siblings: list["Node"] = [c for c in parent.children if type(c) is not str and c.tlen]  # type: ignore[union-attr,misc]
        own = [i for i, s in enumerate(siblings) if _own_prose(s, repeated)]
        span = spans[key] = (
            {s.index: i for i, s in enumerate(siblings)},
            own[0] if own else -1,
            own[-1] if own else -1,
        )
    places, first, last = span
    at = places.get(node.index, -1)
    return first != -1 and first < at < last
