"""Folders of saved pages (.html, .htm, .xhtml, and the same gzipped) as a stream of Pages.

Files are visited in sorted order (folder by folder, so a huge tree is never listed at
once); `origin` is the file path. An unreadable or damaged file is logged and counted,
and the walk goes on.

Only regular files are read (symlinks followed): a FIFO named `page.html` would block the
walk forever and a link to /dev/zero would never end, so anything else is counted as
"not a regular file". The size on disk is not trusted either (it changes, and says
nothing about a gzipped page): every read stops at `MAX_FILE_BYTES`, and a `.html.gz` is
inflated as a stream that stops at the same cap (`broadsheet.inflate.gunzip`), so a 1 MB
file holding 1 GiB costs 16 MB. Over the cap, the file is skipped as "too large" (a page
not read: counted skipped, with a row in the rejects).
A gzip file cut short gives the part of the page it holds.

Saved pages do not know their URL. A `urls.tsv` (`SIDECAR`) in the folder, or in any
folder above it, gives it: one page a line, its path relative to that folder and its URL
separated by a tab, in either order (`2024/05/a.html<TAB>https://...` or
`https://...<TAB>2024/05/a.html`; an absolute path works too); blank lines and lines starting with `#` are skipped. The
nearest `urls.tsv` that names the page wins. Without one, extraction takes the URL the
page itself states (its canonical link), marking `sources["url"] = "canonical"`.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from broadsheet.errors import InputError
from broadsheet.inflate import BadEncoding, TooLarge, gunzip
from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents
from broadsheet.surrogates import LONE, whole

SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
#: The most bytes read from one file, and the most a gzipped page may inflate to.
MAX_FILE_BYTES = 16 * 1024 * 1024
_READ = 1 << 20
#: The file, in a folder of saved pages or a folder above, that maps pages to their URLs.
SIDECAR = "urls.tsv"
#: A larger `urls.tsv` is not read (its table is held in memory by every reader).
MAX_SIDECAR_BYTES = 256 * 1024 * 1024

log = logging.getLogger("broadsheet.sources")


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
        events.skip("too large", str(path), f"the file holds more than {MAX_FILE_BYTES} bytes")
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
        events.skip("too large", str(path), f"the file inflates to more than {MAX_FILE_BYTES} bytes")
        return None
    except BadEncoding as exc:
        events.error("damaged gzip file", str(path), str(exc))
        return None
    return Page(url=sidecar_url(path), content=data, headers={}, fetched_at=None, origin=str(path))


def sidecar_url(path: str | Path) -> str | None:
    """The URL that a `urls.tsv` in the page's folder or a folder above gives it, if any."""
    page = Path(os.path.abspath(path))
    for folder in page.parents:
        table = _sidecar(folder / SIDECAR)
        if table:
            url = table.get(page.relative_to(folder).as_posix()) or table.get(page.as_posix())
            if url:
                return url
    return None


def _sidecar(path: Path) -> dict[str, str] | None:
    """The table of a `urls.tsv` (None where there is none); read once while it is unchanged."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return _read_sidecar(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=16)
def _read_sidecar(path: str, size: int, mtime_ns: int) -> dict[str, str] | None:
    if size > MAX_SIDECAR_BYTES:
        log.warning("%s: larger than %d MB, not read: pages under it have no URL from it", path, MAX_SIDECAR_BYTES >> 20)
        return None
    try:
        data = read_capped(path, MAX_SIDECAR_BYTES)
    except (OSError, InputError, TooLarge) as exc:
        log.warning("%s: cannot be read (%s): pages under it have no URL from it", path, exc)
        return None
    return parse_sidecar(data.decode("utf-8", "surrogateescape"), path)


#: A byte that is not UTF-8, as `surrogateescape` decoded it (U+DC80-U+DCFF).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _percent_encoded(url: str) -> str:
    """A URL whose bytes were not UTF-8 with those bytes percent-encoded (`caf%E9`), as a
    browser sends them: text every writer can hold (a lone surrogate ended the ingest)."""
    return str(whole(_ESCAPED_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", url)))


def parse_sidecar(text: str, where: str = SIDECAR) -> dict[str, str]:
    """`path<TAB>URL` (or `URL<TAB>path`) lines -> {normalised relative path: URL}.

    The file is decoded with surrogateescape so that a path column matches a file name that
    is not UTF-8; a URL's bytes that are not UTF-8 are percent-encoded, and logged once.
    """
    table: dict[str, str] = {}
    bad = 0
    not_utf8: list[tuple[int, str]] = []  # (line, the URL as percent-encoded)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        urls = [f for f in fields if f.lower().startswith(("http://", "https://"))]
        names = [f for f in fields if f and f not in urls]
        if len(fields) != 2 or len(urls) != 1 or len(names) != 1:
            bad += 1
            continue
        name = posixpath.normpath(names[0].replace("\\", "/"))
        if name.startswith("../"):
            bad += 1
            continue
        url = urls[0]
        if not url.isascii() and LONE.search(url):
            url = _percent_encoded(url)
            not_utf8.append((number, url))
        table[name] = url
    if not_utf8:
        more = f" (and {len(not_utf8) - 1} more lines)" if len(not_utf8) > 1 else ""
        log.warning("%s:%d: URL not UTF-8: its bytes were percent-encoded, %s%s", where, *not_utf8[0], more)
    if bad:
        log.warning("%s: %d lines are not 'path<TAB>URL' and were skipped", where, bad)
    return table


def iter_folder(folder: str | Path, events: Events | None = None) -> Iterator[Page]:
    """Every readable saved page under `folder`, in sorted order."""
    for path in html_files(folder, events):
        page = read_page(path, events)
        if page is not None:
            yield page
