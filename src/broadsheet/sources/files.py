"""Folders of saved pages (.html, .htm, .xhtml, and the same gzipped) as a stream of Pages.

Files are visited in sorted order (folder by folder, so a huge tree is never listed at
once); `origin` is the file path. An unreadable or damaged file is logged and counted,
and the walk goes on.

Only regular files are read (symlinks followed): a FIFO named `page.html` would block the
walk forever and a link to /dev/zero would never end, so anything else is counted as
"not a regular file". The size on disk is not trusted either (it changes, and says
nothing about a gzipped page): every read stops at `MAX_FILE_BYTES`, and a `.html.gz` is
inflated as a stream that stops at the same cap (`broadsheet.inflate.gunzip`), so a 1 MB
file holding 1 GiB costs 16 MB. Over the cap, the file is ignored as "file too large".
A gzip file cut short gives the part of the page it holds.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from broadsheet.errors import InputError
from broadsheet.inflate import BadEncoding, TooLarge, gunzip
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents

SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
#: The most bytes read from one file, and the most a gzipped page may inflate to.
MAX_FILE_BYTES = 16 * 1024 * 1024
_READ = 1 << 20


class NotRegularFile(InputError):
    """The path names a FIFO, a device, a socket or a folder, not a file of bytes."""


def is_html_file(path: str | Path) -> bool:
    """Whether the name says this is a saved page."""
    return str(path).lower().endswith(SUFFIXES)


def html_files(folder: str | Path, events: Events | None = None) -> Iterator[Path]:
    """Saved pages under `folder`, sorted, hidden files and folders left out."""
    events = events or LogEvents()

    def unreadable(exc: OSError) -> None:
        events.error("unreadable folder", str(exc.filename), exc.strerror or str(exc))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and is_html_file(name):
                yield Path(root, name)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (for messages)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_capped(path: str | Path, limit: int = MAX_FILE_BYTES, *, regular_only: bool = True) -> bytes:
    """The bytes of one file, never more than `limit` (TooLarge past it).

    With `regular_only`, a path that is not a regular file once symlinks are followed
    raises NotRegularFile without being read: it is checked before opening (so a device
    is never opened), opened non-blocking (so a FIFO cannot hang the open) and checked
    again on the open descriptor (the path may have changed in between). OSError as usual.
    """
    if regular_only:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is {file_kind(mode)}, not a file")
    flags = os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | (getattr(os, "O_NONBLOCK", 0) if regular_only else 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if regular_only and not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is {file_kind(mode)}, not a file")
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            piece = os.read(fd, min(_READ, limit + 1 - total))
            if not piece:
                break
            chunks.append(piece)
            total += len(piece)
        if total > limit:
            raise TooLarge(f"{path} holds more than {limit} bytes", limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_page(path: Path, events: Events | None = None) -> Page | None:
    """The Page of one saved file, or None (counted) if it cannot be read."""
    events = events or LogEvents()
    try:
        data = read_capped(path, MAX_FILE_BYTES)
    except TooLarge:
        events.ignore("file too large")
        return None
    except NotRegularFile as exc:
        events.error("not a regular file", str(path), str(exc))
        return None
    except OSError as exc:
        events.error("unreadable file", str(path), exc.strerror or str(exc))
        return None
    try:
        data = gunzip(data, MAX_FILE_BYTES)
    except TooLarge:
        events.ignore("file too large")
        return None
    except BadEncoding as exc:
        events.error("damaged gzip file", str(path), str(exc))
        return None
    return Page(url=None, content=data, headers={}, fetched_at=None, origin=str(path))


def iter_folder(folder: str | Path, events: Events | None = None) -> Iterator[Page]:
    """Every readable saved page under `folder`, in sorted order."""
    for path in html_files(folder, events):
        page = read_page(path, events)
        if page is not None:
            yield page
