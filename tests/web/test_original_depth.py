"""The original-page view on hostile pages (review R6 finding 6): deep nesting costs linear
time, and only a bounded prefix of a huge page is read."""
from __future__ import annotations

import time

import pytest

from broadsheet.web import original
from broadsheet.web.original import visible_lines


def test_nested_inline_elements_cost_linear_time() -> None:
    # 100,000 spans one inside the next: every text node looked up to its block (O(depth) each)
    # took minutes; one walk carrying the block down takes a fraction of a second
    html = "<html><body><p>Lead paragraph.</p><footer>" + "<span>x " * 100_000 + "</footer></body></html>"
    started = time.perf_counter()
    lines = visible_lines(html)
    assert time.perf_counter() - started < 3.0  # the old walk: over 5 minutes
    assert lines[0] == "Lead paragraph." and lines[1].startswith("x x x") and len(lines) == 2


def test_lines_follow_the_nearest_block_around_each_text() -> None:
    html = "<body>a<div>b<span>c<p>d</p>e</span>f<br>g</div>h<table><tr><td>1<td>2</table><!--c-->i</body>"
    assert visible_lines(html) == ["a", "bc", "d", "efg", "h", "1", "2", "i"]
    assert visible_lines("<html><head><title>t</title></head></html>") == []
    assert visible_lines("only text") == ["only text"]


def test_the_view_reads_a_bounded_prefix_of_a_huge_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(original, "MAX_HTML_CHARS", 1000)
    html = "<body><p>first</p>" + "<p>filler words</p>" * 1000 + "<p>far past the cap</p></body>"
    lines = visible_lines(html)
    assert lines[0] == "first" and "far past the cap" not in lines and len(lines) < 100
