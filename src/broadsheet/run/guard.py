"""One guarded way to run a page: worker processes the parent watches and kills.

Every page ingest, crawl and Dask analyse goes through a `GuardedPool`. Each page runs in a
child process under a wall-clock limit and a memory limit that hold off the main thread and
inside C code, because the parent enforces them from outside: a timer or an allocation
hook inside the process can do neither (SIGALRM reaches only the main thread, and only
between bytecodes, so it cannot interrupt the HTML parser's C code).

How (in the spirit of resiliparse's process_guard and datatrove's sandbox):

- One fresh interpreter, the process server (server.py starts it and hears from it;
  worker.py is what runs in it), imports the target and warms the extractor up, then
  forks the workers on request, each on two pipes the parent hands it, and reports their
  exit statuses. A worker so starts warm in milliseconds, which is what makes replacing
  one after every crash affordable.
- A worker receives pages one frame each and answers in order, so the parent always knows
  which page it is on (the oldest unanswered) and since when (its previous answer, or the
  moment it reported ready). A few pages (`PREFETCH`) wait in its pipe so it never idles.
- A manager thread starts the server and the workers and polls each worker every
  `POLL_SECONDS`: past the page's deadline -> SIGKILL, skip reason "timeout"; resident
  memory (/proc/<pid>/statm, or psutil) over the cap -> SIGKILL, "too large". A worker
  that dies by itself (segfault, `os.abort()`, the OOM killer) -> "crashed". Only the page
  it was on is lost, as an analysis with that skip reason; the pages queued behind it are
  sent again (to any worker) and a fresh worker replaces it. A worker still large after a
  page is retired once its queue is empty, so no page is blamed for memory piled up
  before it. Should the server itself die, its workers die with it (parent-death signal)
  and all their pages are sent again: no page is blamed for that either.
- Results are futures (`submit`, thread-safe, usable from asyncio via
  `asyncio.wrap_future`); `imap`/`ordered` give them back in submission order with a bounded
  window, which is what ingest commits in.
- Where processes cannot start at all (a sandbox without fork/exec, a broken interpreter),
  the pool degrades to analysing in the calling process, with a warning
  (`analyse_inline`: a timer on the main thread only).

Defaults: `PAGE_SECONDS` = 30 s. A news page extracts in tens of milliseconds, so 30 s is
far beyond any real page (even a 16 MiB one) on a loaded machine, while a hostile page
costs at most the time of a few hundred good ones. `MAX_RSS` = 1 GiB per worker. A warmed
up worker holds about 160 MiB (interpreter, parser, language model); the largest page
parsed (`MAX_PAGE_BYTES`, 16 MiB) builds a tree several times its size; 1 GiB leaves room
for that, and a worker per core still fits a 16-core machine in 16 GiB.
"""
from __future__ import annotations

import functools
import inspect
import itertools
import logging
import os
import queue
import threading
import time
import weakref
from collections import Counter, deque
from concurrent.futures import Future, wait
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TypeVar

from broadsheet.corpus.profiles import SiteWork
from broadsheet.model import Page
from broadsheet.run.analyse import MAX_PAGE_BYTES, Analysis, analyse_inline
from broadsheet.run.keep import KeepRules
from broadsheet.run.server import ProcessServer, describe_exit, kill_all
from broadsheet.run.worker import (
    PIPE_BUDGET,
    PIPE_BYTES,
    page_frame,
    read_messages,
    resolve,
    widen_pipe,
    write_all,
    write_some,
)

#: Whether /proc is there (Linux): then resident memory is read from /proc/<pid>/statm, and
#: psutil (elsewhere, macOS) is never imported: 10-20 ms of every ingest's start-up.
_PROC = os.path.isdir("/proc/self")

log = logging.getLogger("broadsheet.run")

T = TypeVar("T")

PAGE_SECONDS = 30.0
MAX_RSS = 1 << 30
DEFAULT_TARGET = "broadsheet.run.analyse:analyse"
#: How often the manager looks at each worker's clock and memory.
POLL_SECONDS = 0.1
#: A process server or worker not ready after this long is killed and started again.
START_SECONDS = 60.0
#: How long a worker's exit status may take to arrive from the server after its pipe closed.
EXIT_REPORT_SECONDS = 2.0
#: Pages sent to a worker ahead of its answers (the one it works on included).
PREFETCH = 4
#: Frames one writer thread sends in one system call at most (`os.writev` takes 1,024 parts).
WRITE_FRAMES = 64
#: Pages in flight per worker in `ordered`/`imap` (the window that keeps workers busy
#: while the oldest page, which must be committed first, is still being analysed).
WINDOW_PER_WORKER = 16
#: The share of the window `ordered` waits for at once when it is full (a quarter: the rest
#: keeps the workers busy). Woken for each answer, the caller (ingest's reader and single
#: writer) ran a page at a time between other processes' turns on the cores, with cold
#: caches; a batch of answers runs back to back.
WAKE_SHARE = 4
#: A worker whose resident memory after a page is above this share of the cap is retired.
RECYCLE_SHARE = 0.75
#: Seconds `close()` gives idle workers (and the server) to exit before killing them.
CLOSE_SECONDS = 5.0
#: Processes that die before doing any work, in a row, before the pool gives up on processes.
MAX_START_FAILURES = 3

#: The skip reasons of pages the pool gave up on.
GIVEN_UP = ("timeout", "too large", "crashed")

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class PoolClosed(RuntimeError):
    """The pool was closed before this page was analysed."""


@dataclass(frozen=True)
class Guard:
    """The limits one page runs under, and the function that analyses it.

    `target` is a dotted name (`package.module:function`) called as `target(page, rules)`
    (`target(page, rules, site)` for a page submitted with its site's profile work) in the
    worker processes; tests point it at functions that hang in C code, allocate gigabytes or
    abort. Passed to `ingest`, `crawl` and the Dask tasks.
    """

    page_seconds: float = PAGE_SECONDS
    max_rss: int = MAX_RSS
    target: str = DEFAULT_TARGET

    def pool(self, workers: int, rules: KeepRules = KeepRules()) -> "GuardedPool":
        return GuardedPool(workers, rules, page_seconds=self.page_seconds, max_rss=self.max_rss, target=self.target)


def rss_of(pid: int) -> int | None:
    """A process's resident memory in bytes (None when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        if _PROC:
            return None  # gone (psutil would not know more)
    psutil = _psutil()
    if psutil is None:
        return None
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # gone, or not ours to read
        return None


@functools.cache
def _psutil() -> Any:
    """psutil, imported once where /proc is missing (None where it is not installed: a
    failed import is not remembered by Python, and this is asked after every page)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - optional
        return None
    return psutil


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


#: A page's frame: parts written to a worker's pipe as they are (`worker.page_frame`).
Frame = tuple[bytes, bytes, bytes]


class _Job:
    __slots__ = ("seq", "page", "site", "frame", "future", "started")

    def __init__(self, seq: int, page: Page, data: Frame, future: "Future[Analysis]", site: SiteWork | None = None) -> None:
        self.seq = seq
        self.page = page
        self.site = site  # what to apply and learn of the page's site profile (None: nothing)
        self.frame: Frame | None = data  # the page's frame until it is sent (its bytes are the page's own)
        self.future = future
        self.started = False  # the future is marked running (once, even if the page is re-sent)

    def take_frame(self) -> Frame:
        """The frame to send, let go of here (a page re-sent after a crash is framed again)."""
        data, self.frame = self.frame, None
        return data if data is not None else page_frame(self.seq, self.page, self.site)


class _Child:
    """One worker process and what the parent knows of it."""

    def __init__(self, server: ProcessServer, pages: int, answers: int) -> None:
        self.server = server
        self.pid: int | None = None  # known once the server has forked it
        self.pages_out = pages  # the pipe its pages go down (a non-blocking file descriptor: see `_send`)
        self.answers = answers  # the pipe its answers come up (a file descriptor: see worker.read_messages)
        self.jobs: deque[_Job] = deque()  # sent and not answered; jobs[0] is the one it works on
        # what its writer thread is to send, a list of frame parts at a time (None: end of input)
        self.outbox: queue.SimpleQueue[list[memoryview] | None] = queue.SimpleQueue()
        # (pool lock) the writer thread holds parts not sent yet: later frames queue behind them
        self.writing = False
        self.ended = False  # (pool lock) its input is ending: nothing more is written here
        self.ready = False
        self.started = time.monotonic()
        self.since = self.started  # when it began jobs[0] (meaningful once ready)
        self.doom: str | None = None  # why the parent killed it: "timeout", "too large", "start", "closing"
        self.victim: int | None = None  # the page (seq) it was killed for
        self.note = ""  # the measurement behind the kill, for the log
        self.retiring = False
        self.pages = 0


def _takes_site(target: Callable[..., Analysis]) -> bool:
    """Whether the target can be called as `target(page, rules, site)`."""
    try:
        inspect.signature(target).bind(None, None, None)
    except TypeError:
        return False
    except ValueError:  # no signature to read (a builtin): call it as it always was
        return False
    return True


class GuardedPool:
    """Worker processes that analyse pages under a time and a memory limit (see the module doc).

        with GuardedPool(2, rules, page_seconds=30, max_rss=1 << 30) as pool:
            future = pool.submit(page)                  # Future[Analysis], thread-safe
            for analysis in pool.imap(pages): ...       # in submission order
    """

    def __init__(
        self,
        workers: int,
        rules: KeepRules = KeepRules(),
        *,
        page_seconds: float = PAGE_SECONDS,
        max_rss: int = MAX_RSS,
        target: str = DEFAULT_TARGET,
        prefetch: int = PREFETCH,
        poll: float = POLL_SECONDS,
        warm: bool = True,
    ) -> None:
        if workers < 1:
            raise ValueError(f"a guarded pool needs at least one worker, not {workers}")
        self.workers = workers
        self.rules = rules
        self.page_seconds = page_seconds
        self.max_rss = max_rss
        self.target = target
        self.prefetch = max(1, prefetch)
        self.poll = poll
        self.warm = warm  # the server loads the extractor's models once, before forking any worker
        self.degraded = False  # True once processes proved unable to start: analysed in-process
        self.given_up: Counter[str] = Counter()  # reason -> pages lost to a kill or a crash
        self.restarts = 0  # workers started to replace one that died or retired
        self.peak_rss: dict[int, int] = {}  # worker pid -> the most resident memory seen
        self.pages_by_worker: dict[int, int] = {}  # worker pid -> pages answered
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending: deque[_Job] = deque()
        self._children: list[_Child] = []
        self._seq = itertools.count()
        self._closed = False
        self._wanted = False  # processes start with the first page: a run with nothing to do starts none
        self._close_deadline = 0.0
        self._ever_worked = False
        self._start_failures = 0
        self._spawned = 0
        self._tokens = itertools.count()
        self._server: ProcessServer | None = None
        self._servers: list[ProcessServer] = []
        self._forks: dict[int, _Child] = {}  # fork request token -> the worker waiting for its pid
        self._io_threads: list[threading.Thread] = []  # each worker's reader and writer (close() waits for them)
        try:  # here too: a wrong name fails now, clearly, not as a server that never starts
            self._target_fn: Callable[[Page, KeepRules], Analysis] = resolve(target)
        except (ImportError, AttributeError, ValueError) as exc:
            raise ValueError(f"the guarded pool's target {target!r} cannot be imported: {exc}") from None
        self._takes_site = _takes_site(self._target_fn)  # a target of two arguments gets no profile work
        self._finalizer = weakref.finalize(self, kill_all, self._servers)
        self._manager = threading.Thread(target=self._manage, name="broadsheet-guard", daemon=True)
        self._manager.start()

    # -- the caller's side ------------------------------------------------------------------
    def submit(self, page: Page, site: SiteWork | None = None) -> "Future[Analysis]":
        """Queue one page; the future's result is its Analysis (never an exception for a bad page).

        `site`: the page's site profile work (`broadsheet.corpus.profiles.SiteWork`), passed
        to the target as its third argument."""
        future: Future[Analysis] = Future()
        if len(page.content) > MAX_PAGE_BYTES:  # not worth a trip: it would not be parsed anyway
            future.set_running_or_notify_cancel()
            future.set_result(Analysis(page.origin, page.url, "skipped", "too large"))
            return future
        if not self._takes_site:
            site = None
        seq = next(self._seq)
        data = page_frame(seq, page, site)
        with self._lock:
            if self._closed:
                raise PoolClosed("submit() on a closed GuardedPool")
            if not self.degraded:
                self._pending.append(_Job(seq, page, data, future, site))
                self._dispatch()
                if not self._wanted:
                    self._wanted = True
                    self._wake.set()
                return future
        future.set_running_or_notify_cancel()
        future.set_result(self._inline(page, site))
        return future

    def ordered(
        self,
        items: Iterable[T],
        page: Callable[[T], Page | None],
        *,
        window: int | None = None,
        site: Callable[[Page], SiteWork | None] | None = None,
    ) -> Iterator[tuple[T, Analysis | None]]:
        """(item, its page's Analysis) in the order of `items`; None where an item has no page.

        At most `window` pages are in flight (default `WINDOW_PER_WORKER` per worker), which
        bounds memory however long `items` is. Results are handed back in order: while the
        window has room, as soon as every earlier one is; once it is full, when the oldest
        `window // WAKE_SHARE` are all done (one wake-up for them, not one each).
        `site(page)`: the page's site profile work (see `submit`).
        """
        window = window or self.workers * WINDOW_PER_WORKER
        batch = max(1, window // WAKE_SHARE)
        flight: deque[tuple[T, Future[Analysis] | None]] = deque()
        for item in items:
            p = page(item)
            flight.append((item, self.submit(p, site(p) if site is not None else None) if p is not None else None))
            if len(flight) >= window:  # full: wait for the oldest `batch` at once, not one by one
                wait([f for _, f in itertools.islice(flight, batch) if f is not None])
            while flight and (len(flight) >= window or flight[0][1] is None or flight[0][1].done()):
                head, future = flight.popleft()
                yield head, future.result() if future is not None else None
        while flight:
            head, future = flight.popleft()
            yield head, future.result() if future is not None else None

    def imap(self, pages: Iterable[Page], *, window: int | None = None) -> Iterator[Analysis]:
        """The Analysis of each page, in order (see `ordered`)."""
        for _page, analysis in self.ordered(pages, lambda p: p, window=window):
            assert analysis is not None
            yield analysis

    def close(self) -> None:
        """Stop: idle workers exit, busy ones are killed; unfinished futures get PoolClosed."""
        abandoned: list[_Job] = []
        busy: list[_Child] = []
        with self._lock:
            if not self._closed:
                self._closed = True
                self._close_deadline = time.monotonic() + CLOSE_SECONDS
                abandoned = list(self._pending)
                self._pending.clear()
                for child in self._children:
                    self._end_input(child)  # an idle worker exits by itself
                    if child.jobs:
                        busy.append(child)
        self._abandon(abandoned)
        for child in busy:
            self._kill(child, "closing", None, "")
        self._wake.set()
        if threading.current_thread() is not self._manager:
            self._manager.join()  # it forks no worker after this: every worker's threads are known
            for thread in list(self._io_threads):
                if thread.is_alive() and thread is not threading.current_thread():
                    thread.join(timeout=CLOSE_SECONDS)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "GuardedPool":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- dispatch (lock held) ---------------------------------------------------------------
    def _dispatch(self) -> None:
        """Hand waiting pages to the workers with room, and send them (`_send`)."""
        sends: dict[_Child, list[Frame]] = {}
        try:
            self._assign(sends)
        finally:
            for child, frames in sends.items():
                self._send(child, [memoryview(part) for frame in frames for part in frame])

    def _send(self, child: _Child, parts: list[memoryview]) -> None:
        """Lock held. Write a worker's frames here, as far as its pipe takes them without
        waiting (the pipe is non-blocking: this never waits for the worker); the rest, and
        everything while its writer thread still holds some, goes to that thread, which
        waits for room. Most refills fit the pipe: no wake-up of another thread per refill,
        in the process that is also the pool's reader and single writer."""
        if not child.writing and not child.ended:
            try:
                parts = write_some(child.pages_out, parts)
            except OSError:
                pass  # the worker is gone: its writer thread meets the error too, and ends
            if not parts:
                return
        child.writing = True
        child.outbox.put(parts)

    def _end_input(self, child: _Child) -> None:
        """Lock held. No more frames for this worker: its writer thread closes the pipe once
        it has sent what it holds (the worker exits at the end of its input)."""
        if not child.ended:
            child.ended = True
            child.outbox.put(None)

    def _assign(self, sends: dict[_Child, list[Frame]]) -> None:
        while self._pending:
            best: _Child | None = None
            for child in self._children:
                if child.doom is None and not child.retiring and len(child.jobs) < self.prefetch:
                    if best is None or (len(child.jobs), not child.ready) < (len(best.jobs), not best.ready):
                        best = child
            if best is None:
                return
            job = self._pending.popleft()
            if not job.started:
                if not job.future.set_running_or_notify_cancel():
                    continue  # cancelled by its caller before it was sent
                job.started = True
            if not best.jobs:
                best.since = time.monotonic()
            best.jobs.append(job)
            sends.setdefault(best, []).append(job.take_frame())

    # -- the process server (manager thread starts it; its listener calls these) -------------
    def _start_server(self) -> None:
        hello = {
            "target": self.target,
            "rules": self.rules,
            "parent": os.getpid(),
            "log_level": logging.getLogger("broadsheet").getEffectiveLevel(),
            "warm": self.warm,
            "address_space_margin": max(1 << 30, 2 * self.max_rss),
        }
        server = ProcessServer.start(hello, self)
        with self._lock:
            if server is None:
                self._failed_start()
                return
            self._server = server
            self._servers.append(server)
        server.listen()

    def server_ready(self, server: ProcessServer) -> None:
        self._wake.set()

    def worker_forked(self, server: ProcessServer, token: int, pid: int | None, error: str | None) -> None:
        with self._lock:
            child = self._forks.pop(token, None)
            if child is None:
                return
            child.pid = pid
            doomed = child.doom is not None
        if pid is None:
            if error:
                log.warning("the worker process server could not fork: %s", error)
            with self._lock:
                self._end_input(child)  # its pipes close: its reader counts a failed start
        elif doomed:
            self._signal(child)

    def server_ended(self, server: ProcessServer, code: int | None) -> None:
        with self._lock:
            if self._server is server:
                self._server = None
            if not server.ready:
                self._failed_start(code)
            elif not self._closed:
                log.warning("the worker process server %s; starting another", describe_exit(code))
        self._wake.set()

    def _stop_server(self) -> None:
        with self._lock:
            servers = [s for s in self._servers if not s.dead]
        for server in servers:
            if not server.ready:
                server.kill()  # still starting (it would only notice the end once warm): it has no worker
            server.stop(CLOSE_SECONDS)

    # -- the workers (manager thread forks them; a reader and a writer thread each) -----------
    def _spawn(self, server: ProcessServer) -> None:
        """Ask the server for one more worker, on two fresh pipes.

        Whatever happens to the request, the worker's reader and writer threads start and
        close the parent's ends: a request that raised is a fork the server refused (its
        reader sees the answers end at once, counts a failed start and sends its pages
        again). Raising here instead left both ends open and the pages dispatched to it
        waiting forever."""
        pages_r, pages_w = os.pipe()
        try:
            answers_r, answers_w = os.pipe()
        except OSError:  # out of file descriptors: the first pipe goes too, the next round tries again
            os.close(pages_r)
            os.close(pages_w)
            raise
        os.set_blocking(pages_w, False)  # our end only (`_send`); the worker reads as ever
        widen_pipe(pages_w, min(PIPE_BYTES, PIPE_BUDGET // (self.workers + 1)))  # a replacement may overlap
        widen_pipe(answers_w, min(PIPE_BYTES // 4, PIPE_BUDGET // 4 // (self.workers + 1)))  # answers: ~12 KiB
        child = _Child(server, pages_w, answers_r)
        token = next(self._tokens)
        with self._lock:
            self._forks[token] = child
            self._children.append(child)
            if self._spawned >= self.workers:
                self.restarts += 1
            self._spawned += 1
            if self._closed:
                self._end_input(child)
            self._dispatch()
        try:
            server.fork(token, [pages_r, answers_w])  # a server gone: worker_forked(None), its pipes close
        except Exception as exc:  # a bug or an exhausted machine: no worker on these pipes
            self.worker_forked(server, token, None, f"the fork request failed ({type(exc).__name__}: {exc})")
        finally:
            os.close(pages_r)
            os.close(answers_w)
        reader = threading.Thread(target=self._read, args=(child,), name="broadsheet-guard-read", daemon=True)
        writer = threading.Thread(target=self._write, args=(child,), name="broadsheet-guard-write", daemon=True)
        with self._lock:
            self._io_threads = [t for t in self._io_threads if t.is_alive()] + [reader, writer]
        reader.start()
        writer.start()

    def _write(self, child: _Child) -> None:
        """Send the worker the frames its pipe had no room for when they were dispatched
        (`_send`); once it holds none, dispatching writes them itself again.

        It writes with the pipe blocking (only this thread writes while it holds frames):
        the kernel then hands the page over as the worker reads it. Waiting for room in
        Python instead (poll, then write what fits) needs the GIL again for every piece,
        and the worker, halfway through a page, would wait for the process's other threads."""
        outbox = child.outbox
        try:
            while (parts := outbox.get()) is not None:
                os.set_blocking(child.pages_out, True)
                while not outbox.empty() and len(parts) < 3 * WRITE_FRAMES:
                    more = outbox.get()
                    if more is None:
                        write_all(child.pages_out, parts)
                        return
                    parts.extend(more)
                write_all(child.pages_out, parts)
                with self._lock:
                    if outbox.empty():
                        os.set_blocking(child.pages_out, False)
                        child.writing = False
        except OSError:
            pass  # the worker is gone; its reader deals with that
        finally:
            os.close(child.pages_out)

    def _read(self, child: _Child) -> None:
        try:
            for message in read_messages(child.answers):
                if message[0] == "ready":
                    with self._lock:
                        child.ready = True
                        child.since = time.monotonic()
                        self._dispatch()
                elif message[0] == "done":
                    self._answered(child, *message[1:])
        except Exception as exc:  # an answer that cannot be read: the page broke its worker
            with self._lock:
                head = child.jobs[0].seq if child.jobs else None
            self._kill(child, "crashed", head, f"sent an answer that cannot be read ({exc})")
        finally:
            os.close(child.answers)
            self._exited(child)

    def _answered(self, child: _Child, seq: int, analysis: Analysis, peak: int, rss: int | None = None) -> None:
        now = time.monotonic()
        if rss is None:  # the worker could not tell (no /proc): ask from here
            rss = (rss_of(child.pid) if child.pid is not None else None) or 0
        with self._lock:
            if not child.jobs or child.jobs[0].seq != seq:
                raise RuntimeError(f"answer for page {seq} out of order")
            job = child.jobs.popleft()
            child.pages += 1
            child.since = now
            self._start_failures = 0  # a page answered: processes work here
            self._ever_worked = True
            if child.pid is not None:
                self.pages_by_worker[child.pid] = child.pages
                self.peak_rss[child.pid] = max(self.peak_rss.get(child.pid, 0), peak, rss)
            retire = not child.retiring and rss > self.max_rss * RECYCLE_SHARE
            if retire:
                child.retiring = True
            if child.retiring and not child.jobs:
                self._end_input(child)  # it exits once this is read; a fresh one takes its place
            if len(child.jobs) <= self.prefetch // 2 or child.retiring:
                self._dispatch()  # a half-empty queue refilled at once: one wake-up and write for several pages
        if retire:
            log.info("worker %s holds %s after a page; replacing it", child.pid, _mib(rss))
            self._wake.set()
        if not job.future.done():
            job.future.set_result(analysis)

    def _exited(self, child: _Child) -> None:
        """A worker's answers ended: settle its pages (one lost at most) and let it be replaced."""
        code = child.server.exit_code(child.pid, EXIT_REPORT_SECONDS) if child.pid is not None else None
        with self._lock:
            self._end_input(child)
        lost: tuple[_Job, str] | None = None
        abandoned: list[_Job] = []
        with self._lock:
            self._children.remove(child)
            jobs = list(child.jobs)
            child.jobs.clear()
            if self._closed:
                abandoned = jobs
            elif not child.ready:
                if child.doom is None or child.doom == "start":
                    self._failed_start(code)
            elif child.doom in GIVEN_UP:
                if jobs and jobs[0].seq == child.victim:
                    lost = (jobs.pop(0), child.doom)
            elif child.doom is None and jobs and not (code is None and child.server.dead):
                lost = (jobs.pop(0), "crashed")  # it died by itself on this page
            if not self._closed:
                self._pending.extendleft(reversed(jobs))
            if lost is not None:
                self.given_up[lost[1]] += 1
            self._dispatch()
        self._wake.set()
        self._abandon(abandoned)
        if lost is not None:
            job, reason = lost
            how = child.note or describe_exit(code)
            log.warning("%s: given up (%s): worker %s %s", job.page.origin or job.page.url, reason, child.pid, how)
            if not job.future.done():
                job.future.set_result(Analysis(job.page.origin, job.page.url, "skipped", reason, detail=how,
                                               seconds=time.monotonic() - child.since))
        elif child.doom is None and not child.retiring and child.ready and not self._closed and not child.server.dead:
            log.warning("worker %s %s while idle; replacing it", child.pid, describe_exit(code))

    def _failed_start(self, code: int | None = None) -> None:
        """Lock held. A process that never did any work; after a few, analyse in-process."""
        self._start_failures += 1
        if self._closed or self.degraded:
            return
        if (not self._ever_worked and self._start_failures >= 2) or self._start_failures >= MAX_START_FAILURES:
            self.degraded = True
            log.warning("worker processes cannot start here (the last one %s); analysing in the main process instead",
                        describe_exit(code) if code is not None else "could not be started")

    def _abandon(self, jobs: list[_Job]) -> None:
        for job in jobs:
            if not job.future.cancel() and not job.future.done():
                job.future.set_exception(PoolClosed("the pool was closed before this page was analysed"))

    def _kill(self, child: _Child, why: str, victim: int | None, note: str) -> None:
        with self._lock:
            if child.doom is not None:
                return
            child.doom, child.victim, child.note = why, victim, note
        self._signal(child)

    def _signal(self, child: _Child) -> None:
        """SIGKILL the worker, unless it is not forked yet (it is killed once its pid comes)
        or already reaped."""
        if child.pid is not None:
            child.server.kill_worker(child.pid)

    # -- the manager thread -----------------------------------------------------------------
    def _manage(self) -> None:
        try:
            while True:
                self._wake.wait(self.poll)
                self._wake.clear()
                with self._lock:
                    if self._closed and not self._children:
                        return
                try:
                    self._round()
                except Exception:  # a bug here must not leave every future waiting forever
                    log.exception("the guarded pool's manager failed a round; going on")
        finally:
            self._stop_server()

    def _round(self) -> None:
        """One look at everything: start what is missing, watch what runs."""
        now = time.monotonic()
        with self._lock:
            closing, degraded, server = self._closed, self.degraded, self._server
            active = sum(1 for c in self._children if c.doom is None and not c.retiring)
            missing = 0 if closing or degraded or not self._wanted else self.workers - active
        if missing > 0:
            if server is None:
                self._start_server()
            elif server.ready:
                for _ in range(missing):
                    self._spawn(server)
            elif now - server.started > START_SECONDS:
                log.warning("the worker process server is not ready after %gs; starting another", START_SECONDS)
                server.kill()
        if degraded and not closing:
            self._drain_inline()
        self._watch(closing)

    def _watch(self, closing: bool) -> None:
        now = time.monotonic()
        with self._lock:
            views = [(c, c.ready, c.jobs[0].seq if c.jobs else None, c.since) for c in self._children if c.doom is None]
        for child, ready, head, since in views:
            if closing:
                if now > self._close_deadline:
                    self._kill(child, "closing", None, "")
                continue
            if not ready:
                if now - child.started > START_SECONDS:
                    log.warning("worker %s not ready after %gs; starting another", child.pid, START_SECONDS)
                    self._kill(child, "start", None, "")
                continue
            # Memory first: a poll this thread was late for (a loaded machine, a long hold
            # of the GIL elsewhere) may find a page both past its time and over the cap;
            # the cap is what it broke first, and it is named the same on every run.
            pid = child.pid
            rss = rss_of(pid) if pid is not None else None
            if pid is not None and rss is not None:
                with self._lock:
                    self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), rss)
                if rss > self.max_rss:
                    self._kill(child, "too large", head, f"held {_mib(rss)} (cap {_mib(self.max_rss)})")
                    continue
            if head is not None and now - since > self.page_seconds:
                self._kill(child, "timeout", head, f"ran past {self.page_seconds:g}s on it")

    def _drain_inline(self) -> None:
        """Degraded: the pages that were waiting for a worker, analysed here."""
        while True:
            with self._lock:
                if not self._pending:
                    return
                job = self._pending.popleft()
            if not job.started and not job.future.set_running_or_notify_cancel():
                continue
            if not job.future.done():
                job.future.set_result(self._inline(job.page, job.site))

    def _inline(self, page: Page, site: SiteWork | None = None) -> Analysis:
        return analyse_inline(page, self.rules, target=self._target_fn, seconds=self.page_seconds, site=site)
