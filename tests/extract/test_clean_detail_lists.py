"""A block of a few lines all of one kind is a list the story gives, not a post's details:
directions ("By car ..." / "By train ..."), a verse whose lines open with "By", a run of
dates or times. Post details mix kinds (a byline and a date, a date and a category)."""
from __future__ import annotations

import pytest

from broadsheet.extract.clean import clean_blocks
from broadsheet.model import Block

STORY = "The council met until late in the evening, and in the end a compromise was found for all sides."


def _kept(text: str) -> bool:
    blocks = [Block("paragraph", STORY), Block("paragraph", text), Block("paragraph", "The story goes on here.")]
    return len(clean_blocks(blocks)) == 3


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
