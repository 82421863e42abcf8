"""Metadata: readers for every place a page states it, and their merge.

Contract used by `broadsheet.extract`:
  read_metadata(tree, url, headers=..., fetched_at=...) -> Metadata   (before body extraction)
  finish_metadata(meta, text)                                        (after: language check)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from broadsheet.model import Article, Block


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


def _meta(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    value = node.attributes.get("content")
    return " ".join(value.split()) if value and value.strip() else None


def read_metadata(
    tree: LexborHTMLParser,
    url: str | None,
    *,
    headers: Mapping[str, str] | None = None,
    fetched_at: datetime | None = None,
) -> Metadata:
    """Read every metadata field the page states and merge them by precedence."""
    meta = Metadata()
    title = _meta(tree, 'meta[property="og:title"]')
    if title:
        meta.title, meta.sources["title"] = title, "opengraph"
    else:
        h1 = tree.css_first("h1")
        if h1 is not None and h1.text(strip=True):
            meta.title, meta.sources["title"] = " ".join(h1.text().split()), "dom"
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link is not None else None
    if href:
        meta.canonical_url = urljoin(url or "", href.strip())
        meta.sources["canonical_url"] = "link"
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    if lang:
        meta.language, meta.sources["language"] = lang.split("-")[0].lower(), "html"
    return meta


def finish_metadata(meta: Metadata, text: str) -> None:
    """Steps that need the body text (language identification)."""
