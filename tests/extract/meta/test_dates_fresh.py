"""Publication dates on fresh pages where htmldate was right and we were not (issue 9,
s17 task D audit of the AEB and dragnet-train pages)."""
from __future__ import annotations

import importlib

import pytest

from broadsheet.extract.meta.dates import url_date
from broadsheet.extract.meta.published import local_rendering
from tests.extract.meta.conftest import FETCHED, page

_STORY = "<h1>Wheels up</h1><p>" + "We flew out early and the light was good. " * 8 + "</p>"


def test_a_page_read_without_its_url_takes_the_day_in_its_canonical_link(read) -> None:
    # WordPress's date-based permalinks: the page's own URL says the day it was posted.
    html = page('<link rel="canonical" href="http://photo.example.com/blog/2012/10/30/wheels-up/">', _STORY)
    meta = read(html, url=None)
    assert (meta.date_published, meta.sources["date_published"]) == ("2012-10-30", "url")


def test_og_url_states_the_day_too(read) -> None:
    html = page('<meta property="og:url" content="http://gear.example.com/2012/10/29/best-hurricane-gear/">', _STORY)
    assert read(html, url=None).date_published == "2012-10-29"


def test_a_posts_comments_feed_holds_its_permalink(read) -> None:
    head = (
        '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Feed" href="http://s.example.com/feed/">'
        '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Shuteye Comments Feed"'
        ' href="http://s.example.com/2012/10/23/shuteye/feed/">'
    )
    assert read(page(head, _STORY), url=None).date_published == "2012-10-23"


def test_the_given_urls_day_outranks_a_stated_one(read) -> None:
    html = page('<link rel="canonical" href="https://news.example.com/2012/10/30/wheels-up/">', _STORY)
    meta = read(html, url="https://news.example.com/2012/10/31/wheels-up/")
    assert meta.date_published == "2012-10-31"


def test_a_stated_url_without_a_day_adds_nothing(read) -> None:
    head = '<link rel="canonical" href="https://news.example.com/world/wheels-up-123">'
    assert read(page(head, _STORY), url=None).date_published is None


def test_a_utc_instant_gives_way_to_the_same_minute_written_as_local_time(read) -> None:
    # Advance Local (nj.com, al.com, ...): the instant in UTC, and the local time shown by
    # the headline ("Posted Nov 18, 8:19 PM") in `article_date_original`, without an offset.
    head = (
        '<meta property="article:published_time" content="2019-11-19T01:19:34.819Z">'
        '<meta name="article_date_original" content="Monday, November 18, 2019, 08:19 PM">'
    )
    meta = read(page(head, _STORY), url="https://www.example.com/news/2019/11/meth-campaign.html")
    assert meta.date_published == "2019-11-18T20:19-05:00"


def test_a_local_time_of_another_minute_is_another_instant(read) -> None:
    head = (
        '<meta property="article:published_time" content="2019-11-19T01:19:34.819Z">'
        '<meta name="article_date_original" content="Monday, November 18, 2019, 08:07 PM">'
    )
    meta = read(page(head, _STORY), url="https://www.example.com/news/2019/11/meth-campaign.html")
    assert meta.date_published == "2019-11-19T01:19:34+00:00"


# Review RV-M2 of the rules above (task FX-D).

_HEADED = "<h1>Council approves bridge budget</h1>{}<p>" + "The council met late and argued over the bridge. " * 8 + "</p>"
_BYLINE = '<p class="byline">By Ann Lee | November 20, 2019 4:15 pm</p>'


def test_a_time_in_the_story_is_no_local_rendering_of_the_stated_instant(read) -> None:
    # An event's time the day before, at a round hour, is not the page's clock: only
    # metadata stated for machines (article_date_original, sailthru.date) renders the instant.
    head = '<meta property="article:published_time" content="2019-11-19T05:00:00Z">'
    body = _HEADED.format('<p>The hearing was held <time datetime="2019-11-18T19:00">Monday at 7 p.m.</time>.</p>')
    for url in ("https://www.example.com/news/bridge-vote.html", "https://www.example.com/2019/11/19/bridge/"):
        assert read(page(head, body), url=url).date_published == "2019-11-19T05:00:00+00:00"


def test_a_local_rendering_needs_an_offset_a_clock_shows(read) -> None:
    assert local_rendering("2019-11-19T10:30:00+00:00", "2019-11-18T23:00") is None  # -11:30
    assert local_rendering("2019-11-19T01:19:00+00:00", "2019-11-18T17:49") is None  # -07:30
    assert local_rendering("2019-11-18T20:00:00+00:00", "2019-11-19T01:45") == "2019-11-19T01:45+05:45"  # Nepal
    assert local_rendering("2019-11-19T01:19:00+00:00", "2019-11-18T21:49") == "2019-11-18T21:49-03:30"  # Newfoundland
    head = (
        '<meta property="article:published_time" content="2019-11-19T01:19:00Z">'
        '<meta name="sailthru.date" content="2019-11-18 17:49:00">'
    )
    assert read(page(head, _STORY)).date_published == "2019-11-19T01:19:00+00:00"


def test_the_local_day_by_the_headline_never_contradicts_the_urls(read) -> None:
    head = '<meta property="article:published_time" content="2019-11-19T01:19:00Z">'
    body = _HEADED.format('<p class="byline">By Ann Lee | Nov 18, 2019 8:19 PM</p>')
    assert read(page(head, body), url="https://x.example.com/2019/11/19/bridge/").date_published == (
        "2019-11-19T01:19:00+00:00"
    )
    # Without a day in the URL the byline's local time still wins.
    assert read(page(head, body), url="https://x.example.com/news/bridge").date_published == "2019-11-18T20:19-05:00"


def test_a_comments_feed_counts_only_in_the_head(read) -> None:
    feed = (
        '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Old post Comments Feed"'
        ' href="https://s.example.com/2011/01/05/old-post/feed/">'
    )
    assert read(page("", _HEADED.format(feed + _BYLINE)), url=None).date_published == "2019-11-20T16:15"
    assert read(page(feed, _HEADED.format(_BYLINE)), url=None).date_published == "2011-01-05"


def test_a_url_of_year_and_month_bounds_a_stated_day(read) -> None:
    url = "https://x.example.com/2019/11/bridge.html"
    other = '<link rel="canonical" href="https://x.example.com/2017/03/02/bridge/">'
    assert read(page(other, _HEADED.format(_BYLINE)), url=url).date_published == "2019-11-20T16:15"
    same = '<link rel="canonical" href="https://x.example.com/2019/11/18/bridge/">'
    assert read(page(same, _STORY), url=url).date_published == "2019-11-18"


def test_a_stated_url_gives_a_day_as_a_given_one_does(read) -> None:
    # The canonical's day is read by the rule the page's own URL is read by (`url_date`).
    for href in (
        "https://x.example.com/story/id-20191118",
        "https://x.example.com/p/120191118",
        "https://x.example.com/news/2019-11-18-bridge",
        "https://x.example.com/news/20191118/bridge",
    ):
        stated = read(page(f'<link rel="canonical" href="{href}">', _STORY), url=None).date_published
        given = read(page("", _STORY), url=href).date_published
        assert stated == given == url_date(href, not_after=FETCHED)


def test_the_urls_day_keeps_the_time_of_a_date_that_day(read) -> None:
    body = _HEADED.format('<p>Posted <time datetime="2012-07-24T09:39">July 24, 2012 9:39 am</time></p>')
    meta = read(page("", body), url="https://blog.example.com/2012/07/24/story/")
    assert (meta.date_published, meta.sources["date_published"]) == ("2012-07-24T09:39", "dom")
    canonical = '<link rel="canonical" href="https://blog.example.com/2012/07/24/story/">'
    assert read(page(canonical, body), url=None).date_published == "2012-07-24T09:39"
    # A time on another day does not move the URL's.
    other = _HEADED.format('<p>Posted <time datetime="2012-07-25T09:39">July 25, 2012 9:39 am</time></p>')
    assert read(page(canonical, other), url=None).date_published == "2012-07-24"


def test_a_dateline_gives_the_urls_day_its_time(read) -> None:
    # WordPress VIP blogs (washingtonpost.com/blogs): the permalink's day, the byline's time.
    body = _HEADED.format('<p class="byline">Posted by Max Fisher on October 29, 2012 at 6:48 pm</p>')
    canonical = '<link rel="canonical" href="https://www.example.com/blogs/wp/2012/10/29/misery/">'
    assert read(page(canonical, body), url=None).date_published == "2012-10-29T18:48"
    # A UTC instant one day off the URL's (twincities.com): the dateline's local time with its offset.
    head = '<meta property="article:published_time" content="2019-11-20T02:59:46Z">'
    body = _HEADED.format('<p>PUBLISHED: <time datetime="2019-11-19 20:59:46">November 19, 2019 at 8:59 pm</time></p>')
    meta = read(page(head, body), url="https://www.example.com/2019/11/19/wild-beat-sabres/")
    assert meta.date_published == "2019-11-19T20:59-06:00"


def test_a_date_by_the_headline_gives_the_urls_day_its_time(read) -> None:
    # A date printed under the headline, in no element named for dates (whitehouse.gov's blog).
    body = _HEADED.format("<p>July 21, 2012 at 3:06 PM EDT</p>")
    canonical = '<link rel="canonical" href="https://www.example.gov/blog/2012/07/21/wall-street-reform">'
    assert read(page(canonical, body), url=None).date_published == "2012-07-21T15:06"
    other_day = _HEADED.format("<p>July 20, 2012 at 3:06 PM EDT</p>")
    assert read(page(canonical, other_day), url=None).date_published == "2012-07-21"


# Review RV-DT findings 1, 2, 7: the time a URL's day borrows.
_U18 = "https://news.example.com/2019/11/18/bridge-vote/"
_SHORT = "<p>" + "The council met on the bridge plan and voted after a long debate. " * 4 + "</p>"


def _jsonld(when: str) -> str:
    return f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Bridge vote passes","datePublished":"{when}"}}</script>'


def test_an_event_time_is_no_time_for_a_url_day_that_beat_a_utc_instant(read) -> None:
    # 02:00Z on the 19th lost to the URL's 18th; 19:30 renders no instant of it.
    body = "<h1>Bridge vote passes</h1>" + _SHORT + '<p>The hearing was held <time datetime="2019-11-18T19:30">at 7:30 p.m.</time></p>'
    assert read(page(_jsonld("2019-11-19T02:00:00Z"), body), url=_U18).date_published == "2019-11-18"


def test_an_event_time_by_the_headline_is_none_either(read) -> None:
    body = "<h1>Bridge vote passes</h1><p>By Jane Roe</p><p>The hearing on November 18, 2019 at 7:30 p.m. ran late.</p>" + _SHORT
    assert read(page(_jsonld("2019-11-19T02:00:00Z"), body), url=_U18).date_published == "2019-11-18"


def test_a_local_time_by_the_headline_keeps_the_offset_its_instant_implies(read) -> None:
    body = "<h1>Bridge vote passes</h1><p>By Jane Roe, November 18, 2019 9:00 PM</p>" + _SHORT
    assert read(page(_jsonld("2019-11-19T02:00:00Z"), body), url=_U18).date_published == "2019-11-18T21:00-05:00"


def test_a_url_day_takes_no_time_from_an_update(read) -> None:
    body = (
        "<h1>Bridge vote passes</h1><p>November 18, 2019</p>" + _SHORT
        + '<p><em>Update: <time datetime="2019-11-18T17:40">5:40 PM</time> the mayor signed it.</em></p>'
    )
    assert read(page("", body), url=_U18).date_published == "2019-11-18"
    updated = "<h1>Bridge vote passes</h1><p>Updated November 18, 2019 5:40 PM</p>" + _SHORT
    assert read(page("", updated), url=_U18).date_published == "2019-11-18"


def test_a_url_day_takes_no_time_from_a_reply(read) -> None:
    body = (
        "<h1>Bridge vote passes</h1><p>November 18, 2019</p>" + _SHORT
        + '<h3>2 Responses</h3><div><b>Bob</b> <time datetime="2019-11-18T21:14">9:14 PM</time><p>Great</p></div>'
    )
    assert read(page("", body), url=_U18).date_published == "2019-11-18"


def test_a_url_day_still_takes_the_storys_own_time(read) -> None:
    body = '<h1>Bridge vote passes</h1><p>By Jane Roe <time datetime="2019-11-18T17:40">5:40 PM</time></p>' + _SHORT
    assert read(page("", body), url=_U18).date_published == "2019-11-18T17:40"


# Review RV-F findings 3, 4, 5: the time a URL's day borrows, again.
_U4 = "https://news.example.com/2023/06/04/bridge-vote/"


def _wp(meta: str, after: str = "") -> str:
    return page(
        "<title>Bridge vote passes</title>",
        '<article class="post"><header class="entry-header"><h1 class="entry-title">Bridge vote passes</h1>'
        f'<div class="entry-meta">{meta}</div></header><div class="entry-content">{_SHORT}</div>{after}</article>',
    )


def test_a_time_marked_published_is_the_publications_whatever_its_label(read) -> None:
    last = '<span>Last Updated: <time class="entry-date published" datetime="2023-06-04T09:15:00-04:00">June 4, 2023 9:15 am</time></span>'
    assert read(_wp(last), url=_U4).date_published == "2023-06-04T09:15:00-04:00"
    both = (
        '<span>Updated <time class="updated" datetime="2023-06-04T15:40:00-04:00">June 4, 2023 3:40 pm</time> · Published '
        '<time class="entry-date published" datetime="2023-06-04T09:15:00-04:00">June 4, 2023 9:15 am</time></span>'
    )
    assert read(_wp(both), url=_U4).date_published == "2023-06-04T09:15:00-04:00"
    itemprop = (
        '<span>Updated: <time datetime="2023-06-04T15:40:00-04:00">June 4, 2023 3:40 pm</time> (first posted '
        '<time itemprop="datePublished" datetime="2023-06-04T09:15:00-04:00">June 4, 2023</time>)</span>'
    )
    assert read(_wp(itemprop), url=_U4).date_published == "2023-06-04T09:15:00-04:00"


def test_a_refused_update_time_does_not_come_back_without_its_zone(read) -> None:
    # The update's <time> is refused; its text, split from its label by the headline,
    # gave "2023-06-04T15:40" back: neither the day nor the instant.
    meta = (
        '<div class="dates"><span>Updated</span><br><time datetime="2023-06-04T15:40:00-04:00">June 4, 2023 3:40 pm</time>'
        '<br><span>Posted</span><br><time datetime="2023-06-04T09:15:00-04:00">June 4, 2023 9:15 am</time></div>'
    )
    assert read(_wp(meta), url=_U4).date_published == "2023-06-04"


def test_an_updated_time_alone_in_its_block_is_no_publication_time(read) -> None:
    # News sites print "Updated <time>" in a block of its own (review RV-G finding 2): on the
    # URL's day it dates the update, so the publication keeps the URL's day alone.
    updated = '<p>Updated <time datetime="2023-06-04T17:40:00-04:00">June 4, 2023 5:40 p.m.</time></p>'
    assert read(_wp(updated), url=_U4).date_published == "2023-06-04"
    assert read(_wp("<p>Published 9:00 AM EST</p>" + updated), url=_U4).date_published[:16] != "2023-06-04T17:40"
    # A Twenty Eleven child's "Modified on" its post's only <time> (marked `moddate`) is
    # read as the label says: the day alone.
    modified = (
        '<span class="sep">Modified on </span><a href="#" rel="bookmark"><time class="entry-date" '
        'datetime="2023-06-04T07:54:33+00:00" moddate>June 4, 2023</time></a><span class="by-author"> by Jane Roe</span>'
    )
    assert read(_wp(modified), url=_U4).date_published == "2023-06-04"
    # Still none from an update printing its time alone, below the story.
    update = '<p><em>Update: <time datetime="2023-06-04T17:40:00-04:00">5:40 PM</time> the mayor signed it.</em></p>'
    assert read(_wp("<span>June 4, 2023</span>", update), url=_U4).date_published == "2023-06-04"


def test_many_reply_counts_in_one_block_read_it_once(read, monkeypatch) -> None:
    # Review RV-G finding 1: each "2 Comments" line of one big block read the block's whole
    # text again (16,000 lines: 14 s). A block judged no heading is judged once.
    meta_module = importlib.import_module("broadsheet.extract.meta.story_dates")

    calls = 0
    pattern = meta_module._REPLIES

    class Counting:
        def __getattr__(self, name):
            return getattr(pattern, name)

        def fullmatch(self, text):
            nonlocal calls
            calls += 1
            return pattern.fullmatch(text)

    lines = "<span>2 Comments</span><br>" * 400
    monkeypatch.setattr(meta_module, "_REPLIES", Counting())
    # no date stated, a post footer's below the story: its reader looks for the replies first
    footer = '<p>November 05, 2012 | <a href="/bridge-vote/">Permalink</a></p>'
    read(_wp("", "<div>" + lines + "</div>" + footer), url="https://news.example.com/bridge-vote/")
    assert 1 <= calls <= 5


@pytest.mark.parametrize(
    "heading",
    [
        '<div class="section-title">2 Responses</div>',
        "<p><strong>2 Responses to “Bridge vote passes”</strong></p>",
        "<h4>Reader Comments (2)</h4>",
    ],
)
def test_a_replies_heading_that_is_no_h1_h6_stops_a_reply_time(read, heading: str) -> None:
    reply = '<div><b>Bob</b> <time datetime="2023-06-04T21:14">9:14 PM</time><p>Great</p></div>'
    body = "<h1>Bridge vote passes</h1><p>June 4, 2023</p>" + _SHORT + heading + reply
    assert read(page("", body), url=_U4).date_published == "2023-06-04"


def test_a_comments_link_in_a_block_of_its_own_stops_no_story_time(read) -> None:
    body = (
        '<h1>Bridge vote passes</h1><div class="meta"><a href="#comments">2 Comments</a></div>'
        '<p>By Jane Roe <time datetime="2023-06-04T17:40">5:40 PM</time></p>' + _SHORT
    )
    assert read(page("", body), url=_U4).date_published == "2023-06-04T17:40"


@pytest.mark.parametrize("url", [None, "https://blog.example/wheels-up/", "https://blog.example/2023/06/04/wheels-up/"])
def test_a_wordpress_time_both_published_and_updated_is_the_publication(read, url) -> None:
    # WordPress themes (Twenty Fifteen to Twenty Twenty-One, Underscores) print a post never
    # edited as one <time class="entry-date published updated">: it dates the publication
    # to the second, not only its modification.
    meta_line = ('<div class="entry-meta">Posted on <a href="/x" rel="bookmark"><time class="entry-date published'
                 ' updated" datetime="2023-06-04T09:15:00-04:00">June 4, 2023</time></a></div>')
    meta = read(page("", "<h1>Wheels up</h1>" + meta_line + _STORY[len("<h1>Wheels up</h1>"):]), url=url)
    assert meta.date_published == "2023-06-04T09:15:00-04:00"
    assert meta.date_modified == "2023-06-04T09:15:00-04:00"


def test_an_updated_time_alone_is_still_the_modification(read) -> None:
    meta_line = '<div class="entry-meta"><time class="updated" datetime="2023-06-05T10:00:00-04:00">June 5</time></div>'
    meta = read(page("", "<h1>Wheels up</h1>" + meta_line + _STORY[len("<h1>Wheels up</h1>"):]), url=None)
    assert meta.date_modified == "2023-06-05T10:00:00-04:00"
    assert meta.date_published != "2023-06-05T10:00:00-04:00"
