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
