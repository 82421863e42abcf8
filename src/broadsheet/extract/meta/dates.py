"""Dates: many written forms and languages -> ISO 8601, keeping the page's UTC offset.

Structured values (`2023-06-04T16:20+0000`, RFC 2822, epoch seconds) and visible text
(`4. Juni 2023`, `June 4th, 2023`, `4 de junio de 2023`, `2023年6月4日`, `04.06.2023`)
are read with compiled regexes and a month-name table; no date library. The time of day
and offset are kept when written next to the date (`T16:20+00:00`), seconds only when
given. A value is refused, never guessed, when it is impossible (0000-00-00, 31 June),
before the web (1994), or later than the page's fetch time; relative words ("yesterday",
"3 hours ago") only resolve against a known fetch time.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterator

from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.relative import resolve_relative

MIN_YEAR = 1994

# Any run of letters; whether it names a month is a dict lookup (an alternation of the
# ~300 names would be tried at every position of the text, a hundred times slower).
_MON = r"(?P<mon>[^\W\d_]{3,12})"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_TIME = (
    r"(?:[T\s,]+(?:um\s+|à\s+|at\s+)?(?P<h>[01]?\d|2[0-3])[:h.](?P<mi>[0-5]\d)"
    r"(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?)?)?"
)

# Year first: 2023-06-04, 2023/06/04, 2023.06.04, 20230604, each optionally with a time.
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.]?)(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)" + _TIME,
    re.IGNORECASE,
)
# Day first with numbers: 04.06.2023, 4/6/2023, 04-06-2023.
_DMY = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./-])\s?(?P<m>[0-3]?\d)(?P=sep)\s?(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.IGNORECASE,
)
# Day, month name, year: 4 June 2023, 4th of June 2023, 4. Juni 2023, 4 de junio de 2023,
# 04-Jun-2023; a month named in two calendars or languages reads by the first
# ("24 نيسان / أبريل 2020").
_D_MON_Y = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er|º)?[\s-]*(?:de\s+|of\s+)?" + _NOT_LETTER_BEFORE + _MON
    + _NOT_LETTER_AFTER + r"\.?(?:\s*/\s*[^\W\d_]{3,12})?[\s,-]*(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.IGNORECASE,
)
# Month name, day, year: June 4, 2023; Jun. 4th 2023.
_MON_D_Y = re.compile(
    _NOT_LETTER_BEFORE + _MON + _NOT_LETTER_AFTER
    + r"\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.IGNORECASE,
)
# East Asian: 2023年6月4日, 2023년 6월 4일.
_CJK = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?")
# A complete ISO 8601 value as machines write it: 2023-06-04, 2023-06-04T16:20:05.123+02:00.
_STRICT_ISO = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)"
    r"(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?(?P<tz>Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$"
)
_EPOCH = re.compile(r"^\s*(?P<e>1\d{9})(?:\d{3})?\s*$")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d")
_BEFORE_YEAR, _AFTER_YEAR = 32, 40
_HAS_OFFSET = re.compile(r"T.*[+-]\d\d:\d\d$")
#: A letter or underscore just before an undelimited YYYYMMDD: the digits are part of a
#: name ("v20121026.01", a platform's build stamp in every script URL of its pages), not a
#: date standing alone. Read at one character before the year.
_GLUED = re.compile(r"[^\W\d]")

#: Patterns tried on free text, in order of how unambiguous they are.
_TEXT_PATTERNS = (_ISO, _D_MON_Y, _MON_D_Y, _CJK, _DMY)


def _offset(tz: str | None) -> str | None:
    """'+0000', 'Z', 'GMT+2', 'UTC' -> '+00:00' style; None when not written."""
    if not tz:
        return None
    tz = tz.upper().replace(" ", "")
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    if tz.startswith(("UTC", "GMT")):
        tz = tz[3:]
    sign, digits = tz[0], tz[1:].replace(":", "")
    if sign not in "+-" or not digits.isdigit():
        return None
    if len(digits) <= 2:
        digits = digits.zfill(2) + "00"
    hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes > 59:
        return None
    return f"{sign}{hours:02d}:{minutes:02d}"


def _build(m: re.Match[str], year: int, month: int, day_of_month: int) -> tuple[date, str] | None:
    """(calendar day, ISO string) of a match, or None when the day cannot exist."""
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        return None
    iso = day.isoformat()
    groups = m.groupdict()
    if groups.get("h") is not None:
        hour = int(groups["h"])
        ampm = (groups.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        iso += f"T{hour:02d}:{groups['mi']}"
        if groups.get("s"):
            iso += f":{groups['s']}"
        offset = _offset(groups.get("tz"))
        if offset:
            iso += offset
    return day, iso


def _ymd(m: re.Match[str], pattern: re.Pattern[str], dayfirst: bool) -> tuple[int, int, int] | None:
    """Year, month, day of a match; numeric day/month order settled by value, then habit."""
    groups = m.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = MONTHS.get(groups["mon"].lower().rstrip("."))
        return (year, month, int(groups["d"])) if month else None
    if pattern is _ISO and not groups["sep"] and (len(groups["m"]) != 2 or len(groups["d"]) != 2):
        return None  # undelimited digits: only the exact form YYYYMMDD
    month, day = int(groups["m"]), int(groups["d"])
    if pattern is _DMY and (month > 12 or (not dayfirst and groups["sep"] == "/" and day <= 12)):
        month, day = day, month  # 06/24/2023, or a month-first habit (US English)
    return year, month, day


def _acceptable(iso: str, day: date, not_after: datetime | None) -> bool:
    if day.year < MIN_YEAR:
        return False
    limit = not_after or datetime.now(timezone.utc)
    if limit.tzinfo is None:
        limit = limit.replace(tzinfo=timezone.utc)
    if _HAS_OFFSET.search(iso):
        try:
            return datetime.fromisoformat(iso) <= limit + timedelta(minutes=5)
        except ValueError:
            return False
    # No offset written: the page's local day may run up to 14 hours ahead of UTC.
    return day <= (limit + timedelta(hours=14)).date()


def parse_date(
    value: str | None, *, not_after: datetime | None = None, dayfirst: bool = True
) -> str | None:
    """A structured date value (meta content, JSON-LD, `datetime` attribute) as ISO 8601.

    The value must start with the date (after optional weekday words): structured fields
    hold one date, and a digit run elsewhere in them is not evidence of a day.
    """
    if not value:
        return None
    value = value.strip()[:80]
    if not value:
        return None
    strict = _STRICT_ISO.match(value)
    if strict:  # the common machine form: one anchored match instead of the text patterns
        built = _build(strict, int(strict["y"]), int(strict["m"]), int(strict["d"]))
        return built[1] if built and _acceptable(built[1], built[0], not_after) else None
    epoch = _EPOCH.match(value)
    if epoch:
        moment = datetime.fromtimestamp(int(epoch.group("e")), tz=timezone.utc)
        iso = moment.isoformat(timespec="seconds")
        return iso if _acceptable(iso, moment.date(), not_after) else None
    found = _first(value, anchored=True, dayfirst=dayfirst)
    if found is None:
        return None
    day, iso = found
    return iso if _acceptable(iso, day, not_after) else None


def _first(text: str, *, anchored: bool, dayfirst: bool = True) -> tuple[date, str] | None:
    """The earliest date in `text`; `anchored`: only one with no digits before it.

    Every written date has a four-digit year, so the patterns run only on a short window
    around each year found (a literal scan): on long texts that is fifty times faster than
    running them over the whole text.
    """
    for year in _YEAR.finditer(text):
        lo = max(0, year.start() - _BEFORE_YEAR)
        window = text[lo : year.end() + _AFTER_YEAR]
        at = year.start() - lo
        best: tuple[int, date, str] | None = None
        for pattern in _TEXT_PATTERNS:
            for m in pattern.finditer(window):
                if m.start("y") != at:
                    continue
                if anchored and _DIGIT.search(text, 0, lo + m.start()):
                    return None
                if pattern is _ISO and not m["sep"] and _GLUED.match(text, max(0, lo + m.start() - 1)):
                    break  # "v20121026.01": a build stamp's digits, no date
                ymd = _ymd(m, pattern, dayfirst)
                built = _build(m, *ymd) if ymd else None
                if built is not None and (best is None or m.start() < best[0]):
                    best = (m.start(), *built)
                break
        if best is not None:
            return best[1], best[2]
        if anchored:
            return None
    return None


def find_date(
    text: str, *, not_after: datetime | None = None, dayfirst: bool = True
) -> str | None:
    """The first acceptable date written anywhere in a short visible text (a dateline).

    `dayfirst=False` reads an ambiguous 06/04/2023 month first (pages in US English).
    """
    if not text:
        return None
    text = text[:300]
    found = _first(text, anchored=False, dayfirst=dayfirst)
    if found is not None:
        day, iso = found
        return iso if _acceptable(iso, day, not_after) else None
    return resolve_relative(text, not_after)


def scan_date(
    text: str, *, not_after: datetime | None = None, dayfirst: bool = True
) -> str | None:
    """The first acceptable date in a longer text (no relative words: too loose there)."""
    found = _first(text, anchored=False, dayfirst=dayfirst)
    if found is None:
        return None
    day, iso = found
    return iso if _acceptable(iso, day, not_after) else None


_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"
    r"|/(?P<y2>(?:19|20)\d\d)/(?P<m2>[1-9]|1[0-2])/(?P<d2>[1-9]|[12]\d|3[01])/"
    r"|(?<![\d])(?P<d3>0[1-9]|[12]\d|3[01])(?P<sep3>[_.-])(?P<m3>0[1-9]|1[0-2])(?P=sep3)(?P<y3>(?:19|20)\d\d)(?![\d])"
)


def url_date(url: str | None, *, not_after: datetime | None = None) -> str | None:
    """The day written in a URL's path (`/2023/06/04/`, `/20230604/`, `-2023-06-04-`,
    `/2017/7/12/`, `-29-10-2021`)."""
    if not url:
        return None
    for iso, day in _url_days(url) if len(url) <= _MEMO_URL else _iter_url_days(url):
        if _acceptable(iso, day, not_after):
            return iso
    return None


def _iter_url_days(url: str) -> Iterator[tuple[str, date]]:
    """The calendar days written in a URL's path, in order, read as asked (`url_date` keeps
    the first acceptable one: that depends on the time, this does not; a long URL is read
    no further than that day, and none of its days is kept)."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0]
    for m in _URL_DATE.finditer("/" + path):
        if m.group("y"):
            y, mo, d = m.group("y"), m.group("m"), m.group("d")
        elif m.group("y2"):
            y, mo, d = m.group("y2"), m.group("m2"), m.group("d2")
        else:
            y, mo, d = m.group("y3"), m.group("m3"), m.group("d3")
        try:
            day = date(int(y), int(mo), int(d))
        except ValueError:
            continue
        yield day.isoformat(), day


def _read_url_days(url: str) -> tuple[tuple[str, date], ...]:
    return tuple(_iter_url_days(url))


#: Longest URL whose days are memoised (`_url_days`): a page's URL is read up to four times
#: (the merge, the date checks), and a hostile page's long stated URLs are not kept alive.
_MEMO_URL = 500
_url_days = lru_cache(maxsize=1024)(_read_url_days)


#: A year and month as a URL's folders, without a day (`/2019/11/slug.html`).
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/")


def url_month(url: str | None) -> str | None:
    """The year and month ("2019-11") a URL's path gives where it gives no day
    (`/2019/11/slug.html`, WordPress's month-and-name permalinks); None where it gives a day
    (`url_date`) or no month."""
    if not url or url_date(url):
        return None
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0]
    m = _URL_MONTH.search("/" + path)
    return f"{m['y']}-{int(m['m']):02d}" if m else None
