"""Same-file checks through links (review R10, finding 7): a hard link to a page of a source
folder, and the real -wal/-shm/-journal of a corpus given as a symlink."""
from __future__ import annotations

import os
from pathlib import Path

from broadsheet.cli import EXIT_USAGE, main
from broadsheet.corpus.export import corpus_files
from tests.sources.warcs import article_html


def _pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.html").write_bytes(article_html(n))
    return folder


def test_rejects_that_is_a_hard_link_to_a_page_of_a_source_folder_is_refused(tmp_path: Path, capsys) -> None:
    pages = _pages(tmp_path)
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


def test_the_real_wal_of_a_corpus_given_as_a_symlink_is_protected(tmp_path: Path, capsys) -> None:
    pages = _pages(tmp_path)
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
