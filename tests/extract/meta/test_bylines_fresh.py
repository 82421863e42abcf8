"""Printed bylines we missed on fresh pages (AEB, dragnet-train; issue 9, task s19-R):
a byline element whose class word only ends in "byline" ("nodebyline", "newsByLine",
"postByline", "storyBlogByline"), but not a flag saying there is none ("nobyline")."""
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


# A state flag on a wrapper saying the story shows no byline (review RV-R, D4): its text is
# a dek, a source line or a whole header. Written apart ("no-byline"), the word was read as
# "byline" before the joined words were (971047f), and still is.
@pytest.mark.parametrize(
    "name", ["nobyline", "hidebyline", "withoutbyline", "hiddenByline", "hasNoByline", "story-meta hideByLine"]
)
def test_a_flag_saying_there_is_no_byline_names_none(name: str) -> None:
    html = page("", f'<div class="post"><h1>Headline</h1><div class="{name}">Acme Wire Service</div>{PROSE}</div>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == []


def test_a_source_line_in_a_wrapper_flagged_hidebyline_is_no_author(read) -> None:
    body = (
        '<div class="post"><h1>Fracking questions</h1><div class="story-meta hidebyline">'
        f'<span class="source">Acme Wire Service</span></div>{PROSE}</div>'
    )
    assert read(page("", body)).authors == []


@pytest.mark.parametrize(
    ("name", "names_byline"),
    [("nobyline", False), ("hideByline", False), ("no-byline", True), ("hide_byline", True), ("nodebyline", True)],
)
def test_the_flags_written_apart_read_as_before(name: str, names_byline: bool) -> None:
    assert (BYLINE_NAME.search(name) is not None) is names_byline


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "names",
    ["byline" * 30_000 + "!", "abyline_" * 25_000 + "!", "by" * 100_000, "nobyline" * 25_000, "-hidebylin" * 20_000],
)
def test_the_class_pattern_stays_linear(names: str) -> None:
    # "[^\W_]*byline\w*" took 53 s on the first: each "byline" found again from the start
    started = time.monotonic()
    BYLINE_NAME.search(names)
    assert time.monotonic() - started < 2


def test_typepads_entry_author_class_on_the_whole_post_is_no_byline(read) -> None:
    # TypePad prints the writer's account as a class of the post's wrapper; its text is the
    # story, whose linked words ("Subatomic Subs", a shop) were read as the author
    html = (
        "<!DOCTYPE html><html><head><title>Brainy Gamer: Gamer sounds off</title></head><body>"
        '<div class="entry-category-games entry-author-michael_abbott entry-type-post entry" id="entry-1">'
        '<h3 class="entry-header">Gamer sounds off</h3><div class="entry-content"><div class="entry-body">'
        "<p>I am so mad right now I could just spit. Last night I went to my local sandwich shop, "
        '<strong><a href="http://example.com/games/">Subatomic Subs</a></strong>, over on App Store '
        "Avenue, and guess what I found?</p></div></div></div></body></html>"
    )
    assert read(html, url=None).authors == []


@pytest.mark.parametrize(
    "names", ["entry-author", "entry-author-name", "entry-author-link", "byline entry-author-name"]
)
def test_genesis_entry_author_classes_still_name_a_byline(names: str) -> None:
    # Genesis themes: <span class="entry-author"><a class="entry-author-link"><span
    # class="entry-author-name">: no TypePad "entry-type-" word beside them
    html = page("", f'<div class="post"><h1>Headline</h1><p class="{names}">Jane Doe</p>{PROSE}</div>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == ["Jane Doe"]
