"""What a robots.txt answer means (RFC 9309 §2.3.1) and the rules read from it."""
from broadsheet.crawl.robots import robots_from_response, robots_unreachable

UA = "broadsheet/0.1 (+https://example.invalid/bot)"
RULES = b"""User-agent: *
Disallow: /private/
Allow: /private/press/
Crawl-delay: 2.5
Sitemap: https://x.example/sitemap.xml

User-agent: otherbot
Disallow: /
"""


def test_rules_disallow_allow_crawl_delay_and_sitemaps() -> None:
    robots = robots_from_response(200, RULES, "text/plain")
    assert robots.verdict == "rules"
    assert not robots.allowed("https://x.example/private/notes", UA)
    assert robots.allowed("https://x.example/private/press/release", UA)
    assert robots.allowed("https://x.example/news/a", UA)
    assert robots.crawl_delay(UA) == 2.5
    assert robots.sitemaps == ["https://x.example/sitemap.xml"]
    assert not robots.allowed("https://x.example/news/a", "otherbot/1.0")


def test_a_group_for_our_name_replaces_the_star_group() -> None:
    robots = robots_from_response(200, b"User-agent: *\nDisallow: /\n\nUser-agent: broadsheet\nDisallow: /x/\n")
    assert robots.allowed("https://x.example/a", UA)
    assert not robots.allowed("https://x.example/x/a", UA)
    assert not robots.allowed("https://x.example/a", "somebot")


def test_4xx_allows_everything() -> None:
    for status in (401, 403, 404, 410):
        robots = robots_from_response(status, b"")
        assert robots.verdict == "allow-all" and robots.allowed("https://x.example/private/a", UA)


def test_5xx_and_429_disallow_everything_for_now() -> None:
    for status in (500, 503, 429):
        robots = robots_from_response(status, b"")
        assert robots.blocks_host and not robots.allowed("https://x.example/", UA)
        assert "for now" in robots.note


def test_unreachable_host_is_skipped_for_now() -> None:
    robots = robots_unreachable("dns")
    assert robots.blocks_host and not robots.reachable and "unreachable" in robots.note
    assert robots_from_response(503, b"").reachable


def test_an_html_page_is_no_rules() -> None:
    page = b"<!DOCTYPE html><html><body><h1>Not found</h1><p>Disallow: /</p></body></html>"
    for ctype in ("text/html", "text/plain", ""):
        robots = robots_from_response(200, page, ctype)
        assert robots.verdict == "allow-all", ctype
        assert robots.allowed("https://x.example/anything", UA)


def test_garbage_and_bom_are_tolerated() -> None:
    robots = robots_from_response(200, b"\xef\xbb\xbfUser-agent: *\nDisallow: /a/\n\x00\xff junk line\n")
    assert not robots.allowed("https://x.example/a/1", UA)
    assert robots.allowed("https://x.example/b", UA)
    assert robots.crawl_delay(UA) == 0.0
