"""Per-host counts of a crawl and the closing summary that prints them.

Two threads add to these counts (the fetching loop and the store's results), so every
change goes through `HostStats.add` under one lock.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CrawlReport", "HostStats"]

COLUMNS = ("fetched", "articles", "skipped", "errors", "robots_blocked")
#: Distinct reasons one counter of one host keeps; later new ones count under "other"
#: (reasons are fixed names, this bounds the summary should one ever carry page text).
MAX_REASONS = 50


@dataclass
class HostStats:
    """What happened on one host.

    fetched: responses with a body (pages, feeds, sitemaps, robots.txt); not_modified: 304s;
    articles: pages the store kept as new articles; skipped: pages not kept (not HTML, not
    an article, duplicate, trap, gone); errors: URLs that failed after retries;
    robots_blocked: URLs robots.txt forbids (or all of the host's while its robots.txt
    answers 5xx). `reasons` breaks skipped/errors down (`too-large`, `bad-encoding`,
    `deadline`...); `ignored` counts links never queued (off-site, `javascript:`, `file:`,
    `queue-full` past the host's queue bound) and sitemaps left for the next run
    (`sitemap deferred (...)`); `problems` counts damaged feeds/sitemaps.
    """

    host: str
    requests: int = 0
    fetched: int = 0
    not_modified: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    robots_blocked: int = 0
    delay: float = 0.0
    robots: str = ""
    reasons: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)


def _count(counter: Counter[str], reason: str, n: int) -> None:
    """Add `n` under `reason`, or under "other" once the counter holds `MAX_REASONS` keys."""
    if reason not in counter and len(counter) >= MAX_REASONS:
        reason = "other"
    counter[reason] += n


class CrawlReport:
    """All hosts' stats, plus the run's identity (for the closing lines)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.hosts: dict[str, HostStats] = {}
        self.run: int = 0
        self.resumed: bool = False
        self.stopped_by_budget: bool = False
        self.pages: int = 0  # page bodies fetched, what --max-pages limits
        self.bad_start: list[str] = []  # start URLs that cannot be crawled, with the reason

    def host(self, host: str) -> HostStats:
        with self._lock:
            if host not in self.hosts:
                self.hosts[host] = HostStats(host)
            return self.hosts[host]

    def add(self, host: str, counter: str, n: int = 1, *, reason: str | None = None) -> None:
        """Add `n` to one column of one host; `reason` also counts under reasons/ignored/problems."""
        stats = self.host(host)
        with self._lock:
            if counter in ("ignored", "problems"):
                _count(getattr(stats, counter), reason or "other", n)
                return
            setattr(stats, counter, getattr(stats, counter) + n)
            if reason:
                _count(stats.reasons, reason, n)

    def totals(self) -> dict[str, int]:
        with self._lock:
            return {c: sum(getattr(h, c) for h in self.hosts.values()) for c in COLUMNS + ("requests", "not_modified")}

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Per-host counts as plain JSON types (for `--json` and benchmarks)."""
        with self._lock:
            hosts = list(self.hosts.values())
        return {h.host: {"requests": h.requests, "fetched": h.fetched, "not_modified": h.not_modified,
                         "articles": h.articles, "skipped": h.skipped, "errors": h.errors,
                         "robots_blocked": h.robots_blocked, "delay": h.delay, "robots": h.robots,
                         "reasons": dict(h.reasons), "ignored": dict(h.ignored), "problems": dict(h.problems)}
                for h in hosts}

    def lines(self) -> list[str]:
        """The closing summary: one line per host, its reasons, then a total."""
        with self._lock:
            hosts = sorted(self.hosts.values(), key=lambda h: h.host)
        out = []
        width = max([len(h.host) for h in hosts] + [4])
        out.append(f"{'host':<{width}}  fetched  articles  skipped  errors  robots-blocked  304s  requests")
        for h in hosts:
            out.append(f"{h.host:<{width}}  {h.fetched:>7}  {h.articles:>8}  {h.skipped:>7}  {h.errors:>6}  "
                       f"{h.robots_blocked:>14}  {h.not_modified:>4}  {h.requests:>8}")
            notes = [h.robots] if h.robots else []
            if h.delay:
                notes.append(f"delay {h.delay:g}s")
            for label, counter in (("", h.reasons), ("links ignored: ", h.ignored), ("damaged: ", h.problems)):
                if counter:
                    notes.append(label + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
            if notes:
                out.append(" " * (width + 2) + "; ".join(notes))
        if self.bad_start:
            out.append("not crawled: " + ", ".join(self.bad_start))
        t = self.totals()
        out.append(f"crawl: {len(hosts)} hosts, {t['requests']} requests, {t['fetched']} fetched, "
                   f"{t['articles']} articles, {t['skipped']} skipped, {t['errors']} errors, "
                   f"{t['robots_blocked']} robots-blocked, {t['not_modified']} not modified"
                   + (" (resumed)" if self.resumed else "")
                   + (" (stopped at --max-pages)" if self.stopped_by_budget else ""))
        return out
