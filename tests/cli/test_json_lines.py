"""search --json keeps one record a line for every reader (review R9)."""
from __future__ import annotations

import json
from pathlib import Path

from broadsheet.cli import main
from broadsheet.corpus import Corpus

_BREAKS = "one\u2028two\u2029three\u0085four"


def test_search_json_escapes_unicode_line_breaks(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.sqlite"
    with Corpus(corpus) as store:
        store.add({"url": "https://paper.example/1", "title": f"Harbour {_BREAKS}", "text": f"harbour {_BREAKS} " * 20})
    assert main(["search", "--corpus", str(corpus), "--json", "harbour"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["title"] == f"Harbour {_BREAKS}"
