"""The page behind ../shared/examples/flattened-record.txt: every field exactly once.

A naive crawler flattened this page into a record that repeats the headline, three equal
timestamps, the tags, the publisher block and image sizes. broadsheet must give each field
once, with the body paragraph alone as text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet import extract

FIXTURE = Path(__file__).parents[2] / "fixtures" / "meta" / "sputnik-style.html"
URL = "https://sputnikglobe.com/20230604/japanese-s-korean-defense-ministers-agree-to-strengthen-security-cooperation-1110905761.html"
HEADLINE = "Japanese, S. Korean Defense Ministers Agree to Strengthen Security Cooperation"
TAGS = ["military", "japan", "koreas", "dprk", "japanese defense ministry", "south korea"]
IMAGE = "https://cdn1.img.sputnikglobe.com/img/07e6/0a/05/1101521962_0:160:3072:1888_1920x0_80_0_0_513518b8155ecf50c0d115230eb5fbd9.jpg"


@pytest.fixture(scope="module")
def article():
    return extract(FIXTURE.read_bytes(), URL)


def test_headline_once(article) -> None:
    assert article.title == HEADLINE


def test_one_timestamp_with_its_offset(article) -> None:
    assert article.date_published == "2023-06-04T16:20+00:00"
    assert article.date_modified == "2023-06-04T16:20+00:00"


def test_tags_once_each(article) -> None:
    assert article.tags == TAGS


def test_site_name_not_the_publisher_block(article) -> None:
    assert article.site_name == "Sputnik International"
    assert article.authors == []  # the publisher is not a person


def test_image_and_urls(article) -> None:
    assert article.image == IMAGE
    assert article.canonical_url == URL
    assert article.language == "en"


def test_body_paragraph_alone(article) -> None:
    body = FIXTURE.read_text(encoding="utf-8").split('<div class="article__body">')[1].split("<p>")[1].split("</p>")[0]
    assert article.text == body.strip()
    assert HEADLINE not in article.text and "feedback@sputniknews.com" not in article.text
