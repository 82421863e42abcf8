"""JsonLd reads each object's types once (metadata cost, issue 9): choosing the article,
the page, the site and the organisation asked for them up to five times per object."""
from __future__ import annotations

from typing import Any

import pytest

from broadsheet.extract.meta import jsonld
from broadsheet.extract.meta.jsonld import JsonLd

GRAPH: list[Any] = [
    {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "The Paper"},
            {"@type": "WebSite", "@id": "#site", "name": "The Paper Online"},
            {"@type": ["WebPage", "ItemPage"], "@id": "#page", "name": "Page", "datePublished": "2023-01-02"},
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {"@type": "BreadcrumbList", "itemListElement": []},
            {"@type": "Recipe", "name": "Soup", "datePublished": "2023-01-01"},
            {"@type": "http://schema.org/NewsArticle", "headline": "Headline", "author": {"@id": "#jane"}},
        ],
    },
    {"@type": "ImageObject", "url": "https://example.com/a.jpg"},
]


def test_each_object_s_types_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    types = jsonld._types

    def counting(obj: dict[str, Any]) -> set[str]:
        seen.append(id(obj))
        return types(obj)

    monkeypatch.setattr(jsonld, "_types", counting)
    doc = JsonLd(GRAPH)
    assert len(doc.objects) == 9
    assert sorted(seen) == sorted(id(o) for o in doc.objects)


def test_the_choices_are_those_of_the_types() -> None:
    doc = JsonLd(GRAPH)
    assert doc.article is not None and doc.article["headline"] == "Headline"
    assert doc.page is not None and doc.page["@id"] == "#page"
    assert doc.site is not None and doc.site["@id"] == "#site"
    assert doc.org is not None and doc.org["@id"] == "#org"
    # Without an article type, another creative work with a headline and a date stands in.
    works = JsonLd([o for o in GRAPH[0]["@graph"] if "Article" not in str(o["@type"])])
    assert works.article is not None and works.article["name"] == "Soup"
    assert jsonld.is_article({"@type": ["Thing", "BlogPosting"]}) and not jsonld.is_article({"@type": 3})
