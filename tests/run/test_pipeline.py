"""The shared pipeline: outcomes per page, counts, the summary line, batched commits."""
from __future__ import annotations

import json
from pathlib import Path

from broadsheet import Corpus, Page
from broadsheet.corpus import Checkpoint
from broadsheet.errors import InputError
from broadsheet.run import Pipeline
from tests.run.conftest import BRIEF, NOT_FOUND
from tests.sources.warcs import article_html


def page(n: int, url: str | None = None, content: bytes | None = None) -> Page:
    return Page(url=url or f"https://news.example/2024/03/story-{n}", content=content or article_html(n), origin=f"t#{n}")


def test_outcomes_and_summary(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False) as pipe:
        stored = pipe.process(page(1))
        again = pipe.process(page(1, url="https://mirror.example/1"))
        assert (stored.status, again.status, again.reason, again.duplicate_of) == ("stored", "duplicate", "exact", stored.id)
        assert pipe.process(page(2, content=BRIEF)).reason == "no body"
        assert pipe.process(page(3, content=NOT_FOUND)).reason == "404 page"
        assert pipe.process(page(4, content=b"%PDF-1.7 \x00\x01 binary")).status == "skipped"
        pipe.stats.error("fetch failed", "https://x.example/", "HTTP 503")
    line = pipe.summary()
    assert line.startswith("5 pages, 1 articles, 1 duplicates (exact 1), 3 skipped (")
    assert "404 page 1" in line and "no body 1" in line and "1 errors (fetch failed 1)" in line and "pages/s" in line


def test_commits_in_batches_with_checkpoints(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    corpus = Corpus(path)
    pipe = Pipeline(corpus, progress=False, commit_every=2, commit_seconds=3600)
    for n in range(3):
        pipe.process(page(n), checkpoint=Checkpoint("src", n, n + 1))
    with Corpus(path) as other:  # a second reader sees only committed batches
        assert other.count() == 2 and other.progress("src") == Checkpoint("src", 1, 2)
    pipe.close()
    corpus.close()
    with Corpus(path) as other:
        assert other.count() == 3 and other.progress("src") == Checkpoint("src", 2, 3)


def test_an_exception_drops_only_the_open_batch(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        try:
            with Pipeline(corpus, progress=False, commit_every=1) as pipe:
                pipe.process(page(1))
                pipe.commit_every = 100
                pipe.process(page(2))
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
    with Corpus(path) as corpus:
        assert [r["url"][-1] for r in corpus.records()] == ["1"]


def test_a_page_analysed_in_process_is_given_up_on_the_main_thread(monkeypatch) -> None:
    import time

    from broadsheet.run import analyse as worker

    def slow(page):
        time.sleep(5)

    monkeypatch.setattr(worker, "extract_page", slow)
    started = time.monotonic()
    result = worker.analyse_inline(page(1), seconds=0.2)
    assert (result.status, result.reason) == ("skipped", "timeout")
    assert time.monotonic() - started < 2


def test_the_page_timer_leaves_another_alarm_alone() -> None:
    import signal

    from broadsheet.run.analyse import time_limit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with time_limit(0.1):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 25  # still armed, not reset
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_run_stopped_by_an_error_is_recorded_with_why(tmp_path: Path) -> None:
    """Review R10: an ingest stopped by another process's re-key kept its batches but left no
    row in `runs` (the record of past runs `serve` shows)."""
    path = tmp_path / "c.sqlite"
    corpus = Corpus(path, threshold=0.6)
    try:
        try:
            with Pipeline(corpus, progress=False, commit_every=1) as pipe:
                pipe.process(page(1))
                with Corpus(path, threshold=0.8, rekey=True):  # another process re-keys
                    pass
                pipe.process(page(2))
        except InputError as exc:
            assert "re-keyed" in str(exc)
        else:
            raise AssertionError("the writer went on with keys of the old shape")
    finally:
        corpus.close()
    with Corpus(path) as corpus:
        rows = corpus.db.execute("SELECT command, summary, counts FROM runs").fetchall()
        assert corpus.count() == 1
    assert len(rows) == 1 and rows[0][0] == "ingest"
    assert rows[0][1].startswith("stopped: ") and "re-keyed" in rows[0][1] and "1 articles" in rows[0][1]
    assert json.loads(rows[0][2])["articles"] == 1


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise ValueError("no message")


def test_recording_a_stopped_run_never_hides_its_error(tmp_path: Path) -> None:
    """Review R14: an exception whose str() fails was replaced by that ValueError."""
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        try:
            with Pipeline(corpus, progress=False):
                raise _Unprintable
        except _Unprintable:
            pass
        summary = corpus.db.execute("SELECT summary FROM runs").fetchone()[0]
    assert summary.startswith("stopped: _Unprintable; ")


def test_a_stopped_run_waits_briefly_for_a_locked_corpus(tmp_path: Path, caplog) -> None:
    """Review R14: a run stopped because the corpus was locked waited the whole busy
    timeout (30 s) a second time to write its row; the row now waits `STOP_RECORD_WAIT`."""
    import sqlite3
    import time

    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:
        corpus.add({"url": "https://paper.example/1", "title": "t", "text": "one two three"})
        corpus.commit()
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            before = time.monotonic()
            corpus.record_run("ingest", summary="stopped: locked", counts={}, seconds=0.0, wait=0.0)
            assert time.monotonic() - before < 10  # the connection's own timeout is 30 s
            assert "not recorded" in caplog.text
            assert corpus.db.execute("PRAGMA busy_timeout").fetchone()[0] == 30000  # restored
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        corpus.record_run("ingest", summary="done", counts={}, seconds=0.0, wait=0.5)
        assert [r[0] for r in corpus.db.execute("SELECT summary FROM runs")] == ["done"]
