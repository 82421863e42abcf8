"""Folders of saved pages: what is read, in which order, and what is passed over."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources.files import iter_folder
from tests.sources.warcs import article_html


def test_html_htm_and_gzipped_pages_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.htm").write_bytes(article_html(2))
    (tmp_path / "a.html").write_bytes(article_html(1))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(article_html(3)))
    (tmp_path / "notes.txt").write_text("not a page")
    (tmp_path / ".hidden.html").write_bytes(article_html(4))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_bytes(article_html(5))
    stats = Stats()
    pages = list(iter_folder(tmp_path, stats))
    assert [Path(p.origin).relative_to(tmp_path).as_posix() for p in pages] == ["a.html", "c.html.gz", "b/two.htm"]
    assert pages[1].content == article_html(3)  # gunzipped
    assert all(p.url is None for p in pages)
    assert not stats.errors


def test_unreadable_and_damaged_files_are_counted_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html(1))
    os.symlink(tmp_path / "missing.html", tmp_path / "b-dangling.html")
    (tmp_path / "c.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate at all" * 4)
    (tmp_path / "d.html").write_bytes(article_html(4))
    stats = Stats()
    pages = list(iter_folder(tmp_path, stats))
    assert [Path(p.origin).name for p in pages] == ["a.html", "d.html"]
    assert stats.errors == {"unreadable file": 1, "damaged gzip file": 1}


def test_a_gzip_file_cut_short_gives_the_part_it_holds(tmp_path: Path) -> None:
    whole = gzip.compress(article_html(3))
    (tmp_path / "c.html.gz").write_bytes(whole[: len(whole) * 3 // 4])
    stats = Stats()
    (page,) = list(iter_folder(tmp_path, stats))
    assert 0 < len(page.content) < len(article_html(3)) and article_html(3).startswith(page.content)
    assert not stats.errors


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html(1))
    (tmp_path / "a.html").chmod(0)
    stats = Stats()
    assert list(iter_folder(tmp_path, stats)) == []
    assert stats.errors == {"unreadable file": 1}
