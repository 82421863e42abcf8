"""broadsheet.extract() against trafilatura.extract() on the same pages, in one process.

Pages are processed interleaved (broadsheet, then trafilatura, page by page) so machine noise
hits both alike; the figure that matters is the ratio. Reports body-text F1 (the
article-extraction-benchmark metric) for both, docs/s for both, and the throughput ratio.
`--profile` shows where broadsheet spends its time: per stage, and the top functions.

    python benchmarks/extract_vs_trafilatura.py [DATASET_DIR] [--half a|b] [--repeat N] [--profile]

DATASET_DIR defaults to ../shared/bench/aeb. trafilatura is an optional bench dependency
(`pip install -e '.[bench]'`), never a runtime one.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import sys
import time
from pathlib import Path

from broadsheet import extract
from broadsheet.bench import aeb

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "aeb"


def load(folder: Path, half: str | None) -> list[aeb.BenchPage]:
    if not (folder / "ground-truth.json").is_file():
        sys.exit(f"benchmark data not found at {folder} (needs ground-truth.json and html/); "
                 "pass the dataset folder as the first argument")
    ids = None
    if half:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        ids = aeb.split_ids(truth, half)
    return list(aeb.load_dataset(folder, ids))


def compare(pages: list[aeb.BenchPage], repeat: int) -> None:
    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is not installed: pip install -e '.[bench]'")
    ours: list[aeb.PageScore] = []
    theirs: list[aeb.PageScore] = []
    t_ours = t_theirs = 0.0
    warm_up(pages)
    trafilatura.extract(pages[0].html, url=pages[0].url)
    gc.collect()
    for page in pages:
        best_ours = best_theirs = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            text = extract(page.html, page.url).text
            best_ours = min(best_ours, time.perf_counter() - start)
            start = time.perf_counter()
            other = trafilatura.extract(page.html, url=page.url) or ""
            best_theirs = min(best_theirs, time.perf_counter() - start)
        t_ours += best_ours
        t_theirs += best_theirs
        ours.append(aeb.score_page(page.page_id, page.expected, text, best_ours))
        theirs.append(aeb.score_page(page.page_id, page.expected, other, best_theirs))
    a, b = aeb.summarise(ours), aeb.summarise(theirs)
    print(f"pages {len(pages)}")
    print(f"broadsheet   {a.line()}")
    print(f"trafilatura  {b.line()}  (trafilatura {trafilatura.__version__})")
    print(f"throughput ratio broadsheet/trafilatura: {t_theirs / t_ours:.2f}x "
          f"({len(pages) / t_ours:.1f} vs {len(pages) / t_theirs:.1f} docs/s)")


def warm_up(pages: list[aeb.BenchPage]) -> None:
    """Load what loads once per process (the language model, regex caches, and htmldate
    with lxml, which the date fallback imports at the first page that needs it: about
    45 ms, which `stages` would otherwise count as one page's metadata) before timing."""
    import htmldate  # noqa: F401  (imported by broadsheet.extract.meta.fallback on demand)
    from lxml import html as _lxml_html  # noqa: F401

    for page in pages[:5]:
        extract(page.html, page.url)


def stages(pages: list[aeb.BenchPage]) -> None:
    """Time each stage of extract() separately (same functions, same order)."""
    from broadsheet.extract import extract_blocks
    from broadsheet.extract.decode import decode_page
    from broadsheet.extract.dom import build_light_tree, collapse_boilerplate, parse, release
    from broadsheet.extract.meta import finish_metadata, read_metadata
    from broadsheet.extract.render import to_text

    totals = dict.fromkeys(("decode", "parse", "metadata", "light tree", "body", "language"), 0.0)
    warm_up(pages)
    gc.collect()
    gc.disable()  # as extract() runs: with the collector on, its passes land in whichever stage
    for page in pages:
        t0 = time.perf_counter()
        text, _, utf8 = decode_page(page.html)
        t1 = time.perf_counter()
        tree = parse(text, utf8)  # the page's own bytes when they are the text, as extract()
        t2 = time.perf_counter()
        meta = read_metadata(tree, page.url)
        t3 = time.perf_counter()
        collapse_boilerplate(tree, meta.title, meta.page_text)
        nodes = build_light_tree(tree.body)
        t4 = time.perf_counter()
        blocks = extract_blocks(nodes, page.url, meta.title)
        body = to_text(blocks)
        t5 = time.perf_counter()
        finish_metadata(meta, body)
        t6 = time.perf_counter()
        release(nodes)
        for key, dt in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            totals[key] += dt
    gc.enable()
    whole = sum(totals.values())
    print(f"stages over {len(pages)} pages ({whole / len(pages) * 1000:.2f} ms/page):")
    for key, value in totals.items():
        print(f"  {key:11s} {value / len(pages) * 1000:6.2f} ms/page  {value / whole:6.1%}")
    meta_share = (totals["metadata"] + totals["language"]) / whole
    print(f"  parsing (decode+parse) share: {(totals['decode'] + totals['parse']) / whole:.1%}; "
          f"metadata share: {meta_share:.1%}")


def profile(pages: list[aeb.BenchPage]) -> None:
    warm_up(pages)
    prof = cProfile.Profile()
    prof.enable()
    for page in pages:
        extract(page.html, page.url)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--half", choices=("a", "b"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="per-stage times and a cProfile of broadsheet")
    args = parser.parse_args()
    pages = load(args.dataset, args.half)
    if args.profile:
        stages(pages)
        profile(pages)
    else:
        compare(pages, args.repeat)
        stages(pages)


if __name__ == "__main__":
    main()
