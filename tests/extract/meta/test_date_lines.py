"""Date lines away from the headline (issue 9, s17 task D2): a labelled date line below the
story, and what by the headline is no date of the page (a comment in a script's code, the
title of the post before or after this one)."""
from __future__ import annotations

import importlib

import pytest

from broadsheet.extract.meta.printed import labelled_dates
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


# Review RV-D of 8852b4b (task FX-D2): its inputs.


def test_a_posted_in_label_holds_its_date_in_its_own_element(read) -> None:
    # Finding 1: "Posted in <a>News</a>" then a comment's "on May 7, 2013" (Twenty Ten), or
    # a widget's "Older post on March 3, 2013", is no date line of the post.
    comments = (
        '<div class="entry-utility">Posted in <a href="/c/news">News</a></div><div id="comments">'
        '<ol class="commentlist"><li class="comment"><div class="comment-author">Bob</div>'
        '<div class="comment-meta">on May 7, 2013 at 5:12 pm</div><p>Great post!</p></li></ol></div>'
    )
    widget = (
        '<div class="meta">Posted in <a>News</a>, <a>Roads</a></div><aside class="widget"><h3>Recent posts</h3>'
        "<div>Older post on March 3, 2013</div></aside>"
    )
    for footer in (comments, widget):
        assert read(_post(footer)).date_published is None, footer
    # "One", "Leave", "only" hold no "on".
    assert list(labelled_dates("Posted in\nNews\nLeave a comment\nMay 7, 2013")) == []
    assert list(labelled_dates("Posted in\nNews\nOne Response\nMay 7, 2013")) == []


def test_a_neighbour_title_that_is_the_headline_is_not_blanked(read) -> None:
    # Finding 2: the next page's link names this page's own headline, or the previous
    # post's title is part of it: blanked, the headline was lost and a date above it read.
    ticker = "<p>Latest: Storm closes roads, June 1, 2009</p>" + "".join(
        f'<a href="/s{i}">Section {i}</a> ' for i in range(30)
    )
    text = "<p>" + "The council met to discuss the new budget for the coming year. " * 5 + "</p>"
    for headline, nav in (
        ("Budget 2013: part 2", '<div class="nav-next"><a href="/p3">Budget 2013: part 2</a></div>'),
        ("Budget 2013: part 2", '<a rel="next" href="?page=2">Budget 2013: part 2</a>'),
        ("iPhone 5 review: the best yet", '<div class="nav-previous"><a href="/p1">&laquo; iPhone 5</a></div>'),
    ):
        body = f"{ticker}<h1>{headline}</h1><p>March 5, 2013</p>{text}{nav}"
        assert read(page(f"<title>{headline}</title>", body)).date_published == "2013-03-05", nav


def test_no_date_line_after_a_replies_heading(read) -> None:
    # Finding 3: replies not marked as comments ("3 Responses", then "Posted by Reader on").
    replies = '<h3>3 Responses</h3><div class="reply"><p>Posted by Reader on May 7, 2013</p><p>Great post!</p></div>'
    assert read(_post(replies)).date_published is None


def test_the_replies_heading_ends_the_lines_below_the_story(read, no_fallback) -> None:
    unmarked = "<div><p>Posted by Reader on May 7, 2013</p><p>Great post!</p></div>"
    for heading in ("3 Responses", "One Comment", "12 thoughts on “Wheels up”", "Leave a Reply"):
        assert read(_post(f"<h3>{heading}</h3>{unmarked}")).date_published is None, heading
    assert read(_post(unmarked)).date_published == "2013-05-07"
    # A count in a link, no heading, ends nothing.
    assert read(_post(f'<p><a href="#comments">3 Comments</a></p>{unmarked}')).date_published == "2013-05-07"


def test_several_posted_by_lines_below_the_story_are_readers(read, no_fallback) -> None:
    lines = "".join(f"<div><p>Posted by {name} on May {n}, 2013</p><p>Great post!</p></div>" for name, n in (("Bob", 7), ("Ann", 8)))
    assert read(_post(lines)).date_published is None
    # One such line is the post's own.
    assert read(_post(lines[: lines.index("</div>") + 6])).date_published == "2013-05-07"


def test_a_sentence_opening_with_a_label_is_no_date_line(read) -> None:
    # Finding 4: body sentences below the headline's window.
    for sentence in (
        "By the time the council met at noon on March 3, 2010 the plan was done.",
        "Data released on March 3, 2012 show the roads are worse.",
        "Published on March 3, 2001, the report found the roads poor.",
        "By far the only road built on 3 March 2010 was Main St.",
    ):
        assert read(_post(f"<p>{sentence}</p>")).date_published is None, sentence


def test_plain_dates_with_dots_are_one_day(read, no_fallback) -> None:
    # Finding 5: only a numeric d.m.y is read both ways; a time is no second day.
    for line, day in (
        ("Posted: Oct. 12, 2012", "2012-10-12"),
        ("Posted by Jane on Sept. 5, 2012", "2012-09-05"),
        ("Posted: 12 Oct. 2012", "2012-10-12"),
        ("Posted: March 5, 2013 at 10.30 am", "2013-03-05T10:30"),
    ):
        assert read(_post(f'<p class="postfoot">{line}</p>')).date_published == day, line
        assert [line.found for line in labelled_dates(line, dayfirst=None)] == [day], line
    html = page("", f"<div class='post'><h1>Wheels up</h1>{_LONG}<p>Veröffentlicht am 5. März 2013</p></div>", lang="de")
    assert read(html).date_published == "2013-03-05"


def test_an_update_line_below_the_story_is_no_publication_date(read, no_fallback) -> None:
    # Finding 7.
    for footer in (
        '<p class="post-footer">Updated March 9, 2014 <span>|</span> <a href="/p">Permalink</a></p>',
        '<p class="post-footer">Posted in <a>News</a><br>Last updated on March 9, 2014</p>',
    ):
        assert read(_post(footer)).date_published is None, footer


# Review RV-DT finding 3: a date's own words are no words of a sentence.
@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Publicado el jueves 5 de marzo de 2013", "es", "2013-03-05"),
        ("Publicado por Ana em 5 de março de 2013", "pt", "2013-03-05"),
        ("Posted on the 7th of May, 2013", "en", "2013-05-07"),
        ("Posted on May 7, 2013 at 5:12 pm EST", "en", "2013-05-07T17:12"),
        ("Posted on May 7, 2013 by Jane Doe | Leave a comment", "en", "2013-05-07"),
        (
            "This entry was posted on Tuesday, May 7th, 2013 at 5:12 pm and is filed under News.",
            "en",
            "2013-05-07T17:12",
        ),
    ],
)
def test_common_footer_templates_are_short_lines(read, no_fallback, line: str, lang: str, expected: str) -> None:
    html = page("", f"<div class='post'><h1>Wheels up</h1>{_LONG}<p class='postfoot'>{line}</p></div>", lang)
    assert read(html).date_published == expected


def test_a_sentence_is_still_no_date_line(read, no_fallback) -> None:
    line = "Posted on May 7, 2013 the council found the bridge plan was far too costly for the town"
    assert read(_post(f"<p>{line}</p>")).date_published is None


# Review RV-DT finding 4: the replies heading is an element.
_FOOTER = '<p class="postfoot">Posted by Dharmesh Shah on Wed, Oct 24, 2012</p>'


def test_a_link_with_a_replies_headings_text_does_not_stop_the_reader(read, no_fallback) -> None:
    html = page(
        "",
        "<div class='post'><h1>Wheels up</h1><div class='meta'><a href='#comments'>2 Comments</a></div>"
        f"{_LONG}{_FOOTER}<h3>2 Comments</h3><ol class='commentlist'><li>Bob: nice</li></ol></div>",
    )
    assert read(html).date_published == "2012-10-24"


def test_a_responses_subhead_in_the_story_does_not_stop_the_reader(read, no_fallback) -> None:
    html = page("", f"<div class='post'><h1>Wheels up</h1><h2>Responses</h2>{_LONG}{_FOOTER}</div>")
    assert read(html).date_published == "2012-10-24"


def test_wordpress_responses_to_the_title_heading_stops_the_reader(read, no_fallback) -> None:
    replies = "<h3 id='comments'>3 Responses to “Wheels up”</h3><div><p>Posted by Reader on May 7, 2013</p><p>Great post!</p></div>"
    assert read(_post(replies)).date_published is None


@pytest.mark.parametrize("start", [0, 1, 7, 30])
def test_replies_lines_finds_what_the_anchored_regex_finds(start: int) -> None:
    # `_replies_lines` tries `_REPLIES` only at lines holding a replies word (and the line
    # before each): the same matches as the regex tried at every line start, much faster.
    meta_module = importlib.import_module("broadsheet.extract.meta.story_dates")
    text = (
        "Story line one\n2\nComments\nBody text about a response to the floods\n"
        "3 Responses to “Bridge vote”\nLeave a Reply\nReader Comments (2)\nResponses\n"
        "İstanbul 4 comments\nno comments\none thought on “X”\n12 Trackbacks\n"
    )
    for sample in (text, text.replace("İ", "I"), "Replies", "x\nreplies\n"):
        expected = [(m.start(), m.end()) for m in meta_module._REPLIES.finditer(sample, start)]
        assert [(m.start(), m.end()) for m in meta_module._replies_lines(sample, start)] == expected
    assert len(list(meta_module._replies_lines(text.replace("İ", "I"), 0))) >= 6


def test_a_long_script_line_after_a_quote_is_read_in_bounded_memory() -> None:
    # A fuzzed page: a 3 MB script line opened by a quote that never closes. Read a
    # character at a time in a repeated group, the string pattern kept a backtracking state
    # for each (370 MB, 0.26 s); as runs of plain characters and escapes, a few MB.
    import tracemalloc

    meta_module = importlib.import_module("broadsheet.extract.meta.story_dates")
    piece = "var s = '" + "&amp;" * 400_000 + "\nx = 1; // 2007-05-17 a note to coders"
    text = "Council approves budget\n" + piece + "\n"
    tracemalloc.start()
    try:
        out = meta_module._blank_code_comments(text, [piece], [(0, len(text))])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "2007-05-17" not in out and len(out) == len(text)
    assert peak < 64 << 20, peak
