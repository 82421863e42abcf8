"""Hostile servers against the one fetch stack: the Fetcher itself, URL lists and `extract URL`.

Every test here failed before the fetch stack was unified (issue 13): bodies decoded by
httpx in one piece (a 300-byte `gzip, gzip` body became 64 MB in memory at once, a real
one gigabytes), `br` accepted without being offered, no deadline per response (a server
dripping a byte a second held a fetch forever), robots.txt redirects followed to any
port, a robots.txt over 2 MB making its host "unreachable", URL lists and `extract URL`
skipping robots.txt and following redirects anywhere (a redirect to `data:` raised
`httpx.InvalidURL` out of the list), Retry-After dates ignored. Servers run on loopback;
caps, timeouts and deadlines are small so each test takes a second or two.
"""
from __future__ import annotations

import asyncio
import time
import tracemalloc
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from typing import Iterator

import pytest

from broadsheet.cli import main
from broadsheet.corpus import Corpus
from broadsheet.crawl.discover import parse_feed, parse_sitemap
from broadsheet.crawl.fetcher import Fetcher, FetchResult, HostPolicy
from broadsheet.crawl.politeness import RetryPolicy, retry_after
from broadsheet.errors import FetchError
from broadsheet.run.stats import Stats
from broadsheet.sources.fetch import fetch
from broadsheet.sources.urls import FetchOptions, iter_url_list
from tests.hostile.server import BOMB_SIZE, HostileServer, Reply, bomb, drip, endless, redirect, slow_headers

CAP = 256 * 1024
PAGE = (b"<!DOCTYPE html><html><head><title>A fine story</title></head><body><article><h1>A fine story</h1>"
        + b"<p>" + b"The council met on Tuesday and agreed to rebuild the old harbour bridge. " * 8 + b"</p>"
        + b"</article></body></html>")
OTHER_PAGE = (b"<!DOCTYPE html><html><head><title>Another story</title></head><body><article><h1>Another story</h1>"
              + b"<p>" + b"Fishermen said the new quay would open in spring after years of delays. " * 8
              + b"</p></article></body></html>")
FAST = RetryPolicy(max_attempts=2, backoff=0.05, max_backoff=0.1, max_retry_after=5)


@pytest.fixture
def site() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def other() -> Iterator[HostileServer]:
    """A second host (another port) that nothing should reach unless a test says so."""
    with HostileServer() as server:
        yield server


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """Python's peak traced allocation inside the block, in bytes (appended on exit)."""
    box: list[int] = []
    tracemalloc.start()
    try:
        yield box
    finally:
        box.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


def run_fetch(url: str, *, deadline: float = 5.0, max_bytes: int = CAP, **kw) -> FetchResult:
    async def go() -> FetchResult:
        fetcher = Fetcher(user_agent="hostile-test/1", trust_env=False, retry=FAST, timeout=2.0,
                          deadline=deadline, max_bytes=max_bytes)
        try:
            return await fetcher.fetch(url, same_host_only=False, **kw)
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


def read_policy(url: str) -> HostPolicy:
    async def go() -> HostPolicy:
        fetcher = Fetcher(user_agent="hostile-test/1", trust_env=False, retry=FAST, timeout=2.0, deadline=5.0)
        try:
            return await fetcher.policy(url)
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


# -- bodies: bombs, codings, endless streams ------------------------------------------------
@pytest.mark.parametrize("kind", ["br", "gzip-gzip", "gzip", "deflate", "raw-deflate"])
def test_a_bomb_stops_at_the_cap_on_decoded_bytes(kind: str, site: HostileServer) -> None:
    site.routes["/bomb"] = bomb(kind)
    with peak_memory() as peak:
        result = run_fetch(site.url + "/bomb")
    assert result.outcome == "too-large" and result.content == b""
    assert peak[0] < 16 * CAP < BOMB_SIZE // 4  # never more than a few caps in memory at once
    assert site.hits[-1].headers["accept-encoding"] == "gzip, deflate, br"  # only what is decoded as a stream


def test_a_small_compressed_page_is_decoded(site: HostileServer) -> None:
    import brotli

    site.routes["/br"] = Reply(brotli.compress(PAGE), headers={"Content-Type": "text/html", "Content-Encoding": "br"})
    result = run_fetch(site.url + "/br", html_only=True)
    assert result.ok and result.content == PAGE
    assert "content-encoding" not in result.headers  # the body is no longer encoded


@pytest.mark.parametrize("coding, body", [("zstd", b"(\xb5/\xfd whatever"), ("gzip", b"\x1f\x8b\x08\x00junk" * 10),
                                          ("compress", b"\x1f\x9d junk")])
def test_a_coding_not_offered_or_damaged_is_an_outcome(coding: str, body: bytes, site: HostileServer) -> None:
    site.routes["/odd"] = Reply(body, headers={"Content-Type": "text/html", "Content-Encoding": coding})
    result = run_fetch(site.url + "/odd")
    assert result.outcome == "bad-encoding" and result.content == b""
    assert site.paths() == ["/robots.txt", "/odd"]  # not retried: it would say the same again


def test_an_endless_body_stops_at_the_cap(site: HostileServer) -> None:
    site.routes["/endless"] = endless()
    started = time.monotonic()
    result = run_fetch(site.url + "/endless")
    assert result.outcome == "too-large"
    assert time.monotonic() - started < 5  # a few hundred KB, then the client hangs up


# -- time: drips ------------------------------------------------------------------------------
def test_a_drip_ends_at_the_deadline_and_is_not_retried(site: HostileServer) -> None:
    site.routes["/drip"] = drip(PAGE, interval=0.2)  # each read well within the 2 s timeout
    started = time.monotonic()
    result = run_fetch(site.url + "/drip", deadline=1.0)
    took = time.monotonic() - started
    assert result.outcome == "deadline" and "1s" in result.reason
    assert 0.9 < took < 3  # the page at this pace: over two minutes
    assert site.paths() == ["/robots.txt", "/drip"]


def test_headers_that_drip_end_at_the_deadline_too(site: HostileServer) -> None:
    site.routes["/slow-head"] = slow_headers(PAGE, interval=0.1)
    started = time.monotonic()
    assert run_fetch(site.url + "/slow-head", deadline=1.0).outcome == "deadline"
    assert time.monotonic() - started < 3


# -- robots.txt: redirects and size -------------------------------------------------------
def test_a_robots_redirect_to_another_port_is_not_followed(site: HostileServer, other: HostileServer) -> None:
    other.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"})
    site.routes["/robots.txt"] = redirect(other.url + "/robots.txt")
    policy = read_policy(site.url + "/a")
    assert other.hits == []
    assert policy.robots.verdict == "allow-all" and "unavailable" in policy.robots.note
    assert other.netloc in policy.robots.note


def test_a_robots_redirect_on_the_same_host_is_followed(site: HostileServer) -> None:
    site.routes["/robots.txt"] = redirect("/config/robots.txt", 301)
    site.routes["/config/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n",
                                              headers={"Content-Type": "text/plain"})
    policy = read_policy(site.url + "/a")
    assert not policy.robots.allowed(site.url + "/private/x", "hostile-test/1")
    assert policy.robots.allowed(site.url + "/public", "hostile-test/1")


def test_robots_redirects_without_end_mean_unavailable(site: HostileServer) -> None:
    site.routes.update({f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)})
    site.routes["/robots.txt"] = redirect("/r0")
    policy = read_policy(site.url + "/a")
    assert policy.robots.verdict == "allow-all" and "too-many-redirects" in policy.robots.note  # RFC 9309 2.3.1.2
    assert len(site.paths()) == 6  # robots.txt and five redirects, no more


def test_robots_redirect_rules() -> None:
    from broadsheet.crawl.robots import redirect_allowed

    assert redirect_allowed("http://x.example/robots.txt", "https://x.example/robots.txt")  # the upgrade
    assert redirect_allowed("http://x.example:8080/robots.txt", "http://x.example:8080/r.txt")
    assert not redirect_allowed("http://x.example:8080/robots.txt", "https://x.example/robots.txt")
    assert not redirect_allowed("http://x.example/robots.txt", "http://x.example:6379/robots.txt")
    assert not redirect_allowed("http://x.example/robots.txt", "http://y.example/robots.txt")
    assert not redirect_allowed("https://x.example/robots.txt", "http://x.example/robots.txt")


def test_a_huge_robots_txt_is_read_in_part(site: HostileServer) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n"
    site.routes["/robots.txt"] = Reply(rules + b"# padding padding padding\n" * 120_000,  # about 3 MB
                                       headers={"Content-Type": "text/plain"})
    policy = read_policy(site.url + "/a")
    assert policy.robots.verdict == "rules" and "KiB read" in policy.robots.note
    assert not policy.robots.allowed(site.url + "/private/x", "hostile-test/1")


def test_a_robots_bomb_is_read_in_part_not_a_dead_host(site: HostileServer) -> None:
    site.routes["/robots.txt"] = bomb("gzip-gzip", content_type="text/plain")
    with peak_memory() as peak:
        policy = read_policy(site.url + "/a")
    assert policy.robots.reachable and not policy.robots.blocks_host
    assert peak[0] < 16 * 1024 * 1024


# -- feeds and sitemaps as bytes ------------------------------------------------------------
def test_a_feed_body_naming_a_file_is_not_opened(tmp_path: Path) -> None:
    local = tmp_path / "feed.xml"
    local.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                      b"<item><link>http://127.0.0.1:1/stolen</link></item></channel></rss>")
    for body in (str(local).encode(), b"/dev/zero", b"file://" + str(local).encode()):
        started = time.monotonic()
        found = parse_feed(body)
        assert found.urls == [] and found.problems == ["not-a-feed"], body
        assert time.monotonic() - started < 2


def test_a_broken_sitemap_of_unclosed_locs_is_read_in_linear_time() -> None:
    data = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>' + b"<loc>https://x.example/a" * 20_000
    started = time.monotonic()
    found = parse_sitemap(data)
    assert time.monotonic() - started < 2  # 59 s with the lazy-regex fallback
    assert "malformed-xml" in found.problems
    opens = b"<loc <loc <x:loc " * 10_000 + b"<loc>https://x.example/b</loc>"
    started = time.monotonic()
    assert parse_sitemap(b"<urlset>" + opens).urls == ["https://x.example/b"]
    assert time.monotonic() - started < 2


# -- Retry-After as a date ---------------------------------------------------------------------
def test_retry_after_as_an_http_date_is_honoured(tmp_path: Path, site: HostileServer) -> None:
    assert 1 < retry_after(formatdate(time.time() + 3, usegmt=True)) <= 3
    answers = iter([Reply(b"busy", status=503, headers={"Retry-After": formatdate(time.time() + 2, usegmt=True)})])
    site.routes["/busy"] = lambda path: next(answers, Reply(PAGE))
    path = tmp_path / "urls.txt"
    path.write_text(site.url + "/busy\n")
    pages = list(iter_url_list(path, Stats(), options=FetchOptions(delay=0, retries=1, backoff=0.01, timeout=2)))
    assert pages[0][1] is not None
    busy = [h.at for h in site.hits if h.path == "/busy"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 0.9  # not the 0.01 s backoff


# -- URL lists ---------------------------------------------------------------------------------
def test_a_url_list_counts_every_hostile_line_and_goes_on(tmp_path: Path, site: HostileServer,
                                                          other: HostileServer) -> None:
    other.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /secret\n", headers={"Content-Type": "text/plain"})
    other.routes["/secret"] = Reply(PAGE)
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.routes.update({
        "/good": Reply(PAGE), "/private/page": Reply(PAGE), "/bomb": bomb("br"), "/endless": endless(),
        "/zstd": Reply(b"x", headers={"Content-Encoding": "zstd"}), "/drip": drip(PAGE, interval=0.2),
        "/to-data": redirect("data:text/html,<h1>hi</h1>"), "/to-js": redirect("javascript:alert(1)"),
        "/to-other": redirect(other.url + "/secret"), "/loop": redirect("/loop2"), "/loop2": redirect("/loop"),
        "/to-private": redirect("/private/page"), "/good-again": Reply(OTHER_PAGE),
    })
    lines = ["/good", "/private/page", "/bomb", "/endless", "/zstd", "/drip", "/to-data", "/to-js", "/to-other",
             "/loop", "/to-private", "/good-again"]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(site.url + line for line in lines))
    stats = Stats()
    options = FetchOptions(delay=0, retries=0, timeout=2, deadline=1.0, max_bytes=CAP)
    got = [(n, page is not None) for n, page in iter_url_list(path, stats, options=options)]
    assert got == [(n, lines[n].startswith("/good")) for n in range(len(lines))]
    assert stats.ignored == {"robots.txt disallows": 3}  # /private/page, /to-other, /to-private
    assert stats.errors == {"too-large": 2, "bad-encoding": 1, "fetch failed": 1, "bad-redirect": 2,
                            "redirect-loop": 1}
    assert "/private/page" not in site.paths() and "/secret" not in other.paths()
    assert other.paths() == ["/robots.txt"]  # the redirect's target host was asked first


def test_urls_httpx_cannot_spell_are_counted_not_raised(tmp_path: Path, site: HostileServer) -> None:
    site.routes["/to-bad-idna"] = redirect("http://xn--/page")
    path = tmp_path / "urls.txt"
    path.write_text(f"https://xn--/\n{site.url}/to-bad-idna\n")
    stats = Stats()
    options = FetchOptions(delay=0, retries=0, timeout=2)
    assert list(iter_url_list(path, stats, options=options)) == [(0, None), (1, None)]
    assert stats.errors == {"bad-url": 1, "bad-redirect": 1}


def test_an_ingest_rerun_moves_past_a_redirect_to_data(tmp_path: Path, site: HostileServer,
                                                       capsys: pytest.CaptureFixture) -> None:
    site.routes.update({"/one": Reply(PAGE), "/to-data": redirect("data:text/html,<h1>hi</h1>"),
                        "/to-js": redirect("javascript:alert(1)"), "/two": Reply(OTHER_PAGE)})
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site.url + p for p in ("/one", "/to-data", "/to-js", "/two")) + "\n")
    corpus = tmp_path / "c.sqlite"
    args = ["ingest", str(urls), "--corpus", str(corpus), "--delay", "0", "--retries", "0", "--workers", "1",
            "--no-progress"]
    assert main(args) == 0
    assert "bad-redirect" in capsys.readouterr().err  # counted in the summary line
    with Corpus(corpus) as store:
        assert store.count() == 2
    asked = len(site.hits)
    assert main(args) == 0  # the rerun does not crash at the same line: the list was finished
    assert len(site.hits) == asked


# -- extract URL ---------------------------------------------------------------------------------
def test_extract_url_refuses_a_bomb_with_one_line(site: HostileServer, capsys: pytest.CaptureFixture) -> None:
    site.routes["/bomb"] = bomb("gzip-gzip")
    with peak_memory() as peak:
        assert main(["extract", site.url + "/bomb"]) == 1
    err = capsys.readouterr().err
    assert "too large" in err and err.count("\n") == 1
    assert peak[0] < 32 * 1024 * 1024  # not the 64 MB the bomb holds


def test_extract_url_obeys_robots_txt(site: HostileServer, capsys: pytest.CaptureFixture) -> None:
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.routes["/private/a"] = Reply(PAGE)
    assert main(["extract", site.url + "/private/a"]) == 1
    assert "robots.txt disallows" in capsys.readouterr().err
    assert site.paths() == ["/robots.txt"]


def test_extract_url_redirects_are_checked(site: HostileServer, other: HostileServer,
                                           capsys: pytest.CaptureFixture) -> None:
    other.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"})
    site.routes["/to-data"] = redirect("data:text/html,<h1>hi</h1>")
    site.routes["/to-other"] = redirect(other.url + "/page")
    site.routes["/moved"] = redirect("/here", 301)
    site.routes["/here"] = Reply(PAGE)
    assert main(["extract", site.url + "/to-data"]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err
    assert main(["extract", site.url + "/to-other"]) == 1
    assert "robots.txt disallows" in capsys.readouterr().err and "/page" not in other.paths()
    assert main(["extract", site.url + "/moved", "--format", "text"]) == 0
    assert "harbour bridge" in capsys.readouterr().out


def test_fetch_ends_a_drip_at_its_deadline(site: HostileServer) -> None:
    site.routes["/drip"] = drip(PAGE, interval=0.2)
    started = time.monotonic()
    with pytest.raises(FetchError, match="too slow"):
        fetch(site.url + "/drip", deadline=1.0)
    assert time.monotonic() - started < 4
