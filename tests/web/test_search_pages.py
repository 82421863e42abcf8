"""Search parameters past what SQLite can bind (review R6 finding 7): a page number past 64
bits is the last page, never HTTP 500."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/api/search?q=harbour&page=99999999999999999999",
                                  "/api/search?q=harbour&page=-99999999999999999999",
                                  "/api/search?q=nosuchwordanywhere&page=99999999999999999999",
                                  "/api/search?page=99999999999999999999"])
def test_a_page_number_past_64_bits_is_the_last_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    data = response.json()
    assert 1 <= data["page"] <= max(1, data["pages"]) or data["total"] == 0
    if data["total"]:
        assert data["results"]


def test_the_html_search_page_answers_a_huge_page_number(client) -> None:
    response = client.get("/?q=harbour&page=99999999999999999999")
    assert response.status_code == 200 and "harbour" in response.text.lower()


def test_a_short_prefix_is_refused_with_a_notice(client) -> None:
    """`h*` would match most words of the corpus, each hit's snippet scanning them all (review
    R9 finding 7, in the web search as in `broadsheet search`): no results, a notice saying why."""
    data = client.get("/api/search?q=h*").json()
    assert data["total"] == 0 and not data["results"]
    assert any("at least" in notice for notice in data["notices"])
    assert client.get("/api/search?q=harb*").json()["total"] > 0
