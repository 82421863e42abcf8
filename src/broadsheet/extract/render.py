"""Blocks to `text`, Markdown and clean HTML: three views of the same list of blocks."""
from __future__ import annotations

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


def _md_escape(text: str) -> str:
    if text[:1] in "#>-+*" or text[:2].rstrip(".").isdigit():
        return "\\" + text
    return text


def _md_block(b: Block) -> str:
    if b.kind == "heading":
        return "#" * max(2, min(b.level or 2, 6)) + " " + b.text
    if b.kind == "list_item":
        indent = "  " * max(b.level - 1, 0)
        return f"{indent}{'1.' if b.ordered else '-'} {b.text}"
    if b.kind == "quote":
        return "\n".join("> " + line for line in b.text.split("\n"))
    if b.kind == "code":
        return f"```\n{b.text}\n```"
    if b.kind == "table" and b.rows:
        width = max(len(r) for r in b.rows)
        rows = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in b.rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    if b.kind == "image":
        return f"![{b.text}]({b.src})" if b.src else f"*{b.text}*"
    return _md_escape(b.text)


def to_markdown(article: "Article") -> str:
    """Markdown of the article: the title as `#`, then the body blocks."""
    out: list[str] = [f"# {article.title}"] if article.title else []
    previous = ""
    for b in article.blocks:
        if out:
            # Items of one list stay together; everything else gets a blank line.
            out.append("\n" if b.kind == previous == "list_item" else "\n\n")
        out.append(_md_block(b))
        previous = b.kind
    return "".join(out) + "\n"


def to_html(article: "Article") -> str:
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
            img = f'<img src="{escape(b.src or "")}" alt="{escape(b.text)}">' if b.src else ""
            cap = f"<figcaption>{escape(b.text)}</figcaption>" if b.text else ""
            out.append(f"<figure>{img}{cap}</figure>")
        else:
            out.append(f"<p>{text}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    out.append("</article>")
    return "\n".join(out) + "\n"
