"""The last resort for `date_published`: htmldate's search of the page.

Where no structured source states a date (not even one refused) and no element marked as a
date, no URL and no date printed by the headline gives the publication day, htmldate (a
maintained library of the same job, with its own readers of markup: many more meta names,
date-classed elements, dates in scripts) searches the page. It gets its own lxml copy of
the page, never a string (a string that looks like a URL it would fetch), without the
parts that describe other things (`foreign`): their dates are other stories'.

A first of the month is refused: htmldate writes a date it read as a lone year or month
("© 2016", "März 2022") so, and it is no publication day. The search is htmldate's
extensive one (every element named for a date, not only the usual tags; the oldest date in
the short texts of the page, read by dateparser too): on the meta-dev sets split by site it
found right dates the fast one misses on three sites of the fitting side and gained on the
held side too (htmldate set 93.0 -> 94.3% fit, 94.7 -> 95.5% held; trafilatura set 90.6 ->
91.2% fit, 92.4 -> 93.4% held). It costs about 12 ms a call where the fast search costs 7,
paid only on the pages that state no date at all: 2 of 181 AEB pages (no measurable change
of extract time there), 16 of 496 and 49 of 434 pages of the meta-dev sets (+0.55 ms a page
on the trafilatura set, whose pages are often no articles); the first call in a process
loads dateparser's data (`warm`).
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.foreign import foreign_name

if TYPE_CHECKING:  # lxml comes with htmldate, imported only when the search runs
    from lxml.html import HtmlElement

#: htmldate's extensive search: every element and short text named or shaped like a date.
EXTENSIVE = True
_FOREIGN_TAGS = frozenset({"aside", "nav", "form"})
#: Pages larger than this are not searched (the search parses the page a second time).
MAX_HTML_CHARS = 3_000_000

log = logging.getLogger(__name__)
#: htmldate logs a page it cannot read ("lxml cleaner error") at ERROR level: for a run that
#: is one page's date not found, not an error of the run. The command line and the worker
#: server lower it (`quiet_htmldate`); a library user's logging is left as they set it.
HTMLDATE_LOGGER = "htmldate"


def quiet_htmldate(verbose: bool = False) -> None:
    """Show htmldate's messages only with -v (our processes only: the CLI, the workers)."""
    logging.getLogger(HTMLDATE_LOGGER).setLevel(logging.INFO if verbose else logging.CRITICAL)


def whole_page_date(tree: LexborHTMLParser, url: str | None, fetched_at: datetime | None) -> str | None:
    """The publication day htmldate finds in the page (YYYY-MM-DD), or None."""
    try:
        import htmldate
        from lxml import html as lxml_html
    except ImportError:  # a broken install: the field stays empty rather than the page failing
        log.warning("htmldate is not installed: no whole-page date search")
        return None
    markup = tree.html or ""
    if not markup.strip() or len(markup) > MAX_HTML_CHARS:
        return None
    try:
        document = lxml_html.document_fromstring(markup)
        _drop_foreign(document)
        found = htmldate.find_date(
            document,
            url=url,
            extensive_search=EXTENSIVE,
            original_date=True,
            max_date=fetched_at.strftime("%Y-%m-%d") if fetched_at else None,
        )
    except Exception:  # noqa: BLE001 - a library's failure on one page is no date, not a crash
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
    if not found or found.endswith("-01"):
        return None
    return found


def _drop_foreign(document: HtmlElement) -> None:
    """Remove what describes other things (asides, menus, comments, related-article lists,
    teasers, as `foreign` names them) from htmldate's copy of the page: their dates are
    other stories'. An element holding the story (an <article>, <main> or <h1>) stays,
    whatever its name ("content--sidebar")."""
    story: set[HtmlElement] = set()
    el: HtmlElement | None  # walks up to the root's parent, None
    for el in document.iter("article", "main", "h1"):
        while el is not None and el not in story:
            story.add(el)
            el = el.getparent()
    doomed = []
    for el in document.iter():
        tag = el.tag
        if not isinstance(tag, str) or el in story:
            continue  # a comment or processing instruction; or holds the story
        if tag not in _FOREIGN_TAGS:
            names = f"{el.get('class') or ''} {el.get('id') or ''}"
            if len(names) <= 1 or foreign_name(names) != 2:
                continue
        doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def warm() -> None:
    """Load what the first extensive search would (dateparser's language data), so that
    a benchmark's per-page timing does not charge it to one page."""
    if not EXTENSIVE:
        return
    try:
        from htmldate.extractors import external_date_parser
    except ImportError:
        return
    external_date_parser("4. Juni 2023", "%Y-%m-%d")
