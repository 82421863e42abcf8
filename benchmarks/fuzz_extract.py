"""Mutation fuzzing of the whole analysis (extract, keep/skip, fingerprint) through the guarded pool.

Takes the article-extraction-benchmark pages (../shared/bench/aeb/html/*.html.gz) and sends
N mutated copies through `GuardedPool` with the real target, as ingest does. Each page gets
one to three mutations: byte flips, truncation, duplicated tags, duplicated attributes,
deep nesting, a tag with a huge attribute count, entity floods, a splice of two pages, an
encoding swap (a wrong <meta charset>, a conflicting HTTP charset, UTF-16 with or without
its BOM). Page i depends only on (seed, i), so `--only I` rebuilds exactly that page.

Reports pages/s, exceptions that escaped the analysis ("analysis failed": must be 0),
extractor exceptions the analysis caught ("extraction failed", counted apart, the most
frequent summaries printed), pages given up (timeout / too large / crashed), the slowest
page analysed (saved for reproduction, with every page given up) and the peak RSS of each
worker. Exit status 1 when an exception escaped.

    python benchmarks/fuzz_extract.py [--pages 100000] [--seed 0] [--workers N]
                                      [--page-seconds 30] [--max-rss-mib 1024] [--out fuzz-out]
    python benchmarks/fuzz_extract.py --only 1234 --seed 0 --out fuzz-out   # rebuild one page
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "aeb"

Mutator = Callable[[random.Random, bytes, list[bytes]], tuple[bytes, dict[str, str]]]
_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,400}>")
_ATTR = re.compile(rb"\s([a-zA-Z-]+)=(\"[^\"]{0,200}\"|'[^']{0,200}')")


def _at(rng: random.Random, html: bytes) -> int:
    return rng.randrange(len(html) + 1)


def byte_flips(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    data = bytearray(html)
    for _ in range(rng.choice([1, 8, 64, 512])):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), {}


def truncate(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    return html[: rng.choice([0, 1, 16, rng.randrange(len(html) + 1)])], {}


def duplicate_tags(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    tags = list(_TAG.finditer(html))
    if not tags:
        return html, {}
    tag = rng.choice(tags)
    return html[: tag.end()] + tag.group(0) * rng.choice([10, 1000, 20000]) + html[tag.end():], {}


def duplicate_attributes(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    attrs = list(_ATTR.finditer(html))
    if not attrs:
        return html, {}
    attr = rng.choice(attrs)
    return html[: attr.end()] + attr.group(0) * rng.choice([10, 1000, 20000]) + html[attr.end():], {}


def deep_nesting(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    depth = rng.choice([500, 5000, 50000, 200000])
    tag = rng.choice([b"div", b"span", b"b", b"table", b"li", b"p", b"blockquote"])
    cut = _at(rng, html)
    inner = b"<" + tag + b">"
    closing = (b"</" + tag + b">") * rng.choice([0, depth])
    return html[:cut] + inner * depth + b"deep text " * 20 + closing + html[cut:], {}


def many_attributes(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    count = rng.choice([1000, 30000, 100000])
    attrs = b"".join(b' data-a%d="%d"' % (i, i) for i in range(count))
    cut = _at(rng, html)
    return html[:cut] + b"<p" + attrs + b">text with attributes</p>" + html[cut:], {}


def entity_flood(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    entity = rng.choice([b"&amp;", b"&#x10FFFF;", b"&#0;", b"&nbsp", b"&unknownentity;", b"&#99999999999;", b"&#xD800;"])
    cut = _at(rng, html)
    return html[:cut] + entity * rng.choice([100, 10000, 300000]) + html[cut:], {}


def splice(rng: random.Random, html: bytes, others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    other = rng.choice(others)
    return html[: _at(rng, html)] + other[_at(rng, other):], {}


def encoding_swap(rng: random.Random, html: bytes, _others: list[bytes]) -> tuple[bytes, dict[str, str]]:
    choice = rng.randrange(4)
    charset = rng.choice(["shift_jis", "koi8-r", "utf-16", "iso-2022-jp", "windows-1252", "gb18030", "x-bogus-8"])
    if choice == 0:  # a wrong declaration in the page
        return b'<meta charset="' + charset.encode() + b'">' + html, {}
    if choice == 1:  # a conflicting HTTP header
        return html, {"content-type": f"text/html; charset={charset}"}
    text = html.decode("utf-8", "replace")
    if choice == 2:  # really UTF-16, with or without its BOM
        return text.encode("utf-16" if rng.random() < 0.5 else "utf-16-le"), {}
    return text.encode("latin-1", "replace"), {"content-type": "text/html; charset=utf-8"}


MUTATORS: list[Mutator] = [byte_flips, truncate, duplicate_tags, duplicate_attributes, deep_nesting,
                           many_attributes, entity_flood, splice, encoding_swap]


def load(dataset: Path) -> tuple[list[bytes], list[str]]:
    truth = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    pages, urls = [], []
    for page_id in sorted(truth):
        path = dataset / "html" / f"{page_id}.html.gz"
        if path.is_file():
            pages.append(gzip.decompress(path.read_bytes()))
            urls.append(truth[page_id].get("url") or f"https://fuzz.example/{page_id}")
    return pages, urls


def mutated(index: int, seed: int, pages: list[bytes], urls: list[str]):
    """Page `index` of the run: deterministic in (seed, index) alone."""
    from broadsheet.model import Page

    rng = random.Random(f"{seed}:{index}")
    base = rng.randrange(len(pages))
    html, headers = pages[base], {"content-type": "text/html"}
    names = []
    for mutator in rng.sample(MUTATORS, rng.choice([1, 1, 2, 3])):
        html, extra = mutator(rng, html, pages)
        headers.update(extra)
        names.append(mutator.__name__)
    return Page(url=urls[base], content=html, headers=headers, origin=f"fuzz#{index} ({'+'.join(names)})")


def stream(count: int, seed: int, pages: list[bytes], urls: list[str]) -> Iterator:
    for index in range(count):
        yield mutated(index, seed, pages, urls)


def save(folder: Path, name: str, page) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(page.content)
    path.with_suffix(".json").write_text(json.dumps({"url": page.url, "headers": dict(page.headers),
                                                     "origin": page.origin}, indent=1))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2)
    parser.add_argument("--page-seconds", type=float, default=None, help="the pool's limit (default: its own, 30)")
    parser.add_argument("--max-rss-mib", type=int, default=None, help="the pool's cap (default: its own, 1024)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="where slow and given-up pages are saved")
    parser.add_argument("--only", type=int, default=None, help="rebuild page I of the run into --out and stop")
    args = parser.parse_args(argv)
    if not (args.dataset / "ground-truth.json").is_file():
        print(f"SKIP: benchmark data not found at {args.dataset}; pass the dataset folder as the first argument")
        return 0
    pages, urls = load(args.dataset)
    if args.only is not None:
        page = mutated(args.only, args.seed, pages, urls)
        print(f"{page.origin}: {len(page.content)} bytes -> {save(args.out, f'page-{args.only}.html', page)}")
        return 0

    from broadsheet.run import guard

    limits = {}
    if args.page_seconds is not None:
        limits["page_seconds"] = args.page_seconds
    if args.max_rss_mib is not None:
        limits["max_rss"] = args.max_rss_mib << 20
    outcomes: Counter = Counter()
    extraction_failures: Counter = Counter()
    escaped: list[str] = []
    given_up: list = []
    slowest = (0.0, None)
    started = time.perf_counter()
    with guard.GuardedPool(args.workers, **limits) as pool:
        for page, analysis in pool.ordered(stream(args.pages, args.seed, pages, urls), lambda p: p):
            assert analysis is not None
            outcomes[(analysis.status, analysis.reason)] += 1
            if analysis.reason == "extraction failed":
                extraction_failures[analysis.detail] += 1
            elif analysis.reason == "analysis failed":
                escaped.append(f"{page.origin}: {analysis.detail}")
            elif analysis.status == "skipped" and analysis.reason in guard.GIVEN_UP and (
                    analysis.reason != "too large" or analysis.detail):  # not just over MAX_PAGE_BYTES
                given_up.append((analysis.reason, page))
            if analysis.seconds > slowest[0] and analysis.reason not in guard.GIVEN_UP:
                slowest = (analysis.seconds, page)
        seconds = time.perf_counter() - started
        peaks = dict(pool.peak_rss)
        restarts = pool.restarts
    print(f"{args.pages} mutated pages (seed {args.seed}) on {args.workers} workers in {seconds:.1f}s: "
          f"{args.pages / seconds:.1f} pages/s")
    print("outcomes: " + ", ".join(f"{s}/{r or '-'} {n}" for (s, r), n in outcomes.most_common()))
    print(f"exceptions escaping the analysis: {len(escaped)}")
    for line in escaped[:5]:
        print(f"  {line}")
    print(f"extraction failed (caught, counted): {sum(extraction_failures.values())}")
    for detail, n in extraction_failures.most_common(5):
        print(f"  {n} x {detail}")
    reasons = Counter(reason for reason, _page in given_up)
    print(f"given up: {sum(reasons.values())} ({', '.join(f'{r} {n}' for r, n in reasons.items()) or 'none'}); "
          f"workers restarted {restarts} times")
    for n, (reason, page) in enumerate(given_up[:20]):
        name = f"given-up-{n}-{reason.replace(' ', '-')}.html"
        print(f"  {reason}: {page.origin} -> {save(args.out, name, page)}")
    if slowest[1] is not None:
        path = save(args.out, "slowest.html", slowest[1])
        print(f"slowest page analysed: {slowest[0]:.2f}s {slowest[1].origin} ({len(slowest[1].content)} bytes) -> {path}")
    print("peak RSS per worker: " + ", ".join(f"{pid}: {rss / 2**20:.0f} MiB" for pid, rss in sorted(peaks.items())))
    return 1 if escaped else 0


if __name__ == "__main__":
    sys.exit(main())
