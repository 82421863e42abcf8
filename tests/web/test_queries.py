"""Query helpers: hit markers, filters, page windows."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette, jinja2, uvicorn) is not installed")

from broadsheet.web.app import _window, group_blocks  # noqa: E402
from broadsheet.web.queries import HIT_CLOSE, HIT_OPEN, Filters, marked  # noqa: E402


def test_marked_segments_stay_balanced_whatever_the_text_holds():
    assert marked(f"a {HIT_OPEN}b{HIT_CLOSE} c") == [
        {"text": "a ", "hit": False}, {"text": "b", "hit": True}, {"text": " c", "hit": False}]
    stray = marked(f"x{HIT_CLOSE}y{HIT_OPEN}z{HIT_OPEN}w")  # a stray close, a doubled open
    assert "".join(s["text"] for s in stray) == "xyzw"
    assert [s["hit"] for s in stray] == [False, True]
    assert marked("") == []


def test_filters_parse_and_build_sql():
    notices: list[str] = []
    f = Filters.parse({"site": "News.Example", "language": "en", "since": "2024-02-30", "until": "2024-03-01"}, notices)
    assert f.site == "news.example" and f.since == "" and f.until == "2024-03-01" and len(notices) == 1
    where, params = f.where()
    assert "duplicate_of IS NULL" in where and params[-1] == "2024-03-02"  # until is inclusive
    assert not Filters().active() and f.active()


def test_page_window_and_block_grouping():
    assert _window(1, 1) == [1]
    assert _window(10, 20) == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 20]
    grouped = group_blocks([{"kind": "list_item", "text": "a"}, {"kind": "list_item", "text": "b"},
                            {"kind": "list_item", "text": "1", "ordered": True}, {"kind": "paragraph", "text": "p"},
                            "junk"])
    assert [(g["kind"], len(g.get("items", []))) for g in grouped] == [("list", 2), ("list", 1), ("paragraph", 0)]
