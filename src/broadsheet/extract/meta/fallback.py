"""The last resort for `date_published`: htmldate's search of the page.

Where no structured source states a date (not even one refused) and no element marked as a
date, no URL and no date printed by the headline gives the publication day, htmldate (a
maintained library of the same job, with its own readers of markup: many more meta names,
date-classed elements, dates in scripts) searches the page. It gets its own lxml copy of
the page, never a string (a string that looks like a URL it would fetch), without the
parts that describe other things (`foreign`): their dates are other stories'.

A first of the month is refused: htmldate writes a date it read as a lone year or month
("© 2016", "März 2022") so, and it is no publication day. Where its fast search finds
nothing, our own readers do what its extensive search does (`page_scan_date`): an element
named for a date anywhere on the page, else the oldest date standing alone in a short
text. htmldate's own extensive search reads those texts with dateparser and the whole
page with its regexes, up to a hundred milliseconds on a long page: over the cost cap
(metadata at most a third of extraction time) on the readability set. Ours costs about
half a millisecond a call on the development pages, and is bounded on any page: the named
elements read at most `dom.MAX_READ_CHARS` of text in all (nested ones each read their whole
subtree), and at most `MAX_SCANNED` short texts holding a year are read as dates.
Measured on the meta-dev sets split by site (fit / held), date accuracy, htmldate set:
fast search only 93.0 / 94.7%, ours after it 94.3 / 95.1% (htmldate's extensive 94.3 /
95.5%); trafilatura set: 90.6 / 92.4%, 91.2 / 92.9% (91.2 / 93.4%), with fewer dates where
the truth says the page has none (held: 15 of 25 pages, htmldate's extensive 19).
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract.meta.dates import parse_date, scan_date
from broadsheet.extract.meta.dom import NO_TEXT_TAGS, ReadBudget, UnseenCheck, class_id, unseen_element
from broadsheet.extract.meta.foreign import ForeignCheck, foreign_name

if TYPE_CHECKING:  # lxml comes with htmldate, imported only when the search runs
    from lxml.html import HtmlElement, HTMLParser

#: Elements named for a date, as htmldate's extensive search finds them.
_DATE_NAMED = "[class*=date i],[id*=date i],[class*=datum i],[id*=datum i]"
_MAX_NAMED, _NAMED_CHARS = 1000, 80
#: "update" holds "date": an element so named states when the page changed.
_UPDATE_NAME = re.compile(r"updat|modif|edited", re.IGNORECASE)
#: htmldate's bounds of a text that may be a date by itself (its MIN/MAX_SEGMENT_LEN).
_MIN_SEGMENT, _MAX_SEGMENT = 6, 52
#: Short texts holding a year read as dates, at most (each costs up to a quarter of a
#: millisecond on a text made of years: a page of a hundred thousand such texts took 10 s).
MAX_SCANNED = 1000
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\d.])[0-3]?\d\.[01]?\d\.\d\d(?![\d.])")
_SHORT_YEAR = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d\d)(?![\d.])")
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


def whole_page_date(
    tree: LexborHTMLParser, url: str | None, fetched_at: datetime | None
) -> tuple[str, str] | None:
    """(date, source): the publication day htmldate's fast search finds in the page
    (YYYY-MM-DD, source `htmldate`), else the date our readers of its extensive search find
    (`page_scan_date`, ISO 8601, source `dom`: our reader of the page, not htmldate's), or None."""
    found = _htmldate(tree, url, fetched_at)
    if found:
        return found, "htmldate"
    scanned = page_scan_date(tree, fetched_at)
    return (scanned, "dom") if scanned else None


def page_scan_date(tree: LexborHTMLParser, fetched_at: datetime | None) -> str | None:
    """htmldate's extensive search, as our readers do it on the Lexbor tree: the first
    element named for a date ("date", "datum" in its class or id) whose short text holds
    one, else the oldest date standing alone in a short text (a forum's first post, a
    "8. Mai 2012" under a blog post), outside other stories, comments and menus (`foreign`).

    htmldate reads these texts with dateparser, which cost up to a hundred milliseconds on
    a long page (over the cap: metadata at most a third of extraction time); our date
    parser reads the same written forms in the same languages, within the bounds above.
    """
    body = tree.body
    if body is None:
        return None
    lang = (tree.root.attributes.get("lang") or "") if tree.root is not None else ""
    dayfirst = not lang.lower().startswith("en")
    foreign = ForeignCheck()
    unseen = UnseenCheck()
    budget = ReadBudget()
    walk = [_MAX_SEEN_TOTAL]
    for node in tree.css(_DATE_NAMED)[:_MAX_NAMED]:
        if node.tag in NO_TEXT_TAGS or _UPDATE_NAME.search(class_id(node)):
            continue
        text = budget.text_of(node, _NAMED_CHARS + 1)
        if text is None:
            break
        if not text or len(text) > _NAMED_CHARS:
            continue
        found = scan_date(text, not_after=fetched_at, dayfirst=dayfirst) or short_year_date(text, fetched_at)
        if not found or foreign(node) or unseen(node):
            continue
        seen = _seen_text(node, walk)
        if seen is None:  # too much markup to tell (or the page's budget spent)
            continue
        if seen[1]:  # something inside is never seen: its date may be a script's
            found = scan_date(seen[0], not_after=fetched_at, dayfirst=dayfirst) or short_year_date(seen[0], fetched_at)
        if found:
            return found
    oldest: str | None = None
    scanned = 0
    # Whitespace-only texts skipped in C (too short to stand alone), a text told by its
    # node type: no tag name decoded per node (a third of this walk's time).
    for node in body.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        text = (node.text_content or "").strip()
        if not _MIN_SEGMENT < len(text) < _MAX_SEGMENT or not _YEAR.search(text):
            continue
        parent = node.parent
        if parent is None or parent.tag in NO_TEXT_TAGS:
            continue
        scanned += 1
        if scanned > MAX_SCANNED:
            break
        found = scan_date(text, not_after=fetched_at, dayfirst=dayfirst) or short_year_date(text, fetched_at)
        if found and (oldest is None or found[:10] < oldest[:10]) and not foreign(node) and not unseen(node):
            oldest = found
    return oldest


#: Nodes under one element named for a date read for its shown text, at most (its text is
#: short, its markup need not be), and under all of a page's, at most.
_MAX_SEEN_NODES, _MAX_SEEN_TOTAL = 500, 20_000


def _seen_text(node: LexborNode, left: list[int]) -> tuple[str, bool] | None:
    """The node's text without what a reader never sees inside it (a script's date, a
    hidden span: `meta.dom.unseen_element`), whitespace collapsed, and whether
    anything was left out; None past `_MAX_SEEN_NODES` nodes or the page's budget `left`
    (one walk, children read as it goes: a query for the unseen below each element read
    every element of a page of 98,000 under 1,000 nested ones, 5 s; review R4)."""
    parts: list[str] = []
    hidden = False
    resume: list[LexborNode] = []  # next siblings of the elements walked into
    count = 0
    el = node.child
    while el is not None or resume:
        if el is None:
            el = resume.pop()
        count += 1
        if count > _MAX_SEEN_NODES or count > left[0]:
            left[0] -= count
            return None
        if el.is_text_node:
            parts.append(el.text_content or "")
        elif unseen_element(el, el.tag):
            hidden = True
        elif el.child is not None:
            if el.next is not None:
                resume.append(el.next)
            el = el.child
            continue
        el = el.next
    left[0] -= count
    return " ".join(" ".join(parts).split()), hidden


def short_year_date(text: str, fetched_at: datetime | None) -> str | None:
    """A day written with dots and a two-digit year ("8.5.12", "28.09.19"), as German and
    other European pages print it: read only in a short text standing alone, where a
    version number or a score is unlikely."""
    m = _SHORT_YEAR.search(text)
    if m is None:
        return None
    day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    century = 2000 if year <= (fetched_at or datetime.now(timezone.utc)).year % 100 else 1900
    return parse_date(f"{century + year:04d}-{month:02d}-{day:02d}", not_after=fetched_at)


def _htmldate(tree: LexborHTMLParser, url: str | None, fetched_at: datetime | None) -> str | None:
    """htmldate's search of its own lxml copy of the page, without other stories' parts."""
    try:
        import htmldate
        from lxml import html as lxml_html
    except ImportError:  # a broken install: the field stays empty rather than the page failing
        log.warning("htmldate is not installed: no whole-page date search")
        return None
    markup = tree.html or ""
    if not markup or markup.isspace() or len(markup) > MAX_HTML_CHARS:  # isspace: no stripped copy
        return None
    try:
        document = lxml_html.document_fromstring(markup, parser=_html_parser())
        _drop_foreign(document)
        found = htmldate.find_date(
            document,
            url=url,
            extensive_search=False,  # dateparser over every short text: over the cost cap on long pages
            original_date=True,
            max_date=fetched_at.strftime("%Y-%m-%d") if fetched_at else None,
        )
    except Exception:  # noqa: BLE001 - a library's failure on one page is no date, not a crash
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
    if not found or found.endswith("-01"):
        return None
    return found


@lru_cache(maxsize=1)
def _html_parser() -> HTMLParser:
    """lxml.html's parser, its elements all of the class `HtmlElement` (and its comments'
    and instructions' classes), chosen in C: lxml.html's own choice of a class per tag (a
    form's, an input's) is Python code run for every element the search touches, a tenth
    of its time, and htmldate uses none of those classes' extras (the same dates: tested
    on every dev page)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement,
            comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction,
            entity=lxml_html.HtmlEntity,
        )
    )
    return parser


def _drop_foreign(document: HtmlElement) -> None:
    """Remove what describes other things (asides, menus, comments, related-article lists,
    teasers, as `foreign` names them) from htmldate's copy of the page: their dates are
    other stories'. An element holding the story (an <article>, <main> or <h1>) stays,
    whatever its name ("content--sidebar")."""
    from lxml import etree

    story: set[HtmlElement] = set()
    el: HtmlElement | None  # walks up to the root's parent, None
    for el in document.iter("article", "main", "h1"):
        while el is not None and el not in story:
            story.add(el)
            el = el.getparent()
    doomed = []
    # Elements only (no comment or instruction); not into what goes: nothing in it is read.
    walk = etree.iterwalk(document, events=("start",), tag=etree.Element)
    for _event, el in walk:
        if el.tag not in _FOREIGN_TAGS:
            class_, id_ = el.get("class"), el.get("id")
            if not class_ and not id_ or foreign_name(f"{class_ or ''} {id_ or ''}") != 2:
                continue
        if el not in story and el.getparent() is not None:  # the root stays (<html class=nav-open>)
            doomed.append(el)
            walk.skip_subtree()
    for el in doomed:
        el.drop_tree()
