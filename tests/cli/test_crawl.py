"""`broadsheet crawl` as a user runs it: a real subprocess against loopback sites."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from broadsheet.cli import main
from broadsheet.cli.crawl import parse_since
from broadsheet.corpus import Corpus
from broadsheet.demo.server import RequestLog
from broadsheet.errors import InputError
from tests.crawl.sitegen import serve

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "broadsheet", "crawl", *args], capture_output=True,
                          text=True, timeout=120, cwd=REPO)


@pytest.fixture
def site():
    log = RequestLog()
    host = serve("127.0.0.1", log, name="Cli Times", n=4, seed=71)
    yield host, log
    host.server.stop()


def test_help_lists_the_options() -> None:
    out = run("--help").stdout
    for option in ("--corpus", "--max-pages", "--since", "--delay", "--user-agent", "--timeout", "--deadline"):
        assert option in out


def test_parse_since() -> None:
    now = datetime(2024, 5, 10, 12, tzinfo=timezone.utc)
    assert parse_since("36h", now) == now - timedelta(hours=36)
    assert parse_since("2d", now) == now - timedelta(days=2)
    assert parse_since("1w", now) == now - timedelta(weeks=1)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("2024-05-01", now) == datetime(2024, 5, 1, tzinfo=timezone.utc)
    with pytest.raises(InputError):
        parse_since("last tuesday", now)


def test_crawl_prints_per_host_summary_and_fills_the_corpus(site, tmp_path: Path) -> None:
    host, log = site
    corpus = tmp_path / "news.sqlite"
    result = run(host.url + "/", "--corpus", str(corpus), "--delay", "0.05", "--user-agent", "clibot/2.0",
                 "--no-progress")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].split()[:6] == ["host", "fetched", "articles", "skipped", "errors", "robots-blocked"]
    row = next(line for line in lines if line.startswith(host.netloc)).split()
    assert row[2] == "4"  # articles
    assert lines[-2].startswith("broadsheet: ") and ", 4 articles," in lines[-2]
    assert {r.headers["user-agent"] for r in log.all()} == {"clibot/2.0"}
    with Corpus(corpus) as store:
        assert store.count() == 4


def test_second_run_reports_not_modified(site, tmp_path: Path) -> None:
    host, log = site
    corpus = tmp_path / "news.sqlite"
    assert run(host.url + "/", "--corpus", str(corpus), "--delay", "0.02", "--no-progress").returncode == 0
    again = run(host.url + "/", "--corpus", str(corpus), "--delay", "0.02", "--no-progress", "--json")
    assert again.returncode == 0
    counts = json.loads(again.stdout)
    assert counts["articles"] == 0 and counts["hosts"][host.netloc]["not_modified"] >= 4
    assert "not modified (304)" in again.stderr


def test_max_pages(site, tmp_path: Path) -> None:
    host, _ = site
    result = run(host.url + "/", "--corpus", str(tmp_path / "c.sqlite"), "--delay", "0.02", "--max-pages", "2",
                 "--no-progress")
    assert result.returncode == 0 and "stopped at --max-pages" in result.stderr


def test_bad_arguments_exit_2_with_one_line(tmp_path: Path) -> None:
    bad = run("file:///etc/passwd", "--corpus", str(tmp_path / "c.sqlite"))
    assert bad.returncode == 2 and "no crawlable start URL" in bad.stderr and "Traceback" not in bad.stderr
    assert run("http://x.example/", "--delay", "-1").returncode == 2
    assert run("http://x.example/", "--since", "someday", "--corpus", str(tmp_path / "d.sqlite")).returncode == 2


@pytest.mark.parametrize("option, value", [("--delay", "inf"), ("--delay", "nan"), ("--max-pages", "inf"),
                                           ("--deadline", "0"), ("--timeout", "-1"), ("--max-depth", "1e999")])
def test_numbers_that_would_hang_the_crawl_are_refused(option: str, value: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["crawl", "http://x.example/", "--corpus", str(tmp_path / "c.sqlite"), option, value])
    assert exit_.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert option in error and "Traceback" not in error
    assert not (tmp_path / "c.sqlite").exists()


def test_nothing_reachable_exits_1(tmp_path: Path) -> None:
    result = run("http://news.invalid/", "--corpus", str(tmp_path / "c.sqlite"), "--no-progress")
    assert result.returncode == 1 and "host unreachable" in result.stderr
