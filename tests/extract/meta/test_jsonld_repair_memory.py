"""Repairing a JSON-LD script full of escaped quotes takes memory in proportion to the page
only (audit RX item 5, task FX-RX): `_REPAIR`'s string branch kept one backtracking frame
per escape (about 64 bytes a character: 69.9 MB peak for this 1 MB page before)."""
import tracemalloc

from broadsheet import extract

STORY = "<article><h1>A story about things</h1><p>" + "Some ordinary sentence of the story text goes here. " * 20 + "</p></article>"


def test_escapes_in_a_broken_json_ld_string_take_no_frame_each():
    script = '{"@type": "NewsArticle", "headline": "A story about things", "x": "' + '\\"' * 500_000 + '" ,}'
    html = (f'<html><head><title>A story about things</title><script type="application/ld+json">{script}'
            f"</script></head><body>{STORY}</body></html>")
    tracemalloc.start()
    try:
        article = extract(html, "https://example.com/news/a-story")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30_000_000
    assert article.title == "A story about things"
