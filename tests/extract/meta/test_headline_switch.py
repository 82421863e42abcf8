"""The byline and dateline region moves from the first `<h1>` to another heading stating the
story's title only where the `<h1>` states none and names no byline or date (review RV-A2
H2, L1 of 1d6e61e): a site-first or section-first `<title>` opens with a site's or a
section's name, which the header's or a box's `<h2>` prints too."""
from __future__ import annotations

import time

import pytest

from broadsheet.extract.meta import collect

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here, and it goes on. " * 4 + "</p>"
URL = "https://gazette.example.com/news/storm-hits-coast"
HEADER = (
    '<div id="page"><div class="wrap"><header id="masthead"><div class="container"><div class="row">'
    '<div class="col"><div class="branding"><h2 class="site-title"><a href="/">The Gazette</a></h2></div>'
    '<div class="top-date"><span class="date">Saturday, December 5, 2026</span></div></div></div></div></header>'
)
STORY = (
    '<div id="content"><article class="post"><h1 class="entry-title">Storm hits coast overnight</h1>'
    '<div class="entry-meta"><a class="author-name" href="/people/jd">Jane Doe</a> '
    f'<span class="posted-on-date">November 22, 2022</span></div>{PROSE}{PROSE}</article></div>'
)


@pytest.mark.parametrize(
    "head",
    [
        "<title>The Gazette | Storm hits coast overnight</title>",
        '<title>The Gazette</title><meta property="og:title" content="The Gazette">',
        "<title>The Gazette</title>",
    ],
    ids=["site-first-title", "og-title-site", "title-site-only"],
)
def test_the_headers_site_name_is_no_headline(read, head: str) -> None:
    meta = read(page(head, f"{HEADER}{STORY}</div>"), url=URL)
    assert (meta.authors, meta.date_published) == (["Jane Doe"], "2022-11-22")


def test_a_byline_by_the_first_h1_stays_where_the_title_opens_with_a_long_site_name(read) -> None:
    # the header's <h2> is four words long and opens the <title>; no og:site_name says
    # it is the site's: the byline and date by the first <h1> keep the region there
    header = HEADER.replace(">The Gazette<", ">The Springfield Daily Gazette<")
    head = "<title>The Springfield Daily Gazette | Storm hits coast overnight</title>"
    meta = read(page(head, f"{header}{STORY}</div>"), url=URL)
    assert (meta.authors, meta.date_published) == (["Jane Doe"], "2022-11-22")


def test_a_section_name_opening_the_title_is_no_headline(read) -> None:
    # "Section - Headline | Site": the section's <h2> over a box of other stories
    story = f'<div id="content"><article class="post"><h1 class="entry-title">Storm hits coast overnight</h1>{PROSE}{PROSE}</article></div>'
    more = (
        '<section class="section-block"><div class="inner"><h2 class="section-title">World</h2>'
        '<div class="story-item"><h3><a href="/x">Other story here</a></h3>'
        '<a class="author-name" href="/people/jr">John Roe</a></div></div></section>'
    )
    head = "<title>World - Storm hits coast overnight | The Gazette</title>"
    assert read(page(head, f'<div id="main">{story}{more}</div>'), url=URL).authors == []


def test_an_og_title_naming_the_site_names_no_headline(read) -> None:
    # og:title set to the site's name, which og:site_name states: a box's <h2> of four
    # words printing that name is the site's, not the story's
    head = (
        '<title>The Springfield Daily Gazette</title><meta property="og:title" content="The Springfield Daily Gazette">'
        '<meta property="og:site_name" content="The Springfield Daily Gazette">'
    )
    story = f'<div id="content"><article class="post"><h1 class="entry-title">Storm hits coast overnight</h1>{PROSE}</article></div>'
    about = (
        '<div class="about-box"><div class="inner"><h2>The Springfield Daily Gazette</h2>'
        '<p>Edited by <span class="author-name">Mary Major</span></p></div></div>'
    )
    assert read(page(head, f"{story}{about}"), url=URL).authors == []


def test_the_blogs_h1_still_gives_way_to_the_posts_h2(read) -> None:
    # whitehouse.gov's blog: nothing named a byline or a date by the blog's <h1>
    head = "<title>Wall Street Reform Two-Years Later | The White House</title>"
    body = (
        '<div id="header"><div class="blog-header"><h1><a href="/blog">The White House Blog</a></h1></div></div>'
        '<div id="content"><div class="upper-content"><h2 property="dc:title">Wall Street Reform Two-Years Later</h2>'
        '<div id="blog-post-info"><div class="post-info-user"><a href="/blog/author/bd" class="author-name">'
        f'Brian Deese</a></div></div></div><div class="lower-content">{PROSE}</div></div>'
    )
    assert read(page(head, body)).authors == ["Brian Deese"]


def test_many_headings_and_a_long_title_cost_little(read) -> None:
    # review RV-A2 L1: each heading compared with each part of a 120 KB <title>
    title = "Storm " * 20000 + "| x - y :: z / Site"
    h1s = "".join(f"<div><h1>Item {i} of the list</h1><p>x</p></div>" for i in range(2000))
    html = page(f"<title>{title}</title>", f"{h1s}<article>{PROSE}</article>")
    calls = 0
    stated_by = collect._StoryTitles.stated_by

    def counting(self: collect._StoryTitles, heading: str) -> bool:
        nonlocal calls
        calls += 1
        return stated_by(self, heading)

    collect._StoryTitles.stated_by = counting  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        read(html)
        elapsed = time.perf_counter() - start
    finally:
        collect._StoryTitles.stated_by = stated_by  # type: ignore[method-assign]
    assert calls <= 1 + 2 * 20  # the first <h1>, then 20 <h1>s and 20 <h2>s at most
    assert elapsed < 5
