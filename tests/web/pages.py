"""A small corpus for the web tests: news pages (some hostile) in a WARC, run through the pipeline.

Two sites in two languages, with sections, dates, lists, quotes, tables and images; one
story copied word for word to a second site (an exact duplicate) and one lightly edited
(a near duplicate); and pages crafted to run script if anything is not escaped: a
`<script>` title, `onerror=` attributes, `javascript:` links and images, entity-escaped
markup that must stay text.
"""
from __future__ import annotations

from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.run.pipeline import Pipeline
from broadsheet.sources.warc import iter_warc_records

FILLER = (
    "The council met on Tuesday evening to discuss the proposal, which has divided residents for months. "
    "Supporters say the plan will bring jobs and new life to the waterfront, while critics worry about traffic, "
    "noise and the cost to taxpayers if the projections turn out to be too optimistic."
)
FILLER_DE = (
    "Der Gemeinderat hat am Dienstagabend über den Vorschlag beraten, der die Einwohner seit Monaten spaltet. "
    "Befürworter erwarten neue Arbeitsplätze am Hafen, Kritiker fürchten Verkehr, Lärm und hohe Kosten für die "
    "Steuerzahler, falls die Prognosen zu optimistisch ausfallen."
)

#: Markers that must never run: each would set a global or call alert() if it did.
HOSTILE_TITLE = "<script>window.__pwned = 'title'; alert('title')</script> Harbour plan <b>approved</b>"


def _page(*, lang: str, site: str, title: str, author: str, date: str, section: str, body: str,
          image: str = "https://img.news.example/lead.jpg", canonical: str = "", head: str = "") -> str:
    canonical_tag = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:image" content="{image}">
<meta property="article:section" content="{section}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
{canonical_tag}{head}
<script>var tracking = "should not matter";</script>
<style>body {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav>
<div class="ad">Advertisement: buy our premium subscription today</div>
<article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{body}
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Another story about something else</a></li>
<li><a href="/y">Yet another teaser for a different story</a></li></ul></aside>
<footer>Copyright 2024 {site}. All rights reserved. Imprint. Privacy.</footer>
</body></html>"""


def _story(n: int, lead: str, filler: str = FILLER) -> str:
    return (f"<p>{lead}</p>\n<p>{filler}</p>\n<h2>What happens next {n}</h2>\n<p>{filler} {n}</p>\n"
            f"<ul><li>First point of story {n}, about the budget</li><li>Second point of story {n}, about the timeline</li></ul>\n"
            f"<blockquote><p>We will listen to everyone before we decide, said the mayor in story {n}.</p></blockquote>\n"
            f"<figure><img src=\"https://img.news.example/{n}.jpg\" alt=\"\"><figcaption>The harbour at dawn, photo {n}"
            f"</figcaption></figure>\n<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>{n} million</td></tr>"
            f"<tr><td>2025</td><td>{n + 1} million</td></tr></table>\n<p>{filler} Final paragraph {n}.</p>")


def pages() -> list[tuple[str, str]]:
    """(URL, HTML) of every page of the test corpus, in crawl order."""
    out = []
    for n in range(1, 7):
        out.append((f"https://news.example/2024/05/{n:02d}/harbour-story-{n}", _page(
            lang="en", site="The Coastal Ledger", title=f"Harbour story number {n} for the record",
            author=f"Reporter {n} Smith", date=f"2024-05-{n:02d}T09:00:00+00:00",
            section="Politics" if n % 2 else "Business",
            body=_story(n, f"Story {n}: the old harbour bridge reopened after {n} months of repairs."))))
    for n in range(1, 4):
        out.append((f"https://zeitung.example/2024/06/{n:02d}/hafen-{n}", _page(
            lang="de", site="Der Anzeiger", title=f"Hafengeschichte Nummer {n} im Überblick",
            author=f"Autorin {n} Müller", date=f"2024-06-{n:02d}T08:00:00+02:00", section="Lokales",
            body=_story(n + 10, f"Geschichte {n}: Die alte Hafenbrücke ist nach {n} Monaten wieder offen.", FILLER_DE))))
    # an exact copy of story 1 on the second site, and a near copy of story 2 (a word changed)
    html1 = out[0][1]
    out.append(("https://zeitung.example/wire/harbour-story-1", html1.replace('content="The Coastal Ledger"',
                                                                              'content="Der Anzeiger"')))
    html2 = out[1][1]
    out.append(("https://zeitung.example/wire/harbour-story-2", html2.replace("Final paragraph 2.",
                                                                              "Final paragraph 2, updated.")))
    out += hostile_pages()
    return out


def hostile_pages() -> list[tuple[str, str]]:
    """Pages whose text and URLs would run script anywhere they were not escaped."""
    xss_body = (
        "<p>Readers sent in this markup, shown as text: &lt;script&gt;window.__pwned='entity'; alert('entity')"
        "&lt;/script&gt; and &lt;img src=x onerror=\"window.__pwned='onerror-text'\"&gt; with more words after it "
        "so that the paragraph is long enough to keep.</p>\n"
        f"<p>{FILLER}</p>\n<p>{FILLER} It said &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; twice-escaped.</p>\n"
        "<figure><img src=\"javascript:window.__pwned='img-src'\" alt=\"x\"><figcaption>A caption with "
        "&lt;svg onload=alert(1)&gt; in it</figcaption></figure>\n"
        "<p><a href=\"javascript:window.__pwned='link'\">a javascript link</a> inside a paragraph that is long "
        "enough to be part of the article body and not boilerplate at all, about the harbour.</p>\n"
        f"<p>{FILLER} Hostile ending.</p>"
    )
    head = ("<meta property=\"og:description\" content=\"&lt;img src=x onerror=&quot;window.__pwned='desc'&quot;&gt;\">"
            "<meta property=\"article:tag\" content=\"&lt;script&gt;alert('tag')&lt;/script&gt;\">")
    return [(
        "https://evil.example/2024/05/20/xss",
        _page(lang="en", site="Evil \"><svg onload=alert('site')>", title=HOSTILE_TITLE.replace("<", "&lt;"),
              author="<img src=x onerror=alert('author')>".replace("<", "&lt;"), date="2024-05-20T10:00:00+00:00",
              section="Opinion", body=xss_body, image="javascript:window.__pwned='og-image'",
              canonical="javascript:window.__pwned='canonical'", head=head),
    )]


def write_warc(path: Path, items: list[tuple[str, str]]) -> Path:
    """An uncompressed WARC of HTML responses."""
    with open(path, "wb") as fh:
        for i, (url, html) in enumerate(items):
            body = html.encode("utf-8")
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + \
                f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                    f"WARC-Date: 2024-07-01T12:00:{i % 60:02d}Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
            fh.write(head + http + b"\r\n\r\n")
    return path


def build(folder: Path) -> Path:
    """The test corpus (and its WARC, which stays beside it for the side-by-side view)."""
    warc = write_warc(folder / "news.warc", pages())
    corpus = folder / "web.sqlite"
    with Corpus(corpus) as store, Pipeline(store, progress=False, desc="ingest") as pipe:
        for _offset, page in iter_warc_records(warc):
            pipe.process(page)
    return corpus


def crafted_records() -> list[dict]:
    """Records as a hostile producer could store them, past the extractor: every field raw."""
    script = "<script>window.__pwned='{0}'; alert('{0}')</script>"
    onerror = "<img src=x onerror=\"window.__pwned='{0}'\">"
    text = (f"Crafted harbour paragraph {script.format('text')} and {onerror.format('text-img')} and "
            "&lt;script&gt;alert('entity')&lt;/script&gt; stay text. " + FILLER)
    return [{
        "url": "https://crafted.example/story?q=<script>alert('url')</script>&x=\"><b>",
        "canonical_url": "javascript:window.__pwned='canonical'",
        "title": "Crafted " + script.format("title") + onerror.format("title-img"),
        "description": "&lt;b&gt;entity&lt;/b&gt; <iframe src=\"javascript:alert('desc')\"></iframe>",
        "authors": [onerror.format("author")],
        "date_published": "2024-05-21T10:00:00+00:00",
        "date_modified": "2024-05-22<script>alert('date')</script>",
        "site_name": "\"><svg onload=\"window.__pwned='site'\">",
        "section": script.format("section"),
        "tags": ["<b onmouseover=\"window.__pwned='tag'\">tag</b>"],
        "language": "en",
        "image": "javascript:window.__pwned='image'",
        "text": text,
        "sources": {"title": script.format("source"), "url": "input"},
        "blocks": [
            {"kind": "paragraph", "text": text},
            {"kind": "heading", "text": script.format("heading"), "level": 9},
            {"kind": "list_item", "text": onerror.format("item"), "level": 1},
            {"kind": "list_item", "text": "second item", "level": 7, "ordered": True},
            {"kind": "quote", "text": "</blockquote>" + script.format("quote")},
            {"kind": "code", "text": "</code></pre>" + script.format("code")},
            {"kind": "table", "text": "x", "rows": [[script.format("cell"), "<td onclick=alert(1)>"]]},
            {"kind": "image", "text": "caption " + onerror.format("caption"), "src": "javascript:window.__pwned='img-src'"},
            {"kind": "image", "text": "data image", "src": "data:text/html,<script>alert('data')</script>"},
            {"kind": "image", "text": "quote break", "src": "https://img.example/a.jpg\" onerror=\"window.__pwned='attr'"},
            {"kind": "image", "text": "a fine image", "src": "https://img.example/fine.jpg"},
        ],
    }]


def add_crafted(corpus: Path) -> list[str]:
    """Store the crafted records; their ids."""
    with Corpus(corpus) as store:
        return [store.add(r, origin="crafted").id for r in crafted_records()]
