"""One exit status for every command: 0 ok, 1 some inputs failed, 2 usage (`broadsheet --help`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from broadsheet.demo.server import RequestLog
from tests.crawl.sitegen import serve
from tests.sources.warcs import article_html

REPO = Path(__file__).resolve().parents[2]


def test_the_three_codes() -> None:
    assert (EXIT_OK, EXIT_FAILED, EXIT_USAGE) == (0, 1, 2)


def test_crawl_with_one_start_host_unreachable_exits_1(tmp_path: Path) -> None:
    """The reachable site is crawled; the other start URL failed, so 1 (it was 0; all failing was already 1)."""
    host = serve("127.0.0.1", RequestLog(), name="Exit Times", n=2, seed=5)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "broadsheet", "crawl", host.url + "/", "http://127.0.0.1:9/", "--corpus",
             str(tmp_path / "c.sqlite"), "--delay", "0.02", "--no-progress", "--timeout", "2"],
            capture_output=True, text=True, timeout=120, cwd=REPO,
        )
    finally:
        host.server.stop()
    assert result.returncode == 1, result.stderr
    assert "1 of the start hosts could not be crawled: 127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, code",
    [
        (["extract", "{tmp}/nope.html"], 1),
        (["extract", "{tmp}/a.html", "{tmp}/nope.html"], 1),
        (["extract", "{tmp}/a.html"], 0),
        (["extract", "{tmp}/a.html", "--format", "yaml"], 2),
        (["repair", "{tmp}/nope.txt"], 1),
        (["repair", "{tmp}/a.html"], 1),
        (["ingest", "{tmp}/nope", "--corpus", "{tmp}/c.sqlite"], 1),
        (["ingest", "{tmp}/pages", "--corpus", "{tmp}/c.sqlite", "--workers", "0"], 2),
        (["export", "--corpus", "{tmp}/absent.sqlite", "--format", "jsonl", "--out", "-"], 2),
        (["export", "--corpus", "{tmp}/c.sqlite", "--format", "jsonl", "--out", "-", "--since", "May"], 2),
        (["search", "x", "--corpus", "{tmp}/absent.sqlite"], 2),
    ],
)
def test_codes_by_command(args: list[str], code: int, tmp_path: Path, capsys) -> None:
    (tmp_path / "a.html").write_bytes(article_html(1))
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "b.html").write_bytes(article_html(2))
    argv = [a.format(tmp=tmp_path) for a in args]
    try:
        got = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        got = exc.code
    err = capsys.readouterr().err
    assert got == code, err
    assert "Traceback" not in err
