"""`broadsheet ingest SOURCE...`: WARC files, folders of pages and URL lists into the corpus."""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from typing import IO

from broadsheet.corpus import DEFAULT_PATH, DEFAULT_THRESHOLD
from broadsheet.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="extract, deduplicate and store pages from WARC files, folders and URL lists",
        description="Stream pages from each SOURCE through extract -> keep/skip -> dedup -> store. "
        "SOURCE: a WARC file (.warc, .warc.gz), a folder of .html/.htm/.html.gz files, or a "
        "file of URLs (one per line). In a folder, a urls.tsv (lines 'path<TAB>URL', paths "
        "relative to its folder) gives the pages their URLs; without one, the canonical URL a "
        "page states is used. Running the same command again resumes where the last "
        "run stopped and adds nothing twice. Exit status 1 when a SOURCE could not be used, or "
        "when no page at all could be read while some failed (every URL of a list); pages "
        "that fail inside a usable source are counted in the summary. Every page not stored "
        "is a row of the corpus's rejects table (and of --rejects). Ctrl-C or SIGTERM commits "
        "what is done, prints the summary and exits 130 or 143; run it again to resume.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--corpus", default=DEFAULT_PATH, help=f"the SQLite corpus (default: {DEFAULT_PATH})")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="extraction processes (default: one per core)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address, or 'local'")
    p.add_argument("--out", metavar="PATH", help="with --dask: where workers write Parquet shards (folder or fsspec URL)")
    p.add_argument(
        "--threshold", type=float, default=None,
        help=f"near-duplicate threshold (default: the corpus's own; {DEFAULT_THRESHOLD} for a new corpus). Another "
        "value than the corpus's is refused unless --rekey",
    )
    p.add_argument("--rekey", action="store_true",
                   help="with --threshold: change the corpus's threshold, re-keying its near-duplicate index once "
                   "(no other process may write the corpus meanwhile)")
    p.add_argument("--min-chars", type=int, default=None, help="body characters below which a page has no body (default: 200)")
    p.add_argument("--delay", type=float, default=1.0, help="URL lists: seconds between requests to one host (default: 1)")
    p.add_argument("--retries", type=int, default=2, help="URL lists: retries after a failed fetch (default: 2)")
    add_page_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the counts as JSON on stdout at the end")
    p.set_defaults(func=run)


def add_page_options(p: argparse.ArgumentParser) -> None:
    """The options ingest and crawl share about which pages are kept and how."""
    p.add_argument("--language", metavar="CODE[,CODE]",
                   help="store only articles in these languages (de matches de and de-AT, de-DE matches de-DE "
                   "and a bare de, as export --language); the others are skipped \"language\"")
    p.add_argument("--rejects", metavar="FILE",
                   help="write one JSON line per page not stored (url, origin, reason, detail, time) to FILE "
                   "('-': standard output); the corpus keeps the same rows in its table rejects")
    p.add_argument("--no-profiles", action="store_true",
                   help="extract every page on its own, without the site profiles learned from a host's pages")


def language_option(value: str | None) -> tuple[str, ...]:
    """`--language` as tags; InputError for a value that is not one."""
    if value is None:
        return ()
    from broadsheet.run.keep import language_tags

    try:
        return language_tags(value)
    except ValueError as exc:
        raise InputError(f"--language: {exc}") from None


def check_threshold(value: float) -> None:
    """InputError for a `--threshold` out of (0, 1), or too close to 1 for the index to have bands."""
    if not 0.0 < value < 1.0:
        raise InputError(f"--threshold must be between 0 and 1, not {value}")
    from broadsheet.corpus.dedup import lsh_shape

    try:
        lsh_shape(value)
    except ValueError as exc:
        raise InputError(f"--threshold {value}: {exc}") from None


def open_rejects(args: argparse.Namespace, stack: ExitStack) -> IO[str] | None:
    """`--rejects FILE` opened for writing (before the run starts: an unwritable path is a usage error).

    Refused before anything is opened when FILE is the corpus (or its -wal/-shm/-journal) or
    an input: opening it for writing empties it, and SQLite would take the empty file for a
    new corpus.
    """
    if not args.rejects:
        return None
    if args.rejects == "-":
        if args.json:
            raise InputError("--rejects - and --json both write to standard output: give --rejects a file")
        return sys.stdout
    from broadsheet.cli import clashing_input, writing
    from broadsheet.corpus.export import check_out, corpus_files

    check_out(args.rejects, corpus_files(args.corpus), flag="--rejects")
    clash = clashing_input(args.rejects, getattr(args, "sources", ()))
    if clash is not None:
        raise InputError(f"--rejects {args.rejects} is the input {clash} or one of its pages: writing it would "
                         "destroy it; give another file")
    with writing(args.rejects):
        return stack.enter_context(open(args.rejects, "w", encoding="utf-8"))


def interrupted_message(exc: BaseException) -> str:
    """The closing line of a run stopped by a signal."""
    name = getattr(exc, "name", "SIGINT")
    return (f"broadsheet: interrupted ({name}): the counts above are committed; "
            "run the same command again to resume")


def run(args: argparse.Namespace) -> int:
    from broadsheet.run.prestart import discard, prestart

    if not args.dask and (args.workers is None or args.workers >= 1):
        prestart()  # the worker server imports the extractor while this process imports and opens its inputs
    else:
        discard()  # one `cli._early` started on a glance at the command line, for no pool
    from broadsheet.run.ingest import ingest
    from broadsheet.run.interrupt import Interrupted, stopping
    from broadsheet.run.keep import KeepRules
    from broadsheet.run.stats import Stats
    from broadsheet.sources.urls import FetchOptions

    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be 1 or more, not {args.workers}")
    if args.threshold is not None:
        check_threshold(args.threshold)
    elif args.rekey:
        raise InputError("--rekey changes the corpus's threshold to the one --threshold gives: add --threshold")
    if args.out and not args.dask:
        raise InputError("--out is where Dask workers write shards: use it with --dask (or use `broadsheet export`)")
    if args.out and "://" in args.out:
        from broadsheet.corpus.export import check_url

        check_url(args.out)  # before a cluster is started: an unknown protocol failed on every worker
    languages = language_option(args.language)
    rules = KeepRules(languages=languages) if args.min_chars is None else KeepRules(min_chars=args.min_chars,
                                                                                   languages=languages)
    stats = Stats()
    started = False
    interrupted: Interrupted | None = None
    with ExitStack() as stack:
        rejects = open_rejects(args, stack)
        try:
            with stopping():
                ingest(
                    args.sources,
                    args.corpus,
                    workers=args.workers,
                    dask=args.dask,
                    out=args.out,
                    threshold=args.threshold,
                    rekey=args.rekey,
                    rules=rules,
                    fetch=FetchOptions(delay=args.delay, retries=args.retries),
                    progress=False if args.no_progress else None,
                    stats=stats,
                    profiles=not args.no_profiles,
                    rejects=rejects,
                )
            started = True
        except Interrupted as exc:  # what was done is committed, and counted
            interrupted, started = exc, True
        finally:
            # After a failure, the counts only if something happened (not for a bad --corpus).
            if started or stats.pages or stats.errors or stats.ignored:
                print(f"broadsheet: {stats.summary()}", file=sys.stderr)
                if args.json:
                    print(json.dumps(stats.to_dict()))
    if interrupted is not None:
        print(interrupted_message(interrupted), file=sys.stderr)
        return interrupted.exit_code
    from broadsheet.cli import EXIT_FAILED, EXIT_OK

    if stats.failed or (stats.pages == 0 and stats.error_count > 0):
        what = "no source could be read" if stats.pages == 0 else "no page could be processed"
        print(f"broadsheet: error: {what} (see the messages above)", file=sys.stderr)
        return EXIT_FAILED
    if stats.failed_sources:
        unusable = ", ".join(stats.failed_sources)
        print(f"broadsheet: error: {len(stats.failed_sources)} of {stats.sources} sources could not be used: {unusable}",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
