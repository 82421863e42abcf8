"""Choosing the publication date among the dates a page states.

Candidates arrive parsed, in precedence order (see `merge.PRECEDENCE`). Three corrections
follow, each because the first candidate is often not the day the page shows its readers:
structured sources outvote the first one when two agree on another day; a UTC rendering
gives way to the same instant written with the page's own offset, or to the same minute
written as local time without one (or to the URL's day one off it); and a day in the URL
earlier than the stated one is the original publication. The day of a URL the page states
for itself (canonical, og:url) counts where the page's own URL holds none; where the URL's
day wins, the time comes from the first date of that day that has one.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Callable

from broadsheet.extract.meta.dates import find_date, parse_date, url_date, url_month

#: Sources of dates stated for machines rather than readers.
_STRUCTURED = frozenset({"json-ld", "opengraph", "meta", "microdata"})

#: UTC offsets in use (tz database) that are not whole hours, in minutes: Marquesas,
#: Newfoundland (standard and summer), Iran, Afghanistan, India and Sri Lanka, Nepal,
#: Myanmar, Eucla, central Australia, Lord Howe, Chatham (standard and summer).
_ODD_OFFSETS = frozenset({-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825})


def real_offset(minutes: int) -> bool:
    """Whether a UTC offset of `minutes` is one a clock somewhere shows: whole hours within
    -12..+14, or one of `_ODD_OFFSETS` (not -07:30, not -11:30)."""
    return -12 * 60 <= minutes <= 14 * 60 and (minutes % 60 == 0 or minutes in _ODD_OFFSETS)


def date_reader(fetched_at: datetime | None, dayfirst: bool) -> Callable[[Any, str, str], str | None]:
    """A cleaner for raw date candidates: (raw, source, key) -> ISO 8601 or None. One
    reader serves one page: sources repeat one value (og, JSON-LD and meta alike), each
    is read once."""
    known: dict[tuple[str, str], str | None] = {}

    def read(raw: Any, source: str, key: str) -> str | None:
        if not isinstance(raw, str):
            return None
        # Machine-written metadata with slashes (11/01/2023) follows US server defaults.
        kind = "dateline" if key == "dateline" else source if source in ("url", "dom") else "structured"
        if (raw, kind) not in known:
            if kind == "dateline":
                found = find_date(raw, not_after=fetched_at, dayfirst=dayfirst)
            elif kind == "url":
                found = url_date(raw, not_after=fetched_at)
            else:
                found = parse_date(raw, not_after=fetched_at, dayfirst=dayfirst and kind == "dom")
            known[raw, kind] = found
        return known[raw, kind]

    return read


def _utc(iso: str) -> bool:
    return iso.endswith("+00:00")


def pick_published(found: list[tuple[str, str]], url: str | None) -> tuple[str | None, str | None]:
    """The publication date among (ISO value, source) candidates in precedence order.

    The calendar day that counts is the one the page shows its readers. Structured data
    often states the instant in UTC ("2019-10-18T22:04Z") where the page's own offset puts
    it on the next day ("2019-10-19T00:04+02:00"): the same instant with a non-zero offset
    wins. Without one, a UTC time one day off the date in the URL gives way to the URL's day.
    """
    # A URL the page states for itself (canonical, og:url, a comments feed's) stands in for
    # the page's own URL where that holds no day (or none was given); where it holds one,
    # that day counts, and where it holds a year and month only (/2019/11/slug.html), a day
    # in them. A stated URL on another site (a syndicated copy's original) still counts:
    # read only on the given URL's registered host, the htmldate set lost on held (s17 FX-D).
    from_url = url_date(url)
    if from_url:
        found = [(v, s) for v, s in found if s != "url" or v[:10] == from_url]
    elif month := url_month(url):
        found = [(v, s) for v, s in found if s != "url" or v[:7] == month]
    if not found:
        return None, None
    value, source = _pick(found, from_url)
    if source == "url" and "T" not in value:
        # The URL gives the day, not the time: the first date of that day with a time
        # (a <time> element, a dateline: "October 29, 2012 at 9:39 AM") gives both, and
        # the offset where it renders a stated UTC instant (one day off the URL's).
        # Where a stated UTC instant a day off lost to the URL's day, only a time that
        # renders it: an event's time in the story ("held at 7:30 p.m.") is not its
        # publication's (review RV-DT finding 1). A UTC instant on the URL's own day is
        # no day off: a `<time>` stating one gives its time (Twenty Eleven's
        # `<time class="entry-date" datetime="2012-09-17T07:54:33+00:00">`, review RV-F
        # finding 4).
        timed = [(v, s) for v, s in found if "T" in v and v[:10] == value]
        if timed:
            day = date.fromisoformat(value)
            stated = [u for u, _ in found if "T" in u and _utc(u) and abs((date.fromisoformat(u[:10]) - day).days) == 1]
            if not stated:
                return timed[0]
            for shown, shown_source in timed:
                rendered = next((r for u in stated if (r := local_rendering(u, shown, value))), None)
                if rendered:
                    return rendered, shown_source
    return value, source


def _pick(found: list[tuple[str, str]], from_url: str | None) -> tuple[str, str]:
    """`pick_published` on candidates left after the URLs' filter (`found` not empty)."""
    value, source = found[0]
    # Structured sources outvote the first one when two of them agree on another day.
    voters: dict[str, set[str]] = {}
    for other, other_source in found:
        if other_source in _STRUCTURED:
            voters.setdefault(other[:10], set()).add(other_source)
    if len(voters.get(value[:10], ())) < 2:
        for other, other_source in found:
            if other_source in _STRUCTURED and len(voters[other[:10]]) >= 2:
                value, source = other, other_source
                break
    if "T" in value and _utc(value):
        instant = datetime.fromisoformat(value)
        for other, other_source in found[1:]:
            if "T" in other and other[-6] in "+-" and not _utc(other):
                try:
                    if abs((datetime.fromisoformat(other) - instant).total_seconds()) <= 60:
                        return other, other_source
                except (TypeError, ValueError):
                    continue
        # The same minute written as the page's local time, without an offset (Advance
        # Local's `article_date_original`, "Monday, November 18, 2019, 08:19 PM", beside
        # `article:published_time` 2019-11-19T01:19Z): the day the page's readers see.
        # Only in metadata stated for that (a <time> in the story may be an event's), and
        # never on another day than the URL's.
        url_day = from_url or next((v[:10] for v, s in found if s == "url"), None)
        for other, other_source in found[1:]:
            local = local_rendering(value, other, url_day) if other_source in _STRUCTURED and "T" in other else None
            if local:
                return local, other_source
        if from_url and from_url != value[:10]:
            gap = abs((date.fromisoformat(from_url) - instant.date()).days)
            if gap == 1:
                return from_url, "url"
    # A URL is minted at first publication: an earlier day in it is the original date,
    # and a later structured date is a re-publication or an update.
    if from_url and source != "url" and (date.fromisoformat(value[:10]) - date.fromisoformat(from_url)).days > 1:
        return from_url, "url"
    return value, source


def local_rendering(stated: str, shown: str | None, url_day: str | None = None) -> str | None:
    """The instant a page states in UTC, as the local time it prints by the headline.

    "2019-10-18T20:00:25Z" stated and "19.10.2019, 05:00" shown are one instant at UTC+9:
    the page's readers see the 19th. The shown time must have the stated minutes and an
    offset a clock shows (`real_offset`) that moves the day, never off the day in the
    page's URL (`url_day`); the result carries that offset. A day shown without a time
    counts where the stated instant is a local midnight east of Greenwich
    ("2021-11-04T23:00Z" for a page showing 5 November).
    """
    if not shown or "T" not in stated or not _utc(stated) or (len(shown) > 10 and shown[-6] in "+-"):
        return None
    if url_day and shown[:10] != url_day:
        return None
    try:
        instant = datetime.fromisoformat(stated)
        if "T" not in shown:
            return _local_midnight(instant, date.fromisoformat(shown))
        local = datetime.fromisoformat(shown[:16])
    except ValueError:
        return None
    if local.date() == instant.date() or local.minute % 15 != instant.minute % 15:
        return None
    minutes = round((local - instant.replace(tzinfo=None, second=0, microsecond=0)).total_seconds() / 60)
    if not real_offset(minutes):
        return None
    sign = "+" if minutes >= 0 else "-"
    return f"{shown[:16]}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def renders_another_day(stated: str, url_day: str | None) -> bool:
    """Whether `local_rendering` may find a rendering of the UTC instant `stated` on a page
    whose URL holds the day `url_day`: the day it renders is one off the UTC day (an offset
    of -12..+14 hours that moves the day), and the URL's, so with a URL's day that is not
    one off, nothing printed can render it (and the text by the headline need not be read)."""
    if not url_day:
        return True
    try:
        gap = (date.fromisoformat(url_day) - date.fromisoformat(stated[:10])).days
    except ValueError:
        return True
    return gap in (-1, 1)


def _local_midnight(instant: datetime, shown: date) -> str | None:
    """The shown day's midnight, where the UTC instant is that midnight at an offset of
    +1..+14 hours: a date entered without a time, stored in UTC."""
    if shown != instant.date() + timedelta(days=1) or instant.minute or instant.second or instant.hour < 10:
        return None
    return f"{shown.isoformat()}T00:00+{24 - instant.hour:02d}:00"
