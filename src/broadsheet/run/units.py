"""Command-line SOURCE arguments as sources of (Page, Checkpoint) items, resumable.

A source is a WARC file, a folder of saved pages (or one saved page), or a file of URLs.
Each yields `Item`s: a Page to process (or None where nothing could be read) and the
checkpoint to commit with it. Checkpoint keys name the input by its real path (plus size,
and for HTML files mtime), so the same input given by another path is still recognised,
and a changed file is read again.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol

from broadsheet.corpus import Checkpoint
from broadsheet.errors import InputError
from broadsheet.model import Page
from broadsheet.sources import Events
from broadsheet.sources.files import SUFFIXES, html_files, is_html_file, read_page
from broadsheet.sources.urls import FetchOptions, iter_url_list
from broadsheet.sources.warc import iter_warc_records, what_is

Lookup = Callable[[str], "Checkpoint | None"]
WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".arc", ".arc.gz")


@dataclass(frozen=True, slots=True)
class Item:
    """One step of a source: a page (or None) and the checkpoint that follows it."""

    page: Page | None
    checkpoint: Checkpoint | None


class Source(Protocol):
    name: str

    def items(self, lookup: Lookup, events: Events) -> Iterator[Item]: ...


@dataclass(frozen=True)
class WarcSource:
    name: str

    @property
    def key(self) -> str:
        return f"warc:{os.path.realpath(self.name)}:{os.path.getsize(self.name)}"

    def items(self, lookup: Lookup, events: Events) -> Iterator[Item]:
        key = self.key
        done = lookup(key)
        if done is not None and done.done:
            events.ignore("already ingested")
            return
        start, resume = (done.seek, done.resume_at) if done else (0, 0)
        for offset, page in iter_warc_records(self.name, events, start=start, resume_at=resume):
            yield Item(page, Checkpoint(key, offset, offset + 1))
        yield Item(None, Checkpoint(key, 0, 0, done=True))


@dataclass(frozen=True)
class FolderSource:
    """A folder of saved pages, or a single saved page."""

    name: str

    def files(self, events: Events) -> Iterator[Path]:
        if os.path.isdir(self.name):
            return html_files(self.name, events)
        return iter([Path(self.name)])

    def items(self, lookup: Lookup, events: Events) -> Iterator[Item]:
        found = False
        for path in self.files(events):
            found = True
            yield from file_items(path, lookup, events)
        if not found:
            raise empty_folder(self.name)


def empty_folder(name: str) -> InputError:
    """The error for a folder without saved pages."""
    return InputError(
        f"{name}: no saved pages in this folder (looked for {', '.join(SUFFIXES)}); "
        "give a folder of HTML files, a WARC file or a file of URLs"
    )


def file_key(path: Path) -> str:
    info = path.stat()
    return f"file:{os.path.realpath(path)}:{info.st_size}:{info.st_mtime_ns}"


def file_items(path: Path, lookup: Lookup, events: Events) -> Iterator[Item]:
    """The item of one saved page (nothing if it was ingested before)."""
    try:
        key = file_key(path)
    except OSError as exc:
        events.error("unreadable file", str(path), exc.strerror or str(exc))
        return
    seen = lookup(key)
    if seen is not None and seen.done:
        events.ignore("already ingested")
        return
    page = read_page(path, events)
    # An unreadable file gets no checkpoint: the next run tries it again.
    yield Item(page, Checkpoint(key, 0, 0, done=True) if page is not None else None)


@dataclass(frozen=True)
class UrlListSource:
    name: str
    options: FetchOptions = FetchOptions()

    @property
    def key(self) -> str:
        return f"urls:{os.path.realpath(self.name)}"

    def items(self, lookup: Lookup, events: Events) -> Iterator[Item]:
        key = self.key
        seen = lookup(key)
        start = seen.resume_at if seen else 0
        any_url = False
        for number, page in iter_url_list(self.name, events, options=self.options, start=start):
            any_url = True
            yield Item(page, Checkpoint(key, number + 1, number + 1))
        if not any_url and start == 0:
            raise InputError(f"{self.name}: no http(s) URLs in this file; give one URL per line")


def open_source(arg: str, options: FetchOptions = FetchOptions()) -> Source:
    """The source an argument names; InputError when it names nothing usable."""
    path = Path(arg)
    if arg.startswith(("http://", "https://")):
        raise InputError(f"{arg}: ingest reads files; put URLs in a file (one per line) or use `broadsheet crawl`")
    if path.is_dir():
        return FolderSource(arg)
    if not path.exists():
        raise InputError(f"{arg}: no such file or folder")
    lower = arg.lower()
    if lower.endswith(WARC_SUFFIXES):
        return WarcSource(arg)
    if is_html_file(lower):
        return FolderSource(arg)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"{arg}: cannot read: {exc.strerror}") from None
    problem = what_is(head)
    if problem is None:
        return WarcSource(arg)
    if problem == "an HTML page":
        return FolderSource(arg)
    if b"\x00" in head:
        raise InputError(f"{arg}: not a WARC file, a folder of pages or a list of URLs (it looks like {problem})")
    return UrlListSource(arg, options)
