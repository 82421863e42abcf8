"""The `broadsheet` command: a thin layer over the Python API.

Each subcommand lives in its own module of this package and exposes
`register(subparsers)`; modules are found by name, so adding a command touches one file.
User errors end with one readable line on stderr and a non-zero exit, never a traceback:
BroadsheetError (2), a missing or unreadable input (2), a failed write (`writing()` turns
an OSError into "cannot write PATH: reason"; standard output is flushed before the exit
code is decided, so a full disk behind `>` is reported too), text that is not valid UTF-8
(2), and anything unforeseen (1, "unexpected ..."; `-v` shows the traceback).
"""
from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import pkgutil
import sys
import traceback
from contextlib import contextmanager
from typing import Iterator

from broadsheet.errors import BroadsheetError

EXIT_USER_ERROR = 2
EXIT_UNEXPECTED = 1


class CannotWrite(BroadsheetError):
    """An output file, folder or stream could not be written (full disk, no permission...)."""


@contextmanager
def writing(target: str) -> Iterator[None]:
    """Report an OSError inside the block as "cannot write TARGET: reason" (not as a read)."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        where = "standard output" if target == "-" else str(exc.filename or target)
        raise CannotWrite(f"cannot write {where}: {exc.strerror or exc}") from None


def _text(value: object) -> str:
    """Bytes an argument held that are not UTF-8, shown as escapes (b'caf\\xe9')."""
    if isinstance(value, str):
        return repr(value.encode("utf-8", "surrogateescape"))
    return repr(value)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will be flushed at exit


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
        code = int(args.func(args) or 0)
        with writing("-"):
            sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader went away (`| head`): not an error
        _quiet_stdout()
        return 0
    except CannotWrite as exc:
        _error(str(exc))
        _quiet_stdout()
        return EXIT_USER_ERROR
    except BroadsheetError as exc:
        _error(str(exc))
        return EXIT_USER_ERROR
    except FileNotFoundError as exc:
        _error(f"no such file: {str(exc.filename)}" if exc.filename else f"no such file: {exc.strerror}")
        return EXIT_USER_ERROR
    except (IsADirectoryError, PermissionError) as exc:
        _error(f"cannot read {exc.filename or ''}: {exc.strerror}")
        return EXIT_USER_ERROR
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG):
            _error(f"cannot write{' ' + str(exc.filename) if exc.filename else ''}: {exc.strerror}")
            _quiet_stdout()
        else:
            _error(f"{str(exc.filename) + ': ' if exc.filename else ''}{exc.strerror or exc}")
        return EXIT_USER_ERROR
    except UnicodeError as exc:
        bad = exc.object[exc.start:exc.end] if isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError)) else ""
        _error(f"text that is not valid UTF-8 ({_text(bad)}): give UTF-8 arguments and files")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("broadsheet: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, or an exhausted machine (MemoryError): still one line
        if args.verbose:
            traceback.print_exc()
        _error(f"unexpected {type(exc).__name__}: {exc}" + ("" if args.verbose else " (run with -v for the traceback)"))
        return EXIT_UNEXPECTED


def _error(message: str) -> None:
    """One line on stderr (never a second traceback, whatever the message holds)."""
    text = " ".join(f"broadsheet: error: {message}".split("\n"))
    try:
        print(text, file=sys.stderr)
    except (OSError, ValueError):
        pass
