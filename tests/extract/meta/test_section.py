"""Section: stated, category links, breadcrumbs; and what is not a section."""
from __future__ import annotations

import json

from broadsheet.extract.meta.section import crumb_section

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


def test_breadcrumb_trail_gives_the_item_before_the_story(read) -> None:
    crumbs = '<ol class="breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/handel">Handel</a></li><li>Ministers agree on a plan</li></ol>'
    meta = read(page(ARTICLE, crumbs + STORY.format(extra="")))
    assert meta.section == "Handel" and meta.sources["section"] == "crumbs"
    # A trail of one item names the site or a search page as often as a section.
    single = '<div class="breadcrumbs"><a href="/blog">Hochzeitsblog</a> &gt; Ministers agree on a plan</div>'
    assert read(page(ARTICLE, single + STORY.format(extra=""))).section is None


def test_breadcrumb_trail_of_a_page_that_is_not_an_article_is_navigation(read) -> None:
    crumbs = '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/kontakt">Kontakt</a></li><li>Impressum</li></ol>'
    assert read(page("", crumbs + STORY.format(extra=""))).section is None
    website = '<meta property="og:type" content="website">'
    assert read(page(website, crumbs + STORY.format(extra=""))).section is None
    # An article by its JSON-LD alone is one.
    story = _ld({"@type": "NewsArticle", "headline": "Ministers agree on a plan"})
    assert read(page(story, crumbs + STORY.format(extra=""))).section == "Kontakt"


def test_jsonld_breadcrumb_list(read) -> None:
    trail = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 2, "name": "Sport"},
        {"@type": "ListItem", "position": 1, "item": {"@id": "/", "name": "zdf.de"}},
        {"@type": "ListItem", "position": 3, "name": "Ministers agree on a plan"},
    ]}
    meta = read(page(ARTICLE + _ld({"@graph": [trail]}), STORY.format(extra="")), url="https://www.zdf.de/sport/story")
    assert meta.section == "Sport" and meta.sources["section"] == "crumbs"


def test_crumb_section_skips_home_site_and_story() -> None:
    def is_site(text: str) -> bool:
        return text == "Daily Example"

    assert crumb_section(["Home", "News", "Storage"], "A story", is_site) == "Storage"
    assert crumb_section(["Daily Example", "Wirtschaft", "A story"], "A story", is_site) == "Wirtschaft"
    assert crumb_section(["Home", "A story"], "A story", is_site) is None
    assert crumb_section(["Startseite", "Home"], None, is_site) is None


def test_stated_section_shown_only_in_a_breadcrumb_counts_as_shown(read) -> None:
    head = '<meta property="article:section" content="Economy">'
    crumbs = '<nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/economy">Economy</a></nav>'
    assert read(page(head, crumbs + STORY.format(extra=""))).section == "Economy"
    assert read(page(head, STORY.format(extra=""))).section is None


def test_a_story_named_like_a_breadcrumb_is_no_trail(read) -> None:
    """`url-breadcrumb` on the story's own <article> (a script's hook): its links are the
    byline and share buttons, not a trail. An empty breadcrumb wrapper gives way to the
    trail after it."""
    links = "".join(f'<a href="/x{i}">Link {i}</a> ' for i in range(6))
    story = '<article class="url-breadcrumb"><a href="/news">NEWS</a><h1>Ministers agree on a plan</h1>' + links
    story += "<p>" + "Words of the story. " * 80 + "</p></article>"
    assert read(page(ARTICLE, story)).section is None
    empty = '<div class="breadcrumb-wrapper"></div>'
    crumbs = '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/handel">Handel</a></li></ol>'
    assert read(page(ARTICLE, empty + crumbs + STORY.format(extra=""))).section == "Handel"
