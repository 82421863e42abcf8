"""Microdata on visible elements; properties of comments and reviews are not the article's."""
from __future__ import annotations

import importlib

import pytest

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.dom import ForeignCheck
from broadsheet.extract.meta.microdata import read_microdata

from .conftest import page


def _read(body: str) -> dict:
    tree = LexborHTMLParser(page(body=body))
    out: dict = {}
    read_microdata(tree.css("[itemprop]"), out, ForeignCheck())
    return out.get("microdata", {})


def test_article_properties() -> None:
    found = _read(
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<h1 itemprop="headline">The headline</h1>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">By <span itemprop="name">Jane Doe</span></span>'
        '<time itemprop="datePublished" datetime="2023-06-04T16:20:00+02:00">4 June</time>'
        '<img itemprop="image" src="/photo.jpg"><meta itemprop="keywords" content="ignored here">'
        "</article>"
    )
    assert found["title"] == ["The headline"]
    assert found["authors"] == ["Jane Doe"]
    assert found["date_published"] == ["2023-06-04T16:20:00+02:00"]
    assert found["image"] == ["/photo.jpg"]
    assert "tags" not in found  # <meta itemprop> belongs to the head reader


def test_comment_and_review_authors_are_skipped() -> None:
    found = _read(
        '<div class="comments"><div itemprop="author">Commenter</div></div>'
        '<div itemscope itemtype="https://schema.org/Review"><span itemprop="author">Reviewer</span></div>'
        '<p itemprop="author">Real Author</p>'
    )
    assert found["authors"] == ["Real Author"]


def test_rdfa_properties_as_drupal_writes_them(read) -> None:
    """Dublin Core and schema.org terms in RDFa `property`, read through the whole reader."""
    body = (
        '<article><h1 property="dc:title">Die Stadt plant neu</h1>'
        '<span rel="sioc:has_creator"><span class="username" typeof="sioc:UserAccount" property="foaf:name">Erika Muster</span></span>'
        '<span property="dc:date dc:created" content="2019-02-08T00:00:00+01:00" datatype="xsd:dateTime">8. Februar 2019</span>'
        '<div property="schema:articleBody"><p>' + "Der Stadtrat hat beschlossen, den Plan neu zu fassen. " * 6 + "</p></div>"
        '<span property="foaf:name">Not the author, no creator relation</span></article>'
    )
    meta = read(page(body=body))
    assert meta.date_published == "2019-02-08T00:00:00+01:00" and meta.sources["date_published"] == "microdata"
    assert meta.authors == ["Erika Muster"]
    assert meta.title == "Die Stadt plant neu"


def test_nested_items_read_their_text_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each itemprop without content reads its whole subtree: a thousand nested ones around
    16 MB read it a thousand times (6 s). The reader stops once dom.MAX_READ_CHARS are read."""
    body = '<div itemprop="description">' * 50 + '<h2 itemprop="headline">The headline</h2>' + "word " * 2_000
    assert _read(body)["title"] == ["The headline"]
    monkeypatch.setattr(importlib.import_module("broadsheet.extract.meta.dom"), "MAX_READ_CHARS", 50_000)
    found = _read(body)
    assert "title" not in found and len(found["description"]) == 5  # five outer reads spend it
