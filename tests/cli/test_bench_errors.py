"""`broadsheet bench` on a dataset it cannot score says what is wrong, exit 2 (review R9)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_USAGE, main


def _body_set(tmp_path: Path, truth: str) -> Path:
    folder = tmp_path / "body"
    (folder / "html").mkdir(parents=True)
    (folder / "ground-truth.json").write_text(truth)
    return folder


def _one_error(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_no_page_of_the_truth_in_html(tmp_path: Path, capsys) -> None:
    folder = _body_set(tmp_path, json.dumps({"p1": {"articleBody": "a", "url": "https://paper.example/1"},
                                             "p2": {"articleBody": "b"}}))
    assert main(["bench", str(folder)]) == EXIT_USAGE
    assert "holds none of the 2 pages" in _one_error(capsys)


@pytest.mark.parametrize("truth, says", [("{not json", "is not valid UTF-8 JSON"),
                                         ("[1, 2]", "holds a JSON list"),
                                         ('{"p1": 3}', "page 'p1' is a JSON int")])
def test_a_malformed_ground_truth(tmp_path: Path, capsys, truth: str, says: str) -> None:
    assert main(["bench", str(_body_set(tmp_path, truth))]) == EXIT_USAGE
    assert says in _one_error(capsys)


def test_a_malformed_metadata_truth(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "meta"
    (folder / "pages").mkdir(parents=True)
    (folder / "truth.json").write_text('{"a": 1}')
    assert main(["bench", str(folder)]) == EXIT_USAGE
    assert "page 'a' is a JSON int" in _one_error(capsys)


def test_negative_worst(tmp_path: Path, capsys) -> None:
    folder = _body_set(tmp_path, "{}")
    assert main(["bench", str(folder), "--worst", "-5"]) == EXIT_USAGE
    assert "--worst must be 0 or more" in _one_error(capsys)
