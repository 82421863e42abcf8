"""Rewrite each page's expected.txt from the current extractor; review the diff before
committing (`git diff tests/extract/pages`)."""
from pathlib import Path

from broadsheet import extract

for source in sorted(Path(__file__).parent.glob("*/source.html")):
    text = extract(source.read_bytes()).text
    (source.parent / "expected.txt").write_text(text + ("\n" if text else ""), encoding="utf-8")
    print(f"{source.parent.name}: {len(text)} characters")
