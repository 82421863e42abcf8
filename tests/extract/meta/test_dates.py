"""Dates: many forms and languages to ISO 8601, offsets kept, impossible values refused."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterator

import pytest

from broadsheet.extract.meta.dates import _MEMO_URL, find_date, parse_date, resolve_relative, scan_date, url_date

NOW = datetime(2024, 1, 15, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-04T16:20+0000", "2023-06-04T16:20+00:00"),
        ("2023-06-04T16:20:00.000Z", "2023-06-04T16:20:00+00:00"),
        ("2023-06-04T18:20:05+02:00", "2023-06-04T18:20:05+02:00"),
        ("2019-10-19 10:00:00 -0400", "2019-10-19T10:00:00-04:00"),
        ("Sun, 04 Jun 2023 16:20:00 GMT", "2023-06-04T16:20:00+00:00"),
        ("2023-06-04", "2023-06-04"),
        ("2023/06/04", "2023-06-04"),
        ("20230604", "2023-06-04"),
        ("1685895600", "2023-06-04T16:20:00+00:00"),
        ("04.06.2023", "2023-06-04"),
        ("4. Juni 2023", "2023-06-04"),
        ("June 4th, 2023 at 3:15 pm", "2023-06-04T15:15"),
        ("4 de junio de 2023", "2023-06-04"),
        ("le 1er juin 2023", "2023-06-01"),
        ("4 giugno 2023", "2023-06-04"),
        ("19 октября 2019", "2019-10-19"),
        ("4 czerwca 2023", "2023-06-04"),
        ("2023年6月4日", "2023-06-04"),
        ("2023년 6월 4일", "2023-06-04"),
    ],
)
def test_structured_forms(value: str, expected: str) -> None:
    assert parse_date(value, not_after=NOW) == expected


@pytest.mark.parametrize(
    "value",
    ["0000-00-00", "0000-00-00T00:00:00", "2023-02-30", "31 June 2023", "1970-01-01", "yesterday", "", "n/a", "2023-13-45"],
)
def test_impossible_or_meaningless_values_are_refused(value: str) -> None:
    assert parse_date(value, not_after=NOW) is None


def test_future_dates_are_refused() -> None:
    assert parse_date("2030-01-01", not_after=NOW) is None
    assert parse_date("2024-01-15T13:00:00+00:00", not_after=NOW) is None
    # A local day may run ahead of UTC: the same calendar day with no offset is kept.
    assert parse_date("2024-01-15", not_after=NOW) == "2024-01-15"


def test_structured_value_must_start_with_its_date() -> None:
    assert parse_date("Revision 12 of 2023-06-04", not_after=NOW) is None


def test_ambiguous_numeric_order() -> None:
    assert parse_date("06/24/2023", not_after=NOW) == "2023-06-24"  # only one reading exists
    assert find_date("06/04/2023", not_after=NOW) == "2023-04-06"  # day first by default
    assert find_date("06/04/2023", not_after=NOW, dayfirst=False) == "2023-06-04"


def test_dateline_text() -> None:
    assert find_date("By Jane Doe | Published Jun. 4, 2023, 10:02 a.m. ET", not_after=NOW) == "2023-06-04T10:02"
    assert find_date("Veröffentlicht am 4. Juni 2023 um 16:20 Uhr", not_after=NOW) == "2023-06-04T16:20"
    assert find_date("no date here at all", not_after=NOW) is None
    assert find_date("Posted on the 4th of June, 2023", not_after=NOW) == "2023-06-04"


def test_two_digit_years_are_not_read() -> None:
    """Not in datelines and structured values: only where a short text stands alone
    (`fallback.short_year_date`)."""
    assert find_date("23.09.22", not_after=NOW) is None
    assert find_date("Version 1.2.3", not_after=NOW) is None
    assert scan_date("Tabelle 23.09.22 und mehr", not_after=NOW) is None


def test_relative_words_need_the_fetch_time() -> None:
    assert find_date("yesterday", not_after=None) is None
    assert resolve_relative("yesterday", None) is None
    assert resolve_relative("Updated yesterday", NOW) == "2024-01-14"
    assert resolve_relative("3 hours ago", NOW) == "2024-01-15"
    assert resolve_relative("vor 2 Tagen", NOW) == "2024-01-13"
    assert resolve_relative("the 5 days of the festival", NOW) is None


def test_scan_is_fast_on_long_text() -> None:
    text = "Lorem ipsum dolor sit amet 12 mars. " * 3000 + " Published 4 June 2023"
    assert scan_date(text, not_after=NOW) == "2023-06-04"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2023/06/04/story", "2023-06-04"),
        ("https://x.example/news/20230604/story-1110905761.html", "2023-06-04"),
        ("https://x.example/a-story-2023-06-04", "2023-06-04"),
        ("https://x.example/2017/7/12/short-month", "2017-07-12"),
        ("https://x.example/meldungen/29-10-2021", "2021-10-29"),
        ("https://x.example/2023/06/story", None),
        ("https://x.example/item/1686000000", None),
        ("https://x.example/2030/01/01/future", None),
        (None, None),
    ],
)
def test_url_dates(url: str | None, expected: str | None) -> None:
    assert url_date(url, not_after=NOW) == expected


def test_host_digits_are_not_a_date() -> None:
    assert url_date("https://20230604.example/story", not_after=NOW) is None


def test_digits_joined_to_a_name_are_no_date() -> None:
    """A build stamp in a script's URL ("v20121026.01", as a blog platform loads its scripts
    on every page) is no date; a YYYYMMDD standing alone still is."""
    stamp = "e.setAttribute('src','https://static.blog.example/.shared:v20121026.01-0-g4113643:js/pin.js')"
    assert scan_date(stamp, not_after=NOW) is None
    assert scan_date(stamp + "\nOctober 17, 2012", not_after=NOW, dayfirst=False) == "2012-10-17"
    assert scan_date("IMG_20121026 taken", not_after=NOW) is None
    assert scan_date("archive 20121026 page", not_after=NOW) == "2012-10-26"
    assert scan_date("https://x.example/news/20121026/story", not_after=NOW) == "2012-10-26"
    assert parse_date("20230604", not_after=NOW) == "2023-06-04"


def test_url_dates_are_read_alike_memoised_or_not_and_checked_at_each_call() -> None:
    """The days in a URL are memoised by its text (short URLs), but whether a day is
    acceptable is decided at each call, against that call's `not_after`."""
    url = "https://example.com/2023/06/04/story-2023-06-02/"
    early = datetime(2023, 6, 3, tzinfo=timezone.utc)
    later = datetime(2023, 6, 10, tzinfo=timezone.utc)
    assert url_date(url, not_after=early) == "2023-06-02"  # 06-04 is after the fetch: the next day
    assert url_date(url, not_after=later) == "2023-06-04"
    assert url_date(url, not_after=early) == "2023-06-02"
    long_url = url + "x" * _MEMO_URL
    assert url_date(long_url, not_after=later) == "2023-06-04"
    assert url_date(long_url, not_after=early) == "2023-06-02"


def test_a_long_url_is_read_no_further_than_its_first_acceptable_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # A URL too long to memoise is read as before: up to its first acceptable day, not
    # every day it writes (a caller's 9 MB URL took 100 times as long: review RV1 3).
    from broadsheet.extract.meta import dates

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern, self.read = pattern, 0

        def finditer(self, text: str) -> Iterator[re.Match[str]]:
            for match in self.pattern.finditer(text):
                self.read += 1
                yield match

    counting = Counting(dates._URL_DATE)
    monkeypatch.setattr(dates, "_URL_DATE", counting)
    url = "https://news.example/" + "/".join(f"2019/05/{day:02d}" for day in range(1, 29)) * 20 + "/story"
    assert len(url) > _MEMO_URL
    assert url_date(url) == "2019-05-01"
    assert counting.read == 1
