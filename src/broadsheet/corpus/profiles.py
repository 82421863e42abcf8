"""Site profiles at rest: one `SiteProfile` per host in the corpus (table `profiles`).

Ingest and crawl learn what each site repeats as they go (`broadsheet.extract.profile`):
the main process, the corpus's single writer, keeps the profiles of the hosts in use in
memory (at most `CACHE_HOSTS`, least recently used first out) and writes the changed ones
back every `SAVE_SECONDS` and when the run ends, in the corpus's transaction. A run killed
in between loses the learning of those last seconds, never a page: a profile is a
statistical summary, and a resumed run goes on learning from where it stands.

    profiles = Profiles(corpus)
    work = profiles.work(page)          # SiteWork for the worker (site, template, learn) or None
    profiles.learn(site, page_blocks)   # what an analysed page taught
    profiles.save()                     # write the changed profiles (the caller commits)
    profiles.templates()                # {host: Template} of every host with enough pages, to ship
"""
from __future__ import annotations

import logging
import sqlite3
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from broadsheet.corpus.schema import PROFILES_TABLE, readable_errors
from broadsheet.extract.profile import MIN_PROFILE_PAGES, PageBlocks, SiteProfile, Template, site_key

if TYPE_CHECKING:
    from broadsheet.corpus.store import Corpus
    from broadsheet.model import Page

log = logging.getLogger("broadsheet.corpus")

#: Profiles held in memory at once (a profile is tens of kilobytes at most).
CACHE_HOSTS = 256
#: Changed profiles are written back at most this often (and when the run ends).
SAVE_SECONDS = 30.0
#: A host's pages are all learned until its profile has this many; after that one in
#: LEARN_EVERY is (a site's template changes slowly, and learning costs the worker a few
#: percent of an extraction).
LEARN_ALL = 100
LEARN_EVERY = 4


def learns(pages: int, asked: int) -> bool:
    """Whether the `asked`-th page of a run for a site whose profile has `pages` is learned."""
    return pages < LEARN_ALL or asked % LEARN_EVERY == 0


@dataclass(frozen=True, slots=True)
class SiteWork:
    """What the main process asks of a worker about a page's site: apply `template` (when
    the site's profile has enough pages) and, with `learn`, return what the page teaches."""

    site: str
    template: Template | None = None
    learn: bool = True


class Profiles:
    """The corpus's site profiles, cached in memory while a run uses them (see the module doc).

    `min_pages`: pages a host's profile must have learned before its pages are extracted
    with it (`MIN_PROFILE_PAGES`); `enabled=False` neither applies nor learns.
    """

    def __init__(self, corpus: "Corpus", *, min_pages: int = MIN_PROFILE_PAGES, enabled: bool = True) -> None:
        self.corpus = corpus
        self.min_pages = max(1, min_pages)
        self.enabled = enabled
        self._cache: OrderedDict[str, SiteProfile] = OrderedDict()
        self._dirty: set[str] = set()
        # pages asked about per site in this run, for LEARN_EVERY: only of the sites in
        # `_cache` (dropped with its profile), so it never holds more than CACHE_HOSTS + 1
        # sites however many hosts a run meets (an evicted site's count starts again: its
        # one-in-LEARN_EVERY sampling only moves its phase)
        self._asked: dict[str, int] = {}
        self._saved = time.monotonic()
        self._table = False  # known to exist (a corpus made before profiles lacks it)

    # -- a run's side ----------------------------------------------------------------------
    def work(self, page: "Page | None") -> SiteWork | None:
        """What to ask of the worker about this page's site (None: nothing, a plain extraction)."""
        if not self.enabled or page is None:
            return None
        site = site_key(page.url, page.content)
        if site is None:
            return None
        asked = self._asked[site] = self._asked.get(site, 0) + 1
        return SiteWork(site, self.template(site), learns(self.get(site).pages, asked))

    def template(self, site: str) -> Template | None:
        """The template `work` gives the site's pages now (None: too few pages, or none repeats)."""
        profile = self.get(site)
        return (profile.template() or None) if profile.pages >= self.min_pages else None

    def templates(self) -> dict[str, Template]:
        """Every host's template as `template` gives it now: a snapshot for the processes that
        extract without the corpus (Dask tasks). Stored profiles are read straight from the
        table, not through the cache, which keeps the hosts in use."""
        if not self.enabled:
            return {}
        found: dict[str, Template] = {}
        for site, profile in list(self._cache.items()):
            if profile.pages >= self.min_pages and profile.template():
                found[site] = profile.template()
        with readable_errors(self.corpus.path):
            try:
                rows = self.corpus.db.execute("SELECT host, profile FROM profiles WHERE pages >= ?", (self.min_pages,))
                stored = [(str(host), bytes(data)) for host, data in rows]
            except sqlite3.OperationalError as exc:  # an older, read-only corpus without the table
                if "no such table" not in str(exc):
                    raise
                stored = []
        for site, data in stored:
            if site in self._cache:
                continue
            try:
                template = SiteProfile.from_bytes(data).template()
            except ValueError:
                continue  # `read` says so when the host's pages come
            if template:
                found[site] = template
        return found

    def learn(self, site: str, blocks: PageBlocks) -> None:
        """Count what one stored page of `site` taught."""
        self.get(site).learn(blocks)
        self._dirty.add(site)

    def get(self, site: str) -> SiteProfile:
        """The site's profile (read from the corpus on first use; new if it has none)."""
        profile = self._cache.get(site)
        if profile is not None:
            self._cache.move_to_end(site)
            return profile
        profile = self.read(site) or SiteProfile(site)
        self._cache[site] = profile
        while len(self._cache) > CACHE_HOSTS:
            old, evicted = self._cache.popitem(last=False)
            self._asked.pop(old, None)
            if old in self._dirty:
                self._write(old, evicted)
                self._dirty.discard(old)
        return profile

    def save(self, *, due: bool = False) -> None:
        """Write the changed profiles into the corpus's open transaction (with `due`, only
        when SAVE_SECONDS have passed since the last time)."""
        if due and time.monotonic() - self._saved < SAVE_SECONDS:
            return
        self._saved = time.monotonic()
        for site in sorted(self._dirty):
            profile = self._cache.get(site)
            if profile is not None:
                self._write(site, profile)
        self._dirty.clear()

    # -- storage ---------------------------------------------------------------------------
    def read(self, site: str) -> SiteProfile | None:
        """The stored profile of `site`; None if there is none (or it cannot be read)."""
        with readable_errors(self.corpus.path):
            try:
                row = self.corpus.db.execute("SELECT profile FROM profiles WHERE host = ?", (site,)).fetchone()
            except sqlite3.OperationalError as exc:  # an older, read-only corpus without the table
                if "no such table" in str(exc):
                    return None
                raise
        if row is None:
            return None
        try:
            return SiteProfile.from_bytes(bytes(row[0]))
        except ValueError as exc:
            log.warning("%s: the site profile of %s cannot be read (%s); learning it again", self.corpus.path, site, exc)
            return None

    def _write(self, site: str, profile: SiteProfile) -> None:
        with readable_errors(self.corpus.path):
            self.corpus._begin()
            if not self._table:
                self.corpus.db.execute(PROFILES_TABLE)
                self._table = True
            self.corpus.db.execute(
                "INSERT OR REPLACE INTO profiles(host, pages, profile, updated) VALUES (?, ?, ?, ?)",
                (site, profile.pages, profile.to_bytes(), datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )

    def hosts(self) -> Iterator[tuple[str, int, str]]:
        """(host, pages learned, last written) of every stored profile, most pages first."""
        with readable_errors(self.corpus.path):
            try:
                rows = self.corpus.db.execute(
                    "SELECT host, pages, updated FROM profiles ORDER BY pages DESC, host"
                ).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return
                raise
        for row in rows:
            yield str(row[0]), int(row[1]), str(row[2])
