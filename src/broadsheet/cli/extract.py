"""`broadsheet extract PATH|URL|- ...`: print the article record of each input."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from broadsheet.errors import BroadsheetError, InputError
from broadsheet.extract import extract_page
from broadsheet.inflate import BadEncoding, TooLarge, gunzip
from broadsheet.model import Article, Page
from broadsheet.sources.files import MAX_FILE_BYTES, read_capped

FORMATS = ("json", "jsonl", "markdown", "text")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract article records from HTML files, URLs or stdin",
        description="Extract the article record of each input: a file (.html, .html.gz), "
        "an http(s) URL, or - for standard input.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    p.add_argument("--url", help="the page's URL, for a file or stdin (resolves relative links)")
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    p.set_defaults(func=run)


def load(source: str, url: str | None) -> Page:
    """A Page from a path, URL or '-' (stdin)."""
    if source.startswith(("http://", "https://")):
        from broadsheet.sources.fetch import fetch

        return fetch(source)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # never more than the cap, whatever is piped in
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"standard input holds more than {MAX_FILE_BYTES // 2**20} MB: too large for a page")
        return Page(url=url, content=_inflated(data, "standard input"), origin="stdin")
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source} is a folder; give HTML files (or use `broadsheet ingest` for folders)")
    if not path.exists():
        raise InputError(f"{source}: no such file")
    try:  # a pipe (`<(zcat page.gz)`) is read too, but no file past the cap (/dev/zero never ends)
        data = read_capped(path, MAX_FILE_BYTES, regular_only=False)
    except TooLarge:
        raise InputError(f"{source} holds more than {MAX_FILE_BYTES // 2**20} MB: too large for a page") from None
    return Page(url=url, content=_inflated(data, source), origin=str(path))


def _inflated(data: bytes, where: str) -> bytes:
    """A gzipped page (.html.gz) inflated up to the cap; other bytes as they are."""
    try:
        return gunzip(data, MAX_FILE_BYTES)
    except TooLarge:
        raise InputError(f"{where} inflates to more than {MAX_FILE_BYTES // 2**20} MB: too large for a page") from None
    except BadEncoding as exc:
        raise InputError(f"{where} is a damaged gzip file ({exc})") from None


def render(article: Article, fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(article.to_dict(), ensure_ascii=False)
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return article.to_markdown()
    return article.text + "\n"


def _emit(text: str) -> None:
    """Write to standard output; a failure there (a full disk behind `>`) is a write error."""
    from broadsheet.cli import writing

    with writing("-"):
        sys.stdout.write(text)


def run(args: argparse.Namespace) -> int:
    failures = 0
    many = len(args.inputs) > 1
    outputs: list[dict] = []
    for source in args.inputs:
        try:
            page = load(source, args.url)
            article = extract_page(page)
        except (BroadsheetError, OSError) as exc:
            if not many:
                raise
            failures += 1
            print(f"broadsheet: error: {source}: {exc}", file=sys.stderr)
            continue
        if args.format == "json" and many:
            outputs.append(article.to_dict())
        else:
            _emit(render(article, args.format) + ("\n" if args.format != "text" else ""))
    if outputs:
        _emit(json.dumps(outputs, ensure_ascii=False, indent=2) + "\n")
    return 1 if failures else 0
