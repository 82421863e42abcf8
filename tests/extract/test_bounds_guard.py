"""The cheap test the attribute search makes before reading a tag's attributes
(`bounds._may_be_over`): where it says no, the search would have found nothing there. Each
page below puts the first `>` after a tag's `<` inside a quoted value of a tag over the
limit, the shapes a test that stopped at that `>`, or looked at the wrong quote, would let
through; and a brute-force check compares the search with and without the test."""
from __future__ import annotations

import random
import re

import pytest

from broadsheet.extract import bounds
from broadsheet.extract.dom import parse

MANY = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))


def most_attributes(html: str) -> int:
    return max(len(node.attributes) for node in parse(html).root.traverse())


@pytest.mark.parametrize(
    "opening",
    [
        '<p x="1>2"',  # the first `>` is in a value: the tag goes on after it
        "<p x='1>2'",
        '<p x = \n"1>2"',  # spaces between the `=` and the quote
        '<p x="1" y="2>3"',  # a value closed before the one that holds the `>`
        "<p x='1\"2>3'",  # the last `"` before the `>` closes nothing: the last `'` opens
        '<p x="1\'2>3"',
        '<p x="a>b>c>d"',
        '</p x="1>2"',  # an end tag's attributes are read too
        '<p x="' + ">" * 300 + '"',  # `>`s all the way past where the length test looks
    ],
)
def test_a_tag_over_the_limit_whose_first_gt_is_in_a_value_is_found(opening: str) -> None:
    html = f"<div>{opening}{MANY}>text</div>"
    at = html.index(opening)
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES)[0] == at
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_values_holding_gt_on_every_attribute_are_found() -> None:
    # no stretch without a `>` is long: only the quotes tell that the tag goes on
    html = "<div><p" + ' a=">"' * (bounds.MAX_ATTRIBUTES + 5) + ">text</div>"
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES)[0] == 5
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_a_tag_closed_before_its_first_gt_is_passed_over() -> None:
    # closed quotes before the `>`, or no quote at all: the test says no, as the search would
    html = '<p class="a b" id=\'c\' title="x=y">' * 50 + "<br/><p>" * 50 + '<a href=x class="">y</a>'
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES) == (-1, [])
    assert bounds.bound(html) is html


def _unguarded(most: int) -> "re.Pattern[str]":
    """The attribute search as it was before the test was added."""
    scanners = bounds._Scanners(most)
    guard = bounds._html(bounds._may_be_over(most))
    assert scanners.over.pattern.count(guard) == 1
    return re.compile(scanners.over.pattern.replace(guard, ""))


@pytest.mark.parametrize("most", [1, 2, 3, 4])
def test_the_test_never_changes_what_the_search_finds(most: int) -> None:
    # with a small limit short strings reach it: random tags of quotes, `=`, `>`, spaces
    rng = random.Random(most)
    alphabet = list("<>\"'= /ab\t\n\f") + ["\xa0", "x=", '="', "='", "<a", "</a", '">']
    guarded, plain = bounds._Scanners(most).over, _unguarded(most)
    hits = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 8 * most + 24)))
        found = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in guarded.finditer(text)] == found, text
        hits += bool(found)
    assert hits > 300  # the strings do reach the limit


def test_a_name_holding_a_tag_start_is_tried_from_it() -> None:
    # to the tokenizer `a<p` is one name; the search finds the tag from the inner `<p`,
    # whose first `>` is in a value
    html = '<div><a<p x="1>2"' + MANY + ">text</div>"
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES)[0] == html.index("<p")
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES
