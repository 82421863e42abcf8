"""Search cost is bounded: a pasted paragraph is searched by its key words, snippets only for hits.

Two generated corpora of 100 articles with function words in their prose: `corpus` draws
its words from a Zipf-distributed vocabulary of 2,000 (so a paragraph identifies its
article), `similar` from 60 words only, so that a pasted paragraph matches every article,
the case that made snippet() slow: every "the" of the paragraph was a term of its own, and
a snippet was made for every match. On `similar` with 3,000-word articles, an 84-word
paste took 5.0 s before and 0.02 s after (1,200-word articles, as here: 1.2 s and 0.004 s).
The tests assert the bound on terms and work, and that the right article is still found.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from broadsheet import Article, Corpus
from broadsheet.corpus.search import MAX_LIMIT, MAX_TERMS, bounded, key_words, plain, search, term_count
from tests.sources.warcs import WORDS

FUNCTION = "the of and a to in is that for on with as was at by it from".split()
# News words, then 2000 made-up names and places, drawn with Zipf's law as words in text are.
_SYLLABLES = "ka lo mi ran tor vel sun bre dal fen gor hul".split()
VOCABULARY = WORDS + [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES][:2000]
_WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def prose(n: int, words: int = 1200, vocabulary: list[str] = VOCABULARY, weights: list[float] | None = _WEIGHTS) -> str:
    """Paragraphs of content words and function words (about 45% of them), distinct for each n."""
    rng = random.Random(n)
    paras = []
    for _ in range(words // 100):
        content = iter(rng.choices(vocabulary, weights, k=100))
        paras.append(" ".join(rng.choice(FUNCTION) if rng.random() < 0.45 else next(content) for _ in range(100)).capitalize() + ".")
    return "\n\n".join(paras)


def similar_prose(n: int, words: int = 1200) -> str:
    """Prose of the 45 news words and the function words only: every article holds them all."""
    return prose(n, words, WORDS, None)


def make_corpus(path: Path, text=prose, words: int = 1200) -> Path:
    with Corpus(path) as c:
        for n in range(100):
            c.add(Article(url=f"https://news.example/{n}", title=f"Story {n}", text=text(n, words)))
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    c = Corpus(make_corpus(tmp_path_factory.mktemp("search") / "c.sqlite"))
    yield c
    c.close()


@pytest.fixture(scope="module")
def similar(tmp_path_factory) -> Corpus:
    c = Corpus(make_corpus(tmp_path_factory.mktemp("search") / "similar.sqlite", similar_prose))
    yield c
    c.close()


class Recording:
    """A connection that records each statement and its parameters."""

    def __init__(self, db) -> None:
        self.db = db
        self.calls: list[tuple[str, tuple]] = []

    def execute(self, sql: str, params: tuple = ()):
        self.calls.append((sql, tuple(params)))
        return self.db.execute(sql, params)


def pasted(n: int, words: int = 84) -> str:
    """The first `words` words of article n's text, as a reader would paste them."""
    return " ".join(prose(n).split()[:words])


def test_a_pasted_paragraph_is_searched_by_its_key_words(corpus: Corpus) -> None:
    query = pasted(37)
    assert term_count(query) == 84
    first = re.findall(r'"(\w+)"', bounded(query))  # without the corpus: the first key words
    assert first == key_words(query) and len(first) == MAX_TERMS
    assert not {w.casefold() for w in first} & set(FUNCTION)  # function words dropped
    assert len({w.casefold() for w in first}) == MAX_TERMS  # distinct
    assert first == [w for w in dict.fromkeys(query.split()) if w.casefold() not in FUNCTION][:MAX_TERMS]  # in order
    match = bounded(query, corpus.db)  # with it: the rarest words, in the order written
    rare = re.findall(r'"(\w+)"', match)
    assert len(rare) == MAX_TERMS == term_count(match) and rare != first
    rec = Recording(corpus.db)
    hits = search(rec, query, limit=3)
    assert hits[0].url == "https://news.example/37"  # the paragraph's own article comes first
    searched = [params[0] for sql, params in rec.calls if "MATCH" in sql]
    assert searched and all(p == match for p in searched)  # every full-text statement ran the bounded query


def test_words_the_corpus_does_not_hold_are_dropped(corpus: Corpus) -> None:
    query = "Zqxwv " + pasted(37) + " Qwzzx"  # typos or words of another text
    assert "Zqxwv" in key_words(query) and "Zqxwv" not in bounded(query, corpus.db)
    assert search(corpus.db, query)[0].url == "https://news.example/37"


@pytest.mark.parametrize("query", ["harbour bridge", " ".join(similar_prose(37).split()[:84])], ids=["two-words", "pasted"])
def test_snippets_are_made_only_for_the_hits_returned(similar: Corpus, query: str) -> None:
    """Every article matches; only the five returned get a snippet, over at most MAX_TERMS terms."""
    assert similar.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (plain(query),)).fetchone()[0] == 100
    rec = Recording(similar.db)
    hits = search(rec, query, limit=5)
    assert len(hits) == 5 and all("[" in h.snippet for h in hits)
    (snippet_sql, params), = [(s, p) for s, p in rec.calls if "snippet(" in s]
    assert len(params) == 1 + 5  # the query and the five hits, not every match
    assert term_count(params[0]) <= MAX_TERMS
    assert all("snippet(" not in s for s, p in rec.calls if "MATCH" in s and s != snippet_sql)  # ranking made none


def test_short_and_fts5_queries_are_kept_as_given() -> None:
    for query in ('"harbour bridge" OR ferry NOT storm', "title:budget", "minist*", "the of and"):
        assert bounded(query) == query
    assert term_count('"harbour bridge" OR ferry NOT storm') == 3
    # function words only: still searched (by the first MAX_TERMS of them)
    assert key_words("to be or not to be that is the question whether tis nobler in the mind") != []


def test_a_long_invalid_query_is_bounded_too(corpus: Corpus) -> None:
    query = '"' + pasted(12) + ' NOT'  # not FTS5 syntax: searched as words, still bounded
    rec = Recording(corpus.db)
    hits = search(rec, query)
    assert hits and hits[0].url == "https://news.example/12"
    assert term_count(rec.calls[-1][1][0]) <= MAX_TERMS


def test_limits_are_clamped(corpus: Corpus) -> None:
    assert len(search(corpus.db, "harbour", limit=99999999999999999999)) <= MAX_LIMIT
    assert search(corpus.db, "harbour", limit=0) == []
    assert search(corpus.db, "harbour", limit=-5) == []


def test_a_query_that_is_not_utf8_is_a_clear_error(corpus: Corpus) -> None:
    from broadsheet.errors import InputError

    with pytest.raises(InputError, match=r"not valid UTF-8.*xe9"):
        search(corpus.db, "caf\udce9")
