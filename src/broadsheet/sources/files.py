"""Folders of saved pages (.html, .htm, .xhtml, and the same gzipped) as a stream of Pages.

Files are visited in sorted order (folder by folder, so a huge tree is never listed at
once); `origin` is the file path. An unreadable or damaged file is logged and counted,
and the walk goes on.
"""
from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import Iterator

from broadsheet.model import Page
from broadsheet.sources import Events, LogEvents

SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
MAX_FILE_BYTES = 16 * 1024 * 1024


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


def read_page(path: Path, events: Events | None = None) -> Page | None:
    """The Page of one saved file, or None (counted) if it cannot be read."""
    events = events or LogEvents()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            events.ignore("file too large")
            return None
        data = path.read_bytes()
    except OSError as exc:
        events.error("unreadable file", str(path), exc.strerror or str(exc))
        return None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            events.error("damaged gzip file", str(path), str(exc))
            return None
    return Page(url=None, content=data, headers={}, fetched_at=None, origin=str(path))


def iter_folder(folder: str | Path, events: Events | None = None) -> Iterator[Page]:
    """Every readable saved page under `folder`, in sorted order."""
    for path in html_files(folder, events):
        page = read_page(path, events)
        if page is not None:
            yield page
