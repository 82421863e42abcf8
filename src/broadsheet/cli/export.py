"""`broadsheet export`: the corpus as JSONL, Parquet, Markdown or plain text for training."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from broadsheet.corpus import DEFAULT_PATH
from broadsheet.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the corpus as jsonl, parquet, markdown or corpus (plain text)",
        description="Write the corpus's articles (duplicates left out unless --with-duplicates). "
        "jsonl and parquet have the same columns (the README's schema table): the page's own date "
        "strings and typed ones (published_at, modified_at in UTC, with the page's UTC offset in "
        "minutes); markdown writes one .md file per article "
        "into a folder (or one file if --out ends in .md); corpus is plain text: "
        "'date YYYY-MM-DD URL', title, body, articles separated by form feeds.",
    )
    p.add_argument("--corpus", default=DEFAULT_PATH, help=f"the SQLite corpus (default: {DEFAULT_PATH})")
    p.add_argument("--format", required=True, choices=("jsonl", "parquet", "markdown", "corpus"))
    p.add_argument("--out", required=True, metavar="PATH", help="file, folder (markdown), - for stdout, or an fsspec URL")
    p.add_argument("--site", help="only this site: its name, or a host, which matches its subdomains too "
                   "(paper.example: www.paper.example, sport.paper.example)")
    p.add_argument("--language", help="only this language: a BCP-47 tag (en matches en and en-GB; de-DE matches "
                   "de-DE and de)")
    p.add_argument("--since", metavar="DATE", help="only articles published in or after this year, month or day "
                   "(2020, 2020-05, 2020-05-01)")
    p.add_argument("--until", metavar="DATE", help="only articles published in or before this year, month or day")
    p.add_argument("--with-duplicates", action="store_true", help="also write duplicates (as pointer records)")
    p.add_argument("--columns", metavar="A,B,...", help="jsonl and parquet: only these columns, in this order")
    p.add_argument("--no-blocks", action="store_true", help="jsonl and parquet: leave out the blocks column "
                   "(the body's structure; text stays)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from broadsheet.cli import writing
    from broadsheet.corpus import Corpus
    from broadsheet.corpus.export import check_columns, check_out, check_url, corpus_files, export
    from broadsheet.corpus.records import EXPORT_FIELDS
    from broadsheet.corpus.store import check_period

    for name in ("since", "until"):
        value = getattr(args, name)
        if value:
            check_period(value, name)
    columns: list[str] | None = None
    if args.columns is not None or args.no_blocks:
        if args.format not in ("jsonl", "parquet"):
            raise InputError(f"--columns and --no-blocks are for jsonl and parquet; {args.format} needs whole records")
        columns = list(check_columns(args.columns.split(","))) if args.columns is not None else list(EXPORT_FIELDS)
        if args.no_blocks:
            columns = [c for c in columns if c != "blocks"]
    check_out(args.out, corpus_files(args.corpus))  # before the corpus is even opened
    if "://" in args.out:
        check_url(args.out)
    if not Path(args.corpus).exists():
        raise InputError(f"{args.corpus}: no corpus here; create one with `broadsheet ingest` or give --corpus")
    from broadsheet.run.interrupt import UNFINISHED, stopping

    # stopping(): SIGTERM (timeout, systemd, kill) unwinds as Ctrl-C does, so `replacing`
    # removes its temporary file instead of the process dying with it left beside --out.
    with stopping(*UNFINISHED), Corpus(args.corpus) as corpus, writing(args.out):
        records = corpus.records(
            with_duplicates=args.with_duplicates,
            site=args.site,
            language=args.language,
            since=args.since,
            until=args.until,
        )
        count = export(records, args.format, args.out, protect=corpus_files(args.corpus), columns=columns)
    print(f"broadsheet: exported {count} articles to {args.out}", file=sys.stderr)
    return 0
