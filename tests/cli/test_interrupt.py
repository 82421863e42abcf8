"""Ctrl-C and SIGTERM on `broadsheet ingest` and `crawl`: real processes, real signals, mid-run.

The run commits what it did, prints a summary whose article count is the corpus's, leaves
no process behind and no semaphore leaked, exits 130 or 143, and the same command run
again completes the corpus.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable

import pytest

from broadsheet import Corpus
from broadsheet.demo.server import RequestLog
from tests.crawl.sitegen import serve
from tests.sources.httpsite import Server

REPO = Path(__file__).resolve().parents[2]
TAG = "BROADSHEET_SIGNAL_TEST"


def start(args: list[str], tag: str) -> subprocess.Popen:
    """The command in a process group of its own, as a shell runs it in a terminal."""
    return subprocess.Popen([sys.executable, "-m", "broadsheet", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, TAG: tag},
                            start_new_session=True)


def wait_for(proc: subprocess.Popen, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not ready():
        assert proc.poll() is None, f"the run ended before the signal: {proc.communicate()[1]}"
        assert time.monotonic() < deadline, "the run never got going"
        time.sleep(0.01)


def interrupt_when(proc: subprocess.Popen, ready: Callable[[], bool], signum: int, tag: str) -> tuple[str, str]:
    """Send `signum` mid-run: once the worker process is up (the server and a worker it
    forked) and then `ready()`. SIGINT goes to the whole process group, as Ctrl-C in a
    terminal does (the worker processes must leave it to the parent); SIGTERM to the
    command alone, as `kill` sends it. The process's output once it has ended."""
    wait_for(proc, lambda: len(set(processes_of(tag)) - {proc.pid}) >= 2)
    wait_for(proc, ready)
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    return proc.communicate(timeout=60)


def after(count: Callable[[], int], more: int) -> Callable[[], bool]:
    """A condition: `count()` is `more` past what it was when first asked."""
    first: list[int] = []

    def ready() -> bool:
        if not first:
            first.append(count())
        return count() >= first[0] + more
    return ready


def processes_of(tag: str) -> list[int]:
    """Processes that inherited this run's environment (its worker server and workers)."""
    found = []
    mark = f"{TAG}={tag}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if mark in fh.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def assert_clean_exit(signum: int, code: int, err: str, tag: str) -> int:
    """The exit code, the message, nothing left running; the articles the summary claims."""
    assert code == 128 + signum, err
    name = signal.Signals(signum).name
    assert f"broadsheet: {name}: stopping" in err and f"interrupted ({name})" in err
    assert "Traceback" not in err and "leaked semaphore" not in err and "resource_tracker" not in err
    deadline = time.monotonic() + 5
    while processes_of(tag) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_of(tag) == []
    summary = next(line for line in err.splitlines() if re.match(r"broadsheet: \d+ pages, ", line))
    return int(re.search(r", (\d+) articles", summary)[1])


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ingest_stopped_mid_run_commits_what_it_counted_and_resumes(signum: int, tmp_path: Path) -> None:
    server = Server()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(f"{server.base}/{'gone' if n == 2 else f'story/{n}'}\n" for n in range(60)))
        corpus, rejects, tag = tmp_path / "c.sqlite", tmp_path / "rejects.jsonl", uuid.uuid4().hex
        args = ["ingest", str(urls), "--corpus", str(corpus), "--delay", "0.05", "--workers", "1",
                "--no-progress", "--rejects", str(rejects), "--json"]
        proc = start(args, tag)
        out, err = interrupt_when(proc, after(lambda: len(server.hits), 8), signum, tag)
        articles = assert_clean_exit(signum, proc.returncode, err, tag)
        with Corpus(corpus) as store:
            assert 0 < store.count() == articles < 59, err
            assert json.loads(out)["articles"] == articles
            in_table = [(r.url, r.reason) for r in store.rejects()]
            committed = {r["url"].removeprefix(server.base) for r in store.records()}
        listed = [json.loads(line) for line in rejects.read_text().splitlines()]
        assert in_table == [(r["url"], r["reason"]) for r in listed] == [(f"{server.base}/gone", "HTTP 404")]

        again = subprocess.run([sys.executable, "-m", "broadsheet", *args, "--delay", "0"], capture_output=True,
                               text=True, timeout=120, cwd=REPO)
        assert again.returncode == 0, again.stderr
        with Corpus(corpus) as store:
            assert store.count() == 59 and len(list(store.rejects())) == 1
        fetched = [path for path, _ in server.hits if path.startswith("/story/")]
        assert all(fetched.count(path) == 1 for path in committed)  # resumed: only pages in flight fetched again
    finally:
        server.stop()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_crawl_stopped_mid_run_commits_what_it_counted_and_resumes(signum: int, tmp_path: Path) -> None:
    log = RequestLog()
    host = serve("127.0.0.1", log, name="Signal Times", n=16, seed=12)
    try:
        stories = set(host.story_paths())
        corpus, tag = tmp_path / "c.sqlite", uuid.uuid4().hex
        args = ["crawl", host.url + "/", "--corpus", str(corpus), "--delay", "0.05", "--no-progress"]
        proc = start(args, tag)
        _, err = interrupt_when(proc, after(lambda: len(stories.intersection(log.paths())), 3), signum, tag)
        articles = assert_clean_exit(signum, proc.returncode, err, tag)
        with Corpus(corpus) as store:
            assert 0 < store.count() == articles < len(stories), err
            assert store.db.execute("SELECT count(*) FROM crawl_run WHERE finished_at IS NULL").fetchone()[0] == 1

        again = subprocess.run([sys.executable, "-m", "broadsheet", *args, "--delay", "0.01"], capture_output=True,
                               text=True, timeout=120, cwd=REPO)
        assert again.returncode == 0 and "(resumed)" in again.stderr, again.stderr
        with Corpus(corpus) as store:
            assert store.count() == len(stories)
    finally:
        host.server.stop()


def test_ctrl_c_while_the_worker_server_starts_prints_no_traceback(tmp_path: Path) -> None:
    """The worker server imports for a second or so before it can ignore SIGINT: a terminal's
    Ctrl-C must not reach it there (it printed a KeyboardInterrupt traceback)."""
    server = Server()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(f"{server.base}/story/{n}\n" for n in range(40)))
        tag = uuid.uuid4().hex
        proc = start(["ingest", str(urls), "--corpus", str(tmp_path / "c.sqlite"), "--delay", "0.02",
                      "--workers", "1", "--no-progress"], tag)
        # the server, starting; and the run under way (ingest starts the server before its own
        # imports, so the server alone does not say the run's signal handlers are in place yet)
        wait_for(proc, lambda: len(set(processes_of(tag)) - {proc.pid}) >= 1 and len(server.hits) >= 1)
        time.sleep(0.2)  # into its imports
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert_clean_exit(signal.SIGINT, proc.returncode, err, tag)
    finally:
        server.stop()


@pytest.mark.parametrize("command", ["ingest", "crawl"])
def test_help_names_the_interrupt_exit_codes(command: str, capsys) -> None:
    from broadsheet.cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "130 interrupted (Ctrl-C, SIGINT), 143 terminated (SIGTERM)" in text and "2 usage" in text


def test_ctrl_c_while_the_command_loads_is_an_interrupt_not_a_traceback(monkeypatch, capsys) -> None:
    """The subcommands' modules (the extractor, SQLite, the HTTP stack) load inside `main`,
    so a Ctrl-C in that first tenth of a second ends the command as one during it does."""
    import broadsheet.cli as cli

    def loading(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", loading)
    assert cli.main(["extract", "page.html"]) == 130
    assert capsys.readouterr().err == "broadsheet: interrupted\n"


def test_the_command_module_loads_without_the_extractor() -> None:
    """What Python imports before `main` runs is small (a Ctrl-C there would still print a
    traceback): not the extractor, its parser or its language model."""
    code = "import sys, broadsheet.cli; print(sorted(m for m in ('broadsheet.extract', 'selectolax', 'py3langid') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
