"""Reading feeds, sitemaps and links from bytes, including damaged ones."""
import gzip
from datetime import datetime, timezone

from broadsheet.crawl.discover import (
    MAX_SITEMAP_URLS, gunzip_capped, parse_date, parse_feed, parse_html_links, parse_sitemap, sniff_kind,
)

SINCE = datetime(2024, 5, 1, tzinfo=timezone.utc)
NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://x.example/a</loc>
  <image:image><image:loc>https://x.example/a.jpg</image:loc></image:image>
  <news:news><news:publication_date>2024-05-02T08:00:00+02:00</news:publication_date></news:news></url>
<url><loc>https://x.example/old</loc>
  <news:news><news:publication_date>2024-04-01</news:publication_date></news:news></url>
<url><loc> https://x.example/undated </loc></url>
<url><loc>https://x.example/lastmod-old</loc><lastmod>2023-01-01</lastmod></url>
</urlset>"""


def test_news_sitemap_dates_filter_by_since() -> None:
    found = parse_sitemap(NEWS, since=SINCE)
    assert found.urls == ["https://x.example/a", "https://x.example/undated"]
    assert found.old == 2 and found.problems == []
    assert len(parse_sitemap(NEWS).urls) == 4  # image:loc is not a page


def test_sitemap_index() -> None:
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://x.example/s1.xml.gz</loc><lastmod>2024-05-03</lastmod></sitemap>"
             b"<sitemap><loc>https://x.example/s0.xml</loc><lastmod>2020-01-01</lastmod></sitemap></sitemapindex>")
    found = parse_sitemap(index, since=SINCE)
    assert found.sitemaps == ["https://x.example/s1.xml.gz"] and found.urls == [] and found.old == 1


def test_wrong_or_missing_namespace_still_read_and_reported() -> None:
    for ns in (b' xmlns="http://www.google.com/schemas/sitemap/0.84"', b""):
        found = parse_sitemap(b"<urlset" + ns + b"><url><loc>https://x.example/a</loc></url></urlset>")
        assert found.urls == ["https://x.example/a"]
        assert found.problems == ["unexpected-namespace"]


def test_malformed_xml_keeps_every_loc_it_can_find() -> None:
    broken = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/1</loc></url>'
              b"<url><loc>https://x.example/2</loc>&nbsp;<b></url><url><loc>https://x.example/3</loc></url>")
    found = parse_sitemap(broken)
    assert found.urls == ["https://x.example/1", "https://x.example/2", "https://x.example/3"]
    assert "malformed-xml" in found.problems


def test_not_a_sitemap() -> None:
    assert parse_sitemap(b"<html><body>Not found</body></html>").problems == ["not-a-sitemap"]
    assert parse_sitemap(b"").problems == ["malformed-xml"]
    assert parse_sitemap(b"\x00\x01\x02 binary").urls == []


def test_entities_are_not_expanded_into_a_bomb() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
            b"<urlset><url><loc>&h;</loc></url></urlset>")
    found = parse_sitemap(bomb)  # expat refuses the amplification: counted, not hung
    assert "malformed-xml" in found.problems and found.urls == []


def test_url_cap_per_sitemap() -> None:
    body = b"<urlset>" + b"".join(b"<url><loc>https://x.example/%d</loc></url>" % i
                                  for i in range(MAX_SITEMAP_URLS + 5)) + b"</urlset>"
    found = parse_sitemap(body)
    assert len(found.urls) == MAX_SITEMAP_URLS and "too-many-urls" in found.problems


def test_gzip_capped() -> None:
    data = b"<urlset></urlset>" * 100
    assert gunzip_capped(gzip.compress(data), 10_000) == (data, None)
    assert gunzip_capped(data, 10_000) == (data, "not-gzip")  # a .gz served already unpacked
    assert gunzip_capped(gzip.compress(b"0" * 1_000_000), 1000)[1] == "gzip-too-large"
    assert len(gunzip_capped(gzip.compress(b"0" * 1_000_000), 1000)[0]) <= 1000
    assert gunzip_capped(gzip.compress(data)[:-12], 10_000)[1] == "bad-gzip"
    assert gunzip_capped(b"\x1f\x8b\x08garbage", 10_000)[1] == "bad-gzip"


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>
<item><link>https://x.example/new?utm_source=rss</link><pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate></item>
<item><link>https://x.example/old</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>no link</title></item>
<item><link>https://x.example/undated</link></item></channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
<entry><title>a</title><link rel="alternate" href="https://x.example/atom-a"/><updated>2024-05-03T00:00:00Z</updated></entry>
</feed>"""


def test_rss_and_atom_with_since() -> None:
    found = parse_feed(RSS, since=SINCE)
    assert found.urls == ["https://x.example/new?utm_source=rss", "https://x.example/undated"]
    assert found.old == 1 and found.problems == []
    assert parse_feed(ATOM).urls == ["https://x.example/atom-a"]


def test_malformed_feed_read_as_far_as_possible() -> None:
    found = parse_feed(RSS.replace(b"</channel></rss>", b"<item><link>https://x.example/cut"))
    assert "malformed-feed" in found.problems
    assert "https://x.example/new?utm_source=rss" in found.urls


def test_not_a_feed() -> None:
    assert parse_feed(b"\x89PNG\r\n\x1a\n binary").problems == ["not-a-feed"]
    assert parse_feed(b"").problems == ["not-a-feed"]


def test_html_links_feeds_base_and_nofollow() -> None:
    html = (b'<html><head><base href="https://x.example/news/"><link rel="alternate" type="application/atom+xml" '
            b'href="/atom.xml"><link rel="stylesheet" href="/s.css"></head><body>'
            b'<a href="story-one-two">1</a><a href="#top">top</a><a href="javascript:void(0)">js</a>'
            b'<a rel="nofollow" href="/login">login</a><a href="  https://y.example/ext ">ext</a></body></html>')
    found = parse_html_links(html, "https://x.example/")
    assert found.feeds == ["https://x.example/atom.xml"]
    assert found.urls == ["https://x.example/news/story-one-two", "javascript:void(0)", "https://y.example/ext"]
    nofollow = parse_html_links(b'<meta name="robots" content="noindex, nofollow"><a href="/a">a</a>', "https://x.example/")
    assert nofollow.urls == []


def test_feed_link_and_base_without_a_value_are_passed_over() -> None:
    # `<link href>` has no value (None in Lexbor): it raised AttributeError and lost the page's links
    html = (b'<base href><link rel="alternate" type="application/rss+xml" href>'
            b'<link rel="alternate" type="application/rss+xml" href=" "><a href="/a">a</a>')
    found = parse_html_links(html, "https://x.example/n/")
    assert found.feeds == []
    assert found.urls == ["https://x.example/a"]


def test_sniff_and_dates() -> None:
    assert sniff_kind(NEWS) == "sitemap" and sniff_kind(RSS) == "feed" and sniff_kind(ATOM) == "feed"
    assert sniff_kind(b"<!DOCTYPE html><html>") == "html" and sniff_kind(b"%PDF-1.4") == "other"
    assert parse_date("2024-05-02T08:00+02:00") == datetime(2024, 5, 2, 6, 0, tzinfo=timezone.utc)
    assert parse_date("2024-05") == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert parse_date("yesterday") is None
