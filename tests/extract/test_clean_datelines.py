"""Datelines and post details the body text leaves out: a date with its time behind a dash,
bar or bullet, a time before the date, the plain "Date:" labels, and a block of a few lines
each of which is such a detail ("Date: ..." / "Category: ..."). Sentences with dates stay."""
from __future__ import annotations

import time

import pytest

from broadsheet import extract
from broadsheet.extract.clean import clean_blocks
from broadsheet.model import Block

STORY = "The council met until late in the evening, and in the end a compromise was found for all sides."


def _kept(text: str) -> bool:
    blocks = [Block("paragraph", STORY), Block("paragraph", text), Block("paragraph", "The story goes on here.")]
    return len(clean_blocks(blocks)) == 3


@pytest.mark.parametrize(
    "line",
    [
        "Published November 20th, 2019 - 07:50 GMT",
        "November 20, 2019 - 11:28 AMT",
        "Wednesday, November 07, 2012 | 10:00 AM",
        "20. März 2021 - 15:00 Uhr",
        "10/12/20 - 10h02",
        "Domingo, Diciembre 6, 2020 - 07:32",
        "updated 4:01 PM EST, Wed November 7, 2012",
        "Updated 10:02 AM EST Nov 19, 2019",
        "Date: November 5, 2012",
        "Date:November 5, 2012",
        "Datum: 31/08/2019",
        "Fecha: 6 diciembre 2020",
        "Data: 5 novembre 2012",
    ],
)
def test_a_dateline_goes(line: str) -> None:
    assert not _kept(line)


@pytest.mark.parametrize(
    "block",
    [
        "Date:November 5, 2012\nCategory:Zillow News",
        "Posted by John Hunter\nCategories: Carnival",
        "Posted on August 9th, 2012 by lucky\nFiled under: Travel",
        "July 22, 2012\n01:52 PM EDT",
    ],
)
def test_a_block_of_post_details_one_a_line_goes(block: str) -> None:
    assert not _kept(block)


@pytest.mark.parametrize(
    "text",
    [
        "The 2012 election - 50 states, one night.",
        "Date night in Paris was fun and lasted until 10:30 pm",
        "Data from 2019 shows the growth slowed in the second half.",
        "Posted by John Hunter\nThe carnival is published twice a month with recent posts.",
        "Date: November 5, 2012\nCategory: News\nThe mayor opened the bridge.\nIt took three years.\nThen it rained.",
        "Meeting at 10:30 - November 5, 2012 was the day the plan changed for good.",
        "12.50 euro 3/4/2020",  # a price, then a date: a time needs am/pm, a zone or a separator (RV1 D5)
        "10:30 Nov 19, 2019 was cold",
    ],
)
def test_sentences_and_blocks_with_more_than_details_stay(text: str) -> None:
    assert _kept(text)


def test_extract_leaves_the_post_details_out_of_the_text() -> None:
    html = (
        "<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
        "<p>Date:November 5, 2012<br>Category:City News</p>"
        f"<p>{STORY} {STORY}</p><p>Published November 20th, 2019 - 07:50 GMT</p><p>{STORY}</p>"
        "</article></body></html>"
    )
    text = extract(html, "https://news.example/bridge-opens").text
    assert text == f"{STORY} {STORY}\n\n{STORY}"


@pytest.mark.timeout(20)
@pytest.mark.parametrize("line", ["1:11" + " " * 20_000 + "x", "Nov 1, 2012 -" + " " * 20_000 + "x", "1:11 am" + " " * 20_000 + "x"])
def test_a_long_run_of_blanks_after_a_time_or_a_date_is_read_in_linear_time(line: str) -> None:
    # A time before the date was first written with two optional blank runs side by side:
    # 2,000 blanks took 4.6 s, 20,000 would take minutes.
    from broadsheet.extract.patterns import DATE_LINE

    started = time.monotonic()
    assert DATE_LINE.match(line) is None
    assert time.monotonic() - started < 2.0


# A block of a few lines all of one kind is a list the story gives, not a post's details:
# directions ("By car ..." / "By train ..."), a verse whose lines open with "By", a run of
# dates or times. Post details mix kinds (a byline and a date, a date and a category). (RV1 D1)
@pytest.mark.parametrize(
    "block",
    [
        "By car: two hours from Berlin\nBy train: three hours",
        "By the river\nBy the sea\nBy the light of the moon",
        "Monday, 5 March 2020\nTuesday, 6 March 2020\nWednesday, 7 March 2020",
        "10:30\n11:00\n14:15",
    ],
)
def test_a_list_of_one_kind_stays(block: str) -> None:
    assert _kept(block)


@pytest.mark.parametrize(
    "block",
    [
        "Date: November 5, 2012\nCategory: News",
        "Posted by John Hunter\nCategories: Carnival",
        "July 22, 2012\n01:52 PM EDT",
        "By Jane Doe\nNovember 5, 2012\nTags: city, bridge",
    ],
)
def test_post_details_of_different_kinds_go(block: str) -> None:
    assert not _kept(block)


def test_a_story_line_after_the_trackback_address_stays() -> None:
    block = "TrackBack URL for this entry:\nhttps://example.typepad.com/t/123\nWe went to the lake that day."
    assert _kept(block)
    assert not _kept("TrackBack URL for this entry:\nhttps://example.typepad.com/t/123")
