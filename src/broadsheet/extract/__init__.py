"""Page -> Article: a pure function, no I/O and no global state.

The stages, in order (each its own module):
  decode   bytes -> text (BOM, HTTP charset, <meta charset>, detection); refuses non-HTML
  dom      text -> Lexbor DOM (HTML5) -> light tree without scripts, styles, hidden parts
  meta     metadata readers (JSON-LD, OpenGraph, meta, microdata, DOM, URL) and their merge
  body     which subtree is the article (prose scoring)
  captions a page whose story stands in its captions is scored again with them as prose
  profile  what a site repeats on its pages (optional: `profile=`), learned from its pages
  emit     that subtree -> blocks, skipping boilerplate inside it
  clean    drop boilerplate lines, bylines, datelines, dangling headings; characters that
           print as nothing (invisible) and mojibake (mojibake) out of the text
  render   blocks -> text / Markdown / HTML
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import datetime
from typing import Iterator, Mapping

from broadsheet.extract.body import choose_root, fragments, score
from broadsheet.extract.captions import in_captions
from broadsheet.extract.clean import clean_blocks
from broadsheet.extract.decode import decode_page
from broadsheet.extract.dom import Node, build_light_tree, collapse_boilerplate, parse, release
from broadsheet.extract.emit import emit
from broadsheet.extract.meta import Metadata, finish_metadata, read_metadata
from broadsheet.extract.profile import (
    EMPTY,
    NodePaths,
    PageBlocks,
    SiteProfile,
    Template,
    description_fingerprint,
    discount,
    keep_story_links,
    mark_repeated,
    own_slot,
    page_blocks,
    repeated_nodes,
    slot_root,
)
from broadsheet.extract.render import to_text
from broadsheet.model import Article, Block, Page

__all__ = ["extract", "extract_page", "extract_blocks", "extract_and_learn", "SiteProfile", "PageBlocks"]


def extract_blocks(
    nodes: list[Node], base_url: str | None = None, title: str | None = None, *, profile: SiteProfile | Template | None = None
) -> list[Block]:
    """The article body of a light tree as blocks (empty when the page has no article)."""
    return _body(nodes, base_url, title, _template(profile), learn=False)[0]


def _template(profile: SiteProfile | Template | None) -> Template:
    if profile is None:
        return EMPTY
    if isinstance(profile, SiteProfile):
        return profile.template()
    if isinstance(profile, Template):
        return profile
    raise TypeError(f"profile= takes a SiteProfile or a Template, not {type(profile).__name__}")


def _body(
    nodes: list[Node], base_url: str | None, title: str | None, template: Template, learn: bool, captions: bool = False
) -> tuple[list[Block], PageBlocks | None]:
    """Blocks of the body and, with `learn`, what the page teaches its site's profile.
    Read again with `captions` where the story stands in the captions (`captions.in_captions`)."""
    if not template and not learn:  # the plain path, exactly as without profiles
        captions_found = score(nodes, captions)
        root = choose_root(nodes, title)
        if in_captions(root, captions_found):
            return _body(nodes, base_url, title, template, learn, captions=True)
        return ([] if root is None else clean_blocks(_emit_pieces(fragments(root), base_url), title=title)), None
    captions_found = score(nodes, captions)
    paths = NodePaths()
    if template.sizes:  # repeated prose is no prose: it must not win the body
        repeated = repeated_nodes(nodes, template, prose=True)
        if repeated:
            discount(nodes, repeated)
            if nodes[0].raw <= 0 and own_slot(nodes, template, paths) is None:  # nothing of its own: a copy
                template = EMPTY
                captions_found = score(nodes, captions)
    root = choose_root(nodes, title, template.slots, paths)
    if root is None and template.slots:
        root = slot_root(nodes, template.slots, paths)
    if in_captions(root, captions_found):
        return _body(nodes, base_url, title, template, learn, captions=True)
    pieces = [] if root is None else fragments(root)
    marked: list[Node] = []
    if template.sizes:  # and the chrome inside the body is left out
        for piece in pieces:
            repeated = repeated_nodes(piece.iter(), template)
            marked += mark_repeated(repeated)
            keep_story_links(piece, {n.index for n in repeated})  # and the page's own link lists kept in
    blocks = clean_blocks(_emit_pieces(pieces, base_url), title=title) if pieces else []
    return blocks, (page_blocks(nodes, root, paths, marked) if learn else None)


def _emit_pieces(pieces: list[Node], base_url: str | None) -> list[Block]:
    """Blocks of the chosen body and of the siblings that continue it (`body.fragments`)."""
    if len(pieces) == 1:
        return emit(pieces[0], base_url)
    return [block for piece in pieces for block in emit(piece, base_url)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one extraction, restoring it after.

    A page becomes tens of thousands of small objects (the light tree, with parent links),
    all alive until the end; the collector's passes over them while they are built were a
    third of the time on ordinary pages and most of it on huge ones (4 million `<br>`:
    40 s of 50). Nothing cyclic is freed during an extraction anyway; what it leaves is
    collected at the next pass after it. Only the thread that paused it turns it back on
    (another thread that found it paused leaves it), and a collector the program had
    turned off stays off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    fetched_at: datetime | None = None,
    profile: SiteProfile | Template | None = None,
) -> Article:
    """Extract one article record from an HTML page.

    Safe on any input: malformed HTML, wrong encodings, huge or empty pages give an Article
    (with empty `text` where there is no article; markup past the parser's limits is read
    bounded, see `dom.parse`). Raises `broadsheet.NotHTML` for input that is not HTML at
    all (PDF, images, archives, other binary data, a gzip stream inflating past the 16 MB
    page limit), and TypeError for
    something that is not text or bytes (None, a file object, a Page: use `extract_page`).
    Without `url`, the URL the page states (`<link rel=canonical>`, og:url, JSON-LD) becomes
    the article's `url`, with `sources["url"] == "canonical"`. `profile`: what the page's
    site repeats on its pages (`broadsheet.extract.profile.SiteProfile`, or its
    `template()`), so its chrome is left out; without one, the page is judged alone.
    """
    return _extract(html, url, headers, fetched_at, _template(profile), learn=False)[0]


def extract_and_learn(
    html: str | bytes,
    url: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    fetched_at: datetime | None = None,
    profile: SiteProfile | Template | None = None,
) -> tuple[Article, PageBlocks]:
    """`extract`, and what the page teaches its site's profile (`SiteProfile.learn`)."""
    article, learned = _extract(html, url, headers, fetched_at, _template(profile), learn=True)
    return article, learned or PageBlocks()


def _extract(
    html: str | bytes,
    url: str | None,
    headers: Mapping[str, str] | None,
    fetched_at: datetime | None,
    template: Template,
    learn: bool,
) -> tuple[Article, PageBlocks | None]:
    if not isinstance(html, (str, bytes)):
        if not isinstance(html, (bytearray, memoryview)):
            hint = "; for a Page use extract_page(page)" if isinstance(html, Page) else ""
            raise TypeError(f"extract() needs the page as str or bytes, not {type(html).__name__}{hint}")
        html = bytes(html)
    text, _encoding, utf8 = decode_page(html, headers)
    if not text or text.isspace():
        return Article(url=url, sources={"url": "input"} if url else {}), None
    with _collector_paused():
        return _extract_text(text, url, headers, fetched_at, template, learn, utf8)


def _extract_text(
    text: str,
    url: str | None,
    headers: Mapping[str, str] | None,
    fetched_at: datetime | None,
    template: Template,
    learn: bool,
    utf8: bytes | None = None,
) -> tuple[Article, PageBlocks | None]:
    tree = parse(text, utf8)
    meta = read_metadata(tree, url, headers=headers, fetched_at=fetched_at)
    collapse_boilerplate(tree, meta.title, meta.page_text)
    nodes = build_light_tree(tree.body)
    blocks, learned = _body(nodes, meta.canonical_url or url, meta.title, template, learn)
    release(nodes)
    body_text = to_text(blocks)
    finish_metadata(meta, body_text)
    if meta.description and (learn or template.texts):
        learned = _site_description(meta, template, learned)
    if url is None and _stated_url(meta.canonical_url):  # a saved page without its URL
        article = meta.to_article(url=meta.canonical_url, text=body_text, blocks=blocks)
        article.sources = {"url": "canonical", **{k: v for k, v in article.sources.items() if k != "url"}}
        return article, learned
    return meta.to_article(url=url, text=body_text, blocks=blocks), learned


def _site_description(meta: Metadata, template: Template, learned: PageBlocks | None) -> PageBlocks | None:
    """The page's description is learned with its blocks (`learned`, when learning), and
    dropped where the site's profile has it on most pages (`template`): a blog's or a
    section's tagline, stated on every page, describes none of them."""
    if not meta.description:
        return learned
    key = description_fingerprint(meta.description)
    if learned is not None:
        learned = PageBlocks(learned.texts | {key}, learned.slot)
    if key in template.texts:
        meta.description = None
        meta.sources.pop("description", None)
    return learned


def _stated_url(canonical: str | None) -> bool:
    """Whether a page's stated canonical URL can stand for its unknown URL: absolute http(s)
    with a path (a canonical naming the bare home page is a common CMS mistake on articles)."""
    if not canonical or not canonical.startswith(("http://", "https://")):
        return False
    rest = canonical.split("://", 1)[1]
    return "/" in rest and rest.split("/", 1)[1].strip("/") != ""


def extract_page(page: Page, profile: SiteProfile | Template | None = None) -> Article:
    """`extract` for a `Page` (the form every source yields)."""
    return extract(page.content, page.url, headers=page.headers, fetched_at=page.fetched_at, profile=profile)
