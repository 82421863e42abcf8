"""Where `replacing` writes in place and where through a temporary file (review R10, findings 3 and 6)."""
from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import broadsheet.corpus.export as export_module
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


def _write(out: Path | str, text: str) -> str:
    with replacing(str(out)) as path, open(path, "w") as fh:
        fh.write(text)
    return path


def test_a_name_as_long_as_the_system_allows_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / ("n" * 246 + ".jsonl")  # 252 bytes: NAME_MAX is 255
    out.write_text("old\n")
    assert _write(out, "new\n") != str(out)  # still through a temporary file
    assert out.read_text() == "new\n" and [p.name for p in tmp_path.iterdir()] == [out.name]


def test_hard_links_keep_sharing_the_new_content(tmp_path: Path) -> None:
    first, second = tmp_path / "h1.jsonl", tmp_path / "h2.jsonl"
    first.write_text("old\n")
    os.link(first, second)
    assert _write(first, "new\n") == str(first)  # in place: a rename would split the links
    assert second.read_text() == "new\n" and first.stat().st_ino == second.stat().st_ino


def test_a_file_url_is_replaced_as_its_path_is(tmp_path: Path) -> None:
    """`--out file://PATH` goes through `replacing(PATH)`: a hard link keeps sharing, a
    symlink's target is replaced and the link stays (fsspec's move replaced the name itself:
    /dev/stdout became a regular file, review R11)."""
    corpus = _corpus(tmp_path / "c.sqlite")
    first, second = tmp_path / "h1.jsonl", tmp_path / "h2.jsonl"
    first.write_text("old\n")
    os.link(first, second)
    target, link = tmp_path / "target.jsonl", tmp_path / "link.jsonl"
    target.write_text("old\n")
    link.symlink_to(target)
    with Corpus(corpus) as c:
        assert export_module.export(c.records(), "jsonl", first.as_uri()) == 3
        assert export_module.export(c.records(), "jsonl", link.as_uri()) == 3
    assert len(second.read_text().splitlines()) == 3 and first.stat().st_ino == second.stat().st_ino
    assert link.is_symlink() and len(target.read_text().splitlines()) == 3


def test_a_new_file_gets_the_umask_without_the_umask_being_set(tmp_path: Path, monkeypatch) -> None:
    previous = os.umask(0o027)
    try:
        def refuse(_mask: int) -> int:
            raise AssertionError("os.umask changes the whole process's umask")

        monkeypatch.setattr(os, "umask", refuse)
        _write(tmp_path / "new.jsonl", "x\n")
    finally:
        monkeypatch.undo()
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o640


def test_no_room_for_a_temporary_file_writes_in_place(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")

    def refused(folder: str, name: str) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", os.path.join(folder, f".{name}.x.partial"))

    monkeypatch.setattr(export_module, "_temporary", refused)
    assert _write(out, "new\n") == str(out)
    assert out.read_text() == "new\n"
    with pytest.raises(PermissionError) as caught:  # nothing to write in place: the output's error
        _write(tmp_path / "missing.jsonl", "x\n")
    assert caught.value.filename == str(tmp_path / "missing.jsonl")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes any folder")
def test_a_writable_file_in_a_folder_the_user_cannot_write(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "out.jsonl"
    out.write_text("old\n")
    os.chmod(out, 0o666)
    os.chmod(folder, 0o555)
    try:
        assert _write(out, "new\n") == str(out)
        assert out.read_text() == "new\n"
    finally:
        os.chmod(folder, 0o755)


def test_parquet_into_a_pipe(tmp_path: Path) -> None:
    read, write = os.pipe()
    try:
        records = [{"id": f"{i:016x}", "url": f"https://paper.example/{i}", "title": f"t{i}", "text": "x"}
                   for i in range(3)]
        assert export_module.export(records, "parquet", f"/dev/fd/{write}") == 3  # small: fits the pipe's buffer
        os.close(write)
        write = -1
        with os.fdopen(read, "rb") as fh:
            read = -1
            table = pq.read_table(io.BytesIO(fh.read()))
        assert table.column("title").to_pylist() == ["t0", "t1", "t2"]
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
