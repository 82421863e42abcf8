"""broadsheet as datatrove steps, run by datatrove's LocalPipelineExecutor (the `integrations` extra)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install 'broadsheet[integrations]')")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from broadsheet.integrations.datatrove import BroadsheetExtractor, BroadsheetReader  # noqa: E402
from tests.run.conftest import mixed_records  # noqa: E402
from tests.sources.warcs import article_html, write_warc  # noqa: E402
from tests.sources.warcs import story as story_paragraphs  # noqa: E402


def _written(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows


def test_warc_and_folder_through_a_local_pipeline(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, mixed_records())
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_bytes(article_html(20))
    (pages / "urls.tsv").write_text("a.html\thttps://www.news.example/2024/03/a\n")
    executor = LocalPipelineExecutor(
        pipeline=[BroadsheetReader([warc, pages]), BroadsheetExtractor(timeout=30), JsonlWriter(str(tmp_path / "out"))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    rows = _written(tmp_path / "out")
    # Of the WARC's 12 pages, 11 have a body (10 stories with the copies, as dedup is not this
    # step's job, and the 404 page); the brief has none; the image is not HTML, no document.
    by_url = {r["metadata"]["url"]: r for r in rows}
    story = by_url["https://news.example.org/2024/03/story-0"]
    meta = story["metadata"]
    assert story["id"].startswith(str(warc) + "#") and meta["origin"] == story["id"]  # provenance kept
    assert meta["title"] == "Story number 0 about the harbour" and meta["language"] == "en"
    assert meta["date_published"] == "2024-03-01T10:00:00+00:00" and meta["published_at"] == "2024-03-01T10:00:00Z"
    assert meta["published_offset_minutes"] == 0 and meta["broadsheet_sources"]["title"]
    assert meta["broadsheet_version"] and story["text"] == "\n\n".join(story_paragraphs(0))
    assert len(rows) == 12 and sum(r["metadata"]["origin"].startswith(str(warc)) for r in rows) == 11
    assert "https://news.example.org/brief" not in by_url  # no body: dropped
    saved = by_url["https://www.news.example/2024/03/a"]
    assert saved["metadata"]["origin"] == str(pages / "a.html") and saved["metadata"]["title"].startswith("Story number 20")
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    extractor = next(s for s in stats if "broadsheet" in s["name"] and "EXTRAC" in s["name"])
    assert extractor["stats"]["forwarded"] == len(rows)


def test_extractor_after_any_reader_keeps_its_metadata_and_drops_what_has_no_body() -> None:
    docs = [
        Document(text=article_html(1).decode(), id="1", metadata={"url": "https://a.example/1", "dump": "CC-MAIN-2024-10"}),
        Document(text="<html><body><nav>Home</nav></body></html>", id="2", metadata={}),
        Document(text="", id="3", metadata={}),
    ]
    step = BroadsheetExtractor(timeout=None)
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["1"]
    assert out[0].metadata["dump"] == "CC-MAIN-2024-10" and out[0].metadata["url"] == "https://a.example/1"
    assert out[0].metadata["authors"] == [] and out[0].metadata["broadsheet_sources"]["url"] == "input"
    assert step.stats["no_body"].total == 2 and step.stats["forwarded"].total == 1
