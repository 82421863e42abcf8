"""A sample news site as routes for `SiteServer`: home, sections, articles, feed, sitemaps.

The site has what a crawler meets on a real one: a feed declared in the page head, a
robots.txt with a disallowed folder, a crawl delay and a `Sitemap:` line, a sitemap index
with a Google News sitemap and a gzipped archive sitemap, tracking parameters and session
ids on links, `javascript:`/`mailto:`/`file:` links, a PDF and a photo without extension,
an endless events calendar, and articles that only one channel (feed, news sitemap,
archive sitemap or section page) leads to. Stories come from `site/stories.json`
(tests build their own `Story` lists).
"""
from __future__ import annotations

import gzip
import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from broadsheet.demo.server import Fallback, Route

__all__ = ["SiteSpec", "Story", "build_routes", "demo_sites"]

DATA = Path(__file__).parent / "site" / "stories.json"
PAGES = Path(__file__).parent / "pages"
CHANNELS = ("feed", "news", "archive", "section")


@dataclass(frozen=True)
class Story:
    """One article and where the site links it from (`channels`, a subset of CHANNELS)."""

    path: str
    title: str
    section: str
    published: datetime
    channels: tuple[str, ...]
    description: str = ""
    author: str = ""
    tags: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    page: bytes | None = None  # a bundled page served as it is


@dataclass
class SiteSpec:
    name: str
    language: str
    sections: list[tuple[str, str]]
    stories: list[Story]
    crawl_delay: float | None = None
    disallow: tuple[str, ...] = ("/private/",)
    extra_links: list[str] = field(default_factory=list)


def _story_path(section: str, published: datetime, slug: str) -> str:
    return f"/{section}/{published:%Y/%m/%d}/{slug}"


def demo_sites(now: datetime | None = None) -> list[SiteSpec]:
    """The two bundled sites (an English and a German paper), dated relative to `now`."""
    now = now or datetime.now(timezone.utc)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    sites = []
    for raw in data["sites"]:
        stories = [
            Story(
                path=_story_path(s["section"], now - timedelta(hours=s["age_hours"]), s["slug"]),
                title=s["title"], section=s["section"],
                published=(now - timedelta(hours=s["age_hours"])).replace(microsecond=0),
                channels=tuple(s["channels"]), description=s["description"], author=s["author"],
                tags=tuple(s["tags"]), paragraphs=tuple(s["paragraphs"]),
            )
            for s in raw["stories"]
        ]
        stories += [
            Story(path=b["path"], title=b["title"], section=b["section"],
                  published=datetime.fromisoformat(b["published"]), channels=tuple(b["channels"]),
                  page=(PAGES / b["file"]).read_bytes())
            for b in raw["bundled"]
        ]
        sites.append(SiteSpec(raw["name"], raw["language"], [tuple(s) for s in raw["sections"]], stories))
    return sites


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _shell(site: SiteSpec, title: str, body: str, *, head: str = "") -> bytes:
    nav = "".join(f'<li><a href="/{slug}/">{_e(label)}</a></li>' for slug, label in site.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{site.language}"><head><meta charset="utf-8">'
        f"<title>{_e(title)} | {_e(site.name)}</title>"
        f'<link rel="alternate" type="application/rss+xml" title="{_e(site.name)}" href="/feed.xml">{head}'
        f'</head><body><header><a href="/" class="logo">{_e(site.name)}</a><nav><ul>{nav}</ul></nav>'
        f'<a href="/account/login;jsessionid=A1B2C3">Sign in</a></header>\n{body}\n'
        '<footer><a href="/about">About us</a> <a href="/contact">Contact</a> '
        '<a href="/privacy">Privacy</a> <a href="/events/calendar?month=2024-05">Events calendar</a>'
        '</footer></body></html>'
    ).encode("utf-8")


def _article(site: SiteSpec, story: Story, base_url: str, related: list[Story]) -> bytes:
    slug = story.path.rsplit("/", 1)[-1]
    url = base_url + story.path
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
        "datePublished": story.published.isoformat(), "author": {"@type": "Person", "name": story.author},
        "publisher": {"@type": "Organization", "name": site.name}, "articleSection": story.section,
        "keywords": ", ".join(story.tags), "inLanguage": site.language,
    }
    head = (
        f'<meta name="description" content="{_e(story.description)}">'
        f'<meta property="og:title" content="{_e(story.title)}"><meta property="og:type" content="article">'
        f'<meta property="og:site_name" content="{_e(site.name)}"><link rel="canonical" href="{_e(url)}">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    )
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in story.paragraphs)
    rel = "".join(f'<li><a href="{r.path}?utm_source=related&amp;utm_medium=web">{_e(r.title)}</a></li>'
                  for r in related)
    body = (
        f'<main><article><h1>{_e(story.title)}</h1><p class="byline">By {_e(story.author)}</p>'
        f'<time datetime="{story.published.isoformat()}">{story.published:%d %B %Y, %H:%M}</time>'
        '<div class="share"><a href="javascript:window.print()">Print</a> '
        f'<a href="mailto:?subject={_e(story.title)}">Email</a> '
        f'<a href="{story.path}?utm_source=share&amp;fbclid=XYZ123#comments">Share link</a></div>'
        f'<div class="article-body">{paragraphs}'
        f'<p class="downloads"><a href="/files/{slug}.pdf">Download as PDF</a> '
        f'<a href="/media/{slug}-photo">Photo gallery</a> <a href="/private/drafts/{slug}">Editor notes</a> '
        '<a href="file:///C:/newsroom/archive.html">Archive</a></p></div></article>'
        f'<aside class="related"><h2>Related stories</h2><ul>{rel}</ul></aside></main>'
    )
    return _shell(site, story.title, body, head=head)


def _listing(site: SiteSpec, title: str, stories: list[Story], extra: str = "") -> bytes:
    items = "".join(
        f'<li><a href="{s.path}">{_e(s.title)}</a> <span>{s.published:%d.%m.%Y}</span></li>' for s in stories
    )
    return _shell(site, title, f'<main><h1>{_e(title)}</h1><ul class="teasers">{items}</ul>{extra}</main>')


def _rss(site: SiteSpec, base_url: str, stories: list[Story]) -> bytes:
    items = "".join(
        f"<item><title>{_e(s.title)}</title><link>{_e(base_url + s.path)}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<guid>{_e(base_url + s.path)}</guid><pubDate>{format_datetime(s.published)}</pubDate>"
        f"<description>{_e(s.description)}</description></item>"
        for s in stories
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{_e(site.name)}</title>'
            f"<link>{base_url}/</link><description>Latest stories</description>{items}</channel></rss>").encode()


def _urlset(base_url: str, stories: list[Story], *, news: bool, site: SiteSpec) -> bytes:
    entries = []
    for s in stories:
        extra = (f"<news:news><news:publication><news:name>{_e(site.name)}</news:name><news:language>"
                 f"{site.language}</news:language></news:publication><news:publication_date>"
                 f"{s.published.isoformat()}</news:publication_date><news:title>{_e(s.title)}</news:title>"
                 "</news:news>") if news else f"<lastmod>{s.published.isoformat()}</lastmod>"
        entries.append(f"<url><loc>{_e(base_url + s.path)}</loc>{extra}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(entries) + "</urlset>").encode()


def _calendar(path: str) -> Route | None:
    """/events/calendar?month=YYYY-MM: always one more month, the endless trap."""
    parts = urlsplit(path)
    if parts.path != "/events/calendar":
        return None
    month = (parse_qs(parts.query).get("month") or ["2024-05"])[0]
    try:
        year, mon = (int(x) for x in month.split("-"))
    except ValueError:
        return None
    nxt = f"{year + mon // 12}-{mon % 12 + 1:02d}"
    body = f'<html><body><h1>Events {month}</h1><a href="/events/calendar?month={nxt}">Next month</a></body></html>'
    return Route(body.encode())


def build_routes(site: SiteSpec, base_url: str, *, partner_url: str | None = None) -> tuple[dict[str, Route], Fallback]:
    """Routes (path -> Route) of `site` served at `base_url`, and the fallback for trap URLs."""
    stories = sorted(site.stories, key=lambda s: s.published, reverse=True)
    listed = [s for s in stories if "section" in s.channels]
    routes: dict[str, Route] = {}
    for story in stories:
        related = [r for r in listed if r.section == story.section and r is not story][:2]
        routes[story.path] = Route(story.page if story.page is not None else _article(site, story, base_url, related))
        slug = story.path.rsplit("/", 1)[-1]
        routes[f"/files/{slug}.pdf"] = Route(b"%PDF-1.4\n% sample\n", content_type="application/pdf")
        routes[f"/media/{slug}-photo"] = Route(b"\xff\xd8\xff\xe0 JFIF sample", content_type="image/jpeg")
        routes[f"/private/drafts/{slug}"] = Route(b"<html><body>internal notes</body></html>")
    for slug, label in site.sections:
        routes[f"/{slug}/"] = Route(_listing(site, label, [s for s in listed if s.section == slug]))
    extra = "".join(f'<a href="{link}">more</a> ' for link in site.extra_links)
    if partner_url:
        extra += f'<p>Partner: <a href="{partner_url}/">our partner paper</a></p>'
    home_sections = "".join(f'<a href="/{slug}/?sessionid=S{n}X9">{_e(label)}</a> '
                            for n, (slug, label) in enumerate(site.sections))
    routes["/"] = Route(_listing(site, site.name, listed[:3], f"<p>{home_sections}</p>{extra}"))
    routes["/about"] = Route(_shell(site, "About us", f"<main><h1>About {_e(site.name)}</h1><p>Independent local news.</p></main>"))
    routes["/contact"] = Route(_shell(site, "Contact", "<main><h1>Contact</h1><p>newsroom@example.invalid</p></main>"))
    routes["/feed.xml"] = Route(_rss(site, base_url, [s for s in stories if "feed" in s.channels]),
                                content_type="application/rss+xml")
    routes["/sitemaps/news.xml"] = Route(_urlset(base_url, [s for s in stories if "news" in s.channels],
                                                 news=True, site=site), content_type="application/xml")
    archive = _urlset(base_url, [s for s in stories if "archive" in s.channels], news=False, site=site)
    routes["/sitemaps/archive.xml.gz"] = Route(gzip.compress(archive, mtime=0), content_type="application/gzip")
    routes["/sitemap.xml"] = Route(
        ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{base_url}/sitemaps/news.xml</loc></sitemap>"
         f"<sitemap><loc>{base_url}/sitemaps/archive.xml.gz</loc></sitemap></sitemapindex>").encode(),
        content_type="application/xml")
    robots = ["User-agent: *"] + [f"Disallow: {d}" for d in site.disallow]
    if site.crawl_delay is not None:
        robots.append(f"Crawl-delay: {site.crawl_delay:g}")
    robots.append(f"Sitemap: {base_url}/sitemap.xml")
    routes["/robots.txt"] = Route(("\n".join(robots) + "\n").encode(), content_type="text/plain")

    def fallback(path: str) -> Route | None:
        if "sessionid=" in path or ";jsessionid=" in path:  # a session id on any page: same page
            clean = path.split(";")[0].split("?")[0]
            return routes.get(clean)
        return _calendar(path)

    return routes, fallback
