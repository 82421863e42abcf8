"""Stopping ingest and crawl on SIGINT (Ctrl-C) and SIGTERM, with what was done committed.

`stopping()` (the CLI's ingest and crawl run inside it) turns the first of either signal
into `Interrupted`, raised in the main thread, never inside a `shielded` section: the
corpus writes of one page, a commit, a run's closing. A signal that arrives inside one
waits for its end. So wherever the exception lands, every page the pipeline counted is
whole in the open transaction, and the pipeline commits it on the way out
(`Pipeline.__exit__`): the summary line then tells the truth, and the next run resumes
from the checkpoints.

While an asyncio event loop runs in the main thread (the crawl; a URL list's fetch), an
exception raised in the middle of it would land inside the loop's own machinery (a task
step, httpx's connection code) and leave tasks and generators broken, each printing a
traceback when collected. There the signal cancels the loop's tasks instead, which stops
them at their next `await`, outside any synchronous write; the `CancelledError` that
comes out of the loop is turned back into `Interrupted` by whoever meets it first with
a signal pending (`raise_pending`: the crawl job, `Pipeline.__exit__`, `stopping()`).

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
from typing import Iterator

__all__ = ["UNFINISHED", "Interrupted", "pending", "raise_pending", "shielded", "stopping"]

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


_COMMITTING = "committing what is done"
_RESUME = "what was committed stays, run the same command again to resume"

#: The messages of a command that writes one output and commits nothing (export, repair).
UNFINISHED = (
    "a file replaced whole keeps its old content, one written in place (a pipe, a hard-linked file) is left short",
    "an unfinished .partial file may be left beside the output",
)


class _State:
    """What the handler knows (touched by the main thread and its signal handler only)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.installed = False
        self.received = 0  # signals since `stopping()` began
        self.pending: int | None = None  # a signal not raised yet (it came inside a shield or a loop)
        self.depth = 0  # nesting of `shielded` sections on the main thread
        self.doing = _COMMITTING  # what the first signal's message says the run does now
        self.left = _RESUME  # what the second signal's message says is left


_state = _State()
_MAIN = threading.main_thread().ident


def _say(text: str) -> None:
    """One line on stderr from a signal handler: os.write, since the handler may have
    interrupted a print to the same buffered stream (a reentrant write raises)."""
    try:
        os.write(2, text.encode("utf-8", "replace"))
    except OSError:
        pass


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running in this thread, if one is."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _cancel_all(loop: asyncio.AbstractEventLoop) -> None:
    for task in asyncio.all_tasks(loop):
        task.cancel()


def _handle(signum: int, _frame: object) -> None:
    _state.received += 1
    name = signal_name(signum)
    if _state.received > 1:
        _say(f"broadsheet: {name} again: quitting at once; {_state.left}\n")
        os._exit(128 + signum)
    _say(f"broadsheet: {name}: stopping, {_state.doing} (send it again to quit at once)\n")
    loop = _running_loop()
    if loop is not None:  # stop its tasks at their next await (see the module doc)
        _state.pending = signum
        try:
            loop.call_soon_threadsafe(_cancel_all, loop)
        except RuntimeError:  # closed: nothing runs there any more
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
        if _state.depth == 0 and exc_type is None and _state.pending is not None and _running_loop() is None:
            raise_pending()


shielded = _Shield()


def pending() -> int | None:
    """The signal that came and was not raised yet, if any."""
    return _state.pending


def raise_pending() -> None:
    """Raise `Interrupted` for a signal that came and was not raised yet (else nothing)."""
    signum, _state.pending = _state.pending, None
    if signum is not None:
        raise Interrupted(signum)


@contextmanager
def stopping(doing: str = _COMMITTING, left: str = _RESUME) -> Iterator[None]:
    """Inside: SIGINT and SIGTERM stop the run cleanly (see the module doc); outside, the
    handlers that were there before. Only in the main thread (elsewhere, and nested,
    nothing changes). `doing` and `left` are what the messages of the first and second
    signal say (an export commits nothing: it removes its unfinished file)."""
    if threading.current_thread() is not threading.main_thread() or _state.installed:
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    _state.reset()
    _state.installed = True
    _state.doing, _state.left = doing, left
    try:
        for sig in SIGNALS:
            signal.signal(sig, _handle)
        try:
            yield
        except asyncio.CancelledError:  # a loop's task the signal cancelled, met by no one on the way
            raise_pending()
            raise
        raise_pending()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        _state.installed = False
        _state.pending = None
