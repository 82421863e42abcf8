"""SIGINT/SIGTERM inside `stopping()`: raised between sections, never inside one; a loop's task cancelled."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest

from broadsheet.run.interrupt import Interrupted, raise_pending, shielded, stopping


def test_a_signal_inside_a_shield_waits_for_its_end() -> None:
    done = []
    with pytest.raises(Interrupted) as caught:
        with stopping():
            with shielded:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)  # the handler has run by now: it must not have raised
                done.append("the whole section")
            done.append("not this")
    assert done == ["the whole section"]
    assert (caught.value.signum, caught.value.exit_code, caught.value.name) == (signal.SIGTERM, 143, "SIGTERM")


def test_outside_a_shield_it_is_raised_at_once_and_the_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as caught:
        with stopping():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
    assert caught.value.exit_code == 130
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_outside_stopping_nothing_changes() -> None:
    with shielded:
        pass
    raise_pending()  # nothing pending, nothing raised
    with pytest.raises(KeyboardInterrupt) as caught:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
    assert not isinstance(caught.value, Interrupted)


def test_in_an_event_loop_the_signal_cancels_its_tasks_at_their_next_await() -> None:
    steps: list[str] = []

    async def host(name: str) -> None:
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            steps.append(f"{name} cancelled")
            raise

    async def crawl() -> None:
        other = asyncio.create_task(host("other"))
        await asyncio.sleep(0)
        os.kill(os.getpid(), signal.SIGTERM)  # in the middle of synchronous code: not raised here
        time.sleep(0.05)
        steps.append("write finished")
        try:
            await asyncio.sleep(5)
        finally:
            await asyncio.gather(other, return_exceptions=True)
        steps.append("not reached")

    with pytest.raises(Interrupted) as caught:
        with stopping():
            started = time.monotonic()
            with pytest.raises(asyncio.CancelledError):
                asyncio.run(crawl())
            assert time.monotonic() - started < 4
            raise_pending()
    assert steps == ["write finished", "other cancelled"] and caught.value.signum == signal.SIGTERM


def test_a_cancelled_loop_met_by_no_one_still_ends_as_interrupted() -> None:
    async def fetch() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(5)

    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(Interrupted) as caught:
            with stopping():
                loop.run_until_complete(fetch())  # as a URL list's session runs one fetch
    finally:
        loop.close()
    assert caught.value.exit_code == 130


def test_a_second_signal_quits_at_once() -> None:
    script = ("import os, signal, time\n"
              "from broadsheet.run.interrupt import shielded, stopping\n"
              "with stopping():\n"
              "    with shielded:\n"
              "        os.kill(os.getpid(), signal.SIGINT)\n"
              "        os.kill(os.getpid(), signal.SIGINT)\n"
              "        time.sleep(30)\n")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 130 and time.monotonic() - started < 25
    assert "SIGINT again: quitting at once" in result.stderr and "Traceback" not in result.stderr
