"""Publication dates on fresh pages where htmldate was right and we were not (issue 9,
s17 task D audit of the AEB and dragnet-train pages)."""
from __future__ import annotations

from tests.extract.meta.conftest import page

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
