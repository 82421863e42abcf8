"""`--language`, `--rejects` and `--no-profiles` on `broadsheet ingest` and `broadsheet crawl`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet import Corpus, extract
from broadsheet.cli import main
from broadsheet.run.keep import language_matches
from broadsheet.demo.server import RequestLog
from tests.crawl.sitegen import serve
from tests.run.conftest import BRIEF
from tests.sources.warcs import Rec, article_html, news_records, write_warc

REPO = Path(__file__).resolve().parents[2]


OTHERS = [("https://news.example.org/2024/03/de-1", article_html(20, lang="de-DE")),
          ("https://news.example.org/2024/03/fr-1", article_html(22, lang="fr"))]


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    """Six English stories of one host, a German and a French one, a brief."""
    path = tmp_path / "news.warc.gz"
    write_warc(path, [*news_records(6), *(Rec(url, html) for url, html in OTHERS),
                      Rec("https://news.example.org/brief", BRIEF)])
    return path


def test_ingest_language_and_rejects(warc: Path, tmp_path: Path, capsys) -> None:
    detected = {url: extract(html).language for url, html in OTHERS}
    assert set(detected.values()) == {"de", "fr"}, "the pages must read as German and French"
    corpus, rejects = tmp_path / "c.sqlite", tmp_path / "rejects.jsonl"
    code = main(["ingest", str(warc), "--corpus", str(corpus), "--workers", "1", "--no-progress",
                 "--language", "de-DE,fr-FR", "--rejects", str(rejects)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert ", 2 articles," in err and "language 6" in err and "no body 1" in err
    rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert sorted((r["reason"], r["detail"]) for r in rows) == [("language", "en")] * 6 + [("no body", "")]
    assert all(r["url"].startswith("https://news.example.org/") and r["origin"].startswith(f"{warc}#") for r in rows)
    with Corpus(corpus) as store:
        assert {r["url"] for r in store.records()} == set(detected)
        assert all(language_matches(r["language"], ("de-de", "fr-fr")) for r in store.records())
        assert [(r.url, r.origin, r.reason) for r in store.rejects()] == [(r["url"], r["origin"], r["reason"])
                                                                         for r in rows]


def test_ingest_no_profiles(warc: Path, tmp_path: Path) -> None:
    """Profiles are on by default (the host's pages teach one); --no-profiles learns and uses none."""
    for name, extra in (("a", []), ("b", ["--no-profiles"])):
        assert main(["ingest", str(warc), "--corpus", str(tmp_path / f"{name}.sqlite"), "--workers", "1",
                     "--no-progress", *extra]) == 0
    with Corpus(tmp_path / "a.sqlite") as learned, Corpus(tmp_path / "b.sqlite") as plain:
        assert [row[0] for row in learned.db.execute("SELECT host FROM profiles")] == ["news.example.org"]
        assert plain.db.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0


@pytest.mark.parametrize("args, message", [
    (["--language", "german!"], "--language: 'german!' is not a language tag"),
    (["--rejects", "{tmp}/no/such/folder/r.jsonl"], "cannot write {tmp}/no/such/folder/r.jsonl"),
    (["--rejects", "-", "--json"], "--rejects - and --json both write to standard output"),
])
def test_bad_values_exit_2_before_anything_is_read(args: list[str], message: str, warc: Path, tmp_path: Path,
                                                   capsys) -> None:
    argv = [a.format(tmp=tmp_path) for a in args]
    assert main(["ingest", str(warc), "--corpus", str(tmp_path / "c.sqlite"), *argv]) == 2
    assert message.format(tmp=tmp_path) in capsys.readouterr().err
    assert not (tmp_path / "c.sqlite").exists()


def test_crawl_language_rejects_and_no_profiles(tmp_path: Path) -> None:
    log = RequestLog()
    host = serve("127.0.0.1", log, name="Option Times", n=5, seed=8)  # an English site
    try:
        corpus, rejects = tmp_path / "c.sqlite", tmp_path / "rejects.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "broadsheet", "crawl", host.url + "/", "--corpus", str(corpus), "--delay", "0.02",
             "--no-progress", "--language", "de", "--rejects", str(rejects), "--no-profiles"],
            capture_output=True, text=True, timeout=120, cwd=REPO)
    finally:
        host.server.stop()
    assert result.returncode == 0, result.stderr
    assert ", 0 articles," in result.stderr and "language 5" in result.stderr
    assert "site profile" not in result.stderr
    rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    stories = {host.url + path for path in host.story_paths()}
    assert {r["url"] for r in rows if r["reason"] == "language"} == stories
    assert {r["detail"] for r in rows if r["reason"] == "language"} == {"en"}
    assert all(r["origin"] is None for r in rows)
    with Corpus(corpus) as store:
        assert store.count() == 0
        assert sorted(r.url or "" for r in store.rejects()) == sorted(r["url"] or "" for r in rows)
        assert store.db.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0


def test_the_readme_shows_the_flags_and_its_commands_parse() -> None:
    import shlex

    from broadsheet.cli import build_parser

    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [line.split("  #")[0].strip() for line in text.splitlines()
                if line.startswith(("broadsheet ingest ", "broadsheet crawl "))]
    for flag in ("--rejects", "--language", "--no-profiles"):
        assert any(flag in command for command in commands), flag
    assert "broadsheet bench ../shared/bench/aeb --profiles" in text and "`130`" in text and "`143`" in text
    parser = build_parser()
    for command in commands:
        parser.parse_args(shlex.split(command)[1:])  # SystemExit (a failed test) for an unknown option
