"""An export that fails part way leaves the previous file, not a short one (review R9, finding 4)."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Iterator

import pyarrow.parquet as pq
import pytest

from broadsheet.corpus.export import export, replacing

OLD = "OLD COMPLETE EXPORT\n"


def _records(n: int, fail_at: int | None = None) -> Iterator[dict[str, Any]]:
    for i in range(n):
        if i == fail_at:
            raise KeyboardInterrupt
        yield {"id": f"{i:016x}", "url": f"https://paper.example/{i}", "title": f"t{i}", "text": "x",
               "authors": [], "tags": []}


@pytest.mark.parametrize("fmt, name", [("parquet", "p.parquet"), ("jsonl", "p.jsonl"), ("corpus", "p.txt"),
                                        ("markdown", "p.md")])
def test_an_interrupted_export_keeps_the_old_file(tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    out.write_text(OLD)
    with pytest.raises(KeyboardInterrupt):
        export(_records(2500, fail_at=2100), fmt, str(out))
    assert out.read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left
    assert export(_records(30), fmt, str(out)) == 30
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 30
    elif fmt == "jsonl":
        assert [json.loads(line)["title"] for line in out.read_text().splitlines()][-1] == "t29"
    else:
        assert "t29" in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_markdown_folder_holds_whole_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "md"
    with pytest.raises(KeyboardInterrupt):
        export(_records(50, fail_at=20), "markdown", str(folder))
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 20 and all(n.endswith(".md") and not n.startswith(".") for n in names)


def test_an_interrupted_markdown_reexport_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    """Review R12: the file being rewritten was deleted when the write was interrupted."""
    folder = tmp_path / "md"
    assert export(_records(3), "markdown", str(folder)) == 3
    before = {p.name: p.read_text() for p in folder.iterdir()}
    write_text = Path.write_text

    def interrupted(self: Path, text: str, *args: Any, **kwargs: Any) -> int:
        write_text(self, text[: len(text) // 2], *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(({**r, "title": "changed"} for r in _records(3)), "markdown", str(folder))
    monkeypatch.undo()
    assert {p.name: p.read_text() for p in folder.iterdir()} == before  # whole, and no temporary file


def test_replacing_keeps_the_mode_and_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(OLD)
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with replacing(str(link)) as path, open(path, "w") as fh:
        fh.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_device_is_written_in_place(tmp_path: Path) -> None:
    with replacing(os.devnull) as path:
        assert path == os.devnull
    assert not Path(os.devnull).is_file()


def test_an_interrupted_export_to_a_url_keeps_the_old_object() -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    url = "memory://fx4-atomic/p.jsonl"
    with fs.open("/fx4-atomic/p.jsonl", "w") as fh:
        fh.write(OLD)
    try:
        with pytest.raises(KeyboardInterrupt):
            export(_records(2500, fail_at=2100), "jsonl", url)
        assert fs.cat("/fx4-atomic/p.jsonl").decode() == OLD and not fs.exists("/fx4-atomic/p.jsonl.partial")
        assert export(_records(3), "jsonl", url) == 3
        assert len(fs.cat("/fx4-atomic/p.jsonl").decode().splitlines()) == 3
    finally:
        fs.rm("/fx4-atomic", recursive=True)
