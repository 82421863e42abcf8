"""The child half of the guarded pool: a warm process server, and the workers it forks.

The parent (`broadsheet.run.guard`) starts `python -m broadsheet.run.worker --server FD` once:
a fresh interpreter (not multiprocessing, see guard.py), connected by a Unix datagram
socket (FD). The server imports the target, warms the extractor up (about 0.25 s of CPU in
all: imports, the language model from its decoded cache, the first page's lazy set-up) and
then only forks: for each worker the parent sends two pipe ends over the socket, and the
forked worker answers pages on them. A worker thus starts in milliseconds, already warm,
sharing the server's memory copy-on-write, however often one has to be replaced. The
server reaps its workers and reports each one's exit status, so the parent can tell a
segfault from an abort.

A worker reads page frames (`page_frame`: the page's other fields, and the SiteWork where
the main process wants the page's site profile applied or learned, in a pickle; then the
page's bytes as they are) and writes ("done", seq, Analysis, peak RSS) back, one page at
a time and in the order received. It enforces no limits itself: the parent
watches the clock and the RSS and SIGKILLs it, which works whatever the worker is doing
(stuck in C code, holding the GIL). What the worker does is keep that cheap and safe:

- Its fds 0 and 1 are /dev/null and stderr, so a `print()` or `input()` in extraction code
  cannot corrupt the page stream, which runs on pipes of its own.
- The kernel SIGKILLs it when its server ends, and the server when the parent's thread
  that started it ends (the pool's manager thread; the main thread for one the command
  prestarted) (Linux `PR_SET_PDEATHSIG`), so nothing hung in C code outlives a parent
  killed with SIGKILL; otherwise the end of its input ends it.
- It caps its own address space well above the parent's RSS cap (`RLIMIT_AS`): a backstop
  for an allocation too fast for the parent's polling. The MemoryError that raises is
  answered as "too large", like the parent's RSS kill.
- An exception escaping the target is answered as an "analysis failed" error with a
  one-line summary, never the end of the worker.

Frames on the pipes are two 8-byte little-endian lengths, then a pickle of the first length
and raw bytes of the second (a page's content; none in an answer); on the socket one
datagram is one pickle. Both ends are the same program, so pickle is safe here.
"""
from __future__ import annotations

import dataclasses
import gc
import importlib
import logging
import operator
import os
import pickle
import resource
import select
import selectors
import signal
import socket
import struct
import sys
import time
import traceback
from typing import IO, Any, Callable, Iterator, Sequence

from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, summarise

#: A pipe frame's head: the pickle's length, then the length of the raw bytes after it.
_HEAD = struct.Struct("<QQ")
#: The largest datagram on the server socket (a hello or a fork request: small).
DATAGRAM = 1 << 16
#: The most a page pipe is widened to (Linux's default is 64 KiB; 1 MiB is the most an
#: unprivileged process may usually ask for). A typical page (~170 KiB) then goes down in
#: one write, queued pages wait in the pipe, and the worker never stalls mid-page on the
#: parent's writer thread, which needs the GIL again after each partial write.
PIPE_BYTES = 1 << 20
#: What one pool's pipes may hold in all: the kernel counts pipe buffers per user, and past
#: `fs.pipe-user-pages-soft` (64 MiB by default) every new pipe of the user, in any program,
#: gets 4 KiB. Many workers get narrower pipes (never under the default).
PIPE_BUDGET = 16 << 20


# -- framing -------------------------------------------------------------------------------
def frame(message: Any) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


#: A Page's fields but its bytes, in order: what a page frame carries as a plain tuple.
_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page) if f.name != "content")
_page_fields = operator.attrgetter(*_PAGE_FIELDS)


def page_frame(seq: int, page: Page, site: Any = None) -> tuple[bytes, bytes, bytes]:
    """A page's frame, as the parts `write_all` writes: its other fields (and `site`)
    pickled, then its bytes as they are (`page_of` makes the Page again). Pickling the page
    whole copied its bytes into the pickle, in the process that is the pool's single reader
    and writer (and the worker copied them out again); the other fields go as a tuple, not
    as a Page without bytes (`dataclasses.replace` and a frozen slots dataclass's pickling
    walk its fields in Python, once a page in that process)."""
    head = frame((seq, _page_fields(page), site))  # every other field, whatever Page holds
    return _HEAD.pack(len(head), len(page.content)), head, page.content


def page_of(fields: tuple[Any, ...], content: bytes) -> Page:
    """The Page a frame carries: its other fields (`page_frame`) and its bytes."""
    return Page(content=content, **dict(zip(_PAGE_FIELDS, fields)))


def write_message(stream: IO[bytes], message: Any) -> None:
    data = frame(message)
    stream.write(_HEAD.pack(len(data), 0) + data)
    stream.flush()


#: The most parts one `os.writev` takes (POSIX guarantees 16; Linux takes 1,024). sysconf
#: answers -1 where there is no stated limit: 16 then, since `views[:-1]` would write nothing.
_IOV_MAX = max(16, os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") and "SC_IOV_MAX" in os.sysconf_names else 16)


def write_some(fd: int, parts: Sequence[bytes | memoryview]) -> list[memoryview]:
    """Write what a non-blocking pipe takes now, in gathering writes; the parts not written
    (the first one cut where the write stopped), empty when all went."""
    views = [memoryview(part) for part in parts if len(part)]
    while views:
        try:
            done = os.writev(fd, views[:_IOV_MAX])
        except BlockingIOError:
            break
        while views and done >= len(views[0]):
            done -= len(views[0])
            views.pop(0)
        if views and done:
            views[0] = views[0][done:]
            break  # the pipe is full
    return views


def write_all(fd: int, parts: Sequence[bytes | memoryview]) -> None:
    """Write every part (a frame's, `page_frame`), in gathering writes with no copy of the
    page, waiting for room as long as it takes: on a non-blocking pipe until the reader
    reads, or is gone (then BrokenPipeError)."""
    poller: select.poll | None = None
    while rest := write_some(fd, parts):
        if poller is None:
            poller = select.poll()
            poller.register(fd, select.POLLOUT)
        poller.poll()
        parts = rest


def widen_pipe(fd: int, size: int) -> None:
    """Ask for `size` bytes of pipe buffer (Linux); where refused the default stays."""
    if size <= 1 << 16:
        return
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), size)
    except (OSError, ImportError):
        pass


def read_frame(stream: IO[bytes]) -> tuple[Any, bytes] | None:
    """The next frame as (message, the raw bytes after it), or None at the end of the stream
    (or a frame cut short)."""
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    size, raw_size = _HEAD.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    raw = stream.read(raw_size) if raw_size else b""
    if len(raw) < raw_size:
        return None
    return pickle.loads(data), raw


#: What `read_messages` asks of a pipe at once: the most an answer pipe holds (a worker's
#: answers waiting for the parent come up in one system call, not three per answer).
READ_CHUNK = PIPE_BYTES // 4
#: The most one `os.read` asks for (a frame claiming more is gathered in reads of this).
READ_MOST = 16 << 20


def read_messages(fd: int) -> Iterator[Any]:
    """The messages (frames without raw bytes: answers) coming up a file descriptor, until
    it ends (or a frame is cut short).

    The parent's reader thread took three buffered reads per answer, each one letting go of
    the GIL and taking it back from the threads that frame and commit pages; here each
    `os.read` takes whatever the pipe holds, and the complete frames in it are unpickled
    straight from that one buffer."""
    pending = b""
    while True:
        pos, have = 0, len(pending)
        want = _HEAD.size
        while have - pos >= _HEAD.size:
            size, raw_size = _HEAD.unpack_from(pending, pos)
            end = pos + _HEAD.size + size + raw_size
            if end > have:
                want = end - pos
                break
            message = pickle.loads(memoryview(pending)[pos + _HEAD.size:pos + _HEAD.size + size])
            pos = end
            yield message
        parts = [pending[pos:]] if pos < have else []
        got = have - pos
        while got < want:  # the next frame's bytes gathered, joined once however many reads
            chunk = os.read(fd, max(READ_CHUNK, min(want - got, READ_MOST)))
            if not chunk:
                return
            parts.append(chunk)
            got += len(chunk)
        pending = parts[0] if len(parts) == 1 else b"".join(parts)


def resolve(dotted: str) -> Callable[..., Any]:
    """`package.module:function` (or `package.module.function`) -> the function."""
    module, sep, name = dotted.partition(":")
    if not sep:
        module, _, name = dotted.rpartition(".")
    target: Any = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    if not callable(target):
        raise ValueError(f"{dotted} is not a function")
    found: Callable[..., Any] = target
    return found


# -- process set-up ------------------------------------------------------------------------
def peak_rss() -> int:
    """This process's peak resident set so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


_statm: tuple[int, int] | None = None  # (pid, fd of /proc/self/statm opened by that process)


def current_rss() -> int | None:
    """This process's resident set now, in bytes (None where /proc is missing). Reported
    with each answer, so the parent need not open /proc/<pid>/statm for every page."""
    global _statm
    if _statm is None or _statm[0] != os.getpid():  # opened by the server before the fork: not ours
        try:
            _statm = (os.getpid(), os.open("/proc/self/statm", os.O_RDONLY))
        except OSError:
            return None
    try:
        return int(os.pread(_statm[1], 128, 0).split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when the thread that started it ends (Linux only)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def cap_address_space(margin: int) -> None:
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


def _harmless_std_fds() -> None:
    """fd 0 reads nothing, fd 1 writes to stderr: extraction code cannot touch the streams."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr


# -- a worker ------------------------------------------------------------------------------
def answer(target: Callable[..., Analysis], page: Any, rules: Any, site: Any = None) -> Analysis:
    """The target's analysis of one page (`target(page, rules)`, or `target(page, rules,
    site)` with a site's profile work); whatever it raises becomes a counted analysis."""
    try:
        return target(page, rules) if site is None else target(page, rules, site)
    except MemoryError:
        return Analysis(page.origin, page.url, "skipped", "too large", detail="MemoryError")
    except Exception as exc:  # a bug past the extractor's own net: one page, not the worker
        detail = summarise(exc)
        logging.getLogger("broadsheet.run").warning("%s: analysis failed: %s", page.origin or page.url, detail)
        return Analysis(page.origin, page.url, "error", "analysis failed", detail=detail)


def serve(incoming: IO[bytes], outgoing: IO[bytes], target: Callable[..., Analysis], rules: Any) -> int:
    """The worker loop: report ready, then answer pages until the input ends."""
    write_message(outgoing, ("ready", os.getpid()))
    while (got := read_frame(incoming)) is not None:
        (seq, fields, site), content = got
        page = page_of(fields, content)
        started = time.perf_counter()
        analysis = answer(target, page, rules, site)
        analysis.seconds = time.perf_counter() - started
        write_message(outgoing, ("done", seq, analysis, peak_rss(), current_rss()))
    return 0


# -- the server ----------------------------------------------------------------------------
class Server:
    """Forks warm workers on request; reports their exits."""

    def __init__(self, sock: socket.socket, hello: dict[str, Any]) -> None:
        self.sock = sock
        self.hello = hello
        self.target = resolve(hello["target"])
        self.rules = hello["rules"]
        self.children: set[int] = set()
        self.wake_r, self.wake_w = socket.socketpair()
        self.selector: selectors.BaseSelector | None = None

    def send(self, message: Any) -> None:
        self.sock.send(frame(message))

    def run(self) -> int:
        for end in (self.wake_r, self.wake_w):
            end.setblocking(False)
        signal.set_wakeup_fd(self.wake_w.fileno())
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the selector through the fd
        self.selector = selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ)
        selector.register(self.wake_r, selectors.EVENT_READ)
        try:
            self.send(("ready", os.getpid()))
        except OSError:  # the pool was closed while this server warmed up (a run stopped early)
            return 0
        while True:
            for key, _ in selector.select():
                if key.fileobj is self.wake_r:
                    try:
                        self.wake_r.recv(4096)
                    except BlockingIOError:
                        pass
                    continue
                data, fds, _flags, _addr = socket.recv_fds(self.sock, DATAGRAM, 2)
                if not data:  # the parent is gone, or done: the workers follow (parent-death signal)
                    return 0
                message = pickle.loads(data)
                if message[0] == "fork":
                    self.fork(message[1], fds)
                else:  # descriptors with any other message are not kept open
                    for fd in fds:
                        os.close(fd)
            self.reap()

    def fork(self, token: int, fds: list[int]) -> None:
        try:
            pid = os.fork()
        except OSError as exc:
            for fd in fds:
                os.close(fd)
            self.send(("forked", token, None, str(exc)))
            return
        if pid == 0:
            os._exit(self.worker(fds))
        for fd in fds:
            os.close(fd)
        self.children.add(pid)
        self.send(("forked", token, pid, ""))

    def worker(self, fds: list[int]) -> int:
        """In the forked child: become a worker on the two pipe ends."""
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            if self.selector is not None:
                self.selector.close()
            for sock in (self.sock, self.wake_r, self.wake_w):
                sock.close()
            die_with_parent(self.hello["server"])
            if self.hello.get("address_space_margin"):
                cap_address_space(self.hello["address_space_margin"])
            incoming, outgoing = os.fdopen(fds[0], "rb"), os.fdopen(fds[1], "wb")
            return serve(incoming, outgoing, self.target, self.rules)
        except BaseException:
            traceback.print_exc()
            return 1

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                return
            if pid == 0:
                return
            self.children.discard(pid)
            self.send(("exit", pid, os.waitstatus_to_exitcode(status)))


def _warm() -> None:
    """Load what the first page would (`warm.warm_up`), then keep every worker's collector
    off it: what the server holds now is never scanned by a worker's collector, so its
    pages stay shared."""
    from broadsheet.run.warm import warm_up

    warm_up()
    gc.collect()
    gc.freeze()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[0] != "--server" or argv[2:] not in ([], ["--warm"]):
        print("usage: python -m broadsheet.run.worker --server FD [--warm] (started by broadsheet.run.guard)",
              file=sys.stderr)
        return 2
    _harmless_std_fds()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sock = socket.socket(fileno=int(argv[1]))
    from broadsheet.extract.meta.fallback import quiet_htmldate

    # --warm: warm up now, before the greeting, which comes only once the command has read its
    # first page: done after it, the warm-up (0.1-0.25 s) was what that page waited for.
    warmed = argv[2:] == ["--warm"]
    if warmed:
        quiet_htmldate()  # as quiet as a run without -v until the greeting says otherwise
        _warm()
    data = sock.recv(DATAGRAM)
    if not data:
        return 2
    hello = pickle.loads(data)
    die_with_parent(hello["parent"])
    hello["server"] = os.getpid()
    logging.basicConfig(level=hello.get("log_level", logging.WARNING), stream=sys.stderr,
                        format="broadsheet worker %(process)d: %(message)s")
    quiet_htmldate(verbose=hello.get("log_level", logging.WARNING) <= logging.INFO)
    server = Server(sock, hello)
    if hello.get("warm") and not warmed:
        _warm()  # pays the lazy loading once, before any fork
    else:
        gc.collect()
        gc.freeze()
    return server.run()


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stderr.flush()
    # No interpreter teardown: finalizing the warm heap took the server 30-40 ms, which the
    # pool's close() (and so every ingest's end) waited for.
    os._exit(code)
