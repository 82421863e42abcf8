"""`repair FILE --out FILE` is refused before FILE is emptied (review R9, finding 3)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, EXIT_USAGE, main


def test_repair_out_that_is_its_input_is_refused(tmp_path: Path, capsys) -> None:
    flat = tmp_path / "flat.txt"
    text = "\f\n".join(f"date 2024-03-0{n + 1} https://paper.example/{n}\n\nTitle {n}\n\n"
                         f"Body of story {n}, long enough to be a body.\n" for n in range(3))
    flat.write_text(text)
    code = main(["repair", str(flat), "--format", "corpus", "--out", str(flat)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "is the input" in err
    assert flat.read_text() == text


def _flat(tmp_path: Path) -> tuple[Path, str]:
    flat = tmp_path / "flat.txt"
    text = "\f\n".join(f"date 2024-03-0{n + 1} https://paper.example/{n}\n\nTitle {n}\n\n"
                         f"Body of story {n}, long enough to be a body.\n" for n in range(3))
    flat.write_text(text)
    return flat, text


def test_repair_out_takes_an_fsspec_url_as_export_does(tmp_path: Path) -> None:
    """Review R12: `repair --out` took no URL (it made a file literally named memory:/...)."""
    fsspec = pytest.importorskip("fsspec")
    flat, _ = _flat(tmp_path)
    url = "memory://repair-out/clean.jsonl"
    try:
        assert main(["repair", str(flat), "--out", url]) == EXIT_OK
        lines = fsspec.filesystem("memory").cat("/repair-out/clean.jsonl").decode().splitlines()
        assert [json.loads(line)["title"] for line in lines] == ["Title 0", "Title 1", "Title 2"]
    finally:
        fsspec.filesystem("memory").rm("/repair-out", recursive=True)
    assert not (Path.cwd() / "memory:").exists()


def test_repair_out_as_a_file_url_of_its_input_is_refused(tmp_path: Path, capsys) -> None:
    pytest.importorskip("fsspec")
    flat, text = _flat(tmp_path)
    code = main(["repair", str(flat), "--format", "corpus", "--out", flat.as_uri()])
    assert code == EXIT_USAGE and "is the input" in capsys.readouterr().err
    assert flat.read_text() == text


def test_repair_out_with_an_unknown_protocol_is_a_usage_error(tmp_path: Path, capsys) -> None:
    pytest.importorskip("fsspec")
    flat, _ = _flat(tmp_path)
    assert main(["repair", str(flat), "--out", "nosuchproto://x/y.jsonl"]) == EXIT_USAGE
    assert "unknown storage protocol" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["file://", "memory://", "simplecache::file://"])
def test_an_out_url_with_no_path_says_so(tmp_path: Path, capsys, url: str) -> None:
    """Review R14: `--out file://` said "cannot write <the current folder>: Is a directory"."""
    pytest.importorskip("fsspec")
    flat, _ = _flat(tmp_path)
    assert main(["repair", str(flat), "--out", url]) == EXIT_USAGE
    assert "names no file" in capsys.readouterr().err
