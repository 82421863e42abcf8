"""PageText: the visible text's checks give one answer whichever way they look."""
from __future__ import annotations

from broadsheet.extract.meta import page
from broadsheet.extract.meta.page import PageText

TEXT = "Home\nPolitik\nEU-Gipfel in Brüssel\nBy Jane Doe\nÜBERSICHT\nTags\nBudget\nWords of the story."
LABELS = ["politik", "Budget", "EU", "übersicht", "brüssel", "TAGS", "Words of the story.", "", "a\nb", "Home"]


def _expected(label: str) -> bool:
    """A line of the text is the label (ASCII case folded); nothing shows "" or two lines."""
    lines = {line.encode().lower() for line in TEXT.split("\n")}
    return bool(label) and label.encode().lower() in lines


def test_a_label_is_shown_as_a_whole_line_in_any_ascii_case_before_and_after_the_set() -> None:
    text = PageText(lambda: TEXT)
    answers = [text.shown_line(label) for label in LABELS * 2]  # past `_SCANS`: the set of lines
    assert len(LABELS) > page._SCANS
    assert answers == [_expected(label) for label in LABELS * 2]
    assert answers[:7] == [True, True, False, False, False, True, True]  # "Ü" folds not in ASCII


def test_the_text_is_read_once() -> None:
    calls: list[int] = []
    text = PageText(lambda: calls.append(1) or TEXT)
    for label in LABELS:
        text.shown_line(label)
    assert text.shows_most(["Budget", "Politik"]) and calls == [1]
