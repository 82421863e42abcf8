"""Rendering is linear on hostile image URLs and headings (review RV-X, s18): a run of blanks
inside an image's URL was searched from each of its characters for the URL's end, and a run
of '#' inside a heading that ends in '#' for the heading's end."""
from __future__ import annotations

import random
import re
import time

import pytest

from broadsheet.extract import render

_OLD_EDGES = re.compile(r"^[\s\x00-\x1f\x7f-\x9f]+|[\s\x00-\x1f\x7f-\x9f]+$")


def _old_safe_url(url: str | None) -> str | None:
    if not url:
        return None
    url = render._URL_CONTROLS.sub("", _OLD_EDGES.sub("", url))
    return url if render._WEB_URL.match(url) else None


def test_urls_are_cleaned_as_before() -> None:
    rng = random.Random(4)
    parts = ["http://x.org/", " ", "\t", "\x00", "\x85", "\u00a0", "a", "\n", "https://", "b.jpg", "\x7f"]
    for _ in range(20_000):
        url = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        assert render.safe_url(url) == _old_safe_url(url), repr(url)


def test_a_heading_ending_in_hashes_keeps_them_escaped() -> None:
    assert render._md_heading(2, "C# and F#") == "## C# and F\\#"
    assert render._md_heading(1, "Issue ##") == "# Issue \\##"


@pytest.mark.timeout(20)
def test_a_url_with_a_long_run_of_blanks_is_cleaned_in_linear_time() -> None:
    started = time.monotonic()
    assert render.safe_url("http://x.org/a" + " " * 200_000 + "b.jpg") is not None
    assert time.monotonic() - started < 2


@pytest.mark.timeout(20)
def test_a_heading_with_a_long_run_of_hashes_is_rendered_in_linear_time() -> None:
    started = time.monotonic()
    out = render._md_heading(2, "#" * 200_000 + " x #")
    assert out.endswith("x \\#")
    assert time.monotonic() - started < 2
