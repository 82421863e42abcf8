"""The guarded pool's handle on its process server: start it, ask it for workers, hear of them.

The process server (`python -m broadsheet.run.worker --server FD`, see worker.py) is a
fresh interpreter that imports the pool's target, warms the extractor up once and then only
forks warm workers. Not multiprocessing: Dask's worker processes are daemonic and may not
start multiprocessing children, and the crawl's parent runs threads, so forking the parent
is unsafe; forking the single-threaded server is not. `ProcessServer` is the parent's side
of it, and only that: it starts the process on one end of a Unix seqpacket socket, sends
fork requests (two pipe ends each, passed over the socket), and turns the server's reports
into calls on the pool (`ServerEvents`): ready, a worker forked (its pid) or not, the server
gone. Each worker's exit status is kept here, for the pool to ask (`exit_code`), so it can
tell a segfault from an abort. What the workers do and how long they may take is the
pool's business (guard.py).

Should the server die, its workers die with it (parent-death signal); forks it never
answered are reported as failed (pid None), so no worker is waited for forever. A command
may have started the server's interpreter before any pool (prestart.py): the first pool
takes that one and greets it as a new one.
"""
from __future__ import annotations

import logging
import os
import pickle
import signal
import socket
import subprocess
import threading
import time
from typing import Any, Protocol

from broadsheet.run.prestart import child_env, launch, take
from broadsheet.run.worker import DATAGRAM, frame

__all__ = ["ProcessServer", "ServerEvents", "child_env", "describe_exit", "kill_all"]

log = logging.getLogger("broadsheet.run")


class ServerEvents(Protocol):
    """What the pool hears from a server (called on the server's listening thread)."""

    def server_ready(self, server: "ProcessServer") -> None: ...

    def worker_forked(self, server: "ProcessServer", token: int, pid: int | None, error: str | None) -> None:
        """pid None: no worker for this request (`error` says why; None when the server ended first)."""

    def server_ended(self, server: "ProcessServer", code: int | None) -> None: ...


def describe_exit(code: int | None) -> str:
    """A process's end as a log phrase: "died of SIGSEGV", "exited with status 3"."""
    if code is None:
        return "died"
    if code < 0:
        try:
            return f"died of {signal.Signals(-code).name}"
        except ValueError:
            return f"died of signal {-code}"
    return f"exited with status {code}"


class ProcessServer:
    """One running process server. `start()` it, then `listen()`: it reports through
    `events` until it ends."""

    def __init__(self, proc: "subprocess.Popen[bytes]", sock: socket.socket, events: ServerEvents) -> None:
        self.proc = proc
        self.sock = sock
        self.events = events
        self.ready = False
        self.dead = False
        self.started = time.monotonic()
        self._send_lock = threading.Lock()
        self._exits = threading.Condition()  # guards `_reported`, `_waiting` and `dead`
        self._reported: dict[int, int] = {}  # worker pid -> exit code (negative: the signal that killed it)
        self._waiting: set[int] = set()  # fork requests (tokens) not answered yet

    @classmethod
    def start(cls, hello: dict[str, Any], events: ServerEvents) -> "ProcessServer | None":
        """Start a server (or take the one `prestart.prestart()` started) and greet it with
        `hello` (see worker.main); None where processes cannot be started here (no seqpacket
        sockets, no interpreter to run)."""
        started = take() or launch(warm=bool(hello.get("warm")))
        if started is None:
            return None
        proc, ours = started
        server = cls(proc, ours, events)
        try:
            server._send(hello)
        except OSError:
            pass  # it died at once: the listener sees the end, and the pool a failed start
        return server

    def listen(self) -> None:
        """Start hearing its reports (once the caller is ready to be told of them)."""
        threading.Thread(target=self._listen, name=f"broadsheet-guard-server-{self.proc.pid}", daemon=True).start()

    # -- requests --------------------------------------------------------------------------
    def fork(self, token: int, fds: list[int]) -> None:
        """Ask for a worker on these pipe ends (`token` names it in `worker_forked`). The
        caller keeps and closes its copies of `fds`."""
        with self._exits:
            if self.dead:
                gone = True
            else:
                gone = False
                self._waiting.add(token)
        if not gone:
            try:
                self._send(("fork", token), fds)
                return
            except BaseException as exc:  # not sent: the request will never be answered
                with self._exits:
                    self._waiting.discard(token)
                if not isinstance(exc, OSError):
                    raise  # the pool's `_spawn` treats it as a refused fork and closes its ends
        self.events.worker_forked(self, token, None, None)

    def kill_worker(self, pid: int) -> None:
        """SIGKILL a worker, unless it is reaped already (its pid could be another's by now)."""
        with self._exits:
            if pid in self._reported:
                return
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def exit_code(self, pid: int, timeout: float) -> int | None:
        """The worker's exit status as the server reports it, waiting up to `timeout` for the
        report (None if it cannot tell: the server ended first, or said nothing in time)."""
        deadline = time.monotonic() + timeout
        with self._exits:
            while pid not in self._reported and not self.dead:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._exits.wait(left)
            return self._reported.get(pid)

    def stop(self, timeout: float) -> None:
        """End its input (it exits, and its idle workers with it); killed after `timeout`."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            self.proc.wait()

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass

    # -- the listening thread --------------------------------------------------------------
    def _send(self, message: object, fds: list[int] | None = None) -> None:
        with self._send_lock:
            if fds:
                socket.send_fds(self.sock, [frame(message)], fds)
            else:
                self.sock.send(frame(message))

    def _listen(self) -> None:
        try:
            self._hear()
        except Exception:  # a garbled report: a server not to be trusted; its workers go with it
            log.exception("the worker process server sent a report that cannot be read; restarting it")
            self.kill()
        code = self.proc.wait()
        with self._exits:
            self.dead = True
            unanswered = sorted(self._waiting)
            self._waiting.clear()
            self._exits.notify_all()
        for token in unanswered:
            self.events.worker_forked(self, token, None, None)
        self.events.server_ended(self, code)
        self.sock.close()

    def _hear(self) -> None:
        """The server's reports, until it ends: ready, each fork's pid, each worker's exit."""
        while True:
            try:
                data = self.sock.recv(DATAGRAM)
            except OSError:
                return
            if not data:
                return
            message = pickle.loads(data)
            if message[0] == "ready":
                self.ready = True
                self.events.server_ready(self)
            elif message[0] == "forked":
                _, token, pid, error = message
                with self._exits:
                    if token not in self._waiting:
                        continue
                    self._waiting.discard(token)
                self.events.worker_forked(self, token, pid, error or None)
            elif message[0] == "exit":
                _, pid, code = message
                with self._exits:
                    self._reported[pid] = code
                    self._exits.notify_all()


def kill_all(servers: list[ProcessServer]) -> None:
    """At interpreter exit: no process outlives an unclosed pool (the workers die with their server)."""
    for server in list(servers):
        server.kill()
