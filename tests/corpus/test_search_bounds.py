"""Short prefixes are refused (in disguise too, and only in queries run as FTS5 syntax) and
snippets have a time budget (review R9 finding 7, and reviews R10-R12 of its fixes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.cli import EXIT_USAGE, main
from broadsheet.corpus import Corpus
from broadsheet.corpus.search import MAX_TERMS, _snippets, bounded, check_prefixes
from broadsheet.errors import InputError


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as store:
        for i in range(40):
            text = " ".join(f"word{i}x{j} wander with wonder" for j in range(80))
            store.add({"url": f"https://paper.example/{i}", "title": f"Story {i}", "text": text})
    return path


def test_short_prefixes_are_refused(corpus: Path, capsys) -> None:
    for query in ("w*", "wo*", 'NEAR(a* wonder)', '"wander w" *', "wonder OR x*"):
        with pytest.raises(InputError, match="at least 3 letters before"):
            check_prefixes(query)
    for query in ("won*", '"wander wit"*', "wonder", "*", '"*"'):
        check_prefixes(query)
    assert main(["search", "--corpus", str(corpus), "w*"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "w*: give at least 3 letters before *" in err and len(err.strip().splitlines()) == 1
    with Corpus(corpus) as store:
        hits = store.search("wond*", limit=5)
        assert len(hits) == 5 and "[wonder]" in hits[0].snippet


def test_snippets_past_the_budget_show_the_start_of_the_text(corpus: Path) -> None:
    with Corpus(corpus) as store:
        seqs = [row[0] for row in store.db.execute("SELECT seq FROM articles ORDER BY seq")]
        made = _snippets(store.db, "wonder", seqs, budget=10.0)
        assert all("[wonder]" in made[seq] for seq in seqs)
        late = _snippets(store.db, "wonder", seqs, budget=-1.0)
        assert sorted(late) == seqs
        assert any(text.startswith("word") and text.endswith(" …") and "[" not in text for text in late.values())
        assert store.search("wonder", limit=3)[0].snippet  # the handler is removed after
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 40


def test_a_long_query_drops_column_filters_and_operators() -> None:
    words = [f"term{i}" for i in range(MAX_TERMS + 2)]
    match = bounded("title: " + " NEAR ".join(words))
    assert '"title"' not in match and '"NEAR"' not in match and match.count('"term') == MAX_TERMS


# Prefixes in disguise: FTS5's unicode61 tokenizer folds and splits before it expands a prefix
# (reviews R10-R12).
DISGUISED = ["w\u2019*", "w\u00b7*", "w\u0301*", "w\u200b*", "w\u00ad*", "wo\u0301*", "W\u00c9*", '"a w\u2019"*',
             "\u00e9t\u00e9\u2019s*",
             "__w*", "w__*", "_w_*", '"__w"*']  # FTS5's tokenizer separates at "_" (review R11)


@pytest.mark.parametrize("query", DISGUISED)
def test_a_short_prefix_behind_a_separator_or_mark_is_refused(query: str, corpus: Path) -> None:
    with pytest.raises(InputError, match="at least 3 letters before"):
        check_prefixes(query)
    with Corpus(corpus) as store, pytest.raises(InputError):
        store.search(query, limit=1000)


def test_long_enough_prefixes_pass() -> None:
    for query in ("abc_def*", "won*", "w\u00f6nd*", "wo\u0301n*", "\u4e1c\u4eac*", "caf\u00e9*", '"a won"*'):
        check_prefixes(query)
    with pytest.raises(InputError):
        check_prefixes("\u4e1c*")  # one wide character: as unselective as a letter or two


def test_a_pasted_paragraph_with_a_star_is_searched_as_its_words(corpus: Path) -> None:
    words = " ".join(f"word3x{j}" for j in range(MAX_TERMS + 4))  # all in article 3
    query = f"the hotel was rated 5* by wonder guests {words}"
    with Corpus(corpus) as store:
        hits = store.search(query, limit=5)  # no refusal: `bounded` made it plain quoted words
    assert [hit.title for hit in hits] == ["Story 3"]


def test_a_query_that_is_no_fts5_syntax_is_searched_as_words_not_refused(corpus: Path) -> None:
    """`wander-19*` is no FTS5 query: it is searched as its words, with no prefix left, so a
    short part after the hyphen is no reason to refuse it (review R12: "covid-19*")."""
    with Corpus(corpus) as store:
        assert store.search("wander-19*", limit=5)  # "wander" "19": no refusal
