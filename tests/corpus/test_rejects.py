"""The `rejects` table: created in a corpus made before it, one row per page and reason."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from broadsheet import Corpus
from broadsheet.corpus.store import Reject, page_key


def test_a_corpus_made_before_the_table_gets_it_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Corpus(path) as corpus:
        corpus.add({"url": "https://paper.example/a", "title": "A", "text": "Some text of a story. " * 20})
    db = sqlite3.connect(path)  # as an older broadsheet left it
    db.execute("DROP TABLE rejects")
    db.commit()
    db.close()
    with Corpus(path) as corpus:
        assert list(corpus.rejects()) == []  # a reader of the old file sees no rows, and no error
        corpus.reject(Reject.now("no body", url="https://paper.example/b"))
        corpus.commit()
    with Corpus(path) as corpus:
        assert corpus.count() == 1 and [r.reason for r in corpus.rejects()] == ["no body"]
        names = {row[0] for row in corpus.db.execute("SELECT name FROM sqlite_master")}
    assert {"rejects", "rejects_page"} <= names


def test_a_corpus_without_the_table_reads_as_no_rows(tmp_path: Path) -> None:
    """A read-only old file cannot be given the table (the writer adds it when it opens one)."""
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.db.execute("DROP TABLE rejects")
        assert list(corpus.rejects()) == [] and not corpus._has_rejects()


def test_the_same_page_and_reason_again_is_one_row(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.reject(Reject.now("index page", url="https://paper.example/", detail="first"))
        corpus.reject(Reject.now("fetch failed", url="https://paper.example/"))
        corpus.reject(Reject.now("index page", url="https://paper.example/", detail="second"))
        rows = list(corpus.rejects())
        assert [(r.reason, r.detail) for r in rows] == [("index page", "second"), ("fetch failed", "")]
        assert [r.reason for r in corpus.rejects(reason="fetch failed")] == ["fetch failed"]


def test_what_a_row_is_about() -> None:
    assert page_key("https://paper.example/a", "x.warc.gz#120") == "x.warc.gz#120 https://paper.example/a"
    assert page_key("https://paper.example/a", "http") == "https://paper.example/a"
    row = Reject.now("timeout", url="https://paper.example/a", origin="http", detail="ran past 30s")
    assert row.origin is None and row.to_dict()["url"] == "https://paper.example/a"
    assert set(row.to_dict()) == {"url", "origin", "reason", "detail", "time"}


def test_a_page_stored_after_its_reject_loses_the_row_in_a_new_corpus_and_an_old_one(tmp_path: Path) -> None:
    """A corpus without rejects at open deletes only the rows of pages it rejected itself."""
    page = "https://paper.example/story"
    text = "Some text of a story. " * 20
    with Corpus(tmp_path / "c.sqlite") as corpus:  # new: the row is this session's
        corpus.reject(Reject.now("timeout", url=page))
        corpus.add({"url": page, "text": text})
        corpus.forget_rejects(page, None)
        corpus.forget_rejects("https://paper.example/other", None)  # never rejected: nothing to do
        assert list(corpus.rejects()) == []
        corpus.reject(Reject.now("timeout", url=page + "?2"))
    with Corpus(tmp_path / "c.sqlite") as corpus:  # reopened: the row is from before
        corpus.forget_rejects(page + "?2", None)
        assert list(corpus.rejects()) == []


def test_past_the_remembered_rejects_every_stored_page_deletes(tmp_path: Path, monkeypatch) -> None:
    import broadsheet.corpus.store as store

    monkeypatch.setattr(store, "MAX_REMEMBERED_REJECTS", 2)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        for n in range(4):
            corpus.reject(Reject.now("no body", url=f"https://paper.example/{n}"))
        corpus.forget_rejects("https://paper.example/0", None)
        assert [r.url for r in corpus.rejects()] == [f"https://paper.example/{n}" for n in (1, 2, 3)]
