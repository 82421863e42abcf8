"""Review RV5 (e1cfe47): repeated boilerplate lines, bare words in multi-line blocks, Portuguese "Ã"."""
from __future__ import annotations

import pytest

from broadsheet import extract
from broadsheet.extract.mojibake import repair_mojibake

PROSE = "The council met until late in the evening, and in the end a compromise was found for all sides. "


def _text(inner: str) -> str:
    html = (
        "<html><head><title>A page</title></head><body><article><h1>A headline for the page</h1>"
        f"<p>{PROSE * 2}</p>{inner}<p>{PROSE * 2}</p></article></body></html>"
    )
    return extract(html, "https://news.example/a/1").text


@pytest.mark.parametrize(
    "lines",
    [
        # a story's steps, each a long boilerplate formula: not a row of buttons
        ["Register online at the city website by Friday to get a permit for the parade.",
         "Log in with the number printed on the letter the council sent to each household."],
        ["Sign up for the free flu shot at any county clinic before the end of October.",
         "Register your children for the school year by August 1 at the district office."],
        ["Follow us on the trail: the route starts at the old mill and ends by the river.",
         "Click here if you are lost, the guide told us, pointing to a red button on the map."],
    ],
)
def test_story_steps_kept(lines: list[str]) -> None:
    text = _text(f"<p>{'<br>'.join(lines)}</p>")
    assert all(line in text for line in lines)


@pytest.mark.parametrize("inner", ["<ul><li>Drucken<br>Teilen</li><li>Warten</li></ul>", "<h2>Imprimir<br>Compartir</h2>"])
def test_bare_words_kept_outside_paragraphs(inner: str) -> None:
    text = _text(inner)
    assert inner.split(">")[2].split("<")[0] in text


@pytest.mark.parametrize("inner", ["<p>Pin It<br>Tweet</p>", "<p>Share<br>Print</p>", "<p>Artikel teilen<br>Drucken</p>"])
def test_button_rows_still_dropped(inner: str) -> None:
    assert "Tweet" not in _text(inner) and "Print" not in _text(inner) and "teilen" not in _text(inner)


@pytest.mark.parametrize(
    "text", ["AMANHÃ—HOJE: o jornal", "IRMÃ–IRMÃO", "ALEMÃ–Brasil", "SÃ–e salvo", "CAPITÃ\xa0AMÉRICA"]
)
def test_portuguese_final_a_tilde_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


@pytest.mark.parametrize(
    ("text", "repaired"),
    [("ESPAÃ‘A gana", "ESPAÑA gana"), ("CORAZÃ“N", "CORAZÓN"), ("Ã–sterreich", "Österreich"),
     ("cittÃ\xa0 di Bologna", "città di Bologna"), ("Â« Bonjour Â»", "« Bonjour »")],
)
def test_rv4_repairs_stay(text: str, repaired: str) -> None:
    assert repair_mojibake(text) == repaired
