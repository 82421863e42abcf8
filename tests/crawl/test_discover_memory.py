"""Sitemaps are read in memory bounded by one entry, however many entries the document has.

Before, each ended element was emptied but left in its parent: every `<url>` (or any
other child of the root) stayed in the root's list, ~23x the document in memory
(3 million `<x/>`, 11 MB, kept 255 MB).
"""
from __future__ import annotations

import tracemalloc
from datetime import datetime, timezone

from broadsheet.crawl.discover import parse_sitemap

NS = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
MB = 1024 * 1024


def _peak(data: bytes) -> int:
    tracemalloc.start()
    try:
        parse_sitemap(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_many_children_of_the_root_are_not_kept() -> None:
    data = NS + b"<x/>" * 300_000 + b"</urlset>"  # 1.2 MB: ~27 MB of elements kept before
    assert _peak(data) < 6 * MB


def test_many_children_of_one_entry_are_not_kept() -> None:
    data = NS + b"<url><loc>https://paper.example/a-b-c</loc>" + b"<x/>" * 300_000 + b"</url></urlset>"
    assert _peak(data) < 6 * MB


def test_entries_and_their_dates_are_still_read() -> None:
    entries = b"".join(b"<url><loc>https://paper.example/%d</loc><lastmod>2024-05-%02d</lastmod><x><y/></x></url>"
                       % (n, 1 + n % 28) for n in range(3000))
    found = parse_sitemap(NS + entries + b"</urlset>", since=datetime(2024, 5, 15, tzinfo=timezone.utc))
    kept = {int(url.rsplit("/", 1)[1]) for url in found.urls}
    assert kept == {n for n in range(3000) if 1 + n % 28 >= 15} and found.old == 3000 - len(kept)
    assert not found.problems
