"""`repair FILE --out FILE` is refused before FILE is emptied (review R9, finding 3)."""
from __future__ import annotations

from pathlib import Path

from broadsheet.cli import EXIT_USAGE, main


def test_repair_out_that_is_its_input_is_refused(tmp_path: Path, capsys) -> None:
    flat = tmp_path / "flat.txt"
    text = "\f\n".join(f"date 2024-03-0{n + 1} https://paper.example/{n}\n\nTitle {n}\n\n"
                         f"Body of story {n}, long enough to be a body.\n" for n in range(3))
    flat.write_text(text)
    code = main(["repair", str(flat), "--format", "corpus", "--out", str(flat)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "is the input" in err
    assert flat.read_text() == text
