"""The section: where the page files the story, as stated or as shown to readers.

Sources, best first (`sources["section"]` names the winner):
  dom        the story's category links (`rel=category`, WordPress's `rel="category tag"`,
             and a `rel=tag` link to a `/category/` archive, WordPress's default permalink)
             outside menus and sidebars; all of them, in order (a post filed under two
             categories is in both). They come first: they are the categories the page
             shows, where a stated section names one of them (og `article:section`, the
             primary category) or joins them with tags into one string
  stated     og `article:section` > JSON-LD `articleSection` > meta > microdata; a stated
             section the page never shows is a template default and left out, and of a
             comma-separated "Category, tag, tag" string only the first item is the section

Breadcrumb trails are not read: on the development sets their last item named a section
where the annotators saw none more often than it named the right one.
"""
from __future__ import annotations

import re
from typing import Any

from broadsheet.extract.meta.html_meta import Candidates
from broadsheet.extract.meta.page import PageText
from broadsheet.extract.meta.text import clean_name

MAX_CATEGORIES = 10
_COMMA = re.compile(r"\s*,\s*")
_PARTS = re.compile(r"\s*[,;|/]\s*")


def pick_section(
    cands: Candidates, pairs: tuple[tuple[str, str], ...], shown: PageText
) -> tuple[str | None, str | None]:
    """(section, source) by the precedence of `pairs` (`merge.PRECEDENCE["section"]`):
    the category links (`dom`), then stated sections."""
    categories = _unique(clean_name(v) for v in cands.get("dom", {}).get("section", []))[:MAX_CATEGORIES]
    shown_as = {c.casefold() for c in categories}
    for source, key in pairs:
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
    return None, None


def _unique(values: Any) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out
