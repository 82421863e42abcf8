"""The ingest pipeline at scale: throughput against trafilatura, memory, worker scaling, dedup.

Builds a WARC of the article-extraction-benchmark pages (their URLs from ground-truth.json;
the expected bodies are never read) and a 10x one (the same pages repeated under other
URLs, every other copy with a small edit), then measures, each run in a fresh process:

- docs/s, one worker: `broadsheet ingest` (extract, keep/skip, dedup, SQLite store) against
  the same pipeline built on trafilatura (fastwarc + trafilatura's extraction with metadata,
  then the same dedup and SQLite store), and against the bare reading loop alone
  (fastwarc + trafilatura.extract, nothing stored: a stricter peer);
- peak RSS for the 1x and the 10x WARC (target: 10x at most 1.5x of 1x);
- docs/s with 1, 2 (and more, where the machine has the cores) workers on the 10x WARC;
- dedup and skip counts for both WARCs (odd copies carry a small edit, so the 10x WARC has
  near duplicates as well as exact ones).

    python benchmarks/ingest_bench.py [DATASET_DIR] [--repeat 3] [--limit N] [--times 10]
                                      [--workers 1,2,4] [--json results.json]

`--scaling` measures instead what a user sees: the whole command
`broadsheet ingest big.warc --workers N` (a fresh interpreter and a fresh corpus each run,
the worker counts interleaved within each repeat so a noisy neighbour hits all of them
alike) on the 10x WARC, and reports each count's wall times, the best, and the ratio to
one worker, and the CPU seconds each command used (main process, process server and
workers together: where that is more than twice the wall time's parallel part, the
machine's cores, not the pool, are the limit) and those of its main process alone (the
reader and single writer, which on two cores shares them with the two workers); then one in-process run under cProfile shows
where the main process (the reader and single SQLite writer) spends its time: reading the
WARC, pickling pages for the workers, waiting for their answers, dedup, SQLite; and one
unprofiled in-process run gives its CPU seconds by phase and thread, and the wall times of
the serial phases (until the first page is answered; from the last answer to the end).

    python benchmarks/ingest_bench.py --scaling [--workers 1,2] [--times 10] [--repeat 3]

DATASET_DIR defaults to ../shared/bench/aeb; without it the benchmark is skipped with a
message. Use `--limit 20 --times 2 --repeat 1` for a quick check that it works. trafilatura
is an optional bench dependency (`pip install -e '.[bench]'`).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "aeb"


def build_warc(folder: Path, out: Path, *, times: int = 1, limit: int | None = None) -> int:
    """A gzipped WARC of the dataset's pages (response records), repeated `times` times."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    count = 0
    with open(out, "wb") as fh:
        for rep in range(times):
            for page_id in ids:
                path = folder / "html" / f"{page_id}.html.gz"
                if not path.is_file():
                    continue
                url = truth[page_id]["url"] + (f"#copy-{rep}" if rep else "")
                html = gzip.decompress(path.read_bytes())
                if rep % 2:
                    # Odd copies are edited a little (a word changed in the body, as a
                    # syndicated or corrected story is): near duplicates, not exact ones.
                    cut = html.find(b"</p>")
                    if cut > 0:
                        html = html[:cut] + b" (updated)" + html[cut:]
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
                record = WarcRecord()
                record.init_headers(WarcRecordType.response, content_length=len(http))
                record.headers["WARC-Target-URI"] = url
                record.headers["Content-Type"] = "application/http; msgtype=response"
                record.set_bytes_content(http)
                buf = io.BytesIO()
                record.write(buf)
                fh.write(gzip.compress(buf.getvalue(), compresslevel=6))
                count += 1
    return count


# -- children: each measurement runs in a fresh interpreter ---------------------------------
def child_ingest(warc: str, corpus: str, workers: int) -> dict:
    from broadsheet import extract
    from broadsheet.run.ingest import ingest

    # Warm up what loads once per process (the language model, the MinHash library), as the
    # peer's warm-up does.
    from broadsheet.corpus.dedup import fingerprint, lsh_shape

    extract(b"<html><title>warm</title><body><p>" + b"Warm words for a warm start of the run. " * 20 + b"</p></body></html>")
    fingerprint("warm words for a warm start of the run")
    lsh_shape(0.8)
    start = time.perf_counter()
    stats = ingest([warc], corpus, workers=workers, progress=False)
    seconds = time.perf_counter() - start
    return {"pages": stats.pages, "seconds": seconds, "maxrss_kb": _maxrss_kb(), "stats": stats.to_dict()}


def child_trafilatura(warc: str) -> dict:
    import trafilatura
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    trafilatura.extract("<html><body><p>" + "warm words " * 50 + "</p></body></html>")
    start = time.perf_counter()
    pages = extracted = 0
    for record in ArchiveIterator(warc, record_types=WarcRecordType.response, fsspec_args=False):
        html = record.reader.read()
        text = trafilatura.extract(html, url=record.headers.get("WARC-Target-URI"))
        pages += 1
        extracted += bool(text)
    seconds = time.perf_counter() - start
    return {"pages": pages, "extracted": extracted, "seconds": seconds, "maxrss_kb": _maxrss_kb()}


def child_trafilatura_store(warc: str, corpus: str) -> dict:
    """The same pipeline with trafilatura as the extractor: its text and metadata become the
    record, deduplicated and stored by the same Corpus."""
    import trafilatura
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from broadsheet.corpus import Corpus
    from broadsheet.model import Article

    from broadsheet.corpus.dedup import fingerprint, lsh_shape

    trafilatura.extract("<html><body><p>" + "warm words " * 50 + "</p></body></html>")
    fingerprint("warm words for a warm start of the run")
    lsh_shape(0.8)
    start = time.perf_counter()
    pages = stored = 0
    with Corpus(corpus) as store:
        for record in ArchiveIterator(warc, record_types=WarcRecordType.response, fsspec_args=False):
            html = record.reader.read()
            url = record.headers.get("WARC-Target-URI")
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
            pages += 1
            if doc is None or not doc.text:
                continue
            article = Article(
                url=url, title=doc.title, description=doc.description,
                authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()],
                date_published=doc.date, site_name=doc.sitename, language=doc.language,
                image=doc.image, tags=list(doc.tags or []), text=doc.text,
            )
            store.add(article, origin=f"{warc}#{pages}")
            stored += 1
            if stored % 100 == 0:
                store.commit()
    seconds = time.perf_counter() - start
    return {"pages": pages, "extracted": stored, "seconds": seconds, "maxrss_kb": _maxrss_kb()}


#: Where the main process's time goes, by the code it runs (first match wins).
_PLACES = [
    ("start-up (imports, LSH set-up)", ("importlib", "marshal", "_imp.", "scipy", "<frozen")),
    ("reading", ("/sources/", "fastwarc", "inflate.py", "gzip", "zlib")),
    ("pickling pages", ("pickle", "run/worker.py")),
    ("waiting for workers", ("acquire", "lock", "wait", "concurrent/futures")),
    ("dedup", ("corpus/dedup", "datasketch", "minhash", "lsh")),
    ("SQLite", ("sqlite3",)),
    ("corpus (Python)", ("/corpus/",)),
    ("pipeline and pool", ("/run/",)),
]


def child_profile(warc: str, corpus: str, workers: int) -> dict:
    """One ingest in this process under cProfile: the main thread's time by place."""
    import cProfile
    import pstats

    from broadsheet.run.ingest import ingest

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    stats = ingest([warc], corpus, workers=workers, progress=False)
    profiler.disable()
    seconds = time.perf_counter() - start
    table = pstats.Stats(profiler).stats  # (file, line, function) -> (cc, nc, tottime, cumtime, callers)
    places: dict[str, float] = {}
    for (file, _line, function), (_cc, _nc, own, _cum, _callers) in table.items():
        where = f"{file} {function}".lower()
        place = next((name for name, marks in _PLACES if any(m in where for m in marks)), "other")
        places[place] = places.get(place, 0.0) + own
    total = sum(places.values()) or 1.0
    return {"pages": stats.pages, "seconds": seconds,
            "shares": {k: round(v / total, 3) for k, v in sorted(places.items(), key=lambda kv: -kv[1])}}


def child_phases(warc: str, corpus: str, workers: int) -> dict:
    """One ingest in this process, unprofiled: the main process's CPU seconds by phase (the
    main thread's reading, handing pages to the pool and committing, each timed with
    `time.thread_time` around its calls; the pool's I/O threads by name) and the serial
    phases' wall times: until the first page is handed over and answered, and from the
    last answer to the end."""
    import threading

    import broadsheet.run.guard as guard
    import broadsheet.run.pipeline as pipeline
    import broadsheet.run.units as units
    from broadsheet.run.ingest import ingest

    cpu: dict[str, float] = {}
    marks: dict[str, float] = {}
    threads: dict[str, float] = {}
    plain_run = threading.Thread.run

    def run(thread: threading.Thread) -> None:
        try:
            plain_run(thread)
        finally:
            name = thread.name.split("-server")[0]
            threads[name] = threads.get(name, 0.0) + time.thread_time()

    def timed(call, key: str):
        def wrapper(*args, **kwargs):
            started = time.thread_time()
            try:
                return call(*args, **kwargs)
            finally:
                cpu[key] = cpu.get(key, 0.0) + time.thread_time() - started
        return wrapper

    def timed_iter(make, key: str):
        def wrapper(*args, **kwargs):
            it = make(*args, **kwargs)
            while True:
                started = time.thread_time()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    cpu[key] = cpu.get(key, 0.0) + time.thread_time() - started
                yield item
        return wrapper

    def marked(call, first: str, last: str | None = None):
        def wrapper(*args, **kwargs):
            now = time.perf_counter() - start
            marks.setdefault(first, now)
            if last:
                marks[last] = now
            return call(*args, **kwargs)
        return wrapper

    threading.Thread.run = run  # type: ignore[method-assign]
    units.iter_warc_records = timed_iter(units.iter_warc_records, "reading the WARC")
    guard.GuardedPool.submit = marked(timed(guard.GuardedPool.submit, "framing pages for the pool"), "first page sent")
    guard.GuardedPool._answered = marked(guard.GuardedPool._answered, "first answer", "last answer")
    pipeline.Pipeline.commit = timed(pipeline.Pipeline.commit, "committing (dedup, SQLite)")
    start = time.perf_counter()
    main_before = time.thread_time()
    ingest([warc], corpus, workers=workers, progress=False)
    marks["end"] = time.perf_counter() - start
    cpu["main thread, all"] = time.thread_time() - main_before
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"main_thread": {k: round(v, 3) for k, v in cpu.items()},
            "threads": {k: round(v, 3) for k, v in threads.items()},
            "process_cpu_with_imports": round(usage.ru_utime + usage.ru_stime, 3),
            "wall": {k: round(v, 3) for k, v in marks.items()}}


_CPU_MARK = "ingest-bench-cpu: "
#: `python -m broadsheet` that also reports, last on stderr, the CPU seconds of its own
#: process (main thread, the pool's threads); the process server's and the workers' are
#: what its children used (`RUSAGE_CHILDREN` of the caller, less this).
_MEASURED = (
    "import atexit, json, resource, runpy, sys\n"
    "def report():\n"
    "    me = resource.getrusage(resource.RUSAGE_SELF)\n"
    f"    print({_CPU_MARK!r} + json.dumps({{'main': me.ru_utime + me.ru_stime}}), file=sys.stderr)\n"
    "atexit.register(report)\n"
    "sys.argv[0] = 'broadsheet'\n"
    "runpy.run_module('broadsheet', run_name='__main__', alter_sys=True)\n"
)


def cli_scaling(args: argparse.Namespace) -> int:
    """`broadsheet ingest big.warc --workers N` as a command, N interleaved, fresh corpus each."""
    counts = [int(n) for n in (args.workers or "1,2").split(",")]
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as tmp:
        work = Path(tmp)
        big = work / "big.warc.gz"
        pages = build_warc(args.dataset, big, times=args.times, limit=args.limit)
        print(f"WARC: {pages} pages ({big.stat().st_size / 2**20:.1f} MiB), {args.times} copies; "
              f"workers {counts}, {args.repeat} interleaved repeats")
        walls: dict[int, list[float]] = {n: [] for n in counts}
        cpus: dict[int, list[float]] = {n: [] for n in counts}
        main_cpus: dict[int, list[float]] = {n: [] for n in counts}  # the command's own process (reader, writer)
        summaries: dict[int, dict] = {}
        for rep in range(args.repeat):
            for n in counts if rep % 2 == 0 else counts[::-1]:
                corpus = work / f"w{n}-{rep}.sqlite"
                command = [sys.executable, "-c", _MEASURED, "ingest", str(big), "--corpus", str(corpus),
                           "--workers", str(n), "--no-progress", "--json"]
                start = time.perf_counter()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                result = subprocess.run(command, capture_output=True, text=True)
                walls[n].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process under it
                cpus[n].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                if result.returncode != 0:
                    sys.exit(f"ingest failed ({' '.join(command)}):\n{result.stderr[-2000:]}")
                summaries[n] = json.loads(result.stdout.strip().splitlines()[-1])
                own = json.loads(result.stderr.strip().splitlines()[-1].removeprefix(_CPU_MARK))
                main_cpus[n].append(own["main"])
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{corpus}{suffix}").unlink(missing_ok=True)
        profile = run_child("profile", str(big), str(work / "profile.sqlite"), str(counts[-1]))
        phases = run_child("phases", str(big), str(work / "phases.sqlite"), str(counts[-1]))
    base = min(walls[counts[0]])
    results = {
        "pages": pages,
        "wall_seconds": {n: [round(w, 2) for w in walls[n]] for n in counts},
        "best_seconds": {n: round(min(walls[n]), 2) for n in counts},
        "cpu_seconds": {n: [round(c, 2) for c in cpus[n]] for n in counts},
        "main_process_cpu_seconds": {n: [round(c, 2) for c in main_cpus[n]] for n in counts},
        "speedup_vs_first": {n: round(base / min(walls[n]), 2) for n in counts},
        "counts": {n: {k: summaries[n][k] for k in ("pages", "articles", "duplicates", "skipped", "errors")} for n in counts},
        "main_process_profile": profile,
        "main_process_phases": phases,
    }
    for n in counts:
        print(f"--workers {n}: wall {', '.join(f'{w:.2f}s' for w in walls[n])} (best {min(walls[n]):.2f}s, "
              f"{pages / min(walls[n]):.1f} pages/s, {results['speedup_vs_first'][n]}x of --workers {counts[0]}); "
              f"CPU {min(cpus[n]):.2f}-{max(cpus[n]):.2f}s, of which the main process "
              f"{min(main_cpus[n]):.2f}-{max(main_cpus[n]):.2f}s")
    print(f"counts: {results['counts'][counts[-1]]}")
    print(f"main process (cProfile, --workers {counts[-1]}, {profile['seconds']:.2f}s in process): "
          + ", ".join(f"{k} {v:.0%}" for k, v in profile["shares"].items()))
    print(f"main process by phase (--workers {counts[-1]}, in process, CPU s): main thread "
          + ", ".join(f"{k} {v:.3f}" for k, v in phases["main_thread"].items())
          + "; threads " + ", ".join(f"{k} {v:.3f}" for k, v in phases["threads"].items())
          + f"; the process with its imports {phases['process_cpu_with_imports']:.3f}")
    print("serial phases (wall s since ingest() began): " + ", ".join(f"{k} {v:.3f}" for k, v in phases["wall"].items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _maxrss_kb() -> int:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage // 1024 if sys.platform == "darwin" else usage


def run_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def rate(run: dict) -> float:
    return run["pages"] / run["seconds"] if run["seconds"] else 0.0


# -- the benchmark -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="runs per throughput figure (best is kept)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (a quick check)")
    parser.add_argument("--times", type=int, default=10, help="size of the large WARC, in copies of the pages")
    parser.add_argument("--workers", default=None, help="worker counts to compare, e.g. 1,2,4 (default: 1,2 and the cores)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--scaling", action="store_true",
                        help="time the `broadsheet ingest --workers N` command on the large WARC instead")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "ingest":
            out = child_ingest(rest[0], rest[1], int(rest[2]))
        elif kind == "profile":
            out = child_profile(rest[0], rest[1], int(rest[2]))
        elif kind == "phases":
            out = child_phases(rest[0], rest[1], int(rest[2]))
        elif kind == "trafilatura-store":
            out = child_trafilatura_store(rest[0], rest[1])
        else:
            out = child_trafilatura(rest[0])
        print(json.dumps(out))
        return 0
    if not (args.dataset / "ground-truth.json").is_file():
        print(f"SKIP: benchmark data not found at {args.dataset} (needs ground-truth.json and html/*.html.gz); "
              "pass the dataset folder as the first argument")
        return 0
    if args.scaling:
        return cli_scaling(args)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    counts = [int(n) for n in args.workers.split(",")] if args.workers else sorted({1, 2, *([cores] if cores > 2 else [])})
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as tmp:
        work = Path(tmp)
        small, large = work / "bench-1x.warc.gz", work / f"bench-{args.times}x.warc.gz"
        n_small = build_warc(args.dataset, small, limit=args.limit)
        n_large = build_warc(args.dataset, large, times=args.times, limit=args.limit)
        print(f"WARCs: {n_small} pages ({small.stat().st_size / 2**20:.1f} MiB), "
              f"{n_large} pages ({large.stat().st_size / 2**20:.1f} MiB); {cores} cores")

        def ingest_run(warc: Path, workers: int, tag: str) -> dict:
            corpus = work / f"{tag}.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{corpus}{suffix}").unlink(missing_ok=True)
            return run_child("ingest", str(warc), str(corpus), str(workers))

        ours = best([ingest_run(small, 1, "ours") for _ in range(args.repeat)])
        try:
            import trafilatura  # noqa: F401

            theirs: dict | None = best([run_child("trafilatura", str(small)) for _ in range(args.repeat)])
            peer_runs = []
            for i in range(args.repeat):
                peer_db = work / f"peer{i}.sqlite"
                peer_runs.append(run_child("trafilatura-store", str(small), str(peer_db)))
            peer: dict | None = best(peer_runs)
        except ImportError:
            theirs = peer = None
        big = ingest_run(large, 1, "large")
        scaling = {n: best([ingest_run(large, n, f"w{n}") for _ in range(args.repeat)]) for n in counts}

    results = {
        "pages_1x": n_small,
        "pages_large": n_large,
        "docs_per_s_broadsheet_1_worker": round(rate(ours), 2),
        "docs_per_s_trafilatura_pipeline": round(rate(peer), 2) if peer else None,
        "throughput_ratio": round(rate(ours) / rate(peer), 2) if peer else None,
        "docs_per_s_trafilatura_reading_loop": round(rate(theirs), 2) if theirs else None,
        "throughput_ratio_vs_reading_loop": round(rate(ours) / rate(theirs), 2) if theirs else None,
        "peak_rss_mib_1x": round(ours["maxrss_kb"] / 1024, 1),
        f"peak_rss_mib_{args.times}x": round(big["maxrss_kb"] / 1024, 1),
        "rss_ratio": round(big["maxrss_kb"] / ours["maxrss_kb"], 2),
        "docs_per_s_by_workers": {n: round(rate(r), 2) for n, r in scaling.items()},
        "speedup_by_workers": {n: round(rate(r) / rate(scaling[counts[0]]), 2) for n, r in scaling.items()},
        "counts_1x": ours["stats"],
        f"counts_{args.times}x": big["stats"],
    }
    print(f"throughput, 1 worker: broadsheet {results['docs_per_s_broadsheet_1_worker']} docs/s"
          + (f", the same pipeline on trafilatura {results['docs_per_s_trafilatura_pipeline']} docs/s, "
             f"ratio {results['throughput_ratio']}x (target >= 3); trafilatura reading loop alone "
             f"{results['docs_per_s_trafilatura_reading_loop']} docs/s, ratio "
             f"{results['throughput_ratio_vs_reading_loop']}x" if theirs else ", trafilatura not installed"))
    print(f"peak RSS: 1x {results['peak_rss_mib_1x']} MiB, {args.times}x {results[f'peak_rss_mib_{args.times}x']} MiB, "
          f"ratio {results['rss_ratio']} (target <= 1.5)")
    print("workers: " + ", ".join(f"{n}: {results['docs_per_s_by_workers'][n]} docs/s "
                                  f"({results['speedup_by_workers'][n]}x)" for n in counts) + " (target: 2 workers >= 1.7x)")
    for tag in ("1x", f"{args.times}x"):
        c = results[f"counts_{tag}"]
        print(f"counts {tag}: {c['pages']} pages, {c['articles']} articles, duplicates {c['duplicates']}, "
              f"skipped {c['skipped']}, errors {c['errors']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
