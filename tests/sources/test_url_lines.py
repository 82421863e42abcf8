"""A URL list's over-long lines are junk lines read in bounded steps (review R6 finding 11).

Before, `for raw in fh` read a whole line however long: a list holding one multi-GB line
(no newline) was read into memory at once.
"""
from __future__ import annotations

import tracemalloc
from pathlib import Path

from broadsheet.run.stats import Stats
from broadsheet.sources import urls
from broadsheet.sources.urls import MAX_LINE, url_lines

MB = 1024 * 1024


def test_an_over_long_line_is_a_junk_line_at_its_number_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    with open(path, "wb") as fh:
        fh.write(b"https://a.example/1\n")
        fh.write(b"https://a.example/" + b"x" * (3 * MB) + b"\n")  # one URL-looking line of 3 MB
        fh.write(b"https://a.example/3\n")
        fh.write(b"y" * (4 * MB))  # the last line, without a newline
    stats = Stats()
    tracemalloc.start()
    try:
        lines = list(url_lines(path, stats))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert lines == [(0, "https://a.example/1"), (2, "https://a.example/3")]
    assert stats.errors == {"junk line": 2}
    assert [r.origin for r in stats.rejects] == [f"{path}:2", f"{path}:4"]
    assert peak < 1 * MB, peak  # 3 and 4 MB lines before


def test_lines_at_the_cap_are_read_and_just_over_it_are_not(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(urls, "MAX_LINE", 40)
    at_cap = b"https://a.example/" + b"a" * (40 - 18)
    path = tmp_path / "urls.txt"
    path.write_bytes(at_cap + b"\n" + at_cap + b"b\n" + at_cap + b"\n" + at_cap)
    stats = Stats()
    assert [n for n, _ in url_lines(path, stats)] == [0, 2, 3]
    assert stats.errors == {"junk line": 1}


def test_resuming_past_an_over_long_line_counts_it_no_more(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_bytes(b"z" * (MAX_LINE + 5) + b"\nhttps://a.example/2\n")
    stats = Stats()
    assert list(url_lines(path, stats, start=1)) == [(1, "https://a.example/2")] and not stats.errors
