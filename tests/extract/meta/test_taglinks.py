"""Tag links without rel=tag: a link to a tag page inside a box named for tags."""
from __future__ import annotations

import importlib

from broadsheet.extract.meta import taglinks
from broadsheet.extract.meta.taglinks import names_tag_box

from .conftest import page

STORY = "<article><h1>Ministers agree on a plan</h1><p>" + "Words of the story. " * 20 + "</p>{extra}</article>"


def _links(box_class: str, items: list[tuple[str, str]], item_tag: str = "li") -> str:
    inner = "".join(f'<{item_tag}><a href="{href}">{text}</a></{item_tag}>' for href, text in items)
    return f'<div class="{box_class}"><ul>{inner}</ul></div>'


def test_tag_page_links_in_a_tag_box_are_the_tags(read) -> None:
    box = _links("tags-list", [("/topics/abc1/new-york", "New York"), ("/topics/xyz2/budget", "Budget")])
    meta = read(page("", STORY.format(extra=box)))
    assert meta.tags == ["New York", "Budget"] and meta.sources["tags"] == "dom"


def test_each_convention_of_tag_pages(read) -> None:
    for href in ("/tag/eu/", "/tags/eu", "/thema/eu/", "/argomenti/eu", "/search/label/EU", "/taxonomy/term/12"):
        box = _links("entry-tags", [(href, "EU")], item_tag="span")
        assert read(page("", STORY.format(extra=box))).tags == ["EU"], href


def test_a_tag_box_needs_tag_page_links(read) -> None:
    box = _links("tags", [("/politik/", "Politik"), ("/wirtschaft/", "Wirtschaft")])
    assert read(page("", STORY.format(extra=box))).tags == []


def test_tag_page_links_outside_a_tag_box_are_not_tags(read) -> None:
    box = _links("story-footer", [("/tag/eu/", "EU"), ("/tag/budget/", "Budget")])
    assert read(page("", STORY.format(extra=box))).tags == []


def test_tag_clouds_menus_and_sidebars_are_not_the_story_tags(read) -> None:
    cloud = _links("widget_tag_cloud", [("/tag/eu/", "EU")], item_tag="span")
    menu = f'<nav class="topics">{_links("tags", [("/tag/sport/", "Sport")])}</nav>'
    aside = f'<aside>{_links("tags", [("/tag/wetter/", "Wetter")])}</aside>'
    meta = read(page("", STORY.format(extra="") + cloud + menu + aside))
    assert meta.tags == []


def test_rel_tag_links_come_first(read) -> None:
    rel = '<p class="meta"><a rel="tag" href="/tag/eu/">EU</a></p>'
    box = _links("tags", [("/tag/budget/", "Budget")])
    assert read(page("", STORY.format(extra=rel + box))).tags == ["EU"]


def test_names_of_tag_boxes() -> None:
    for names in ("tags", "entry__tags", "tagsList-tags", "article-topics", "post-labels", "field-name-field-tags"):
        assert names_tag_box(names), names
    for names in ("tagline", "stage", "hashtag", "widget_tag_cloud", "tagcloud", "label label-info"):
        assert not names_tag_box(names), names
    assert names_tag_box("field field--name-field-tags field--label-hidden")


def test_a_field_shown_without_label_or_a_badge_is_no_tag_box(read) -> None:
    field = (
        '<div class="field field--name-field-dossier field--label-hidden field__items">'
        '<div class="field__item"><a href="/themen/recht/">Recht</a></div></div>'
    )
    badge = '<span class="label label-info"><a href="/themen/video/">Video</a></span>'
    assert read(page("", STORY.format(extra=field + badge))).tags == []


def test_tags_in_the_footer_of_an_hatom_entry_are_the_story_tags(read) -> None:
    body = (
        '<div class="post hentry"><h1>Ministers agree on a plan</h1><p>' + "Words. " * 40 + "</p>"
        '<div class="post-footer"><a rel="tag" href="/tag/eu/">EU</a></div></div>'
    )
    assert read(page("", body)).tags == ["EU"]


def test_bloggers_posts_widget_is_the_story(read) -> None:
    body = (
        '<div class="widget Blog" id="Blog1"><div class="post hentry"><h1>Ministers agree on a plan</h1>'
        "<p>" + "Words. " * 40 + '</p><div class="post-footer"><span class="post-labels">'
        '<a rel="tag" href="/search/label/EU">EU</a></span></div></div></div>'
        '<div class="widget Label" id="Label1"><a rel="tag" href="/search/label/Sport">Sport</a></div>'
    )
    assert read(page("", body)).tags == ["EU"]


def test_tag_links_are_read_only_where_no_better_tags_came_first(read, monkeypatch) -> None:
    meta_package = importlib.import_module("broadsheet.extract.meta")
    calls = []
    real = meta_package.read_tag_links
    monkeypatch.setattr(meta_package, "read_tag_links", lambda tree: calls.append(1) or real(tree))
    box = _links("tags", [("/tag/budget/", "Budget")])
    head = '<meta property="article:tag" content="Europe">'
    assert read(page(head, STORY.format(extra=box))).tags == ["Europe"] and calls == []
    assert read(page("", STORY.format(extra=box))).tags == ["Budget"] and calls == [1]


class _Anchor:
    """Stands for a parsed link: `_tag_page_links` reads only `attrs`."""

    def __init__(self, href: str | None) -> None:
        self.attrs = {"href": href}


def test_one_pass_over_the_joined_paths_picks_what_one_search_per_link_picks() -> None:
    hrefs = [
        "/tag/eu/", "/news/eu/", "", None, "/tags/eu?ref=/tag/x/", "/story?from=/tag/eu/",
        "/tag/a/topics/b/", "/Tag/EU/", "/\u017fchlagworte/eu/", "/\u212aeywords/x/", "/tag/", "/tagx", "/search/label/EU",
        "/thema/eu/?", "?/tag/eu/",
    ]
    anchors = [_Anchor(href) for href in hrefs]
    alone = [a for a in anchors if a.attrs["href"] and taglinks._PATH.search(a.attrs["href"].split("?", 1)[0])]
    assert taglinks._tag_page_links(anchors) == alone  # type: ignore[arg-type]
    assert [a.attrs["href"] for a in alone] == [
        "/tag/eu/", "/tags/eu?ref=/tag/x/", "/tag/a/topics/b/", "/Tag/EU/", "/\u017fchlagworte/eu/",
        "/\u212aeywords/x/", "/tag/", "/search/label/EU", "/thema/eu/?",
    ]
    # A separator inside an href (the parser never leaves one) falls back to a search per link.
    with_separator = [_Anchor("/news/a\x00/tag/b/"), _Anchor("/x/\x00/y/"), _Anchor("/tag/eu/")]
    assert taglinks._tag_page_links(with_separator) == [with_separator[0], with_separator[2]]  # type: ignore[arg-type]
    assert taglinks._tag_page_links([]) == []


def test_all_ascii_hrefs_lower_cased_pick_what_the_case_blind_search_picks() -> None:
    """Where every href is ASCII they are lower-cased and scanned case-bound (`_ASCII_PATH`):
    the same links as a case-blind search of each."""
    hrefs = [
        "/TAG/EU/", "/Tags/eu?ref=/TAG/x/", "/News/Topics/", "/THEMA/eu/", "/x/TaXoNoMy/TERM/12/", "/tagX1/", "/Label/",
        "/search/LABEL/EU", "/etiquetas/EU/", "/nothing/here/",
    ]
    anchors = [_Anchor(href) for href in hrefs]
    assert all(href.isascii() for href in hrefs)
    alone = [a for a in anchors if taglinks._PATH.search((a.attrs["href"] or "").split("?", 1)[0])]
    assert taglinks._tag_page_links(anchors) == alone  # type: ignore[arg-type]
    assert [a.attrs["href"] for a in alone] == [
        "/TAG/EU/", "/Tags/eu?ref=/TAG/x/", "/News/Topics/", "/THEMA/eu/", "/x/TaXoNoMy/TERM/12/", "/Label/",
        "/search/LABEL/EU", "/etiquetas/EU/",
    ]


def test_an_svg_link_among_the_links_is_read_as_one_without_an_href(read) -> None:
    """`a[href]` matches an SVG link's `xlink:href`, which `attrs["href"]` does not name:
    the hrefs are then read one by one, as before, and the tags still found."""
    svg = '<svg><a xlink:href="/tag/svg/"><text>svg</text></a></svg>'
    box = _links("tags-list", [("/topics/abc1/new-york", "New York"), ("/topics/xyz2/budget", "Budget")])
    meta = read(page("", STORY.format(extra=svg + box)))
    assert meta.tags == ["New York", "Budget"] and meta.sources["tags"] == "dom"


def test_a_tag_box_named_as_navigation_or_a_site_list_is_not_the_story_tags(read) -> None:
    # The box's own name says what it is: a site's "In the news" topics in a nav layout, a
    # WordPress navigation-menu widget of trending tags; the story's own box still counts.
    nav = _links("nav_layout nav_topics", [("/topics/weather.htm", "Weather News")])
    widget = _links("widget tags widget_nav_menu", [("/tag/apple/", "Apple")])
    trending = _links("trending-tags", [("/tag/android/", "Android")])
    own = _links("related-topics", [("/topics/aurora.htm", "Aurora")])
    meta = read(page("", nav + widget + trending + STORY.format(extra=own)))
    assert meta.tags == ["Aurora"]


def test_names_of_site_lists() -> None:
    for names in ("nav_layout nav_topics", "widget_nav_menu tags", "trending-tags", "popular-topics"):
        assert taglinks._SITE_LIST.search(names), names
    # A bare navigation word is judged by the box's place (review R16): Bootstrap's pills.
    for names in ("related-topics", "entry-tags", "post-tags", "article-topics", "navy-tags", "menu-tags", "nav nav-pills post-tags"):
        assert not taglinks._SITE_LIST.search(names), names
    for names in ("menu-tags", "tags-nav", "nav nav-pills post-tags"):
        assert taglinks._NAV.search(names), names


def test_drupal_term_links_in_list_items_are_the_story_tags(read) -> None:
    terms = (
        '<div class="terms"><ul class="links inline">'
        '<li class="taxonomy_term_17 first"><a href="/taxonomy/term/17" rel="tag">Recession</a></li>'
        '<li class="taxonomy_term_9 last"><a href="/category/medicare" rel="tag">Medicare</a></li></ul></div>'
    )
    assert read(page("", STORY.format(extra=terms))).tags == ["Recession", "Medicare"]


def test_other_list_items_of_rel_tag_links_stay_foreign(read) -> None:
    # A list item is a teaser's place to ForeignCheck: only Drupal's term items are read so.
    items = '<ul class="post-links"><li><a href="/tag/eu/" rel="tag">EU</a></li></ul>'
    assert read(page("", STORY.format(extra=items))).tags == []
