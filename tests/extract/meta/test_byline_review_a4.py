"""Review RV-A4 (s18) of the last byline round, against the code before the series.

A Drupal author field of one value (its own "field__item") read a person entity's job title;
a "field-byline" in a picture's media entity gave the photographer as the author; and a
share box's `<h2>` repeating the og:title moved the byline search away from a magazine
headline with its byline above it."""
from __future__ import annotations

import pytest

from broadsheet import extract

P = "<p>" + "Some words of the story itself, long enough to be read as prose here, and it goes on. " * 4 + "</p>"


def _drupal_page(field: str) -> tuple[str, str]:
    body = (
        '<article class="node node--type-article"><h1 class="page-title"><span class="field field--name-title">'
        f"Storm hits coast overnight in the north</span></h1>{field}"
        f'<div class="field field--name-body">{P}{P}</div></article>'
    )
    html = f'<!DOCTYPE html><html lang="en"><head><title>Storm hits coast overnight in the north | Example</title></head><body>{body}</body></html>'
    return html, "https://www.example.org/news/storm-story"


def _single(name: str, inner: str) -> str:
    """Drupal 8+ field.html.twig, label hidden, one value: "field__item" on the field itself."""
    return f'<div class="field field--name-field-{name} field--type-entity-reference field--label-hidden field__item">{inner}</div>'


def _string_field(name: str, value: str) -> str:
    return f'<div class="field field--name-{name} field--type-string field--label-hidden field__item">{value}</div>'


def _person(job: str) -> str:
    return (
        '<article class="node node--type-person node--view-mode-teaser"><h2 class="node__title">'
        '<a href="/person/jane-doe" rel="bookmark"><span class="field field--name-title field--type-string '
        'field--label-hidden">Jane Doe</span></a></h2><div class="node__content">'
        + _string_field("field-job-title", job)
        + "</div></article>"
    )


@pytest.mark.parametrize("job", ["Reporter, Berlin Bureau", "Climate Desk", "Washington correspondent"])
@pytest.mark.parametrize("field", ["author", "byline"])
def test_a_one_value_author_field_reads_the_persons_name_not_the_job(field: str, job: str) -> None:
    assert extract(*_drupal_page(_single(field, _person(job)))).authors == ["Jane Doe"]


@pytest.mark.parametrize("job", ["Reporter, Berlin Bureau", "Climate Desk"])
def test_a_one_value_author_paragraph_keeps_first_and_last_name_together(job: str) -> None:
    paragraph = (
        '<div class="paragraph paragraph--type--author">'
        + _string_field("field-first-name", "Jane")
        + _string_field("field-last-name", "Doe")
        + _string_field("field-position", job)
        + "</div>"
    )
    assert extract(*_drupal_page(_single("author", paragraph))).authors == ["Jane Doe"]


def _media(credit: str) -> str:
    return (
        '<div class="field field--name-field-lead-media field--type-entity-reference field--label-hidden field__item">'
        '<div class="media media--type-image media--view-mode-full"><div class="field field--name-field-media-image '
        'field--type-image field--label-hidden field__item"><img src="/a.jpg" alt=""></div>'
        + _string_field("field-byline", credit)
        + "</div></div>"
    )


@pytest.mark.parametrize("credit", ["AP Photo/John Roe", "John Roe"])
def test_a_byline_field_in_a_pictures_media_entity_is_its_credit(credit: str) -> None:
    assert extract(*_drupal_page(_media(credit))).authors == []


def test_a_pictures_credit_does_not_replace_the_story_author() -> None:
    assert extract(*_drupal_page(_media("John Roe") + _string_field("field-author", "Jane Doe"))).authors == ["Jane Doe"]


@pytest.mark.parametrize("name", ["field-caption-byline", "field-credit-byline"])
def test_caption_and_credit_bylines_are_no_authors(name: str) -> None:
    assert extract(*_drupal_page(_string_field(name, "Photo: Max Muster"))).authors == []


def test_a_plain_byline_field_is_still_read() -> None:
    assert extract(*_drupal_page(_string_field("field-byline", "By Jane Doe | Updated 2:31 PM EST Nov 22, 2022"))).authors == ["Jane Doe"]


SEO = "Storm hits coast overnight in the north"
OG = f'<meta property="og:title" content="{SEO}"><meta property="og:site_name" content="The Mag">'
TOP = '<div class="kicker">Features</div><span class="author-name">Jane Doe</span><span class="story-date">November 22, 2022</span>'


def _deep(inner: str, levels: int = 6) -> str:
    return "".join(f'<div class="l{i}">' for i in range(levels)) + inner + "</div>" * levels


def _magazine(before: str = "", after: str = "") -> tuple[str, str]:
    story = (
        '<main><div class="wrap"><div class="story"><div class="story-header">'
        f'{TOP}<h1 class="headline">The Night the Sea Came In</h1></div><div class="story-body">{P}{P}</div></div></div></main>'
    )
    html = f"<!DOCTYPE html><html><head><title>{SEO} | The Mag</title>{OG}</head><body>{before}{story}{after}</body></html>"
    return html, "https://mag.example.com/features/storm-story"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (_deep(f'<h2 class="sticky-title">{SEO}</h2>'), ""),
        (_deep(f'<h2 class="share-title">{SEO}</h2>'), ""),
        ("", _deep(f"<h2>{SEO}</h2>")),
    ],
)
def test_a_heading_outside_the_story_repeating_the_og_title_keeps_the_byline_above_the_headline(before: str, after: str) -> None:
    article = extract(*_magazine(before, after))
    assert article.authors == ["Jane Doe"]
    assert article.date_published is not None and article.date_published.startswith("2022-11-22")
