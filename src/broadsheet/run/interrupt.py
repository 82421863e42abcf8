"""Stopping ingest and crawl on SIGINT (Ctrl-C) and SIGTERM, with what was done committed.

`stopping()` (the CLI's ingest and crawl run inside it) turns the first of either signal
into `Interrupted`, raised in the main thread, never inside a `shielded` section: the
corpus writes of one page, a commit, a run's closing. A signal that arrives inside one
waits for its end. So wherever the exception lands, every page the pipeline counted is
whole in the open transaction, and the pipeline commits it on the way out
(`Pipeline.__exit__`): the summary line then tells the truth, and the next run resumes
from the checkpoints. In an event loop (the crawl, `cancellable`), the signal cancels the
loop's main task instead, which stops the crawl at its next `await`, outside any
synchronous write of the crawl state.

A second signal quits at once (exit 128 + its number) without waiting for anything: the
corpus stays consistent (SQLite drops the open transaction), only the pages since the
last commit are lost, and running the same command again resumes.

Outside `stopping()` nothing changes: signals do what they did, and `shielded` costs a
counter.
"""
from __future__ import annotations

import asyncio
import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Awaitable, Iterator, TypeVar

__all__ = ["Interrupted", "cancellable", "raise_pending", "shielded", "stopping"]

T = TypeVar("T")

#: The signals that stop a run cleanly.
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A run stopped by SIGINT or SIGTERM (`signum`); the exit status is 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum

    @property
    def name(self) -> str:
        return signal_name(self.signum)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class _State:
    """What the handler knows (touched by the main thread and its signal handler only)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.installed = False
        self.received = 0  # signals since `stopping()` began
        self.pending: int | None = None  # a signal not raised yet (it came inside a shield)
        self.depth = 0  # nesting of `shielded` sections on the main thread
        self.task: tuple[asyncio.AbstractEventLoop, asyncio.Task[Any]] | None = None


_state = _State()
_MAIN = threading.main_thread().ident


def _say(text: str) -> None:
    """One line on stderr from a signal handler: os.write, since the handler may have
    interrupted a print to the same buffered stream (a reentrant write raises)."""
    try:
        os.write(2, text.encode("utf-8", "replace"))
    except OSError:
        pass


def _handle(signum: int, _frame: object) -> None:
    _state.received += 1
    name = signal_name(signum)
    if _state.received > 1:
        _say(f"broadsheet: {name} again: quitting at once; what was committed stays, "
             "run the same command again to resume\n")
        os._exit(128 + signum)
    _say(f"broadsheet: {name}: stopping, committing what is done (send it again to quit at once)\n")
    if _state.task is not None:
        loop, task = _state.task
        _state.pending = signum
        try:
            loop.call_soon_threadsafe(task.cancel)
        except RuntimeError:  # the loop is closed: nothing left to cancel
            pass
        return
    if _state.depth > 0:
        _state.pending = signum
        return
    raise Interrupted(signum)


class _Shield:
    """`with shielded:` a section a signal must not cut in two (it is raised at its end)."""

    __slots__ = ()

    def __enter__(self) -> None:
        if threading.get_ident() == _MAIN:
            _state.depth += 1

    def __exit__(self, exc_type: object, *_: object) -> None:
        if threading.get_ident() != _MAIN:
            return
        _state.depth -= 1
        if _state.depth == 0 and exc_type is None and _state.pending is not None and _state.task is None:
            raise_pending()


shielded = _Shield()


def raise_pending() -> None:
    """Raise `Interrupted` for a signal that came and was not raised yet (else nothing)."""
    signum, _state.pending = _state.pending, None
    if signum is not None:
        raise Interrupted(signum)


@contextmanager
def stopping() -> Iterator[None]:
    """Inside: SIGINT and SIGTERM stop the run cleanly (see the module doc); outside, the
    handlers that were there before. Only in the main thread (elsewhere, and nested,
    nothing changes)."""
    if threading.current_thread() is not threading.main_thread() or _state.installed:
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    _state.reset()
    _state.installed = True
    try:
        for sig in SIGNALS:
            signal.signal(sig, _handle)
        yield
        raise_pending()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        _state.installed = False
        _state.pending = None


async def cancellable(awaitable: Awaitable[T]) -> T:
    """Await it as the loop's main task, which a signal inside `stopping()` cancels (the
    caller then calls `raise_pending()`); a signal that came before is raised at once."""
    raise_pending()
    task = asyncio.current_task()
    if task is None or not _state.installed:
        return await awaitable
    _state.task = (asyncio.get_running_loop(), task)
    try:
        return await awaitable
    finally:
        _state.task = None
