"""The section: where the page files the story, as stated or as shown to readers.

Sources, best first (`sources["section"]` names the winner):
  stated     og `article:section` > JSON-LD `articleSection` > meta > microdata; a stated
             section the page never shows is a template default and left out, and of a
             comma-separated "Category, tag, tag" string only the first item is the section
  dom        the story's category links (`rel=category`) outside menus and sidebars; all
             of them, in order (a post filed under two categories is in both)
  crumbs     the breadcrumb trail (JSON-LD BreadcrumbList, then one marked in the page):
             its last item before the story itself that is neither home nor the site,
             from a trail of at least two items (home and section); only on a page that
             declares itself an article (og:type, JSON-LD): elsewhere (a shop's product,
             a contact page, a listing) the trail is the site's navigation
"""
from __future__ import annotations

import re
from typing import Any, Callable

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.headline import related
from broadsheet.extract.meta.html_meta import Candidates, is_article_page
from broadsheet.extract.meta.page import PageText
from broadsheet.extract.meta.text import clean_name

#: The first crumb of most trails: the site's home page.
_HOME = re.compile(
    r"^(?:home(?:\s*page)?|homepage|start(?:seite)?|hauptseite|accueil|inicio|início|portada|"
    r"home\s*chevron\s*right|strona\s+główna|главная|головна|forside|etusivu|ana\s*sayfa|you are here:?|"
    r"sie sind hier:?|vous êtes ici:?)$",
    re.IGNORECASE,
)
_CRUMB_EDGE = re.compile(r"^[\s>»›/|•·\-–:]+|[\s>»›/|•·\-–:]+$")
MAX_CRUMBS = 12
MAX_TRAIL_CHARS = 1000
MAX_CATEGORIES = 10
_COMMA = re.compile(r"\s*,\s*")
_PARTS = re.compile(r"\s*[,;|/]\s*")


def read_crumbs(container: LexborNode) -> list[str]:
    """The link texts of one breadcrumb trail, in order, repeats removed; none from an
    element that holds more text than a trail has (a story tagged `url-breadcrumb`)."""
    if len(container.text(deep=True, strip=True)) > MAX_TRAIL_CHARS:
        return []
    out: list[str] = []
    for link in container.css("a")[: 2 * MAX_CRUMBS]:
        text = _CRUMB_EDGE.sub("", " ".join(link.text(deep=True, separator=" ").split()))
        if text and len(text) <= 80 and (not out or out[-1] != text) and text not in out:
            out.append(text)
    return out[:MAX_CRUMBS]


def crumb_section(trail: list[str], title: str | None, is_site: Callable[[str], bool]) -> str | None:
    """The last item of a trail that is neither home, the site, nor the story itself.

    A trail of one item (besides the story) says nothing: it is the site's name, a "home"
    or a search page as often as a section.
    """
    items = list(trail)
    while items and title and related(items[-1], title):
        items.pop()
    if len(items) < 2:
        return None
    items = [t for t in items if not _HOME.match(t) and not is_site(t)]
    return items[-1] if items else None


def pick_section(
    cands: Candidates, pairs: tuple[tuple[str, str], ...], shown: PageText, title: str | None,
    is_site: Callable[[str], bool],
) -> tuple[str | None, str | None]:
    """(section, source) by the precedence of `pairs` (`merge.PRECEDENCE["section"]`):
    stated sections, then the category links (`dom`), then breadcrumb trails (`crumbs`),
    as this module's docstring says."""
    dom = cands.get("dom", {})
    categories = _unique(clean_name(v) for v in dom.get("section", []))[:MAX_CATEGORIES]
    trails = [t for source, key in pairs if key == "crumbs" for t in cands.get(source, {}).get(key, []) if t]
    shown_as = {c.casefold() for c in categories} | {c.casefold() for t in trails for c in t}
    for source, key in pairs:
        if key == "crumbs":
            break
        if source == "dom":
            if categories:
                return ", ".join(categories), "dom"
            continue
        for raw in cands.get(source, {}).get(key, []):
            value = clean_name(raw)
            if not value:
                continue
            if "," in value:
                value = _COMMA.split(value)[0]
            parts = [p for p in _PARTS.split(value) if p]
            if any(p.casefold() in shown_as for p in parts) or shown.shown_count(parts, 1):
                return value, source
    if not is_article_page(cands):
        return None, None  # on a shop's, a contact or a listing page the trail is navigation
    for trail in trails:
        found = crumb_section(trail, title, is_site)
        if found:
            return found, "crumbs"
    return None, None


def _unique(values: Any) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out
