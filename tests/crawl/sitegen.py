"""Small generated news sites on loopback for the crawl tests.

Each `Host` is a real HTTP server (its own loopback port: its own host for the crawler) serving a site
built by `broadsheet.demo.site` from synthetic stories, so the tests exercise the same
site shapes as the demo plus the special routes a test adds (flaky, slow, 429, redirects).
All hosts of a test write to one `RequestLog`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from broadsheet.demo.server import RequestLog, Route, SiteServer
from broadsheet.demo.site import CHANNELS, SiteSpec, Story, build_routes

_NOUNS = ("harbour council ferry market school bridge river museum festival library station budget "
          "orchestra stadium hospital tram bakery garden factory airport theatre quarry lighthouse "
          "vineyard brewery archive observatory canal forest island tunnel reservoir cathedral "
          "workshop cinema gallery pier dockyard college laboratory warehouse fountain").split()
_VERBS = ("reopen expand rebuild inspect close repaint relocate celebrate fund protect survey "
          "modernise insure restore upgrade review").split()
_PEOPLE = ("Ines Duarte, Olav Brandt, Ruth Okafor, Jon Aasen, Emma Strand, Priya Nair, Lukas Berg, "
           "Nadia Farouk, Helga Sorensen, Anders Holm, Mara Lind, Tomas Ek").split(", ")
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _sentence(rng: random.Random) -> str:
    a, b, c = rng.sample(_NOUNS, 3)
    return (f"The {a} {rng.choice(['committee', 'board', 'trust', 'team'])} said on {rng.choice(_DAYS)} that "
            f"{rng.randint(2, 950)} residents near the {b} had asked the town to {rng.choice(_VERBS)} the old {c}, "
            f"according to {rng.choice(_PEOPLE)}.")


def synthetic_stories(n: int, *, seed: int, sections: list[str], now: datetime,
                      channels: list[tuple[str, ...]] | None = None) -> list[Story]:
    """`n` distinct stories (no two near-duplicates), spread over sections and channels.

    Without `channels`, story i is reachable by one channel only (feed, news sitemap,
    archive sitemap, section page in turn), so a crawl must use all four to find them all.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        section = sections[i % len(sections)]
        published = (now - timedelta(hours=3 + 11 * i)).replace(microsecond=0)
        nouns = rng.sample(_NOUNS, 3)
        slug = f"{nouns[0]}-{nouns[1]}-{nouns[2]}-plan-{seed}-{i}"
        paragraphs = tuple(" ".join(_sentence(rng) for _ in range(3)) for _ in range(4))
        chan = channels[i] if channels else (CHANNELS[i % len(CHANNELS)],)
        out.append(Story(path=f"/{section}/{published:%Y/%m/%d}/{slug}",
                         title=f"{nouns[0].title()} {nouns[1]} plan number {i} for the {nouns[2]}",
                         section=section, published=published, channels=chan,
                         description=f"Plans for the {nouns[0]}.", author=rng.choice(_PEOPLE),
                         tags=(nouns[0],), paragraphs=paragraphs))
    return out


@dataclass
class Host:
    """One served site: its server, spec and stories."""

    server: SiteServer
    spec: SiteSpec

    @property
    def url(self) -> str:
        return self.server.base_url

    @property
    def netloc(self) -> str:
        return self.server.netloc

    @property
    def routes(self) -> dict[str, Route]:
        return self.server.routes

    def story_paths(self) -> list[str]:
        return [s.path for s in self.spec.stories]

    def rebuild(self, partner: str | None = None) -> None:
        """Re-render the site from `spec` (after stories were added or changed)."""
        routes, fallback = build_routes(self.spec, self.url, partner_url=partner)
        self.server.routes.update(routes)
        self.server.fallback = fallback

    def set_robots(self, text: str, **route_args) -> None:
        self.server.routes["/robots.txt"] = Route(text.encode(), content_type=route_args.pop(
            "content_type", "text/plain"), **route_args)


def serve(address: str, log: RequestLog, *, name: str, n: int, seed: int, crawl_delay: float | None = None,
          sections: tuple[str, ...] = ("news", "sport"), now: datetime | None = None) -> Host:
    """Start a host serving a generated site of `n` stories."""
    now = now or datetime.now(timezone.utc)
    server = SiteServer(log=log, address=address).start()
    spec = SiteSpec(name=name, language="en", sections=[(s, s.title()) for s in sections],
                    stories=synthetic_stories(n, seed=seed, sections=list(sections), now=now),
                    crawl_delay=crawl_delay)
    host = Host(server, spec)
    host.rebuild()
    return host
