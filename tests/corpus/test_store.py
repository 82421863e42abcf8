"""The SQLite corpus: storing, dedup across runs, search, filters and bad files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from broadsheet import Article, Corpus, InputError
from broadsheet.corpus import CorpusFull
from tests.sources.warcs import story


def art(n: int, url: str | None = None, **kw) -> Article:
    kw.setdefault("title", f"Story {n}")
    return Article(url=url or f"https://news.example/{n}", text="\n\n".join(story(n)), **kw)


def test_created_on_first_use_with_wal(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        added = corpus.add(art(1), origin="x.warc#0", fetched_at="2024-03-01T00:00:00+00:00")
    assert added.status == "stored" and len(added.id) == 16
    with Corpus(path) as corpus:
        record = corpus.get(added.id)
        assert corpus.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert record["title"] == "Story 1" and record["origin"] == "x.warc#0"
    assert record["fetched_at"] == "2024-03-01T00:00:00+00:00" and record["duplicate_of"] is None


def test_exact_and_near_duplicates_become_pointers_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        original = corpus.add(art(1))
        corpus.add(art(2))
    near_text = "\n\n".join(story(1)) + "\n\nUpdate: the council will meet again on Friday."
    with Corpus(path) as corpus:  # a later run still finds them
        exact = corpus.add(Article(url="https://mirror.example/a", title="Copy", text="\n\n".join(story(1)).upper()))
        near = corpus.add(Article(url="https://other.example/b", title="Near", text=near_text))
        again = corpus.add(art(1))
        assert (exact.status, exact.kind, exact.duplicate_of) == ("duplicate", "exact", original.id)
        assert (near.status, near.kind, near.duplicate_of) == ("duplicate", "near", original.id)
        assert (again.status, again.kind, again.id) == ("duplicate", "same", original.id)
        assert corpus.count() == 2 and corpus.count(with_duplicates=True) == 4
        pointer = corpus.get(near.id)
        assert pointer["duplicate_of"] == original.id and pointer["text"] == "" and pointer["title"] == "Near"
        # an exact copy is a pointer too: no text, no blocks, not searchable, not indexed for LSH
        copy = corpus.get(exact.id)
        assert copy["duplicate_of"] == original.id and copy["text"] == "" and copy["blocks"] == []
        assert copy["title"] == "Copy" and copy["url"] == "https://mirror.example/a"
        seq = corpus.db.execute("SELECT seq FROM articles WHERE id = ?", (exact.id,)).fetchone()[0]
        word = story(1)[0].split()[0]
        indexed = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?"
        assert corpus.db.execute(indexed, (f'"{word}"', seq)).fetchone()[0] == 0
        assert corpus.db.execute("SELECT count(*) FROM signatures WHERE seq = ?", (seq,)).fetchone()[0] == 0


def test_threshold_is_configurable_and_rekeys_existing_bands(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    base = story(1)
    loose = "\n\n".join(base[:3] + story(7)[:2])  # shares about half its shingles
    with Corpus(path) as corpus:
        corpus.add(Article(url="https://a/1", text="\n\n".join(base)))
        assert corpus.add(Article(url="https://a/2", text=loose)).status == "stored"
    with Corpus(path, threshold=0.3, rekey=True) as corpus:
        assert corpus.add(Article(url="https://a/3", text=loose + " x")).kind == "near"


def test_search_ranks_title_matches_and_leaves_duplicates_out(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(Article(url="https://a/1", title="Budget vote tonight", text="The council discussed many things today. " * 20))
        weather = "Rain again today. " * 20 + "The budget was mentioned once."
        corpus.add(Article(url="https://a/2", title="Weather", text=weather))
        corpus.add(Article(url="https://a/3", title="Copy", text=weather))
        hits = corpus.search("budget")
        assert [h.url for h in hits] == ["https://a/1", "https://a/2"]
        assert "[budget]" in hits[1].snippet.lower()
        assert corpus.search('"unbalanced quote') == []  # not FTS5 syntax: searched as words
        assert corpus.search("rain OR vote", limit=1)[0].url in ("https://a/1", "https://a/2")


def test_record_filters(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(art(1, "https://www.bbc.co.uk/news/1", language="en", date_published="2024-03-01T10:00:00+00:00"))
        corpus.add(art(2, "https://lemonde.fr/a/2", language="fr", site_name="Le Monde", date_published="2024-03-05"))
        corpus.add(art(3, "https://bbc.co.uk/news/3", language="en-GB"))
        urls = lambda **kw: [r["url"].split("/")[-1] for r in corpus.records(**kw)]  # noqa: E731
        assert urls() == ["1", "2", "3"]
        assert urls(site="bbc.co.uk") == ["1", "3"]
        assert urls(site="le monde") == ["2"]
        assert urls(language="en") == ["1", "3"]
        assert urls(since="2024-03-02") == ["2"]
        assert urls(until="2024-03-01") == ["1"]


def test_site_matches_hosts_and_their_subdomains(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(art(1, "https://www.nytimes.com/2024/a"))
        corpus.add(art(2, "https://cooking.nytimes.com:8443/b"))
        corpus.add(art(3, "https://notnytimes.com/c"))
        corpus.add(art(4, "https://nytimes.com.evil.example/d"))
        corpus.add(Article(title="Saved", text="\n\n".join(story(5)), canonical_url="https://nytimes.com/e"))
        corpus.add(art(6, "https://news.example/f", site_name="The New York Times"))
        corpus.add(art(7, "https://a_b.example/g"))
        corpus.add(art(8, "https://axb.example/h"))
        titles = lambda site: [r["title"] for r in corpus.records(site=site)]  # noqa: E731
        assert titles("nytimes.com") == ["Story 1", "Story 2", "Saved"]
        for same in ("www.nytimes.com", "https://www.nytimes.com/section/", "NYTimes.com."):
            assert titles(same) == ["Story 1", "Story 2", "Saved"]
        assert titles("cooking.nytimes.com") == ["Story 2"]
        assert titles("the new york times") == ["Story 6"]
        assert titles("a_b.example") == ["Story 7"]  # LIKE wildcards are escaped


def test_language_and_period_filters(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(art(1, language="de", date_published="2020-05-03T10:00:00+02:00"))
        corpus.add(art(2, language="de-AT", date_published="2019-12-31"))
        corpus.add(art(3, language="de-DE", date_published="2021"))
        corpus.add(art(4, language="en", date_published="2020-06"))
        names = lambda **kw: [r["title"][-1] for r in corpus.records(**kw)]  # noqa: E731
        assert names(language="de") == ["1", "2", "3"]
        assert names(language="de-DE") == ["1", "3"] and names(language="de_de") == ["1", "3"]
        assert names(language="DE-at") == ["1", "2"]
        assert names(since="2020") == ["1", "3", "4"] and names(until="2020") == ["1", "2", "4"]
        assert names(since="2020-05", until="2020-05") == ["1"]
        assert names(since="2020-06-01") == ["3", "4"]
        for bad in ("2020-13", "March", "2020-02-30", "20"):
            with pytest.raises(InputError, match="give a year, a month or a day"):
                list(corpus.records(since=bad))


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database\n" * 100)
    with pytest.raises(InputError, match="not a broadsheet corpus"):
        Corpus(path)
    assert path.read_text().startswith("my notes")


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(InputError, match="another program"):
        Corpus(path)


def test_a_folder_is_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        Corpus(tmp_path)


def test_full_disk_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        corpus.add(art(1))
    corpus = Corpus(path)
    pages = corpus.db.execute("PRAGMA page_count").fetchone()[0]
    corpus.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is nearly full
    with pytest.raises(CorpusFull, match="disk is full.*run the same command again"):
        for n in range(2, 60):
            corpus.add(art(n))
            corpus.commit()
    corpus.db.close()
    with Corpus(path) as corpus:
        assert corpus.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert corpus.count() >= 1
        assert corpus.search("story") or corpus.count() == 1
        assert corpus.add(art(99)).status == "stored"  # space again: writing works


def test_checkpoints_are_written_with_the_commit_and_dropped_with_a_rollback(tmp_path: Path) -> None:
    from broadsheet.corpus import Checkpoint

    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        corpus.add(art(1))
        for seek in (10, 20, 30):
            corpus.checkpoint(Checkpoint("a.warc", seek, seek + 1))
        corpus.checkpoint(Checkpoint("b.warc", 5, 6))
        assert corpus.progress("a.warc") == Checkpoint("a.warc", 30, 31)  # the open transaction's
        assert sqlite3.connect(path).execute("SELECT count(*) FROM progress").fetchone()[0] == 0
        corpus.commit()
        corpus.checkpoint(Checkpoint("a.warc", 40, 41))
        corpus.rollback()
        assert corpus.progress("a.warc") == Checkpoint("a.warc", 30, 31)
        corpus.checkpoint(Checkpoint("b.warc", 0, 0, done=True))
    with Corpus(path) as corpus:
        assert corpus.progress("a.warc") == Checkpoint("a.warc", 30, 31)
        assert corpus.progress("b.warc") == Checkpoint("b.warc", 0, 0, True)


def test_a_checkpoint_inside_another_writers_transaction_is_written_at_once(tmp_path: Path) -> None:
    from broadsheet.corpus import Checkpoint

    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.db.execute("BEGIN")  # as crawl state's SAVEPOINTs do: the owner commits, not the corpus
        corpus.checkpoint(Checkpoint("a.warc", 7, 8))
        corpus.db.execute("COMMIT")
        assert corpus.progress("a.warc") == Checkpoint("a.warc", 7, 8)
        assert corpus.db.execute("SELECT seek FROM progress").fetchone()[0] == 7
