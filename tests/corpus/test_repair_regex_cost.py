"""`repair`'s line patterns are linear on hostile records and match as before (review RV-X, s18).

A leaked XPath followed by text split every way between its repeats (exponential), a run of
empty comments before a page's markup likewise, and a first line "date aaa... b c" every
way between its two groups (quadratic). Each pattern is compared with the one it replaced."""
from __future__ import annotations

import random
import re
import time

import pytest

from broadsheet.corpus import repair

_OLD_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2}|unknown|\S*)\s*(\S*)\s*$", re.I)
_OLD_XPATH = re.compile(r"^(?:/{1,2}(?:html|head|body|meta|div|span|article|section|@)[^\s]*\s*)+$", re.I)
_OLD_HTML_START = re.compile(
    r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article)\b",
    re.I | re.S,
)


def _strings(alphabet: list[str], seed: int, count: int = 20_000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_the_header_pattern_gives_the_same_groups() -> None:
    for text in _strings(["date", " ", "2024-01-02", "unknown", "x", "T10:00", "\t", "a"], seed=1):
        old, new = _OLD_HEADER.match(text), repair._HEADER.match(text)
        assert (old.groups() if old else None) == (new.groups() if new else None), repr(text)


def test_the_xpath_pattern_gives_the_same_answer() -> None:
    for text in _strings(["/", "//", "div", "html", "@", "x", " ", "body", "/span"], seed=2):
        assert bool(_OLD_XPATH.match(text)) == bool(repair._XPATH.match(text)), repr(text)


def test_the_page_start_pattern_gives_the_same_answer() -> None:
    for text in _strings(["<!--", "-->", " ", "<html", "x", "<?xml ?>", "<div", "\ufeff", ">"], seed=3):
        assert bool(_OLD_HTML_START.match(text)) == bool(repair._HTML_START.match(text)), repr(text)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "/div" * 40 + " x",  # old: about half a day
        "<!---->" * 500 + "x",  # old: never finishes
        "date " + "a" * 200_000 + " b c",  # old: minutes
    ],
)
def test_hostile_lines_are_read_in_linear_time(text: str) -> None:
    started = time.monotonic()
    repair._XPATH.match(text)
    repair.looks_like_html(text)
    repair._HEADER.match(text)
    assert time.monotonic() - started < 2
