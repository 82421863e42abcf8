"""Review R16's findings on the metadata rules of 6849c95, 742cb9b, 58263b1 and a106258:
feed names read in linear time, a generic page word never a site's name, a story's tag box
laid out as a menu keeps its tags, a section's heading and feed name no site, tags the
page shows kept whatever they open with, page-state classes no place, and a lower-case or
uncased name after a bare "By"."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import dom, html_meta, read_metadata
from broadsheet.extract.meta.text import clean_site_name
from tests.extract.meta.test_site_title import _meta

BUDGET = "Council approves new budget for schools"
URL = "https://paper.example/news/2024/03/story"
HEAD = f"<title>{BUDGET}</title>"
FEED = "<link rel='alternate' type='application/rss+xml' title='{}' href='/{}'>"


def _og(name: str) -> str:
    return f"{HEAD}<meta property='og:site_name' content='{name}'>"


# Finding 1: a comments feed's check scanned every feed name read.


def test_feed_names_are_read_from_the_first_feeds_only(monkeypatch) -> None:
    """Counted, not timed: a page of n topic feeds then n comments feeds of another name
    compared each comments feed against every name read (quadratic)."""
    compared: list[str] = []
    real = html_meta.comments_feed_site_name

    def counting(title: str) -> str | None:
        compared.append(title)
        return real(title)

    monkeypatch.setattr(html_meta, "comments_feed_site_name", counting)
    n = 500
    head = HEAD + "".join(FEED.format(f"Topic{i} - RSS", f"f{i}") for i in range(n))
    head += FEED.format("Other » Comments Feed", "c") * n
    html = f"<html><head>{head}</head><body><p>x</p></body></html>"
    meta = read_metadata(LexborHTMLParser(html), URL)
    assert meta.site_name is None
    assert len(compared) <= 20  # feed names read stop at `html_meta.MAX_FEED_NAMES`


def test_a_comments_feed_repeating_the_main_feed_still_names_the_site() -> None:
    head = (
        "<title>Fat Paper » Open updates for the week</title>"
        + FEED.format("Fat Paper RSS Feed", "feed/")
        + FEED.format("Fat Paper » Open updates for the week Comments Feed", "x/feed/")
    )
    assert _meta(head, "", "https://notes.example/2012/11/05/open-updates/").title == "Open updates for the week"


# Finding 2: the part before the first separator was kept whatever it was.


def test_a_generic_page_word_is_never_the_site_name() -> None:
    assert clean_site_name("Home - Springfield Daily News") == "Springfield Daily News"
    assert clean_site_name("Noticias - El Diario de Hoy") == "El Diario de Hoy"
    assert clean_site_name("Startseite | Die Zeitung von heute") == "Die Zeitung von heute"
    assert _meta(_og("Home - Springfield Daily News"), "<h2>x</h2>", URL).site_name == "Springfield Daily News"


def test_a_page_word_before_a_tagline_stays_the_name() -> None:
    """Review R18: the tail always won after a page word, a tagline too; and a short name
    after one was never reached (the 3-word check came first)."""
    assert clean_site_name("Blog - the personal site of Jane Doe") == "Blog"
    assert clean_site_name("Index - Hírek, sport és minden más") == "Index"
    assert clean_site_name("News - Breaking stories from everywhere", "news") == "News"
    assert clean_site_name("Inicio - El País") == "El País"
    assert clean_site_name("Home - The Times") == "The Times"


def test_the_part_naming_the_host_is_the_site_name() -> None:
    host = "springfielddailynews"
    assert clean_site_name("Local Stories Today - Springfield Daily News", host) == "Springfield Daily News"
    # The part before names the host: the tagline after it is cut as before.
    assert clean_site_name("Springfield Daily News - Your Town, Your Paper", host) == "Springfield Daily News"
    meta = _meta(_og("Local Stories Today - Springfield Daily News"), "<h2>x</h2>", "https://springfielddailynews.example/a/1")
    assert meta.site_name == "Springfield Daily News"


def test_a_tagline_is_still_cut_and_a_short_tail_kept() -> None:
    assert clean_site_name("Paper Blog - Real Estate Market Stats, Celebrity Real Estate") == "Paper Blog"
    assert clean_site_name("The Paper - Local News") == "The Paper - Local News"
    assert clean_site_name("Towleroad: A Site With Homosexual Tendencies") == "Towleroad"


# Finding 3: a bare nav/menu in the tag box's own class dropped the story's tags.


def _tag_box(box: str) -> str:
    return f"<article><h2>x</h2>{box}</article>"


def test_a_story_tag_box_laid_out_as_a_menu_keeps_its_tags() -> None:
    links = "<li><a href='/tag/schools'>Schools</a></li><li><a href='/tag/budget'>Budget</a></li>"
    for cls in ("nav nav-pills post-tags", "tags-nav", "entry-tags tags-menu"):
        meta = _meta(HEAD, _tag_box(f"<ul class='{cls}'>{links}</ul>"), URL)
        assert meta.tags == ["Schools", "Budget"], cls


def test_a_menu_of_tags_outside_the_story_is_no_tag_box() -> None:
    links = "<li><a href='/tag/weather'>Weather</a></li><li><a href='/tag/sports'>Sports</a></li>"
    body = f"<header><ul class='menu-tags'>{links}</ul></header><article><h2>x</h2></article>"
    assert _meta(HEAD, body, URL).tags == []
    # A site list's name counts inside the story too: the audit's navigation widgets.
    body = f"<article><h2>x</h2><div class='widget tags widget_nav_menu'><ul>{links}</ul></div></article>"
    assert _meta(HEAD, body, URL).tags == []


# Finding 4: a section's heading and the section's feed named the site.


def test_a_section_heading_and_feed_name_no_site() -> None:
    head = "<title>Brexit - what next?</title>" + FEED.format("Brexit - RSS", "brexit/rss")
    body = "<header><h1><a href='/brexit/'>Brexit</a></h1></header><article><h2>Brexit - what next?</h2></article>"
    assert _meta(head, body, "https://paper.example/brexit/what-next").site_name is None
    # review R18: a section's RSS and Atom feeds of one name are no confirmation
    head = ("<title>Brexit - what next?</title>" + FEED.format("Brexit - RSS", "brexit/rss")
            + FEED.format("Brexit - Atom", "brexit/atom"))
    assert _meta(head, body, "https://paper.example/brexit/what-next").site_name is None


def test_a_root_or_home_heading_and_feed_name_the_site() -> None:
    head = "<title>My trip to Lisbon | Jane Doe</title>" + FEED.format("Jane Doe » Feed", "feed")
    body = "<header><h1><a href='/'>Jane Doe</a></h1></header><article><h2>My trip to Lisbon</h2></article>"
    assert _meta(head, body, "https://janedoe.example/2024/03/lisbon/").site_name == "Jane Doe"
    # A blog in a folder says its heading leads home.
    head = "<title>My trip | Paper Notes</title>" + FEED.format("Paper Notes » Feed", "notes/feed")
    body = "<header><h1><a href='/notes/' rel='home'>Paper Notes</a></h1></header><article><h2>My trip</h2></article>"
    assert _meta(head, body, "https://paper.example/notes/2024/03/trip/").site_name == "Paper Notes"


def test_a_blog_in_a_folder_with_its_main_feed_names_the_site() -> None:
    # WordPress at /blog/: the heading links the folder; the main feed's name is repeated
    # by the comments feed, as a site's and not a section's.
    head = (
        "<title>My trip | Paper Notes</title>" + FEED.format("Paper Notes » Feed", "blog/feed")
        + FEED.format("Paper Notes » Comments Feed", "blog/comments/feed")
    )
    body = "<header><h1><a href='https://paper.example/blog'>Paper Notes</a></h1></header><article><h2>My trip</h2></article>"
    assert _meta(head, body, "https://paper.example/blog/57/my-trip/").site_name == "Paper Notes"
    # One feed of that name: a section's heading and feed as likely.
    head = "<title>My trip | Paper Notes</title>" + FEED.format("Paper Notes » Feed", "blog/feed")
    assert _meta(head, body, "https://paper.example/blog/57/my-trip/").site_name is None


# Finding 5: the flag filter dropped tags the page shows.


def test_a_flag_like_tag_the_page_shows_is_kept() -> None:
    body = "<h2>x</h2><div class=post-tags><a rel=tag href='/tag/elonmusk'>@elonmusk</a><a rel=tag href='/tag/tesla'>Tesla</a></div>"
    assert _meta(HEAD, body, URL).tags == ["@elonmusk", "Tesla"]
    head = HEAD + "<meta property='article:tag' content='@home'><meta property='article:tag' content='Schools'>"
    body = "<h2>x</h2><div class=tags><a rel=tag href='/tag/home'>@home</a><a rel=tag href='/tag/schools'>Schools</a></div>"
    assert _meta(head, body, URL).tags == ["@home", "Schools"]


def test_a_stated_flag_the_page_does_not_show_is_dropped() -> None:
    head = HEAD + "<meta property='article:tag' content='@river'><meta property='article:tag' content='Schools'>"
    assert _meta(head, "<h2>x</h2>", URL).tags == ["Schools"]


# Finding 6: page-state classes on a wrapper switched off the printed-headline rule.


def test_page_state_classes_are_no_place() -> None:
    head = f"<title>Paper</title><meta property='og:title' content='{BUDGET} | Paper'>"
    inner = f"<form id=aspnetForm><div class=hero><h1>{BUDGET}</h1></div></form>"
    for cls in ("site single comments-open", "page has-related-posts"):
        meta = _meta(head, f"<div class='{cls}'>{inner}</div>", "https://paper.example/news/1")
        assert (meta.title, meta.sources["title"]) == (BUDGET, "dom"), cls
    # A related box is still a place of other stories.
    meta = _meta(head, f"<div class='related-posts'>{inner}</div>", "https://paper.example/news/1")
    assert meta.sources["title"] == "opengraph"


# Finding 7: a 'posted' element's bare "By" before a lower-case or uncased name.


def test_posted_by_a_lower_case_or_uncased_name() -> None:
    def authors(line: str) -> list[str]:
        body = f"<article><h1>{BUDGET}</h1><div class=posted>{line}</div></article>"
        return _meta(HEAD, body, URL).authors

    assert authors("By 李明") == ["李明"]
    assert authors("by jane doe") == ["jane doe"]
    assert authors("By the way, this story was updated") == []
    assert authors("by the way") == []
    # review R18: a quote or a prose word after "by" opens no name
    assert authors("By “the book”, he said, it was fine.") == []
    assert authors("by popular demand") == []
    assert authors("By The Associated Press") == ["The Associated Press"]


# Finding 8: the cap on <h1>s read for the site's title had no test.


def test_only_the_first_h1s_are_looked_at_for_the_sites_title(monkeypatch) -> None:
    looked: list[str] = []
    real = dom.is_site_heading

    def counting(node, text: str, page_url: str | None) -> bool:  # type: ignore[no-untyped-def]
        looked.append(text)
        return real(node, text, page_url)

    monkeypatch.setattr(dom, "is_site_heading", counting)
    body = "".join(f"<nav><h1><a href='/m{i}'>Menu {i}</a></h1></nav>" for i in range(80))
    body += "<header><h1><a href='/'>Late Logo</a></h1></header>"
    meta = _meta(HEAD, body, URL)
    assert len(looked) == dom.MAX_SITE_H1S
    assert "Late Logo" not in looked
    assert meta.title == BUDGET


# R16's sibling finding: German reversed guillemets lost a mark.


def test_german_reversed_guillemets_are_quotation_marks() -> None:
    url = "https://zeitung.example/a/1"
    og = "<meta property='og:site_name' content='Die Zeitung'>"
    head = "<title>»Nie wieder« – Überlebende erzählen | Die Zeitung</title>" + og
    assert _meta(head, "<h2>x</h2>", url).title == "»Nie wieder« – Überlebende erzählen"
    head = "<title>Merkel: »Wir schaffen das« | Die Zeitung</title>" + og
    assert _meta(head, "<h2>x</h2>", url).title == "Merkel: »Wir schaffen das«"
    # A breadcrumb's » between spaces is still a separator beside a French quotation.
    head = "<title>Politique » Retraites : « On ne lâchera rien » | Le Journal</title>"
    head += "<meta property='og:site_name' content='Le Journal'>"
    assert _meta(head, "<h2>x</h2>", url).title == "Politique » Retraites : « On ne lâchera rien »"
