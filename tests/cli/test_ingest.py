"""`broadsheet ingest`, `search`, `export` and `repair` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import main
from tests.run.conftest import mixed_records
from tests.sources.warcs import write_warc


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "broadsheet", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    path = tmp_path / "news.warc.gz"
    write_warc(path, mixed_records())
    return path


def test_ingest_search_export_repair(warc: Path, tmp_path: Path) -> None:
    corpus = str(tmp_path / "c.sqlite")
    result = run("ingest", str(warc), "--corpus", corpus, "--workers", "2", "--json")
    assert result.returncode == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("broadsheet: 12 pages, 8 articles, 2 duplicates (exact 1, near 1), 2 skipped (")
    assert "pages/s" in summary and "request record 8" in summary
    assert json.loads(result.stdout)["articles"] == 8

    again = run("ingest", str(warc), "--corpus", corpus)
    assert again.returncode == 0 and "broadsheet: 0 pages, 0 articles" in again.stderr

    hits = run("search", "story", "--corpus", corpus, "--limit", "3")
    assert hits.returncode == 0 and hits.stdout.startswith("1. Story number")
    assert hits.stdout.count("\n   https://") == 3

    out = tmp_path / "c.txt"
    assert main(["export", "--corpus", corpus, "--format", "corpus", "--out", str(out)]) == 0
    assert out.read_text().count("\f\n") == 7
    repaired = run("repair", str(out))
    rows = [json.loads(line) for line in repaired.stdout.splitlines()]
    assert len(rows) == 8 and rows[0]["title"].startswith("Story number 0")


def test_export_filters_and_duplicates(warc: Path, tmp_path: Path, capsys) -> None:
    corpus = str(tmp_path / "c.sqlite")
    assert main(["ingest", str(warc), "--corpus", corpus, "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--since", "2024-03-05"]) == 0
    dates = [json.loads(line)["date_published"][:10] for line in capsys.readouterr().out.splitlines()]
    assert dates and min(dates) >= "2024-03-05"
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--with-duplicates"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 10
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--since", "March"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_corpus_that_is_not_sqlite(warc: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("precious notes\n")
    result = run("ingest", str(warc), "--corpus", str(notes))
    assert result.returncode == 2
    assert "is not a broadsheet corpus" in result.stderr and "Traceback" not in result.stderr
    assert notes.read_text() == "precious notes\n"


def test_exit_codes_for_failed_runs(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    corpus = str(tmp_path / "c.sqlite")
    result = run("ingest", str(tmp_path / "empty"), "--corpus", corpus)
    assert result.returncode == 1
    assert "no saved pages in this folder" in result.stderr and "no source could be read" in result.stderr
    assert main(["ingest", str(tmp_path / "nothing-here"), "--corpus", corpus]) == 1
    assert main(["ingest", str(tmp_path / "empty"), "--workers", "0"]) == 2
    assert main(["search", "x", "--corpus", str(tmp_path / "absent.sqlite")]) == 2
    assert "no corpus here" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["ingest", "export", "search", "repair"])
def test_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0 and "--" in capsys.readouterr().out
