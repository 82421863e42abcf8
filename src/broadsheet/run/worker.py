"""The child half of the guarded pool (`python -m broadsheet.run.worker`): pages in, analyses out.

The parent (`broadsheet.run.guard`) starts this module as a fresh interpreter, sends a
hello (the target function's dotted name, the keep rules, its own pid), then pages; the
child answers each page with its analysis, one page at a time and in the order received.
The child enforces no limits itself: the parent watches the clock and the RSS and
SIGKILLs it, which works whatever the child is doing (stuck in C code, holding the GIL).
What the child does is keep that cheap and safe:

- The protocol runs on private copies of fds 0 and 1; fd 1 then points at stderr and fd 0
  at /dev/null, so a `print()` or `input()` in extraction code cannot corrupt the stream.
- It asks the kernel (Linux `PR_SET_PDEATHSIG`) to SIGKILL it when the parent thread that
  started it ends, so a child hung in C code does not outlive a parent killed with
  SIGKILL; otherwise the end of its stdin ends it.
- After warming up it caps its own address space well above the parent's RSS cap
  (`RLIMIT_AS`): a backstop for an allocation too fast for the parent's polling. The
  MemoryError that raises is answered as "too large", like the parent's RSS kill.
- An exception escaping the target is answered as an "analysis failed" error with a
  one-line summary, never the end of the worker.

Frames are an 8-byte little-endian length, then a pickle (the parent is the same program,
so pickle is safe here and carries Page and Analysis as they are).
"""
from __future__ import annotations

import importlib
import logging
import os
import pickle
import resource
import signal
import struct
import sys
import time
from typing import IO, Any, Callable

from broadsheet.run.analyse import Analysis, summarise

_LENGTH = struct.Struct("<Q")
#: Extra address space, above what the warmed-up worker maps, before allocations fail.
ADDRESS_SPACE_MARGIN = 1 << 30


def write_message(stream: IO[bytes], message: Any) -> None:
    """One frame: length, then the pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def write_frame(stream: IO[bytes], data: bytes) -> None:
    """A frame already pickled (`frame()`): the parent pickles pages once, on submit."""
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def frame(message: Any) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def read_message(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream (or a frame cut short)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def resolve(dotted: str) -> Callable[..., Any]:
    """`package.module:function` (or `package.module.function`) -> the function."""
    module, sep, name = dotted.partition(":")
    if not sep:
        module, _, name = dotted.rpartition(".")
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target  # type: ignore[return-value]


def peak_rss() -> int:
    """This process's peak resident set so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _die_with_parent(parent: int) -> None:
    """SIGKILL this process when the parent thread that started it ends (Linux only)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _cap_address_space(margin: int) -> None:
    """Limit the address space to what is mapped now plus `margin` (a backstop, see above)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = mapped + margin
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass  # not Linux, or not allowed: the parent's RSS watch alone


def _private_streams() -> tuple[IO[bytes], IO[bytes]]:
    """The protocol's own copies of stdin/stdout; fds 0 and 1 then go where they cannot hurt."""
    incoming = os.fdopen(os.dup(0), "rb")
    outgoing = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return incoming, outgoing


def answer(target: Callable[..., Any], page: Any, rules: Any) -> Any:
    """The target's analysis of one page; whatever it raises becomes a counted analysis."""
    try:
        return target(page, rules)
    except MemoryError:
        return Analysis(page.origin, page.url, "skipped", "too large", detail="MemoryError")
    except Exception as exc:  # a bug past the extractor's own net: one page, not the worker
        detail = summarise(exc)
        logging.getLogger("broadsheet.run").warning("%s: analysis failed: %s", page.origin or page.url, detail)
        return Analysis(page.origin, page.url, "error", "analysis failed", detail=detail)


def main() -> int:
    incoming, outgoing = _private_streams()
    hello = read_message(incoming)
    if not isinstance(hello, dict):
        return 2
    _die_with_parent(hello["parent"])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.basicConfig(level=hello.get("log_level", logging.WARNING), stream=sys.stderr,
                        format=f"broadsheet worker {os.getpid()}: %(message)s")
    target = resolve(hello["target"])
    rules = hello["rules"]
    if hello.get("warm"):
        import broadsheet.run.warm  # noqa: F401  (pays the lazy model loading before the first page)
    if hello.get("address_space_margin"):
        _cap_address_space(hello["address_space_margin"])
    write_message(outgoing, ("ready", os.getpid()))
    while True:
        message = read_message(incoming)
        if message is None:
            return 0
        seq, page = message
        started = time.perf_counter()
        analysis = answer(target, page, rules)
        analysis.seconds = time.perf_counter() - started
        write_message(outgoing, ("done", seq, analysis, peak_rss()))


if __name__ == "__main__":
    sys.exit(main())
