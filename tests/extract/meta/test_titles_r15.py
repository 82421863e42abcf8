"""Review R15's findings on the site-title rules (issue 9): a post's own `<h1>` taken for
the site's title must not cost the page its title, an `<h1>` of another story or a
comment never beats og:title, French quotations keep their end, a topic feed names no
site at a title's start, prose opening "By the way" is no byline, and many foreign
`<h1>`s in deep menus stay linear."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import dom, read_metadata
from broadsheet.extract.meta.dom import is_home_link
from tests.extract.meta.test_site_title import STORY, _meta

BUDGET = "Council approves new budget for schools"
NEWS_URL = "https://paper.example/news/2024/03/council-budget"
OG = f"<title>{BUDGET} | Paper</title><meta property='og:title' content='{BUDGET}'>"


# Finding 1: a post's own <h1> read as the site's title.


def test_an_amp_page_heading_linking_the_post_is_its_headline() -> None:
    body = "<div class='post'><h1><a href='https://blog.example/2024/03/lisbon/'>My trip to Lisbon</a></h1></div>"
    url = "https://blog.example/2024/03/lisbon/amp/"
    assert _meta("<title>My trip to Lisbon</title>", body, url).title == "My trip to Lisbon"
    head = "<title>My trip to Lisbon</title><meta property='og:title' content='My trip to Lisbon'>"
    assert _meta(head, body, url).title == "My trip to Lisbon"


def test_a_comment_page_heading_linking_the_post_is_its_headline() -> None:
    head = "<title>My trip to Lisbon | Jane's blog</title>"
    body = "<div class='post'><h1 class='entry-title'><a href='/2024/03/lisbon/'>My trip to Lisbon</a></h1></div>"
    meta = _meta(head, body, "https://blog.example/2024/03/lisbon/comment-page-2/")
    assert (meta.title, meta.sources["title"]) == ("My trip to Lisbon", "dom")


def test_a_heading_linking_its_section_that_states_og_title_is_the_headline() -> None:
    head = f"<title>{BUDGET} - Paper</title><meta property='og:title' content='{BUDGET}'>"
    body = f"<h1><a href='/news/'>{BUDGET}</a></h1>"
    assert _meta(head, body, "https://paper.example/news/council-budget").title == BUDGET


def test_a_link_posts_heading_to_another_sites_root_is_the_headline() -> None:
    body = "<div class='post'><h1><a href='https://acme.example/'>Acme launches its first rocket</a></h1></div>"
    meta = _meta("<title>Acme launches its first rocket</title>", body, "https://blog.example/2024/03/acme-rocket")
    assert meta.title == "Acme launches its first rocket"


def test_a_post_heading_named_site_title_linking_the_page_is_the_headline() -> None:
    body = "<div class='post'><h1 class='site-title'><a href='/ten-rules'>Ten rules for quiet writing</a></h1></div>"
    meta = _meta("<title>Ten rules for quiet writing</title>", body, "https://blog.example/ten-rules")
    assert meta.title == "Ten rules for quiet writing"


def test_a_site_heading_never_removes_a_whole_stated_title() -> None:
    # A one-page site: its headline links the root, as a logo would; the <title> stays.
    body = "<h1><a href='/'>Acme Widgets launch new range</a></h1>"
    meta = _meta("<title>Acme Widgets launch new range</title>", body, "https://acme.example/")
    assert meta.title == "Acme Widgets launch new range"


def test_a_site_heading_still_cuts_the_site_part() -> None:
    body = "<header><h1><a href='/' rel='home'>Weather</a></h1></header><h2>Storm hits coast</h2>"
    assert _meta("<title>Storm hits coast - Weather</title>", body, "https://weather.example/a/1").title == "Storm hits coast"


def test_is_home_link_compares_hosts_and_skips_views_of_the_post() -> None:
    assert not is_home_link("https://acme.example/", "https://blog.example/2024/03/acme-rocket")
    assert is_home_link("https://www.blog.example/", "https://blog.example/2024/03/post")
    post = "https://blog.example/2024/03/lisbon/"
    for view in ("amp/", "print/", "comment-page-2/", "page/2/"):
        assert not is_home_link(post, post + view)
    assert is_home_link("https://blog.example/2024/", post)


# Finding 2: an <h1> of another story, a comment or a teaser never beats og:title.


def test_an_h1_in_a_related_box_comment_or_teaser_is_no_headline() -> None:
    for box, text in (
        ("related-stories", f"{BUDGET} again"),
        ("related", f"Parents react as {BUDGET.lower()}"),
        ("comments", f"Re: {BUDGET}"),
        ("comment", f"{BUDGET}?? Shame"),
    ):
        body = f"<h2>{BUDGET}</h2><div class='{box}'><h1>{text}</h1></div>"
        meta = _meta(OG, body, NEWS_URL)
        assert (meta.title, meta.sources["title"]) == (BUDGET, "opengraph"), box
    body = f"<div class='teaser'><h1>{BUDGET} in 2023</h1></div>"
    assert _meta(f"<title>{BUDGET} | Paper</title>", body, NEWS_URL).title == BUDGET


# Finding 3: foreign <h1>s are checked in linear time.


def test_many_h1s_in_a_deep_menu_walk_each_ancestor_once(monkeypatch) -> None:
    """Counted, not timed: unremembered, each <h1> walked the 1000 <div>s above it (an 8000-<h1>
    page took seconds); remembered, the ancestors are judged once however many <h1>s share them."""
    judged: list[int] = []
    here = dom._not_headline_here

    def counting(node, tag):  # type: ignore[no-untyped-def]
        judged.append(1)
        return here(node, tag)

    monkeypatch.setattr(dom, "_not_headline_here", counting)

    def ancestors_judged(n: int) -> int:
        judged.clear()
        html = f"<html><head><title>T</title></head><body><nav>{'<div>' * 1000}{'<h1>Menu label</h1>' * n}</nav>{STORY}</body></html>"
        read_metadata(LexborHTMLParser(html), "https://paper.example/a/b")
        return len(judged)

    few, many = ancestors_judged(5), ancestors_judged(8000)
    assert 1000 <= few <= 1010 and many == few


# Finding 4: French quotations at a title's end.


def test_a_french_quotation_ending_a_title_is_kept() -> None:
    assert _meta("<title>Covid-19 : Macron annonce « un reconfinement »</title>", "").title == (
        "Covid-19 : Macron annonce « un reconfinement »"
    )
    assert _meta("<title>Le président a dit « jamais »</title>", "").title == "Le président a dit « jamais »"
    head = "<title>Covid-19 : Macron annonce « un reconfinement » - Le Journal</title><meta property='og:site_name' content='Le Journal'>"
    assert _meta(head, "", "https://journal.example/a/1").title == "Covid-19 : Macron annonce « un reconfinement »"
    head = "<title>Macron : « Nous sommes en guerre contre le virus</title>"
    assert _meta(head, "").title == "Macron : « Nous sommes en guerre contre le virus"


def test_wordpress_classic_blog_name_is_still_cut() -> None:
    assert _meta("<title>La ministre répond « non » à la réforme « Blog</title>", "").title == (
        "La ministre répond « non » à la réforme"
    )
    assert _meta("<title>Why conferences matter «  Paper Notes</title>", "").title == "Why conferences matter"


# Finding 7: one topic feed names no site at a title's start.


def test_a_single_topic_feed_cuts_only_a_titles_end() -> None:
    feed = "<link rel='alternate' type='application/rss+xml' title='{}' href='/rss'>"
    head = "<title>Brexit - what next?</title>" + feed.format("Brexit - RSS")
    assert _meta(head, "", "https://paper.example/a/1").title == "Brexit - what next?"
    head = "<title>Politics: what next for Labour | Paper</title>" + feed.format("Politics RSS Feed")
    assert _meta(head, "", "https://paper.example/a/1").title == "Politics: what next for Labour"
    head = "<title>Why it rained all week - Paper Notes</title>" + feed.format("Paper Notes - RSS")
    assert _meta(head, "", "https://notes.example/a/1").title == "Why it rained all week"


# Finding 8: a 'posted' element opening with a bare "By" that is prose.


def test_posted_prose_opening_by_is_no_byline() -> None:
    head = f"<title>{BUDGET}</title>"
    body = f"<div class='post'><h1>{BUDGET}</h1></div><div class='posted'>By the way, this story was updated</div>"
    assert _meta(head, body, NEWS_URL).authors == []
    body = f"<div class='post'><h1>{BUDGET}</h1><p class='posted'>By Jane Doe at May 2, 2012 01:23 PM</p></div>"
    assert _meta(head, body, NEWS_URL).authors == ["Jane Doe"]
    body = f"<div class='post'><h1>{BUDGET}</h1><p class='posted'>Posted by jane at May 2, 2012</p></div>"
    assert _meta(head, body, NEWS_URL).authors == ["jane"]


def test_a_main_feed_repeated_by_its_comments_feed_cuts_a_titles_start() -> None:
    # WordPress: the main feed, then the post's comments feed under the same site name.
    head = (
        "<title>Fat Paper » Open updates for the week</title>"
        "<link rel='alternate' type='application/rss+xml' title='Fat Paper RSS Feed' href='/feed/'>"
        "<link rel='alternate' type='application/rss+xml' title='Fat Paper » Open updates for the week Comments Feed' href='/x/feed/'>"
    )
    assert _meta(head, "", "https://notes.example/2012/11/05/open-updates/").title == "Open updates for the week"
    # A comments feed of another name confirms nothing.
    head = head.replace("Fat Paper » Open updates for the week Comments", "Other Name » Open updates for the week Comments")
    assert _meta(head, "", "https://notes.example/2012/11/05/open-updates/").title == "Fat Paper » Open updates for the week"
