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


# Review R15, finding 5: the exemptions above let other stories' bylines in.
STORY = "<div class='post'><h1>Council approves new budget for schools</h1>" + PROSE


@pytest.mark.parametrize(
    "rest",
    [
        # A related block with its heading in a post's footer: another story's byline.
        "<div class='post-footer'><div class='more'><h3>More</h3><p><a href='/x'>Other story</a> "
        "<span class='byline'>By Other Writer</span> <span class='date'>March 1, 2020</span></p></div>"
        "<span class='comments'>12 Comments</span></div></div>",
        # A related-posts plugin's teaser, written with post_class(): "post-teaser" is a place.
        "</div><div class='post-99 post type-post hentry post-teaser'><h2><a href='/o'>Other story</a></h2>"
        "<span class='author'>Other Writer</span><time class='published' datetime='2019-01-01'>Jan 1 2019</time></div>",
        "</div><div class='hentry post-sidebar'><span class='byline'>By Other Writer</span></div>",
        # Bootstrap themes name the sidebar itself "sidebar-content".
        "</div><div class='col-md-4 sidebar-content'><div class='recent'><a href='/o'>Other story</a> "
        "<span class='byline'>By Other Writer</span> <span class='date'>Jan 1 2019</span></div></div>",
    ],
    ids=["post_footer_related_block", "hentry_post_teaser", "hentry_post_sidebar", "sidebar_content"],
)
def test_other_stories_bylines_stay_out(read, rest: str) -> None:
    assert read(page("", STORY + rest)).authors == []


def test_a_sidebar_content_block_above_the_headline_is_a_sidebar(read) -> None:
    body = (
        "<div class='wrap'><div class='sidebar-content'><span class='author'>Other Writer</span></div>"
        f"<h1>Council approves new budget for schools</h1>{PROSE}</div>"
    )
    assert read(page("", body)).authors == []


def test_only_wordpress_post_class_labels_are_dropped_on_an_entry() -> None:
    tree = LexborHTMLParser(
        '<div class="post-7 post type-post status-publish format-standard hentry category-news tag-promotion">'
        '<span id="own">Jane Doe</span></div>'
        '<div class="post-99 post type-post hentry post-teaser"><span id="teaser">Max Roe</span></div>'
        '<div class="hentry post-sidebar"><span id="side">Max Roe</span></div>'
    )
    check = ForeignCheck()
    assert not check(tree.css_first("#own"))
    assert check(tree.css_first("#teaser")) and check(tree.css_first("#side"))


def test_only_a_wrapper_named_for_content_and_sidebar_is_no_sidebar() -> None:
    tree = LexborHTMLParser(
        '<div class="content-sidebar-wrap"><span id="wrap">Jane Doe</span></div>'
        '<div class="sidebar-content-layout"><span id="layout">Jane Doe</span></div>'
        '<div class="col-md-4 sidebar-content"><span id="side">Max Roe</span></div>'
        '<div id="content-sidebar"><span id="bare">Max Roe</span></div>'
    )
    check = ForeignCheck()
    assert not check(tree.css_first("#wrap")) and not check(tree.css_first("#layout"))
    assert check(tree.css_first("#side")) and check(tree.css_first("#bare"))


def test_a_posts_footer_holding_a_heading_stays_chrome() -> None:
    tree = LexborHTMLParser(
        '<div class="entry-footer"><h3>More</h3><span id="other" class="byline">By Max Roe</span></div>'
        '<div class="entry-footer"><span id="own" class="post-author">Posted by Jane Doe</span></div>'
    )
    check = ForeignCheck()
    assert check(tree.css_first("#other")) and not check(tree.css_first("#own"))


# Review R15, finding 5: a post footer's byline is read only after the line under the headline.
def test_a_footer_byline_does_not_replace_the_line_above_the_story(read) -> None:
    body = (
        f"<div class='post'><h1>Council approves new budget for schools</h1><p>By Jane Doe</p>{PROSE}"
        "<div class='entry-footer'><p>Posted in <a rel='tag' href='/tag/x'>Schools</a></p>"
        "<div class='byline'>By Other Writer</div></div></div>"
    )
    assert read(page("", body)).authors == ["Jane Doe"]


def test_a_footer_byline_outranks_a_name_after_a_label_line(read) -> None:
    # "written by" stands on a line of its own where a link breaks the sentence: no byline.
    body = (
        "<div class='entry'><h3 class='entry-header'>Council approves new budget for schools</h3>"
        "<p>A fascinating story in the <em>Post</em> <a href='/s'>Schools Win Big</a> written by "
        f"<a href='/u/jr'>Joe Roe</a>.</p>{PROSE}"
        "<div class='entry-footer'><span class='post-footers'>Posted by <a rel='author' href='/u/jd'>Jane Doe</a>"
        " on May 2</span></div></div>"
    )
    head = '<meta property="og:title" content="Council approves new budget for schools">'
    assert read(page(head, body)).authors == ["Jane Doe"]


def test_a_name_after_a_label_line_is_read_without_a_footer_byline(read) -> None:
    body = f"<h1>Council approves new budget for schools</h1><p>Written by</p><p>Jane Doe</p>{PROSE}"
    assert read(page("", body)).authors == ["Jane Doe"]


def test_a_footer_byline_is_a_source_of_its_own() -> None:
    body = (
        f"<div class='post'><h1>Council approves new budget</h1><span class='byline'>By Jane Doe</span>{PROSE}"
        "<div class='post-footer'><span class='post-author'>Posted by Max Roe</span></div></div>"
    )
    dom = read_candidates(LexborHTMLParser(page("", body)), None)["dom"]
    assert dom["authors"] == ["By Jane Doe"] and dom["authors_in_footer"] == ["Posted by Max Roe"]


# Review R15, finding 6: a quoted phrase is an aside only where it reads as a tagline.
@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ('By Mike "Mikey" Smith and Al "Big Al" Jones', ['Mike "Mikey" Smith', 'Al "Big Al" Jones']),
        ("By Mike “Mikey” Smith and Al “Big Al” Jones", ["Mike “Mikey” Smith", "Al “Big Al” Jones"]),
        ('By Dwayne "The Rock" Johnson', ['Dwayne "The Rock" Johnson']),
        ('Jane Doe, Editor "Blogger, gamer, giant."', ["Jane Doe"]),
        ('Jane Doe "Writes about cats and dogs" Twitter', ["Jane Doe"]),
    ],
)
def test_quoted_nicknames_stay_and_taglines_go(byline: str, names: list[str]) -> None:
    assert clean_authors([byline]) == names


def test_a_name_in_quotes_is_still_a_name(read) -> None:
    body = f"<h1>Council approves new budget for schools</h1><span class='author'>“Jane Doe”</span>{PROSE}"
    assert [name.strip("“”") for name in read(page("", body)).authors] == ["Jane Doe"]
