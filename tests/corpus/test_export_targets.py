"""Where `replacing` writes in place and where through a temporary file (review R10, findings 3 and 6)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from broadsheet import Article, Corpus
from broadsheet.corpus.export import replacing


def _corpus(path: Path, n: int = 3) -> str:
    with Corpus(path) as c:
        for i in range(n):
            c.add(Article(url=f"https://paper.example/{i}", title=f"T{i}", text=f"story {i} " + "word " * (20 + i)))
    return str(path)


def test_a_pipe_named_through_dev_fd_is_written_in_place() -> None:
    read, write = os.pipe()
    try:
        out = f"/dev/fd/{write}"  # a symlink whose realpath, pipe:[N], names nothing
        with replacing(out) as path, open(path, "w") as fh:
            assert path == out
            fh.write("through the pipe\n")
        os.close(write)
        write = -1
        with os.fdopen(read) as fh:
            read = -1
            assert fh.read() == "through the pipe\n"
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)


def test_export_to_dev_stdout_into_a_pipe(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.sqlite")
    done = subprocess.run([sys.executable, "-m", "broadsheet", "export", "--corpus", corpus, "--format", "jsonl",
                           "--out", "/dev/stdout"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.sqlite"]
