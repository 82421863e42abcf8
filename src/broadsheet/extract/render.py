"""Blocks to `text`, Markdown and clean HTML: three views of the same list of blocks.

Markdown and HTML are safe to publish whatever the page said. Page text is text: what an
entity-escaped page showed as `<script>` is shown, never run. In Markdown, `<` is written
as `&lt;` (so no raw HTML, autolink or comment can start), entity-like `&` as `&amp;`, and
`\\`, `` ` `` and `[` are backslash-escaped (no code span hides an escape, no link can
open); a line starting with a block marker (`#`, `>`, `-`, `1.`, ...) has it escaped; a
code block's fence is longer than any run of backticks inside it; an image's alt text
cannot close its brackets. Image URLs are kept only when they are http(s) once
surrounding whitespace and control characters are stripped (`javascript:`, `DATA:`,
relative and scheme-less URLs are dropped, the caption kept), in Markdown and HTML alike.
Ordinary punctuation (`.`, `-`, `*`, `_` mid-line) is left alone.
"""
from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Iterable

from broadsheet.model import Block

if TYPE_CHECKING:
    from broadsheet.model import Article


def to_text(blocks: Iterable[Block]) -> str:
    """Plain body text: one block per paragraph, separated by a blank line.

    Images are left out: captions and credits are not article prose (they stay in the
    blocks, and in Markdown and HTML). Table rows become lines of cells joined by " | ".
    """
    return "\n\n".join(b.text for b in blocks if b.kind != "image" and b.text)


# -- URLs ------------------------------------------------------------------------------
_URL_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_WEB_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None.

    Judged as a browser reads it: whitespace and control characters around it are
    stripped and those inside removed first (` JaVa\\tScRiPt:`, `DATA:` fail; the URL
    returned is the one judged).
    """
    if not url:
        return None
    # Controls out, then the blanks at either end: a pattern for the edges searched a run of
    # blanks inside a URL from each of its characters (quadratic: 8.8 s for 40,000; review RV-X).
    url = _URL_CONTROLS.sub("", url).strip()
    return url if _WEB_URL.match(url) else None


_MD_URL_UNSAFE = re.compile(r"[\s()<>\[\]\\\"'`]")


def _md_url(url: str) -> str:
    """A link destination no Markdown reader can end early or read as more than a URL."""
    return _MD_URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), url)


# -- Markdown text ---------------------------------------------------------------------
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A line that would open a block: heading, quote, list, thematic break, setext underline,
# table row, fenced code (backticks are escaped inline already).
_MD_LINE_START = re.compile(r"^(?:[#>+*=|~_-]|\d{1,9}[.)])")


def _md_inline(text: str) -> str:
    """Text with nothing in it that Markdown reads as HTML, a link, code or an entity
    (plain replacements: a 16 MB text takes a fraction of a second)."""
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("[", "\\[").replace("<", "&lt;")


def _md_line(line: str) -> str:
    """One line of a text block: leading whitespace dropped (it could make code), a
    block marker at its start escaped."""
    line = line.lstrip()
    m = _MD_LINE_START.match(line)
    if m is None:
        return line
    marker = m.group(0)
    if marker[-1] in ".)":  # "1. " / "1) ": the punctuation is what makes a list
        return marker[:-1] + "\\" + line[len(marker) - 1 :]
    return "\\" + line


def _md_lines(text: str) -> list[str]:
    return [_md_line(line) for line in _md_inline(text).split("\n")]


def _md_one_line(text: str) -> str:
    """Text that must stay on one line (a heading, a table cell, a caption)."""
    return " ".join(_md_inline(text).split())


def _md_heading(level: int, text: str) -> str:
    body = _md_one_line(text)
    if body.endswith("#"):  # a closing run of #s would be taken off the heading
        # From the run's first "#" only: tried at each "#" of a long run inside the heading,
        # "#+$" was quadratic (3.5 s for 40,000: review RV-X, s18).
        body = re.sub(r"(?<!#)#+$", lambda m: "\\" + m.group(0), body)
    return "#" * level + " " + body


def _fence(code: str) -> str:
    """Backticks enough that no run inside the code closes the block."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _md_block(b: Block) -> str:
    if b.kind == "heading":
        return _md_heading(max(2, min(b.level or 2, 6)), b.text)
    if b.kind == "list_item":
        indent = "  " * max(b.level - 1, 0)
        return f"{indent}{'1.' if b.ordered else '-'} " + "\n".join(_md_lines(b.text))
    if b.kind == "quote":
        return "\n".join("> " + line for line in _md_lines(b.text))
    if b.kind == "code":
        fence = _fence(b.text)
        return f"{fence}\n{b.text}\n{fence}"
    if b.kind == "table" and b.rows:
        width = max(len(r) for r in b.rows)
        rows = [[_md_one_line(c).replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in b.rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    if b.kind == "image":
        src = safe_url(b.src)
        if src:
            alt = _md_one_line(b.text).replace("]", "\\]")
            return f"![{alt}]({_md_url(src)})"
        caption = _md_one_line(b.text).replace("*", "\\*")
        return f"*{caption}*" if caption else ""
    return "\n".join(_md_lines(b.text))


def to_markdown(article: "Article") -> str:
    """Markdown of the article: the title as `#`, then the body blocks (see the module
    docstring for what is escaped)."""
    out: list[str] = [_md_heading(1, article.title)] if article.title else []
    previous = ""
    for b in article.blocks:
        block = _md_block(b)
        if not block:
            continue
        if out:
            # Items of one list stay together; everything else gets a blank line.
            out.append("\n" if b.kind == previous == "list_item" else "\n\n")
        out.append(block)
        previous = b.kind
    return "".join(out) + "\n"


def to_html(article: "Article") -> str:
    """Clean HTML of the article: every text escaped, images only from http(s) URLs."""
    out: list[str] = ["<article>"]
    if article.title:
        out.append(f"<h1>{escape(article.title)}</h1>")
    open_list: str | None = None
    for b in article.blocks:
        if b.kind != "list_item" and open_list:
            out.append(f"</{open_list}>")
            open_list = None
        text = escape(b.text).replace("\n", "<br>")
        if b.kind == "heading":
            level = max(2, min(b.level or 2, 6))
            out.append(f"<h{level}>{text}</h{level}>")
        elif b.kind == "list_item":
            tag = "ol" if b.ordered else "ul"
            if open_list != tag:
                if open_list:
                    out.append(f"</{open_list}>")
                out.append(f"<{tag}>")
                open_list = tag
            out.append(f"<li>{text}</li>")
        elif b.kind == "quote":
            out.append(f"<blockquote><p>{text}</p></blockquote>")
        elif b.kind == "code":
            out.append(f"<pre><code>{escape(b.text)}</code></pre>")
        elif b.kind == "table" and b.rows:
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            out.append(f"<table>{rows}</table>")
        elif b.kind == "image":
            src = safe_url(b.src)
            img = f'<img src="{escape(src)}" alt="{escape(b.text)}">' if src else ""
            cap = f"<figcaption>{escape(b.text)}</figcaption>" if b.text else ""
            if img or cap:
                out.append(f"<figure>{img}{cap}</figure>")
        else:
            out.append(f"<p>{text}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    out.append("</article>")
    return "\n".join(out) + "\n"
