"""Escaped markup in a stated title, description or site name never comes out as markup.

Pages escape HTML inside attribute values and <title> (`&lt;svg/onload=...&gt;`); once
unescaped, a record that kept it would carry live markup into every page that shows the
record (the corpus browser, a user's own HTML report). A cleaner that drops only known
element names let these through (review RV-D of ad61882, reverted in ab28b66).
"""
from __future__ import annotations

import html

import pytest

from broadsheet import extract

HOSTILE = [
    "<svg/onload=alert(document.cookie)>",
    "<img/src=x/onerror=alert(1)>",
    "<image src=x onerror=alert(2)>",  # browsers read <image> as <img>
    "<foo onmouseover=alert(3)>",
    "<x onclick=alert(4)>",
    "<svg><animate onbegin=alert(5)>",
    "<img alt='<' src=x onerror=alert(8)>",
    "<math><mtext><script>alert(9)</script></mtext></math>",
]


def _page(value: str) -> bytes:
    escaped = html.escape(value)
    return (
        f"<html><head><title>Budget passes {escaped}</title>"
        f'<meta name="description" content="Council votes {escaped} today">'
        f'<meta property="og:site_name" content="Gazette {escaped}"></head>'
        f"<body><p>{'The council met on Tuesday and voted on the budget. ' * 12}</p></body></html>"
    ).encode()


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_markup_is_not_kept_in_text_fields(value: str) -> None:
    article = extract(_page(value), "https://example.org/news/budget")
    for field in (article.title, article.description, article.site_name):
        assert field is not None
        assert "<" not in field and ">" not in field, field
        assert "onerror" not in field and "onload" not in field and "onclick" not in field, field
    assert article.title is not None and article.title.startswith("Budget passes")
    assert article.description is not None and article.description.startswith("Council votes")
