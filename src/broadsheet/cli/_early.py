"""What `broadsheet` does before its modules load (`broadsheet.cli.main`, first thing).

An ingest that will run a pool starts its worker process server here
(`broadsheet.run.prestart`): the server's imports and warm-up (about 0.25 s of CPU, what
the first page waits for) then run beside the command's own imports and parser set-up,
rather than after them (`ingest`'s `run` started it 0.16 s of CPU into the command). The
command line is only glanced at: anything unexpected starts nothing, and `run` decides
again once the arguments are parsed (a server started and never taken is killed at exit).
Standard library only, and named with a `_` so that the parser builder skips it.
"""
from __future__ import annotations

from typing import Sequence

#: Arguments after which an ingest starts no pool (or nothing at all).
_NO_POOL = ("--dask", "-h", "--help")


def prestart_for(argv: Sequence[str]) -> None:
    """Start the worker server now when `argv` is an `ingest` on this machine's workers."""
    command = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), None)
    if command is None or argv[command] != "ingest":
        return
    if any(arg in _NO_POOL or arg.startswith("--dask=") for arg in argv[command + 1:]):
        return
    from broadsheet.run.prestart import prestart

    prestart()
