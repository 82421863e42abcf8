"""The `broadsheet` command: a thin layer over the Python API.

Each subcommand lives in its own module of this package and exposes
`register(subparsers)`; modules are found by name, so adding a command touches one file.
User errors end with one readable line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from broadsheet.errors import BroadsheetError

EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="broadsheet",
        description="Turn news pages, sites, feeds and web archives into clean article records.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="broadsheet: %(levelname)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except BroadsheetError as exc:
        print(f"broadsheet: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except FileNotFoundError as exc:
        print(f"broadsheet: error: no such file: {exc.filename}", file=sys.stderr)
        return EXIT_USER_ERROR
    except (IsADirectoryError, PermissionError) as exc:
        print(f"broadsheet: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("broadsheet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
