"""Which extracted pages are articles: a reason to skip, or None to keep.

Reasons (each counted in the summary): "no body" (too little text), "404 page" (an error
page served with status 200), "login wall" (a teaser behind a sign-in or subscription
prompt), "index page" (a home, section, tag or archive page: a list of teasers, no story).
The rules look only at the extracted Article, so they are pure and run on the workers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from broadsheet.model import Article

_NOT_FOUND_TITLE = re.compile(
    r"\b404\b\s*(?:error|[-|–:]|not\s+found|page)|(?:error|http)\s*404\b|page\s+(?:was\s+)?not\s+found|"
    r"^\W*not\s+found\b|[-|–:]\s*not\s+found\W*$|"
    r"page\s+(?:does\s+not|doesn'?t|cannot|can'?t)\s+(?:exist|be\s+found)|"
    r"(?:page|content|article)\s+(?:is\s+)?no\s+longer\s+available|"
    r"seite\s+nicht\s+gefunden|page\s+introuvable|página\s+no\s+encontrada",
    re.I,
)
_NOT_FOUND_TEXT = re.compile(
    r"(?:page|article|content|story)\s+(?:you\s+(?:are|were)\s+looking\s+for\s+)?"
    r"(?:(?:could|can)\s*not|can'?t|couldn'?t|does\s*n[o']t|doesn'?t)\s+(?:be\s+found|exist)|"
    r"\b404\b.{0,40}\bnot\s+found|page\s+not\s+found",
    re.I,
)
_LOGIN = re.compile(
    r"(?:subscribe|sign\s*in|sign\s*up|log\s*in|register|create\s+(?:a\s+)?(?:free\s+)?account)\b"
    r".{0,60}?\b(?:to\s+(?:continue|keep)\s+reading|to\s+read\s+(?:the\s+)?(?:full|this|more)|"
    r"to\s+(?:access|unlock|view)\s+(?:this|the\s+full))|"
    r"already\s+a\s+subscriber|(?:this\s+(?:article|story|content)\s+is\s+)?"
    r"(?:for|available\s+(?:only\s+)?to)\s+(?:paying\s+)?(?:subscribers|members)\s+only|"
    r"subscribers?[- ]only\s+(?:content|article)",
    re.I,
)
# In the raw page: structured data saying the article is paywalled, or a reading prompt the
# extractor has (rightly) dropped as boilerplate. Plain substring tests on the lowercased
# bytes: a regex over a whole page costs more than extracting it.
_FREE_FLAG = re.compile(rb'"isaccessibleforfree"\s*:\s*"?false')
_WALL_PHRASES = (b"to continue reading", b"to keep reading", b"subscribe to read", b"subscribers only",
                 b"subscribers-only", b"members only")


def _wall_markup(html: bytes, size: int, wall_chars: int) -> bool:
    """Paywall signs in the raw page: the structured-data flag for a teaser shorter than
    `wall_chars`, a reading prompt (also found in site chrome) only for half that."""
    low = html.lower()
    at = low.find(b'"isaccessibleforfree"')
    if at >= 0 and _FREE_FLAG.match(low, at):
        return True
    return size < wall_chars // 2 and any(phrase in low for phrase in _WALL_PHRASES)


_SECTION_PATH = re.compile(
    r"^/(?:(?:tags?|topics?|category|categories|sections?|authors?|archives?|search)(?:/[^/]+)?|"
    r"news|latest|page/\d+|index\.(?:html?|php))/?$",
    re.I,
)


_STORY_PATH = re.compile(r"/(?:19|20)\d\d[/-]|\d{5,}|[^/]*-[^/]*-[^/]*-[^/]*")


@dataclass(frozen=True, slots=True)
class KeepRules:
    """Thresholds of the keep/skip decision (defaults suit news pages)."""

    min_chars: int = 200  # non-space characters of body text below which a page has "no body"
    wall_chars: int = 2500  # a login prompt in a body shorter than this makes it a login wall
    teaser_share: float = 0.35  # index page: prose paragraphs carry less than this share of the text


def _body_size(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\n")


def _path(article: Article) -> str | None:
    """The URL path, with "/" only for a bare home page (not `/?p=123` or `/?id=9`); None
    for a page with no URL at all (a saved file): nothing is known of where it stood."""
    url = article.canonical_url or article.url
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    return path + "?" if path == "/" and parts.query else path


def _is_index(article: Article, size: int, share: float) -> bool:
    """A list of teasers rather than a story: short items, little running prose."""
    path = _path(article)
    blocks = article.blocks
    prose = sum(_body_size(b.text) for b in blocks if b.kind in ("paragraph", "quote") and len(b.text.split()) >= 25)
    if path is not None and (path == "/" or _SECTION_PATH.match(path)):
        return not article.date_published or prose < size * 0.5
    if path is not None and _STORY_PATH.search(path):  # a dated path or a long slug names one story
        return False
    short_items = sum(1 for b in blocks if b.kind in ("heading", "list_item") and len(b.text.split()) <= 15)
    return len(blocks) >= 12 and short_items >= len(blocks) * 0.6 and prose < size * share


def skip_reason(article: Article, rules: KeepRules = KeepRules(), html: bytes | None = None) -> str | None:
    """Why this page is not an article, or None when it is one.

    `html`, the raw page, lets a login wall be seen where the extractor dropped its prompt.
    """
    text = article.text.strip()
    size = _body_size(text)
    title = article.title or ""
    if _NOT_FOUND_TITLE.search(title) and size < 3000 or size < 1500 and _NOT_FOUND_TEXT.search(text[:600]):
        return "404 page"
    if size < rules.wall_chars and (_LOGIN.search(text) or (html is not None and _wall_markup(html, size, rules.wall_chars))):
        return "login wall"
    if size < rules.min_chars:
        path = _path(article)
        return "index page" if path is not None and (path == "/" or _SECTION_PATH.match(path)) else "no body"
    if _is_index(article, size, rules.teaser_share):
        return "index page"
    return None
