"""Fixtures of the run tests: a WARC with every kind of page, and corpus snapshots."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from broadsheet.corpus import RECORD_FIELDS
from broadsheet.run.pipeline import Pipeline
from tests.sources.warcs import Rec, article_html, news_records, story, write_warc

NOT_FOUND = (b"<html><head><title>Page not found</title></head><body><main><h1>Sorry</h1><p>The page you are "
             b"looking for could not be found. It may have been moved or deleted; try the search instead.</p></main></body></html>")
BRIEF = b"<html><head><title>Brief</title></head><body><article><h1>Brief</h1><p>Roads closed.</p></article></body></html>"

#: What ingesting `mixed_warc` must give.
EXPECTED = {"pages": 12, "articles": 8, "duplicates": {"exact": 1, "near": 1}, "skipped": {"no body": 1, "404 page": 1}}


def mixed_records(start: int = 0) -> list[Rec]:
    """8 stories, an exact and a near copy, a brief, a 404 page; request, metadata, image records."""
    near = story(start + 3) + ["A later update: the council will meet again on Friday to vote."]
    return [
        Rec("urn:warcinfo", type="warcinfo"),
        *news_records(8, start=start),
        Rec("https://mirror.example/copy", article_html(start + 2, title="Mirrored story")),
        Rec("https://other.example/near", article_html(start + 3, paragraphs=near)),
        Rec("https://news.example.org/brief", BRIEF),
        Rec("https://news.example.org/missing", NOT_FOUND),
        Rec("https://news.example.org/m", type="metadata"),
        Rec("https://news.example.org/logo.png", b"\x89PNG\r\n", content_type="image/png"),
    ]


@pytest.fixture
def mixed_warc(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.warc.gz"
    write_warc(path, mixed_records())
    return path


def counts(stats) -> dict:
    data = stats.to_dict()
    return {key: data[key] for key in ("pages", "articles", "duplicates", "skipped")}


def snapshot(path: Path) -> list[tuple]:
    """Every stored row (all record fields and the text hash) in insertion order."""
    db = sqlite3.connect(path)
    try:
        return db.execute(f"SELECT {', '.join(RECORD_FIELDS)}, text_hash FROM articles ORDER BY seq").fetchall()
    finally:
        db.close()


@pytest.fixture(scope="session")
def dask_address():
    """A one-worker Dask cluster inside this process (threads, no worker processes: fast to
    start); its scheduler address, for `ingest(..., dask=address)`."""
    distributed = pytest.importorskip("dask.distributed")
    import logging

    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def die_after_commits(monkeypatch: pytest.MonkeyPatch, stop_after: int) -> None:
    """Make `Pipeline.commit` raise KeyboardInterrupt (a Ctrl-C) once `stop_after` pages were
    committed; `monkeypatch.undo()` or setting it back ends it."""
    real = Pipeline.commit
    calls = 0

    def dying(self, analysis, **kw):
        nonlocal calls
        calls += 1
        if calls > stop_after:
            raise KeyboardInterrupt
        return real(self, analysis, **kw)

    monkeypatch.setattr(Pipeline, "commit", dying)
