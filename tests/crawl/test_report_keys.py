"""A page cannot add keys to the crawl's counts (review R6 finding 9).

Before, a link's scheme was its reason (`scheme:zz0`, `scheme:zz1`...): 100,000 such links
on one page made 100,000 keys in the host's counts, all printed in the closing summary.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.crawl import CrawlConfig, RetryPolicy, crawl
from broadsheet.crawl.stats import MAX_REASONS, CrawlReport
from broadsheet.crawl.urls import BadURL, canonicalize
from tests.hostile.server import HostileServer, Reply

FAST = RetryPolicy(max_attempts=1, backoff=0.05, max_backoff=0.1, max_retry_after=1)


@pytest.mark.parametrize("link, reason", [("zz0:x", "scheme:other"), ("WhatsApp:send?text=hi", "scheme:whatsapp"),
                                          ("x" * 300 + ":y", "scheme:other"), ("tel:+4712345678", "scheme:tel")])
def test_a_scheme_is_named_only_when_known(link: str, reason: str) -> None:
    with pytest.raises(BadURL) as caught:
        canonicalize(link)
    assert caught.value.reason == reason


def test_made_up_schemes_on_a_page_are_one_key(tmp_path: Path, site: HostileServer) -> None:
    anchors = "".join(f'<a href="zz{n}:x">x</a>' for n in range(2000))
    site.routes.update({"/robots.txt": Reply(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"}),
                        "/": Reply(f"<!DOCTYPE html><html><body>{anchors}</body></html>".encode())})
    config = CrawlConfig(delay=0.0, timeout=2.0, deadline=2.0, retry=FAST, trust_env=False, max_pages=1)
    result = crawl([site.url + "/"], corpus=tmp_path / "c.sqlite", config=config, progress=False)
    ignored = result.report.hosts[site.netloc].ignored
    assert ignored["scheme:other"] == 2000 and not [k for k in ignored if k.startswith("scheme:zz")]
    assert sum(len(line) for line in result.report.lines()) < 2000


def test_a_counter_keeps_at_most_max_reasons_keys_and_every_count() -> None:
    report = CrawlReport()
    for status in range(100, 1000):  # a server can answer any three digits
        report.add("paper.example", "errors", reason=f"HTTP {status}")
        report.add("paper.example", "problems", reason=f"odd-{status}")
    host = report.hosts["paper.example"]
    assert len(host.reasons) == MAX_REASONS + 1 and host.reasons["other"] == 900 - MAX_REASONS
    assert sum(host.reasons.values()) == host.errors == 900
    assert len(host.problems) == MAX_REASONS + 1 and sum(host.problems.values()) == 900
