"""`<meta>` and `<link>` readers: OpenGraph, `article:*`, Twitter cards, named meta tags
(author, description, parsely-*, sailthru.*, dc.*, citation_*),
`<link rel=canonical|author|image_src>` and the page's declared language.

`<meta name=keywords>` and Google News' `news_keywords` are not read: lists written for
search engines (which ignore the first and dropped the second), not the story's tags.
Without them the trafilatura set's right tags are unchanged on both sides of the site
split, and tags on pages that have none fall (keywords: spurious 16.1% -> 13.8% fit,
20.7% -> 17.1% held; news_keywords: 16.1% -> 14.9% fit, 18.3% -> 17.1% held).

One pass over the nodes the caller collected; each key maps to (source, field) in one
table below, so adding a vocabulary is one line. Values come out raw, in document order.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.words import AUTHOR, BY, WRITTEN_BY, alternation

_OG, _TW, _META = "opengraph", "twitter", "meta"

#: Lower-cased property/name -> (source, field). Several keys may feed one field; the
#: merge step ranks sources, and within a source this table's order is the rank.
META_KEYS: dict[str, tuple[str, str]] = {
    # OpenGraph and its article namespace
    "og:title": (_OG, "title"),
    "og:description": (_OG, "description"),
    "og:site_name": (_OG, "site_name"),
    "og:image": (_OG, "image"),
    "og:image:url": (_OG, "image"),
    "og:image:secure_url": (_OG, "image"),
    "og:url": (_OG, "canonical_url"),
    "og:locale": (_OG, "language"),
    "og:type": (_OG, "type"),
    "article:published_time": (_OG, "date_published"),
    "og:article:published_time": (_OG, "date_published"),
    "article:published": (_OG, "date_published"),
    "og:published_time": (_OG, "date_published"),
    "article:modified_time": (_OG, "date_modified"),
    "og:article:modified_time": (_OG, "date_modified"),
    "og:updated_time": (_OG, "date_modified"),
    "article:author": (_OG, "authors"),
    "og:article:author": (_OG, "authors"),
    "article:section": (_OG, "section"),
    "og:article:section": (_OG, "section"),
    "article:tag": (_OG, "tags"),
    "og:article:tag": (_OG, "tags"),
    # Twitter cards
    "twitter:title": (_TW, "title"),
    "twitter:text:title": (_TW, "title"),
    "twitter:description": (_TW, "description"),
    "twitter:image": (_TW, "image"),
    "twitter:image:src": (_TW, "image"),
    # Plain named meta tags and the vocabularies of publishing platforms
    "citation_title": (_META, "title"),
    "dc.title": (_META, "title"),
    "dcterms.title": (_META, "title"),
    "parsely-title": (_META, "title"),
    "sailthru.title": (_META, "title"),
    "title": (_META, "title"),
    "headline": (_META, "title"),
    "description": (_META, "description"),
    "dc.description": (_META, "description"),
    "dcterms.description": (_META, "description"),
    "sailthru.description": (_META, "description"),
    "citation_author": (_META, "authors"),
    "author": (_META, "authors"),
    "parsely-author": (_META, "authors"),
    "sailthru.author": (_META, "authors"),
    "dc.creator": (_META, "authors"),
    "dcterms.creator": (_META, "authors"),
    "byl": (_META, "authors"),
    "article.author": (_META, "authors"),
    "cxenseparse:author": (_META, "authors"),
    "cxenseparse:recs:author": (_META, "authors"),
    "dc.contributor": (_META, "authors"),
    "citation_publication_date": (_META, "date_published"),
    "citation_date": (_META, "date_published"),
    "parsely-pub-date": (_META, "date_published"),
    "sailthru.date": (_META, "date_published"),
    "article.published": (_META, "date_published"),
    "pubdate": (_META, "date_published"),
    "publishdate": (_META, "date_published"),
    "publish-date": (_META, "date_published"),
    "publish_date": (_META, "date_published"),
    "published_time": (_META, "date_published"),
    "published-date": (_META, "date_published"),
    "original-publish-date": (_META, "date_published"),
    "dc.date.issued": (_META, "date_published"),
    "dcterms.issued": (_META, "date_published"),
    "dc.date.created": (_META, "date_published"),
    "dcterms.created": (_META, "date_published"),
    "dc.date": (_META, "date_published"),
    "dcterms.date": (_META, "date_published"),
    "date": (_META, "date_published"),
    "cxenseparse:recs:publishtime": (_META, "date_published"),
    "datepublished": (_META, "date_published"),
    "date_published": (_META, "date_published"),
    "article_date_original": (_META, "date_published"),
    "article:published_date": (_META, "date_published"),
    "publication_date": (_META, "date_published"),
    "publication-date": (_META, "date_published"),
    "pub_date": (_META, "date_published"),
    "release_date": (_META, "date_published"),
    "created": (_META, "date_published"),
    "creation_date": (_META, "date_published"),
    "prism.publicationdate": (_META, "date_published"),
    "rnews:datepublished": (_META, "date_published"),
    "dc:date": (_META, "date_published"),
    "dc:created": (_META, "date_published"),
    "dcterms:created": (_META, "date_published"),
    "dc.created": (_META, "date_published"),
    "ga-publishdate": (_META, "date_published"),
    "displaydate": (_META, "date_published"),
    "date.available": (_META, "date_published"),
    "dc.date.available": (_META, "date_published"),
    "originalpublicationdate": (_META, "date_published"),
    "article.created": (_META, "date_published"),
    "bt:pubdate": (_META, "date_published"),
    "datemodified": (_META, "date_modified"),
    "article:modified_date": (_META, "date_modified"),
    "modified": (_META, "date_modified"),
    "revised": (_META, "date_modified"),
    "updated_time": (_META, "date_modified"),
    "dc:modified": (_META, "date_modified"),
    "article.modified": (_META, "date_modified"),
    "dc.date.modified": (_META, "date_modified"),
    "dcterms.modified": (_META, "date_modified"),
    "last-modified": (_META, "date_modified"),
    "lastmod": (_META, "date_modified"),
    "citation_journal_title": (_META, "site_name"),
    "application-name": (_META, "site_name_weak"),
    "apple-mobile-web-app-title": (_META, "site_name_weak"),
    "dc.publisher": (_META, "publisher"),
    "dcterms.publisher": (_META, "publisher"),
    "publisher": (_META, "publisher"),
    "parsely-section": (_META, "section"),
    "article.section": (_META, "section"),
    "section": (_META, "section"),
    "parsely-tags": (_META, "tags"),
    "sailthru.tags": (_META, "tags"),
    "citation_keywords": (_META, "tags"),
    "dc.subject": (_META, "tags"),
    "article.tags": (_META, "tags"),
    "parsely-image-url": (_META, "image"),
    "sailthru.image.full": (_META, "image"),
    "thumbnail": (_META, "image"),
    "dc.language": (_META, "language"),
    "dcterms.language": (_META, "language"),
    "content-language": (_META, "language"),
    "language": (_META, "language"),
    "parsely-link": (_META, "canonical_url"),
}

#: The last part of a namespaced property naming the publication date in a vocabulary of
#: a site's own.
_PUBLISHED_SUFFIXES = frozenset(
    {"published_time", "publish_date", "published", "pubdate", "uploaded", "upload_date", "date_published"}
)
#: Schema.org properties whose value is a plain string -> field (`*_weak` fields rank below
#: their plain form); shared with the body's microdata reader (`microdata.PROPS`).
ITEMPROP_FIELDS: dict[str, str] = {
    "headline": "title",
    "description": "description",
    "datepublished": "date_published",
    "datecreated": "date_published_weak",
    "datemodified": "date_modified",
    "articlesection": "section",
    "keywords": "tags",
    "image": "image",
    "thumbnailurl": "image",
    "inlanguage": "language",
}
#: `<meta itemprop=...>` (microdata stated in the head) -> field.
ITEMPROP_KEYS: dict[str, str] = ITEMPROP_FIELDS

Candidates = dict[str, dict[str, list[str]]]


#: Where a page declares what it is (`merge.PRECEDENCE["kind"]`).
KIND_SOURCES = (("opengraph", "type"), ("json-ld", "type"))


def is_article_page(cands: Candidates) -> bool:
    """Whether the page declares itself an article (og:type, or a JSON-LD article object)."""
    declared = [t for source, key in KIND_SOURCES for t in cands.get(source, {}).get(key, [])]
    return any(isinstance(t, str) and t.strip().lower() == "article" for t in declared)


#: Longest raw value kept (a longer one is cut): no field is anywhere near it, and the
#: cleaners' patterns need not run over a 15 MB `content` attribute.
MAX_VALUE = 10_000


def add(out: Candidates, source: str, name: str, value: str | None) -> None:
    """Append a non-empty raw value for `name` from `source` (cut at MAX_VALUE)."""
    if value:
        value = value[:MAX_VALUE].strip()
        if value:
            out.setdefault(source, {}).setdefault(name, []).append(value)


#: A Twitter card's `twitter:labelN` naming the author of `twitter:dataN` (WordPress and
#: others localise the label).
_AUTHOR_LABEL = re.compile(rf"^(?:{alternation(WRITTEN_BY, BY, AUTHOR)})$", re.IGNORECASE)


def read_meta(nodes: Iterable[LexborNode], out: Candidates) -> None:
    """Collect every known `<meta>` value into `out[source][field]`."""
    labels: dict[str, str] = {}
    for node in nodes:
        attrs = node.attributes
        content = attrs.get("content")
        if not content:
            continue
        prop = attrs.get("itemprop")
        if prop:
            name = ITEMPROP_KEYS.get(prop.strip().lower())
            if name:
                add(out, "microdata", name, content)
        for key in (attrs.get("property"), attrs.get("name"), attrs.get("http-equiv")):
            if not key:
                continue
            for source, name in _key_plan(key) if len(key) <= _MEMO_KEY else _read_key(key):
                if source:
                    add(out, source, name, content)
                else:
                    labels[name] = content
    for key, label in labels.items():
        if key.startswith("twitter:label") and _AUTHOR_LABEL.match(label.strip()):
            add(out, _TW, "authors", labels.get("twitter:data" + key[len("twitter:label"):]))


#: Longest key whose reading is memoised (`_key_plan`): real keys are a few words, and a
#: hostile page's long ones are not kept alive after it.
_MEMO_KEY = 100


#: The day in a URL the page states for itself (og:url, `<link rel=canonical>`, a
#: WordPress post's comments feed): a candidate of the `url` source, as the page's own URL
#: is. It stands in where that URL holds no day or none was given; where it holds one,
#: `published.pick_published` keeps that day only.
_STATED_URL_DATE = ("url", "date_published")


def _read_key(key: str) -> tuple[tuple[str, str], ...]:
    """What a property/name/http-equiv value feeds: (source, field) pairs in order, and
    ("", term) for a `twitter:labelN`/`twitter:dataN` term (paired up after the loop)."""
    hit = META_KEYS.get(key)  # most keys are written as listed: no lower(), no split()
    if hit is not None:
        return (hit, _STATED_URL_DATE) if key == "og:url" else (hit,)
    found: list[tuple[str, str]] = []
    # A property attribute may list several RDFa terms: "og:title dc:title".
    for term in key.lower().split():
        hit = META_KEYS.get(term)
        if hit is not None:
            found.append(hit)
            if term == "og:url":
                found.append(_STATED_URL_DATE)
        elif term.startswith("twitter:label") or term.startswith("twitter:data"):
            found.append(("", term))
        elif ":" in term and term.rsplit(":", 1)[1] in _PUBLISHED_SUFFIXES:
            # A site's own OpenGraph namespace: "photosite:uploaded".
            found.append((_META, "date_published"))
    return tuple(found)


#: `_read_key` memoised: pages repeat the same few dozen keys ("viewport", "robots",
#: "twitter:card"), and reading an unlisted one costs a lower(), a split() and three tests.
_key_plan = lru_cache(maxsize=2048)(_read_key)


#: The title of a site's main feed, as CMSs write it: the site's name and the feed's kind
#: (Blogger "Name - Atom", "Name - RSS"; WordPress "Name » Feed"; "Name RSS Feed"). A
#: bare "Name Feed" is a news site's section feed ("Apple Feed") as often.
_FEED_TITLE = re.compile(
    r"^(?P<name>.+?)\s*(?:[-–—|:»]\s*(?:atom|rss|feed)|\s(?:posts\s+)?(?:rss|atom)\s+feed)$",
    re.IGNORECASE,
)
#: A feed of comments names a post or only its site's comments, not the site.
_NOT_FEED_NAME = re.compile(r"»|\bcomments?$", re.IGNORECASE)


def feed_site_name(title: str) -> str | None:
    """The site's name in the title of its main RSS/Atom feed; None for other feeds (a
    post's comments feed: "Name » Post Comments Feed")."""
    m = _FEED_TITLE.match(" ".join(title.split()))
    if m is None or _NOT_FEED_NAME.search(m.group("name")):
        return None
    return m.group("name")


#: A WordPress comments feed's title: the site's name, then "» Post Comments Feed" (one
#: post's), "» Comments Feed" or " Comments RSS feed" (the site's).
_COMMENTS_FEED = re.compile(
    r"^(?P<name>[^»]+?)\s*(?:»\s.*\bcomments?\s+feed|\scomments\s+(?:rss\s+)?feed)$", re.IGNORECASE
)


def comments_feed_site_name(title: str) -> str | None:
    """The site's name in the title of a WordPress comments feed ("Name » Post Comments
    Feed"); None for other feeds. It confirms a main feed of that name as the site's own,
    not one topic's (`merge.Context`)."""
    m = _COMMENTS_FEED.match(" ".join(title.split()))
    return m.group("name") if m else None


#: A WordPress post's comments feed: the post's date-based permalink, then `feed/`
#: (`/2012/10/23/shuteye/feed/`). The site's and a category's feeds hold no day.
_POST_FEED = re.compile(r"/(?:19|20)\d\d/[01]\d/[0-3]\d/[^/?#]+/feed/?(?:[?#]|$)")


def _in_head(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("head", "body"):
        parent = parent.parent
    return parent is not None and parent.tag == "head"


#: Feed names `read_link` reads from a page, at most.
MAX_FEED_NAMES = 20


def _add_stated_url(out: Candidates, href: str) -> None:
    """A stated URL as a date candidate; the first `MAX_STATED_URLS` only (a page states
    its URL once or twice; a hostile one need not add thousands of candidates)."""
    if len(out.get("url", {}).get("date_published", ())) < MAX_STATED_URLS:
        add(out, *_STATED_URL_DATE, href)


#: Stated URLs read as date candidates, at most.
MAX_STATED_URLS = 4


def read_link(node: LexborNode, out: Candidates) -> None:
    """`<link rel=canonical|image_src>`: the page's own URL and lead image; `<link
    rel=alternate>` to an RSS or Atom feed: the site's name in the feed's title."""
    attrs = node.attributes
    rel = (attrs.get("rel") or "").lower().split()
    href = attrs.get("href")
    if not href:
        return
    if "canonical" in rel:
        add(out, "link", "canonical_url", href)
        _add_stated_url(out, href)
    elif "image_src" in rel:
        add(out, "link", "image", href)
    elif "alternate" in rel and any(k in (attrs.get("type") or "").lower() for k in ("rss", "atom")):
        # Each feed that names the site adds its name once: a main feed's and a comments
        # feed's of the same name (WordPress), an Atom and an RSS feed's (Blogger), so a
        # name stated twice is the site's own (`merge.Context`).
        # Only the first `MAX_FEED_NAMES` names are read: a page names a few feeds, and the
        # comments feed's check scans the names read (review R16: a page of thousands of
        # feeds took 11 times as long).
        if _POST_FEED.search(href) and _in_head(node):
            # A post's comments feed: its permalink + feed/. In the <head> only: one in the
            # body is a widget's, another post's.
            _add_stated_url(out, href)
        names = out.get("link", {}).get("site_feed", [])
        if len(names) >= MAX_FEED_NAMES:
            return
        title = attrs.get("title") or ""
        name = feed_site_name(title)
        if name is None:
            if (name := comments_feed_site_name(title)) not in names:
                return  # a comments feed only repeats a main feed's name (WordPress prints that first)
            if name:  # the site's comments feed names the site: a section's feeds never do
                add(out, "link", "site_feed_by_comments", name)
        if name:
            add(out, "link", "site_feed", name)
