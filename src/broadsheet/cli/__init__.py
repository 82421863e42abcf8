"""The `broadsheet` command: a thin layer over the Python API.

Each subcommand lives in its own module of this package and exposes
`register(subparsers)`; modules are found by name, so adding a command touches one file.

Exit status, the same for every command (`EXIT_STATUS`, shown under each `--help`):
0 everything went well; 1 (`EXIT_FAILED`) some inputs failed: an input the command was
given to read (extract's PATH|URL, ingest's SOURCE, crawl's URL, repair's FILE) is missing,
unreadable, not HTML or could not be fetched, or nothing at all came of it, while the rest
was done; also anything unforeseen ("unexpected ...", `-v` shows the traceback); 2
(`EXIT_USAGE`) the command cannot run as given: a wrong option or value, or a corpus or
output that cannot be used (argparse's own errors are 2 too). A command reports a failed
input itself (`input_failed`) and goes on; errors that reach `main` are usage errors:
BroadsheetError, a missing or unreadable file, a failed write (`writing()` turns an OSError
into "cannot write PATH: reason"; standard output is flushed before the exit code is
decided, so a full disk behind `>` is reported too), text that is not valid UTF-8. Each
ends with one readable line on stderr, never a traceback. 130 (`EXIT_SIGINT`) and 143
(`EXIT_SIGTERM`), the shell's 128 + signal: the command was interrupted; ingest and crawl
first commit what was done and print its true summary (`broadsheet.run.interrupt`).
"""
from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import pkgutil
import stat
import sys
import traceback
from contextlib import contextmanager
from typing import Iterable, Iterator

from broadsheet import __version__
from broadsheet.errors import BroadsheetError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SIGINT = 130  # 128 + SIGINT: Ctrl-C
EXIT_SIGTERM = 143  # 128 + SIGTERM
EXIT_USER_ERROR = EXIT_USAGE  # older names
EXIT_UNEXPECTED = EXIT_FAILED

EXIT_STATUS = (
    "exit status: 0 everything went well; 1 some inputs failed (a file or source missing, "
    "unreadable or not HTML, a URL that could not be fetched, or nothing came of them) while "
    "the rest was done, or an unexpected error; 2 usage: a wrong option or value, or a corpus "
    "or output that cannot be used; 130 interrupted (Ctrl-C, SIGINT), 143 terminated (SIGTERM): "
    "ingest and crawl commit what was done first, and running them again resumes."
)


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


def clashing_input(out: str, inputs: Iterable[str]) -> str | None:
    """The input that writing `out` would destroy: the same file (by inode too), or a folder
    it lies in where the folder reader would take it for a page or a `urls.tsv`; else None.

    Checked before `out` is opened: opening it for writing empties it at once.
    """
    from broadsheet.sources.files import SIDECAR, is_html_file

    if out == "-" or not out or "://" in out:
        return None
    real = os.path.realpath(out)
    try:
        found = os.stat(out)
    except OSError:
        found = None
    # A file with other hard links may be a page of a source folder under another name.
    linked = None
    if found is not None and stat.S_ISREG(found.st_mode) and found.st_nlink > 1:
        linked = (found.st_dev, found.st_ino)
    for source in inputs:
        if source == "-" or "://" in source or not os.path.exists(source):
            continue
        if os.path.isdir(source):
            inside = os.path.commonpath([real, os.path.realpath(source)]) == os.path.realpath(source)
            if inside and (is_html_file(out) or os.path.basename(out) == SIDECAR):
                return source
            if linked is not None and _holds(source, linked):
                return source
            continue
        try:
            if real == os.path.realpath(source) or (os.path.exists(out) and os.path.samefile(out, source)):
                return source
        except OSError:
            continue
    return None


def _holds(folder: str, inode: tuple[int, int]) -> bool:
    """Whether a file in `folder` (or below; through symlinks to files, not to folders) is
    the file `inode` (st_dev, st_ino): a hard link to it."""
    pending = [folder]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                info = entry.stat()
            except OSError:
                continue
            if (info.st_dev, info.st_ino) == inode:
                return True
    return False


def _text(value: object) -> str:
    """Bytes an argument held that are not UTF-8, shown as escapes (b'caf\\xe9')."""
    if isinstance(value, str):
        try:
            return repr(value.encode("utf-8", "surrogateescape"))
        except UnicodeEncodeError:  # a lone surrogate no byte stands for (a JSON "\ud800"): as an escape
            return ascii(value)
    return repr(value)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will be flushed at exit


def input_failed(where: str, message: object) -> None:
    """Report one input that failed (the command goes on and ends with `EXIT_FAILED`)."""
    text = str(message)
    _error(text if where and text.startswith(where) else f"{where}: {text}" if where else text)


def _add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="store_true", default=default, help="log progress details")
    group.add_argument("-q", "--quiet", action="store_true", default=default,
                       help="errors only: no progress bar, no warnings")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="broadsheet",
        description="Turn news pages, sites, feeds and web archives into clean article records.",
        epilog=EXIT_STATUS,
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    _add_verbosity(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    for command in sub.choices.values():  # the same status and -v/-q after every command
        command.epilog = f"{command.epilog}  {EXIT_STATUS}" if command.epilog else EXIT_STATUS
        # SUPPRESS: given before the command, the value stands unless repeated after it
        _add_verbosity(command, argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; a Ctrl-C while its modules still load ends it as one during the command does."""
    try:
        from broadsheet.cli._early import prestart_for

        prestart_for(sys.argv[1:] if argv is None else argv)  # an ingest's worker server, before the imports
        return _main(argv)
    except KeyboardInterrupt as exc:
        print("broadsheet: interrupted", file=sys.stderr)
        return int(getattr(exc, "exit_code", EXIT_SIGINT))


def _main(argv: list[str] | None) -> int:
    from broadsheet.extract.meta.fallback import quiet_htmldate

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose and args.quiet:
        parser.error("-v/--verbose and -q/--quiet cannot be used together")
    if args.quiet and hasattr(args, "no_progress"):
        args.no_progress = True
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING,
        format="broadsheet: %(levelname)s: %(message)s",
    )
    quiet_htmldate(verbose=args.verbose)
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
        return EXIT_USAGE
    except BroadsheetError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except FileNotFoundError as exc:
        _error(f"no such file: {str(exc.filename)}" if exc.filename else f"no such file: {exc.strerror}")
        return EXIT_USAGE
    except (IsADirectoryError, PermissionError) as exc:
        _error(f"cannot read {exc.filename or ''}: {exc.strerror}")
        return EXIT_USAGE
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG):
            _error(f"cannot write{' ' + str(exc.filename) if exc.filename else ''}: {exc.strerror}")
            _quiet_stdout()
        else:
            _error(f"{str(exc.filename) + ': ' if exc.filename else ''}{exc.strerror or exc}")
        return EXIT_USAGE
    except UnicodeError as exc:
        bad = exc.object[exc.start:exc.end] if isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError)) else ""
        _error(f"text that is not valid UTF-8 ({_text(bad)}): give UTF-8 arguments and files")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # `Interrupted` (run.interrupt) knows its signal
        print("broadsheet: interrupted", file=sys.stderr)
        return int(getattr(exc, "exit_code", EXIT_SIGINT))
    except Exception as exc:  # a bug, or an exhausted machine (MemoryError): still one line
        if args.verbose:
            traceback.print_exc()
        _error(f"unexpected {type(exc).__name__}: {exc}" + ("" if args.verbose else " (run with -v for the traceback)"))
        return EXIT_FAILED


def _error(message: str) -> None:
    """One line on stderr (never a second traceback, whatever the message holds)."""
    text = " ".join(f"broadsheet: error: {message}".split("\n"))
    try:
        print(text, file=sys.stderr)
    except (OSError, ValueError):
        pass
