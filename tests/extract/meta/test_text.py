"""Cleaning of titles, URLs, images, tags and language codes."""
from __future__ import annotations

import pytest

from broadsheet.extract.meta.text import (
    clean_canonical,
    clean_description,
    clean_image,
    clean_language,
    clean_tags,
    clean_title,
    host_label,
    strip_site,
)

SITE = {"the daily example"}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Big News Today | The Daily Example", "Big News Today"),
        ("The Daily Example - Big News Today", "Big News Today"),
        ("Big News Today - Politics | The Daily Example", "Big News Today - Politics"),
        ("Big News | Politics | The Daily Example", "Big News | Politics"),
        ("Big News Today", "Big News Today"),
        ("Big News: What It Means", "Big News: What It Means"),
        ("Daily: Big News Today", "Daily: Big News Today"),
    ],
)
def test_site_name_is_removed_from_titles(title: str, expected: str) -> None:
    assert strip_site(title, SITE, "dailyexample") == expected


def test_host_identifies_the_site_part() -> None:
    assert strip_site("Was ist Virales Marketing? | DimidoBlog", set(), "dimido") == "Was ist Virales Marketing?"
    assert strip_site("Skibergsteigen: Schnell und leicht", set(), "bergsteigen") == "Skibergsteigen: Schnell und leicht"
    assert host_label("https://www.spiegel.de/a") == "spiegel"
    assert host_label("https://www.bbc.co.uk/news") == "bbc"
    assert host_label("http://[broken") is None


def test_title_of_two_thousand_characters_is_not_a_title() -> None:
    assert clean_title("word " * 400, SITE, None) is None
    assert clean_title("The Daily Example", SITE, None) is None
    assert clean_title("Tom &amp; Jerry &quot;live&quot;", SITE, None) == 'Tom & Jerry "live"'


def test_description_limits() -> None:
    assert clean_description("  a  short\n description ") == "a short description"
    assert clean_description("x" * 5000) is None


def test_canonical_is_absolute_and_without_tracking() -> None:
    page = "https://news.example.com/politics/story-1"
    assert clean_canonical("/politics/story-1?utm_source=x&id=7&fbclid=abc#top", page) == "https://news.example.com/politics/story-1?id=7"
    assert clean_canonical("javascript:void(0)", page) is None
    # A canonical pointing at the home page of a deeper page is a template mistake.
    assert clean_canonical("https://news.example.com/", page) is None


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "https://cdn.example.com/assets/logo.png",
        "https://cdn.example.com/img/site-logo-dark.svg",
        "https://pixel.example.com/tr/1x1.gif",
        "https://cdn.example.com/favicon.ico",
        "mailto:someone@example.com",
        "https://www.example.com/img/pages/article/opengraph_default.png",  # the site's share card
        "https://cdn.example.com/og-default.jpg",
    ],
)
def test_images_that_are_not_a_lead_image(src: str) -> None:
    assert clean_image(src, "https://news.example.com/a") is None


def test_default_in_a_folder_or_a_word_is_still_a_photo() -> None:
    for src in ("https://news.example.com/sites/default/files/mayor_lead.jpg", "https://i.example.com/vi/x/maxresdefault.jpg"):
        assert clean_image(src, None) == src


def test_relative_and_protocol_relative_images() -> None:
    assert clean_image("/img/photo.jpg", "https://news.example.com/a/b") == "https://news.example.com/img/photo.jpg"
    assert clean_image("//cdn.example.com/p.jpg", None) == "https://cdn.example.com/p.jpg"


def test_tags_split_deduplicated_case_kept() -> None:
    assert clean_tags(["Politics, Europe; politics", "EUROPE", "Economy"]) == ["Politics", "Europe", "Economy"]
    assert clean_tags(["https://example.com/tag", "x" * 200]) == []
    assert len(clean_tags([", ".join(f"tag{i}" for i in range(500))])) == 50


def test_tags_that_are_a_cms_flag_are_left_out() -> None:
    # A newspaper group's routing tags and a magazine group's keyword flags are never shown.
    assert clean_tags(["@river", "Dear Abby", "@hp-top-stories"]) == ["Dear Abby"]
    assert clean_tags(["banks, money, _no-apple-news"]) == ["banks", "money"]
    assert clean_tags(["#budget"]) == ["budget"]  # a hashtag keeps its word


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-US", "en"), ("en_EN", "en"), ("de", "de"), ("deu", "de"), ("pt-BR", "pt"), ("x-default", None), ("und", None), ("english", None), ("", None)],
)
def test_language_codes(code: str, expected: str | None) -> None:
    assert clean_language(code) == expected


def test_page_text_checks_ignore_case_and_read_visible_bylines_only_where_the_text_fails() -> None:
    from broadsheet.extract.meta.page import PageText

    calls, asked = [], []

    def source() -> str:
        calls.append(1)
        return "Home\nPOLITIK\nEurope\nThe story by JANE DOE\nenergy"

    def bylines() -> list[str]:
        asked.append(1)
        return ["By Jane Doe", "Max Smith-Jones"]

    shown = PageText(source, seen=bylines)
    assert shown.mentions("Jane Doe") and not asked  # shown in the text: no byline read
    assert shown.shows_label("Politik") and shown.shows_label("Energy") and not shown.shows_label("Story")
    assert shown.shows_most(["Europe", "Sport", "Energy"]) and not shown.shows_most(["Sport", "Wetter", "Europe"])
    assert shown.mentions("john doe") is False and asked == [1]
    assert shown.mentions("max smith-jones") and shown.mentions("jane doe")  # a byline's only
    assert len(calls) == 1 and asked == [1]
    assert PageText(None).shows_label("anything") and PageText(None).mentions("anyone")
    assert PageText(lambda: "x", seen=["Jane Doe"]).mentions("JANE DOE")  # a list of them, too


def test_page_text_labels_seen_in_links_need_no_page_text() -> None:
    from broadsheet.extract.meta.page import PageText

    def source() -> str:
        raise AssertionError("the page text was not needed")

    shown = PageText(source, labels=["Europe", "Energy", "Politik"])
    assert shown.shows_most(["europe", "ENERGY", "Sport"]) and shown.shows_label("Politik")


def test_site_parts_are_cut_only_at_the_ends() -> None:
    from broadsheet.extract.meta.text import strip_site

    # "Headline - Site: what the site says" keeps what the site says.
    said = "UN-Klimakonferenz in Glasgow - HRK: Immer mehr Menschen weltweit in Not"
    assert strip_site(said, {"hrk"}, "hrk") == said
    # Guillemets quoting titles are no empty site part.
    quoted = "Screenshot : «Vape Wave», «6 Days», «Alphonse Président»"
    assert strip_site(quoted, {"arte"}, "arte").rstrip("»") == quoted.rstrip("»")


def test_a_blog_themes_archive_label_before_the_title() -> None:
    from broadsheet.extract.meta.text import strip_site

    assert strip_site("Blog Archive » Interning of Small Integers in Python", set(), None) == "Interning of Small Integers in Python"
    assert strip_site("Four Years » Blog Archive » Interning", {"four years"}, None) == "Interning"


def test_a_date_opening_the_title_is_a_dateline_not_the_headline() -> None:
    assert clean_title("23.01.2022 - Dorothea Wierer darf beim Antholz-Abschluss noch jubeln", set(), None) == (
        "Dorothea Wierer darf beim Antholz-Abschluss noch jubeln"
    )
    assert clean_title("1. Februar 2022 Bundesministerin Raab stellt das Programm vor", set(), None) == (
        "Bundesministerin Raab stellt das Programm vor"
    )
    # A date the sentence is about, a year or a count are part of the headline.
    for title in ("3 May 2023 is the date of the vote on the bill", "2022: The year in review", "10 Tipps für ein schlankes Fest"):
        assert clean_title(title, set(), None) == title


def test_title_separators_match_as_without_the_look_ahead() -> None:
    import random
    import re

    from broadsheet.extract.meta import text

    plain = re.compile(text._TITLE_SEP.pattern.split("(?:", 1)[1][:-1])
    assert plain.pattern.startswith(r"\s+") and plain.pattern.endswith(r":\s+")
    alphabet = list("ab1 :|-–—·•»«/~›‹\t\n\xa0_.é")
    rnd = random.Random(7)
    for _ in range(20_000):
        title = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert [m.span() for m in text._TITLE_SEP.finditer(title)] == [m.span() for m in plain.finditer(title)], title
