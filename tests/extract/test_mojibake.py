"""Mojibake in a page's own text (UTF-8 read once as Windows-1252 by the site's pipeline:
"donâ€™t") is repaired by ftfy; real text that merely looks close is left alone."""
from __future__ import annotations

import pytest

from broadsheet import extract
from broadsheet.extract.mojibake import MAX_REPAIR_CHARS, repair_mojibake, suspect

STORY = "Alan Wurtzel, NBCâ€™s president of research, said on Thursday that archery is the new curling, and I donâ€™t agree."


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("I donâ€™t think so", "I don’t think so"),
        ("Archery is the â€˜newâ€™ curling", "Archery is the ‘new’ curling"),
        ("Ã©tÃ© Ã  Paris", "été à Paris"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("SayunÂ´s Request", "Sayun´s Request"),
    ],
)
def test_mojibake_is_repaired(text: str, repaired: str) -> None:
    assert repair_mojibake(text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Café in São Paulo", "SÃO PAULO", "t de bonne santé», résume quant à lui", "Tři oříšky pro Popelku",
        "la loro capacità”", "amené·e·s à penser", "das Ziel, die Nä…", "plain ASCII", "Правительство объявило",
    ],
)
def test_real_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_a_text_past_the_limit_is_left_as_it_is() -> None:
    text = "donâ€™t " * (MAX_REPAIR_CHARS // 8 + 1)
    assert suspect(text) and repair_mojibake(text) == text


def test_extract_repairs_the_title_and_the_body() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>Archery is the â€˜newâ€™ curling? I donâ€™t think so</title></head>"
        f"<body><article><h1>Archery is the â€˜newâ€™ curling? I donâ€™t think so</h1><p>{STORY}</p><p>{STORY}</p>"
        "<table><tr><td>CafÃ©</td><td>2 â‚¬</td></tr><tr><td>Tea</td><td>1 â‚¬</td></tr></table></article></body></html>"
    )
    article = extract(html, "https://blog.example/archery")
    assert article.title == "Archery is the ‘new’ curling? I don’t think so"
    assert "NBC’s president" in article.text and "â€" not in article.text
    table = next(b for b in article.blocks if b.kind == "table")
    assert table.rows == (("Café", "2 €"), ("Tea", "1 €"))


def test_an_authors_name_is_repaired_and_still_found_on_the_page() -> None:
    # Names went through no repair (review RV3): "JosÃ© GarcÃ­a" beside a repaired title.
    html = (
        "<html><head><meta charset='utf-8'><title>Storm hits the coast</title><meta name='author' content='JosÃ© GarcÃ­a'>"
        "</head><body><article><h1>Storm hits the coast</h1><p class='byline'>By JosÃ© GarcÃ­a</p>"
        f"<p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
    assert extract(html, "https://news.example/storm").authors == ["José García"]
