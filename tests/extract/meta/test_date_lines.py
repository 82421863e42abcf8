"""Date lines away from the headline (issue 9, s17 task D2): a labelled date line below the
story, and what by the headline is no date of the page (a comment in a script's code, the
title of the post before or after this one)."""
from __future__ import annotations

import importlib

import pytest

from tests.extract.meta.conftest import page

_META = importlib.import_module("broadsheet.extract.meta")


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """htmldate's search of the whole page (the last resort after the date below the
    story) finds nothing: the date read is the footer reader's own."""
    monkeypatch.setattr(_META, "whole_page_date", lambda *args: None)


#: A story long enough that its footer stands beyond the labelled date's window by the
#: headline (`_LABEL_AFTER`, 12,000 characters).
_LONG = "".join(f"<p>{'We flew out early and the light was good over the hills. ' * 9}({i})</p>" for i in range(30))


def _post(footer: str, before: str = "", headline: str = "Wheels up") -> str:
    return page("", f"{before}<div class='post'><h1>{headline}</h1>{_LONG}{footer}</div>")


def test_a_labelled_date_line_below_the_story(read) -> None:
    # zenhabits (a WordPress theme): "Posted: 10.29.2012" under the post, by its links to
    # the posts before and after it.
    footer = (
        '<div class="navigation"><h5>Posted: 10.29.2012</h5>'
        '<p>Previous post: <a href="/superhealth/" rel="prev">Create a Superhealth Community</a></p></div>'
    )
    meta = read(_post(footer))
    assert (meta.date_published, meta.sources["date_published"]) == ("2012-10-29", "dom")


def test_a_typepad_post_footer_with_its_permalink(read, no_fallback) -> None:
    footer = (
        '<div class="entry-footer"><p class="entry-footer-info">'
        '<span class="post-footers">November 13, 2012 in <a href="/aws/amazon-rds/">Amazon RDS</a> </span>'
        ' <span class="separator">|</span> <a class="permalink" href="/aws/2012/11/report.html">Permalink</a>'
        "</p></div>"
    )
    assert read(_post(footer)).date_published == "2012-11-13"


def test_a_posted_by_line_below_the_story(read, no_fallback) -> None:
    # HubSpot's post footer; Movable Type's "Posted to <category> on <date>".
    hubspot = '<p class="postfoot">Posted by Dharmesh Shah on Wed, Oct 24, 2012</p>'
    assert read(_post(hubspot)).date_published == "2012-10-24"
    # (an ASP.NET page wraps the whole page in one form: the foreign check's place, not
    # another story's)
    assert read(page("", f"<form id='Form'>{_post(hubspot)}</form>")).date_published == "2012-10-24"
    movable_type = '<div class="entry-footer"><p><a href="/hal/">Hal</a><br>Posted to <a href="/news">News</a> on 10 November 2012</p></div>'
    assert read(_post(movable_type)).date_published == "2012-11-10"


def test_no_date_line_from_a_comment_or_another_story(read) -> None:
    comments = (
        '<div class="comments"><p>Wow, that sucks.</p>'
        '<p class="posted">Posted by: <a href="http://c.example.org/">Charlie</a> | Mar 26, 2007 2:50:18 PM</p></div>'
    )
    related = '<div class="related-posts"><h3><a href="/x/">Older</a></h3><p>Posted: 03.12.2007</p></div>'
    assert read(_post(comments + related)).date_published is None


def test_the_post_footer_comes_before_the_comments(read, no_fallback) -> None:
    footer = '<p class="posted">Posted by Kathy on April  6, 2007 | <a href="/2007/04/death.html">Permalink</a></p>'
    comments = '<div class="comments"><p class="posted">Posted by: Charlie | Mar 26, 2007 2:50:18 PM</p></div>'
    assert read(_post(footer + comments)).date_published == "2007-04-06"


def test_a_date_below_the_story_only_where_the_page_states_none(read) -> None:
    footer = '<p class="postfoot">Posted by Dharmesh Shah on Wed, Oct 24, 2012</p>'
    head = '<meta property="article:published_time" content="2012-10-23T09:00:00-04:00">'
    html = page(head, f"<div class='post'><h1>Wheels up</h1>{_LONG}{footer}</div>")
    assert read(html).date_published == "2012-10-23T09:00:00-04:00"


def test_a_comment_in_a_script_by_the_headline_is_no_date(read) -> None:
    # GayGamer (Movable Type): an ad script's note "//2007-05-17: 300x250 footer".
    script = '<script>google_ad_width = 300;\n//2007-05-17: 300x250 footer\ngoogle_ad_channel = "0932449940";</script>'
    footer = '<div class="entry-footer"><p>Posted to <a href="/news">News</a> on 10 November 2012</p></div>'
    html = page("", f"<h1>God-Tier Dad Hacks Wind Waker</h1>{script}{_LONG}{footer}")
    assert read(html).date_published == "2012-11-10"
    for code in ("<script>/* 2007-05-17:\n the ad slot */ var slot = 3;</script>", "<style>/* 2007-05-17 */ p {}</style>"):
        html = page("", f"<h1>God-Tier Dad Hacks Wind Waker</h1>{code}{_LONG}{footer}")
        assert read(html).date_published == "2012-11-10", code


def test_a_date_in_a_scripts_code_by_the_headline_still_counts(read) -> None:
    # Only comments are blanked: a script by the headline states the page's own day (a
    # share button's URL, an analytics object) about as often as a wrong one.
    script = '<script>var page = {published: "2012-11-09", url: "http://x.example/a"}; // build 7</script>'
    html = page("", f"<h1>God-Tier Dad Hacks Wind Waker</h1>{script}{_LONG}")
    assert read(html).date_published == "2012-11-09"


def test_the_previous_posts_title_by_the_headline_is_no_date(read) -> None:
    # TypePad's content-nav above the post, and the same title in the list of recent posts.
    recent = (
        '<div class="module-recent-posts"><h2>Recent Posts</h2><ul>'
        '<li><a href="/aws/2012/11/deploy.html">Deploy a Server Farm</a></li>'
        '<li><a href="/aws/2012/11/aws-week-in-review-october-29-2012.html">AWS Week in Review - October 29, 2012</a></li>'
        "</ul></div>"
    )
    nav = (
        '<p class="content-nav"><a href="/aws/2012/11/aws-week-in-review-october-29-2012.html">'
        '&laquo; AWS Week in Review - October 29, 2012</a> | <a href="/aws/">Main</a></p>'
    )
    footer = (
        '<div class="entry-footer"><p class="entry-footer-info"><span class="post-footers">November 05, 2012 </span>'
        '<span class="separator">|</span> <a class="permalink" href="/aws/2012/11/deploy.html">Permalink</a></p></div>'
    )
    html = _post(footer, before=recent + nav, headline="Deploy a Server Farm")
    assert read(html).date_published == "2012-11-05"


def test_wordpress_and_blogger_neighbour_links_are_other_posts(read) -> None:
    for nav in (
        '<nav class="post-navigation"><div class="nav-previous"><a href="/p/41/">&larr; Weekly links: May 3, 2012</a></div></nav>',
        '<div class="blog-pager"><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/2012/05/x.html">'
        "Weekly links: May 3, 2012</a></span></div>",
        '<p><a href="/p/41/" rel="prev">Older post: Weekly links: May 3, 2012</a></p>',
    ):
        footer = '<p class="postfoot">Posted by Jane Doe on May 4, 2012</p>'
        html = page("", f"<h1>Weekly links</h1>{nav}<p>{'Short note of the week. ' * 12}</p>{footer}")
        assert read(html).date_published == "2012-05-04", nav


def test_posted_to_several_categories_on_a_day(read, no_fallback) -> None:
    # Movable Type: "Posted to <a>Hot Stuff</a>, <a>Video Games</a> on  9 November 2012".
    footer = (
        '<div class="entry-footer"><p class="author-block"><a href="/wootini/">Wootini</a><br>'
        'Posted to <a href="/hot_stuff">Hot Stuff</a>, <a href="/video_games">Video Games</a> on  9 November 2012</p></div>'
    )
    assert read(_post(footer)).date_published == "2012-11-09"


def test_a_dotted_date_below_the_story_read_two_ways_is_none(read, no_fallback) -> None:
    # zenhabits writes "10.12.2012" for October 12th on an English page; dots read day first.
    footer = '<div class="navigation"><h5>Posted: 10.12.2012</h5></div>'
    assert read(_post(footer)).date_published is None
    # Where no language is stated, a slashed date read both ways is none too.
    html = _post('<p class="postfoot">Posted by Jane Doe on 10/12/2012</p>').replace(' lang="en"', "")
    assert read(html).date_published is None
    assert read(_post('<div class="navigation"><h5>Posted: 10.29.2012</h5></div>')).date_published == "2012-10-29"
