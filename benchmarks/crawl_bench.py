"""The crawler's politeness and scale figures, measured on loopback sites.

1. Hosts in parallel: N generated sites (one loopback port each) with a per-host delay,
   crawled at once. Reports the wall time against each host's own share (first request to
   last answer): the ratio wall / slowest share should be close to 1, wall / sum of shares
   close to 1/N. Also, from the servers' log: requests to robots-disallowed paths (must be
   0) and the smallest gap between two requests to one host (must be >= the delay).
2. Frontier memory: peak RSS (sampled) of a fresh process that queues a 10,000- and a
   100,000-URL frontier (from sitemaps of 10,000 URLs each, as a crawl reads them) and
   drains it the way the crawler does (due -> settle), and of a real crawl (HTTP,
   extraction, corpus) of the first `--crawl-pages` pages of a site whose sitemaps list
   10,000 or 100,000 URLs. Flat means the 100,000 figure is about the 10,000 one (what
   grows with a single document, e.g. one 50,000-URL sitemap, is bounded by the caps).

    python benchmarks/crawl_bench.py [--hosts 4] [--pages 12] [--delay 0.2]
                                     [--sizes 10000,100000] [--crawl-pages 300] [--json FILE]

`--quick` runs small sizes to check that the script works (final figures: a quiet machine).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from broadsheet.crawl import CrawlConfig, crawl  # noqa: E402
from broadsheet.demo.server import RequestLog, Route, SiteServer  # noqa: E402
from tests.crawl.sitegen import serve  # noqa: E402


def parallel_hosts(n_hosts: int, pages: int, delay: float) -> dict:
    """Crawl `n_hosts` sites at once; wall time against per-host shares, from the server log."""
    log = RequestLog()
    hosts = [serve("127.0.0.1", log, name=f"Site {i}", n=pages, seed=100 + i) for i in range(n_hosts)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.monotonic()
            result = crawl([h.url + "/" for h in hosts], corpus=Path(tmp) / "c.sqlite",
                           config=CrawlConfig(delay=delay, trust_env=False), progress=False)
            wall = time.monotonic() - started
    finally:
        for h in hosts:
            h.server.stop()
    shares, gaps = [], []
    for h in hosts:
        reqs = sorted(log.all(h.netloc), key=lambda r: r.start)
        shares.append(reqs[-1].end - reqs[0].start)
        gaps += [b.start - a.end for a, b in zip(reqs, reqs[1:])]
    return {
        "hosts": n_hosts, "delay_s": delay, "requests": len(log.all()),
        "articles": result.report.totals()["articles"],
        "wall_s": round(wall, 3), "slowest_share_s": round(max(shares), 3), "sum_of_shares_s": round(sum(shares), 3),
        "wall_over_slowest": round(wall / max(shares), 3), "wall_over_sum": round(wall / sum(shares), 3),
        "disallowed_requests": sum(1 for p in log.paths() if p.startswith("/private/")),
        "min_gap_s": round(min(gaps), 4),
    }


# -- frontier memory ----------------------------------------------------------------------
class RssSampler:
    """Current RSS sampled every 5 ms in a thread: `peak` is the highest seen since start.

    The process's own ru_maxrss cannot be used: importing scipy (via datasketch) peaks
    higher than a crawl ever grows, and would hide any growth.
    """

    def __init__(self) -> None:
        import os
        import threading

        self._page = os.sysconf("SC_PAGE_SIZE")
        self.start = self.now()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def now(self) -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self._page // 1024

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self.now())

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.now())
        return {"rss_before_kib": self.start, "peak_rss_kib": self.peak}


PER_SITEMAP = 10_000  # fixed document size, so only the frontier's size varies


def _urlset(base: str, first: int, last: int) -> bytes:
    locs = "".join(f"<url><loc>{base}/p/{i}-story-about-item-{i}</loc></url>" for i in range(first, last))
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


def _sitemaps(base: str, n: int) -> dict[str, Route]:
    """robots.txt, a sitemap index and sitemaps of PER_SITEMAP URLs listing /p/0 ... /p/n-1."""
    routes = {f"/sm/{k // PER_SITEMAP}.xml": Route(_urlset(base, k, min(n, k + PER_SITEMAP)),
                                                   content_type="application/xml")
              for k in range(0, n, PER_SITEMAP)}
    index = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in routes)
    routes["/sitemap.xml"] = Route(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}'
                                   "</sitemapindex>".encode(), content_type="application/xml")
    routes["/robots.txt"] = Route(f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode(), content_type="text/plain")
    return routes


_PAGE = ("<html><head><title>Story {n}</title></head><body><article><h1>Story number {n}</h1>"
         + "<p>Paragraph {n} of a story about item {n}: the council met on Tuesday and residents asked "
           "questions about plan {n} for the harbour, the ferry and the market square.</p>" * 4
         + "</article></body></html>")


def _page_route(path: str) -> Route | None:
    if path.startswith("/p/"):
        n = path[3:].split("-")[0]
        return Route(_PAGE.format(n=n).encode(), validators=False)
    return None


def _drain_child(n: int) -> None:
    """In a fresh process: queue n URLs from sitemaps, drain them like the crawler, print RSS."""
    import sqlite3

    from broadsheet.crawl.discover import parse_sitemap
    from broadsheet.crawl.frontier import Frontier
    from broadsheet.crawl.state import CrawlState
    from broadsheet.crawl.stats import CrawlReport

    base = "http://bench.example"
    sampler = RssSampler()  # after imports: the baseline
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "c.sqlite", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        state = CrawlState(db)
        frontier = Frontier(state, CrawlReport())
        frontier.add_start([base + "/"])
        run, _ = state.begin_run()
        db.execute("BEGIN")
        for k in range(0, n, PER_SITEMAP):  # one sitemap at a time, as the crawler reads them
            body = _urlset(base, k, min(n, k + PER_SITEMAP))
            frontier.offer(parse_sitemap(body).urls, found_on=base + "/sitemap.xml", listed=True)
        del body
        drained = 0
        while rows := frontier.due("bench.example", 16):
            for row in rows:
                state.settle(row.url, "stored", run=run, fetched=True)
                drained += 1
            if drained % 2000 < 16:
                db.execute("COMMIT")
                db.execute("BEGIN")
        db.execute("COMMIT")
        print(json.dumps({"urls": drained, **sampler.stop()}))


def _crawl_child(start: str, corpus: str, pages: int) -> None:
    from broadsheet import extract

    extract(_PAGE.format(n=0))  # warm up: lazily loaded models count as baseline, not growth
    sampler = RssSampler()
    started = time.monotonic()
    result = crawl([start], corpus=corpus, progress=False,
                   config=CrawlConfig(delay=0.0, max_pages=pages, trust_env=False))
    from broadsheet.crawl.state import CrawlState
    from broadsheet.corpus import Corpus

    with Corpus(corpus) as store:
        frontier = sum(CrawlState(store.db).status_counts().values())
    print(json.dumps({"frontier_urls": frontier, "pages": result.report.pages, "articles": result.stats.stored,
                      "seconds": round(time.monotonic() - started, 2), **sampler.stop()}))


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def frontier_memory(sizes: list[int], crawl_pages: int) -> list[dict]:
    rows = []
    for n in sizes:
        drain = _child("--child-drain", str(n))
        log = RequestLog()
        server = SiteServer(log=log, fallback=_page_route).start()
        try:
            server.routes.update(_sitemaps(server.base_url, n))
            with tempfile.TemporaryDirectory() as tmp:
                real = _child("--child-crawl", server.base_url + "/sitemap.xml", str(Path(tmp) / "c.sqlite"),
                              str(crawl_pages))
        finally:
            server.stop()
        rows.append({"frontier": n, "drain_peak_rss_mib": round(drain["peak_rss_kib"] / 1024, 1),
                     "drain_growth_mib": round((drain["peak_rss_kib"] - drain["rss_before_kib"]) / 1024, 1),
                     "drained": drain["urls"], "crawl_peak_rss_mib": round(real["peak_rss_kib"] / 1024, 1),
                     "crawl_growth_mib": round((real["peak_rss_kib"] - real["rss_before_kib"]) / 1024, 1),
                     "crawl_frontier_urls": real["frontier_urls"], "crawl_pages": real["pages"],
                     "crawl_seconds": real["seconds"]})
    return rows


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-drain":
        _drain_child(int(sys.argv[2]))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--child-crawl":
        _crawl_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--pages", type=int, default=12, help="stories per host")
    ap.add_argument("--delay", type=float, default=0.2)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--crawl-pages", type=int, default=300)
    ap.add_argument("--quick", action="store_true", help="small sizes: check that it runs")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    if args.quick:
        args.hosts, args.pages, args.delay, args.sizes, args.crawl_pages = 3, 4, 0.05, "2000,20000", 40
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    hosts = parallel_hosts(args.hosts, args.pages, args.delay)
    print(f"hosts in parallel: {hosts['hosts']} hosts, delay {hosts['delay_s']}s, {hosts['requests']} requests, "
          f"{hosts['articles']} articles")
    print(f"  wall {hosts['wall_s']}s; slowest host's share {hosts['slowest_share_s']}s; sum of shares "
          f"{hosts['sum_of_shares_s']}s -> wall/slowest {hosts['wall_over_slowest']}, wall/sum {hosts['wall_over_sum']}")
    print(f"  requests to disallowed paths: {hosts['disallowed_requests']}; smallest gap between two requests "
          f"to one host: {hosts['min_gap_s']}s (delay {hosts['delay_s']}s)")
    memory = frontier_memory([int(s) for s in args.sizes.split(",")], args.crawl_pages)
    print("frontier memory (RSS sampled every 5 ms in a fresh process; growth = peak - RSS after imports):")
    for row in memory:
        print(f"  {row['frontier']:>7} URLs: queue+drain peak {row['drain_peak_rss_mib']} MiB, growth "
              f"{row['drain_growth_mib']} MiB ({row['drained']} drained); real crawl of {row['crawl_pages']} pages "
              f"with {row['crawl_frontier_urls']} URLs known: peak {row['crawl_peak_rss_mib']} MiB, growth "
              f"{row['crawl_growth_mib']} MiB ({row['crawl_seconds']}s)")
    if len(memory) >= 2:
        small, big = memory[0], memory[-1]
        print(f"  {big['frontier']} vs {small['frontier']} URLs: queue+drain peak x"
              f"{big['drain_peak_rss_mib'] / small['drain_peak_rss_mib']:.2f}, crawl peak x"
              f"{big['crawl_peak_rss_mib'] / small['crawl_peak_rss_mib']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"started": started, "hosts": hosts, "memory": memory}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
