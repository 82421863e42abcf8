"""JSON Lines stay one record a line for every reader; markdown to a file says what to do (review R9)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.corpus.export import export, json_line
from broadsheet.errors import InputError

_HOSTILE = "one\u2028two\u2029three\u0085four\nfive"


def test_unicode_line_breaks_are_escaped(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    records = [{"id": f"{i:016x}", "url": f"https://paper.example/{i}", "title": _HOSTILE, "text": _HOSTILE,
                "authors": [], "tags": []} for i in range(2)]
    assert export(records, "jsonl", str(out)) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["text"] == _HOSTILE for line in lines)
    assert json_line({"a": "é\u2028"}) == '{"a": "é\\u2028"}\n'


def test_markdown_to_an_existing_file_says_what_to_do(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.write_text("keep")
    with pytest.raises(InputError, match="give a folder, or a path ending in .md"):
        export([], "markdown", str(out))
    assert out.read_text() == "keep"
