"""Short prefixes are refused and snippets have a time budget (review R9, finding 7)."""
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
