"""Outputs that are an input or the corpus are refused before anything is opened (review R9, finding 1)."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_USAGE, main
from broadsheet.corpus.export import corpus_files
from tests.sources.warcs import article_html


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.html").write_bytes(article_html(n))
    return folder


def _articles(corpus: Path) -> int:
    with sqlite3.connect(corpus) as db:
        return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_rejects_that_is_the_corpus_is_refused(pages: Path, tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.sqlite"
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--workers", "1", "-q"]) == 0
    before, size = _articles(corpus), corpus.stat().st_size
    assert before == 3
    capsys.readouterr()
    code = main(["ingest", str(pages), "--corpus", str(corpus), "--rejects", str(corpus), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "--rejects" in err and "corpus" in err and len(err.strip().splitlines()) == 1
    assert corpus.stat().st_size == size and _articles(corpus) == before


def test_rejects_that_is_an_input_page_is_refused(pages: Path, tmp_path: Path, capsys) -> None:
    page = pages / "p2.html"
    content = page.read_bytes()
    corpus = tmp_path / "c.sqlite"
    code = main(["ingest", str(pages), "--corpus", str(corpus), "--rejects", str(page), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "is the input" in err
    assert page.read_bytes() == content and not corpus.exists()
    url_list = tmp_path / "urls.txt"
    url_list.write_text("http://127.0.0.1:9/a\n")
    code = main(["ingest", str(url_list), "--corpus", str(corpus), "--rejects", str(url_list), "--workers", "1", "-q"])
    assert code == EXIT_USAGE and url_list.read_text() == "http://127.0.0.1:9/a\n"


def test_rejects_beside_the_pages_is_fine(pages: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "c.sqlite"
    rejects = pages / "rejects.jsonl"  # in the source folder, but no page: not read as one
    (pages / "empty.html").write_text("<html><body></body></html>")
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--rejects", str(rejects), "--workers", "1", "-q"]) == 0
    rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [row["url"] or row["origin"] for row in rows] and _articles(corpus) == 3



def test_export_to_the_corpus_through_a_local_url_is_refused(pages: Path, tmp_path: Path, capsys) -> None:
    """`local://` and `simplecache::file://` write the local file as `file://` does (review R12:
    the corpus was replaced by a JSONL file, exit 0)."""
    corpus = tmp_path / "c.sqlite"
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--workers", "1", "-q"]) == 0
    size = corpus.stat().st_size
    for url in (f"local://{corpus}", f"simplecache::file://{corpus}"):
        assert main(["export", "--corpus", str(corpus), "--format", "jsonl", "--out", url]) == EXIT_USAGE
        assert "destroy the corpus" in capsys.readouterr().err
    assert corpus.stat().st_size == size


def test_markdown_folders_are_local(pages: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """One .md file per article goes to a local folder; a URL is refused, not taken as a
    folder literally named `file:` (review R12)."""
    corpus = tmp_path / "c.sqlite"
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--workers", "1", "-q"]) == 0
    monkeypatch.chdir(tmp_path)
    code = main(["export", "--corpus", str(corpus), "--format", "markdown", "--out", f"file://{tmp_path}/md"])
    assert code == EXIT_USAGE
    assert "local folder" in capsys.readouterr().err and not (tmp_path / "file:").exists()


# Same-file checks through links (review R10, finding 7): a hard link to a page of a source
# folder, and the real -wal/-shm/-journal of a corpus given as a symlink.
def test_rejects_that_is_a_hard_link_to_a_page_of_a_source_folder_is_refused(pages: Path, tmp_path: Path,
                                                                               capsys) -> None:
    (pages / "deeper").mkdir()
    page = pages / "deeper" / "p9.html"
    page.write_bytes(article_html(9))
    content = page.read_bytes()
    link = tmp_path / "rejects.jsonl"  # another name, outside the folder
    os.link(page, link)
    corpus = tmp_path / "c.sqlite"
    code = main(["ingest", str(pages), "--corpus", str(corpus), "--rejects", str(link), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "is the input" in err and len(err.strip().splitlines()) == 1
    assert page.read_bytes() == content and not corpus.exists()


def test_the_real_wal_of_a_corpus_given_as_a_symlink_is_protected(pages: Path, tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.sqlite"
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--workers", "1", "-q"]) == 0
    link = tmp_path / "lc.sqlite"
    link.symlink_to(corpus)
    assert str(tmp_path / "c.sqlite-wal") in corpus_files(link)
    capsys.readouterr()
    wal = tmp_path / "c.sqlite-wal"
    code = main(["ingest", str(pages), "--corpus", str(link), "--rejects", str(wal), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "corpus" in err and not wal.exists()
    code = main(["export", "--corpus", str(link), "--format", "jsonl", "--out", str(tmp_path / "c.sqlite-shm")])
    assert code == EXIT_USAGE and not (tmp_path / "c.sqlite-shm").exists()


def test_a_plain_corpus_lists_its_four_files_once(tmp_path: Path) -> None:
    corpus = tmp_path / "c.sqlite"
    assert corpus_files(corpus) == [str(corpus), f"{corpus}-wal", f"{corpus}-shm", f"{corpus}-journal"]
