"""Command-line SOURCE arguments as tasks of (Page, Checkpoint) items, resumable.

A source is a WARC file, a folder of saved pages (or one saved page), or a file of URLs.
It plans its own work as `Task`s: picklable, self-contained units (a WARC file or a slice of
one, a batch of saved files, a URL list from a line on) that hold everything needed to read
them again anywhere the paths are readable. A task yields `Item`s: a Page to process (or
None where nothing could be read) and the checkpoint to commit with it. The local runner
iterates the tasks' items in order; Dask maps the very same tasks onto its workers, so both
read with one code path and count the same things. Checkpoint keys name the input by its
real path (plus size, and for WARC and HTML files mtime), so the same input given by another
path is still recognised, and a changed file is read again.

Planning (`Source.tasks`) runs where the corpus is, since it looks checkpoints up; reading
(`Task.items`) runs where the work is. Either may raise `BroadsheetError` or `OSError` for a
source that cannot be used at all; `items_of` turns that into a counted failed source.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from broadsheet.corpus import Checkpoint
from broadsheet.errors import BroadsheetError, InputError
from broadsheet.model import Page
from broadsheet.sources import Events
from broadsheet.sources.files import SUFFIXES, file_kind, html_files, is_html_file, read_page
from broadsheet.sources.urls import FetchOptions, iter_url_list
from broadsheet.sources.warc import check_warc, iter_warc_records, record_offsets, what_is

Lookup = Callable[[str], "Checkpoint | None"]
WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".arc", ".arc.gz")
#: Saved pages per task (a Dask task's size; locally it only batches the checkpoint look-ups).
FILES_PER_TASK = 200


@dataclass(frozen=True, slots=True)
class Item:
    """One step of a source: a page (or None) and the checkpoint that follows it."""

    page: Page | None
    checkpoint: Checkpoint | None


class Task(Protocol):
    """A unit of reading: picklable, self-contained, run anywhere the source is readable."""

    @property
    def name(self) -> str: ...  # the source it belongs to

    def items(self, events: Events) -> Iterator[Item]: ...


class Source(Protocol):
    @property
    def name(self) -> str: ...

    def tasks(self, lookup: Lookup, events: Events, *, slice_bytes: int | None = None) -> Iterator[Task]: ...


# -- tasks ---------------------------------------------------------------------------------
class _Passing:
    """A task's events, quiet while a resume passes over what the run before it read (the
    records up to the first page it did not hand on: counted, and their rows written, then)."""

    def __init__(self, events: Events, quiet: bool) -> None:
        self.events = events
        self.quiet = quiet

    def ignore(self, reason: str) -> None:
        if not self.quiet:
            self.events.ignore(reason)

    def skip(self, reason: str, where: str, detail: str) -> None:
        if not self.quiet:
            self.events.skip(reason, where, detail)

    def error(self, reason: str, where: str, message: str) -> None:
        if not self.quiet:
            self.events.error(reason, where, message)


@dataclass(frozen=True)
class WarcTask:
    """The records of a WARC file from offset `start` (those before `resume_at` passed over,
    and the first `passed` pages at `resume_at`) up to `stop` (None: to the end, which marks
    the file done)."""

    name: str
    key: str
    start: int = 0
    resume_at: int = 0
    stop: int | None = None
    passed: int = 0

    def items(self, events: Events) -> Iterator[Item]:
        # Each page is handed on once the next is read. Where the next shares its offset
        # (several records in one gzip member or zstd frame: FastWARC gives a member's first
        # record its start and the later ones the next member's, in zstd the next frame's), a
        # resume seeks to the offset of the page before them, which starts a member at or
        # before the one holding the first of them, and passes over the pages below their
        # offset and the ones handed on at it (`offset + 1` lost the ones after this page;
        # reading them again stored each as an exact duplicate of itself: review R17).
        held: tuple[int, Page] | None = None
        before = self.start  # the offset of the last page at an offset below the held one's
        count = 0  # the pages at the held one's offset up to it (those passed over included)
        # A resume is quiet up to the first page the run before did not hand on: what came
        # before it was counted, and given its rows, then.
        passing = _Passing(events, self.resume_at > self.start or self.passed > 0)
        reader = iter_warc_records(self.name, passing, start=self.start, resume_at=self.resume_at, stop=self.stop)
        for offset, page in reader:
            if offset < self.resume_at:  # (one stream read again from its start: none of it can be seeked to)
                continue
            if passing.quiet:
                if offset == self.resume_at and count < self.passed:
                    count += 1
                    continue
                passing.quiet = False
                if offset > self.resume_at:
                    count = 0
            if held is not None:
                at, kept = held
                if offset > at:
                    yield Item(kept, Checkpoint(self.key, at, at + 1))
                    before, count = at, 0
                else:
                    yield Item(kept, Checkpoint(self.key, before, at, passed=count))
            held = (offset, page)
            count += 1
        if held is not None:
            yield Item(held[1], Checkpoint(self.key, held[0], held[0] + 1))
        end = self.stop
        yield Item(None, Checkpoint(self.key, end, end) if end is not None else Checkpoint(self.key, 0, 0, done=True))


@dataclass(frozen=True)
class FilesTask:
    """A batch of saved pages: (path, checkpoint key) each."""

    name: str
    files: tuple[tuple[str, str], ...]

    def items(self, events: Events) -> Iterator[Item]:
        for path, key in self.files:
            page = read_page(Path(path), events)
            # An unreadable file gets no checkpoint: the next run tries it again.
            yield Item(page, Checkpoint(key, 0, 0, done=True) if page is not None else None)


@dataclass(frozen=True)
class UrlTask:
    """The URLs of a list from line `start` on, fetched politely."""

    name: str
    key: str
    start: int = 0
    options: FetchOptions = FetchOptions()

    def items(self, events: Events) -> Iterator[Item]:
        any_url = False
        for number, page in iter_url_list(self.name, events, options=self.options, start=self.start):
            any_url = True
            yield Item(page, Checkpoint(self.key, number + 1, number + 1))
        if not any_url and self.start == 0:
            raise InputError(f"{self.name}: no http(s) URLs in this file; give one URL per line")


# -- sources -------------------------------------------------------------------------------
@dataclass(frozen=True)
class WarcSource:
    name: str

    @property
    def key(self) -> str:
        """The checkpoint key: real path, size and modification time (as a saved page's). A
        file replaced by another of the same size is read again from its start: keyed by
        path and size, it resumed from the old file's checkpoint and passed over pages of the
        new one that were never read (review RV-R finding 2)."""
        info = os.stat(self.name)
        return f"warc:{os.path.realpath(self.name)}:{info.st_size}:{info.st_mtime_ns}"

    @property
    def old_key(self) -> str:
        """The key an older broadsheet gave the file (path and size, no time)."""
        return f"warc:{os.path.realpath(self.name)}:{os.path.getsize(self.name)}"

    def tasks(self, lookup: Lookup, events: Events, *, slice_bytes: int | None = None) -> Iterator[Task]:
        """The whole file (or what is left of it) as one task, or slices of about
        `slice_bytes` cut at record boundaries.

        A checkpoint under the older key (no modification time) counts only where it says
        the file was read to its end: the file is not read again, as before. One that stops
        inside the file is not resumed from: the file may have been replaced by another of
        the same size since, and a resume would pass over its pages; it is read from its
        start (the pages read before count as duplicates, none is lost)."""
        key = self.key
        seen = lookup(key)
        if seen is None:
            old = lookup(self.old_key)
            if old is not None and old.done:
                seen = old
        if seen is not None and seen.done:
            events.ignore("already ingested")
            return
        check_warc(self.name)
        start, resume, passed = (seen.seek, seen.resume_at, seen.passed) if seen else (0, 0, 0)
        cuts: list[int] = []
        if slice_bytes and os.path.getsize(self.name) - start > slice_bytes:
            cuts = [c for c in record_offsets(self.name, slice_bytes) if c > start]
        bounds: list[int | None] = [start, *cuts, None]
        for lo, hi in zip(bounds, bounds[1:]):
            assert lo is not None
            # (the pages passed over are at `resume`: the slice holding it passes over them)
            here = lo <= resume and (hi is None or resume < hi)
            yield WarcTask(self.name, key, lo, max(resume, lo), hi, passed if here else 0)


@dataclass(frozen=True)
class FolderSource:
    """A folder of saved pages, or a single saved page."""

    name: str

    def files(self, events: Events) -> Iterator[Path]:
        if os.path.isdir(self.name):
            return html_files(self.name, events)
        return iter([Path(self.name)])

    def tasks(self, lookup: Lookup, events: Events, *, slice_bytes: int | None = None) -> Iterator[Task]:
        """Batches of `FILES_PER_TASK` files not ingested before (a file that cannot even be
        looked at is counted unreadable here and left for the next run)."""
        batch: list[tuple[str, str]] = []
        found = False
        for path in self.files(events):
            found = True
            try:
                key = file_key(path)
            except OSError as exc:
                events.error("unreadable file", str(path), exc.strerror or str(exc))
                continue
            seen = lookup(key)
            if seen is not None and seen.done:
                events.ignore("already ingested")
                continue
            batch.append((str(path), key))
            if len(batch) >= FILES_PER_TASK:
                yield FilesTask(self.name, tuple(batch))
                batch = []
        if not found:
            raise empty_folder(self.name)
        if batch:
            yield FilesTask(self.name, tuple(batch))


def empty_folder(name: str) -> InputError:
    """The error for a folder without saved pages."""
    return InputError(
        f"{name}: no saved pages in this folder (looked for {', '.join(SUFFIXES)}); "
        "give a folder of HTML files, a WARC file or a file of URLs"
    )


def file_key(path: Path) -> str:
    info = path.stat()
    return f"file:{os.path.realpath(path)}:{info.st_size}:{info.st_mtime_ns}"


@dataclass(frozen=True)
class UrlListSource:
    name: str
    options: FetchOptions = FetchOptions()

    @property
    def key(self) -> str:
        return f"urls:{os.path.realpath(self.name)}"

    def tasks(self, lookup: Lookup, events: Events, *, slice_bytes: int | None = None) -> Iterator[Task]:
        """One task: the list from the first line not yet fetched (a list is polite to its
        hosts only when one reader spaces the requests)."""
        seen = lookup(self.key)
        yield UrlTask(self.name, self.key, seen.resume_at if seen else 0, self.options)


# -- running them --------------------------------------------------------------------------
def failure_message(name: str, exc: BaseException) -> str:
    """What a source's failure is logged as (the same wherever the task ran)."""
    if isinstance(exc, BroadsheetError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{name}: {exc.strerror or exc}"
    return f"{name}: {exc}"


def task_items(task: Task, events: Events, failed: Callable[[str, str], None]) -> Iterator[Item]:
    """A task's items; if it breaks down, `failed(source name, message)` and it ends there."""
    try:
        yield from task.items(events)
    except (BroadsheetError, OSError) as exc:
        failed(task.name, failure_message(task.name, exc))


def items_of(sources: Iterable[Source], lookup: Lookup, events: Events, failed: Callable[[str, str], None]) -> Iterator[Item]:
    """Every item of every source, in order: what the local runner reads. A source whose
    planning or reading breaks down is reported to `failed` once, and the next one goes on."""
    for source in sources:
        try:
            for task in source.tasks(lookup, events):
                broken: list[str] = []
                yield from task_items(task, events, lambda _name, message: broken.append(message))
                if broken:
                    failed(source.name, broken[0])
                    break
        except (BroadsheetError, OSError) as exc:
            failed(source.name, failure_message(source.name, exc))


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
    if is_html_file(lower):  # read like a folder's file: a FIFO or device is counted there
        return FolderSource(arg)
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):  # a FIFO would hang the sniffing read, a device never end it
        raise InputError(f"{arg} is {file_kind(mode)}, not a file; save the stream to a file and ingest that")
    if lower.endswith(WARC_SUFFIXES):
        return WarcSource(arg)
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
