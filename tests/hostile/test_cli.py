"""Every command, given hostile arguments or a hostile place to write: one line, non-zero, no traceback.

Each case printed a traceback before (or, for `export --out` over the corpus, destroyed
it). Most run in-process through `broadsheet.cli.main`; the ones about argv bytes,
standard streams and /dev/full also run the installed `broadsheet` as a subprocess.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from broadsheet import Article, Corpus
from broadsheet.cli import main
from tests.sources.warcs import article_html, story

BIN = Path(sys.executable).with_name("broadsheet")


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as c:
        for n in range(3):
            c.add(Article(url=f"https://news.example/{n}", title=f"Harbour story {n}", text="\n\n".join(story(n))))
    return str(path)


def one_line_error(capsys, code: int, expected_code: int = 2) -> str:
    """The single stderr line of a failed command (asserting its shape)."""
    err = capsys.readouterr().err
    assert code == expected_code, err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("broadsheet: error: "), err
    return err


def cli(*args, stdin=None, **kw) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it (arguments may be bytes)."""
    return subprocess.run([str(BIN), *args], stdin=stdin, capture_output=True, timeout=120, **kw)


def assert_one_line(result: subprocess.CompletedProcess, code: int = 2) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("broadsheet: error: "), err
    return err


# -- writing ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "corpus", "parquet"])
def test_export_to_a_full_disk(corpus: str, capsys, fmt: str) -> None:
    err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", fmt, "--out", "/dev/full"]))
    assert "cannot write /dev/full: " in err and "No space left on device" in err


def test_export_to_a_full_disk_as_a_process(corpus: str) -> None:
    result = cli("export", "--corpus", corpus, "--format", "jsonl", "--out", "/dev/full")
    assert "cannot write /dev/full: No space left on device" in assert_one_line(result)


@pytest.mark.parametrize("command", [["search", "harbour"], ["extract", "PAGE"], ["export", "--format", "jsonl", "--out", "-"]])
def test_standard_output_on_a_full_disk(corpus: str, tmp_path: Path, command: list[str]) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(article_html(1))
    args = [str(page) if a == "PAGE" else a for a in command] + ([] if command[0] == "extract" else ["--corpus", corpus])
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(BIN), *args], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert "cannot write standard output: No space left on device" in assert_one_line(result)


def test_a_write_refused_is_cannot_write_not_cannot_read(corpus: str, tmp_path: Path, capsys, monkeypatch) -> None:
    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("broadsheet.corpus.export.open", refused, raising=False)
    out = str(tmp_path / "x.jsonl")
    err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", "jsonl", "--out", out]))
    assert f"cannot write {out}: Permission denied" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the mode")
def test_a_read_only_folder(corpus: str, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    for fmt, out in (("jsonl", folder / "x.jsonl"), ("markdown", folder / "md")):
        err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", fmt, "--out", str(out)]))
        assert "cannot write" in err and "Permission denied" in err
    err = one_line_error(capsys, main(["repair", corpus, "--out", str(folder / "r.jsonl")]))
    assert "cannot write" in err


def test_repair_to_a_full_disk(tmp_path: Path, capsys) -> None:
    (tmp_path / "dump.txt").write_text("date 2024-03-01 https://a.example/1\n\nTitle\n\n" + story(1)[0] + "\n")
    err = one_line_error(capsys, main(["repair", str(tmp_path / "dump.txt"), "--out", "/dev/full"]))
    assert "cannot write /dev/full" in err


# -- export over the corpus ---------------------------------------------------------------

def test_export_over_the_corpus_is_refused_and_the_corpus_kept(corpus: str, tmp_path: Path, capsys) -> None:
    for out in (corpus, corpus + "-wal", corpus + "-shm", f"{tmp_path}/../{tmp_path.name}/c.sqlite"):
        for fmt in ("jsonl", "parquet", "corpus", "markdown"):
            err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", fmt, "--out", out]))
            assert "is the corpus file" in err
    with Corpus(corpus) as c:
        assert len(c) == 3
    assert main(["export", "--corpus", corpus, "--format", "markdown", "--out", str(tmp_path)]) == 0  # its folder is fine


# -- storage URLs -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_to_an_unknown_protocol(corpus: str, capsys, fmt: str) -> None:
    err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", fmt, "--out", "foo://x"]))
    assert "unknown storage protocol 'foo'" in err


def test_ingest_on_dask_to_an_unknown_protocol_fails_before_any_cluster(tmp_path: Path, capsys) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_bytes(article_html(1))
    args = ["ingest", str(tmp_path / "pages"), "--corpus", str(tmp_path / "c.sqlite"), "--dask", "local", "--out", "foo://x"]
    err = one_line_error(capsys, main(args))
    assert "unknown storage protocol 'foo'" in err


# -- numbers and text that do not fit -----------------------------------------------------

@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-3"])
def test_search_limit_out_of_range(corpus: str, capsys, limit: str) -> None:
    err = one_line_error(capsys, main(["search", "harbour", "--corpus", corpus, "--limit", limit]))
    assert "--limit must be between 1 and 1000" in err


def test_a_query_argument_that_is_not_utf8(corpus: str, capsys) -> None:
    # what Python makes of the argv bytes b"caf\xe9" (a Latin-1 terminal): a surrogate escape
    err = one_line_error(capsys, main(["search", "caf\udce9", "--corpus", corpus]))
    assert "not valid UTF-8" in err and "\\xe9" in err


def test_a_query_argument_that_is_not_utf8_as_a_process(corpus: str) -> None:
    result = cli(b"search", b"caf\xe9", b"--corpus", corpus.encode())
    assert "not valid UTF-8" in assert_one_line(result)


@pytest.mark.parametrize("option", ["--site", "--language"])
def test_an_export_filter_that_is_not_utf8(corpus: str, capsys, option: str) -> None:
    err = one_line_error(capsys, main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", option, "caf\udce9"]))
    assert "not valid UTF-8" in err


def test_extract_of_non_utf8_standard_input_is_read_not_refused() -> None:
    page = "<html><head><title>Caf\xe9 cr\xe8me</title></head><body><article><p>" + "Cr\xe8me br\xfbl\xe9e \xe0 la carte. " * 20
    result = cli("extract", "-", "--format", "jsonl", stdin=None, input=(page + "</p></article></body></html>").encode("latin-1") + b"\xff\xfe")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and "Caf\xe9".encode() in result.stdout


def test_repair_of_non_utf8_standard_input(capsys) -> None:
    result = cli("repair", "-", input=b"date 2024-03-01 https://a.example/\xff\n\nT\xe9tulo\n\n" + story(1)[0].encode() + b" \xff\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_a_url_list_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_bytes(b"http://127.0.0.1:9/caf\xe9\n")
    result = cli("ingest", str(tmp_path / "urls.txt"), "--corpus", str(tmp_path / "c.sqlite"), "--retries", "0", "--no-progress")
    assert b"Traceback" not in result.stderr


# -- special files ------------------------------------------------------------------------

def test_extract_of_an_endless_file_or_stream(capsys) -> None:
    err = one_line_error(capsys, main(["extract", "/dev/zero"]), expected_code=1)  # an input failed: 1
    assert "/dev/zero holds more than 16 MB" in err
    with open("/dev/zero", "rb") as zero:
        result = cli("extract", "-", stdin=zero)
    assert "standard input holds more than 16 MB" in assert_one_line(result, 1)


def test_extract_of_a_gzip_bomb(tmp_path: Path, capsys) -> None:
    from tests.sources.warcs import zeros_gz

    (tmp_path / "bomb.html.gz").write_bytes(zeros_gz(64 * 1024 * 1024))
    err = one_line_error(capsys, main(["extract", str(tmp_path / "bomb.html.gz")]), expected_code=1)
    assert "inflates to more than 16 MB" in err


def test_ingest_of_a_fifo_or_a_device_named_html(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    os.symlink("/dev/zero", tmp_path / "zero.html")
    done: list[int] = []
    args = ["ingest", str(tmp_path / "pipe.html"), str(tmp_path / "zero.html"), "--corpus", str(tmp_path / "c.sqlite"), "--no-progress", "--workers", "1"]
    thread = threading.Thread(target=lambda: done.append(main(args)), daemon=True)
    thread.start()
    thread.join(60)
    assert done, "ingest hung on a FIFO"
    err = capsys.readouterr().err
    assert "Traceback" not in err and "errors (not a regular file 2)" in err


def test_an_unforeseen_failure_is_still_one_line(corpus: str, capsys, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("broadsheet.corpus.Corpus.search", broken)
    err = one_line_error(capsys, main(["search", "harbour", "--corpus", corpus]), expected_code=1)
    assert "unexpected RuntimeError: something nobody expected" in err and "-v" in err
