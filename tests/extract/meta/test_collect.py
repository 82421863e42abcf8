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
