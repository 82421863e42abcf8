"""A real export for the integration tests: a WARC ingested and exported by the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.cli import main
from tests.sources.warcs import Rec, article_html, news_records, write_warc


def dated(n: int, stamp: str) -> bytes:
    return article_html(n).replace(f"2024-03-{1 + n % 28:02d}T10:00:00+00:00".encode(), stamp.encode())


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news.parquet and news.jsonl of 8 stories from two hosts, dates in several shapes."""
    folder = tmp_path_factory.mktemp("export")
    records = news_records(5) + [
        Rec("https://www.paper.example/2024/05/a", dated(10, "2024-05-01T08:00:00+02:00")),
        Rec("https://cooking.paper.example/2024/05/b", dated(11, "2024-05-02")),
        Rec("https://paper.example/2024/05/c", dated(12, "2024-05-03T23:30:00-05:00")),
    ]
    write_warc(folder / "news.warc.gz", records)
    corpus = str(folder / "c.sqlite")
    assert main(["ingest", str(folder / "news.warc.gz"), "--corpus", corpus, "--workers", "1", "-q"]) == 0
    for fmt in ("parquet", "jsonl"):
        assert main(["export", "--corpus", corpus, "--format", fmt, "--out", str(folder / f"news.{fmt}"), "-q"]) == 0
    return folder
