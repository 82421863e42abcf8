"""Fixtures of the crawl tests: a request log, loopback hosts, a fast crawl runner."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from broadsheet.crawl import CrawlConfig, CrawlResult, RetryPolicy, crawl
from broadsheet.demo.server import RequestLog
from tests.crawl.sitegen import Host, serve
from tests.hostile.server import HostileServer

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Retries quick enough for tests; the same rules as the defaults otherwise.
FAST_RETRY = RetryPolicy(max_attempts=4, backoff=0.05, max_backoff=0.2, max_retry_after=5)


def fast_config(**overrides) -> CrawlConfig:
    args = dict(delay=0.05, timeout=2.0, retry=FAST_RETRY, trust_env=False)
    args.update(overrides)
    return CrawlConfig(**args)


def run_crawl(urls: list[str], corpus: Path, **overrides) -> CrawlResult:
    return crawl(urls, corpus=corpus, config=fast_config(**overrides), progress=False)


@pytest.fixture
def log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def hosts(log: RequestLog) -> Iterator[list[Host]]:
    """Started hosts, stopped at the end; tests append with `hosts.append(serve(...))`."""
    started: list[Host] = []
    yield started
    for host in started:
        host.server.stop()


@pytest.fixture
def site() -> Iterator[HostileServer]:
    """One loopback server whose replies a test sets (`tests.hostile.server`)."""
    with HostileServer() as server:
        yield server
