"""Bad input from the issue: handled, counted, reported, never fatal."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from broadsheet.corpus import Corpus
from broadsheet.demo.server import RequestLog, Route
from broadsheet.errors import InputError
from tests.crawl.conftest import run_crawl
from tests.crawl.sitegen import Host, serve


def _stored(corpus: Path, host: Host) -> int:
    with Corpus(corpus) as store:
        return sum(len(store.find_url(host.url + p)) for p in host.story_paths())


def test_robots_5xx_disallows_everything_for_now(tmp_path: Path, log: RequestLog, hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Down", n=4, seed=61)
    hosts.append(host)
    robots = host.routes["/robots.txt"]
    robots.fail, robots.fail_status = 1000, 503
    result = run_crawl([host.url + "/"], tmp_path / "c.sqlite")
    assert set(log.paths()) == {"/robots.txt"}  # retried a few times, nothing else asked
    stats = result.report.hosts[host.netloc]
    assert stats.robots_blocked == 1 and "503" in stats.robots
    robots.fail = 0  # the next run tries again, and the robots.txt works now
    log.clear()
    run_crawl([host.url + "/"], tmp_path / "c.sqlite")
    assert _stored(tmp_path / "c.sqlite", host) == 4


@pytest.mark.parametrize("answer", ["html", "404", "403"])
def test_robots_html_or_4xx_allows_everything(answer: str, tmp_path: Path, log: RequestLog,
                                              hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Open", n=4, seed=62)
    hosts.append(host)
    if answer == "html":  # a soft 404: a web page where the rules should be
        host.set_robots("<!DOCTYPE html><html><body><h1>Page not found</h1><p>User-agent: * Disallow: /</p>"
                        "</body></html>", content_type="text/html")
    else:
        host.routes["/robots.txt"] = Route(b"no", status=int(answer), validators=False)
    result = run_crawl([host.url + "/"], tmp_path / "c.sqlite")
    assert "allow all" in result.report.hosts[host.netloc].robots
    assert any(p.startswith("/private/") for p in log.paths())  # nothing is forbidden now
    assert _stored(tmp_path / "c.sqlite", host) == 4


def test_unreachable_hosts_and_dns_failures_do_not_stop_the_crawl(tmp_path: Path, log: RequestLog,
                                                                    hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Up", n=4, seed=63)
    hosts.append(host)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # a port nobody listens on
        refused = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        result = run_crawl([refused, "http://news.invalid/", host.url + "/"], tmp_path / "c.sqlite")
    hosts_seen = result.report.hosts
    assert hosts_seen["news.invalid"].errors == 1 and "DNS" in hosts_seen["news.invalid"].robots
    assert hosts_seen[refused[7:-1]].errors == 1 and "unreachable" in hosts_seen[refused[7:-1]].robots
    assert _stored(tmp_path / "c.sqlite", host) == 4
    assert result.stats.errors["host unreachable"] == 2


def test_start_urls_that_are_not_http_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        run_crawl(["file:///etc/passwd", "javascript:alert(1)"], tmp_path / "c.sqlite")


@pytest.mark.parametrize("start", ["/feed.xml", "/sitemap.xml", "/sitemaps/news.xml"])
def test_a_feed_or_sitemap_can_be_the_start(start: str, tmp_path: Path, log: RequestLog,
                                            hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Feeds", n=8, seed=64)
    hosts.append(host)
    # Only the start URL leads to stories: no home, sections, or other feeds and sitemaps.
    keep = {start, "/robots.txt"} | ({"/sitemaps/news.xml", "/sitemaps/archive.xml.gz"} if start == "/sitemap.xml" else set())
    for path in ["/", "/news/", "/sport/", "/feed.xml", "/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/archive.xml.gz"]:
        if path not in keep:
            del host.routes[path]
    host.set_robots("User-agent: *\nDisallow: /private/\n")
    result = run_crawl([host.url + start], tmp_path / "c.sqlite")
    channel = {"/feed.xml": ("feed",), "/sitemap.xml": ("news", "archive"), "/sitemaps/news.xml": ("news",)}[start]
    expected = [s.path for s in host.spec.stories if set(s.channels) & set(channel)]
    assert len(expected) >= 2
    with Corpus(tmp_path / "c.sqlite") as store:
        for path in expected:
            assert store.find_url(host.url + path), path
    assert result.report.totals()["articles"] >= len(expected)  # and stories their related links name


def test_since_leaves_old_articles_alone(tmp_path: Path, log: RequestLog, hosts: list[Host]) -> None:
    now = datetime.now(timezone.utc)
    host = serve("127.0.0.1", log, name="Recent", n=8, seed=65, now=now)
    hosts.append(host)
    since = now - timedelta(hours=40)  # stories are 3, 14, 25, 36, 47, ... hours old
    result = run_crawl([host.url + "/"], tmp_path / "c.sqlite", since=since)
    recent = [s.path for s in host.spec.stories if s.published >= since]
    old = [s.path for s in host.spec.stories if s.published < since
           and "section" not in s.channels]  # a section link carries no date but the URL's day
    assert len(recent) == 4
    assert not set(old) & set(log.paths())
    with Corpus(tmp_path / "c.sqlite") as store:
        for path in recent:
            assert store.find_url(host.url + path), path
    assert result.report.hosts[host.netloc].ignored["older-than-since"] >= len(old)


def test_infinite_calendar_and_session_ids_stay_finite(tmp_path: Path, log: RequestLog, hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Traps", n=2, seed=66)
    hosts.append(host)
    host.spec.extra_links += ["/whatson/?month=2024-07", "/news/?sid=1", "/news/?sid=2", "/a/b/a/b/a/b/a/b"]
    host.rebuild()
    result = run_crawl([host.url + "/"], tmp_path / "c.sqlite", max_depth=5)
    paths = log.paths()
    assert paths.count("/news/") == 1 and not any("sid=" in p or "month=" in p for p in paths)
    assert len(paths) < 40
    reasons = result.report.hosts[host.netloc].reasons
    assert reasons["calendar"] == 2 and reasons["repeating-path"] == 1
