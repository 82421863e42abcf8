"""The polite fetcher against a real loopback server, checked from the server's log.

Most tests here look at one mechanism (retries, redirects, caps) and fetch with
`obey_robots=False`, so the log holds only the requests under test; robots.txt handling
has tests of its own below and in tests/hostile.
"""
import asyncio
import gzip
import socket
import time

import pytest

from broadsheet.crawl.fetcher import Fetcher, RetryPolicy, is_html
from broadsheet.demo.server import RequestLog, Route, SiteServer, redirect

PAGE = b"<!DOCTYPE html><html><body><p>hello</p></body></html>"
RETRY = RetryPolicy(max_attempts=3, backoff=0.05, max_backoff=0.1, max_retry_after=3)


@pytest.fixture
def server():
    log = RequestLog()
    with SiteServer(log=log) as srv:
        yield srv


def fetch(url: str, *, retry: RetryPolicy = RETRY, timeout: float = 2.0, obey_robots: bool = False, **kw):
    async def go():
        fetcher = Fetcher(user_agent="testbot/1", retry=retry, timeout=timeout, trust_env=False,
                          max_bytes=kw.pop("max_bytes", 10 * 1024 * 1024), deadline=kw.pop("deadline", 60.0))
        try:
            return await fetcher.fetch(url, obey_robots=obey_robots, **kw)
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


def test_ok_sends_user_agent_and_keeps_validators(server) -> None:
    server.routes["/a"] = Route(PAGE)
    result = fetch(server.base_url + "/a")
    assert result.ok and result.content == PAGE and result.status == 200
    assert result.headers["etag"] and result.headers["last-modified"]
    assert server.log.all()[0].headers["user-agent"] == "testbot/1"


def test_conditional_request_gives_not_modified(server) -> None:
    server.routes["/a"] = Route(PAGE)
    first = fetch(server.base_url + "/a")
    again = fetch(server.base_url + "/a", etag=first.headers["etag"], last_modified=first.headers["last-modified"])
    assert again.outcome == "not-modified" and again.content == b""
    sent = server.log.all()[-1].headers
    assert sent["if-none-match"] == first.headers["etag"] and sent["if-modified-since"]


def test_fails_twice_then_works(server) -> None:
    server.routes["/flaky"] = Route(PAGE, fail=2, fail_status=502)
    result = fetch(server.base_url + "/flaky")
    assert result.ok and result.requests == 3
    assert [r.status for r in server.log.all()] == [502, 502, 200]


def test_5xx_retries_are_bounded(server) -> None:
    server.routes["/down"] = Route(PAGE, fail=100, fail_status=500)
    result = fetch(server.base_url + "/down")
    assert result.outcome == "http-error" and result.status == 500
    assert len(server.log.all()) == RETRY.max_attempts


def test_429_waits_for_retry_after(server) -> None:
    server.routes["/busy"] = Route(PAGE, fail=1, fail_status=429, fail_headers={"Retry-After": "1"})
    result = fetch(server.base_url + "/busy")
    first, second = server.log.all()
    assert result.ok and first.status == 429 and second.status == 200
    assert second.start - first.end >= 0.99


def test_retry_after_longer_than_allowed_gives_up(server) -> None:
    server.routes["/later"] = Route(PAGE, fail=5, fail_status=503, fail_headers={"Retry-After": "3600"})
    result = fetch(server.base_url + "/later")
    assert result.outcome == "http-error" and "too long" in result.reason
    assert len(server.log.all()) == 1


def test_timeouts_are_retried_a_bounded_number_of_times(server) -> None:
    server.routes["/slow"] = Route(PAGE, delay=0.6)
    started = time.monotonic()
    result = fetch(server.base_url + "/slow", timeout=0.2)
    assert result.outcome == "timeout"
    assert time.monotonic() - started < 3
    time.sleep(0.7)  # let the server finish the answers nobody waits for
    assert len(server.log.all()) == RETRY.max_attempts


def test_redirects_followed_within_the_host(server) -> None:
    server.routes["/old"] = redirect("/mid", 301)
    server.routes["/mid"] = redirect(server.base_url + "/new?utm_source=x", 302)
    server.routes["/new"] = Route(PAGE)
    result = fetch(server.base_url + "/old")
    assert result.ok and result.final_url == server.base_url + "/new" and result.requests == 3


def test_redirect_loop_and_chain_limits(server) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    assert fetch(server.base_url + "/a").outcome == "redirect-loop"
    assert len(server.log.all()) == 2
    for i in range(10):
        server.routes[f"/c{i}"] = redirect(f"/c{i + 1}")
    assert fetch(server.base_url + "/c0").outcome == "too-many-redirects"


def test_redirects_only_to_http_and_not_to_disallowed_paths(server) -> None:
    server.routes["/ftp"] = redirect("ftp://x.example/file")
    server.routes["/js"] = redirect("javascript:alert(1)")
    server.routes["/priv"] = redirect("/private/x")
    server.routes["/private/x"] = Route(PAGE)
    assert fetch(server.base_url + "/ftp").outcome == "bad-redirect"
    assert fetch(server.base_url + "/js").outcome == "bad-redirect"
    result = fetch(server.base_url + "/priv",
                   check_redirect=lambda u: "robots-redirect" if "/private/" in u else None)
    assert result.outcome == "robots-redirect"
    assert "/private/x" not in server.log.paths()


def test_redirect_to_another_host_is_handed_back(server) -> None:
    server.routes["/away"] = redirect("http://127.0.0.9:1/else")
    result = fetch(server.base_url + "/away")
    assert result.outcome == "offsite-redirect" and result.final_url == "http://127.0.0.9:1/else"


def test_only_html_is_kept_for_pages(server) -> None:
    server.routes["/doc"] = Route(b"%PDF-1.4 " + b"x" * 100_000, content_type="application/pdf")
    server.routes["/untyped"] = Route(b"\x89PNG\r\n\x1a\nbinary", content_type="")
    server.routes["/typed-wrong"] = Route(PAGE, content_type="text/plain")
    doc = fetch(server.base_url + "/doc", html_only=True)
    assert doc.outcome == "not-html" and doc.content == b""
    assert fetch(server.base_url + "/untyped", html_only=True).outcome == "not-html"
    assert fetch(server.base_url + "/typed-wrong", html_only=True).ok  # sniffed: it is HTML
    assert is_html("application/xhtml+xml; charset=utf-8", b"")


def test_size_caps_on_declared_and_decompressed_bodies(server) -> None:
    server.routes["/big"] = Route(b"<html>" + b"x" * 300_000)
    bomb = gzip.compress(b"<html>" + b" " * 5_000_000)
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    assert fetch(server.base_url + "/big", max_bytes=100_000).outcome == "too-large"
    result = fetch(server.base_url + "/bomb", max_bytes=100_000)
    assert len(bomb) < 100_000 and result.outcome == "too-large"


def test_dns_failure_and_refused_connection() -> None:
    dns = fetch("http://no-such-host.invalid/")
    assert dns.outcome == "dns" and dns.requests == 1  # not retried: it will not resolve in a second
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connection refused
        refused = fetch(f"http://127.0.0.1:{port}/")
    assert refused.outcome == "network" and refused.requests == RETRY.max_attempts


def test_gate_spaces_requests_and_serialises_them(server) -> None:
    server.routes["/a"] = Route(PAGE, delay=0.05)

    async def go():
        fetcher = Fetcher(user_agent="t", trust_env=False, retry=RETRY, delay=0.15)
        try:
            await asyncio.gather(*(fetcher.fetch(server.base_url + "/a", obey_robots=False) for _ in range(4)))
        finally:
            await fetcher.aclose()
    asyncio.run(go())
    log = sorted(server.log.all(), key=lambda r: r.start)
    assert len(log) == 4
    for before, after in zip(log, log[1:]):
        assert after.start - before.end >= 0.149  # never overlapping, always the delay apart
