"""Flattened text records back to records: our own export, and dirty dumps."""
from __future__ import annotations

import io
from pathlib import Path

from broadsheet.corpus.export import corpus_text
from broadsheet.corpus.repair import repair_file, repair_record
from tests.conftest import shared_path
from tests.sources.warcs import story

PUBLISHER = "Daily Planet news@planet.example +1 555 0100 Planet Media Group 1 Main St"
DIRTY = f"""date 2023-06-04 https://planet.example/2023/06/04/bridge-reopens.html

Harbour Bridge Reopens After Repairs

Harbour Bridge Reopens After Repairs

The harbour bridge reopened on Sunday after three months of repairs, the city said in a statement.

2023-06-04T16:20+0000

2023-06-04T16:20+0000

2023-06-05T08:00:00Z

transport

city

harbour bridge

/html/head/meta[@name='og:title']/@content /html/head/meta[@name='og:description']/@content

https://img.planet.example/photos/bridge_1920x1080.jpg

The bridge carries forty thousand cars a day and its closure had doubled commuting times for many residents. Engineers replaced the expansion joints and repainted the steel arches during the works.

The mayor thanked residents for their patience and promised that the next repairs would be done at night.

transport

city

{PUBLISHER}

2023

{PUBLISHER}

News

en_GB

{PUBLISHER}

1920 1080 true

1920 1440 true

Daily Planet

transport, city, harbour bridge, infrastructure"""


def test_dirty_record_fields_are_recovered() -> None:
    (record,) = list(repair_file(io.StringIO(DIRTY), "dump.txt"))
    assert record["url"] == "https://planet.example/2023/06/04/bridge-reopens.html"
    assert record["title"] == "Harbour Bridge Reopens After Repairs"
    assert record["date_published"] == "2023-06-04T16:20:00+00:00"
    assert record["date_modified"] == "2023-06-05T08:00:00+00:00"
    assert record["tags"] == ["transport", "city", "harbour bridge", "infrastructure"]
    assert record["image"] == "https://img.planet.example/photos/bridge_1920x1080.jpg"
    assert record["language"] == "en"
    assert record["description"].startswith("The harbour bridge reopened on Sunday")
    body = record["text"].split("\n\n")
    assert body[0].startswith("The bridge carries forty thousand cars") and body[1].startswith("The mayor thanked")
    for junk in ("/html/head", "1920 1080", "Planet Media Group", "en_GB", "Daily Planet", "2023\n"):
        assert junk not in record["text"]
    assert record["origin"] == "dump.txt#0"


def test_the_shared_example_record() -> None:
    path = shared_path("examples", "flattened-record.txt")
    (record,) = list(repair_file(path.open(encoding="utf-8")))
    assert record["url"].startswith("https://sputnikglobe.com/20230604/")
    assert record["title"] == "Japanese, S. Korean Defense Ministers Agree to Strengthen Security Cooperation"
    assert record["date_published"] == "2023-06-04T16:20:00+00:00"
    assert record["tags"][:6] == ["military", "japan", "koreas", "dprk", "japanese defense ministry", "south korea"]
    assert record["image"].endswith(".jpg")
    assert record["text"].startswith("Japanese Defense Minister Yasukazu Hamada held a meeting")
    assert "feedback@sputniknews.com" not in record["text"] and "/html/head" not in record["text"]


def test_round_trip_of_our_own_corpus_format() -> None:
    records = [
        {"url": f"https://news.example/{n}", "title": f"Story {n}", "text": "\n\n".join(story(n)),
         "date_published": f"2024-03-0{n + 1}T10:00:00+00:00"}
        for n in range(3)
    ]
    text = "\f\n".join(corpus_text(r) for r in records)
    back = list(repair_file(io.StringIO(text)))
    assert [(r["url"], r["title"], r["text"], r["date_published"]) for r in back] == [
        (r["url"], r["title"], r["text"], r["date_published"][:10]) for r in records
    ]


def test_empty_records_are_dropped() -> None:
    assert repair_record("\n \n") is None
    assert list(repair_file(io.StringIO("\f\n\f\n"))) == []


def test_missing_date_is_none(tmp_path: Path) -> None:
    record = repair_record("date unknown https://x.example/a\n\nTitle here\n\nA body sentence that is long enough to count.")
    assert record["date_published"] is None and record["url"] == "https://x.example/a"


def test_an_html_page_is_refused_before_anything_is_read() -> None:
    import pytest

    from broadsheet.errors import InputError

    for page in ("<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>", "\ufeff  <html lang='en'><head>",
                 "<!-- saved -->\n<html>", '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'):
        with pytest.raises(InputError, match="page.html is an HTML page, not flattened text records; use `broadsheet extract`"):
            list(repair_file(io.StringIO(page), "page.html"))
    # markup inside a record is text, not a page
    record = "date 2024-03-01 https://a.example/1\n\nTitle\n\n<div>quoted markup</div> in a story. " + story(1)[0]
    assert len(list(repair_file(io.StringIO(record), "dump.txt"))) == 1
