"""`skip_reason` on a record URL with one long path segment stays linear (audit RX, task
FX-RX): the slug pattern tried every start of the segment (quadratic: 63 s on a
384 KB segment before); the bound is generous for linear code on a slow shared machine."""
import time

import pytest

from broadsheet import Article, Block
from broadsheet.run.keep import skip_reason

PROSE = "Some ordinary sentence of the story text goes here, with enough words in it to count. " * 30


def _article(path: str) -> Article:
    return Article(url="https://news.example" + path, title="A story", text=PROSE, blocks=[Block("paragraph", PROSE)])


@pytest.mark.timeout(20)
def test_a_long_path_segment_without_hyphens_is_linear():
    started = time.monotonic()
    assert skip_reason(_article("/" + "a" * 384 * 1024)) is None
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "path", ["/news/a-long-story-slug", "/2024/03/story", "/story/1234567", "/a-b/c-d-e-f", "/x---y"]
)
def test_story_paths_are_still_told(path):
    """A list page is no index page where its path names one story (three hyphens in a segment,
    a date, a long number); with hyphens spread over segments it is one."""
    teasers = [Block("list_item", f"Headline number {n}") for n in range(20)]
    page = Article(url="https://news.example" + path, title="Stories", text=PROSE, blocks=teasers)
    assert skip_reason(page) is None
    assert skip_reason(Article(url="https://news.example/a-b/c-d/e", title="Stories", text=PROSE, blocks=teasers)) == "index page"
