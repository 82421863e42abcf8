"""A WARC's checkpoint key names its modification time (review RV-R finding 2).

Keyed by path and size alone, a file replaced by another of the same size resumed from the
old file's checkpoint: the pages the old run had handed on were passed over in the new file,
which holds other pages there, and those were never read."""
from __future__ import annotations

import gzip
import os
import sqlite3
from pathlib import Path

from broadsheet import Corpus
from broadsheet.corpus import Checkpoint
from broadsheet.run.ingest import ingest
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.units import WarcSource
from tests.run.conftest import die_after_commits
from tests.sources.warcs import news_records, write_warc


def one_stream(tmp_path: Path) -> tuple[bytes, bytes]:
    """Stories 10-19 as one gzip stream, and the same records with 15-19 first: the same size."""
    plain = tmp_path / "p.warc"
    offsets = write_warc(plain, news_records(10, start=10), gz=False) + [plain.stat().st_size]
    raw = plain.read_bytes()
    records = [raw[a:b] for a, b in zip(offsets, offsets[1:])]
    first = gzip.compress(b"".join(records), compresslevel=0, mtime=0)
    second = gzip.compress(b"".join(records[-5:] + records[:-5]), compresslevel=0, mtime=0)
    assert len(first) == len(second) and first != second
    return first, second


def stories(corpus: Path) -> list[str]:
    with sqlite3.connect(corpus) as db:
        return sorted(url.rsplit("-", 1)[1] for (url,) in db.execute("SELECT url FROM articles"))


def test_a_file_replaced_by_one_of_the_same_size_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    first, second = one_stream(tmp_path)
    warc, corpus = tmp_path / "in.warc.gz", tmp_path / "c.sqlite"
    warc.write_bytes(first)
    real = Pipeline.commit
    die_after_commits(monkeypatch, 6)  # stopped after 6 pages
    try:
        ingest([warc], corpus, workers=1, progress=False, commit_every=1)
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(Pipeline, "commit", real)
    assert len(stories(corpus)) == 6
    stat = warc.stat()
    warc.write_bytes(second)  # replaced: the same path and size
    os.utime(warc, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # (a coarse clock: another second)
    ingest([warc], corpus, workers=1, progress=False)
    assert stories(corpus) == [str(n) for n in range(10, 20)]


def test_an_older_key_counts_where_it_says_the_file_is_done(tmp_path: Path) -> None:
    """Older corpora: a file read to its end under the path-and-size key is not read again; a
    checkpoint inside the file is not resumed from (the file may have been replaced): it is
    read from its start, and every page is stored."""
    first, _ = one_stream(tmp_path)
    warc = tmp_path / "in.warc.gz"
    warc.write_bytes(first)
    old = WarcSource(str(warc)).old_key
    assert old == f"warc:{os.path.realpath(warc)}:{len(first)}" != WarcSource(str(warc)).key
    done, partial = tmp_path / "done.sqlite", tmp_path / "partial.sqlite"
    with Corpus(done) as corpus:
        corpus.checkpoint(Checkpoint(old, 0, 0, done=True))
        corpus.commit()
    assert ingest([warc], done, workers=1, progress=False).pages == 0
    with Corpus(partial) as corpus:  # as if 6 pages were passed: what a replaced file would lose
        corpus.checkpoint(Checkpoint(old, 0, len(first), passed=6))
        corpus.commit()
    stats = ingest([warc], partial, workers=1, progress=False)
    assert stats.stored == 10 and stories(partial) == [str(n) for n in range(10, 20)]
