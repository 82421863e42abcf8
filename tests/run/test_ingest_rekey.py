"""`ingest --rekey` re-keys the corpus only for a run that can read a source (review R10)."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.run.ingest import ingest


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT key, value FROM meta WHERE key IN ('lsh_shape', 'threshold')").fetchall())


def _corpus_at_06(path: Path) -> None:
    rng = random.Random(1)
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add({"url": "https://paper.example/a", "title": "a",
                    "text": " ".join(f"v{rng.randrange(5000)}" for _ in range(400))})


def test_a_run_that_can_read_no_source_keeps_the_index(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _corpus_at_06(path)
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.txt").write_text("no page here")
    fake = tmp_path / "fake.warc"
    fake.write_text("<html><body>a page, not an archive</body></html>")
    stats = ingest([empty, fake, tmp_path / "missing.warc.gz"], path, threshold=0.8, rekey=True, workers=1,
                   progress=False)
    assert stats.failed
    assert _meta(path) == {"lsh_shape": "18x7", "threshold": "0.6"}
    with Corpus(path) as corpus:  # the failures are recorded all the same
        assert {row.reason for row in corpus.rejects()} and len(corpus) == 1


def test_a_run_that_reads_a_source_rekeys(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _corpus_at_06(path)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "p.html").write_text("<html><body><article><p>" + "word " * 300 + "</p></article></body></html>")
    stats = ingest([pages], path, threshold=0.8, rekey=True, workers=1, progress=False)
    assert not stats.failed
    assert _meta(path) == {"lsh_shape": "9x13", "threshold": "0.8"}


def test_a_new_corpus_takes_the_threshold_asked_for_even_when_no_source_reads(tmp_path: Path) -> None:
    """It has no index to keep: recording the failures must not give it the default (review R11)."""
    path = tmp_path / "new.sqlite"
    empty = tmp_path / "empty"
    empty.mkdir()
    stats = ingest([empty], path, threshold=0.6, rekey=True, workers=1, progress=False)
    assert stats.failed
    assert _meta(path) == {"lsh_shape": "18x7", "threshold": "0.6"}


def test_an_empty_file_is_a_new_corpus(tmp_path: Path) -> None:
    path = tmp_path / "touched.sqlite"
    path.touch()  # made ready by a script: nothing in it yet (review R12)
    empty = tmp_path / "empty"
    empty.mkdir()
    ingest([empty], path, threshold=0.6, rekey=True, workers=1, progress=False)
    assert _meta(path) == {"lsh_shape": "18x7", "threshold": "0.6"}
