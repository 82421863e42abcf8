"""The boilerplate elements `collapse_boilerplate` starts from are found with a cheaper
query (`dom._outermost`): it must find what `body.css(dom._OUTERMOST)` finds, in the same
order, on each shape below where the two queries could part."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract import dom

MENU = "<ul><li><a href=/a>A</a><li><a href=/b>B</a></ul>"


@pytest.mark.parametrize(
    "body",
    [
        f"<header>{MENU}</header><article><p>Story</p></article><footer>{MENU}</footer>",
        # a tag with a role of the list: found once
        f'<nav role="navigation">{MENU}</nav><aside role="complementary">x</aside>',
        # roles outside the list, in another case, with spaces, or a second role attribute: none
        '<div role="button">x</div><div role="Navigation">x</div><div role=" banner">x</div>'
        '<div role="navigation main">x</div><div role="x" role="banner">x</div><div role>x</div>',
        # the first role attribute counts
        '<div role="contentinfo" role="x">x</div>',
        # one inside another: found where its parent is not one (Lexbor's reading of `X *`)
        f'<header><nav>{MENU}</nav><div><nav>{MENU}</nav></div></header>',
        '<div role="banner"><div role="navigation"><footer>x</footer></div><p>y</p></div>',
        # inside content the light tree skips
        f"<template><nav>{MENU}</nav></template><svg><nav>x</nav></svg><noscript><footer>x</footer></noscript>",
    ],
)
def test_the_cheaper_query_finds_what_the_selector_finds(body: str) -> None:
    page = LexborHTMLParser(f"<html><body>{body}</body></html>").body
    assert page is not None
    expected = [el.mem_id for el in page.css(dom._OUTERMOST)]
    assert [el.mem_id for el in dom._outermost(page)] == expected


@pytest.mark.parametrize("html", ['<html><body role="banner">', '<html role="banner"><body role="banner">'])
def test_a_body_that_is_boilerplate_itself_asks_the_selector(html: str) -> None:
    page = LexborHTMLParser(f"{html}<nav>{MENU}</nav><div><footer>x</footer></div></body></html>").body
    assert page is not None
    expected = [el.mem_id for el in page.css(dom._OUTERMOST)]
    assert [el.mem_id for el in dom._outermost(page)] == expected
