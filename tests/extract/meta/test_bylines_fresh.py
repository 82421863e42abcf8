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


# A post's own footer opening with "Posted by": Blogger's classic template, Movable Type's
# entry footer, WordPress themes' post footer. It was never queried (collect._NAMED) nor
# read as a "posted" line (dom._POSTED_NAME); under a story of more lines than the text
# scan under the headline reads (lines._BYLINE_LINES), nothing found it.
STORY = PROSE * 16
@pytest.mark.parametrize(
    "footer, name",
    [
        ('<p class="post-footer"><em>posted by <a href="/p.html" title="permanent link">Joe Roe</a></em></p>', "Joe Roe"),
        ('<p class="post-footer"><em>posted by Jane Doe @ <a href="/p.html">2:23 PM</a></em></p>', "Jane Doe"),
        (
            '<p class="post-footer"><strong>Posted by Jim Daly</strong> | <a href="/p">Permalink</a> | '
            '<a href="/p#comments">2 Comments</a></p>',
            "Jim Daly",
        ),
        (
            '<div class="entry-footer"><p>Posted by <a href="/author/tim/">Tim Ellis</a> on '
            '<a href="/p.html">August 9, 2012 6:00 AM</a> | <a href="http://del.icio.us/">del.icio.us</a></p></div>',
            "Tim Ellis",
        ),
    ],
)
def test_the_name_of_a_posts_footer(read, footer: str, name: str) -> None:
    body = f'<div class="post"><h1>Fracking questions</h1>{STORY}{footer}</div>'
    assert read(page("<title>Fracking questions</title>", body)).authors == [name]


def test_a_posted_line_ends_at_its_bar() -> None:
    html = page("", '<p class="post-footer">Posted by Jim Daly | <a href="/p">Permalink</a></p>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == ["Posted by Jim Daly"]


@pytest.mark.parametrize(
    "footer",
    [
        '<p class="post-footer">Filed under <a href="/c/news">News</a> | <a href="/p">Permalink</a></p>',
        '<p class="post-footer">By the way, comments are closed.</p>',
        '<div class="site-footer">Posted by Jane Doe</div>',
    ],
)
def test_other_footers_are_no_byline(read, footer: str) -> None:
    body = f'<div class="post"><h1>Fracking questions</h1>{STORY}{footer}</div>'
    assert read(page("<title>Fracking questions</title>", body)).authors == []


def test_a_comments_footer_is_no_byline(read) -> None:
    body = (
        f'<div class="post"><h1>Fracking questions</h1>{STORY}</div>'
        '<div id="comments"><div class="comment"><p>Great post.</p>'
        '<p class="post-footer">Posted by Jane Doe | <a href="#c1">Permalink</a></p></div></div>'
    )
    assert read(page("<title>Fracking questions</title>", body)).authors == []
