"""SIGTERM (timeout, systemd, kill) during `export` or `repair --out` leaves the old file and no
`.NAME.XXXX.partial` beside it, as Ctrl-C does (review R10, finding 5)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broadsheet import Article, Corpus

OLD = "OLD COMPLETE OUTPUT\n"

# The command, with each record slowed down so the signal lands mid-write.
SLOW = """
import sys, time
import broadsheet.corpus.export as ex
real = ex.json_line
def slow(record):
    time.sleep(0.05)
    return real(record)
ex.json_line = slow
from broadsheet.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _terminate_mid_write(args: list[str], folder: Path) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-c", SLOW, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".partial") for p in folder.iterdir()):
        assert proc.poll() is None, f"ended before the signal: {proc.communicate()[1]}"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.02)
    time.sleep(0.2)  # some records written
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize("command", ["export", "repair"])
def test_sigterm_mid_write_leaves_the_old_file_and_no_temporary_one(command: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out.jsonl"
    out.write_text(OLD)
    if command == "export":
        corpus = tmp_path / "c.sqlite"
        with Corpus(corpus) as c:
            for i in range(200):
                c.add(Article(url=f"https://paper.example/{i}", title=f"T{i}",
                              text=f"story number {i} " + " ".join(f"w{i}x{j}" for j in range(30))))
        args = ["export", "--corpus", str(corpus), "--format", "jsonl", "--out", str(out)]
    else:
        source = tmp_path / "flat.txt"
        source.write_text("\f\n".join(f"date 2020-01-0{1 + i % 9} https://paper.example/{i}\n\nTitle {i}\n\n"
                                      f"Body of story {i}, long enough to be a story.\n" for i in range(200)))
        args = ["repair", str(source), "--out", str(out)]
    code, err = _terminate_mid_write(args, work)
    assert code == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert "replaced whole keeps its old content" in err and "committing" not in err  # nothing to commit here
    assert out.read_text() == OLD
    assert sorted(p.name for p in work.iterdir()) == ["out.jsonl"]
