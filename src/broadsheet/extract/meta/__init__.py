"""Metadata: readers for every place a page states it, and their merge.

Contract used by `broadsheet.extract`:
  read_metadata(tree, url, headers=..., fetched_at=...) -> Metadata   (before body extraction)
  finish_metadata(meta, text)                                        (after: language check)

`read_metadata` reads the intact Lexbor tree (scripts present, nothing pruned) and never
modifies it. One CSS query over the page collects the nodes of the structured readers, a
second one (elements named as bylines or dates) runs only around the headline; the readers
then dispatch on the node lists, and `merge` picks one value per field:

  jsonld      <script type=application/ld+json>: the article object, @graph, @id references
  html_meta   <meta> OpenGraph / article:* / twitter:* / named tags; <link rel=canonical>
  microdata   itemprop on visible elements
  dom         <h1>, bylines, <time>, datelines, rel=tag/category links (never inside
              comments, related-article lists, sidebars or site chrome)
  url         the date in the URL path
  html        <title>, <html lang>
  headline    which title is the headline;  published  which date is the publication's

Precedence per field (first usable value wins; `sources[field]` names its reader):
  title           an <h1> agreeing with a stated title (`dom`); else the stated titles vote:
                  json-ld headline > opengraph > twitter > meta > microdata; else a first
                  <h1> that is not the site's name; else html <title>. " | Site" removed
  description     meta > opengraph > twitter > json-ld > microdata; a cut one ("...")
                  gives way to the same text whole
  authors         json-ld > meta (author, parsely, sailthru, dc.creator, citation) > twitter
                  label/data > opengraph article:author > microdata > dom byline > a
                  "By X" line under the headline (`dom`); whole list from one source;
                  names only in hidden metadata must appear on the page
  date_published  json-ld article > opengraph > meta > microdata > json-ld WebPage >
                  dom <time> marked published > url > dom <time> > dateline > a date
                  printed by the headline (`dom`); corrected by `published` (majority of
                  structured sources, local offset over UTC, an earlier URL date)
  date_modified   json-ld > opengraph > meta > microdata > json-ld WebPage > dom <time>;
                  dropped when before date_published
  site_name       opengraph og:site_name > json-ld publisher/WebSite > meta > microdata
  section         opengraph article:section > json-ld articleSection > meta > microdata >
                  dom rel=category; a stated section must be shown on the page
  tags            opengraph article:tag > dom rel=tag > json-ld keywords > microdata >
                  news_keywords; stated tags count only if the page shows half of them;
                  plain <meta name=keywords> (written for search engines) is not used
  image           opengraph > json-ld > twitter > meta > link image_src > microdata
  canonical_url   link rel=canonical > og:url > json-ld url > meta > the page's URL (`url`)
  language        html lang > content-language (meta tag, then HTTP header) > og:locale >
                  json-ld inLanguage; checked against the text in finish_metadata
                  (`detected` where it overrules a declaration or fills a gap)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.dom import (
    bylines_near_headline,
    ForeignCheck,
    text_of,
    read_bylines,
    read_datelines,
    read_h1,
    read_times,
    text_near_headline,
)
from broadsheet.extract.meta.html_meta import Candidates, add, read_link, read_meta
from broadsheet.extract.meta.jsonld import read_jsonld
from broadsheet.extract.meta.language import settle_language
from broadsheet.extract.meta.merge import merge, merge_authors_line
from broadsheet.extract.meta.microdata import read_microdata
from broadsheet.extract.meta.page import PageText
from broadsheet.model import Article, Block

__all__ = ["Metadata", "read_metadata", "finish_metadata", "read_candidates"]

#: Every node the structured readers need, in one query over the whole page.
_SELECTOR = ",".join(
    (
        "meta", "link[rel~=canonical i]", "link[rel~=image_src i]", 'script[type*="ld+json" i]',
        "title", "h1", "time", "[itemprop]", "a[rel~=tag]", "a[rel~=category]", "[rel~=author]",
    )
)
#: Elements named as bylines or dates: looked for only around the headline, where an
#: article states them (and where the substring tests cost a fraction of a whole page).
_NAMED = ",".join(
    (
        "[class*=byline i]", "[class*=author i]", "[class*=date i]", "[class*=publish i]",
        "[class*=time i]",
    )
)
#: How many levels above the headline the byline and dateline are looked for.
HEADER_LEVELS = 5


@dataclass(slots=True)
class Metadata:
    canonical_url: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    image: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def to_article(self, *, url: str | None, text: str, blocks: list[Block]) -> Article:
        sources = dict(self.sources)
        if url:
            sources.setdefault("url", "input")
        return Article(
            url=url,
            canonical_url=self.canonical_url,
            title=self.title,
            description=self.description,
            authors=list(self.authors),
            date_published=self.date_published,
            date_modified=self.date_modified,
            site_name=self.site_name,
            section=self.section,
            tags=list(self.tags),
            language=self.language,
            image=self.image,
            text=text,
            sources=sources,
            blocks=blocks,
        )


def read_candidates(tree: LexborHTMLParser, url: str | None) -> Candidates:
    """Every raw value every reader finds: source -> field -> values in document order.

    Public for debugging and for tools that want more than the merged record.
    """
    cands: Candidates = {}
    foreign = ForeignCheck()
    metas, scripts, h1s, times, props, others = [], [], [], [], [], []
    title = None
    seen: set[int] = set()
    for node in tree.css(_SELECTOR):
        key = node.mem_id  # a node matching several selectors comes back once per match
        if key in seen:
            continue
        seen.add(key)
        tag = node.tag
        if tag == "meta":
            metas.append(node)
        elif tag == "script":
            scripts.append(node)
        elif tag == "link":
            read_link(node, cands)
        elif tag == "a" and ("tag" in (rel := (node.attributes.get("rel") or "").lower().split()) or "category" in rel):
            # WordPress and others mark category links rel="category tag", tag links rel="tag".
            text = text_of(node, 101)
            if text and len(text) <= 100 and not foreign(node):
                add(cands, "dom", "section" if "category" in rel else "tags", text)
        elif tag == "title":
            if title is None:
                title = node
            continue
        else:
            if tag == "h1":
                h1s.append(node)
            elif tag == "time":
                times.append(node)
            others.append(node)
        if "itemprop" in node.attributes:
            props.append(node)
    others.extend(_named_near_headline(tree, h1s, seen, foreign))
    read_meta(metas, cands)
    jsonld = read_jsonld(scripts)
    if jsonld:
        cands["json-ld"] = jsonld
    read_microdata(props, cands, foreign)
    for h1 in read_h1(h1s, foreign):
        add(cands, "dom", "title", h1)
    for byline in read_bylines(others, foreign):
        add(cands, "dom", "authors", byline)
    found = read_times(times, foreign)
    for key, name in (("published", "date_published"), ("modified", "date_modified"), ("any", "date_any")):
        for value in found[key]:
            add(cands, "dom", name, value)
    for text in read_datelines(others, foreign):
        add(cands, "dom", "dateline", text)
    if title is not None:
        add(cands, "html", "title", title.text(deep=True))
    root = tree.root
    if root is not None:
        attrs = root.attributes
        add(cands, "html", "language", attrs.get("lang") or attrs.get("xml:lang"))
    if url:
        add(cands, "url", "date_published", url)
    return cands


def _named_near_headline(tree: LexborHTMLParser, h1s: list, seen: set[int], foreign: ForeignCheck) -> list:
    """Elements named as bylines or dates in the headline's neighbourhood: a few levels
    above the first `<h1>` outside site chrome, else the `<article>`, else the body."""
    region = None
    for h1 in h1s:
        if not foreign(h1):
            region = h1
            for _ in range(HEADER_LEVELS):
                parent = region.parent
                if parent is None or parent.tag == "html":
                    break
                region = parent
                if parent.tag == "body":
                    break
            break
    if region is None:
        region = tree.css_first("article") or tree.body
    if region is None:
        return []
    out = []
    for node in region.css(_NAMED):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out


def read_metadata(
    tree: LexborHTMLParser,
    url: str | None,
    *,
    headers: Mapping[str, str] | None = None,
    fetched_at: datetime | None = None,
) -> Metadata:
    """Read every metadata field the page states and merge them by precedence."""
    cands = read_candidates(tree, url)
    if headers:
        for key, value in headers.items():
            if key.lower() == "content-language":
                add(cands, "meta", "language", value)
    meta = Metadata()
    shown = PageText(lambda: _body_text(tree))
    merged = merge(cands, url, fetched_at, shown)
    # Last resorts, paid for only where needed: a byline line or a date printed just
    # under the headline in the page text (the chosen title first, else the first <h1>).
    title = merged.get("title", (None,))[0]
    headlines = [t for t in (title, *cands.get("dom", {}).get("title", [])[:1]) if t]
    if "authors" not in merged and headlines:
        for line in bylines_near_headline(shown.text, headlines):
            names = merge_authors_line(line, cands, url)
            if names:
                merged["authors"] = (names, "dom")
                break
    if "date_published" not in merged:
        nearby = text_near_headline(shown.text, headlines)
        found = scan_date(nearby, not_after=fetched_at, dayfirst=merged.get("language", ("",))[0] != "en")
        if found:
            merged["date_published"] = (found, "dom")
    for name, (value, source) in merged.items():
        setattr(meta, name, value)
        meta.sources[name] = source
    return meta


def _body_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return body.text(deep=True, separator="\n", strip=True) if body is not None else ""


def finish_metadata(meta: Metadata, text: str) -> None:
    """Steps that need the body text: check the declared language, detect a missing one."""
    language, source = settle_language(meta.language, text)
    if source:
        meta.language = language
        meta.sources["language"] = source
