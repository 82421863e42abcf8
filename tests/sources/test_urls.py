"""URL lists: junk lines, per-host politeness, robots.txt, retries, against a real loopback server.

Since URL lists go through the crawl's fetch stack, the first request to a host is its
robots.txt (the server log shows it), and it counts for the per-host delay.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from broadsheet.errors import InputError
from broadsheet.run.stats import Stats
from broadsheet.sources.urls import FetchOptions, iter_url_list, url_lines
from tests.sources.httpsite import Server

FAST = FetchOptions(delay=0.0, retries=2, backoff=0.01, timeout=5)


@pytest.fixture
def site() -> Iterator[Server]:
    server = Server()
    yield server
    server.stop()


def test_junk_lines_are_counted_comments_and_blanks_are_not(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# my list\n\nhttps://a.example/1\nnot a url\nftp://a.example/x\nhttps://a.example/2 trailing words\n"
                    "  https://b.example/3  \n\x00\x01binary\n")
    stats = Stats()
    assert [(n, u) for n, u in url_lines(path, stats)] == [(2, "https://a.example/1"), (6, "https://b.example/3")]
    assert stats.errors == {"junk line": 4}


def test_fetches_in_order_with_retries_and_counts_failures(tmp_path: Path, site: Server) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(f"{site.base}{p}" for p in ["/story/1", "/gone", "/flaky", "/logo", "/story/2"]))
    stats = Stats()
    got = [(n, page.url.rsplit("/", 1)[-1] if page else None) for n, page in iter_url_list(path, stats, options=FAST)]
    assert got == [(0, "1"), (1, None), (2, "flaky"), (3, None), (4, "2")]
    assert stats.errors == {"HTTP 404": 1}
    assert stats.ignored == {"non-HTML response": 1}
    assert [p for p, _ in site.hits].count("/flaky") == 3  # two 503s, then success
    assert [p for p, _ in site.hits].count("/gone") == 1  # a 404 is final


def test_requests_to_one_host_are_spaced_by_the_delay(tmp_path: Path, site: Server) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(f"{site.base}/story/{n}" for n in range(4)))
    list(iter_url_list(path, Stats(), options=FetchOptions(delay=0.15, retries=0)))
    assert [p for p, _ in site.hits] == ["/robots.txt"] + [f"/story/{n}" for n in range(4)]
    times = [t for _, t in site.hits]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.14


def test_unreachable_host_is_retried_then_counted(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1:9/nothing-listens-here\n")
    stats = Stats()
    assert [page for _, page in iter_url_list(path, stats, options=FAST)] == [None]
    assert stats.errors == {"fetch failed": 1}


def test_resume_from_a_line(tmp_path: Path, site: Server) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(f"{site.base}/story/{n}" for n in range(4)))
    got = [n for n, _ in iter_url_list(path, Stats(), options=FAST, start=2)]
    assert got == [2, 3]
    assert [p for p, _ in site.hits] == ["/robots.txt", "/story/2", "/story/3"]


def test_robots_txt_is_obeyed_and_its_crawl_delay_kept(tmp_path: Path, site: Server) -> None:
    site.robots = b"User-agent: *\nDisallow: /story/1\nCrawl-delay: 0.2\n"
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(f"{site.base}/story/{n}" for n in range(3)))
    stats = Stats()
    got = [(n, page is not None) for n, page in iter_url_list(path, stats, options=FAST)]
    assert got == [(0, True), (1, False), (2, True)]
    assert stats.ignored == {"robots.txt disallows": 1}
    assert [p for p, _ in site.hits] == ["/robots.txt", "/story/0", "/story/2"]
    times = [t for _, t in site.hits]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.19  # from the robots.txt request on


def test_a_line_that_only_looks_like_a_url_is_junk(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://[::1\nhttp://\n")
    stats = Stats()
    assert list(url_lines(path, stats)) == []
    assert stats.errors == {"junk line": 2}


@pytest.mark.parametrize("field, value", [("delay", float("inf")), ("timeout", float("nan")), ("retries", -1),
                                          ("deadline", 0)])
def test_options_must_be_finite_and_not_negative(field: str, value: float) -> None:
    with pytest.raises(InputError, match=field):
        FetchOptions(**{field: value})


def test_a_list_is_read_in_a_worker_thread_or_under_a_running_loop(tmp_path: Path, site: Server) -> None:
    """The runner may read a list in a Dask worker thread (no event loop) or from async
    code (a loop already running in the thread): each list brings its own loop."""
    import asyncio
    import threading

    path = tmp_path / "urls.txt"
    path.write_text(f"{site.base}/story/1\n")
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.extend(p is not None for _, p in iter_url_list(path, options=FAST)))
    worker.start()
    worker.join(10)

    async def inside_a_loop() -> list[bool]:
        return [p is not None for _, p in iter_url_list(path, options=FAST)]

    assert got == [True] and asyncio.run(inside_a_loop()) == [True]
