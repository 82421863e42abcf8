"""Golden metadata: the fields `extract` gives for a page, reviewed and kept beside it.

- `tests/extract/pages/<name>/expected-meta.json` beside each golden page's `source.html`
  (saved without a URL);
- `tests/fixtures/meta/golden/<name>.json` beside `<name>.html`: pages written after the
  markup of common publishing systems (WordPress, Drupal's RDFa, a news site's JSON-LD),
  each with the URL it is read under (`"url"`).

Rewrite them from the current extractor with

    .venv/bin/python -m tests.extract.meta.golden

and review the diff (`git diff tests/extract/pages tests/fixtures/meta`) before committing.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from broadsheet import extract
from broadsheet.model import META_FIELDS

TESTS = Path(__file__).resolve().parents[2]
PAGES = TESTS / "extract" / "pages"
FIXTURES = TESTS / "fixtures" / "meta" / "golden"
EXPECTED = "expected-meta.json"


def cases() -> Iterator[tuple[str, Path, Path]]:
    """(name, page, expected-metadata file) of every golden page."""
    for source in sorted(PAGES.glob("*/source.html")):
        yield source.parent.name, source, source.parent / EXPECTED
    for source in sorted(FIXTURES.glob("*.html")):
        yield source.stem, source, source.with_suffix(".json")


def metadata(source: Path, url: str | None) -> dict[str, Any]:
    """The metadata fields of a page, with where each came from."""
    article = extract(source.read_bytes(), url).to_dict(blocks=False)
    out: dict[str, Any] = {"url": url} if url else {}
    out.update({name: article[name] for name in META_FIELDS if name != "url"})
    out["sources"] = dict(sorted(article["sources"].items()))
    return out


def url_of(expected: Path) -> str | None:
    """The URL a page is read under, as its expected file states it."""
    if not expected.is_file():
        return None
    return json.loads(expected.read_text(encoding="utf-8")).get("url")


def render(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for name, source, expected in cases():
        expected.write_text(render(metadata(source, url_of(expected))), encoding="utf-8")
        print(f"{name}: {expected.name} written")


if __name__ == "__main__":
    main()
