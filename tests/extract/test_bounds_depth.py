"""The depth scan (`bounds.flatten_deep_nesting`) passes over leaf elements and tags that
change nothing inside the regex engine (`bounds._DEPTH_NEXT`): each case below is one where
passing over a leaf would leave a different page than reading it tag by tag does. Small
`max_depth`s make the limit reachable; `tags` past the count makes the scan run."""
from __future__ import annotations

import pytest

from broadsheet.extract import bounds

ANY = 10**9


@pytest.mark.parametrize(
    "html, max_depth, flat",
    [
        # a dropped <i> is still owed its end tag: the next leaf <i>'s end tag is taken for it
        ("<div><div><i>x</div><i>y</i>", 2, "<div><div>x</div><i>y"),
        # at the limit a leaf is dropped, its end tag with it
        ("<div><span>x</span><b>y</b>", 1, "<div>xy"),
        ("<div><b>x</b><!-- <i> --><i>y</i>", 1, "<div>x<!-- <i> -->y"),
        # an end tag in another case is not the leaf's (the name is matched as written)
        ("<div><DIV>x</div><b>y</b>", 1, "<div>xy"),
        # a <desc> in SVG with tags inside makes later raw text uncertain: it is no leaf
        ("<div><svg><desc>a<b>b</b></desc></svg><script><i>x</i></script>", 2, "<div><svg>ab</svg><script>x</script>"),
        ("<div><svg><desc>a<br>b</desc></svg><script><i><u>x</u></i></script>", 3,
         "<div><svg><desc>a<br>b</desc></svg><script><i>x</i></script>"),
        # a <col> in a template is void, but counted: raw text after it may be markup
        ("<div><template><col><script><i><u>x</u></i></script>", 4, "<div><template><col><script><i>x</i></script>"),
    ],
)
def test_leaves_drop_as_when_read_tag_by_tag(html: str, max_depth: int, flat: str) -> None:
    assert bounds.flatten_deep_nesting(html, max_depth=max_depth, tags=ANY) == flat


@pytest.mark.parametrize(
    "html",
    [
        "<div><a>x<a>y</a><b><i>z</i></b>",  # the inner <a> closes the outer one first
        "<div><h2>x<h3>y</h3><b><i>z</i></b>",  # a heading closes the heading it is in
        "<div><span>a<br>b<p>c</p></span><b><i>y</i></b>",  # void and auto-closed tags inside a leaf
    ],
)
def test_leaves_that_close_the_current_node_leave_room(html: str) -> None:
    assert bounds.flatten_deep_nesting(html, max_depth=3, tags=ANY) is html


def test_a_page_of_leaves_and_void_tags_is_read_to_its_end() -> None:
    # after the last tag the scan does anything with, only leaves and text remain
    html = "<div>" + "<span>x</span><br>" * 5_000 + "<div><i>deep</i>tail"
    assert bounds.flatten_deep_nesting(html, max_depth=2) == html.replace("<i>deep</i>", "deep")
