"""Body F1 with and without site profiles: a folder extracted twice, honestly.

Sets like Dragnet's training split (`../shared/bench/dragnet-train`, the AEB layout:
`ground-truth.json` + `html/`) hold several pages of many sites. The first pass extracts
every page alone and keeps what it teaches its site's profile (`extract_and_learn`); pages
are grouped by `site_key` (their URL's host, or for pages without one the URL they state or
the host most of their links go to), never by anything in the ground truth. The second pass
extracts each page again with its site's profile learned from the *other* pages of the site
(leave-one-out: a page never helps itself), where those are at least `min_pages`. Both F1s
are reported over all pages and over the pages that had a profile, with what learning and
applying profiles cost per page (timed interleaved, page by page, in this process).

A rule for profiles is tuned on some sites and must hold on others: the pages with a profile
are also reported in two halves by site (`site_side`: all pages of a site on one side), so a
change is fitted on the "fit" side (whose pages `changes` may list) and judged on the "held"
side by its aggregate alone.
"""
from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from broadsheet.bench.aeb import (
    BenchPage, PageScore, Summary, _runs, load_dataset, score_page, shingles, summarise, tokens,
)
from broadsheet.extract import extract, extract_and_learn
from broadsheet.extract.profile import MIN_PROFILE_PAGES, PageBlocks, SiteProfile, site_key


@dataclass
class ProfileBench:
    """The outcome of `run_profiles`."""

    plain: Summary  # every page, extracted alone
    profiled: Summary  # every page, with its site's profile where it had one
    plain_subset: Summary  # the pages that had a profile, extracted alone
    profiled_subset: Summary  # ... and with it
    sites: int = 0  # sites with at least two pages
    seconds_plain: float = 0.0  # extraction time of the timed pages (TIME_EVERY), alone
    seconds_learning: float = 0.0  # ... extracting and returning what to learn
    seconds_learn: float = 0.0  # SiteProfile.learn of every page (in the main process, in a run)
    seconds_subset_plain: float = 0.0  # timed pages that had a profile, alone
    seconds_subset_profiled: float = 0.0  # ... and with it
    timed: int = 0  # pages timed in the first pass (0: no timing)
    min_pages: int = MIN_PROFILE_PAGES
    predictions: dict[str, tuple[str, str]] = field(default_factory=dict)  # page -> (alone, with profile)
    sites_of: dict[str, str | None] = field(default_factory=dict)
    sides: dict[str, tuple[Summary, Summary]] = field(default_factory=dict)  # side -> the subset alone, with

    def side_lines(self) -> list[str]:
        """The gain on the pages with a profile, per side of the split by site, with its
        precision, recall and empty pages: a page a profile finds an article on where alone it
        found none adds a whole page of recall (and a page to the precision's mean), so a few
        such pages can make most of a side's gain, and a side without them can gain little."""
        out = []
        for side in SIDES:
            plain, profiled = self.sides.get(side, (summarise([]), summarise([])))
            out.append(f"  {side:4s} sites (sha1 parity {SIDES.index(side)}): pages {plain.pages}  "
                       f"F1 {plain.f1:.4f} -> {profiled.f1:.4f}  gain {profiled.f1 - plain.f1:+.4f}  "
                       f"(precision {plain.precision:.4f} -> {profiled.precision:.4f}, "
                       f"recall {plain.recall:.4f} -> {profiled.recall:.4f}, empty {plain.empty} -> {profiled.empty})")
        return out

    def lines(self) -> list[str]:
        n, k = self.plain.pages, self.plain_subset.pages
        out = [
            f"without profiles  {_line(self.plain)}",
            f"with profiles     {_line(self.profiled)}",
            f"pages with a profile learned from {self.min_pages}+ other pages of their site: {k} of {n} "
            f"({self.sites} sites with 2+ pages)",
            f"  without  {_line(self.plain_subset)}",
            f"  with     {_line(self.profiled_subset)}",
            f"F1 gain: {self.profiled.f1 - self.plain.f1:+.4f} on all pages, "
            f"{self.profiled_subset.f1 - self.plain_subset.f1:+.4f} on pages with a profile; "
            "by side of the split by site:",
            *self.side_lines(),
        ]
        if self.timed:
            out.append(
                f"cost per page (CPU, fastest of {TIME_REPEATS} interleaved, one page in {TIME_EVERY}): extraction "
                f"{1000 * self.seconds_plain / self.timed:.2f} ms; learning "
                f"{_pct(self.seconds_learning, self.seconds_plain)} in the extraction and "
                f"{1e6 * self.seconds_learn / max(1, len(self.predictions)):.0f} us to count; applying a profile "
                f"{_pct(self.seconds_subset_profiled, self.seconds_subset_plain)}"
            )
        return out


def _line(s: Summary) -> str:
    return f"pages {s.pages}  F1 {s.f1:.4f}  precision {s.precision:.4f}  recall {s.recall:.4f}  empty {s.empty}"


def _pct(new: float, old: float) -> str:
    return f"{100 * (new / old - 1):+.1f}%" if old else "n/a"


#: Timing: one page in TIME_EVERY is timed, each way TIME_REPEATS times in alternating
#: order, the fastest kept (a page's first extraction pays for cold caches, and a shared
#: machine adds noise that only the minimum sheds).
TIME_EVERY = 3
TIME_REPEATS = 3


#: The two sides of the split by site: a site's side is the parity of its SHA-1's first byte
#: (fixed, and never from anything in the ground truth).
SIDES = ("fit", "held")


def site_side(site: str | None) -> str | None:
    """The side (`SIDES`) of the split by site that a site's pages are on; None without a site."""
    if not site:
        return None
    return SIDES[hashlib.sha1(site.encode("utf-8", "surrogatepass")).digest()[0] % 2]


def _quiet(fn: Callable[[], object]) -> None:
    try:
        fn()
    except Exception:
        pass


def _ab(first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float]:
    """The fastest CPU time of each of two extractions of one page, run in alternating order."""
    best = [float("inf"), float("inf")]
    for r in range(TIME_REPEATS):
        for i in ((0, 1) if r % 2 else (1, 0)):
            start = time.process_time()
            _quiet((first, second)[i])
            best[i] = min(best[i], time.process_time() - start)
    return best[0], best[1]


def run_profiles(pages: Iterable[BenchPage], *, min_pages: int = MIN_PROFILE_PAGES,
                 scored: set[str] | None = None, timing: bool = True) -> ProfileBench:
    """Two passes over `pages` (see the module doc). `scored`: score only these page ids
    (all pages still teach their sites' profiles: no ground truth is read for that).
    `timing`: also time (CPU time of this process, see TIME_EVERY) what learning and
    applying cost against extracting alone; `extract_and_learn` gives what `extract`
    gives, so the predictions are the same either way."""
    pages = list(pages)
    learned: dict[str, PageBlocks] = {}
    alone: dict[str, str] = {}
    sites: dict[str, str | None] = {}
    t_plain = t_learning = 0.0
    for k, page in enumerate(pages):
        try:
            article, blocks = extract_and_learn(page.html, page.url)
            text = article.text
        except Exception:  # a crash scores as an empty prediction
            text, blocks = "", PageBlocks()
        if timing and k % TIME_EVERY == 0:
            a, b = _ab(lambda: extract(page.html, page.url), lambda: extract_and_learn(page.html, page.url))
            t_plain += a
            t_learning += b
        alone[page.page_id] = text
        learned[page.page_id] = blocks
        sites[page.page_id] = site_key(page.url, page.html)
    by_site: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        site = sites[page.page_id]
        if site:
            by_site[site].append(page.page_id)
    start = time.process_time()
    profiles = {site: SiteProfile.learned((learned[i] for i in ids), host=site) for site, ids in by_site.items()}
    t_learn = time.process_time() - start

    result_plain, result_profiled, sub_plain, sub_profiled = [], [], [], []
    by_side: dict[str, tuple[list[PageScore], list[PageScore]]] = {side: ([], []) for side in SIDES}
    predictions: dict[str, tuple[str, str]] = {}
    t_sub_plain = t_sub_profiled = 0.0
    for k, page in enumerate(pages):
        pid = page.page_id
        site = sites[pid]
        with_profile = alone[pid]
        had = bool(site) and len(by_site[site or ""]) - 1 >= min_pages
        if had:
            template = profiles[site or ""].without(learned[pid]).template()
            try:
                with_profile = extract(page.html, page.url, profile=template).text
            except Exception:
                with_profile = ""
            if timing and k % TIME_EVERY == 0:
                a, b = _ab(lambda: extract(page.html, page.url), lambda: extract(page.html, page.url, profile=template))
                t_sub_plain += a
                t_sub_profiled += b
        predictions[pid] = (alone[pid], with_profile)
        if scored is not None and pid not in scored:
            continue
        x, y = score_page(pid, page.expected, alone[pid]), score_page(pid, page.expected, with_profile)
        result_plain.append(x)
        result_profiled.append(y)
        if had:
            sub_plain.append(x)
            sub_profiled.append(y)
            side = by_side[site_side(site) or SIDES[0]]  # (a page with a profile has a site)
            side[0].append(x)
            side[1].append(y)
    return ProfileBench(
        summarise(result_plain), summarise(result_profiled), summarise(sub_plain), summarise(sub_profiled),
        sites=sum(1 for ids in by_site.values() if len(ids) >= 2),
        seconds_plain=t_plain, seconds_learning=t_learning, seconds_learn=t_learn,
        seconds_subset_plain=t_sub_plain, seconds_subset_profiled=t_sub_profiled,
        timed=len(range(0, len(pages), TIME_EVERY)) if timing else 0, min_pages=min_pages,
        predictions=predictions, sites_of=sites,
        sides={side: (summarise(a), summarise(b)) for side, (a, b) in by_side.items()},
    )


def changes(result: ProfileBench, pages: dict[str, BenchPage], n: int, side: str | None = None) -> str:
    """The n pages whose F1 a profile changed most, each way, with what it took or added;
    with `side`, only pages of that side of the split by site (tune on one side, and see only
    the other's aggregate)."""
    if side is not None and side not in SIDES:
        raise ValueError(f"side {side!r}: the split by site has sides {', '.join(SIDES)}")
    rows = []
    for pid, (alone, profiled) in result.predictions.items():
        page = pages.get(pid)
        if page is None or alone == profiled or (side is not None and site_side(result.sites_of.get(pid)) != side):
            continue
        before, after = score_page(pid, page.expected, alone).f1, score_page(pid, page.expected, profiled).f1
        rows.append((after - before, before, after, pid))
    rows.sort()
    lines = []
    for label, chosen in (("lost", rows[:n]), ("gained", rows[::-1][:n])):
        for delta, before, after, pid in chosen:
            if (delta < 0) != (label == "lost") or delta == 0:
                continue
            alone, profiled = result.predictions[pid]
            a, b = tokens(alone), tokens(profiled)
            lines.append(f"{label} {pid[:16]}  F1 {before:.3f} -> {after:.3f}  {result.sites_of.get(pid) or ''}")
            for what, runs in (("dropped", _runs(a, shingles(a) - shingles(b))), ("added", _runs(b, shingles(b) - shingles(a)))):
                for text in runs[:2]:
                    lines.append(f"    {what}: {text[:160]}")
    return "\n".join(lines)


def main(folder: Path, ids: list[str] | None, *, worst: int = 0, min_pages: int = MIN_PROFILE_PAGES,
         side: str | None = None) -> int:
    """`broadsheet bench DIR --profiles`: print both F1s and the cost; 0. `side`: list the
    `worst` changed pages of that side of the split by site only."""
    pages = {p.page_id: p for p in load_dataset(folder)}
    result = run_profiles(pages.values(), min_pages=min_pages, scored=set(ids) if ids is not None else None)
    print("\n".join(result.lines()))
    if worst:
        print(changes(result, pages, worst, side))
    return 0
