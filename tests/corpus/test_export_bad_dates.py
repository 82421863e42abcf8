"""A date past what Python holds costs its typed column only, not the export (review R9, finding 5)."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from broadsheet.cli import main
from broadsheet.corpus import Corpus
from broadsheet.corpus.records import parse_instant


def test_parse_instant_past_the_range_is_unknown() -> None:
    assert parse_instant("Fri, 31 Dec 9999 23:00:00 -0500") == (None, None)
    moment, offset = parse_instant("Fri, 31 Dec 9999 23:00:00 +0500")
    assert moment is not None and moment.year == 9999 and offset == 300


def test_export_goes_on_past_a_bad_date(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.sqlite"
    with Corpus(corpus) as store:
        for i in range(7):
            date = "Fri, 31 Dec 9999 23:00:00 -0500" if i == 3 else f"2024-05-0{i + 1}T10:00:00+02:00"
            store.add({"url": f"https://paper.example/{i}", "title": f"Story {i}",
                       "text": f"Story {i} has its own words: " + " ".join(f"w{i}x{j}" for j in range(60)),
                       "date_published": date})
    out = tmp_path / "a.jsonl"
    assert main(["export", "--corpus", str(corpus), "--format", "jsonl", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 7
    assert rows[3]["date_published"] == "Fri, 31 Dec 9999 23:00:00 -0500" and rows[3]["published_at"] is None
    assert rows[0]["published_at"] == "2024-05-01T08:00:00Z"
    parquet = tmp_path / "a.parquet"
    assert main(["export", "--corpus", str(corpus), "--format", "parquet", "--out", str(parquet)]) == 0
    table = pq.read_table(parquet)
    assert table.num_rows == 7 and table.column("published_at")[3].as_py() is None
