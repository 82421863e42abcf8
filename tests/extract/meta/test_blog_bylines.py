"""Bylines of blog engines found missing on fresh pages (issue 9, audit A14): a post's own
footer, Movable Type's "posted" line, Squarespace's "posted-by", WordPress's labels on an
hAtom entry, Genesis's layout wrapper, a quoted tagline."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import read_candidates
from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.meta.foreign import ForeignCheck, foreign_name

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be prose. " * 8 + "</p>"


@pytest.mark.parametrize(
    "footer",
    [
        # TypePad: the byline stands in the entry's footer, no <article>, no hAtom entry.
        '<div class="entry-footer"><p class="entry-footer-info"><span class="post-footers">Posted by '
        '<a rel="author" href="https://profile.paper.example/jdoe">Jane Doe</a> on July 19, 2012</span></p></div>',
        # Blogger's classic templates: "post-footer", "post-footer-line-1".
        '<div class="post-footer"><p class="post-footer-line post-footer-line-1">'
        '<span class="post-author">Posted by Jane Doe</span></p></div>',
    ],
)
def test_a_posts_own_footer_is_no_site_chrome(read, footer: str) -> None:
    body = f'<div id="content"><div class="entry"><h3>A day at the lake</h3>{PROSE}{footer}</div></div>'
    meta = read(page("", body))
    assert meta.authors == ["Jane Doe"]


def test_the_sites_footer_is_still_chrome(read) -> None:
    body = (
        f'<div class="entry"><h3>A day at the lake</h3>{PROSE}</div>'
        '<div class="footer"><span class="author">Site by Max Roe</span></div>'
    )
    assert read(page("", body)).authors == []


def test_post_footer_names() -> None:
    assert foreign_name("entry-footer") == 0
    assert foreign_name("post-footer-line post-footer-line-1") == 0
    assert foreign_name("footer") == 1
    assert foreign_name("site-footer entry-footer") == 1  # a footer named both ways stays chrome


def test_a_quoted_tagline_is_no_name() -> None:
    assert clean_authors(['Jane Doe Editor-at-large "Blogger, gamer, giant. " Twitter']) == ["Jane Doe"]
    assert clean_authors(['Jane "JJ" Doe']) == ['Jane "JJ" Doe']  # a nickname has no space


def test_movable_type_posted_line(read) -> None:
    body = (
        '<div id="content"><h2 class="date-header">October 28, 2012</h2><div class="entry">'
        f'<h3 class="entry-header">Rates and prices</h3>{PROSE}'
        '<p class="posted">Posted by Jane Doe at October 28, 2012 01:23 PM</p></div></div>'
    )
    assert read(page("", body)).authors == ["Jane Doe"]


def test_a_posted_line_without_a_byline_is_no_byline(read) -> None:
    body = (
        f'<div class="entry"><h3>Rates and prices</h3>{PROSE}'
        '<p class="posted">October 28, 2012 01:23 PM | Permalink</p></div>'
    )
    assert read(page("", body)).authors == []


def test_squarespace_posted_by(read) -> None:
    body = (
        '<div class="journal-entry"><h2 class="title">Saving cache</h2>'
        '<div class="journal-entry-tag"><span class="posted-on">Wednesday, October 24, 2012 at 9:15AM</span>'
        f' <span class="posted-by">Jane Doe</span></div>{PROSE}</div>'
    )
    assert read(page("", body)).authors == ["Jane Doe"]


def test_a_posted_element_is_read_for_its_byline_not_as_a_dateline() -> None:
    """A "posted" element is queried for Movable Type's byline line; as a dateline it is
    left to the readers before (a ticker's "As of closing" came first on a fresh page)."""
    body = (
        '<div class="ticker"><span class="posted">As of closing November 05, 2012</span></div>'
        f'<h1>Votes counted</h1><p class="posted">Posted by Jane Doe at 11/07/2012 1:38 AM</p>{PROSE}'
    )
    dom = read_candidates(LexborHTMLParser(page("", body)), None)["dom"]
    assert dom["authors"] == ["Posted by Jane Doe at 11/07/2012 1:38 AM"]
    assert "dateline" not in dom


def test_wordpress_labels_on_an_hentry_name_no_place(read) -> None:
    body = (
        '<div class="post-7 post type-post status-publish hentry category-news tag-promotion">'
        '<h1>New phones for everyone</h1><p class="hentry-meta-data">by '
        '<a rel="author" href="https://paper.example/author/jdoe/">Jane Doe</a> on October 29th, 2012</p>'
        f"{PROSE}</div>"
    )
    assert read(page("", body)).authors == ["Jane Doe"]


def test_a_promotion_outside_an_entry_is_still_foreign() -> None:
    tree = LexborHTMLParser(
        '<div class="promotion"><span id="a">Max Roe</span></div>'
        '<div class="post-7 post hentry tag-promotion"><span id="b">Jane Doe</span></div>'
    )
    check = ForeignCheck()
    assert check(tree.css_first("#a")) and not check(tree.css_first("#b"))


def test_genesis_content_sidebar_wrapper_is_no_sidebar(read) -> None:
    body = (
        '<div id="content-sidebar-wrap"><div id="content"><div class="post-9 post hentry">'
        '<h1 class="entry-title">Three outcomes</h1><div class="post-info">Posted by '
        '<span class="author vcard"><span class="fn">Jane Doe</span></span></div>'
        f'{PROSE}</div></div><div id="sidebar" class="sidebar"><span class="author">Max Roe</span></div></div>'
    )
    assert read(page("", body)).authors == ["Jane Doe"]
    tree = LexborHTMLParser(body)
    check = ForeignCheck()
    assert not check(tree.css_first(".fn")) and check(tree.css_first("#sidebar .author"))
