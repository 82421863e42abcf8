"""`broadsheet crawl URL...`: crawl news sites, feeds or sitemaps into the corpus."""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Callable, TypeVar

from broadsheet.cli.ingest import add_page_options, interrupted_message, language_option, open_rejects
from broadsheet.corpus import DEFAULT_PATH
from broadsheet.errors import InputError
from broadsheet.sources.fetch import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT

if TYPE_CHECKING:
    from broadsheet.crawl.stats import CrawlReport

_Number = TypeVar("_Number", int, float)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """`--since`: a duration back from now (`90m`, `36h`, `2d`, `1w`) or a date (`2024-05-01`)."""
    now = now or datetime.now(timezone.utc)
    text = value.strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smhdw])", text)
    if match:
        return now - timedelta(seconds=float(match[1]) * _UNITS[match[2]])
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--since {value!r}: give a duration such as 36h, 2d or 1w, or a date such as 2024-05-01") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def number(kind: type[_Number], name: str, *, above_zero: bool = False) -> Callable[[str], _Number]:
    """An argparse type: a finite `kind` (int or float), 0 or more (more than 0 with
    `above_zero`). `inf` and `nan` are refused: a delay of `inf` parks the crawl forever."""
    def convert(text: str) -> _Number:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a {'whole ' if kind is int else ''}number, "
                                             f"not {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{name} must be a finite number, not {text!r}")
        if value < 0 or (above_zero and value == 0):
            raise argparse.ArgumentTypeError(f"{name} must be {'more than' if above_zero else 'at least'} 0, "
                                             f"not {text!r}")
        return value
    return convert


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "crawl",
        help="crawl news sites (home pages, feeds, sitemaps) into the corpus",
        description="Find a site's articles through its feeds, sitemaps and section pages, fetch them "
        "politely (robots.txt, one request at a time per host, a delay between requests), and store "
        "them in the corpus through the same pipeline as `ingest`. Run it again to resume an "
        "interrupted crawl, or later to fetch only new and changed pages. Every page not stored "
        "is a row of the corpus's rejects table (and of --rejects). Ctrl-C or SIGTERM commits "
        "what is done, prints the summary and exits 130 or 143.",
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="a site's home page, a feed or a sitemap")
    p.add_argument("--corpus", default=DEFAULT_PATH, metavar="FILE", help=f"corpus file (default: {DEFAULT_PATH})")
    p.add_argument("--max-pages", type=number(int, "--max-pages"), metavar="N",
                   help="stop after fetching N pages (feeds and sitemaps not counted)")
    p.add_argument("--since", metavar="DURATION",
                   help="only articles published since then: 36h, 2d, 1w or a date (feeds, news sitemaps, dated URLs)")
    p.add_argument("--delay", type=number(float, "--delay"), default=1.0, metavar="SECONDS",
                   help="seconds between requests to one host (default 1; a larger robots.txt Crawl-delay wins)")
    p.add_argument("--user-agent", default=DEFAULT_USER_AGENT, metavar="TEXT",
                   help="User-Agent sent, also the name matched in robots.txt")
    p.add_argument("--max-depth", type=number(int, "--max-depth"), default=2, metavar="N",
                   help="link depth for section pages from the start page (default 2)")
    p.add_argument("--workers", type=number(int, "--workers"), default=0, metavar="N",
                   help="guarded extraction processes (default 0, the same as 1: one worker process beside the fetcher)")
    p.add_argument("--timeout", type=number(float, "--timeout", above_zero=True), default=DEFAULT_TIMEOUT,
                   metavar="SECONDS", help=f"longest wait for any one read from a server (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--deadline", type=number(float, "--deadline", above_zero=True), default=DEFAULT_DEADLINE,
                   metavar="SECONDS", help="longest time one whole response (headers and body) may take "
                   f"(default {DEFAULT_DEADLINE:g})")
    add_page_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the counts (per host too) as JSON on stdout at the end")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from broadsheet.crawl import CrawlConfig, CrawlReport, crawl
    from broadsheet.run import KeepRules, Stats
    from broadsheet.run.interrupt import Interrupted, stopping

    config = CrawlConfig(
        user_agent=args.user_agent,
        delay=args.delay,
        max_pages=args.max_pages,
        since=parse_since(args.since) if args.since else None,
        max_depth=args.max_depth,
        timeout=args.timeout,
        deadline=args.deadline,
    )
    rules = KeepRules(languages=language_option(args.language))
    report, stats = CrawlReport(), Stats()
    interrupted: Interrupted | None = None
    with ExitStack() as stack:
        rejects = open_rejects(args, stack)
        try:
            with stopping():
                crawl(args.urls, corpus=args.corpus, config=config, progress=False if args.no_progress else None,
                      workers=args.workers, report=report, stats=stats, rules=rules, profiles=not args.no_profiles,
                      rejects=rejects)
        except Interrupted as exc:  # what was done is committed, and counted
            interrupted = exc
        finally:  # also after a signal: what was done so far, and it is committed
            if report.hosts:
                for line in report.lines():
                    print(line, file=sys.stderr)
                print(f"broadsheet: {stats.summary()}", file=sys.stderr)
                print(f"broadsheet: corpus {args.corpus}", file=sys.stderr)
            if args.json:
                print(json.dumps({"hosts": report.to_dict(), **stats.to_dict()}))
    if interrupted is not None:
        print(interrupted_message(interrupted), file=sys.stderr)
        return interrupted.exit_code
    totals = report.totals()
    if totals["fetched"] == 0 and totals["not_modified"] == 0 and totals["errors"] > 0:
        print("broadsheet: error: no host could be crawled (see the messages above)", file=sys.stderr)
        return 1
    failed = _failed_start_hosts(args.urls, report)  # exit 1: some inputs failed (see `broadsheet --help`)
    if failed:
        print(f"broadsheet: error: {len(failed)} of the start hosts could not be crawled: {', '.join(failed)}",
              file=sys.stderr)
        return 1
    return 0


def _failed_start_hosts(urls: list[str], report: CrawlReport) -> list[str]:
    """Hosts of start URLs of which nothing could be fetched, though something was tried."""
    from broadsheet.crawl.urls import canonicalize, host_key

    failed = []
    for url in urls:
        try:
            host = host_key(canonicalize(url))
        except ValueError:
            continue
        stats = report.hosts.get(host)
        if stats is not None and stats.fetched == 0 and stats.not_modified == 0 and stats.errors > 0 and host not in failed:
            failed.append(host)
    return failed
