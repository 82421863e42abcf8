"""`python -m broadsheet.demo OUT` with an OUT it cannot use: one line, exit 2 (review R9)."""
from __future__ import annotations

from pathlib import Path

from broadsheet.demo.__main__ import main


def test_out_that_is_a_file(tmp_path: Path, capsys) -> None:
    afile = tmp_path / "afile"
    afile.write_text("keep me")
    assert main([str(afile)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("demo: error:") and "is a file" in err and len(err.strip().splitlines()) == 1
    assert afile.read_text() == "keep me"


def test_a_folder_where_the_corpus_goes(tmp_path: Path, capsys) -> None:
    (tmp_path / "demo.sqlite").mkdir()
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "demo.sqlite is a folder" in err and len(err.strip().splitlines()) == 1
