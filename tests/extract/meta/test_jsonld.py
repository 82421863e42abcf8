"""JSON-LD reader: tolerant parsing, the article object chosen among many, references."""
from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.jsonld import JsonLd, parse_jsonld, read_jsonld

from .conftest import page


def _scripts(*bodies: str) -> list:
    html = page("".join(f'<script type="application/ld+json">{b}</script>' for b in bodies))
    return LexborHTMLParser(html).css('script[type="application/ld+json"]')


def test_valid_json_is_parsed_as_is() -> None:
    assert parse_jsonld('{"@type": "NewsArticle", "headline": "A"}') == [{"@type": "NewsArticle", "headline": "A"}]


def test_trailing_commas_and_comments_are_repaired() -> None:
    text = """{
      // a comment
      "@type": "NewsArticle", /* another */
      "headline": "Trailing // not a comment",
      "keywords": ["a", "b",],
    }"""
    (value,) = parse_jsonld(text)
    assert value["headline"] == "Trailing // not a comment"
    assert value["keywords"] == ["a", "b"]


def test_html_comment_and_cdata_wrappers() -> None:
    assert parse_jsonld('<!-- {"@type": "Article", "headline": "X"} -->')[0]["headline"] == "X"
    assert parse_jsonld('//<![CDATA[\n{"@type": "Article", "headline": "Y"}\n//]]>')[0]["headline"] == "Y"


def test_raw_newlines_in_strings_and_concatenated_objects() -> None:
    values = parse_jsonld('{"@type": "Article", "headline": "two\nlines"} {"@type": "WebSite", "name": "S"}')
    assert [v["@type"] for v in values] == ["Article", "WebSite"]


def test_entity_escaped_json_is_decoded() -> None:
    (value,) = parse_jsonld("{&quot;@type&quot;: &quot;Article&quot;, &quot;headline&quot;: &quot;E&quot;}")
    assert value["headline"] == "E"


def test_hopeless_json_gives_nothing_and_no_error() -> None:
    assert parse_jsonld("this is { not : json at all") == []
    assert parse_jsonld("") == []
    assert read_jsonld(_scripts("{{{{", "]]]", "null")) == {}


def test_graph_with_id_references_and_nested_objects() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "The Daily Example"},
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {
                "@type": "WebPage", "@id": "#page", "name": "Page name",
                "datePublished": "2023-06-01T08:00:00+02:00",
            },
            {
                "@type": ["NewsArticle"], "headline": "Graph headline",
                "author": [{"@id": "#jane"}, {"@type": "Person", "name": "John Roe"}],
                "publisher": {"@type": "Organization", "name": "Example Media"},
                "datePublished": "2023-06-01T09:00:00+02:00",
                "image": {"@type": "ImageObject", "url": "https://img.example.com/a.jpg", "width": 1200},
                "keywords": "one, two",
                "articleSection": ["Politics"],
            },
        ],
    }
    found = read_jsonld(_scripts(json.dumps(graph)))
    assert found["title"] == ["Graph headline"]
    assert found["authors"] == [[("Jane Doe", False), ("John Roe", False)]]
    assert found["date_published"] == ["2023-06-01T09:00:00+02:00"]
    assert found["page_date_published"] == ["2023-06-01T08:00:00+02:00"]
    assert found["image"] == ["https://img.example.com/a.jpg"]
    assert found["site_name"][0] == "Example Media"
    assert "The Daily Example" in found["site_name"]
    assert found["section"] == ["Politics"]
    assert found["tags"] == ["one, two"]


def test_article_in_main_entity_and_array_of_scripts() -> None:
    page_obj = {"@type": "WebPage", "mainEntity": {"@type": "BlogPosting", "headline": "Nested"}}
    found = read_jsonld(_scripts(json.dumps([{"@type": "BreadcrumbList"}, page_obj])))
    assert found["title"] == ["Nested"]


def test_related_articles_in_an_item_list_are_not_the_article() -> None:
    item_list = {
        "@type": "ItemList",
        "itemListElement": [{"@type": "NewsArticle", "headline": "Other story", "datePublished": "2020-01-01"}],
    }
    article = {"@type": "NewsArticle", "headline": "This story", "datePublished": "2023-06-04"}
    found = read_jsonld(_scripts(json.dumps(item_list), json.dumps(article)))
    assert found["title"] == ["This story"]
    assert found["date_published"] == ["2023-06-04"]


def test_organisation_author_is_marked() -> None:
    doc = JsonLd([{"@type": "Article", "author": {"@type": "NewsMediaOrganization", "name": "Org"}}])
    assert doc.article is not None
    found = read_jsonld(_scripts(json.dumps({"@type": "Article", "headline": "H", "author": {"@type": "Organization", "name": "Org"}})))
    assert found["authors"] == [[("Org", True)]]


def test_five_hundred_authors_do_not_break_the_reader() -> None:
    authors = [{"@type": "Person", "name": f"Person {i}"} for i in range(500)]
    found = read_jsonld(_scripts(json.dumps({"@type": "Article", "headline": "H", "author": authors})))
    assert len(found["authors"][0]) == 500


def test_comment_wrapped_script_still_parses() -> None:
    from broadsheet.extract.meta.jsonld import parse_jsonld

    assert parse_jsonld('<!-- {"@type": "Article", "headline": "H"} -->') == [{"@type": "Article", "headline": "H"}]
    assert parse_jsonld('//<![CDATA[\n{"headline": "H"}\n//]]>') == [{"headline": "H"}]


PAGE = "https://news.example/2023/06/04/this-story"
RELATED = {"@type": "NewsArticle", "headline": "Other story", "url": "https://news.example/2023/06/01/other",
           "datePublished": "2023-06-01", "author": {"@type": "Person", "name": "John Roe"}}


def _this(**where: object) -> str:
    return json.dumps({"@type": "NewsArticle", "headline": "This story", "datePublished": "2023-06-04",
                       "author": {"@type": "Person", "name": "Jane Doe"}, **where})


def test_of_several_articles_the_one_naming_the_page_is_the_article() -> None:
    # A related story's object before the page's own: schema.org's url / @id /
    # mainEntityOfPage say which object this page is about.
    for where in ({"url": PAGE}, {"@id": PAGE}, {"mainEntityOfPage": {"@type": "WebPage", "@id": PAGE}},
                  {"mainEntityOfPage": "http://www.news.example/2023/06/04/this-story/"}):
        found = read_jsonld(_scripts(json.dumps(RELATED), _this(**where)), (PAGE,))
        assert found["title"] == ["This story"], where
        assert found["authors"] == [[("Jane Doe", False)]] and found["date_published"] == ["2023-06-04"]


def test_the_canonical_url_names_the_page_too() -> None:
    found = read_jsonld(_scripts(json.dumps(RELATED), _this(url=PAGE)), (PAGE + "?utm_source=x", None))
    assert found["title"] == ["This story"]  # the query is no part of the page's name
    found = read_jsonld(_scripts(json.dumps(RELATED), _this(url=PAGE)), ("https://amp.news.example/x", PAGE))
    assert found["title"] == ["This story"]


def test_without_an_object_naming_the_page_the_first_stays() -> None:
    assert read_jsonld(_scripts(json.dumps(RELATED), _this()), (PAGE,))["title"] == ["Other story"]
    assert read_jsonld(_scripts(json.dumps(RELATED), _this(url=PAGE)))["title"] == ["Other story"]  # no URL given


def test_extract_takes_the_article_naming_its_url() -> None:
    from broadsheet import extract

    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in (json.dumps(RELATED), _this(url=PAGE)))
    story = "<p>" + "Words of the story, more words of the story here. " * 20 + "</p>"
    html = (f"<html><head><title>This story</title>{scripts}</head><body><article><h1>This story</h1>{story}"
            "<p>Reporting: Jane Doe. See also John Roe's story.</p></article></body></html>")
    article = extract(html, PAGE)
    assert (article.title, article.authors, article.date_published[:10]) == ("This story", ["Jane Doe"], "2023-06-04")


def test_a_query_naming_the_article_is_part_of_the_page_name() -> None:
    # WordPress's plain permalinks (?p=123) and index.php?id=5 name one article each: a
    # related story's object must not pass for the page's own.
    for page, other in (("https://blog.example/?p=123", "https://blog.example/?p=99"),
                        ("https://news.example/index.php?id=5", "https://news.example/index.php?id=4")):
        found = read_jsonld(_scripts(_this(), json.dumps({**RELATED, "url": other})), (page,))
        assert found["title"] == ["This story"], page
        found = read_jsonld(_scripts(json.dumps({**RELATED, "url": other}), _this(url=page)), (page + "&utm_medium=x",))
        assert found["title"] == ["This story"], page


def test_a_site_root_names_no_article() -> None:
    # A canonical or mainEntityOfPage set to the home page on every page (a common theme
    # misconfiguration) must not promote a related story's object.
    home = "https://news.example/"
    found = read_jsonld(_scripts(_this(), json.dumps({**RELATED, "mainEntityOfPage": {"@id": home}})), (PAGE, home))
    assert found["title"] == ["This story"]
