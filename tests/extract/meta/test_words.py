"""The shared word lists: one list per idea, read by every rule that needs it."""
from __future__ import annotations

import re

from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.meta.lines import bylines_near_headline
from broadsheet.extract.meta.printed import labelled_date
from broadsheet.extract.meta.words import BY, alternation


def test_alternation_tries_longer_words_first_and_spaces_match_runs() -> None:
    pattern = re.compile(f"^(?:{alternation(('autor', 'autorin'), ('written by',))})$")
    assert pattern.match("autorin") and pattern.match("written   by") and not pattern.match("autorinnen")


def test_every_by_word_opens_a_byline() -> None:
    for word in BY:
        if word in ("di", "da"):
            continue  # lower-case particles of surnames elsewhere: checked below
        assert clean_authors([f"{word} Jane Doe"]) == ["Jane Doe"], word
    assert clean_authors(["Di Maria"]) == ["Di Maria"]


def test_a_language_added_to_the_lists_reaches_every_rule() -> None:
    text = "\nThe headline\nprzez Anna Nowak\nThe story begins here.\n"
    assert bylines_near_headline(text, ["The headline"]) == ["przez Anna Nowak"]
    assert labelled_date("opublikowano: 04.06.2023") == "2023-06-04"
    assert labelled_date("Von Christian am 03.05.2013") == "2013-05-03"
    assert labelled_date("przez Anna Nowak on 4 June 2023") == "2023-06-04"
