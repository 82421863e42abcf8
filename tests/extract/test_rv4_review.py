"""Review RV4 (05d14e7 button labels, d1b1511 STRONG mojibake pattern): each case fails on d1b1511."""
from __future__ import annotations

import pytest

from broadsheet import extract
from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.mojibake import repair_mojibake

PROSE = "The council met until late in the evening, and in the end a compromise was found for all sides. "


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252")


def _texts(inner: str) -> list[str]:
    html = (
        "<html><head><title>A page</title></head><body><article><h1>A headline for the page</h1>"
        f"<p>{PROSE * 2}</p>{inner}<p>{PROSE * 2}</p></article></body></html>"
    )
    return [b.text for b in extract(html, "https://dev.example/a/1").blocks]


@pytest.mark.parametrize("word", ["Drucken", "Printen", "Delen", "Stampa", "Compartir", "Partager", "Condividi"])
def test_a_heading_that_is_a_button_words_namesake_stays(word: str) -> None:
    # "Drucken" (printing), "Printen" (Aachen's biscuits), "Delen" (parts), "Stampa" (the press)
    assert word in _texts(f"<h2>{word}</h2><p>{PROSE}</p>")


def test_a_list_item_that_is_a_button_words_namesake_stays() -> None:
    assert _texts("<ul><li>Teilen</li><li>Warten</li><li>Zuhören</li></ul>")[1:4] == ["Teilen", "Warten", "Zuhören"]


@pytest.mark.parametrize("text", ["ESPAÑA gana la final", "CORAZÓN DE LEÓN", "Österreich", "la città",
                                  "Università di Bologna", "« Bonjour », dit-il · ok", "MUÑOZ"])
def test_mojibake_of_a_capital_or_a_guillemet_is_repaired(text: str) -> None:
    # UTF-8's second byte of Ñ Ó Ö × à « » · is a character STRONG took for a closing quote, dash or nbsp
    assert repair_mojibake(_mojibake(text)) == text


def test_an_authors_name_with_mojibake_of_a_capital_is_repaired() -> None:
    assert clean_authors([_mojibake("Ana MUÑOZ")]) == ["Ana MUÑOZ"]


@pytest.mark.parametrize("text", ["the café—a small place", "CAFÉ—ALGO", "Straße–Berlin", "ÇA—OUI", "ROMÂNIA «x»"])
def test_a_real_letter_before_a_dash_inside_a_word_is_left_alone(text: str) -> None:
    # a guard for the widened STRONG (passes before too): ftfy keeps real letters before a dash
    assert repair_mojibake(text) == text


@pytest.mark.parametrize("row", ["Pin It<br>Tweet", "Share<br>Print", "Artikel teilen<br>Drucken"])
def test_a_row_of_button_labels_in_one_block_goes(row: str) -> None:
    # each line is boilerplate; `_all_lines_metadata` wanted lines of different kinds
    assert _texts(f"<p>{row}</p>") == _texts("")
