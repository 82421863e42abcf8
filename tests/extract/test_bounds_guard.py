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


# -- the text past the tag limit ---------------------------------------------------------------

@pytest.mark.parametrize("opening", ["<b x=1", '<b title="a', "<i", "<p", "<option", '<b x="<"'])
@pytest.mark.parametrize(
    "rest",
    [
        ' a="<1" b=<2 c=\'<\' <<3 d>',  # the tag open at the cut reads on: its `<`s are its own
        " <" * 300 + ">",  # past the attribute limit
        '<" <\' =<<' * 40,
        "< <1 </ <//>x<b>",  # no `<` and a letter: `_MARKUP` left none
    ],
)
def test_the_search_reads_the_text_past_the_cut_as_the_page_holds_it(opening: str, rest: str) -> None:
    head = '<div><b id="<">x</b><i title="a">y</i>' + opening
    rest = rest.replace("<b>", " ")
    for most in (2, bounds.FEW_ATTRIBUTES, bounds.MAX_ATTRIBUTES):
        assert bounds.scan(head, most, rest) == bounds.scan(head + rest, most)


def test_no_tag_starts_in_what_the_tag_limit_leaves() -> None:
    # `scan` skips trying there; `_MARKUP` removes every `<` that a letter (in any case the
    # regex engine folds: `ſ`, the Kelvin sign) or `/` and a letter follows
    text = "<<a> <<<B> < <1 </ > </x> <!y> <?z> <\u017f>k<\u212a>k<SCRIPT>s</ScRiPt >k<!--s-->"
    rest = bounds._MARKUP.sub(" ", text)
    assert re.search(r"<[a-zA-Z]|</[a-zA-Z]", rest) is None
    assert rest.count("<") == 6 and rest.count("k") == 3 and "s" not in rest


def test_a_page_past_the_tag_limit_keeps_its_bounds() -> None:
    # the tag open at the cut reads the text after it as attributes, `<`s and all
    html = "<div>" + "<br>" * bounds.MAX_TAGS + '<p title="<' + "<x " * 40 + '"' + " a=1 <" * 300 + ">end"
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES
    assert "end" in parse(html).body.text()
