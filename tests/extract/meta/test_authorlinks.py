"""Bylines printed as links to the author's archive page ("/author/jane-doe/"), read by
the headline where no structured source and no byline element names the author."""
from __future__ import annotations

import importlib

import pytest

from broadsheet.extract.meta.authorlinks import is_author_archive

from .conftest import page

STORY = "<p>" + "The council met on Tuesday to agree the budget for the coming year. " * 3 + "</p>"
LD_AUTHOR = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Jane Doe"}}</script>'


def story(meta_line: str, after: str = "") -> str:
    return page("", f"<article><h1>Ministers agree on a plan</h1>{meta_line}{STORY}{after}</article>")


@pytest.mark.parametrize(
    "href",
    [
        "https://paper.example/author/jane-doe/",
        "/authors/jane-doe",
        "https://paper.example/de/autoren/Jane-Doe",
        "/autorin/jane-doe/",
        "/auteur/jane-doe",
        "/autore/jane-doe/",
        "/journalist/jane-doe",
        "/profile/jane-doe",
        "/staff/jane-doe/",
        "/writers/jane-doe",
        "/columnists/jane-doe",
        "https://paper.example/?author=3",
    ],
)
def test_archive_paths_of_common_cmses_are_author_archives(href: str) -> None:
    assert is_author_archive(href)


@pytest.mark.parametrize(
    "href",
    [
        "https://creativecommons.org/licenses/by/4.0/",  # a licence: "Creative Commons Attribution"
        "/author/",  # the list of all authors, no one's archive
        "/2024/05/authority-reform",
        "https://social.example/profile.php?id=4",
        "/news/people-power/",
        "/topics/people/donald-trump.html",  # a topic page on a public figure, linked from the text
    ],
)
def test_other_links_are_not(href: str) -> None:
    assert not is_author_archive(href)


def test_an_archive_link_under_the_headline_is_the_byline(read) -> None:
    """WordPress themes print "By <a href=/author/x/>Jane Doe</a>" in a span named for
    layout, without rel=author: no byline element and no structured source names her."""
    html = story('<div class="post-meta">Posted in News by <a href="/author/jane-doe/">Jane Doe</a></div>')
    meta = read(html)
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "dom"


def test_the_links_of_one_byline_are_read_together(read) -> None:
    links = (
        '<a href="/ueber-uns/autoren/Clara-Roe">Clara Roe</a>, '
        '<a href="/ueber-uns/autoren/Sid-Poe">Sid Poe</a> & <a href="/ueber-uns/autoren/Klaus-Moe">Klaus Moe</a>'
    )
    box = '<div class="author-box"><a href="/autoren/Jon-Doe">Jon Doe</a></div>'
    meta = read(story(f"<span>{links}</span>", after=box))
    assert meta.authors == ["Clara Roe", "Sid Poe", "Klaus Moe"]


def test_teasers_menus_hidden_links_and_other_words_are_not_bylines(read) -> None:
    teaser = '<aside><a href="/author/max-weber/">Max Weber</a></aside>'
    hidden = '<span hidden><a href="/author/ann-poe/">Ann Poe</a></span>'
    words = '<a href="/authors/all-staff">All Authors</a><a href="/author/jane-doe/">jane</a>'
    licence = '<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution</a>'
    meta = read(story(teaser + hidden + words + licence))
    assert meta.authors == []


def test_an_archive_link_far_from_the_headline_is_not_read(read) -> None:
    """The headline's neighbourhood only: five levels above the <h1>, not the site's menu."""
    deep = "<div>" * 6 + "<h1>Ministers agree on a plan</h1>" + STORY + "</div>" * 6
    html = page("", f'<div class="top"><a href="/author/jane-doe/">Jane Doe</a></div>{deep}')
    assert read(html).authors == []


def test_the_links_are_read_only_where_the_merge_asks(read, monkeypatch) -> None:
    collect = importlib.import_module("broadsheet.extract.meta.collect")
    calls: list[int] = []
    real = collect.read_author_links
    monkeypatch.setattr(collect, "read_author_links", lambda *args: calls.append(1) or real(*args))
    link = '<span><a href="/author/jane-doe/">Jane Doe</a></span>'
    meta = read(page(LD_AUTHOR, f"<article><h1>Ministers agree</h1>{link}{STORY}</article>"))
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "json-ld" and calls == []
    byline = '<div class="byline">By John Roe</div>'
    meta = read(story(byline + link))  # a byline element comes first
    assert meta.authors == ["John Roe"] and calls == []
    meta = read(story(link))
    assert meta.authors == ["Jane Doe"] and calls == [1]
