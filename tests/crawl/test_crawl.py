"""A whole crawl of two generated news sites (two loopback ports: two hosts), judged from
the servers' own request log.

Host A has robots.txt with a disallowed folder, a Crawl-delay of 0.1 s and extra sitemaps
that are damaged (broken XML, a `.gz` that is not gzip, a wrong namespace); a page that
fails twice, one answered 429 with Retry-After, a slow one, redirects (good, looping, to
ftp:, to a disallowed folder). Host B has a malformed feed and no Crawl-delay (the
crawl's 0.05 s applies). Every story is reachable by exactly one channel.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from broadsheet.corpus import Corpus
from broadsheet.demo.server import RequestLog, Route, redirect
from tests.crawl.conftest import run_crawl
from tests.crawl.sitegen import Host, serve, synthetic_stories

DELAY = 0.05
CRAWL_DELAY = 0.1
EPS = 0.002


def _sitemap(base: str, paths: list[str], ns: str = "http://www.sitemaps.org/schemas/sitemap/0.9") -> bytes:
    locs = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="{ns}">{locs}</urlset>'.encode()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Serve both sites, crawl them once; tests read the log, the report and the corpus."""
    log = RequestLog()
    now = datetime.now(timezone.utc)
    a = serve("127.0.0.1", log, name="Alpha Times", n=8, seed=11, crawl_delay=CRAWL_DELAY, now=now)
    b = serve("127.0.0.1", log, name="Beta Post", n=6, seed=12, sections=("world", "culture"), now=now)
    hidden = synthetic_stories(3, seed=13, sections=["news"], now=now, channels=[(), (), ()])
    a.spec.stories += hidden
    a.spec.extra_links += ["/old/moved", "/loop/a", "/old/secret", "/go/ftp"]
    a.rebuild(partner=b.url)
    b.rebuild(partner=a.url)
    stories = a.spec.stories
    a.routes[stories[0].path].fail = 2                       # 500, 500, then the page
    a.routes[stories[1].path].fail = 1                       # 429 with Retry-After: 1
    a.routes[stories[1].path].fail_status = 429
    a.routes[stories[1].path].fail_headers = {"Retry-After": "1"}
    a.routes[stories[2].path].delay = 0.3                    # slow
    a.routes["/old/moved"] = redirect(stories[3].path)
    a.routes["/loop/a"], a.routes["/loop/b"] = redirect("/loop/b"), redirect("/loop/a")
    a.routes["/old/secret"] = redirect("/private/secret")
    a.routes["/go/ftp"] = redirect("ftp://files.example/x")
    broken = _sitemap(a.url, [hidden[0].path]).replace(b"<url>", b"<url><loc>&bad;</loc></url><url>")
    a.routes["/sitemaps/broken.xml"] = Route(broken, content_type="application/xml")  # parser stops at &bad;
    a.routes["/sitemaps/plain.xml.gz"] = Route(_sitemap(a.url, [hidden[1].path]), content_type="application/gzip")
    a.routes["/sitemaps/wrongns.xml"] = Route(_sitemap(a.url, [hidden[2].path], ns="http://example.com/other"),
                                              content_type="application/xml")
    a.set_robots("User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n" + "".join(
        f"Sitemap: {a.url}{p}\n" for p in ("/sitemap.xml", "/sitemaps/broken.xml", "/sitemaps/plain.xml.gz",
                                           "/sitemaps/wrongns.xml")))
    truncated = b.routes["/feed.xml"].body.replace(b"</channel></rss>", b"<item><title>Cut off &amp")
    b.routes["/feed.xml"] = Route(truncated, content_type="application/rss+xml")
    corpus = tmp_path_factory.mktemp("crawl") / "corpus.sqlite"
    try:
        result = run_crawl([a.url + "/", b.url + "/"], corpus, delay=DELAY)
        yield a, b, log, result, corpus
    finally:
        a.server.stop()
        b.server.stop()


def _spacing(log: RequestLog, host: Host) -> list[float]:
    reqs = sorted(log.all(host.netloc), key=lambda r: r.start)
    return [after.start - before.end for before, after in zip(reqs, reqs[1:])]


def test_robots_txt_is_the_first_request_to_each_host(crawled) -> None:
    a, b, log, _, _ = crawled
    for host in (a, b):
        paths = [r.path for r in sorted(log.all(host.netloc), key=lambda r: r.start)]
        assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1


def test_zero_requests_to_disallowed_paths(crawled) -> None:
    a, b, log, result, _ = crawled
    assert [p for p in log.paths() if p.startswith("/private/")] == []
    assert result.report.hosts[a.netloc].robots_blocked >= 1  # links to /private/ were there


def test_requests_to_one_host_are_spaced_by_the_delay(crawled) -> None:
    a, b, log, result, _ = crawled
    assert result.report.hosts[a.netloc].delay == CRAWL_DELAY  # robots.txt's Crawl-delay wins
    assert result.report.hosts[b.netloc].delay == DELAY
    # From the first request on: robots.txt's own Crawl-delay spaces the request after it.
    assert min(_spacing(log, a)) >= CRAWL_DELAY - EPS
    assert min(_spacing(log, b)) >= DELAY - EPS


def test_the_two_hosts_are_crawled_at_the_same_time(crawled) -> None:
    a, b, log, _, _ = crawled
    spans = {h.netloc: (min(r.start for r in log.all(h.netloc)), max(r.end for r in log.all(h.netloc)))
             for h in (a, b)}
    (a0, a1), (b0, b1) = spans[a.netloc], spans[b.netloc]
    overlap = min(a1, b1) - max(a0, b0)
    assert overlap > 0.9 * min(a1 - a0, b1 - b0)


def test_every_article_is_found_and_stored_once(crawled) -> None:
    a, b, log, result, corpus = crawled
    answered = Counter((r.host, r.path) for r in log.all() if r.status == 200)
    with Corpus(corpus) as store:
        for host in (a, b):
            for path in host.story_paths():
                assert answered[(host.netloc, path)] == 1, path
                assert len(store.find_url(host.url + path)) == 1, path
        assert store.count() == len(a.story_paths()) + len(b.story_paths())
    totals = result.report.totals()
    assert totals["articles"] == len(a.story_paths()) + len(b.story_paths())


def test_no_url_is_fetched_twice(crawled) -> None:
    _, _, log, _, _ = crawled
    retried = Counter((r.host, r.path) for r in log.all())
    twice = {k: n for k, n in retried.items() if n > 1}
    assert all(n == 3 and "plan-11-0" in k[1] or n == 2 and "plan-11-1" in k[1] for k, n in twice.items()), twice


def test_failures_are_retried_and_429_waits_for_retry_after(crawled) -> None:
    a, _, log, _, _ = crawled
    stories = a.spec.stories
    flaky = [r.status for r in log.all(a.netloc) if r.path == stories[0].path]
    assert flaky == [500, 500, 200]
    busy = [r for r in log.all(a.netloc) if r.path == stories[1].path]
    assert [r.status for r in busy] == [429, 200]
    assert busy[1].start - busy[0].end >= 1.0 - EPS


def test_traps_and_junk_links_are_never_requested(crawled) -> None:
    a, b, log, result, _ = crawled
    for path in log.paths():
        assert not path.startswith(("/events/", "/files/")), path
        for junk in ("sessionid", "utm_", "fbclid", ".pdf", "javascript", "mailto"):
            assert junk not in path.lower(), path
    ignored = result.report.hosts[a.netloc].ignored
    assert ignored["scheme:javascript"] and ignored["scheme:file"] and ignored["scheme:mailto"]
    assert result.report.hosts[a.netloc].reasons["calendar"] == 1  # counted once, not per page


def test_redirects_good_looping_bad_and_disallowed(crawled) -> None:
    a, _, log, result, _ = crawled
    stats = result.report.hosts[a.netloc]
    assert stats.reasons["redirect-loop"] == 1 and stats.reasons["bad-redirect"] == 1
    assert log.paths(a.netloc).count("/loop/a") == 1 and log.paths(a.netloc).count("/loop/b") == 1
    assert "/private/secret" not in log.paths()
    assert "/old/moved" in log.paths(a.netloc)


def test_non_html_links_are_not_kept(crawled) -> None:
    a, _, log, result, corpus = crawled
    photos = [r for r in log.all(a.netloc) if r.path.startswith("/media/")]
    assert photos and all(r.status == 200 for r in photos)
    assert result.report.hosts[a.netloc].reasons["not-html"] == len(photos)
    with Corpus(corpus) as store:
        assert not any(store.find_url(a.url + r.path) for r in photos)


def test_damaged_feeds_and_sitemaps_are_counted_not_fatal(crawled) -> None:
    a, b, _, result, _ = crawled
    damaged_a = result.report.hosts[a.netloc].problems
    assert damaged_a["malformed-xml"] == 1 and damaged_a["not-gzip"] == 1 and damaged_a["unexpected-namespace"] == 1
    assert result.report.hosts[b.netloc].problems["malformed-feed"] == 1


def test_summary_has_a_line_per_host(crawled) -> None:
    a, b, _, result, _ = crawled
    lines = result.summary_lines()
    assert lines[0].split() == ["host", "fetched", "articles", "skipped", "errors", "robots-blocked", "304s", "requests"]
    assert any(line.startswith(a.netloc) for line in lines) and any(line.startswith(b.netloc) for line in lines)
    assert lines[-1].startswith(f"{result.stats.pages} pages, {result.stats.stored} articles")


def test_many_hosts_take_the_slowest_hosts_time_not_the_sum(tmp_path: Path, log: RequestLog,
                                                            hosts: list[Host]) -> None:
    hosts += [serve("127.0.0.1", log, name=f"Site {i}", n=4, seed=20 + i) for i in (1, 2, 3)]
    import time

    started = time.monotonic()
    run_crawl([h.url + "/" for h in hosts], tmp_path / "c.sqlite", delay=0.1)
    wall = time.monotonic() - started
    shares = [max(r.end for r in log.all(h.netloc)) - min(r.start for r in log.all(h.netloc)) for h in hosts]
    assert wall < 0.6 * sum(shares)        # three hosts in parallel: about a third of the sum
    assert wall < 1.5 * max(shares) + 1.0  # close to the slowest host's own share
