"""Review RV2: story subheads that open like an author box's heading, post details whose lines
share a kind, a bare time before a date, photo posts whose captions open with a linked name."""
from __future__ import annotations

import pytest

from broadsheet import extract
from broadsheet.extract.clean import clean_blocks
from broadsheet.extract.patterns import DATE_LINE
from broadsheet.model import Block

PARA = "<p>The negotiations went on through the night as both sides traded proposals about pay and residuals.</p>"


@pytest.mark.parametrize(
    "subhead",
    ["About the Writers Guild strike", "About the writer Toni Morrison", "Sobre el autor del crimen",
     "Über den Autor des Anschlags"],
)
def test_a_subhead_opening_like_an_author_box_keeps_the_story_after_it(subhead: str) -> None:
    html = (f"<html><head><title>Talks go on</title></head><body><article><h1>Talks go on</h1>{PARA * 4}"
            f"<h2>{subhead}</h2><p>After the subhead the story goes on with the studios' last offer to the union.</p>"
            f"{PARA * 2}</article></body></html>")
    assert "the studios' last offer" in extract(html, "https://news.example/a").text


def test_an_author_box_heading_still_ends_the_story() -> None:
    html = (f"<html><head><title>Talks go on</title></head><body><article><h1>Talks go on</h1>{PARA * 4}"
            "<h2>About the author</h2><p>Jane Doe covers labour for the paper and has written two books on unions.</p>"
            "</article></body></html>")
    assert "two books on unions" not in extract(html, "https://news.example/a").text


def _kept(text: str) -> bool:
    blocks = [Block("paragraph", "The council met until late in the evening, and a compromise was found."),
              Block("paragraph", text), Block("paragraph", "The story goes on here.")]
    return len(clean_blocks(blocks)) == 3


@pytest.mark.parametrize("block", ["By Jane Doe\nBy John Roe", "Published: November 5, 2012\nUpdated: November 6, 2012"])
def test_post_details_whose_lines_share_a_kind_go(block: str) -> None:
    assert not _kept(block)


@pytest.mark.parametrize("line", ["10:02 19.11.2019", "10:02 Nov 19, 2019", "10:02 19 November 2019"])
def test_a_bare_time_right_before_a_date_is_a_dateline(line: str) -> None:
    assert DATE_LINE.match(line)


CAPTION = ("looked a tad too done up after a night out at the Chateau Marmont on July 21. "
           "She got into the driver's seat of her car with a face full of lipstick and eyeliner. ")


def _photo_post(slide: str) -> str:
    slides = "".join(slide.format(i=i, caption=CAPTION * 2) for i in range(3))
    return ("<html><head><title>Lohan Goes Heavy on Makeup | Photos</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div class='story_body'><h1>Lohan Goes Heavy on Makeup</h1><div class='viewer'>{slides}</div></div>"
            "<div class='promo'><p>More photos from the week's parties are in our entertainment pages, every day. "
            "Send us yours from the red carpet too.</p></div></body></html>")


@pytest.mark.parametrize(
    "slide",
    [
        "<div class='slide'><img src='/p/{i}.jpg'><div class='caption'><p><a href='/people/lohan'>Lindsay Lohan</a> {caption}({i})</p></div></div>",
        "<div class='slide'><a href='/full/{i}.jpg'><img src='/p/{i}.jpg'></a><div class='caption'><p>Lindsay Lohan {caption}({i}) <a href='/full/{i}.jpg'>Enlarge</a></p></div></div>",
    ],
)
def test_a_photo_posts_captions_with_a_linked_name_or_an_enlarge_link_are_its_story(slide: str) -> None:
    text = extract(_photo_post(slide), "https://blog.example/2012/11/photos").text
    assert all(f"({i})" in text for i in range(3))


def _site_page(i: int) -> str:
    paras = "".join(f"<p>Paragraph {j} of story {i} tells something new about topic {i * 7 + j} with enough words.</p>"
                    for j in range(4))
    links = "".join(f"<li><a href='/x{i}{k}'>Source document {i} number {k}</a></li>" for k in range(3))
    return (f"<html><head><title>Story {i}</title><meta name=description content='A blog about things'></head>"
            f"<body><article><h1>Story {i}</h1>{paras}<ul>{links}</ul>{paras.replace('Paragraph', 'Para')}</article></body></html>")


def test_a_site_description_alone_in_a_profile_drops_the_description_and_changes_no_body() -> None:
    from broadsheet.extract import extract_and_learn
    from broadsheet.extract.profile import SiteProfile

    profile = SiteProfile.learned(extract_and_learn(_site_page(i), f"https://blog.example/{i}")[1] for i in range(4))
    alone = extract(_site_page(9), "https://blog.example/9")
    profiled = extract(_site_page(9), "https://blog.example/9", profile=profile)
    assert alone.description == "A blog about things" and profiled.description is None
    assert profiled.text == alone.text
