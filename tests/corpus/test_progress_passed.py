"""`progress.passed` (how many pages at a checkpoint's offset were handed on) in corpora
made before the column: a writer adds it, a reader of a read-only file reads 0."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from broadsheet import Corpus
from broadsheet.corpus import Checkpoint


def old_corpus(path: Path) -> None:
    """A corpus whose `progress` table is the first release's (no `passed`), with one row."""
    Corpus(path).close()
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE progress; CREATE TABLE progress (source TEXT PRIMARY KEY, seek INTEGER NOT NULL, "
                     "resume_at INTEGER NOT NULL, done INTEGER NOT NULL); "
                     "INSERT INTO progress VALUES ('warc:a', 10, 11, 0);")
    db.close()


def test_a_writer_adds_the_column_and_keeps_the_old_rows(tmp_path: Path) -> None:
    old_corpus(tmp_path / "c.sqlite")
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert corpus.progress("warc:a") == Checkpoint("warc:a", 10, 11, False, 0)
        corpus.checkpoint(Checkpoint("warc:b", 20, 30, passed=4))
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert corpus.progress("warc:b") == Checkpoint("warc:b", 20, 30, False, 4)


def test_a_handle_that_could_not_add_the_column_reads_none_passed(tmp_path: Path) -> None:
    """A read-only old file cannot be given the column (the old table swapped in under an
    open handle stands for it: the tests run as root, whom no file mode stops)."""
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.db.executescript(
            "DROP TABLE progress; CREATE TABLE progress (source TEXT PRIMARY KEY, seek INTEGER NOT NULL, "
            "resume_at INTEGER NOT NULL, done INTEGER NOT NULL); INSERT INTO progress VALUES ('warc:a', 10, 11, 0);")
        assert corpus.progress("warc:a") == Checkpoint("warc:a", 10, 11, False, 0)
