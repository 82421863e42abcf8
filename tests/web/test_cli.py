"""`broadsheet serve` as a command: the printed link works; exposing it warns; bad input is one line."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from broadsheet.cli import main

pytest.importorskip("uvicorn", reason="the web extra (starlette, jinja2, uvicorn) is not installed")


def _serve(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "broadsheet", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = proc.stdout.readline()
    match = re.search(r"at (http://\S+/)", line)
    assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc, match.group(1)


def _stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return proc.stderr.read()


def test_serve_prints_a_link_that_works_at_once(corpus):
    proc, link = _serve("--corpus", str(corpus), "--port", "0")
    try:
        assert link.startswith("http://127.0.0.1:")
        r = httpx.get(link, timeout=10)
        assert r.status_code == 200 and "broadsheet" in r.text
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert httpx.get(link + "api/overview", timeout=10).json()["articles"] >= 10
    finally:
        _stop(proc)
    assert proc.returncode == 0


def test_serving_beyond_loopback_warns(corpus):
    proc, link = _serve("--corpus", str(corpus), "--port", "0", "--host", "0.0.0.0")
    try:
        port = link.rsplit(":", 1)[1].strip("/")
        r = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": "my-machine.lan"}, timeout=10)
        assert r.status_code == 200  # exposed: reached under names it cannot know
    finally:
        err = _stop(proc)
    assert "warning" in err and "anyone who can reach" in err


def test_bad_input_is_one_line(tmp_path, capsys, corpus):
    assert main(["serve", "--corpus", str(tmp_path / "none.sqlite")]) == 2
    assert "no corpus here" in capsys.readouterr().err
    (tmp_path / "x.sqlite").write_bytes(b"not a database at all, just some bytes" * 100)
    assert main(["serve", "--corpus", str(tmp_path / "x.sqlite")]) == 2
    assert "not a broadsheet corpus" in capsys.readouterr().err
    assert main(["serve", "--corpus", str(corpus), "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        assert main(["serve", "--corpus", str(corpus), "--port", str(port)]) == 2
        assert "cannot listen" in capsys.readouterr().err and time.monotonic() - started < 10
