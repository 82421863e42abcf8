"""The two types that flow through broadsheet: `Page` in, `Article` out (see DESIGN.md).

`Block` is one piece of an article body; `text`, Markdown and clean HTML are all rendered
from the same list of blocks so the three never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Mapping

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table", "code", "image"]

#: Metadata fields of an Article, in their documented order (also the JSON key order).
META_FIELDS: tuple[str, ...] = (
    "url",
    "canonical_url",
    "title",
    "description",
    "authors",
    "date_published",
    "date_modified",
    "site_name",
    "section",
    "tags",
    "language",
    "image",
)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched or stored web page, bytes as received. Immutable.

    `origin` says where it came from: a file path, `warc-file#offset`, or `http`.
    """

    url: str | None
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    origin: str = ""

    @property
    def content_type(self) -> str:
        for key, value in self.headers.items():
            if key.lower() == "content-type":
                return value
        return ""

    def __repr__(self) -> str:
        """Short: where the page is from and how big it is, never its bytes."""
        kind = f", content_type={self.content_type!r}" if self.content_type else ""
        return f"Page(url={self.url!r}, origin={self.origin!r}, {len(self.content)} bytes{kind})"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article body.

    kind: heading (with `level` 1-6), paragraph, list_item (`level` = nesting depth,
    `ordered` for numbered lists), quote, table (`rows` of cell texts), code, image
    (`src`, with the caption or alt text in `text`).
    """

    kind: BlockKind
    text: str
    level: int = 0
    ordered: bool = False
    src: str | None = None
    rows: tuple[tuple[str, ...], ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.level:
            out["level"] = self.level
        if self.ordered:
            out["ordered"] = True
        if self.src:
            out["src"] = self.src
        if self.rows is not None:
            out["rows"] = [list(r) for r in self.rows]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Block":
        """The block of a `to_dict()` mapping (missing keys take their defaults)."""
        rows = data.get("rows")
        return cls(
            kind=data["kind"],
            text=data.get("text", ""),
            level=int(data.get("level", 0)),
            ordered=bool(data.get("ordered", False)),
            src=data.get("src"),
            rows=tuple(tuple(r) for r in rows) if rows is not None else None,
        )


@dataclass(slots=True)
class Article:
    """One article record. Empty strings / lists mean "the page does not say"."""

    url: str | None = None
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
    text: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self, *, blocks: bool = True) -> dict[str, Any]:
        """Plain JSON types with exactly the documented field names."""
        out: dict[str, Any] = {name: getattr(self, name) for name in META_FIELDS}
        out["authors"] = list(self.authors)
        out["tags"] = list(self.tags)
        out["text"] = self.text
        out["sources"] = dict(self.sources)
        if blocks:
            out["blocks"] = [b.to_dict() for b in self.blocks]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Article":
        """The Article of a mapping with `to_dict()`'s field names: an exported or stored
        record (extra keys such as `id`, `origin` or `published_at` are ignored; missing ones
        take their defaults), so `Article.from_dict(a.to_dict()) == a`."""
        kwargs: dict[str, Any] = {name: data.get(name) for name in META_FIELDS}
        kwargs["authors"] = list(data.get("authors") or [])
        kwargs["tags"] = list(data.get("tags") or [])
        kwargs["text"] = data.get("text") or ""
        kwargs["sources"] = dict(data.get("sources") or {})
        kwargs["blocks"] = [Block.from_dict(b) for b in data.get("blocks") or []]
        return cls(**kwargs)

    def to_markdown(self) -> str:
        """The title (as `# Title`) and the body as Markdown, rendered from `blocks`: headings,
        lists, quotes, tables, code, images as `![caption](src)`. No other metadata (the CLI's
        `--format markdown` adds it as front matter). Safe to publish: page text never
        becomes HTML, a link or code, and only http(s) image URLs are kept (see
        `broadsheet.extract.render`)."""
        from broadsheet.extract.render import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        """The title and body as clean HTML: one `<article>` element holding `<h1>` (the
        title) and the blocks as `<h2>`-`<h6>`, `<p>`, `<ul>`/`<ol>`, `<blockquote>`, `<table>`,
        `<pre><code>` and `<figure>`; text escaped, no attributes but an image's `src`/`alt`,
        no scripts, styles or classes, images only from http(s) URLs (a fragment, not a
        whole document)."""
        from broadsheet.extract.render import to_html

        return to_html(self)
