"""robots.txt policies are kept without their bodies, in a bounded LRU (review R6 finding 10).

Before, every origin's policy was kept for the whole session with its raw body (up to
512 KiB) and a parser ~30x that size: a URL list redirecting through fresh hosts pinned
tens of MB per listed URL. Real loopback servers, one origin each.
"""
from __future__ import annotations

import asyncio
from contextlib import ExitStack
from typing import Iterator

import pytest

from broadsheet.crawl import fetcher as fetcher_module
from broadsheet.crawl.fetcher import Fetcher, HostPolicy
from tests.hostile.server import HostileServer, Reply

PAGE = Reply(b"<!DOCTYPE html><html><body><p>hello</p></body></html>")


def robots(size: int = 0) -> Reply:
    rules = b"User-agent: *\nDisallow: /private/\n"
    filler = b"".join(b"Disallow: /p%d*x\n" % n for n in range(size // 16 + 1))[:size]
    return Reply(rules + filler, headers={"Content-Type": "text/plain"})


@pytest.fixture
def sites() -> Iterator[list[HostileServer]]:
    with ExitStack() as stack:
        servers = [stack.enter_context(HostileServer()) for _ in range(4)]
        for server in servers:
            server.routes.update({"/robots.txt": robots(), "/a": PAGE, "/private/b": PAGE})
        yield servers


def visit(urls: list[str]) -> tuple[list[str], Fetcher]:
    """Fetch `urls` in order with one Fetcher; their outcomes, and the (closed) fetcher."""
    async def go() -> tuple[list[str], Fetcher]:
        fetcher = Fetcher(user_agent="testbot/1", timeout=2.0, deadline=2.0, trust_env=False)
        try:
            return [(await fetcher.fetch(url)).outcome for url in urls], fetcher
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


def test_a_kept_policy_has_no_body_and_still_rules(sites: list[HostileServer]) -> None:
    site = sites[0]
    site.routes["/robots.txt"] = robots(20_000)
    outcomes, fetcher = visit([site.url + "/a", site.url + "/private/b"])
    assert outcomes == ["ok", "robots-disallowed"]
    (policy,) = fetcher._policies.values()
    assert isinstance(policy, HostPolicy) and policy.result.content == b"" and policy.size > 20_000
    assert policy.result.ok and policy.result.requests == 1


def test_least_recently_used_policies_are_evicted_and_read_again(sites: list[HostileServer], monkeypatch) -> None:
    monkeypatch.setattr(fetcher_module, "MAX_POLICIES", 2)
    a, b, c, _ = sites
    outcomes, fetcher = visit([a.url + "/a", b.url + "/a", a.url + "/a", c.url + "/a",  # b evicted, a used last
                               a.url + "/private/b", b.url + "/private/b"])
    assert outcomes == ["ok"] * 4 + ["robots-disallowed"] * 2  # an evicted origin is obeyed all the same
    assert a.paths().count("/robots.txt") == 1 and b.paths().count("/robots.txt") == 2
    assert len(fetcher._policies) == 2 and len(fetcher._policy_locks) <= 2


def test_policies_are_bounded_by_the_bytes_parsed(sites: list[HostileServer], monkeypatch) -> None:
    monkeypatch.setattr(fetcher_module, "MAX_POLICY_BYTES", 100_000)
    for site in sites:
        site.routes["/robots.txt"] = robots(60_000)
    outcomes, fetcher = visit([site.url + "/a" for site in sites])
    assert outcomes == ["ok"] * 4
    assert len(fetcher._policies) == 1 and fetcher._policy_bytes == next(iter(fetcher._policies.values())).size
