"""The Parquet export in Hugging Face `datasets` (offline) and DuckDB, as the README shows."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest


@pytest.fixture
def datasets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    module = pytest.importorskip("datasets", reason="Hugging Face datasets is not installed (pip install 'broadsheet[integrations]')")
    monkeypatch.setattr(module.config, "HF_HUB_OFFLINE", True, raising=False)
    return module


def test_load_dataset_parquet_as_in_the_readme(datasets, export_dir: Path, tmp_path: Path) -> None:
    # the README's example, with a cache folder of the test's own
    ds = datasets.load_dataset("parquet", data_files=str(export_dir / "news.parquet"), split="train",
                               cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == 8
    assert ds.features["published_at"].dtype == "timestamp[us, tz=UTC]"
    assert ds.features["date_published"].dtype == "string" and ds.features["published_offset_minutes"].dtype == "int16"
    row = next(r for r in ds if r["url"] == "https://www.paper.example/2024/05/a")
    assert row["date_published"] == "2024-05-01T08:00:00+02:00"  # the page's own string
    assert row["published_at"] == datetime(2024, 5, 1, 6, tzinfo=timezone.utc) and row["published_offset_minutes"] == 120
    assert isinstance(row["authors"], list) and row["sources"]["title"]
    late = ds.filter(lambda r: r["published_at"] >= datetime(2024, 5, 2, tzinfo=timezone.utc))
    assert sorted(late["url"]) == ["https://cooking.paper.example/2024/05/b", "https://paper.example/2024/05/c"]


def test_jsonl_gives_the_same_instants(datasets, export_dir: Path, tmp_path: Path) -> None:
    """JSON has no timestamp type: JSONL writes the instants as UTC text ending in Z, which
    the json loader reads as timestamps (naive, in UTC): the same instants as Parquet."""
    lines = [json.loads(line) for line in (export_dir / "news.jsonl").read_text().splitlines()]
    assert {line["url"]: line["published_at"] for line in lines}["https://paper.example/2024/05/c"] == "2024-05-04T04:30:00Z"
    parquet = datasets.load_dataset("parquet", data_files=str(export_dir / "news.parquet"), split="train",
                                    cache_dir=str(tmp_path / "cache"))
    jsonl = datasets.load_dataset("json", data_files=str(export_dir / "news.jsonl"), split="train",
                                  cache_dir=str(tmp_path / "cache"))
    assert jsonl.column_names == parquet.column_names
    as_utc = lambda t: t.replace(tzinfo=None) if t and t.tzinfo else t  # noqa: E731
    assert [as_utc(t) for t in parquet["published_at"]] == [as_utc(t) for t in jsonl["published_at"]]
    assert parquet["published_offset_minutes"] == jsonl["published_offset_minutes"]


def test_duckdb_on_the_parquet_export(export_dir: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (it is in the dev extra)")
    path = str(export_dir / "news.parquet")
    con = duckdb.connect()
    kind = con.execute(f"SELECT typeof(published_at), typeof(published_offset_minutes) FROM '{path}' LIMIT 1").fetchone()
    assert kind == ("TIMESTAMP WITH TIME ZONE", "SMALLINT")
    con.execute("SET TimeZone = 'UTC'")
    by_host = con.execute(
        f"SELECT regexp_extract(url, '://(?:[^/]*\\.)?(paper\\.example|example\\.org)', 1) AS site, count(*) "
        f"FROM '{path}' GROUP BY site ORDER BY site"
    ).fetchall()
    assert by_host == [("example.org", 5), ("paper.example", 3)]
    may = con.execute(
        f"SELECT url, strftime(published_at, '%Y-%m-%d %H:%M') FROM '{path}' "
        f"WHERE published_at >= TIMESTAMPTZ '2024-05-01 00:00:00+00' ORDER BY published_at"
    ).fetchall()
    assert may == [
        ("https://www.paper.example/2024/05/a", "2024-05-01 06:00"),
        ("https://cooking.paper.example/2024/05/b", "2024-05-02 00:00"),
        ("https://paper.example/2024/05/c", "2024-05-04 04:30"),
    ]
    assert con.execute(f"SELECT count(*) FROM '{path}', unnest(blocks) AS b WHERE b.unnest.kind = 'paragraph'").fetchone()[0] > 8
    assert con.execute(f"SELECT sources.title FROM '{path}' LIMIT 1").fetchone()[0]
