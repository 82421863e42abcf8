"""Checking a query's prefixes stays cheap on hostile queries (audit RX, task FX-RX)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_USAGE, main
from broadsheet.corpus import Corpus
from broadsheet.corpus.search import check_prefixes
from broadsheet.errors import InputError


@pytest.mark.timeout(20)
def test_a_long_run_of_non_ascii_spaces_is_linear():
    """No-break spaces are bareword characters and whitespace both: `(...)+\\s*` split the
    run every way from every start (cubic: 29 s for these 4,000 characters before)."""
    started = time.monotonic()
    check_prefixes("*<a " + "\xa0" * 3996)  # 4,000 characters: within the cap
    assert time.monotonic() - started < 2


def test_a_long_query_with_a_star_is_refused_clearly(tmp_path: Path, capsys):
    """A long chain of quoted phrases with a `*` costs the square of its length (7 s at 64K
    characters): past the cap it is refused, saying what to do; without a `*` it is not checked."""
    query = '"a' + '""a' * 21_000 + '"*'
    started = time.monotonic()
    with pytest.raises(InputError, match=r"63,004 characters long and holds a '\*'.*at most 4,000; shorten it"):
        check_prefixes(query)
    check_prefixes(query[:-1])
    check_prefixes("wonder " * 600)
    assert time.monotonic() - started < 2
    with Corpus(tmp_path / "c.sqlite") as store:
        store.add({"url": "https://paper.example/1", "title": "Story", "text": "wander with wonder " * 20})
    assert main(["search", "--corpus", str(tmp_path / "c.sqlite"), query]) == EXIT_USAGE
    assert "shorten it, or drop the '*'" in capsys.readouterr().err


@pytest.mark.parametrize("query", ["wond*", '"wander wit"*', "\xa0wond\xa0*", "日本語*", 'x"won" *'])
def test_prefixes_long_enough_pass(query):
    check_prefixes(query)


@pytest.mark.parametrize("query", ["wo*", "\xa0wo\xa0\xa0*", '"wander w" *', 'xx"a"*'])
def test_short_prefixes_are_refused(query):
    with pytest.raises(InputError, match="at least 3 letters before"):
        check_prefixes(query)
