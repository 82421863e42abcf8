"""Finding article URLs: feeds, sitemaps and links, read from bytes already fetched.

Pure parsing, no I/O: the crawler fetches, these functions say what the bytes point to.
Every reader is lenient (broken XML, wrong namespaces, a `.gz` that is not gzip, a feed
that is half a feed) and says what was wrong in `problems`, so the crawl can count it and
go on with whatever could be read.
"""
from __future__ import annotations

import calendar
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator, Literal, TypedDict

import feedparser
from selectolax.lexbor import LexborHTMLParser

from broadsheet.inflate import BadEncoding, TooLarge, gunzip

__all__ = [
    "Discovered",
    "FEED_PATHS",
    "SITEMAP_PATHS",
    "MAX_SITEMAP_URLS",
    "gunzip_capped",
    "parse_date",
    "parse_feed",
    "parse_html_links",
    "parse_sitemap",
    "sniff_kind",
]

#: Where sites put feeds when their pages do not declare one (tried only then).
FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml")
#: Where sites put sitemaps when robots.txt names none.
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")
#: The sitemap protocol's own limit per file; more is cut and counted.
MAX_SITEMAP_URLS = 50_000

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
               "application/rdf+xml", "application/xml", "text/xml")
#: The opening tag of a `<loc>`, bounded so that no attempt can scan far (see `_loose_locs`).
_LOC_OPEN = re.compile(rb"<(?:[\w.-]{1,64}:)?loc\b[^<>]{0,256}>", re.I)
_MAX_LOC = 4096

Kind = Literal["feed", "sitemap", "html", "other"]


class _SitemapState(TypedDict):
    """What `parse_sitemap` carries between chunks of the document."""

    root: str | None  # local name of the root element, once seen
    loc: str | None  # the current entry's <loc>
    dates: list[datetime | None]  # the current entry's lastmod / publication dates
    count: int  # entries taken so far
    stack: list[str]  # local names of the open elements
    open: list[ET.Element]  # the open elements themselves: each one ended leaves its parent


@dataclass
class Discovered:
    """What one document points to.

    `urls` are absolute but not yet canonical; `sitemaps` are child sitemaps of an index;
    `feeds` are feeds a page declares; `old` counts entries left out by `since`;
    `problems` names what was wrong with the document (counted in the summary);
    `more_urls`/`more_feeds` count links and feeds of a page past `parse_html_links`'s
    `max_links`, never resolved; `article` is whether a page's own markup says it is one
    article (og:type, WordPress's body classes), which tells its comments feed from a
    section's feed (`urls.is_comment_feed`).
    """

    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    old: int = 0
    problems: list[str] = field(default_factory=list)
    more_urls: int = 0
    more_feeds: int = 0
    article: bool = False


def parse_date(value: str | None) -> datetime | None:
    """A W3C/ISO 8601 date or datetime (as sitemaps write them), made timezone-aware."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}", text):
        text = text[:16] + ":00" + text[16:]  # W3C allows hh:mm without seconds
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
        if not match:
            return None
        try:
            parsed = datetime(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def gunzip_capped(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """Gunzip `data` if it is gzip (`broadsheet.inflate.gunzip`), at most `limit` bytes out.

    Returns the bytes and a problem, if any: `not-gzip` is not an error for the caller (a
    `.gz` URL served already decompressed, as servers often do); `bad-gzip` (damaged or
    cut short: the size in the gzip trailer does not match) keeps what could be read;
    `gzip-too-large` gives nothing, as a sitemap cut at an arbitrary byte is no sitemap.
    """
    if not data.startswith(b"\x1f\x8b"):
        return data, "not-gzip"
    try:
        out = gunzip(data, limit, partial=False)
    except TooLarge:
        return b"", "gzip-too-large"
    except BadEncoding:
        try:
            return gunzip(data, limit), "bad-gzip"
        except (BadEncoding, TooLarge):
            return b"", "bad-gzip"
    # ISIZE, the last member's length mod 2**32: a stream cut short decodes without error
    if len(data) < 18 or int.from_bytes(data[-4:], "little") != len(out) % 2**32:
        return out, "bad-gzip"
    return out, None


def sniff_kind(data: bytes, content_type: str = "") -> Kind:
    """Whether a document is a feed, a sitemap, an HTML page or something else.

    Used for start URLs, which may be any of these; the bytes decide, the
    Content-Type only breaks ties (servers label feeds and sitemaps every which way).
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.search(rb"<(?:[\w-]+:)?(?:urlset|sitemapindex)\b", head):
        return "sitemap"
    if re.search(rb"<(?:rss|feed|rdf:rdf)\b", head):
        return "feed"
    ctype = content_type.lower()
    if head.startswith((b"<!doctype html", b"<html")) or "html" in ctype:
        return "html"
    if head.startswith(b"<?xml") or "xml" in ctype:
        return "feed" if any(t in ctype for t in ("rss", "atom")) else "sitemap"
    if head.startswith(b"<"):
        return "html"
    return "other"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _is_old(dates: list[datetime | None], since: datetime | None) -> bool:
    known = [d for d in dates if d is not None]
    return since is not None and bool(known) and max(known) < since


def _sitemap_events(parser: ET.XMLPullParser[ET.Element], state: _SitemapState, out: Discovered,
                    since: datetime | None) -> None:
    """Consume the parser's pending events into `out` (see `parse_sitemap`)."""
    stack = state["stack"]
    for item in parser.read_events():
        if len(item) != 2:  # only "start" and "end" are asked for: each carries its Element
            continue
        event, elem = item
        if not isinstance(elem, ET.Element):
            continue
        name = _local(elem.tag)
        if event == "start":
            stack.append(name)
            state["open"].append(elem)
            if state["root"] is None:
                state["root"] = name
                wrong_ns = "}" not in elem.tag or elem.tag[1:].split("}")[0] != SITEMAP_NS
                if name in ("urlset", "sitemapindex") and wrong_ns:
                    out.problems.append("unexpected-namespace")
            elif name in ("url", "sitemap"):
                state["loc"], state["dates"] = None, []
            continue
        stack.pop()
        state["open"].pop()
        if name == "loc" and elem.text and stack and stack[-1] in ("url", "sitemap"):
            state["loc"] = elem.text.strip()
        elif name in ("lastmod", "publication_date") and elem.text:
            state["dates"].append(parse_date(elem.text))
        elif name in ("url", "sitemap") and state["loc"]:
            if _is_old(state["dates"], since):
                out.old += 1
            elif state["count"] >= MAX_SITEMAP_URLS:
                if "too-many-urls" not in out.problems:
                    out.problems.append("too-many-urls")
            else:
                (out.sitemaps if name == "sitemap" else out.urls).append(state["loc"])
                state["count"] += 1
            state["loc"] = None
        if state["open"]:
            # Out of the tree, not only emptied: a cleared element stays in its parent's
            # list, and 3 million `<x/>` kept 260 MB. Its earlier siblings have left
            # already, so it is its parent's first child (no search).
            state["open"][-1].remove(elem)


def parse_sitemap(data: bytes, *, since: datetime | None = None) -> Discovered:
    """URLs of a sitemap or child sitemaps of a sitemap index (Google News sitemaps too).

    With `since`, entries whose `news:publication_date` (or, lacking one, `lastmod`) is
    older are left out and counted in `old`. Namespaces are matched by local name, so a
    sitemap with a wrong or missing namespace still works (and is reported). Broken XML
    falls back to collecting `<loc>` elements with a pattern.
    """
    out = Discovered()
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    state: _SitemapState = {"root": None, "loc": None, "dates": [], "count": 0, "stack": [], "open": []}
    try:
        for start in range(0, len(data), 1 << 16):  # incremental: the tree holds the open elements only
            parser.feed(data[start : start + (1 << 16)])
            _sitemap_events(parser, state, out, since)
        parser.close()
        _sitemap_events(parser, state, out, since)
    except ET.ParseError:
        out.problems.append("malformed-xml")
    root_kind = state["root"]
    if root_kind not in ("urlset", "sitemapindex"):
        if "malformed-xml" not in out.problems:
            out.problems.append("not-a-sitemap")
    if "malformed-xml" in out.problems:  # take the <loc>s past the break too (undated)
        is_index = re.search(rb"<(?:[\w-]+:)?sitemapindex\b", data[:4096], re.I) is not None
        target = out.sitemaps if is_index else out.urls
        seen = set(out.urls) | set(out.sitemaps)
        for loc in _loose_locs(data):
            if len(target) >= MAX_SITEMAP_URLS:
                break
            if loc.lower().startswith(("http://", "https://")) and loc not in seen:
                seen.add(loc)
                target.append(loc)
    return out


def _loose_locs(data: bytes) -> Iterator[str]:
    """The text of every `<loc>` in broken XML, in one pass over the bytes.

    Linear by construction (a lazy `.*?` up to `</loc>` rescans the rest of the document
    for every unclosed `<loc>`, quadratic on a 100 KB sitemap): the opening tag is
    matched with bounded repeats, and the text runs to the next `<` (or the end of a
    CDATA section), where the search for the next tag resumes.
    """
    pos, size = 0, len(data)
    while (match := _LOC_OPEN.search(data, pos)) is not None:
        start = match.end()
        while start < size and data[start] in b" \t\r\n":
            start += 1
        if data.startswith(b"<![CDATA[", start):
            end = data.find(b"]]>", start + 9)
            text, pos = data[start + 9:end], end + 3
        else:
            end = data.find(b"<", start)
            text, pos = data[start:end], end
        if end < 0:  # cut off before its end: not a whole URL
            return
        if len(text) <= _MAX_LOC:
            yield text.decode("utf-8", "replace").strip()


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None


def parse_feed(data: bytes, *, since: datetime | None = None) -> Discovered:
    """Entry links of an RSS, Atom or RDF feed; entries dated before `since` are left out.

    At most `MAX_SITEMAP_URLS` links are taken (then `too-many-urls`). The crawler hands
    over no feed longer than its `max_feed_bytes` (page-sized), a start URL that turns out
    to be a feed included, which bounds what feedparser holds (~14x the body); the caller
    bounds `data`, this function reads it whole.

    feedparser reads broken feeds as far as it can (its `bozo` flag becomes the
    `malformed-feed` problem); a document with no feed in it is `not-a-feed`.
    """
    out = Discovered()
    try:
        # Bytes in a BytesIO, never a str or bytes: feedparser opens a string that names a
        # file or URL ("/dev/zero", "/etc/passwd") and reads that instead.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception:  # noqa: BLE001 - feedparser raises odd things on odd bytes
        out.problems.append("malformed-feed")
        return out
    if not parsed.get("version") and not parsed.entries:
        out.problems.append("not-a-feed")
        return out
    if parsed.get("bozo"):
        out.problems.append("malformed-feed")
    for entry in parsed.entries:
        if len(out.urls) >= MAX_SITEMAP_URLS:  # as a sitemap's: the crawl reads what it can use
            out.problems.append("too-many-urls")
            break
        link = entry.get("feedburner_origlink") or entry.get("link")
        if not link:
            for item in entry.get("links", []):
                if item.get("rel", "alternate") == "alternate" and item.get("href"):
                    link = item["href"]
                    break
        if not link:
            continue
        date = _entry_date(entry)
        if since is not None and date is not None and date < since:
            out.old += 1
            continue
        out.urls.append(link)
    return out


#: WordPress's body classes of one post, and of the pages that list posts (which win).
_SINGLE_CLASSES = frozenset({"single", "single-post"})
_LISTING_CLASSES = frozenset({"archive", "category", "tag", "author", "date", "home", "blog", "search"})


def _says_article(tree: LexborHTMLParser) -> bool:
    """Whether a page's own markup says it is one article: WordPress's `single` body
    class, or `og:type` "article"; a listing's body class (archive, category...) says not,
    whatever its og:type (some themes give every page og:type article)."""
    body = tree.body
    classes = set((body.attributes.get("class") or "").lower().split()) if body is not None else set()
    if classes & _LISTING_CLASSES:
        return False
    if classes & _SINGLE_CLASSES:
        return True
    for meta in tree.css("meta[property]"):
        if (meta.attributes.get("property") or "").strip().lower() == "og:type":
            return (meta.attributes.get("content") or "").strip().lower() == "article"
    return False


def parse_html_links(html: bytes | str, base_url: str, *, max_links: int | None = None,
                     max_feeds: int | None = None) -> Discovered:
    """Links (`<a href>`) and declared feeds (`<link rel=alternate>`) of an HTML page.

    Hrefs are resolved against `<base href>` or the page URL; a page whose robots meta
    says `nofollow` gives no links (its feeds are still read). With `max_links`, at most
    that many links and `max_feeds` (by default as many) feeds are resolved, the rest only
    counted (`more_urls`, `more_feeds`): 10 MB of anchors are ~900,000 links.
    """
    from urllib.parse import urljoin

    out = Discovered()
    try:
        tree = LexborHTMLParser(html)
    except Exception:  # noqa: BLE001 - Lexbor is lenient; this guards against odd input types
        out.problems.append("unparseable-html")
        return out
    base = base_url
    node = tree.css_first("base[href]")
    base_href = (node.attributes.get("href") or "").strip() if node is not None else ""
    if base_href:
        try:
            base = urljoin(base_url, base_href)
        except ValueError:
            pass
    if max_feeds is None:
        max_feeds = max_links
    for link in tree.css("link[href]"):
        rel = (link.attributes.get("rel") or "").lower().split()
        kind = (link.attributes.get("type") or "").lower().strip()
        href = (link.attributes.get("href") or "").strip()  # None for a bare `href`
        if "alternate" in rel and kind in _FEED_TYPES and href:
            if max_feeds is not None and len(out.feeds) >= max_feeds:
                out.more_feeds += 1
                continue
            try:
                out.feeds.append(urljoin(base, href))
            except ValueError:
                out.problems.append("bad-href")
    out.article = _says_article(tree)
    nofollow = any(
        "nofollow" in (meta.attributes.get("content") or "").lower()
        for meta in tree.css("meta[name]")
        if (meta.attributes.get("name") or "").lower() in ("robots", "broadsheet")
    )
    if nofollow:
        return out
    for anchor in tree.css("a[href]"):
        if "nofollow" in (anchor.attributes.get("rel") or "").lower():
            continue
        href = (anchor.attributes.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        if max_links is not None and len(out.urls) >= max_links:
            out.more_urls += 1
            continue
        try:
            out.urls.append(urljoin(base, href))
        except ValueError:
            out.problems.append("bad-href")
    return out
