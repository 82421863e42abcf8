"""JSON-LD reader: the page's own structured description of the article.

Real pages ship malformed JSON (trailing commas, comments, HTML entities, raw newlines,
several objects in one script, `<!-- -->` or CDATA wrappers), so parsing is tolerant: plain
`json.loads` first, a repair pass only when that fails. The article object is chosen among
every object of every script (`@graph`, arrays, nested `mainEntity`), references by `@id`
are resolved, and nested author/publisher/image objects are read for their names and URLs.
Values come out raw (strings or lists of strings); cleaning is the merge step's job.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.text import clean_canonical
from broadsheet.surrogates import whole_value

#: Types whose object is the article itself, most specific first in spirit; any type
#: ending in "Article" or "Posting" counts too (NewsArticle, OpinionNewsArticle, ...).
ARTICLE_TYPES = frozenset(
    """article newsarticle reportagenews analysisnewsarticle opinionnewsarticle
    reviewnewsarticle backgroundnewsarticle askpublicnewsarticle blogposting liveblogposting
    socialmediaposting discussionforumposting techarticle scholarlyarticle report
    advertisercontentarticle satiricalarticle medicalscholarlyarticle""".split()
)
#: Types that describe the page around the article: a fallback for dates and titles.
PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "collectionpage", "profilepage"})
SITE_TYPES = frozenset({"website"})
ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "organisation"})
PERSON_TYPES = frozenset({"person"})

#: Strings, comments and trailing commas. An unclosed string or comment runs to the end of
#: the text (one match, not one failed scan from every later quote: that was quadratic).
#: A string's parts are taken possessively: its closing quote is optional, so no part is
#: ever given back, and a greedy loop kept a backtracking frame for each escape (about 64
#: bytes a character of \"\"\"...).
_REPAIR = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?|/\*(?:.*?\*/|.*)|//[^\n]*|,(?=\s*[}\]])', re.DOTALL)
_OPENER = re.compile(r"[{[]")
_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?://\s*\]\]>|\]\]>|-->)\s*$")
_MAX_SCRIPT = 2_000_000
_MAX_OBJECTS = 5_000


def _repair(text: str) -> str:
    """Drop comments and trailing commas outside strings."""

    def keep(m: re.Match[str]) -> str:
        token = m.group(0)
        return token if token.startswith('"') else ""

    return _REPAIR.sub(keep, text)


#: First window a value is decoded in (see `_decode_at`).
_WINDOW = 256
#: What one failed attempt costs besides the characters it went through (in characters).
_ATTEMPT = 256


class _Failed(Exception):
    def __init__(self, cost: int) -> None:
        self.cost = cost


def _decode_at(decoder: json.JSONDecoder, text: str, start: int) -> tuple[Any, int, int]:
    """(value, end, cost) of the JSON value starting at `start`; `_Failed(cost)` if none.

    Decoded in a window that doubles only while the failure may be the window's end (an
    unterminated string, an error at its last characters): `json` numbers the line of every
    error by counting newlines from the start of the text it was given, so trying every
    brace of a long text directly would be quadratic. The cost (characters the decoder went
    through) is about how far it got.
    """
    size, cost = _WINDOW, 0
    while True:
        chunk = text[start : start + size]
        try:
            value, end = decoder.raw_decode(chunk)
        except json.JSONDecodeError as exc:
            cut = start + size < len(text) and (
                exc.pos >= len(chunk) - 8 or exc.msg.startswith("Unterminated string")
            )
            if not cut:
                raise _Failed(cost + exc.pos + _ATTEMPT) from None
            cost += len(chunk)
            size *= 2
            continue
        return value, start + end, cost + end


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in `text`, tolerating concatenated values and junk between them.

    Work is bounded: once failed attempts have cost a few times the text's length, the rest
    is given up (hostile text such as `{"a":[{"a":[...` unclosed would otherwise be
    rescanned from every brace), and nesting too deep for the decoder ends the search.
    """
    decoder = json.JSONDecoder(strict=False)
    out: list[Any] = []
    pos, end = 0, len(text)
    budget = 4 * end + 100_000
    while pos < end:
        m = _OPENER.search(text, pos)
        if m is None:
            break
        brace = m.start()
        try:
            value, pos, _cost = _decode_at(decoder, text, brace)
        except _Failed as exc:
            budget -= exc.cost
            if budget < 0:
                break
            pos = brace + 1
            continue
        except RecursionError:
            break
        out.append(value)
    return out


def parse_jsonld(text: str) -> list[Any]:
    """Parse one script's text into JSON values, repairing common damage; [] when hopeless."""
    text = text.strip()
    if text.startswith(("<", "/")) or text.endswith(("-->", "]]>")):
        text = _WRAPPER.sub("", text)  # only then: the pattern tests every position
    if not text or len(text) > _MAX_SCRIPT:
        return []
    try:
        return [json.loads(text, strict=False)]
    except (ValueError, RecursionError):  # nested thousands deep: the repair pass gives up
        pass
    repaired = _repair(text)
    values = _decode_all(repaired)
    if not values and "&" in repaired:
        values = _decode_all(html.unescape(repaired))
    return values


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.rsplit("/", 1)[-1].lower()}
    if isinstance(t, list):
        return {x.rsplit("/", 1)[-1].lower() for x in t if isinstance(x, str)}
    return set()


def is_article(obj: dict[str, Any]) -> bool:
    return _names_article(_types(obj))


def _names_article(types: set[str]) -> bool:
    """Whether one of an object's types (`_types`) is an article's."""
    return any(t in ARTICLE_TYPES or t.endswith("article") or t.endswith("posting") for t in types)


def _walk(values: list[Any]) -> Iterator[tuple[dict[str, Any], int]]:
    """Every top-level object with its nesting depth.

    Only `@graph` and `mainEntity(OfPage)` are descended into: objects under other keys
    (itemListElement, comment, hasPart, isRelatedTo ...) describe other things and are
    reached, where they matter (author, publisher, image), through their parent.
    """
    stack: list[tuple[Any, int]] = [(v, 0) for v in reversed(values)]
    seen = 0
    while stack and seen < _MAX_OBJECTS:
        value, depth = stack.pop()
        if isinstance(value, list):
            stack.extend((v, depth) for v in reversed(value))
        elif isinstance(value, dict):
            seen += 1
            yield value, depth
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                child = value.get(key)
                if isinstance(child, (dict, list)):
                    stack.append((child, depth + (key != "@graph")))


class JsonLd:
    """All JSON-LD objects of a page, with the article chosen and references resolvable."""

    def __init__(self, values: list[Any], page_urls: Iterable[str | None] = ()) -> None:
        self.objects = [obj for obj, _ in _walk(values)]
        self.by_id = {o["@id"]: o for o in self.objects if isinstance(o.get("@id"), str)}
        # Each object's types read once: the choices below ask for them up to five times.
        typed = [(o, _types(o)) for o in self.objects]
        articles = [o for o, types in typed if _names_article(types)]
        # An article object that states a headline beats an empty shell of the same type;
        # of several, the one naming this page (`url`, `@id`, `mainEntityOfPage`: schema.org's
        # way of saying which page an object is the main entity of) beats the others, a
        # related story's object before it included.
        urls = [u for u in page_urls if u]
        base = urls[0] if urls else None  # the page's own URL: relative ones are read against it
        page_keys = {key for key in (_page_key(u, base) for u in urls) if key}
        if len(articles) > 1 and page_keys:
            articles.sort(key=lambda o: not _names_page(o, page_keys, base))
        articles.sort(key=lambda o: not (o.get("headline") or o.get("name")))
        if not articles:
            # Other creative works (HowTo, Recipe, VideoObject, Review) describe the page's
            # main content the same way when they carry a headline and a date.
            articles = [
                o for o, types in typed
                if o.get("datePublished") and (o.get("headline") or o.get("name"))
                and not types & (PAGE_TYPES | SITE_TYPES | ORG_TYPES | PERSON_TYPES)
            ]
        self.article = articles[0] if articles else None
        pages = [o for o, types in typed if types & PAGE_TYPES]
        pages.sort(key=lambda o: not (o.get("datePublished") or o.get("name")))
        self.page = pages[0] if pages else None
        self.site = next((o for o, types in typed if types & SITE_TYPES), None)
        self.org = next((o for o, types in typed if types & ORG_TYPES), None)

    def resolve(self, value: Any) -> Any:
        """Follow an `{"@id": ...}` reference to its object in the page, if there is one."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
            return self.by_id.get(value["@id"], value)  # an @id that is no string names nothing (M5)
        return value


#: How deep `_text` and `_image` look into nested values (`{"name": {"name": ...}}`).
_MAX_VALUE_DEPTH = 20


def _text(value: Any) -> str | None:
    """The text a value stands for: a string, a number, an object's `@value`/`name`, a
    list's first item; None for anything else (iterative: JSON may nest 1,000 deep)."""
    for _ in range(_MAX_VALUE_DEPTH):
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, dict):
            value = value.get("@value") or value.get("name")
        elif isinstance(value, list) and value:
            value = value[0]
        else:
            return None
    return None


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [t for t in (_text(v) for v in items[:1000]) if t]


def _people(doc: JsonLd, value: Any) -> list[tuple[str, bool]]:
    """(name, is_organisation) for each author entry."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items[:1000]:
        item = doc.resolve(item)
        if isinstance(item, str):
            out.append((item, False))
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = " ".join(_texts(item.get("givenName")) + _texts(item.get("familyName")))
            if name:
                out.append((name, bool(_types(item) & ORG_TYPES)))
    return out


def _image(doc: JsonLd, value: Any, depth: int = 0) -> str | None:
    value = doc.resolve(value)
    if isinstance(value, list):
        if depth >= _MAX_VALUE_DEPTH:
            return None
        for item in value[:1000]:
            found = _image(doc, item, depth + 1)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return value if isinstance(value, str) else None


def _page_key(url: str | None, base: str | None) -> str:
    """A URL compared as the page it names: `text.clean_canonical`'s form (absolute against
    `base`, no fragment or tracking parameters) without scheme, "www." or final slash, in
    lower case; "" for none and for a site's root, which names the site, not an article.
    Other query parameters stay: `?p=123` and `index.php?id=5` name one article each."""
    if not url or not isinstance(url, str):
        return ""
    clean = clean_canonical(url, base)
    if clean is None:
        return ""
    parts = urlsplit(clean.lower())
    host = parts.netloc[4:] if parts.netloc.startswith("www.") else parts.netloc
    path = parts.path.rstrip("/")
    if not path and not parts.query:
        return ""
    return f"{host}{path}?{parts.query}" if parts.query else host + path


def _names_page(obj: dict[str, Any], pages: set[str], base: str | None) -> bool:
    """Whether an object's `url`, `@id` or `mainEntityOfPage` names one of the pages."""
    return any(_page_key(_url(obj.get(key)), base) in pages for key in ("url", "@id", "mainEntityOfPage"))


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def read_jsonld(scripts: list[LexborNode], page_urls: Iterable[str | None] = ()) -> dict[str, list[Any]]:
    """Raw candidates per field from the page's JSON-LD scripts (source `json-ld`).

    Keys: title, description, authors [(name, is_org)], date_published, date_modified,
    site_name, section, tags, image, language, canonical_url, type ("article" where the
    page's object is an article, not another creative work); plus `page_date_published`,
    `page_date_modified`, `page_title` from a WebPage object, a weaker source.
    """
    values: list[Any] = []
    for script in scripts:
        values.extend(parse_jsonld(script.text(deep=True)))
    if not values:
        return {}
    doc = JsonLd(values, page_urls)
    out: dict[str, list[Any]] = {}

    def add(key: str, value: Any) -> None:
        """Append a value; a list of strings (sections, keywords) is appended item by item."""
        if not value:
            return
        value = whole_value(value)  # a JSON "\ud800" escape: no UTF-8 text can hold it
        if isinstance(value, list) and key != "authors":
            out.setdefault(key, []).extend(value)
        else:
            out.setdefault(key, []).append(value)

    art = doc.article
    if art is not None:
        if is_article(art):
            add("type", "article")
        add("title", _text(art.get("headline")) or _text(art.get("name")))
        add("description", _text(art.get("description")))
        people = _people(doc, art.get("author")) or _people(doc, art.get("creator"))
        add("authors", people)
        add("date_published", _text(art.get("datePublished")) or _text(art.get("dateCreated")))
        add("date_modified", _text(art.get("dateModified")))
        publisher = doc.resolve(art.get("publisher"))
        if isinstance(publisher, list) and publisher:
            publisher = doc.resolve(publisher[0])
        if isinstance(publisher, dict):
            add("site_name", _text(publisher.get("name")))
        add("section", _texts(art.get("articleSection")))
        keywords = art.get("keywords")
        add("tags", _texts(keywords) if isinstance(keywords, list) else _text(keywords))
        add("image", _image(doc, art.get("image")) or _image(doc, art.get("thumbnailUrl")))
        add("language", _text(art.get("inLanguage")))
        add("canonical_url", _url(art.get("mainEntityOfPage")) or _url(art.get("url")))
    page = doc.page
    if page is not None:
        add("page_title", _text(page.get("headline")) or _text(page.get("name")))
        add("page_date_published", _text(page.get("datePublished")))
        add("page_date_modified", _text(page.get("dateModified")))
        add("language", _text(page.get("inLanguage")))
        if art is None:
            add("authors", _people(doc, page.get("author")))
            add("image", _image(doc, page.get("primaryImageOfPage")) or _image(doc, page.get("image")))
    for obj in (doc.site, doc.org):
        if obj is not None:
            add("site_name", _text(obj.get("name")))
    return out
