"""Ingest end to end: counts, resume, kills, worker modes, full disk, bad sources."""
from __future__ import annotations

import gzip
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from broadsheet import Corpus
from broadsheet.corpus import CorpusFull
from broadsheet.run.ingest import ingest
from broadsheet.run.pipeline import Pipeline
from broadsheet.sources.urls import FetchOptions
from tests.run.conftest import EXPECTED, counts, die_after_commits, mixed_records, snapshot
from tests.sources.httpsite import Server
from tests.sources.warcs import article_html, news_records, write_warc


def test_counts_and_records(mixed_warc: Path, tmp_path: Path) -> None:
    stats = ingest([mixed_warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert counts(stats) == EXPECTED
    assert stats.ignored["request record"] == 8 and stats.ignored["non-HTML response"] == 1
    with Corpus(tmp_path / "c.sqlite") as corpus:
        first = next(corpus.records())
        assert first["origin"].startswith(f"{mixed_warc}#") and first["fetched_at"]
        assert first["date_published"] == "2024-03-01T10:00:00+00:00"


def test_ingesting_again_adds_nothing_and_reads_nothing(mixed_warc: Path, tmp_path: Path) -> None:
    ingest([mixed_warc], tmp_path / "c.sqlite", workers=1, progress=False)
    before = snapshot(tmp_path / "c.sqlite")
    os.symlink(mixed_warc, tmp_path / "same.warc.gz")  # the same file by another name
    again = ingest([tmp_path / "same.warc.gz"], tmp_path / "c.sqlite", workers=1, progress=False)
    assert again.pages == 0 and again.ignored == {"already ingested": 1}
    assert snapshot(tmp_path / "c.sqlite") == before


def test_folder_resume_reads_only_new_files(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.html").write_bytes(article_html(n))
    assert ingest([folder], tmp_path / "c.sqlite", progress=False).stored == 3
    (folder / "3.html.gz").write_bytes(gzip.compress(article_html(3)))
    again = ingest([folder], tmp_path / "c.sqlite", progress=False)
    assert (again.pages, again.stored, again.ignored["already ingested"]) == (1, 1, 3)


@pytest.mark.parametrize("stop_after", [1, 4, 7, 11])
def test_interrupted_run_resumes_to_the_same_corpus(mixed_warc: Path, tmp_path: Path, monkeypatch, stop_after: int) -> None:
    ingest([mixed_warc], tmp_path / "ref.sqlite", workers=1, progress=False)
    real = Pipeline.commit
    die_after_commits(monkeypatch, stop_after)
    with pytest.raises(KeyboardInterrupt):
        ingest([mixed_warc], tmp_path / "c.sqlite", workers=1, progress=False, commit_every=3)
    monkeypatch.setattr(Pipeline, "commit", real)
    partial = len(snapshot(tmp_path / "c.sqlite"))
    assert partial < len(snapshot(tmp_path / "ref.sqlite"))
    ingest([mixed_warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert snapshot(tmp_path / "c.sqlite") == snapshot(tmp_path / "ref.sqlite")


def test_killed_process_resumes_to_the_same_corpus(tmp_path: Path) -> None:
    warc = tmp_path / "big.warc.gz"
    write_warc(warc, news_records(40))
    ingest([warc], tmp_path / "ref.sqlite", workers=1, progress=False)
    script = (f"from broadsheet.run.guard import Guard; from broadsheet.run.ingest import ingest; "
              f"ingest([{str(warc)!r}], {str(tmp_path / 'c.sqlite')!r}, workers=2, progress=False, commit_every=2, "
              f"guard=Guard(target='tests.run.hostile:misbehave'))")
    slow = {**os.environ, "BROADSHEET_TEST_PAGE_DELAY": "0.05"}  # a run long enough to be killed midway
    proc = subprocess.Popen([sys.executable, "-c", script], env=slow)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            db = sqlite3.connect(tmp_path / "c.sqlite", timeout=1)
            stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            db.close()
        except sqlite3.Error:
            stored = 0
        if stored >= 4:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert corpus.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 0 < corpus.count() < 40, "the kill came before the end of the run"
    ingest([warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert snapshot(tmp_path / "c.sqlite") == snapshot(tmp_path / "ref.sqlite")


def test_one_and_two_workers_store_the_same_records(tmp_path: Path) -> None:
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, mixed_records() + mixed_records(start=20))
    one = ingest([warc], tmp_path / "one.sqlite", workers=1, progress=False)
    two = ingest([warc], tmp_path / "two.sqlite", workers=2, progress=False)
    assert counts(one) == counts(two)
    assert snapshot(tmp_path / "one.sqlite") == snapshot(tmp_path / "two.sqlite")


@pytest.mark.slow
def test_dask_local_stores_the_same_records_and_writes_shards(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("dask.distributed")
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, mixed_records() + mixed_records(start=20))
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(40, 45):
        (folder / f"{n}.html").write_bytes(article_html(n))
    monkeypatch.setattr("broadsheet.run.dask.SLICE_BYTES", 8000)  # several slices of the WARC
    monkeypatch.setattr("broadsheet.run.units.FILES_PER_TASK", 2)
    local = ingest([warc, folder], tmp_path / "local.sqlite", workers=1, progress=False)
    shards = tmp_path / "shards"
    dask = ingest([warc, folder], tmp_path / "dask.sqlite", workers=2, dask="local", out=shards.as_uri(), progress=False)
    assert counts(local) == counts(dask)
    assert snapshot(tmp_path / "local.sqlite") == snapshot(tmp_path / "dask.sqlite")
    assert len(list(shards.glob("*.parquet"))) >= 4
    again = ingest([warc, folder], tmp_path / "dask.sqlite", workers=2, dask="local", out=shards.as_uri(), progress=False)
    assert again.pages == 0


def test_full_disk_stops_the_run_and_keeps_what_was_committed(mixed_warc: Path, tmp_path: Path) -> None:
    ingest([mixed_warc], tmp_path / "ref.sqlite", workers=1, progress=False)
    path = tmp_path / "c.sqlite"
    corpus = Corpus(path)
    pages = corpus.db.execute("PRAGMA page_count").fetchone()[0]
    corpus.db.execute(f"PRAGMA max_page_count = {pages + 12}")
    with pytest.raises(CorpusFull):
        ingest([mixed_warc], corpus, workers=1, progress=False, commit_every=1)
    corpus.db.close()
    kept = snapshot(path)
    assert 0 < len(kept) < len(snapshot(tmp_path / "ref.sqlite"))
    ingest([mixed_warc], path, workers=1, progress=False)  # space again: the rerun completes it
    assert snapshot(path) == snapshot(tmp_path / "ref.sqlite")


def test_bad_sources_are_reported_and_the_rest_ingested(mixed_warc: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    inner = tmp_path / "inner.warc"
    write_warc(inner, news_records(1), gz=False)
    with tarfile.open(tmp_path / "fake.warc", "w") as tar:
        tar.add(inner, arcname="inner.warc")
    stats = ingest([tmp_path / "empty", tmp_path / "fake.warc", tmp_path / "missing.warc", mixed_warc],
                   tmp_path / "c.sqlite", progress=False)
    assert stats.stored == EXPECTED["articles"]
    assert stats.errors["unusable source"] == 3 and not stats.failed


def test_a_run_where_no_source_works_has_failed(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    stats = ingest([tmp_path / "empty"], tmp_path / "c.sqlite", progress=False)
    assert stats.failed and stats.failed_sources == [str(tmp_path / "empty")]


def test_url_list_is_fetched_once(tmp_path: Path) -> None:
    site = Server()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join([f"{site.base}/story/{n}" for n in range(3)] + ["junk", f"{site.base}/gone"]))
        fast = FetchOptions(delay=0.0, retries=0)
        stats = ingest([urls], tmp_path / "c.sqlite", fetch=fast, progress=False)
        assert (stats.stored, stats.errors["junk line"], stats.errors["HTTP 404"]) == (3, 1, 1)
        hits = len(site.hits)
        again = ingest([urls], tmp_path / "c.sqlite", fetch=fast, progress=False)
        assert again.pages == 0 and len(site.hits) == hits
        with Corpus(tmp_path / "c.sqlite") as corpus:
            record = next(corpus.records())
        assert record["origin"] == "http" and record["url"].startswith(site.base) and record["fetched_at"]
    finally:
        site.stop()


def test_a_source_named_twice_is_read_once(mixed_warc: Path, tmp_path: Path) -> None:
    os.symlink(mixed_warc, tmp_path / "again.warc.gz")
    stats = ingest([mixed_warc, tmp_path / "again.warc.gz"], tmp_path / "c.sqlite", workers=2, progress=False)
    assert counts(stats) == EXPECTED and stats.ignored["source given twice"] == 1
