"""The inline SVG charts: escaped labels, no script or style, sensible buckets."""
from __future__ import annotations

import pytest

pytest.importorskip("markupsafe", reason="the web extra (starlette, jinja2, uvicorn) is not installed")

from broadsheet.web.chart import bars, timeline  # noqa: E402


def test_bars_escape_labels_and_scale_to_the_largest():
    svg = bars([("<script>alert(1)</script>", 10), ('a"b', 5)])
    assert "<script" not in svg and "&lt;script&gt;" in svg and "a&#34;b" in svg
    widths = [float(part.split('width="')[1].split('"')[0]) for part in svg.split('<rect class="bar"')[1:]]
    assert widths[0] == 2 * widths[1]
    assert "style=" not in svg and bars([]) == ""


def test_timeline_counts_by_day_month_or_year():
    svg, unit = timeline([{"day": "2024-05-01", "articles": 2}, {"day": "2024-05-03", "articles": 1}])
    assert unit == "day" and svg.count('<rect class="bar"') == 3  # the empty day in between too
    assert "<title>2024-05-02: 0</title>" in svg
    days = [{"day": f"2024-{m:02d}-01", "articles": m} for m in range(1, 13)]
    svg, unit = timeline(days)
    assert unit == "month" and "<title>2024-12: 12</title>" in svg
    svg, unit = timeline([{"day": "1990-01-01", "articles": 1}, {"day": "2024-01-01", "articles": 1}])
    assert unit == "year" and svg.count('<rect class="bar"') == 35  # 1990 .. 2024, empty years too
    svg, unit = timeline([{"day": "2023-11-05", "articles": 1}, {"day": "2024-06-01", "articles": 1}])
    assert unit == "month" and svg.count('<rect class="bar"') == 8 and "<title>2024-01: 0</title>" in svg
    assert timeline([{"day": "not a day", "articles": 3}]) == ("", "day")
