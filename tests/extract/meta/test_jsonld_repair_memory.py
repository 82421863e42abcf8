"""Repairing a JSON-LD script full of escaped quotes takes memory in proportion to the page
only (audit RX item 5, task FX-RX): `_REPAIR`'s string branch kept one backtracking frame
per escape (about 64 bytes a character: some 60 MB more for this 1 MB page than for the
same page with plain text in the string)."""
import tracemalloc

from broadsheet import extract

STORY = "<article><h1>A story about things</h1><p>" + "Some ordinary sentence of the story text goes here. " * 20 + "</p></article>"


def _page(value: str) -> str:
    script = '{"@type": "NewsArticle", "headline": "A story about things", "x": "' + value + '" ,}'  # not JSON: repaired
    return (f'<html><head><title>A story about things</title><script type="application/ld+json">{script}'
            f"</script></head><body>{STORY}</body></html>")


def _peak(html: str) -> int:
    tracemalloc.start()
    try:
        article = extract(html, "https://example.com/news/a-story")
        assert article.title == "A story about things"
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_escapes_in_a_broken_json_ld_string_take_no_frame_each():
    plain = _page("ab" * 500_000)
    extract(plain, "https://example.com/news/a-story")  # models and caches loaded before measuring
    assert _peak(_page('\\"' * 500_000)) < _peak(plain) + 10_000_000
