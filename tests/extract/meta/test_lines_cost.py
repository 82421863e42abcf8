"""`lines.text_near_headline` reads its window by one split of the text: the same text as
reading it line by line with `_lines` (the code before), on windows that end inside a
line, open inside one, hold long blank lines or code, and stop at the second prose line."""
from __future__ import annotations

import itertools

import pytest

from broadsheet.extract.meta import lines
from broadsheet.extract.meta.lines import _lines, headline_lines, text_near_headline


def _by_lines(text: str, headlines: list[str]) -> str:
    """text_near_headline as it read its window before (one `_lines` step a line)."""
    pieces = []
    for pos in headline_lines(text, headlines) or [0]:
        end = pos + lines._SCAN_AFTER
        prose = 0
        for line_start, line in _lines(text, pos, end):
            if lines._is_prose(line):
                prose += 1
                if prose == lines._PROSE_LINES:
                    end = line_start + lines._DATELINE_CHARS
                    break
        pieces.append(text[max(0, pos - lines._SCAN_BEFORE) : end])
    return "\n".join(pieces)


PROSE = "Der Arbeitsmarkt bleibt robust, sagen die Forscher, und die Zahl der Stellen wächst. " * 3
PARTS = [
    "\n",
    "\n\n",
    " " * 200,  # a blanked script: long, but blank
    "\t\xa0" * 90,  # blank in Unicode's sense too
    PROSE,
    "01.02.2022 – " + PROSE,
    "var a = {b: 1}; c = {d: 2};" * 8,  # long code: not prose
    "The Headline",
    "Menu",
]


def test_text_near_headline_reads_as_line_by_line() -> None:
    checked = 0
    for combo in itertools.product(PARTS, repeat=4):
        for text in ("".join(combo), "\n" + "\n".join(combo) + "\n", "x" * 2990 + "\n".join(combo)):
            for headlines in (["The Headline"], ["Missing"], ["Headline"]):
                assert text_near_headline(text, headlines) == _by_lines(text, headlines), (text, headlines)
                checked += 1
    assert checked > 50_000


def test_text_near_headline_ends_at_the_second_prose_line() -> None:
    text = f"\nMenu\nThe Headline\n{' ' * 300}\n{PROSE}\n01.02.2022 – {PROSE}\nlater\n"
    near = text_near_headline(text, ["The Headline"])
    assert near.endswith("01.02.2022 – " + PROSE[:11])  # _DATELINE_CHARS of the second
    assert "later" not in near


def test_text_near_headline_reads_no_line_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("_lines called")

    monkeypatch.setattr(lines, "_lines", fail)
    assert text_near_headline("\nThe Headline\nBy Jane Doe\n", ["The Headline"]) == "\nThe Headline\nBy Jane Doe\n"


class _CountingText(str):
    """A page text that counts the searches made in it."""

    searches: list[str]

    def find(self, sub: str, *args: object) -> int:  # type: ignore[override]
        self.searches.append(sub)
        return super().find(sub, *args)  # type: ignore[arg-type]


def _counting(text: str) -> _CountingText:
    counting = _CountingText(text)
    counting.searches = []
    return counting


def test_headline_lines_searches_no_further_than_its_limit() -> None:
    text = _counting("\nMenu\nThe Headline\nBy Jane Doe\n" + "story\n" * 1000 + "The Headline\n")
    assert headline_lines(text, ["The Headline"], 1) == [6]
    assert text.searches == ["\nThe Headline\n"]  # not a second search through the story
    text.searches.clear()
    assert headline_lines(text, ["The Headline"]) == [6, 6031]  # fewer than 3: the whole text searched
    assert len(text.searches) == 3


def test_headline_lines_looks_for_a_line_once() -> None:
    text = _counting("\nMenu\nHome / The Headline\nBy Jane Doe\n")
    assert headline_lines(text, ["Missing", "The Headline"]) == [13]
    assert text.searches == ["\nMissing\n", "\nThe Headline\n", "Missing", "The Headline"]
    assert headline_lines("\nA\nThe Headline\n", ["The Headline"], 0) == [3]  # as before: limit 0 finds the line
    for limit in (0, 1, 3):
        for text in ("", "The Headline", "\nThe Headline", "x The Headline that goes on and on and on\n"):
            for heads in (["The Headline"], ["The Headline that goes on and on and on and on", "x"], []):
                found = headline_lines(text, heads, limit)
                first = lines.locate_headline(text, heads)
                assert found[:1] == ([first] if first >= 0 else []), (text, heads, limit)
