"""The byline and dateline region moves from the first `<h1>` to another heading stating the
story's title only where the `<h1>` states none and no element after it named as a byline or
a date gives one (review RV-A2 H2, L1 of 1d6e61e; RV-A3 H1): a site-first or section-first
`<title>` opens with a site's or a section's name, which the header's or a box's `<h2>`
prints too; a masthead's harmless named elements keep no region by the blog's name."""
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


# review RV-A3 H1: a blog whose site-name <h1> sits deep in its header, the post's headline
# an <h2> further down, its byline and date beside it
_BLOG_HL = "Storm hits coast overnight in the north"


def _blog(extra: str) -> str:
    return (
        '<div id="page"><div id="header"><div class="c1"><div class="c2"><div class="c3">'
        f'{extra}<div class="c4"><div class="c5"><h1 class="site-name"><a href="/">The Example Blog</a></h1>'
        '</div></div></div></div></div></div><div id="content"><div class="w1"><div class="w2"><div class="w3">'
        f'<div class="w4"><div class="blog-post"><h2 property="dc:title">{_BLOG_HL}</h2>'
        '<div class="meta"><a class="author-name" href="/people/jd">Jane Doe</a> '
        f'<span class="post-date">November 22, 2022</span></div><div class="body">{PROSE}{PROSE}</div>'
        "</div></div></div></div></div></div></div>"
    )


@pytest.mark.parametrize(
    "extra",
    [
        "",
        '<div class="header-date">Saturday, December 5, 2026</div>',
        '<span class="current-time">10:42</span>',
        '<a class="newsletter-updates" href="/subscribe">Get updates</a>',
        '<a class="updates" href="/subscribe">Get</a>',
        '<a class="our-authors" href="/authors">Our authors</a>',
        '<div class="timeline-nav"></div>',
        '<div class="date"></div>',
    ],
    ids=["plain", "masthead-date", "clock", "updates-link", "updates", "our-authors", "timeline", "empty-date"],
)
def test_a_mastheads_named_elements_keep_no_region_by_the_blogs_h1(read, extra: str) -> None:
    head = f"<title>{_BLOG_HL} | The Example Blog</title>"
    meta = read(page(head, _blog(extra)), url="https://blog.example.com/2022/11/post-slug/")
    assert (meta.authors, meta.date_published) == (["Jane Doe"], "2022-11-22")


def test_a_byline_after_the_first_h1_keeps_the_region_there(read) -> None:
    # the byline stands after the first <h1>, which states no title: no switch to the
    # share box's <h2> printing the headline over another story's byline
    head = '<title>Storm hits coast overnight | The Gazette</title><meta property="og:title" content="Storm hits coast overnight">'
    story = STORY.replace('entry-title">Storm', 'entry-title"><span class="kicker">Exclusive</span> Storm')
    share = (
        '<div class="share-box"><div class="share-inner"><h2 class="share-title">Storm hits coast overnight</h2>'
        '<a href="#">Facebook</a></div><div class="next-up"><a class="author-name" href="/people/jr">John Roe</a> '
        '<span class="posted-on-date">November 20, 2022</span></div></div>'
    )
    meta = read(page(head, f'<div id="main">{story}{share}</div>'), url=URL)
    assert (meta.authors, meta.date_published) == (["Jane Doe"], "2022-11-22")


def test_a_date_after_the_first_h1_keeps_the_region_there(read) -> None:
    # review RV-A2 H2: "Section - Headline | Site", the story dated and bylined by no one,
    # the section's <h2> over a box of another story's byline and date
    story = (
        '<div id="content"><article class="post"><h1 class="entry-title">Storm hits coast overnight</h1>'
        f'<div class="entry-meta"><span class="posted-on-date">November 22, 2022</span></div>{PROSE}{PROSE}</article></div>'
    )
    more = (
        '<section class="section-block"><div class="inner"><h2 class="section-title">World</h2>'
        '<div class="story-item"><h3><a href="/x">Other story here</a></h3><a class="author-name" href="/people/jr">'
        'John Roe</a> <span class="posted-on-date">November 20, 2022</span></div></div></section>'
    )
    head = "<title>World - Storm hits coast overnight | The Gazette</title>"
    meta = read(page(head, f'<div id="main">{story}{more}</div>'), url=URL)
    assert (meta.authors, meta.date_published) == ([], "2022-11-22")


def test_a_footers_site_name_h2_is_no_headline(read) -> None:
    head = '<title>The Gazette</title><meta property="og:title" content="The Gazette">'
    story = f'<div id="content"><article class="post"><h1 class="entry-title">Storm hits coast overnight</h1>{PROSE}{PROSE}</article></div>'
    footer = '<footer><div><h2>The Gazette</h2><p class="author">Site by Acme Web Studio</p></div></footer>'
    assert read(page(head, f'<div id="main">{story}</div>{footer}'), url=URL).authors == []
