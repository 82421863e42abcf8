"""Collecting the candidates: the datelines deferred to the merge, read only where wanted."""
from __future__ import annotations

import importlib

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import read_candidates

from .conftest import page

DATELINE = '<h1>Ministers agree on a plan</h1><div class="dateline">Published 4 June 2023</div>'
STATED = '<meta property="article:published_time" content="2023-06-02T10:00:00+02:00">'


def test_read_candidates_reads_the_datelines_unless_asked_to_defer_them() -> None:
    html = page("", DATELINE)
    assert read_candidates(LexborHTMLParser(html), None)["dom"]["dateline"] == ["Published 4 June 2023"]
    deferred: dict = {}
    cands = read_candidates(LexborHTMLParser(html), None, deferred=deferred)
    assert "dateline" not in cands["dom"]
    assert deferred[("dom", "dateline")]() == ["Published 4 June 2023"]


def test_datelines_are_read_only_where_nothing_else_states_a_date(read, monkeypatch) -> None:
    collect = importlib.import_module("broadsheet.extract.meta.collect")
    calls: list[int] = []
    real = collect.read_datelines
    monkeypatch.setattr(collect, "read_datelines", lambda nodes, foreign: calls.append(1) or real(nodes, foreign))
    meta = read(page(STATED, DATELINE), url=None)
    assert meta.date_published == "2023-06-02T10:00:00+02:00" and calls == []
    meta = read(page("", DATELINE), url=None)
    assert meta.date_published == "2023-06-04" and meta.sources["date_published"] == "dom" and calls == [1]


BYLINE = '<h1>Ministers agree on a plan</h1><div class="byline">By Jane Doe</div><p>Words of the story.</p>'
LD_AUTHOR = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Jane Doe"}}</script>'


def test_the_byline_query_is_made_only_where_the_merge_asks(read, monkeypatch) -> None:
    collect = importlib.import_module("broadsheet.extract.meta.collect")
    calls: list[int] = []
    real = collect._named_near_headline
    monkeypatch.setattr(collect, "_named_near_headline", lambda *args: calls.append(1) or real(*args))
    meta = read(page(STATED + LD_AUTHOR, BYLINE))  # stated, and shown in the page text
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "json-ld" and calls == []
    meta = read(page(STATED, BYLINE))  # stated nowhere: the byline is the source
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "dom" and calls == [1]
    hidden = LD_AUTHOR.replace("Jane Doe", "Max Weber")  # named only in hidden metadata: the byline
    meta = read(page(STATED + hidden, BYLINE))
    assert meta.authors == ["Jane Doe"] and meta.sources["authors"] == "dom" and calls == [1, 1]
    assert read(page("", BYLINE)).date_published is None and calls == [1, 1, 1]  # for a dateline


def test_deferred_readers_run_once_and_match_the_eager_ones() -> None:
    html = page(LD_AUTHOR, BYLINE + '<span class="date">4 June 2023</span>')
    eager = read_candidates(LexborHTMLParser(html), None)
    deferred: dict = {}
    lazy = read_candidates(LexborHTMLParser(html), None, deferred=deferred)
    assert sorted(deferred) == [("dom", "authors"), ("dom", "authors_in_footer"), ("dom", "dateline")]
    assert deferred[("dom", "authors")]() == eager["dom"]["authors"] == ["By Jane Doe"]
    assert deferred[("dom", "authors_in_footer")]() == [] and "authors_in_footer" not in eager["dom"]
    assert deferred[("dom", "dateline")]() == eager["dom"]["dateline"]
    assert {k: v for k, v in eager["dom"].items() if k not in ("authors", "dateline")} == lazy["dom"]


def test_json_ld_and_head_links_are_found_in_any_case_of_their_type_and_rel() -> None:
    """The queries ask `script:is([type*="ld+json" i])`, `link:is([rel~=canonical i])`: the
    tag tested first, the attribute as before (any case of ASCII letters, in head and body);
    a script of another type is not read, unless the body's query asks for its itemprop."""
    head = (
        '<link rel="Canonical" href="https://paper.example/a"><link rel="IMAGE_SRC" href="https://paper.example/i.jpg">'
        '<script type="application/LD+JSON">{"@type": "NewsArticle", "headline": "From the head"}</script>'
        '<script type="text/javascript">{"@type": "NewsArticle", "headline": "Code"}</script>'
    )
    body = (
        '<script type="Application/Ld+Json; charset=utf-8">{"@type": "WebSite", "name": "Paper"}</script>'
        '<script type="text/x-template" itemprop="x">{"@type": "Organization", "name": "Org"}</script>'
    )
    cands = read_candidates(LexborHTMLParser(page(head, body)), None)
    assert cands["link"] == {"canonical_url": ["https://paper.example/a"], "image": ["https://paper.example/i.jpg"]}
    assert cands["json-ld"]["title"] == ["From the head"]
    assert cands["json-ld"]["site_name"] == ["Paper", "Org"]


def test_the_head_query_finds_the_nodes_of_one_selector_a_link_kind() -> None:
    """`_HEAD_SELECTOR` asks for the head's links in one `link:is(...)`: the same nodes in
    the same order as a selector for each kind (a link of two kinds came back twice there)."""
    from broadsheet.extract.meta.collect import _HEAD_SELECTOR

    before = (
        'meta,title,link:is([rel~=canonical i]),link:is([rel~=image_src i]),link:is([rel~=alternate i]),link[itemprop],'
        'script:is([type*="ld+json" i])'
    )
    head = (
        '<meta charset="utf-8"><title>T</title><link rel="stylesheet" href="s.css">'
        '<link rel="Canonical Alternate" href="https://paper.example/a"><link rel="image_src" itemprop="image" href="i">'
        '<link rel="ALTERNATE" type="application/rss+xml" title="Paper - RSS" href="f"><link itemprop="url" href="u">'
        '<link rel="canonicals" href="x"><link rel="preload image_src" href="p"><meta property="og:title" content="T">'
        '<script type="application/ld+json">{}</script><script>var a;</script><link rel=" alternate " href="g">'
    )
    tree = LexborHTMLParser(page(head, "<p>x</p>"))
    assert tree.head is not None

    def once(selector: str) -> list[str]:
        seen: dict[int, str] = {}
        for node in tree.head.css(selector):  # type: ignore[union-attr]
            seen.setdefault(node.mem_id, node.html or "")
        return list(seen.values())

    found = once(_HEAD_SELECTOR)
    assert found == once(before)
    assert len(found) == 10  # not the stylesheet, "canonicals" nor the plain script
