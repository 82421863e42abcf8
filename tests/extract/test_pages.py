"""Golden pages: whole-page extraction reviewed by hand (tests/extract/pages/<case>/)."""
from pathlib import Path

import pytest

from broadsheet import extract

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.name for p in PAGES.iterdir() if (p / "source.html").is_file())


@pytest.mark.parametrize("case", CASES)
def test_page_text_matches_reviewed_output(case: str) -> None:
    source = (PAGES / case / "source.html").read_bytes()
    expected = (PAGES / case / "expected.txt").read_text(encoding="utf-8").strip()
    assert extract(source).text == expected


def test_live_blog_keeps_entry_headings_and_quotes_as_blocks() -> None:
    article = extract((PAGES / "live-blog" / "source.html").read_bytes())
    kinds = [b.kind for b in article.blocks]
    assert kinds.count("heading") == 3
    assert "quote" in kinds
    assert "Share this update" not in article.text


def test_gallery_captions_are_image_blocks_not_text() -> None:
    article = extract((PAGES / "gallery" / "source.html").read_bytes(), url="https://news.example/g/1")
    images = [b for b in article.blocks if b.kind == "image"]
    assert [b.src for b in images][:2] == [
        "https://news.example/photos/bakery-1.jpg",
        "https://news.example/photos/bakery-2.jpg",
    ]
    assert images[0].text.startswith("Loaves cooling at the Vasquez bakery")
    assert "Photograph" not in article.text and "By Ana Costa" not in article.text


def test_table_and_list_blocks_keep_structure() -> None:
    article = extract((PAGES / "table-list" / "source.html").read_bytes())
    table = next(b for b in article.blocks if b.kind == "table")
    assert table.rows == (("Network", "Monthly price", "Data"), ("Northwave", "12.00", "15 GB"), ("Callto", "14.50", "Unlimited"))
    items = [b for b in article.blocks if b.kind == "list_item"]
    assert len(items) == 3 and all(b.ordered for b in items)
    assert any(b.kind == "code" and b.text == "*#06#" for b in article.blocks)
    assert "phones" not in article.text  # the tag list after the body


def test_home_page_has_no_article_text() -> None:
    article = extract((PAGES / "home-page" / "source.html").read_bytes())
    assert article.text == ""
    assert article.blocks == []
