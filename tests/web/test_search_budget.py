"""The web search refuses disguised short prefixes and makes snippets within the CLI's time
budget (review R10, finding 4)."""
from __future__ import annotations

from pathlib import Path

import pytest

import broadsheet.corpus.search as search_module
from broadsheet.corpus import Corpus
from broadsheet.web import queries
from broadsheet.web.db import Reader


@pytest.fixture
def reader(tmp_path: Path):
    path = tmp_path / "c.sqlite"
    with Corpus(path) as store:
        for i in range(12):
            text = " ".join(f"word{i}x{j} wander with wonder" for j in range(40))
            store.add({"url": f"https://paper.example/{i}", "title": f"Story {i}", "text": text})
    opened = Reader(path)
    yield opened
    opened.close()


def test_a_disguised_short_prefix_gets_the_notice(reader: Reader) -> None:
    page = queries.search(reader, "w\u2019*", queries.Filters())
    assert page.total == 0 and not page.results
    assert any("at least" in notice for notice in page.notices)


def test_snippets_past_the_budget_show_the_start_of_the_text(reader: Reader, monkeypatch) -> None:
    page = queries.search(reader, "wonder", queries.Filters(), per_page=10)
    assert page.total == 12 and all(any(s["hit"] for s in r["snippet"]) for r in page.results)
    assert not any("highlighting" in notice for notice in page.notices)
    monkeypatch.setattr(search_module, "SNIPPET_SECONDS", -1.0)
    late = queries.search(reader, "wonder", queries.Filters(), per_page=10)
    assert [r["id"] for r in late.results] == [r["id"] for r in page.results]
    cut = [r for r in late.results if not any(s["hit"] for s in r["snippet"])]
    assert len(cut) >= 5  # the budget is checked between hits: one may still get its snippet
    assert all("".join(s["text"] for s in r["snippet"]).startswith("word") for r in cut)
    assert f"highlighting took over 1 s: {len(cut)} hits show the start of their text" in late.notices
    monkeypatch.undo()
    assert queries.search(reader, "wonder", queries.Filters(), per_page=3).results[0]["snippet"]
