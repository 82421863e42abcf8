"""Printed bylines we missed on fresh pages (AEB, dragnet-train; issue 9, task s19-R):
a byline element whose class word only ends in "byline" ("nodebyline", "newsByLine",
"postByline", "storyBlogByline")."""
from __future__ import annotations

import time

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.dom import BYLINE_NAME, ForeignCheck, read_bylines

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here. " * 4 + "</p>"


@pytest.mark.parametrize("name", ["nodebyline modfont", "newsByLine", "postByline", "storyBlogByline"])
def test_a_class_word_ending_in_byline_names_a_byline(name: str) -> None:
    html = page("", f'<div class="post"><h1>Headline</h1><div class="{name}">Jane Doe</div>{PROSE}</div>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == ["Jane Doe"]


def test_a_byline_with_its_authors_menu(read) -> None:
    # Gawker Media's template (Gawker, Jezebel, Kotaku, Deadspin, 2012): the name, then a
    # drop-down menu of links to the author's profile
    body = (
        '<div class="post permalink"><h1>Female Viagra Is Almost Here</h1><div class="post-body">'
        '<div class="nodebyline modfont"><img class="avatar" src="/a.jpg"><strong><a class="plus-icon">'
        'Tracie Egan Morrissey</a></strong><div class="ui-dropdown modfont" id="author-menu"><ul>'
        '<li><a href="/people/tracie/" rel="author"><span>View Profile</span></a></li>'
        '<li><a href="mailto:t@example.com"><span>Email</span></a></li>'
        '<li><a href="/people/tracie/rss"><span>RSS</span></a></li></ul></div></div>'
        f"{PROSE}</div></div>"
    )
    assert read(page("", body)).authors == ["Tracie Egan Morrissey"]


@pytest.mark.parametrize("name", ["bylinefoo-bio", "author-bio", "nobyline-x_bio"])
def test_a_biography_is_still_no_byline(name: str) -> None:
    html = page("", f'<div class="{name}">Jane Doe writes about food.</div>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("names", ["byline" * 30_000 + "!", "abyline_" * 25_000 + "!", "by" * 100_000])
def test_the_class_pattern_stays_linear(names: str) -> None:
    # "[^\W_]*byline\w*" took 53 s on the first: each "byline" found again from the start
    started = time.monotonic()
    BYLINE_NAME.search(names)
    assert time.monotonic() - started < 2
