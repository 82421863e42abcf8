"""A section's feed is read even where its slug looks like an article's; only a page that
is one article by its own markup loses `<page>/feed/` as its comments feed (review R7
finding 2), against a loopback server."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.crawl.discover import parse_html_links
from tests.crawl.test_feeds_bounded import ROBOTS, TEXT, page, rss, run
from tests.hostile.server import HostileServer

SECTIONS = ["/arts-and-culture/", "/news/local-news-and-politics/", "/section/12345/"]
STORY = "/budget-approved-by-the-council/"


def test_section_feeds_with_article_shaped_slugs_are_read(tmp_path: Path, site: HostileServer) -> None:
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed/"], links=SECTIONS, body_class="home blog"),
                        "/feed/": rss([])})
    for n, section in enumerate(SECTIONS):
        item = f"/2024/05/0{n + 1}/story-from-section-number-{n}/"
        site.routes[section] = page([section + "feed/"], body_class=f"archive category category-{n}",
                                    head='<meta property="og:type" content="article">')  # a theme's misuse
        site.routes[section + "feed/"] = rss([item])
        site.routes[item] = page([], body=TEXT)
    result = run(site, tmp_path / "c.sqlite")
    paths = site.paths()
    assert [s + "feed/" in paths for s in SECTIONS] == [True, True, True]
    assert all(f"/2024/05/0{n + 1}/story-from-section-number-{n}/" in paths for n in range(3))
    assert "comment-feed" not in result.report.hosts[site.netloc].ignored


@pytest.mark.parametrize("head, body_class", [
    ('<meta property="og:type" content="article">', ""),
    ("", "post-template-default single single-post postid-7"),
])
def test_an_article_by_its_markup_keeps_its_comments_feed_out(tmp_path: Path, site: HostileServer,
                                                             head: str, body_class: str) -> None:
    site.routes.update({"/robots.txt": ROBOTS, "/": page(["/feed/"], links=[STORY], body_class="home"),
                        "/feed/": rss([]), STORY + "feed/": rss([]),
                        STORY: page(["/feed/", STORY + "feed/"], body=TEXT, body_class=body_class, head=head)})
    result = run(site, tmp_path / "c.sqlite")
    assert STORY in site.paths() and STORY + "feed/" not in site.paths()
    assert result.report.hosts[site.netloc].ignored["comment-feed"] == 1


@pytest.mark.parametrize("markup, article", [
    ("<head><meta property='og:type' content='article'></head><body>", True),
    ("<head><meta property='OG:TYPE' content=' Article '></head><body>", True),
    ("<head><meta property='og:type' content='website'></head><body class='single'>", True),
    ("<head><meta property='og:type' content='article'></head><body class='archive category'>", False),
    ("<head><meta property='og:type' content='website'></head><body>", False),
    ("<head><meta property='og:type'><meta name='og:type' content='article'></head><body class='singles'>", False),
    ("<body class>", False),
    ("", False),
])
def test_a_page_says_it_is_one_article_by_og_type_or_body_class(markup: str, article: bool) -> None:
    assert parse_html_links(f"<html>{markup}<p>x</p></body></html>", "https://p.example/a/").article is article
