"""`broadsheet ingest`, `search`, `export` and `repair` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_STATUS, build_parser, main
from tests.run.conftest import mixed_records
from tests.sources.warcs import article_html, write_warc


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
    assert "(2020, 2020-05 or 2020-05-01)" in capsys.readouterr().err


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


def test_every_command_shows_the_exit_status_and_takes_v_and_q_after_it(capsys) -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"extract", "ingest", "crawl", "export", "search", "serve", "bench", "repair"} <= set(commands)
    for name, command in commands.items():
        help_text = " ".join(command.format_help().split())
        assert " ".join(EXIT_STATUS.split()) in help_text, name
        assert "-v, --verbose" in help_text and "-q, --quiet" in help_text, name
        args = {"export": ["--format", "jsonl", "--out", "-"], "serve": []}.get(name, ["x"])
        assert parser.parse_args([name, *args, "-q"]).quiet is True, name
    assert " ".join(EXIT_STATUS.split()) in " ".join(parser.format_help().split())


def test_version_and_verbosity_anywhere(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("broadsheet 0.")
    parser = build_parser()
    assert parser.parse_args(["-v", "search", "x"]).verbose is True
    assert parser.parse_args(["search", "x", "-v"]).verbose is True
    assert parser.parse_args(["search", "x"]).verbose is False
    assert parser.parse_args(["search", "x", "--quiet"]).quiet is True
    with pytest.raises(SystemExit) as exit_:
        main(["search", "x", "-v", "-q"])
    assert exit_.value.code == 2
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_bytes(article_html(1))
    result = run("ingest", str(tmp_path / "pages"), "--corpus", str(tmp_path / "c.sqlite"), "--workers", "1", "-q")
    assert result.returncode == 0 and "it/s" not in result.stderr and "%|" not in result.stderr


def test_an_unusable_source_among_good_ones_exits_1(tmp_path: Path, capsys) -> None:
    """Exit 1 means some inputs failed, and the rest was done (it used to exit 0)."""
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "a.html").write_bytes(article_html(1))
    corpus = str(tmp_path / "c.sqlite")
    code = main(["ingest", str(tmp_path / "extra"), str(tmp_path / "nope"), "--corpus", corpus, "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1 and "1 of 2 sources could not be used: " in err and "nope" in err
    assert "1 articles" in err  # the good source was ingested all the same


def test_a_url_list_whose_every_url_fails_exits_1(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n")
    result = run("ingest", str(tmp_path / "urls.txt"), "--corpus", str(tmp_path / "c.sqlite"), "--retries", "0",
                 "--delay", "0", "--no-progress")
    assert result.returncode == 1, result.stderr
    assert "no source could be read" in result.stderr and "Traceback" not in result.stderr


def test_folders_give_urls_from_urls_tsv_or_the_canonical_link(tmp_path: Path, capsys) -> None:
    """A folder of saved pages used to store url null: the sidecar urls.tsv names each page's
    URL (either column order, paths relative to its folder, nearest file first); a page it
    does not name takes its canonical link; export --site and search then see the host."""
    pages = tmp_path / "pages"
    (pages / "2024" / "05").mkdir(parents=True)
    (pages / "2024" / "05" / "a.html").write_bytes(article_html(1))
    (pages / "2024" / "05" / "b.html").write_bytes(article_html(2))
    canonical = article_html(3).replace(b"</title>", b"</title><link rel='canonical' href='https://cooking.nytimes.com/2024/05/c'>")
    (pages / "c.html").write_bytes(canonical)
    (pages / "d.html").write_bytes(article_html(4))
    (pages / "urls.tsv").write_text(
        "# path<TAB>URL, or URL<TAB>path\n"
        "2024/05/a.html\thttps://www.nytimes.com/2024/05/01/a.html\n"
        "https://www.bbc.co.uk/news/b\t./2024/05/b.html\n"
    )
    (pages / "2024" / "urls.tsv").write_text("05/b.html\thttps://www.nytimes.com/2024/05/02/b.html\n")  # nearer: wins
    corpus = str(tmp_path / "c.sqlite")
    assert main(["ingest", str(pages), "--corpus", corpus, "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-"]) == 0
    rows = {Path(r["origin"]).name: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["a.html"]["url"] == "https://www.nytimes.com/2024/05/01/a.html" and rows["a.html"]["sources"]["url"] == "input"
    assert rows["b.html"]["url"] == "https://www.nytimes.com/2024/05/02/b.html"
    assert rows["c.html"]["url"] == "https://cooking.nytimes.com/2024/05/c" and rows["c.html"]["sources"]["url"] == "canonical"
    assert rows["d.html"]["url"] is None
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--site", "nytimes.com"]) == 0
    assert sorted(Path(json.loads(r)["origin"]).name for r in capsys.readouterr().out.splitlines()) == ["a.html", "b.html", "c.html"]
    assert main(["search", "story", "--corpus", corpus, "--limit", "10"]) == 0
    out = capsys.readouterr().out
    assert "https://www.nytimes.com/2024/05/01/a.html" in out and "d.html  (id " in out  # no bare id
