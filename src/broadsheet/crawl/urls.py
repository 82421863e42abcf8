"""URL canonicalisation, traps and the "looks like an article" test.

Every URL enters the frontier through `canonicalize`, so two spellings of one page
(host case, default port, fragment, tracking or session parameters, `./` segments) become
one key and the page is fetched once. The tests here look only at the URL: they are cheap
enough to run on every link of every page, and the crawler must decide before it spends a
request.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

__all__ = [
    "BadURL",
    "canonicalize",
    "host_key",
    "is_comment_feed",
    "looks_like_article",
    "skip_reason",
    "same_site",
]

MAX_URL_LENGTH = 2048
MAX_PATH_DEPTH = 12

#: Query parameters that never change what a page shows: analytics and click ids.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
        "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "cmpid",
        "ito", "ocid", "wt.mc_id", "s_cid", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "at_medium", "at_campaign", "spm", "share", "amp",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "oly_", "__hs")

#: Session ids: pages that differ only by these are the same page (the classic crawler trap).
SESSION_PARAMS = frozenset(
    {"sid", "sessionid", "session_id", "session", "phpsessid", "jsessionid", "aspsessionid",
     "cfid", "cftoken", "sessid"}
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)

#: Links whose extension says they are not HTML: never fetched as pages.
NON_HTML_EXTENSIONS = frozenset(
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".avif",
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".rtf",
        ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".dmg", ".exe", ".apk", ".iso",
        ".mp3", ".mp4", ".m4a", ".m4v", ".mov", ".avi", ".wmv", ".webm", ".ogg", ".wav", ".flac",
        ".css", ".js", ".mjs", ".json", ".woff", ".woff2", ".ttf", ".eot", ".map",
        ".xml", ".rss", ".atom", ".txt", ".csv", ".ics",
    }
)

#: Schemes links use that are named in the counts; any other is `scheme:other` (a page
#: can make up 100,000 schemes, and each would be a key of the crawl's summary).
KNOWN_SCHEMES = frozenset(
    {
        "javascript", "mailto", "tel", "sms", "data", "ftp", "ftps", "file", "whatsapp", "fb-messenger",
        "viber", "skype", "callto", "intent", "android-app", "ios-app", "itms-apps", "market", "webcal",
        "feed", "news", "irc", "magnet", "about", "blob", "geo", "maps", "chrome", "sftp", "ws", "wss",
    }
)

_CALENDAR_PATH = re.compile(r"/(?:calendar|kalender|agenda|events?/(?:day|week|month|year))(?:/|$)", re.I)
_CALENDAR_PARAMS = frozenset({"month", "year", "day", "week", "date", "cal", "calendar", "ical"})
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d[/\-](?:0?[1-9]|1[0-2])(?:[/\-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-|$)")
_NUMERIC_ID = re.compile(r"(?:^|[/\-_.])\d{5,}(?:[/\-_.]|$)")
#: A run of slug words joined by single hyphens. Nothing may fail after the words are
#: taken, so no start position backtracks: one linear pass (`_has_slug`). The former
#: `word(-word){2,}` searched from every position and was quadratic on a long word.
_SLUG_CHAIN = re.compile(r"[a-z0-9\u00c0-\uffff]+(?:-[a-z0-9\u00c0-\uffff]+)*", re.I)
_NOT_ARTICLE = re.compile(
    r"/(?:tags?|topics?|category|categories|author|authors|people|page|search|login|logout|signin|"
    r"signup|register|subscribe|subscription|account|about|about-us|contact|privacy|terms|cookies|"
    r"impressum|imprint|feed|rss|atom|newsletter|archive|archives|sitemap|cart|shop|help|faq)"
    r"(?:/|$|\.html?$)",
    re.I,
)


class BadURL(ValueError):
    """A link that cannot be crawled; `reason` is a short counter key (e.g. `scheme:file`)."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url[:200]!r}: {reason}")


def _clean_path(path: str) -> str:
    """Resolve `.`/`..`, collapse `//`, and normalise percent-escapes to one spelling."""
    path = _PATH_SESSION.sub("", path)
    if not path:
        return "/"
    trailing = path.endswith("/")
    path = posixpath.normpath(re.sub(r"/{2,}", "/", path))
    if path in (".", ""):
        path = "/"
    if not path.startswith("/"):
        path = "/" + path
    if trailing and not path.endswith("/"):
        path += "/"
    # One spelling per character: decode what needs no escaping, escape what does.
    return quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")


def _keep_param(name: str) -> bool:
    low = name.lower()
    if low in TRACKING_PARAMS or low in SESSION_PARAMS:
        return False
    return not low.startswith(TRACKING_PREFIXES)


def canonicalize(url: str, base: str | None = None) -> str:
    """The one spelling of `url` (resolved against `base`) used as the frontier key.

    Lower-case scheme and host, no default port, no fragment, no tracking or session
    parameters, remaining parameters sorted, path segments resolved. Raises `BadURL`
    for anything that is not a crawlable http(s) URL (`file:`, `javascript:`, `mailto:`,
    no host, over-long).
    """
    raw = (url or "").strip()
    if not raw:
        raise BadURL(url, "empty")
    if base:
        try:
            raw = urljoin(base, raw)
        except ValueError:
            raise BadURL(url, "malformed") from None
    try:
        parts = urlsplit(raw)
    except ValueError:
        raise BadURL(url, "malformed") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        named = scheme if scheme in KNOWN_SCHEMES else "other" if scheme else "none"
        raise BadURL(url, f"scheme:{named}")  # a page's text never names a counter
    try:
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        raise BadURL(url, "malformed") from None
    if not host:
        raise BadURL(url, "no-host")
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        raise BadURL(url, "malformed") from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None or port == {"http": 80, "https": 443}[scheme] else f"{host}:{port}"
    path = _clean_path(parts.path)
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k)]
    query = urlencode(sorted(query_pairs), doseq=False) if query_pairs else ""
    out = urlunsplit((scheme, netloc, path, query, ""))
    if len(out) > MAX_URL_LENGTH:
        raise BadURL(url, "too-long")
    return out


def host_key(url: str) -> str:
    """The politeness unit: `host[:port]` of a canonical URL (one request at a time each)."""
    return urlsplit(url).netloc


def _bare_host(host: str) -> str:
    host = host.split(":")[0] if not host.startswith("[") else host
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, hosts: set[str]) -> bool:
    """Whether `url` belongs to one of the crawl's sites (`www.` and bare host are one site)."""
    netloc = host_key(url)
    if netloc in hosts:
        return True
    port = netloc.rsplit(":", 1)[1] if ":" in netloc and not netloc.endswith("]") else ""
    bare = _bare_host(netloc)
    for h in hosts:
        h_port = h.rsplit(":", 1)[1] if ":" in h and not h.endswith("]") else ""
        if h_port == port and _bare_host(h) == bare:
            return True
    return False


def _extension(path: str) -> str:
    last = path.rsplit("/", 1)[-1]
    return posixpath.splitext(last)[1].lower() if "." in last else ""


def skip_reason(url: str, *, current_year: int | None = None) -> str | None:
    """Why a canonical URL should not be fetched as a page, or None.

    Reasons: `file-link` (an extension that is not a page: PDF, image...), `calendar` (calendar and
    date-navigation pages, which go on forever), `far-date` (a year still to come, as calendars offer),
    `repeating-path` (`/a/b/a/b/...` loops of relative links), `deep-path`.
    """
    parts = urlsplit(url)
    path = parts.path
    if _extension(path) in NON_HTML_EXTENSIONS:
        return "file-link"
    if _CALENDAR_PATH.search(path):
        return "calendar"
    names = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if names & _CALENDAR_PARAMS:
        return "calendar"
    if current_year is not None:
        for segment in path.split("/"):
            if len(segment) == 4 and segment.isdigit() and int(segment) > current_year + 1:
                return "far-date"
    segments = [s for s in path.split("/") if s]
    if len(segments) > MAX_PATH_DEPTH:
        return "deep-path"
    if len(segments) >= 4:
        for size in (1, 2, 3):
            tail = segments[-size:]
            if segments[-2 * size : -size] == tail and segments[-3 * size : -2 * size] == tail:
                return "repeating-path"
    return None


def _has_slug(last: str) -> bool:
    """Whether a last path segment is a slug of three or more words, or (20 characters or
    more) holds one: `a-b-c` matched whole, or found inside a longer segment."""
    for chain in _SLUG_CHAIN.finditer(last):
        if last.count("-", chain.start(), chain.end()) >= 2 and (
                len(last) >= 20 or (chain.start() == 0 and chain.end() == len(last))):
            return True
    return False


def looks_like_article(url: str) -> bool:
    """Whether a URL has the shape of an article rather than a section, tag or utility page.

    Signs for: a date in the path, a slug of three or more words, a long numeric id.
    Signs against: the site root, one short segment (`/world/`), tag/author/search/
    paging/legal paths, non-HTML files.
    """
    path = urlsplit(url).path
    if path in ("", "/") or _extension(path) in NON_HTML_EXTENSIONS:
        return False
    if _NOT_ARTICLE.search(path):
        return False
    segments = [s for s in path.split("/") if s]
    last = posixpath.splitext(segments[-1])[0] if segments else ""
    if _DATE_IN_PATH.search(path) and len(segments) >= 3:
        return True
    if _has_slug(last):
        return True
    if _NUMERIC_ID.search(path) and len(segments) >= 2:
        return True
    return False


_FEED_TAIL = re.compile(r"/feed(?:/(?:rss2?|atom|rdf))?/?$", re.I)
_COMMENTS_FEED = re.compile(r"/comments/feed(?:/(?:rss2?|atom|rdf))?/?$", re.I)


def is_comment_feed(url: str, page: str | None = None, *, article: bool = False) -> bool:
    """Whether a feed declared on `page` lists comments rather than articles, by
    WordPress's conventions (WordPress runs a large share of news sites and declares three
    feeds on every article page: the site's, the site's comments and the article's).

    By the URL alone: `/comments/feed/` (the site's or a category's comments) and
    `?feed=comments-rss2` (plain permalinks). `<page>/feed/` declared on `page` is that
    page's comments feed only where `article` says the page is one article by its own
    markup (`discover.parse_html_links` reads og:type and WordPress's body classes): the
    URL's shape cannot tell, as a section's slug may look like an article's
    (`/arts-and-culture/feed/` on `/arts-and-culture/`, review R7). Any other feed, a
    section's or the site's (`/feed/`), is kept; so is a feed judged without its page.
    """
    try:
        parts = urlsplit(url)
        page_path = urlsplit(page).path if page is not None else None
    except ValueError:  # a broken IPv6 literal: no feed of ours to judge
        return False
    path = parts.path
    if _COMMENTS_FEED.search(path):
        return True
    if "comments-" in parts.query and re.search(r"(?:^|&)feed=comments-", parts.query, re.I):
        return True
    if not article or page_path is None:
        return False
    tail = _FEED_TAIL.search(path)
    return tail is not None and tail.start() > 0 and page_path.rstrip("/") == path[:tail.start()]
