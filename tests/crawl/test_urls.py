"""URL canonicalisation, trap detection and the article-likeness test."""
import pytest

from broadsheet.crawl.urls import BadURL, canonicalize, looks_like_article, same_site, skip_reason


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HTTP://News.Example.COM:80/a/b", "http://news.example.com/a/b"),
        ("https://news.example.com:443/a", "https://news.example.com/a"),
        ("https://news.example.com:8443/a", "https://news.example.com:8443/a"),
        ("https://news.example.com/a#comments", "https://news.example.com/a"),
        ("https://news.example.com", "https://news.example.com/"),
        ("https://news.example.com/a/./b/../c", "https://news.example.com/a/c"),
        ("https://news.example.com//a//b", "https://news.example.com/a/b"),
        ("https://x.example/a?utm_source=rss&utm_medium=feed&id=7", "https://x.example/a?id=7"),
        ("https://x.example/a?fbclid=ABC&gclid=DEF&msclkid=G", "https://x.example/a"),
        ("https://x.example/a?b=2&a=1", "https://x.example/a?a=1&b=2"),
        ("https://x.example/a?sessionid=123&PHPSESSID=9&page=2", "https://x.example/a?page=2"),
        ("https://x.example/a;jsessionid=0AF3?x=1", "https://x.example/a?x=1"),
        ("https://x.example/caf%c3%a9", "https://x.example/caf%C3%A9"),
        ("https://x.example/café", "https://x.example/caf%C3%A9"),
        ("https://BÜCHER.example/a", "https://xn--bcher-kva.example/a"),
    ],
)
def test_canonical_spelling(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected


def test_relative_links_resolve_against_the_page() -> None:
    assert canonicalize("../b?utm_campaign=x", base="https://x.example/news/a/") == "https://x.example/news/b"
    assert canonicalize("//cdn.x.example/p", base="https://x.example/") == "https://cdn.x.example/p"


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("javascript:void(0)", "scheme:javascript"),
        ("file:///etc/passwd", "scheme:file"),
        ("mailto:news@x.example", "scheme:mailto"),
        ("ftp://x.example/f", "scheme:ftp"),
        ("data:text/html,hi", "scheme:data"),
        ("", "empty"),
        ("http://", "no-host"),
        ("http://[::1", "malformed"),
        ("https://x.example/" + "a" * 3000, "too-long"),
    ],
)
def test_uncrawlable_urls_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(BadURL) as info:
        canonicalize(raw)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    "url, reason",
    [
        ("https://x.example/files/report.pdf", "file-link"),
        ("https://x.example/img/a.JPG", "file-link"),
        ("https://x.example/events/calendar?month=2024-06", "calendar"),
        ("https://x.example/calendar/2024/06/", "calendar"),
        ("https://x.example/whatson?year=2031&month=1", "calendar"),
        ("https://x.example/archive/2999/01/", "far-date"),
        ("https://x.example/a/b/a/b/a/b/a/b", "repeating-path"),
        ("https://x.example/x/x/x/x", "repeating-path"),
        ("https://x.example/" + "/".join(f"s{i}" for i in range(14)), "deep-path"),
        ("https://x.example/news/2024/05/01/storm-hits-the-coast", None),
        ("https://x.example/1984-a-review-of-the-novel", None),
    ],
)
def test_traps_and_files(url: str, reason: str | None) -> None:
    assert skip_reason(url, current_year=2026) == reason


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://x.example/news/2024/05/01/storm-hits-the-coast", True),
        ("https://x.example/world/storm-hits-the-coast-tonight", True),
        ("https://x.example/story/1234567", True),
        ("https://x.example/", False),
        ("https://x.example/news/", False),
        ("https://x.example/tag/storms", False),
        ("https://x.example/author/mara-lind-smith", False),
        ("https://x.example/about", False),
        ("https://x.example/news/page/2", False),
        ("https://x.example/files/the-annual-report.pdf", False),
    ],
)
def test_article_likeness(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected


def test_same_site_treats_www_and_bare_host_as_one() -> None:
    sites = {"news.example", "127.0.0.1:8000"}
    assert same_site("https://www.news.example/a", sites)
    assert same_site("http://127.0.0.1:8000/a", sites)
    assert not same_site("http://127.0.0.1:8001/a", sites)
    assert not same_site("https://othernews.example/a", sites)
