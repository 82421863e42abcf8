"""DOM readers: headline, bylines, <time>, datelines, outside comments and related lists."""
from __future__ import annotations

import importlib

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet import extract
from broadsheet.extract.meta.dom import (
    ForeignCheck,
    bylines_near_headline,
    read_bylines,
    read_datelines,
    read_h1,
    read_times,
    text_near_headline,
)

from .conftest import page


def _tree(body: str) -> LexborHTMLParser:
    return LexborHTMLParser(page(body=body))


def test_h1_outside_site_chrome() -> None:
    tree = _tree('<nav><h1>Menu</h1></nav><article><h1>The  real\nheadline</h1></article>')
    assert read_h1(tree.css("h1"), ForeignCheck()) == ["The real headline"]


def test_bylines_skip_bios_comments_and_related() -> None:
    tree = _tree(
        '<div class="byline">By <a rel="author" href="/jane">Jane Doe</a></div>'
        '<div class="author-bio">Jane has written for many years about many things.</div>'
        '<div class="comments"><span class="author">Troll</span></div>'
        '<aside><span class="byline">Other Writer</span></aside>'
    )
    nodes = tree.css("[class*=byline i],[class*=author i],[rel~=author]")
    assert read_bylines(nodes, ForeignCheck()) == ["By Jane Doe", "Jane Doe"]


def test_times_by_role_and_related_dates_ignored() -> None:
    tree = _tree(
        '<time class="published" datetime="2023-06-04T16:20">x</time>'
        '<time class="updated" datetime="2023-06-05T10:00">y</time>'
        '<time>4 June 2023</time>'
        '<div class="related-articles"><time datetime="2020-01-01">old</time></div>'
    )
    found = read_times(tree.css("time"), ForeignCheck())
    assert found == {"published": ["2023-06-04T16:20"], "modified": ["2023-06-05T10:00"], "any": ["4 June 2023"]}


def test_datelines() -> None:
    tree = _tree('<p class="article-date">Published 4 June 2023</p><p class="last-updated">5 June</p><ul class="latest"><li><span class="date">1 May 2020</span></li></ul>')
    assert read_datelines(tree.css("[class*=date i]"), ForeignCheck()) == ["Published 4 June 2023"]


def test_foreign_check_remembers_ancestors() -> None:
    tree = _tree('<div class="sidebar"><div><p id="a">x</p><p id="b">y</p></div></div><article><p id="c">z</p></article>')
    check = ForeignCheck()
    assert check(tree.css_first("#a")) and check(tree.css_first("#b"))
    assert not check(tree.css_first("#c"))


@pytest.mark.parametrize("first", ["deep", "shallow"])
def test_foreign_check_does_not_depend_on_which_node_asks_first(first: str) -> None:
    """A verdict is exact however deep the node (it stopped 60 levels up, and the chain it
    remembered then decided for the nodes asked after it)."""
    inner = "<span id='deep'>1 Jan 2020</span>"
    for level in range(90, 0, -1):
        inner = f"<div>{'<a id=shallow>Commenter</a>' if level == 20 else ''}{inner}</div>"
    tree = _tree(f"<article><p id='own'>Story</p></article><aside class='comments'>{inner}</aside>")
    check = ForeignCheck()
    second = "shallow" if first == "deep" else "deep"
    assert check(tree.css_first(f"#{first}")) and check(tree.css_first(f"#{second}"))
    assert not check(tree.css_first("#own"))


def test_a_commenter_deep_in_the_comments_is_not_the_author() -> None:
    story = "<p>" + "The council met on Tuesday and voted on the new budget plan for the city. " * 8 + "</p>"
    inner = "<time datetime='2020-01-01'>1 Jan 2020</time>"
    for level in range(70, 0, -1):
        inner = f"<div>{'<a rel=author href=/u/troll>Troll McTroll</a>' if level == 20 else ''}{inner}</div>"
    page = (f"<html><head><title>Headline here</title></head><body><article><h1>Headline here</h1>{story}"
            f"</article><aside class='comments'>{inner}</aside></body></html>")
    assert extract(page, "http://paper.example/2024/story").authors == []


def test_text_near_headline_and_byline_lines() -> None:
    text = "Menu\nHome\nToday 1 January 2024\nThe Headline\n\nvon Daniela Obers\nBody text starts here."
    assert text_near_headline(text, ["Missing", "The Headline"]).startswith("Menu")
    assert bylines_near_headline(text, ["The Headline"]) == ["von Daniela Obers"]
    assert bylines_near_headline("The Headline\nAutor:\nFritz Imhof\n", ["The Headline"]) == ["Fritz Imhof"]
    assert bylines_near_headline("The Headline\nvon seinem Vorgänger unterscheidet\n", ["The Headline"]) == []
    assert bylines_near_headline(text, ["Not on the page"]) == []
    # A headline standing on its own line wins over an earlier mention in a breadcrumb.
    crumbs = "Home > The Headline today\nThe Headline\nBy Site Name\nWritten by:\nJulie Mollins\n"
    assert bylines_near_headline(crumbs, ["The Headline"]) == ["By Site Name", "Julie Mollins"]


def test_scan_window_ends_at_prose_not_at_code() -> None:
    code = "var x = {a: 1}; " * 20
    prose = "A sentence of the story that goes on and on for a long while, " * 4
    text = f"Head\nThe Headline\n{code}\n19.10.2019 07:49 Uhr\n{prose}\n{prose}\nRelated: 1 January 2020"
    near = text_near_headline(text, ["The Headline"])
    assert "19.10.2019" in near and "1 January 2020" not in near


def test_story_footer_is_the_story_s_but_a_teaser_inside_an_aside_is_not() -> None:
    tree = _tree(
        '<div class="content--sidebar"><article><h1>H</h1><p>Text</p>'
        '<footer><span class="byline">Jane Doe</span></footer></article></div>'
        '<footer><span class="byline">Site Footer Person</span></footer>'
        '<aside><article><span class="byline">Teaser Writer</span></article></aside>'
    )
    nodes = tree.css("[class*=byline i]")
    assert read_bylines(nodes, ForeignCheck()) == ["Jane Doe"]


def test_link_holding_a_heading_is_a_teaser() -> None:
    tree = _tree(
        '<article><h1>Story</h1><div class="byline">By Jane Doe</div>'
        '<a href="/other"><h3>Other story</h3><span class="byline">By Teaser Writer</span></a></article>'
    )
    assert read_bylines(tree.css("[class*=byline i]"), ForeignCheck()) == ["By Jane Doe"]


def test_class_names_of_the_story_element_itself_are_not_read() -> None:
    # WordPress labels a post's <article> with its tags and categories: "tag-menu".
    tree = _tree('<article class="post tag-menu category-feed"><h1>The headline</h1></article>')
    assert read_h1(tree.css("h1"), ForeignCheck()) == ["The headline"]


def test_byline_after_a_label_line() -> None:
    text = "The Headline\nVon\nRoland Brockmann\nBody"
    assert bylines_near_headline(text, ["The Headline"]) == ["Roland Brockmann"]
    assert bylines_near_headline("The Headline\n| By\nCara Stiles\n", ["The Headline"]) == ["Cara Stiles"]
    assert bylines_near_headline("The Headline\n11.12.2019 - Amelie Loevenich\n", ["The Headline"]) == []


def test_nested_bylines_and_datelines_read_their_text_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each element read reads its whole subtree: nested ones around a long text would read
    it once each (a thousand of them around 16 MB: over 30 s). The loop stops once the
    budget is spent, so the innermost byline is never reached here."""
    long_text = "word " * 2_000
    nested = "".join(f'<div class="byline"><div class="date">' for _ in range(50))
    body = f"{nested}<span class=byline>By Jane Roe</span><span class=date>4 June 2023</span>{long_text}"
    tree = _tree(body)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == ["By Jane Roe"]
    assert read_datelines(tree.css("[class]"), ForeignCheck()) == ["By Jane Roe", "4 June 2023"]  # a byline may date
    monkeypatch.setattr(importlib.import_module("broadsheet.extract.meta.dom"), "MAX_READ_CHARS", 50_000)  # five outer elements' reads
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == []
    assert read_datelines(tree.css("[class]"), ForeignCheck()) == []
