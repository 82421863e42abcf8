"""`broadsheet extract PATH|URL|- ...`: print the article record of each input.

Output (to standard output, or `-o FILE`), one shape whatever the number of inputs:
  json      one input: the record as an indented JSON object; more inputs: JSON Lines,
            exactly as `jsonl` (so a JSON Lines reader reads every case)
  jsonl     one record a line
  markdown  front matter (url, title, authors, date, site, language, tags) and the body, as
            `export --format markdown` writes it; documents separated by a `---` line
  text      the body text; bodies separated by a line holding a form feed (\\f), so a form
            feed inside a body is written as a line break (as `export --format corpus` does)
  html      the body as clean HTML, one `<article>` element per input
An input that fails (missing, not HTML, not fetched) is reported on stderr and the others
go on; the exit status is then 1.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterator

from broadsheet.errors import BroadsheetError, InputError
from broadsheet.extract import extract_page
from broadsheet.inflate import BadEncoding, TooLarge, gunzip
from broadsheet.jsonlines import json_line
from broadsheet.model import Article, Page
from broadsheet.sources.files import MAX_FILE_BYTES, read_capped

FORMATS = ("json", "jsonl", "markdown", "text", "html")
#: What comes between two outputs of one format (json for many inputs is jsonl).
SEPARATORS = {"jsonl": "", "markdown": "\n---\n\n", "text": "\f\n", "html": ""}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="extract article records from HTML files, URLs or stdin",
        description="Extract the article record of each input: a file (.html, .html.gz), "
        "an http(s) URL, or - for standard input.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    p.add_argument("--url", help="the page's URL, for one file or stdin (resolves relative links; without it, "
                   "the canonical URL the page states is used)")
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="json (default; JSON Lines for more than one input), jsonl, markdown (with front matter), "
                   "text (bodies separated by a form feed line) or html (one <article> per input)")
    p.add_argument("-o", "--out", default="-", metavar="FILE", help="write to FILE instead of standard output")
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
    """One article in `fmt` (json: indented; every format ends with a newline)."""
    if fmt == "jsonl":
        return json_line(article.to_dict())
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        from broadsheet.corpus.export import markdown

        return markdown(article.to_dict())
    if fmt == "html":
        return article.to_html()
    from broadsheet.corpus.repair import unforgeable  # one text format: no separator inside a body

    return unforgeable(article.text) + "\n"


@contextlib.contextmanager
def _output(out: str) -> Iterator[IO[str]]:
    """Standard output or the `-o` file; a failure to write it is a write error (exit 2)."""
    from broadsheet.cli import writing

    with writing(out):
        if out == "-":
            yield sys.stdout
            return
        with open(out, "w", encoding="utf-8") as fh:
            yield fh


def _same_file(out: str, inputs: list[str]) -> str | None:
    if out == "-" or not os.path.exists(out):
        return None
    for source in inputs:
        if source != "-" and not source.startswith(("http://", "https://")) and os.path.exists(source):
            if os.path.samefile(out, source):
                return source
    return None


def run(args: argparse.Namespace) -> int:
    from broadsheet.cli import EXIT_FAILED, EXIT_OK, input_failed, writing

    many = len(args.inputs) > 1
    if args.url and many:
        raise InputError("--url names the URL of one page: give one input with it")
    clash = _same_file(args.out, args.inputs)
    if clash:
        raise InputError(f"-o {args.out} is the input {clash}: writing it would destroy it; give another file")
    fmt = "jsonl" if args.format == "json" and many else args.format
    failures = written = 0
    with _output(args.out) as out:
        for source in args.inputs:
            try:
                article = extract_page(load(source, args.url))
            except (BroadsheetError, OSError) as exc:
                failures += 1
                input_failed(source, _reason(source, exc))
                continue
            with writing(args.out):
                out.write((SEPARATORS.get(fmt, "") if written else "") + render(article, fmt))
            written += 1
    return EXIT_FAILED if failures else EXIT_OK


def _reason(source: str, exc: BaseException) -> str:
    """What went wrong with one input, in words."""
    if isinstance(exc, FileNotFoundError):
        return f"{source}: no such file"
    if isinstance(exc, OSError) and not isinstance(exc, BroadsheetError):
        return f"{source}: {exc.strerror or exc}"
    return str(exc)
