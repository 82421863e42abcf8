"""The page's host is read once per page, and without `urlsplit` where the URL is plain
(metadata cost, issue 9): `text.hostname` must equal `urlsplit(url).hostname` lower-cased
on every URL, plain or not."""
from __future__ import annotations

import random
from urllib.parse import urlsplit

import pytest

from broadsheet.extract.meta import text
from broadsheet.extract.meta.merge import Context
from broadsheet.extract.meta.text import host_label, hostname, label_of_host, on_platform


def _reference(url: str | None) -> str:
    """The reading before: `urlsplit`'s hostname, lower-cased; "" where it fails."""
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


CRAFTED = [
    None, "", "https://www.Spiegel.DE/a", "HTTP://Example.COM", "http://example.com:8080/x?y#z",
    "http://example.com:/x", "http://example.com:abc/x", "http://user@example.com/", "http://u:p@h.example:1/",
    "http://[::1]:80/", "http://[broken", "http://broken]/", " http://lead.example/", "\x00http://c0.example/",
    "http://ta\tb.example/", "http://line\nbreak.example/", "ht\ttp://scheme.example/", "http://end.example\n",
    "http://end.example/\n", "http://pct%41.example/", "http://ex_ample.com/", "http://bücher.example/",
    "http://exa mple.com/", "//no-scheme.example/path", "mailto:someone@example.com", "1http://digit.example/",
    "h-t.t+p://odd-scheme.example/", "http:/one-slash.example/", "http:///three-slashes/", "http://a.b.c.d.e/",
    "http://example.com?q=1", "http://example.com#frag", "http://.example./", "http://-/", "file:///etc/passwd",
    "http://example.com\\path", "http://example.com;params", "http://ｅｘａｍｐｌｅ.com/",
]


@pytest.mark.parametrize("url", CRAFTED)
def test_hostname_equals_urlsplit_on_crafted_urls(url: str | None) -> None:
    assert hostname(url) == _reference(url)


def test_hostname_equals_urlsplit_on_random_urls() -> None:
    rng = random.Random(9)
    schemes = ["http", "HTTPS", "h-t.t+p", "1x", "", " http", "ht\ttp", "a"]
    seps = ["://", ":/", "//", ":///", ":", "://\t"]
    host_chars = "aZ9.-_@[]:%\t\n \x00é/?#\\;"
    tails = ["", "/", "/p?q#f", "?x", "#y", ":80/", ":8a/", "\n", "/\t", ":"]
    for _ in range(30_000):
        host = "".join(rng.choice(host_chars) for _ in range(rng.randint(0, 8)))
        url = rng.choice(schemes) + rng.choice(seps) + host + rng.choice(tails)
        assert hostname(url) == _reference(url), repr(url)


def test_labels_and_platforms_read_from_a_host() -> None:
    assert host_label("https://news.bbc.co.uk/x") == label_of_host("news.bbc.co.uk") == "bbc"
    assert host_label("https://someone.wordpress.com/") == "someone"
    assert on_platform("https://someone.blogspot.com/") and not on_platform("https://blogspot.com/")
    assert label_of_host("") is None


def test_a_plain_url_is_not_parsed_by_urlsplit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(url: str, *args: object, **kwargs: object) -> object:
        calls.append(url)
        return urlsplit(url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text, "urlsplit", counting)
    assert host_label("https://www.spiegel.de/a") == "spiegel"
    assert calls == []
    assert host_label("https://user@www.spiegel.de/a") == "spiegel"  # not plain: urlsplit reads it
    assert calls == ["https://user@www.spiegel.de/a"]


def test_the_context_reads_the_url_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Context needs the host's label and whether it is a blog platform's: one parse for both
    (it parsed the URL twice before, once for each)."""
    calls: list[str] = []

    def counting(url: str, *args: object, **kwargs: object) -> object:
        calls.append(url)
        return urlsplit(url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text, "urlsplit", counting)
    url = "https://me@someone.example.co.uk/post"  # user info: urlsplit reads this one
    ctx = Context({}, url, None)
    assert ctx.host == "example" and "example" in ctx.site_keys
    assert calls == [url]
