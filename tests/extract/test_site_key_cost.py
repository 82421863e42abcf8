"""`site_key` on hostile pages without a URL stays linear (audit RX, task FX-RX): each
input here took the old patterns from a minute to hours; the bounds are generous for
linear code on a slow shared machine."""
import time

import pytest

from broadsheet.extract.profile import site_key


def _timed(html: bytes) -> tuple[float, str | None]:
    started = time.monotonic()
    key = site_key(None, html)
    return time.monotonic() - started, key


@pytest.mark.timeout(20)
def test_unclosed_link_tags_are_read_once():
    """128 KB of '<a ' and no '>': each '<a' scanned to the end again (97 s before)."""
    took, key = _timed(b"<a " * 43_000)
    assert took < 5 and key is None


@pytest.mark.timeout(20)
def test_a_long_run_of_spaces_after_href_is_linear():
    """'<a href=' and 256 KB of spaces: `\\s*["']?\\s*` split the run every way (minutes before)."""
    links = b"".join(b'<a href="https://news.example/%d">x</a>' % i for i in range(3))
    took, key = _timed(links + b"<a href=" + b" " * 256 * 1024 + b"x>")
    assert took < 5 and key == "news.example"


@pytest.mark.timeout(20)
def test_a_long_run_of_spaces_in_a_canonical_link_is_linear():
    """A canonical <link> whose href is 120 KB of spaces (about a minute before)."""
    took, key = _timed(b'<link rel="canonical" href=' + b" " * 120 * 1024 + b"x>" + b'<a href="https://a.example/">x</a>' * 3)
    assert took < 5 and key == "a.example"


@pytest.mark.parametrize(
    ("html", "key"),
    [
        (b'<link rel="canonical" href="https://www.news.example/a">', "news.example"),
        (b"<meta property='og:url' content=' https://news.example/a'>", "news.example"),
        (b'<meta property="og:url" content="https://news.example/a"', None),  # never closed: no tag
        (b'<a href="https://x.example/1">a</a>' * 3 + b'<a class=x href="https://y.example/1">b</a>', "x.example"),
        (b"<a title=a data-href='https://x.example/1'>" * 3, "x.example"),
        (b"<A HREF = ' https://x.example:8080/1'>" * 3 + b"<a href=/local>", "x.example"),
        (b"<a name=top>" * 3 + b'<a href="https://x.example/1">', None),
    ],
)
def test_site_keys_are_read_as_before(html, key):
    assert site_key(None, html) == key
