"""A post's metadata block printed as an `<aside>` or as a list's items (`aside.post-meta`,
`ul.post-meta > li`) is foreign for its tag, the story's own too: teasers of other stories
print the same block, in boxes whose names the foreign check does not read above the
story's `<article>` (a widget, a sidebar, a site footer, a bare column, a box with no
heading). An exemption for the story's own block (1d6e61e, baefa75) gained two sites and
let teasers' authors, categories and tags into the story in every form tried to tell them
apart (reviews RV-A2 H1/L2, RV-A3 M1/M2): it was taken out, and these hold the older rule."""
from __future__ import annotations

import pytest

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here, and it goes on. " * 4 + "</p>"
HEAD = "<title>Storm hits coast overnight | Blog</title>"
URL = "https://blog.example.com/storm-hits-coast/"


def _meta(who: str, cat: str, tag: str, day: str, cls: str = "post-meta") -> str:
    return (
        f'<ul class="{cls}"><li class="post-date"><time datetime="{day}">{day}</time></li>'
        f'<li class="post-author"><a href="/author/{who.split()[0].lower()}/" rel="author">{who}</a></li>'
        f'<li class="post-category"><a href="/category/{cat.lower()}/" rel="category tag">{cat}</a></li>'
        f'<li class="post-tags"><a href="/tag/{tag.lower()}/" rel="tag">{tag}</a></li></ul>'
    )


def _teaser(cls: str = "post-meta") -> str:
    return (
        '<article class="post"><h3><a href="/p1/">Another story number 1</a></h3>'
        f'{_meta("John Roe", "Sports", "Football", "2022-10-01", cls)}</article>'
    )


def _item() -> str:
    return (
        '<div class="post-item"><a href="/p1/" class="title">Another story number one</a>'
        f'{_meta("John Roe", "Sports", "Football", "2022-10-01")}</div>'
    )


STORY = f'<article class="post hentry"><h1 class="entry-title">Storm hits coast overnight</h1>{PROSE}{PROSE}</article>'
STORY_OWN = (
    '<article class="post hentry"><h1 class="entry-title">Storm hits coast overnight</h1>'
    f'{_meta("Jane Doe", "Weather", "Storms", "2022-11-22")}{PROSE}{PROSE}</article>'
)


@pytest.mark.parametrize(
    "body",
    [
        f'<main>{STORY}<section class="more-posts"><h2>More posts</h2>{_teaser()}</section></main>',
        f'<main>{STORY}</main><div class="recent-posts"><h2>Recent</h2>{_teaser()}</div>',
        f'<main>{STORY}<div class="you-may-also-like">{_teaser("entry-meta")}</div></main>',
        f'<main>{STORY}</main><footer class="site-footer"><div class="col">{_teaser()}</div></footer>',
        f'<main>{STORY}</main><div class="widget widget_recent">{_teaser()}</div>',
        f'<div class="content">{STORY}</div><div id="sidebar" class="sidebar">{_teaser()}</div>',
        f'<div class="row"><div class="col-md-8">{STORY}</div><div class="col-md-4"><h3>Latest</h3>{_teaser()}</div></div>',
        # review RV-A3 M2: a teaser with no heading, in a box with no heading
        f'<div class="row"><div class="col-md-8">{STORY}</div><div class="col-md-4">{_item()}{_item()}</div></div>',
        f'<main>{STORY}<div class="post-list">{_item()}</div></main>',
    ],
    ids=[
        "more-posts",
        "recent-posts",
        "entry-meta",
        "site-footer",
        "widget",
        "sidebar",
        "bare-column",
        "headingless-column",
        "post-list-below",
    ],
)
def test_a_teasers_post_meta_gives_the_story_nothing(read, body: str) -> None:
    meta = read(page(HEAD, body), url=URL)
    assert (meta.authors, meta.section, meta.tags) == ([], None, [])


def test_a_teasers_category_and_tags_in_a_box_inside_the_storys_article(read) -> None:
    # review RV-A3 M2 (its author comes in by its rel=author inside the <article>, as before)
    body = (
        f'<main><article class="post hentry"><h1>Storm hits coast overnight</h1>{PROSE}'
        f'<div class="more-from-author">{_item()}</div></article></main>'
    )
    meta = read(page(HEAD, body), url=URL)
    assert (meta.section, meta.tags) == (None, [])


def test_the_storys_own_post_meta_list_gives_no_category_or_tags(read) -> None:
    # its items are foreign for their tag: the story's category and tags are not read from
    # them, and the teasers' are not merged in; its rel=author and <time> still count
    body = f'<main>{STORY_OWN}<section class="more-posts"><h2>More posts</h2>{_teaser()}</section></main>'
    meta = read(page(HEAD, body), url=URL)
    assert (meta.authors, meta.date_published, meta.section, meta.tags) == (["Jane Doe"], "2022-11-22", None, [])


def test_an_aside_post_meta_in_a_teaser_of_a_box_of_any_name(read) -> None:
    # review RV-A2 L2: no <article>, a box name the foreign check does not know
    body = (
        f'<main>{STORY}<div class="more-from-author"><div class="item"><h3><a href="/p1/">Other</a></h3>'
        '<aside class="post-meta"><span class="date">October 1, 2022</span></aside></div></div></main>'
    )
    assert read(page(HEAD, body), url=URL).date_published is None


def test_a_teaser_article_holding_no_heading(read) -> None:
    body = (
        f'<div class="col">{STORY}<article class="mini"><a href="/p1/">Another story</a>'
        f'{_meta("John Roe", "Sports", "Football", "2022-10-01")}</article></div>'
    )
    meta = read(page(HEAD, body), url=URL)
    assert (meta.authors, meta.section, meta.tags) == ([], None, [])


def test_a_post_meta_under_an_h2_headline_below_the_sites_h1_gives_no_author(read) -> None:
    # coolboom.net (dragnet R882): the <h1> is the site's name, the post's headline an <h2>
    # over its ul.postmeta, no <article>. Its category link is no author (7460a9f's text
    # rule made 'Interior Design' one), and the list's items are foreign as any list's
    body = (
        '<div class="left_column"><h1><a href="/">Coolboom. Architecture and Interior Design News</a></h1>'
        '<div class="post_wrap"><div class="post" id="post-13914">'
        '<h2><a href="/interior-design/lexington-avenue-agency/" rel="bookmark">Lexington Avenue Agency</a></h2>'
        '<ul class="postmeta"><li class="date">October 19, 2012</li><li class="category">'
        '<a href="/category/interior-design/" rel="category tag">Interior Design</a></li></ul>'
        f"{PROSE}{PROSE}</div></div></div>"
    )
    meta = read(page("<title>Lexington Avenue Agency | Coolboom</title>", body))
    assert (meta.authors, meta.section, meta.tags) == ([], None, [])
