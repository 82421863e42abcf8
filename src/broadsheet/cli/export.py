"""`broadsheet export`: the corpus as JSONL, Parquet, Markdown or plain text for training."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from broadsheet.corpus import DEFAULT_PATH
from broadsheet.errors import InputError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the corpus as jsonl, parquet, markdown or corpus (plain text)",
        description="Write the corpus's articles (duplicates left out unless --with-duplicates). "
        "jsonl and parquet have the same columns; markdown writes one .md file per article "
        "into a folder (or one file if --out ends in .md); corpus is plain text: "
        "'date YYYY-MM-DD URL', title, body, articles separated by form feeds.",
    )
    p.add_argument("--corpus", default=DEFAULT_PATH, help=f"the SQLite corpus (default: {DEFAULT_PATH})")
    p.add_argument("--format", required=True, choices=("jsonl", "parquet", "markdown", "corpus"))
    p.add_argument("--out", required=True, metavar="PATH", help="file, folder (markdown), - for stdout, or an fsspec URL")
    p.add_argument("--site", help="only this site (site name or host, e.g. bbc.co.uk)")
    p.add_argument("--language", help="only this language (BCP-47 primary tag, e.g. en)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on or before this day")
    p.add_argument("--with-duplicates", action="store_true", help="also write duplicates (as pointer records)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from broadsheet.cli import writing
    from broadsheet.corpus import Corpus
    from broadsheet.corpus.export import check_out, check_url, corpus_files, export

    for name in ("since", "until"):
        value = getattr(args, name)
        if value and not _DAY.match(value):
            raise InputError(f"--{name} {value!r}: give a day as YYYY-MM-DD")
    check_out(args.out, corpus_files(args.corpus))  # before the corpus is even opened
    if "://" in args.out:
        check_url(args.out)
    if not Path(args.corpus).exists():
        raise InputError(f"{args.corpus}: no corpus here; create one with `broadsheet ingest` or give --corpus")
    with Corpus(args.corpus) as corpus, writing(args.out):
        records = corpus.records(
            with_duplicates=args.with_duplicates,
            site=args.site,
            language=args.language,
            since=args.since,
            until=args.until,
        )
        count = export(records, args.format, args.out, protect=corpus_files(args.corpus))
    print(f"broadsheet: exported {count} articles to {args.out}", file=sys.stderr)
    return 0
