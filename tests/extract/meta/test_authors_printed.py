"""Hidden metadata naming someone other than the printed byline (issue 9, task s19-P)."""
from __future__ import annotations

import json

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here. " * 4 + "</p>"


def _ld(author: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline",
            "author": {"@type": "Person", "name": author}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_the_printed_byline_beats_a_hidden_account(read) -> None:
    # a WordPress SEO plugin names the CMS account (shown under the story); the line under
    # the headline names the writer
    body = f"<article><h1>Headline</h1><p>By Russell Bruce</p>{PROSE}<p>Filed by NEWSROOM</p></article>"
    meta = read(page(_ld("NEWSROOM"), body))
    assert meta.authors == ["Russell Bruce"]
    assert meta.sources["authors"] == "dom"


def test_the_hidden_name_stays_where_the_byline_holds_it(read) -> None:
    body = f'<article><h1>Headline</h1><div class="byline">By Jane Doe Business</div>{PROSE}</article>'
    meta = read(page(_ld("Jane Doe"), body))
    assert meta.authors == ["Jane Doe"]
    assert meta.sources["authors"] == "json-ld"


def test_the_hidden_name_stays_without_a_byline(read) -> None:
    body = f"<article><h1>Headline</h1>{PROSE}<p>Jane Doe</p></article>"
    meta = read(page(_ld("Jane Doe"), body))
    assert meta.authors == ["Jane Doe"]


def test_a_byline_line_naming_the_same_writer_keeps_the_metadata(read) -> None:
    body = f"<article><h1>Headline</h1><p>By JANE DOE</p>{PROSE}</article>"
    meta = read(page(_ld("Jane Doe"), body))
    assert meta.authors == ["Jane Doe"]
    assert meta.sources["authors"] == "json-ld"
