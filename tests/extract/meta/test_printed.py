"""Dates printed in the text: labelled, opening or closing the story; and local renderings."""
from __future__ import annotations

from datetime import datetime, timezone

from broadsheet.extract.meta import Metadata, finish_metadata
from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.printed import labelled_date
from broadsheet.extract.meta.published import local_rendering

from .conftest import FETCHED, page

PROSE = "A sentence of the story that goes on and on for quite a long while, " * 4


def test_labelled_dates_in_many_languages() -> None:
    assert labelled_date("Quelle: F.A.S.\n\nVeröffentlicht: 30.07.2019 09:35 Uhr") == "2019-07-30T09:35"
    assert labelled_date("Erschienen am: 01.11.2023\nLesungen: 61") == "2023-11-01"
    assert labelled_date("Von Christian am 03.05.2013, 11:51 | 0 Meinungen") == "2013-05-03T11:51"
    assert labelled_date("Dieser Beitrag wurde am Samstag, 3. Dezember 2011 veröffentlicht") == "2011-12-03"
    assert labelled_date("Published: June 4, 2023") == "2023-06-04"
    # A date in running text or after an update label is not the publication's.
    assert labelled_date("Die Zahl stieg am 4. Juni 2023 deutlich") is None
    assert labelled_date("Aktualisiert: 05.06.2023") is None


def test_finish_metadata_reads_no_date_from_the_story_text() -> None:
    # Datelines at the story's ends are left to the whole-page search (`fallback`).
    meta = Metadata(language="de")
    finish_metadata(meta, f"{PROSE}\n\nErschienen am: 01.11.2023")
    assert meta.date_published is None


def test_the_day_the_page_shows_for_a_utc_instant() -> None:
    assert local_rendering("2019-10-18T20:00:25+00:00", "2019-10-19T05:00") == "2019-10-19T05:00+09:00"
    assert local_rendering("2022-05-04T00:44:52+00:00", "2022-05-03T21:44") == "2022-05-03T21:44-03:00"
    assert local_rendering("2021-11-04T23:00+00:00", "2021-11-05") == "2021-11-05T00:00+01:00"
    # Other minutes, a non-UTC statement, the same day, or a midnight that is not one: kept.
    assert local_rendering("2019-10-18T20:00:25+00:00", "2019-10-19T05:17") is None
    assert local_rendering("2019-10-18T20:00:25+02:00", "2019-10-19T05:00") is None
    assert local_rendering("2019-10-18T10:00:00+00:00", "2019-10-18T12:00") is None
    assert local_rendering("2021-11-04T20:51+00:00", "2021-11-05") is None


def test_dates_near_the_headline_in_read_metadata(read) -> None:
    head = '<meta property="article:published_time" content="2019-10-18T20:00:25Z">'
    body = f"<article><h1>Story</h1><p>19.10.2019, 05:00</p><p>{PROSE}</p><p>{PROSE}</p></article>"
    meta = read(page(head, body, lang="de"))
    assert meta.date_published == "2019-10-19T05:00+09:00" and meta.sources["date_published"] == "dom"
    label = f"<article><h1>Story</h1><p>{PROSE}</p><p>{PROSE}</p><p>Veröffentlicht am 30.07.2019</p></article>"
    assert read(page("", label, lang="de"), url="https://x.example/a").date_published == "2019-07-30"


def test_month_names_of_two_calendars() -> None:
    assert scan_date("تم نشره الجمعة 24 نيسان / أبريل 2020", not_after=FETCHED) == "2020-04-24"
    assert scan_date("24 أبريل 2020", not_after=datetime(2021, 1, 1, tzinfo=timezone.utc)) == "2020-04-24"
