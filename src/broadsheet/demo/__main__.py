"""`python -m broadsheet.demo [OUT_DIR]`: the main job, offline, in a few seconds.

Serves the bundled sample news site (two papers, two loopback hosts) and crawls it into a
fresh corpus with the same progress bar and summary as `broadsheet crawl`, then exports
JSONL and Parquet, runs one search, and ends with the paths it wrote (default folder:
`demo-output`) and the `broadsheet serve` command that shows the corpus in a browser.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.corpus.export import export
from broadsheet.crawl import CrawlConfig, crawl
from broadsheet.demo.server import SiteServer
from broadsheet.demo.site import PAGES, build_routes, demo_sites
from broadsheet.errors import BroadsheetError

__all__ = ["PAGES", "main"]

QUERY = "harbour"


def _fresh(corpus: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{corpus}{suffix}").unlink(missing_ok=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m broadsheet.demo",
        description="Crawl the bundled offline sample site into a fresh corpus, export it and search it.")
    parser.add_argument("out", nargs="?", default="demo-output",
                        help="folder for the corpus and the exports (default: demo-output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the demo; an OUT that cannot be used (a file, a folder in the corpus's place, no
    permission) is one line on stderr and exit status 2, as for `broadsheet`."""
    # A parser, not argv[1]: `--help` once made a folder named "--help".
    out = Path(_parser().parse_args(sys.argv[1:] if argv is None else argv).out)
    try:
        return _demo(out)
    except BroadsheetError as exc:
        print(f"demo: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"demo: error: cannot write {exc.filename or out}: {exc.strerror or exc} (give another OUT folder)",
              file=sys.stderr)
        return 2


def _demo(out: Path) -> int:
    if out.exists() and not out.is_dir():
        raise BroadsheetError(f"{out} is a file: give a folder (new or existing) for the demo's files")
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "demo.sqlite"
    for path in (corpus, out / "articles.jsonl", out / "articles.parquet"):
        if path.is_dir():
            raise BroadsheetError(f"{path} is a folder where the demo writes a file; move it or give another OUT")
    _fresh(corpus)
    started = time.monotonic()
    ledger, anzeiger = demo_sites()
    ledger.crawl_delay = 0.1  # robots.txt asks for more than the crawl's own delay: it wins
    with SiteServer() as a, SiteServer() as b:
        for site, server, partner in ((ledger, a, b), (anzeiger, b, a)):
            routes, fallback = build_routes(site, server.base_url, partner_url=partner.base_url)
            server.routes.update(routes)
            server.fallback = fallback
            print(f"demo: serving {site.name} at {server.base_url}/")
        result = crawl([a.base_url + "/", b.base_url + "/"], corpus=corpus,
                       config=CrawlConfig(delay=0.05, trust_env=False), progress=None)
    for line in result.summary_lines():
        print(line)
    jsonl, parquet = out / "articles.jsonl", out / "articles.parquet"
    with Corpus(corpus) as store:
        n_jsonl = export(store.records(), "jsonl", str(jsonl))
        n_parquet = export(store.records(), "parquet", str(parquet))
        hits = store.search(QUERY, limit=3)
    print(f"export: {n_jsonl} records to {jsonl}, {n_parquet} to {parquet}")
    print(f'search "{QUERY}": {len(hits)} hits')
    for rank, hit in enumerate(hits, 1):
        print(f"  {rank}. {hit.title}  [{(hit.date_published or '')[:10]}]\n     {hit.url}\n     {hit.snippet}")
    print(f"demo: done in {time.monotonic() - started:.1f}s; wrote:")
    for path in (corpus, jsonl, parquet):
        print(f"  {path}")
    print(f"demo: to look through it in a browser, run:\n  {serve_command(corpus)}")
    return 0 if n_jsonl else 1


def serve_command(corpus: Path) -> str:
    """The `broadsheet serve` command for this corpus, as this Python's environment runs it."""
    script = Path(sys.executable).with_name("broadsheet")
    if shutil.which("broadsheet") == str(script) or not script.exists():
        program = "broadsheet" if script.exists() else f"{sys.executable} -m broadsheet"
    else:  # installed in a virtual environment that is not on PATH (make demo's .venv)
        program = os.path.relpath(script) if not os.path.relpath(script).startswith("..") else str(script)
    return f"{program} serve --corpus {shlex.quote(str(corpus))}"


if __name__ == "__main__":
    sys.exit(main())
