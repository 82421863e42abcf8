"""The author-archive-link reader on hostile pages: its walk over the links by the
headline stays bounded (links looked at, text read, walks up remembered), and its path
test reads a bounded head of each href in linear time."""
from __future__ import annotations

import time

import pytest

from broadsheet import Article, extract

STORY = "<p>" + "The council met on Tuesday to agree the budget for the coming year. " * 4 + "</p>"


def fast(html: str, seconds: float = 3.0) -> Article:
    """extract() of a page, which must take under `seconds` (CPU) even on a busy machine."""
    start = time.process_time()
    article = extract(html, "https://news.example/2024/05/a-story")
    spent = time.process_time() - start
    assert spent < seconds, f"extract took {spent:.1f} s"
    return article


def story(near_headline: str) -> str:
    body = f"<article><h1>A story</h1>{near_headline}{STORY}</article>"
    return f"<html><head><title>A story</title></head><body>{body}</body></html>"


@pytest.mark.timeout(60)
def test_100000_hidden_archive_links_deep_down() -> None:
    """Every link an archive's with a name, all hidden 1,000 levels down: at most
    `MAX_SCANNED` are looked at and each ancestor chain is walked once."""
    links = '<a href="/author/jo-roe/">Jo Roe</a>' * 100_000
    hidden = "<div style='display:none'>" + "<div>" * 1000 + links + "</div>" * 1001
    assert fast(story(hidden)).authors == []


@pytest.mark.timeout(60)
def test_megabyte_hrefs_are_judged_by_their_head() -> None:
    """Hrefs of 2 MB that a path test would scan to the end ("/author" then letters, no
    slash): only their first characters are read; an archive named there still counts."""
    junk = "".join(f'<a href="/author{"x" * 2_000_000}{j}">Jo Roe</a> ' for j in range(5))
    assert fast(story(f"<div>{junk}</div>")).authors == []
    named = f'<span><a href="/author/jane-doe/{"x" * 2_000_000}">Jane Doe</a></span>'
    assert fast(story(named)).authors == ["Jane Doe"]


@pytest.mark.timeout(60)
def test_links_around_long_texts_read_a_bounded_amount() -> None:
    """Archive links each wrapping 100 KB of text: the text read stops at the budget."""
    big = "<a href='/author/jo-roe/'><p>" + "word " * 20_000 + "</p></a>"
    assert fast(story(big * 300)).authors == []
