"""extract() never crashes: empty, truncated, unclosed, huge and absurdly deep pages."""
import time

import pytest

from broadsheet import Article, extract

PARA = "<p>This paragraph is long enough to be taken for article prose by the extractor, surely.</p>"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", "", "\n"])
def test_empty_input_gives_empty_article(data) -> None:
    article = extract(data, url="https://x.example/a")
    assert isinstance(article, Article)
    assert article.text == "" and article.url == "https://x.example/a"


def test_truncated_and_unclosed_html() -> None:
    html = "<html><body><div class='story'><p>First paragraph of a story that was cut off while being saved to disk<p>Second one, also unclosed, with enough words in it to count <b>bold <i>nested"
    text = extract(html).text
    assert "First paragraph" in text and "Second one" in text


def test_plain_text_is_not_an_error() -> None:
    text = extract("Just some words, no markup at all, but enough of them to be read as a paragraph.").text
    assert text.startswith("Just some words")


def test_twenty_megabyte_page() -> None:
    html = "<html><body><article>" + PARA * (20_000_000 // len(PARA)) + "</article></body></html>"
    start = time.monotonic()
    article = extract(html)
    assert time.monotonic() - start < 60
    assert article.text.count("This paragraph") > 100_000


def test_hundred_thousand_nested_elements() -> None:
    html = "<html><body>" + "<div>" * 100_000 + PARA + "</div>" * 100_000 + "</body></html>"
    start = time.monotonic()
    article = extract(html)
    assert time.monotonic() - start < 30
    assert "This paragraph" in article.text


def test_deep_nesting_of_inline_elements() -> None:
    html = "<html><body><p>" + "<span><b>" * 60_000 + "deep words in a deep place, but prose all the same" + "</b></span>" * 60_000 + "</p></body></html>"
    assert "deep words" in extract(html).text


@pytest.mark.parametrize("url", ["http://[x/", "http://news.example/a", "http://[::1/a"])
def test_urls_urllib_cannot_split_cost_the_value_not_the_page(url):
    """Found by the fuzzer: an <img src="http://[x/..."> (a flipped byte in a URL) raised
    ValueError('Invalid IPv6 URL') out of the body emitter, losing the whole page."""
    words = " ".join(["word"] * 100)
    html = (f"<html><head><title>T</title></head><body><article><p>{words}</p>"
            "<img src='http://[x/a.jpg' alt='broken'><img src='/b.jpg'></article></body></html>")
    article = extract(html, url=url)
    assert "word word" in article.text
    assert all(b.src is None or "[x" not in b.src for b in article.blocks)


@pytest.mark.timeout(20)
def test_a_long_run_of_symbols_in_a_paragraph_is_linear():
    """Found by the fuzzer: 300,000 `&#xD800;` (each a replacement character) inside a
    paragraph sent the block cleaner's trailing-symbols regex quadratic (minutes)."""
    words = " ".join(["word"] * 60)
    html = f"<html><body><article><p>{words}</p><p>{'&#xD800;' * 300_000} tail words here</p><p>{words}</p></article></body></html>"
    started = time.monotonic()
    article = extract(html)
    assert time.monotonic() - started < 5
    assert "tail words here" in article.text
