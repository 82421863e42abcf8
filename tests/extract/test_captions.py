"""Where a page's story stands in its captions (a slideshow, a photo post, a video page), the
captions are read as prose; on an article page they stay out, as photo credits."""
from __future__ import annotations

import time

import pytest

from broadsheet import extract
from broadsheet.extract import extract_and_learn

CAPTION = (
    "Lindsay Lohan looked a tad too done up after a night out at the Chateau Marmont on July 21. "
    "She got into the driver's seat of her car with a face full of lipstick and eyeliner. "
)
PROSE = "The council met until late in the evening, and in the end a compromise was found for all sides. "


def _slideshow(captions: int = 1) -> str:
    slides = "".join(
        f"<div class='slide'><img src='/p/{i}.jpg' alt=''><div class='caption'><p>{CAPTION * 2}({i})</p></div></div>"
        for i in range(captions)
    )
    return (
        "<html><head><title>Lohan Goes Heavy on Makeup | Photos</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/photos'>Photos</a></nav>"
        f"<div class='story_body'><h1>Lohan Goes Heavy on Makeup</h1><div class='viewer'>{slides}</div></div>"
        # a box of the site's own words, less than the captions but more than a fifth of the page
        "<div class='promo'><p>More photos from the week's parties are in our entertainment pages, every day. Send us yours from the red carpet too.</p></div>"
        "<footer><p>Copyright 2012 Example News. All rights reserved.</p></footer></body></html>"
    )


def test_a_slideshow_tells_its_story_in_the_captions() -> None:
    text = extract(_slideshow(), "https://news.example/photos/lohan-makeup").text
    # (before: the promo box was the body)
    assert text.startswith("Lindsay Lohan looked a tad too done up") and "entertainment pages" not in text


def test_a_photo_post_keeps_every_caption() -> None:
    text = extract(_slideshow(3), "https://blog.example/2012/11/photos").text
    assert all(f"({i})" in text for i in range(3))


def test_learning_a_profile_reads_the_captions_too() -> None:
    article, _ = extract_and_learn(_slideshow(), "https://news.example/photos/lohan-makeup")
    assert article.text.startswith("Lindsay Lohan looked a tad too done up")


def test_an_article_leaves_its_photo_captions_out() -> None:
    html = (
        "<html><head><title>Council agrees budget</title></head><body><article><h1>Council agrees budget</h1>"
        f"<div class='image'><img src='/a.jpg'><div class='caption'><p>{CAPTION}</p></div></div>"
        f"<p>{PROSE * 3}</p></article></body></html>"
    )
    text = extract(html, "https://news.example/council-budget").text
    assert "compromise was found" in text and "Lohan" not in text


def test_a_page_without_prose_stays_empty() -> None:
    html = "<html><body><div class='caption'>Photo: AP</div><ul><li><a href='/a'>A</a></li></ul></body></html>"
    assert extract(html, "https://news.example/").text == ""


def _cards(card: str, n: int = 6) -> str:
    return (
        "<html><head><title>Videos | Example News</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main><h1>Videos</h1>{''.join(card.format(i=i) for i in range(n))}</main></body></html>"
    )


def test_a_section_of_video_cards_is_no_story_in_captions() -> None:
    # Each card's image and its caption's "Watch" link go to the same other page (RV1 D3).
    card = (
        "<div class='video-card'><a href='/v/{i}'><img src='/i/{i}.jpg'></a><div class='video-caption'>"
        "A firefighter carries a child from the burning building on Main Street as neighbours watch "
        "from across the road in the rain. <a href='/v/{i}'>Watch</a></div></div>"
    )
    assert extract(_cards(card), "https://news.example/videos").text == ""


def test_a_tag_page_of_captions_opening_with_their_headline_link_is_no_story() -> None:
    card = (
        "<div class='item'><div class='caption'><a href='/s/{i}'>Story number {i} about the fires in town</a> "
        "A firefighter carries a child from the burning building on Main Street as neighbours watch.</div></div>"
    )
    assert extract(_cards(card), "https://news.example/tag/fires").text == ""


@pytest.mark.timeout(60)
def test_sixteen_thousand_caption_cards_under_one_parent_are_read_in_bounded_time() -> None:
    # Each caption looks at a bounded part of itself and of the cards beside it. Here every
    # caption links where the one image at the end of their parent links: a scan of all
    # siblings per caption (1,000 captions x 16,000 siblings) took 15 s, bounded 0.6 s.
    card = "<div class='caption'>Words of a caption that is long enough to be prose here. <a href='/v/x'>Watch</a></div>"
    html = (
        "<html><body><main>" + card * 16_000 + "<a href='/v/x'><img src='/x.jpg'></a></main></body></html>"
    )
    started = time.monotonic()
    extract(html, "https://news.example/videos")
    assert time.monotonic() - started < 5
