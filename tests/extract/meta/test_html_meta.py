"""<meta> and <link> readers: every vocabulary lands in its (source, field)."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.html_meta import read_link, read_meta

from .conftest import page


def _read(head: str) -> dict:
    tree = LexborHTMLParser(page(head))
    out: dict = {}
    read_meta(tree.css("meta"), out)
    for link in tree.css("link"):
        read_link(link, out)
    return out


def test_opengraph_and_article_namespace() -> None:
    out = _read(
        '<meta property="og:title" content="OG title"><meta property="og:site_name" content="Site">'
        '<meta property="article:published_time" content="2023-06-04T16:20+0000">'
        '<meta property="article:tag" content="a"><meta property="article:tag" content="b">'
        '<meta property="article:section" content="World"><meta name="og:description" content="named og">'
    )
    og = out["opengraph"]
    assert og["title"] == ["OG title"] and og["site_name"] == ["Site"]
    assert og["date_published"] == ["2023-06-04T16:20+0000"]
    assert og["tags"] == ["a", "b"] and og["section"] == ["World"]
    assert og["description"] == ["named og"]  # property= and name= are both read


def test_twitter_named_meta_and_platform_vocabularies() -> None:
    out = _read(
        '<meta name="twitter:title" content="TW"><meta name="description" content="Desc">'
        '<meta name="author" content="Jane Doe"><meta name="parsely-author" content="John Roe">'
        '<meta name="sailthru.date" content="2023-06-04"><meta name="DC.date.issued" content="2023-06-03">'
        '<meta name="citation_author" content="Doe, J."><meta name="parsely-tags" content="x, y">'
        '<meta http-equiv="content-language" content="de-DE"><meta name="viewport" content="width=device-width">'
    )
    assert out["twitter"]["title"] == ["TW"]
    assert out["meta"]["description"] == ["Desc"]
    assert out["meta"]["authors"] == ["Jane Doe", "John Roe", "Doe, J."]
    assert out["meta"]["date_published"] == ["2023-06-04", "2023-06-03"]
    assert out["meta"]["tags"] == ["x, y"]
    assert out["meta"]["language"] == ["de-DE"]


def test_twitter_label_names_the_author() -> None:
    out = _read(
        '<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">'
        '<meta name="twitter:label2" content="Lesedauer"><meta name="twitter:data2" content="4 Minuten">'
    )
    assert out["twitter"]["authors"] == ["Karoline Herr"]


def test_head_microdata_and_rdfa_lists() -> None:
    out = _read('<meta itemprop="datePublished" content="2023-06-04"><meta property="og:title dc:title" content="Both">')
    assert out["microdata"]["date_published"] == ["2023-06-04"]
    assert out["opengraph"]["title"] == ["Both"]


def test_empty_content_and_links() -> None:
    out = _read(
        '<meta property="og:title" content="   "><link rel="canonical" href="/a/b">'
        '<link rel="image_src" href="/img.jpg"><link rel="stylesheet" href="/s.css">'
    )
    assert "opengraph" not in out
    assert out["link"] == {"canonical_url": ["/a/b"], "image": ["/img.jpg"]}


def test_a_site_s_own_namespace_for_the_publication_date() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from broadsheet.extract.meta.html_meta import read_meta

    tree = LexborHTMLParser(
        "<head><meta property='five_hundred_pixels:uploaded' content='2013-02-16T04:36:36-05:00'>"
        "<meta property='five_hundred_pixels:category' content='Landscapes'></head>"
    )
    out: dict = {}
    read_meta(tree.css("meta"), out)
    assert out == {"meta": {"date_published": ["2013-02-16T04:36:36-05:00"]}}


def test_each_key_reads_alike_every_time_however_long() -> None:
    """Keys are read once and remembered (`_key_plan`) up to `_MEMO_KEY` characters; a
    longer one is read each time, the same way."""
    from broadsheet.extract.meta import html_meta

    long_key = "og:title " + " ".join(f"x{i}:unknown" for i in range(20)) + " dc:date twitter:label1"
    assert len(long_key) > html_meta._MEMO_KEY
    head = (
        f'<meta property="{long_key}" content="Both">'
        '<meta name="twitter:data1" content="Jane Doe"><meta property="OG:Title DC.title" content="Listed">'
        '<meta name="viewport" content="width=device-width">'
        '<meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="John Roe">'
    )
    first, second = _read(head), _read(head)
    assert first == second
    assert first["opengraph"]["title"] == ["Both", "Listed"]
    assert first["meta"]["date_published"] == ["Both"] and first["meta"]["title"] == ["Listed"]
    assert first["twitter"]["authors"] == ["John Roe"]  # label1 ("Both", from the long key) names no author
    assert html_meta._read_key("viewport") == () and html_meta._read_key("dc:date") == (("meta", "date_published"),)
