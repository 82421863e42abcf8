"""`broadsheet repair FILE`: flattened text records (even dirty ones) back to article records."""
from __future__ import annotations

import argparse
import io
import itertools
import sys
from pathlib import Path

from broadsheet.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "repair",
        help="read flattened text records back into article records",
        description="Read records of the shape 'date YYYY-MM-DD URL', title, body (separated by form "
        "feeds), including dirty dumps with repeated lines, leaked XPath selectors, image sizes "
        "and publisher blocks, and write clean records: JSON Lines, or the clean text format. "
        "An HTML page is refused: use `broadsheet extract` for pages.",
    )
    p.add_argument("file", metavar="FILE", help="the flattened text file (- for stdin)")
    p.add_argument("--format", choices=("jsonl", "corpus"), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--out", default="-", metavar="PATH", help="output file, or an fsspec URL (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from broadsheet.cli import EXIT_FAILED, EXIT_OK, clashing_input, input_failed, writing
    from broadsheet.corpus.export import check_url, corpus_text, json_line, local_path, text_out
    from broadsheet.corpus.repair import repair_file
    from broadsheet.run.interrupt import UNFINISHED, stopping

    if args.file != "-" and not Path(args.file).is_file():
        what = "is a folder" if Path(args.file).is_dir() else "no such file"
        input_failed(args.file, f"{what} (give a text file of flattened records)")
        return EXIT_FAILED
    if "://" in args.out:
        check_url(args.out)  # before anything is read: an unknown protocol or a missing package
    local = local_path(args.out)  # a file:// URL (or local://) names a local file too
    if local is not None and clashing_input(local, [args.file]):  # opening --out empties it while it is still being read
        raise InputError(f"--out {args.out} is the input {args.file}: writing it would destroy it; give another file")
    if args.file == "-":  # bytes that are not UTF-8 become U+FFFD, as for files
        source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if hasattr(sys.stdin, "buffer") else sys.stdin
    else:
        source = open(args.file, encoding="utf-8", errors="replace")
    count = 0
    try:
        records = repair_file(source, "" if args.file == "-" else args.file)
        try:
            first = next(records, None)  # an HTML page is refused here, before --out is created
        except InputError as exc:
            input_failed("", exc)
            return EXIT_FAILED
        # stopping(): SIGTERM unwinds as Ctrl-C does, so `replacing` removes its temporary file.
        with stopping(*UNFINISHED), writing(args.out), text_out(args.out) as out:  # a file or URL: renamed over --out once complete
            for record in itertools.chain([first] if first is not None else [], records):
                if args.format == "jsonl":
                    out.write(json_line(record))
                else:
                    out.write(("\f\n" if count else "") + corpus_text(record))
                count += 1
    finally:
        if args.file != "-":
            source.close()
        elif isinstance(source, io.TextIOWrapper) and source is not sys.stdin:
            source.detach()  # leave sys.stdin's buffer open
    if not count:
        input_failed(args.file if args.file != "-" else "standard input", "no records in it (repaired 0)")
        return EXIT_FAILED
    print(f"broadsheet: repaired {count} records", file=sys.stderr)
    return EXIT_OK
