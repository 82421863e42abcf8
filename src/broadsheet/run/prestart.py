"""The guarded pool's process server, started before the pool exists (`broadsheet ingest`).

The server (`python -m broadsheet.run.worker --server FD`) is a fresh interpreter that
imports the extractor, the corpus code and NumPy (about 0.2 s of CPU) before it reads the
greeting that says what to do. A pool asks for it only with its first page, after the
command has imported the same things and opened its inputs, so the two sets of imports
ran one after the other. A command that will run pages through the pool calls
`prestart()` first thing instead: the server's imports then run on another core while the
command's own do, and the first pool to start a server takes this one (`take()`, from
`ProcessServer.start`) and greets it as it would a new one. One never taken is killed at
exit (or when `ingest` returns); one that died meanwhile, or was started with another
interpreter or environment than a server would get now, is replaced by a fresh start.

Standard library only: importing this module costs the command nothing.
"""
from __future__ import annotations

import atexit
import logging
import os
import socket
import subprocess
import sys
import threading

log = logging.getLogger("broadsheet.run")

#: (process, our end of its socket), started and not yet taken by a pool.
_spare: "tuple[subprocess.Popen[bytes], socket.socket] | None" = None
#: What it was started with (interpreter, environment): a pool takes it only if a server
#: started now would get the same.
_started_as: tuple[str, dict[str, str]] | None = None
_lock = threading.Lock()
_registered = False


def child_env() -> dict[str, str]:
    """The parent's environment, its import path (a target in a test package imports), and
    one BLAS thread (parallelism is the pool's)."""
    env = dict(os.environ)
    paths = [os.path.abspath(p) if p else os.getcwd() for p in sys.path if isinstance(p, str)]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    return env


def launch(warm: bool = True) -> "tuple[subprocess.Popen[bytes], socket.socket] | None":
    """Start a server process on one end of a Unix seqpacket socket; (process, our end), or
    None where processes cannot be started here (no seqpacket sockets, no interpreter).

    `warm`: it warms the extractor up as soon as it starts, before it is greeted (see
    worker.main): what the first page waits for then overlaps the command's start-up."""
    try:  # datagrams that keep their boundaries and carry file descriptors (Linux, BSDs)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    except (OSError, AttributeError) as exc:
        log.debug("no Unix seqpacket sockets here: %s", exc)
        return None
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "broadsheet.run.worker", "--server", str(theirs.fileno()), *(["--warm"] if warm else [])],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, pass_fds=(theirs.fileno(),), env=child_env(),
            # its own process group: a terminal's Ctrl-C is the parent's to handle (it reached the
            # server while it imported, before it ignores SIGINT, as a KeyboardInterrupt traceback)
            process_group=0,
        )
    except OSError as exc:
        ours.close()
        log.debug("cannot start the worker process server: %s", exc)
        return None
    finally:
        theirs.close()
    return proc, ours


def prestart() -> None:
    """Start a server now, for the first pool of this process to take (once per process)."""
    global _spare, _started_as, _registered
    with _lock:
        if _spare is not None:
            return
        _started_as = (sys.executable, child_env())
        _spare = launch()
        if _spare is not None and not _registered:
            atexit.register(discard)
            _registered = True


def take() -> "tuple[subprocess.Popen[bytes], socket.socket] | None":
    """The server `prestart()` started, if it is still running and was started as one
    would be now (same interpreter and environment); else None. Taken once."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is None:
        return None
    if spare[0].poll() is not None or _started_as != (sys.executable, child_env()):
        _close(spare)  # it died while it waited, or the program changed what a server gets
        return None
    return spare


def discard() -> None:
    """Kill a server started and never taken (at exit: the run had no page for it)."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is not None:
        _close(spare)


def _close(spare: "tuple[subprocess.Popen[bytes], socket.socket]") -> None:
    proc, sock = spare
    sock.close()
    try:
        proc.kill()
    except OSError:
        pass
    proc.wait()
