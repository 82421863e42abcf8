"""Section: stated, category links; and what is not a section (breadcrumb trails)."""
from __future__ import annotations

import json

from .conftest import page

STORY = "<article><h1>Ministers agree on a plan</h1><p>" + "Words of the story. " * 20 + "</p>{extra}</article>"


ARTICLE = '<meta property="og:type" content="article">'


def _ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_every_category_link_of_the_story_in_order(read) -> None:
    extra = '<footer><a rel="category tag" href="/c/politik">Politik</a>, <a rel="category tag" href="/c/eu">EU</a></footer>'
    meta = read(page("", STORY.format(extra=extra)))
    assert meta.section == "Politik, EU" and meta.sources["section"] == "dom"


def test_stated_category_list_gives_its_first_item(read) -> None:
    head = _ld({"@type": "Article", "headline": "H", "articleSection": "Radtouren Berlin, berlin, fahrradtour"})
    body = STORY.format(extra="") + '<ul class="menu-x"><li><a href="/radtouren">Radtouren Berlin</a></li></ul>'
    meta = read(page(head, body))
    assert meta.section == "Radtouren Berlin" and meta.sources["section"] == "json-ld"


def test_breadcrumb_trails_are_not_read(read) -> None:
    crumbs = '<ol class="breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/handel">Handel</a></li><li>Ministers agree on a plan</li></ol>'
    assert read(page(ARTICLE, crumbs + STORY.format(extra=""))).section is None
    trail = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home"}, {"@type": "ListItem", "position": 2, "name": "Sport"}]}
    assert read(page(ARTICLE + _ld({"@graph": [trail]}), STORY.format(extra=""))).section is None


def test_stated_section_shown_in_a_breadcrumb_counts_as_shown(read) -> None:
    head = '<meta property="article:section" content="Economy">'
    crumbs = '<nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/economy">Economy</a></nav>'
    assert read(page(head, crumbs + STORY.format(extra=""))).section == "Economy"
    assert read(page(head, STORY.format(extra=""))).section is None


def test_category_links_win_over_a_stated_section(read) -> None:
    # og:section names the primary category only; the page shows every category it is filed under.
    head = '<meta property="article:section" content="Politik">'
    extra = '<footer><a rel="category tag" href="/c/politik">Politik</a> <a rel="category tag" href="/c/eu">EU</a></footer>'
    meta = read(page(head, STORY.format(extra=extra)))
    assert meta.section == "Politik, EU" and meta.sources["section"] == "dom"
    head = _ld({"@type": "Article", "headline": "H", "articleSection": "Illinois, Local"})
    extra = '<footer><a rel="category tag" href="/c/il">Illinois</a> <a rel="category tag" href="/c/local">Local</a></footer>'
    meta = read(page(head, STORY.format(extra=extra)))
    assert meta.section == "Illinois, Local" and meta.sources["section"] == "dom"


def test_a_rel_tag_link_to_a_category_archive_names_the_section(read) -> None:
    # Themes that mark every term link rel=tag still link categories to WordPress's /category/<slug>/.
    extra = ('<footer><a rel="tag" href="/category/radtouren/">Radtouren</a> '
             '<a rel="tag" href="/tag/berlin/">berlin</a></footer>')
    meta = read(page("", STORY.format(extra=extra)))
    assert meta.section == "Radtouren" and meta.sources["section"] == "dom"
