"""read_metadata end to end: precedence, sources, contradictions and bad input."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet import extract
from broadsheet.extract.meta import Metadata, finish_metadata, read_candidates, read_metadata

from .conftest import FETCHED, page

BODY = "<article><h1>{h1}</h1>{byline}<p>" + "Some words of the story itself, long enough to be prose. " * 8 + "</p></article>"


def _ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_each_field_with_its_source(read) -> None:
    head = (
        _ld({"@type": "NewsArticle", "headline": "Ministers agree on a plan", "datePublished": "2023-06-04T16:20:00+02:00",
             "author": {"@type": "Person", "name": "Jane Doe"}, "publisher": {"@type": "Organization", "name": "Daily Example"}})
        + '<meta property="og:site_name" content="Daily Example">'
        + '<meta name="description" content="What the ministers agreed.">'
        + '<meta property="og:image" content="/img/ministers.jpg">'
        + '<link rel="canonical" href="https://news.example.com/politics/ministers?utm_source=rss">'
    )
    meta = read(page(head, BODY.format(h1="Ministers agree on a plan", byline="<p class=byline>By Jane Doe</p>")))
    assert meta.title == "Ministers agree on a plan" and meta.sources["title"] == "dom"
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "json-ld"
    assert meta.date_published == "2023-06-04T16:20:00+02:00" and meta.sources["date_published"] == "json-ld"
    assert meta.site_name == "Daily Example" and meta.sources["site_name"] == "json-ld"
    assert meta.description == "What the ministers agreed."
    assert meta.image == "https://news.example.com/img/ministers.jpg"
    assert meta.canonical_url == "https://news.example.com/politics/ministers"
    assert meta.language == "en" and meta.sources["language"] == "html"


def test_the_publisher_named_in_json_ld_names_the_site_over_og_site_name(read) -> None:
    """schema.org's publisher.name is the publication's name; og:site_name is often the
    domain dressed up ("Paper.example"). Readability.js reads them in that order."""
    head = (
        _ld({"@type": "NewsArticle", "headline": "Ministers agree on a plan",
             "publisher": {"@type": "Organization", "name": "The Paper"}})
        + '<meta property="og:site_name" content="Paper.example">'
    )
    meta = read(page(head, BODY.format(h1="Ministers agree on a plan", byline="")))
    assert meta.site_name == "The Paper" and meta.sources["site_name"] == "json-ld"


def test_jsonld_and_opengraph_disagree(read) -> None:
    head = (
        _ld({"@type": "Article", "headline": "JSON-LD headline", "datePublished": "2023-06-04"})
        + '<meta property="og:title" content="OpenGraph headline"><meta property="article:published_time" content="2023-06-01">'
    )
    meta = read(page(head, "<p>No h1 here.</p>"))
    # One value each, from the documented precedence: JSON-LD first.
    assert meta.title == "JSON-LD headline" and meta.sources["title"] == "json-ld"
    assert meta.date_published == "2023-06-04" and meta.sources["date_published"] == "json-ld"


def test_two_structured_sources_outvote_one(read) -> None:
    head = (
        _ld({"@type": "Article", "headline": "H", "datePublished": "2022-01-04T07:29:00Z"})
        + '<meta property="article:published_time" content="2022-01-06T08:29:34"><meta name="pubdate" content="2022-01-06">'
    )
    assert read(page(head)).date_published == "2022-01-06T08:29:34"


def test_utc_rendering_gives_way_to_the_local_time(read) -> None:
    head = (
        _ld({"@type": "Article", "headline": "H", "datePublished": "2019-10-18T22:04:00Z"})
        + '<meta name="pubdate" content="Sat, 19 Oct 2019 00:04:00 +0200">'
    )
    meta = read(page(head))
    assert meta.date_published == "2019-10-19T00:04:00+02:00"


def test_url_date_is_the_original_publication(read) -> None:
    head = _ld({"@type": "BlogPosting", "headline": "H", "datePublished": "2019-06-17T18:28:00+02:00"})
    meta = read(page(head), url="https://blog.example.com/2017/7/12/a-post")
    assert meta.date_published == "2017-07-12" and meta.sources["date_published"] == "url"


def test_dates_in_related_lists_and_comments_are_not_used(read) -> None:
    paragraph = "<p>" + "Text of the story, one sentence after another. " * 5 + "</p>"
    body = (
        "<article><h1>Story</h1>" + paragraph * 3 + "</article>"
        '<aside class="related"><time datetime="2020-01-01">1 Jan 2020</time></aside>'
        '<div class="comments"><span class="date">2 February 2021</span></div>'
    )
    assert read(page("", body), url="https://news.example.com/story").date_published is None


def test_a_web_page_objects_date_counts_only_on_an_article(read) -> None:
    """SEO plugins give every page (a shop's, a contact page) a WebPage with datePublished."""
    head = _ld({"@type": "WebPage", "name": "Impressum", "datePublished": "2020-05-25T06:00:49+02:00"})
    assert read(page(head, BODY.format(h1="Impressum", byline=""))).date_published is None
    head += '<meta property="og:type" content="article">'
    assert read(page(head, BODY.format(h1="Impressum", byline=""))).date_published == "2020-05-25T06:00:49+02:00"


def test_date_printed_by_the_headline(read) -> None:
    body = "<div><h1>The story</h1><p>Monday, 4 June 2023</p><p>" + "Words. " * 30 + "</p></div>"
    meta = read(page("", body))
    assert meta.date_published == "2023-06-04" and meta.sources["date_published"] == "dom"


def test_a_build_stamp_in_a_script_by_the_headline_is_no_date(read: Callable[..., Metadata]) -> None:
    """Scripts by the headline count for its date; a platform's build stamp in one does not."""
    script = (
        "<script>var e=document.createElement('script');"
        "e.setAttribute('src','https://static.blog.example/.shared:v20121102.01-0-g66f1ea8:en_us/pin.js');</script>"
    )
    body = (
        f"<div>{script}<h2>A post on the blog</h2><p>" + "Words of the post. " * 20 + "</p>"
        "<p>November 03, 2012 in Management | Permalink</p></div>"
    )
    meta = read(page("", body))
    assert meta.date_published == "2012-11-03" and meta.sources["date_published"] == "dom"


def test_zero_dates_yesterday_and_future(read) -> None:
    head = (
        '<meta property="article:published_time" content="0000-00-00T00:00:00">'
        '<meta name="date" content="yesterday"><meta name="pubdate" content="2031-01-01">'
    )
    assert read(page(head)).date_published is None
    body = '<h1>Story</h1><p class="date">yesterday</p>'
    assert read(page("", body), fetched_at=FETCHED).date_published == "2024-01-14"
    assert read(page("", body), fetched_at=None).date_published is None


def test_title_of_two_thousand_characters_falls_through(read) -> None:
    head = f'<meta property="og:title" content="{"A" * 2000}"><title>Real title | Daily Example</title><meta property="og:site_name" content="Daily Example">'
    meta = read(page(head))
    assert meta.title == "Real title" and meta.sources["title"] == "html"


def test_javascript_image_falls_through(read) -> None:
    head = '<meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="https://cdn.example.com/p.jpg">'
    meta = read(page(head))
    assert meta.image == "https://cdn.example.com/p.jpg" and meta.sources["image"] == "twitter"


def test_five_hundred_author_names(read) -> None:
    people = [{"@type": "Person", "name": f"Person {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}x"} for i in range(500)]
    body = BODY.format(h1="H", byline="")
    meta = read(page(_ld({"@type": "Article", "headline": "H", "author": people}), body))
    assert meta.authors == []


def test_hidden_author_must_appear_on_the_page(read) -> None:
    head = '<meta name="author" content="cms-admin-account">'
    assert read(page(head, BODY.format(h1="H", byline=""))).authors == []
    shown = page('<meta name="author" content="Jane Doe">', BODY.format(h1="H", byline="<p>Jane Doe</p>"))
    assert read(shown).authors == ["Jane Doe"]


def test_publisher_is_not_an_author(read) -> None:
    head = _ld({"@type": "Article", "headline": "H", "author": {"@type": "Organization", "name": "Daily Example"},
                "publisher": {"@type": "Organization", "name": "Daily Example"}})
    assert read(page(head, BODY.format(h1="H", byline="<p>Daily Example</p>"))).authors == []


def test_byline_line_under_the_headline(read) -> None:
    body = BODY.format(h1="The story", byline="<p><i>von Daniela Obers</i></p>")
    meta = read(page("", body))
    assert meta.authors == ["Daniela Obers"] and meta.sources["authors"] == "dom"


def test_keywords_are_tags_only_where_the_page_shows_them(read) -> None:
    head = '<meta name="keywords" content="cheap, best, news, online">'
    assert read(page(head, BODY.format(h1="H", byline=""))).tags == []
    # schema.org `keywords` (JSON-LD, microdata) rank below the article's own tags, and
    # count only where the page shows them as labels; <meta name=keywords> and
    # news_keywords are not read.
    head = _ld({"@type": "NewsArticle", "headline": "H", "keywords": ["Europe", "Energy"]})
    assert read(page(head, BODY.format(h1="H", byline=""))).tags == []
    body = BODY.format(h1="H", byline="") + "<p>Europe</p><p>Energy</p>"
    meta = read(page(head, body))
    assert meta.tags == ["Europe", "Energy"] and meta.sources["tags"] == "json-ld"
    head = '<meta name="keywords" content="Europe, Energy">'
    assert read(page(head, body)).tags == []
    head = '<meta name="news_keywords" content="Europe, Energy">'
    assert read(page(head, body)).tags == []
    head = '<meta name="parsely-tags" content="Europe, Energy">'
    assert read(page(head, body)).sources["tags"] == "meta"
    head = '<meta property="article:tag" content="Europe"><meta property="article:tag" content="Energy">'
    body = BODY.format(h1="H", byline="") + '<ul><li><a href="/t/europe">Europe</a></li><li><a href="/t/energy">Energy</a></li></ul>'
    meta = read(page(head, body))
    assert meta.tags == ["Europe", "Energy"] and meta.sources["tags"] == "opengraph"
    body = BODY.format(h1="H", byline="") + '<a rel="tag" href="/t/x">Climate</a>'
    assert read(page('<meta name="keywords" content="Climate, Weather">', body)).tags == ["Climate"]


def test_empty_and_garbage_pages(read) -> None:
    for html in ("", "<html></html>", "<<<>>>", "\x00\x01\x02", "<script type='application/ld+json'>{bad</script>"):
        meta = read(html)
        assert isinstance(meta, Metadata)
        assert meta.title is None and meta.authors == [] and meta.date_published is None


def test_tree_is_not_modified() -> None:
    html = page(_ld({"@type": "Article", "headline": "H"}) + "<title>T</title>", BODY.format(h1="H", byline="<p class=byline>By A B</p>"))
    tree = LexborHTMLParser(html)
    before = tree.html
    read_metadata(tree, "https://x.example/a")
    read_candidates(tree, "https://x.example/a")
    assert tree.html == before


def test_http_content_language_header(read) -> None:
    html = "<html><head></head><body><p>x</p></body></html>"
    meta = read(html, headers={"Content-Language": "fr-FR"})
    assert meta.language == "fr"


def test_finish_metadata_detects_and_overrules() -> None:
    meta = Metadata(language="en", sources={"language": "html"})
    german = "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Förderung erneuerbarer Energien ausweiten soll. " * 3
    finish_metadata(meta, german)
    assert meta.language == "de" and meta.sources["language"] == "detected"
    meta = Metadata()
    finish_metadata(meta, "")
    assert meta.language is None and "language" not in meta.sources


def test_extract_carries_metadata_and_sources() -> None:
    html = page('<meta property="og:title" content="Hello world story">', BODY.format(h1="Hello world story", byline=""))
    article = extract(html, "https://x.example/2023/06/04/hello")
    assert article.title == "Hello world story"
    assert article.date_published == "2023-06-04" and article.sources["date_published"] == "url"
    assert article.sources["url"] == "input"
    assert datetime.now(timezone.utc).year >= 2024


def test_byline_lines_need_a_printed_name_and_not_the_site_s(read) -> None:
    body = BODY.format(h1="The story", byline="<p>Posted by Konstantin Weber</p>")
    assert read(page("", body)).authors == ["Konstantin Weber"]
    body = BODY.format(h1="The story", byline="<p>von Konstantin</p>")
    assert read(page("", body)).authors == []
    body = BODY.format(h1="The story", byline="<p>04.06.2023 | Handball Schweiz</p>")
    assert read(page("", body), url="https://www.handball.ch/de/news/x").authors == []


def test_the_whole_list_comes_from_one_source(read) -> None:
    head = _ld({"@type": "Article", "headline": "H", "author": {"@type": "Person", "name": "Jane Doe"}})
    body = BODY.format(h1="H", byline='<p class="byline">Jane Doe, John Roe</p>')
    meta = read(page(head, body))
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "json-ld"


def test_finish_metadata_reads_no_byline_from_the_story_text() -> None:
    meta = Metadata(site_name="Livenet", canonical_url="https://www.livenet.ch/a")
    finish_metadata(meta, "First paragraph.\n\nSecond.\n\nThird.\n\nAutor: Fritz Imhof\nQuelle: Livenet")
    assert meta.authors == [] and "authors" not in meta.sources


def test_an_application_name_that_is_the_pages_title_does_not_erase_it(read) -> None:
    """Some sites fill <meta name=application-name> with the page's own title."""
    title = "The man whose duvet nearly killed him: How this medical mystery was solved"
    for site in ('<meta property="og:site_name" content="MSN">', ""):
        head = f'<meta name="application-name" content="{title}">{site}<title>{title}</title>'
        meta = read(page(head, BODY.format(h1=title, byline="")))
        assert meta.title == title


def test_a_description_is_kept_as_stated(read) -> None:
    site = '<meta property="og:site_name" content="Harbour Times">'
    head = site + '<meta name="description" content="Harbour Times – Harbour wardens in the north basin are trying to unravel the case.">'
    assert read(page(head, BODY.format(h1="H", byline=""))).description.startswith("Harbour Times – Harbour wardens")


def test_opengraph_article_tags_count_unshown(read) -> None:
    # article:tag states the article's own tags; keyword lists must be shown to count.
    head = '<meta property="article:tag" content="Europe"><meta property="article:tag" content="Energy">'
    meta = read(page(head, BODY.format(h1="H", byline="")))
    assert meta.tags == ["Europe", "Energy"] and meta.sources["tags"] == "opengraph"
    head = '<meta name="parsely-tags" content="Europe, Energy">'
    assert read(page(head, BODY.format(h1="H", byline=""))).tags == []


def test_a_cut_description_is_not_swapped_for_a_lower_source(read) -> None:
    # og:description first even where cut: the swap to the whole meta description did not hold on unseen sites.
    head = ('<meta property="og:description" content="Harbour wardens in the north basin are trying...">'
            '<meta name="description" content="Harbour wardens in the north basin are trying to unravel the case.">')
    meta = read(page(head, BODY.format(h1="H", byline="")))
    assert meta.description.endswith("trying...") and meta.sources["description"] == "opengraph"


def test_a_byline_element_naming_the_site_is_the_stated_author(read) -> None:
    head = '<meta property="og:site_name" content="Harbour Times">'
    body = BODY.format(h1="The story", byline='<p class="byline">Artikel von: Harbour Times</p>')
    meta = read(page(head, body), url="https://www.harbourtimes.example/a")
    assert meta.authors == ["Harbour Times"] and meta.sources["authors"] == "dom"


@pytest.mark.parametrize("hidden", ['style="display: none"', "hidden", 'aria-hidden="false" style="visibility:hidden"'])
def test_a_hidden_byline_element_names_nobody(read, hidden: str) -> None:
    """A byline element the page never shows is no byline it prints: the site named there
    is not its stated author (the last resort: review R4)."""
    head = '<meta property="og:site_name" content="Harbour Times">'
    body = BODY.format(h1="The story", byline=f'<div {hidden}><p class="byline">Artikel von: Harbour Times</p></div>')
    assert read(page(head, body), url="https://www.harbourtimes.example/a").authors == []
    body = BODY.format(h1="The story", byline=f'<p class="byline" {hidden}>Artikel von: Harbour Times</p>')
    assert read(page(head, body), url="https://www.harbourtimes.example/a").authors == []


@pytest.mark.parametrize("top", ["<html><body style='visibility:hidden'>", "<html style='opacity:0;visibility:hidden'><body>",
                                 "<html hidden><body>"])
def test_a_page_hidden_until_its_scripts_run_keeps_its_bylines(read, top: str) -> None:
    """Anti-flicker pages hide <body> or <html> until their scripts run; the light tree
    never judges the body it starts from, nor does the byline check (review R5)."""
    html = f"{top}<h1>The story</h1><div class=byline><span class=author>Jane Roe</span></div>{BODY.format(h1='', byline='')}</body></html>"
    assert read(html).authors == ["Jane Roe"]


def test_hidden_byline_elements_before_the_shown_one_are_passed_over(read) -> None:
    """However many hidden author elements come first (tooltips, a mobile card), the
    shown byline after them is read (review R5)."""
    hidden = '<span class="author-name" style="display:none">Site Staff</span>' * 40
    body = BODY.format(h1="The story", byline=f"{hidden}<div class=byline><span class=author>Jane Roe</span></div>")
    assert read(page("", body)).authors == ["Jane Roe"]


def test_the_site_s_name_stays_out_of_hidden_metadata(read) -> None:
    head = '<meta property="og:site_name" content="Harbour Times"><meta name="author" content="Harbour Times">'
    body = BODY.format(h1="The story", byline="<p>Harbour Times</p>")
    assert read(page(head, body), url="https://www.harbourtimes.example/a").authors == []


def test_a_person_s_byline_line_beats_a_byline_element_naming_the_site(read) -> None:
    head = '<meta property="og:site_name" content="Harbour Times">'
    byline = '<p class="author">Harbour Times</p><p>By Jane Doe</p>'
    meta = read(page(head, BODY.format(h1="The story", byline=byline)), url="https://www.harbourtimes.example/a")
    assert meta.authors == ["Jane Doe"]
