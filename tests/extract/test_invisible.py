"""Characters that print as nothing (soft hyphens, zero-width spaces, word joiners, byte order
marks) are out of the record: kept, they split the words of the text for the corpus search,
the near-duplicate shingles and every tokenizer downstream. Joiners that shape glyphs and
bidirectional marks stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet import Corpus, extract
from broadsheet.extract.clean import clean_blocks
from broadsheet.extract.invisible import drop_invisible, has_invisible
from broadsheet.model import Block

PROSE = "Die Sitzung dauerte bis in den späten Abend, und am Ende stand ein Kompromiss für alle Seiten. " * 3


def _page(body: str, title: str = "Bundes&shy;regierung beschließt Haushalt") -> str:
    return (
        f"<html lang=de><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}<p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )


@pytest.mark.parametrize("char", ["\u00ad", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff"])
def test_each_invisible_character_goes(char: str) -> None:
    assert has_invisible(f"Bundes{char}regierung")
    assert drop_invisible(f"Bundes{char}regierung{char}{char}") == "Bundesregierung"


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("\u200b", ""),
        ("click here\u200b.", "click here."),
        ("word\u200b word", "word word"),
        ("\u200b\u200bStart", "Start"),
        ("line\n\u200b\nline", "line\n\nline"),
    ],
)
def test_a_zero_width_space_beside_a_blank_a_stop_or_a_line_end_goes(text: str, left: str) -> None:
    assert drop_invisible(text) == left


@pytest.mark.parametrize("text", ["ประเทศไทย\u200bมี\u200bประชากร", "Visit\u200bour\u200bsite"])
def test_a_zero_width_space_between_two_letters_is_a_word_boundary_and_stays(text: str) -> None:
    # Thai, Lao, Khmer and Burmese write no other word boundary; unicode61 splits there, so
    # the corpus finds "ประชากร" (review RV1 D4).
    assert not has_invisible(text)
    assert drop_invisible(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d👩\u200d👧 family",  # zero-width joiner: one emoji of three
        "می\u200cخواهم",  # zero-width non-joiner: a Persian word's shape
        "\u200fשלום\u200e 2024",  # bidirectional marks: the order the text is shown in
        "plain ASCII text",
    ],
)
def test_joiners_and_direction_marks_stay(text: str) -> None:
    assert not has_invisible(text)
    assert drop_invisible(text) == text


def test_soft_hyphens_leave_the_body_and_the_title_whole() -> None:
    html = _page("<p>Die Bundes&shy;regierung hat den Haus&shy;halt für 2025 beschlossen, nach langer Debatte im Kabinett.</p>")
    article = extract(html, "https://zeitung.example/politik/haushalt-2025")
    assert article.title == "Bundesregierung beschließt Haushalt"
    assert "Die Bundesregierung hat den Haushalt für 2025 beschlossen" in article.text
    assert "\u00ad" not in article.text and "\u00ad" not in article.to_markdown()


def test_a_line_of_zero_width_spaces_is_no_line() -> None:
    html = _page("<p>Erster Absatz mit genug Worten, um als Text zu gelten, und noch ein paar mehr.<br>&#8203;<br>"
                 "Zweite Zeile desselben Absatzes.</p><p>&#8203;</p><p>&#xFEFF;&#8288;</p>")
    article = extract(html, "https://zeitung.example/politik/zeilen")
    assert "\u200b" not in article.text and "\ufeff" not in article.text and "\u2060" not in article.text
    assert all(line.strip() for line in article.text.split("\n\n"))
    assert "Erster Absatz mit genug Worten, um als Text zu gelten, und noch ein paar mehr.\nZweite Zeile desselben Absatzes." in article.text


def test_blocks_are_cleaned_cell_by_cell_and_code_keeps_its_spaces() -> None:
    blocks = [
        Block("table", "Bundes\u00adland | Ein\u00adwohner", rows=(("Bundes\u00adland", "Ein\u00adwohner"),)),
        Block("code", "def  f():\n    return\u200b 1"),
        Block("paragraph", "\u200b\u00ad"),
        Block("paragraph", "Ein Satz\u200b mit  Lücke."),
    ]
    out = clean_blocks(blocks)
    assert out[0].rows == (("Bundesland", "Einwohner"),) and out[0].text == "Bundesland | Einwohner"
    assert out[1].text == "def  f():\n    return 1"
    assert [b.text for b in out[2:]] == ["Ein Satz mit Lücke."]


def test_the_corpus_finds_a_word_the_page_wrote_with_soft_hyphens(tmp_path: Path) -> None:
    # unicode61 (the corpus's FTS5 tokenizer) splits words at a soft hyphen: the story was
    # found by "Bundes" and "regierung" but not by the word its reader sees.
    html = _page("<p>Die Bundes&shy;regierung hat den Haus&shy;halt für 2025 beschlossen, nach langer Debatte im Kabinett.</p>")
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(extract(html, "https://zeitung.example/politik/haushalt-2025"))
        hits = corpus.search("Bundesregierung Haushalt")
    assert [hit.url for hit in hits] == ["https://zeitung.example/politik/haushalt-2025"]
