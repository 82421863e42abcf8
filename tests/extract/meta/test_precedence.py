"""merge.PRECEDENCE is complete: every key a reader fills is ranked there, and the package
docstring's copy of the table is the table."""
from __future__ import annotations

import json
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

import importlib
from broadsheet.extract.meta import read_candidates
from broadsheet.extract.meta.html_meta import ITEMPROP_KEYS, META_KEYS
from broadsheet.extract.meta.merge import PRECEDENCE, precedence_lines
from broadsheet.extract.meta.microdata import PROPS, RDFA_PROPS

from tests.conftest import FIXTURES, REPO

RANKED = {pair for pairs in PRECEDENCE.values() for pair in pairs}

#: A page that states every field every way the readers know.
RICH = """<!DOCTYPE html><html lang="en"><head>
<title>The headline | Example Times</title>
<meta property="og:title" content="The headline"><meta property="og:type" content="article">
<meta property="og:site_name" content="Example Times"><meta property="og:url" content="https://ex.example/a">
<meta property="og:locale" content="en_GB"><meta property="og:image" content="https://ex.example/i.jpg">
<meta property="article:published_time" content="2023-06-04T10:00:00+02:00">
<meta property="article:modified_time" content="2023-06-05T10:00:00+02:00">
<meta property="article:author" content="Jane Doe"><meta property="article:section" content="World">
<meta property="article:tag" content="Rivers"><meta property="og:description" content="What happened.">
<meta name="twitter:title" content="The headline"><meta name="twitter:description" content="What happened.">
<meta name="twitter:image" content="https://ex.example/t.jpg">
<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Doe">
<meta name="description" content="What happened."><meta name="author" content="Jane Doe">
<meta name="keywords" content="rivers, floods"><meta name="news_keywords" content="rivers">
<meta name="pubdate" content="2023-06-04"><meta name="dc.date.modified" content="2023-06-05">
<meta name="application-name" content="Example Times"><meta name="dc.publisher" content="Example Times">
<meta name="parsely-section" content="World"><meta name="dc.language" content="en">
<meta name="thumbnail" content="https://ex.example/th.jpg"><meta name="parsely-link" content="https://ex.example/a">
<meta name="dc.title" content="The headline"><meta name="citation_journal_title" content="Example Times">
<meta property="photosite:uploaded" content="2023-06-04">
<meta itemprop="headline" content="The headline"><meta itemprop="datePublished" content="2023-06-04">
<meta itemprop="dateCreated" content="2023-06-04"><meta itemprop="keywords" content="rivers">
<link rel="canonical" href="https://ex.example/a"><link rel="image_src" href="https://ex.example/i.jpg">
<script type="application/ld+json">{ld}</script>
</head><body>
<nav class="breadcrumb"><a href="/">Home</a> <a href="/world">World</a> <a href="/a">The headline</a></nav>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">The headline</h1>
<p class="byline">By <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
<a rel="author" href="/jane">Jane Doe</a></p>
<span property="dc:date dc:created" content="2023-06-04T10:00:00+02:00"></span>
<span property="dc:modified" content="2023-06-05"></span><span property="dc:title">The headline</span>
<span rel="sioc:has_creator"><span property="foaf:name">Jane Doe</span></span>
<span itemprop="publisher" itemscope><span itemprop="name">Example Times</span></span>
<span itemprop="articleSection">World</span><span itemprop="description">What happened.</span>
<span itemprop="inLanguage">en</span><img itemprop="image" src="https://ex.example/i.jpg">
<time class="published" datetime="2023-06-04T10:00">4 June</time>
<time class="updated" datetime="2023-06-05T10:00">5 June</time><time datetime="2023-06-04">then</time>
<div class="date">4 June 2023</div>
<p>Words of the story, more words of the story, and more words of it again.</p>
<footer><a rel="tag" href="/t/rivers">Rivers</a> <a rel="category" href="/c/world">World</a></footer>
</article></body></html>"""
LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "NewsArticle", "headline": "The headline", "description": "What happened.",
         "author": {"@type": "Person", "name": "Jane Doe"}, "datePublished": "2023-06-04T10:00:00+02:00",
         "dateModified": "2023-06-05", "publisher": {"@type": "Organization", "name": "Example Times"},
         "articleSection": "World", "keywords": ["rivers"], "image": "https://ex.example/i.jpg",
         "inLanguage": "en", "mainEntityOfPage": "https://ex.example/a"},
        {"@type": "WebPage", "name": "The headline", "datePublished": "2023-06-04", "dateModified": "2023-06-05"},
        {"@type": "WebSite", "name": "Example Times"},
        {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home"}, {"@type": "ListItem", "position": 2, "name": "World"}]},
    ],
}


def _pages() -> list[tuple[str, str | None]]:
    pages = [(RICH.replace("{ld}", json.dumps(LD)), "https://ex.example/2023/06/04/a")]
    for path in [*sorted((REPO / "tests" / "extract" / "pages").glob("*/source.html")), *sorted((FIXTURES / "meta").rglob("*.html"))]:
        pages.append((path.read_text(encoding="utf-8", errors="replace"), "https://site.example/2023/06/04/story"))
    return pages


def test_every_key_a_reader_fills_is_ranked() -> None:
    found = set()
    for html, url in _pages():
        cands = read_candidates(LexborHTMLParser(html), url)
        found |= {(source, key) for source, keys in cands.items() for key in keys}
    assert len(found) > 40  # the rich page exercised the readers
    assert found - RANKED == set()


def test_every_key_in_the_readers_tables_is_ranked() -> None:
    tabled = set(META_KEYS.values())
    tabled |= {("microdata", name) for name in (*ITEMPROP_KEYS.values(), *PROPS.values(), *RDFA_PROPS.values())}
    assert tabled - RANKED == set()


def test_the_package_docstring_prints_the_table() -> None:
    doc = importlib.import_module("broadsheet.extract.meta").__doc__ or ""
    table = "\n".join(precedence_lines())
    assert table in doc, "regenerate the table in extract/meta/__init__.py from merge.precedence_lines()"
