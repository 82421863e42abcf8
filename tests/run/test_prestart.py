"""A worker server started before any pool: taken by the first pool, killed if never taken."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from broadsheet import Page
from broadsheet.run import prestart
from broadsheet.run.guard import GuardedPool
from tests.sources.warcs import article_html


def good(n: int) -> Page:
    return Page(f"https://news.example.org/story-{n}", article_html(n), origin=f"prestart#{n}")


@pytest.fixture(autouse=True)
def no_spare_left() -> object:
    yield
    prestart.discard()


def spare_pid() -> int:
    assert prestart._spare is not None
    return prestart._spare[0].pid


def gone(pid: int, within: float = 5.0) -> bool:
    """Whether the process has ended (and been reaped) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def test_the_first_pool_takes_the_prestarted_server() -> None:
    prestart.prestart()
    pid = spare_pid()
    prestart.prestart()  # once per process: still the same one
    assert spare_pid() == pid
    with GuardedPool(1) as pool:
        analyses = list(pool.imap([good(n) for n in range(3)]))
        assert [s.proc.pid for s in pool._servers] == [pid]
    assert [a.status for a in analyses] == ["article"] * 3
    assert prestart._spare is None
    with GuardedPool(1) as pool:  # the next pool starts its own
        assert next(pool.imap([good(9)])).status == "article"
        assert pid not in [s.proc.pid for s in pool._servers]


def test_a_server_never_taken_is_killed() -> None:
    prestart.prestart()
    pid = spare_pid()
    prestart.discard()
    assert gone(pid) and prestart._spare is None


def test_a_prestarted_server_that_died_is_replaced() -> None:
    prestart.prestart()
    proc = prestart._spare[0]  # type: ignore[index]
    proc.kill()
    proc.wait()
    with GuardedPool(1) as pool:
        assert next(pool.imap([good(1)])).status == "article"
        assert not pool.degraded and proc.pid not in [s.proc.pid for s in pool._servers]


def test_importing_prestart_loads_nothing_heavy() -> None:
    """What the ingest command imports to start the server first thing: no extractor, corpus
    or NumPy (they are what the server's start overlaps)."""
    code = ("import sys, broadsheet.run.prestart; "
            "print(sorted(m for m in sys.modules if m in ('numpy', 'sqlite3', 'broadsheet.corpus', 'broadsheet.run.analyse')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_server_started_with_another_environment_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    prestart.prestart()
    pid = spare_pid()
    monkeypatch.setenv("BROADSHEET_PRESTART_TEST", "changed after the start")
    with GuardedPool(1) as pool:
        assert next(pool.imap([good(2)])).status == "article"
        assert pid not in [s.proc.pid for s in pool._servers]
    assert gone(pid)


def test_ingest_with_nothing_to_analyse_leaves_no_server(tmp_path) -> None:
    from broadsheet.run.ingest import ingest

    prestart.prestart()
    pid = spare_pid()
    stats = ingest([str(tmp_path / "missing.warc.gz")], tmp_path / "c.sqlite", workers=1, progress=False)
    assert stats.failed and prestart._spare is None and gone(pid)


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (["ingest", "a.warc.gz"], True),
        (["-v", "ingest", "a.warc.gz", "--workers", "2"], True),
        (["ingest", "a.warc.gz", "--dask", "local"], False),
        (["ingest", "a.warc.gz", "--dask=tcp://h:8786"], False),
        (["ingest", "--help"], False),
        (["crawl", "https://paper.example/"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_the_command_line_starts_the_server_only_for_an_ingest_on_local_workers(argv, starts, monkeypatch) -> None:
    from broadsheet.cli._early import prestart_for

    called = []
    monkeypatch.setattr(prestart, "prestart", lambda: called.append(True))
    prestart_for(argv)
    assert called == ([True] if starts else [])


def test_a_server_for_a_warm_pool_warms_before_its_greeting_and_one_for_a_cold_pool_not_at_all() -> None:
    """--warm: the warm-up runs before the greeting (what the first page waited for)."""
    from broadsheet.run.server import ProcessServer

    class Events:
        def __init__(self) -> None:
            self.ready = threading.Event()

        def server_ready(self, server: object) -> None:
            self.ready.set()

        def worker_forked(self, *args: object) -> None: ...

        def server_ended(self, *args: object) -> None: ...

    for warm in (True, False):
        events = Events()
        hello = {"target": "broadsheet.run.analyse:analyse", "rules": None, "parent": os.getpid(), "warm": warm,
                 "address_space_margin": 1 << 31}
        server = ProcessServer.start(hello, events)
        assert server is not None
        server.listen()
        assert events.ready.wait(60)
        assert ("--warm" in server.proc.args) == warm
        server.stop(5)


def test_the_server_refuses_unknown_arguments() -> None:
    result = subprocess.run([sys.executable, "-m", "broadsheet.run.worker", "--server", "0", "--cold"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "usage:" in result.stderr
