"""The site_name field as the publication calls itself (helper A18's audit of site names
on the AEB and dragnet-train pages, issue 9): a theme's tagline cut off og:site_name, the
blog platform's own name in JSON-LD passed over, and a logo heading named the same as the
site's feed taken where nothing else names the site."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import Metadata, read_metadata
from broadsheet.extract.meta.text import clean_site_name

STORY = "<p>" + "Words of the post itself, long enough to be read as prose by anyone. " * 8 + "</p>"
FEED = '<link rel="alternate" type="application/rss+xml" title="Paper Notes &raquo; Feed" href="/feed/">'
HEADING = '<div id="header"><h1><a href="https://paper.example/">Paper Notes</a></h1></div>'


def _meta(head: str, body: str = "", url: str | None = "https://paper.example/2012/11/post.html") -> Metadata:
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}{STORY}</body></html>"
    return read_metadata(LexborHTMLParser(html), url)


@pytest.mark.parametrize(("stated", "name"), [
    ("Paper Blog - Market Stats, Celebrity Homes, and Paper News", "Paper Blog"),
    ("Paperroad: A Site With Opinions", "Paperroad"),
    ("Paper Notes | The Blog of Jane Roe", "Paper Notes"),
    ("Signal by Paper — Business, Design and the Web", "Signal by Paper"),
    ("Paper.example - Arlington, Va. - Breaking News, Opinions & Community Happenings » News, "
     "Weather, Traffic, Events and Reviews in Arlington, Virginia", "Paper.example"),
])
def test_a_tagline_glued_to_the_site_name_is_cut_off(stated: str, name: str) -> None:
    meta = _meta(f'<meta property="og:site_name" content="{stated}">')
    assert (meta.site_name, meta.sources["site_name"]) == (name, "opengraph")


@pytest.mark.parametrize("stated", [
    "The Paper Post | Paper.example",  # a short part after the separator may be the name's own
    "The Star-Paper - Paper.example",
    "Paper Notes",
    "Star Paper: Daily",
])
def test_a_site_name_without_a_tagline_is_kept_whole(stated: str) -> None:
    assert clean_site_name(stated) == stated


def test_the_blog_platforms_name_in_json_ld_is_not_the_blogs() -> None:
    # Blogger's template writes publisher {"name": "Blogger"} into every blog's JSON-LD.
    head = (
        '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "BlogPosting",'
        ' "headline": "A post", "publisher": {"@type": "Organization", "name": "Blogger"}}</script>'
        '<meta property="og:site_name" content="Paper Naija | The valley\'s popular news platform">'
    )
    meta = _meta(head)
    assert (meta.site_name, meta.sources["site_name"]) == ("Paper Naija", "opengraph")


def test_a_logo_heading_named_like_the_sites_feed_names_the_site() -> None:
    meta = _meta(FEED, HEADING)
    assert (meta.site_name, meta.sources["site_name"]) == ("Paper Notes", "dom")


@pytest.mark.parametrize(("head", "body"), [(FEED, ""), ("", HEADING)])
def test_a_logo_heading_or_a_feed_alone_names_no_site(head: str, body: str) -> None:
    assert _meta(head, body).site_name is None


def test_a_heading_unlike_the_feeds_title_names_no_site() -> None:
    feed = '<link rel="alternate" type="application/rss+xml" title="Jane Roe &raquo; Feed" href="/feed/">'
    assert _meta(feed, HEADING).site_name is None


def test_a_stated_site_name_wins_over_the_heading_and_feed() -> None:
    meta = _meta(FEED + '<meta property="og:site_name" content="Paper Notes Daily">', HEADING)
    assert (meta.site_name, meta.sources["site_name"]) == ("Paper Notes Daily", "opengraph")
