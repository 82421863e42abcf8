"""A byline element inside a figure or a quotation credits a photo or names a quotation's
source, not the story's writer (HTML's meaning of figure, figcaption, blockquote, q)."""
from __future__ import annotations

import pytest

from broadsheet import extract

STORY = "<p>" + "Words of the story, more words of the story here. " * 20 + "</p>"
URL = "https://news.example/2020/06/04/story"


def _page(header: str) -> str:
    return f"<html><head><title>Big story</title></head><body><article>{header}{STORY}</article></body></html>"


@pytest.mark.parametrize(
    "header",
    [
        # a photo credit classed as an author, before the story's byline
        "<h1>Big story</h1><figure><img src=a.jpg><figcaption><span class=author>John Roe</span>"
        "</figcaption></figure><div class=byline>By Jane Doe</div>",
        "<h1>Big story</h1><figure><img src=a.jpg><span class=byline>John Roe</span></figure>"
        "<p class=byline>By Jane Doe</p>",
        # a pull quote's source
        "<h1>Big story</h1><blockquote><p>Quote text here.</p><cite class=author>Winston Churchill</cite>"
        "</blockquote><div class=byline>By Jane Doe</div>",
        "<h1>Big story</h1><p>He said <q>words <span class=author>John Roe</span></q></p>"
        "<div class=byline>By Jane Doe</div>",
    ],
)
def test_the_story_byline_beats_a_credit_in_a_figure_or_quotation(header: str) -> None:
    assert extract(_page(header), URL).authors == ["Jane Doe"]


def test_a_credit_in_a_figure_is_no_byline_of_the_story() -> None:
    header = "<h1>Big story</h1><figure><img src=a.jpg><figcaption>The harbour. <span class=byline>John Roe</span></figcaption></figure>"
    assert extract(_page(header), URL).authors == []


def test_a_hero_figure_holding_the_headline_keeps_its_byline() -> None:
    header = "<figure class=hero><img src=a.jpg><figcaption><h1>Big story</h1><span class=byline>By Jane Doe</span></figcaption></figure>"
    assert extract(_page(header), URL).authors == ["Jane Doe"]


def test_a_hero_figure_headed_by_an_h2_keeps_its_byline() -> None:
    # the <h1> is the site's logo; the hero's heading is an <h2> (review RV1 4)
    page = (
        "<html><head><title>Big story</title></head><body><header><h1>The Paper</h1></header><article>"
        "<figure class=featured><img src=a.jpg><figcaption><h2 class=entry-title>Big story</h2>"
        "<span class='author vcard'>Jane Doe</span>"
        f"</figcaption></figure>{STORY}</article></body></html>"
    )
    assert extract(page, URL).authors == ["Jane Doe"]


def test_a_blockquote_wrapping_a_whole_story_keeps_its_byline() -> None:
    # a syndicated story quoted whole: more text than a caption or a pull quote holds
    header = "<h1>Big story</h1><blockquote><p class=byline><span class=author>Jane Doe</span></p>" + STORY + "</blockquote>"
    assert extract(_page(header), URL).authors == ["Jane Doe"]


def test_a_credit_in_a_classic_wordpress_caption_is_no_byline() -> None:
    # the [caption] shortcode's markup before HTML5 themes: a figure by another tag
    header = (
        "<h1>Big story</h1><div id=attachment_7 class='wp-caption aligncenter'><img src=a.jpg>"
        "<p class=wp-caption-text>The harbour. <span class=author>John Roe</span></p></div>"
        "<div class=byline>By Jane Doe</div>"
    )
    assert extract(_page(header), URL).authors == ["Jane Doe"]
