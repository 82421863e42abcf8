"""Drupal fields named for the author (review RV-A2 M1, M2 of 1d6e61e): a field of several
authors gives each name, not one glued name; only a field whose machine name ends on the
author is a byline (not the author's affiliation or location, nor a picture's author);
a value that is an entity shown with fields of its own gives only its name (review RV-A3 M3);
Drupal's "field-byline" is a byline field on the same terms (RV-A3 L2)."""
from __future__ import annotations

import pytest

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here, and it goes on. " * 4 + "</p>"


def _node(field: str) -> str:
    return page(
        "<title>Storm hits coast overnight | Site</title>",
        '<article role="article" class="node node--type-article node--view-mode-full">'
        "<h1><span>Storm hits coast overnight</span></h1>"
        f'<div class="node__content">{field}{PROSE}{PROSE}</div></article>',
    )


def _d8(name: str, inner: str, kind: str = "string") -> str:
    return f'<div class="field field--name-field-{name} field--type-{kind} field--label-hidden field__item">{inner}</div>'


D8_AUTHORS = (
    '<div class="field field--name-field-authors field--type-entity-reference field--label-hidden field__items">'
    '<div class="field__item"><a href="/taxonomy/term/5" hreflang="de">Jane Doe</a></div>'
    '<div class="field__item"><a href="/taxonomy/term/6" hreflang="de">John Roe</a></div></div>'
)
D7_AUTHORS = (
    '<div class="field field-name-field-author field-type-taxonomy-term-reference field-label-hidden">'
    '<div class="field-items"><div class="field-item even"><a href="/t/5">Jane Doe</a></div>'
    '<div class="field-item odd"><a href="/t/6">John Roe</a></div></div></div>'
)


@pytest.mark.parametrize("field", [D8_AUTHORS, D7_AUTHORS], ids=["drupal8", "drupal7"])
def test_a_field_of_several_authors_gives_each(read, field: str) -> None:
    assert read(_node(field), url="https://example.org/node/12").authors == ["Jane Doe", "John Roe"]


def test_a_field_of_one_author_in_its_items(read) -> None:
    field = (
        '<div class="field field-name-field-author field-type-taxonomy-term-reference field-label-hidden">'
        '<div class="field-items"><div class="field-item even"><a href="/t/5">Jane Doe</a></div></div></div>'
    )
    assert read(_node(field), url="https://example.org/node/12").authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "field",
    [
        _d8("author-affiliation", "European Space Agency"),
        _d8("author-location", "Bad Homburg"),
        _d8("media-author", "Foto: Max Muster"),
        _d8("image-author", "Max Muster"),
    ],
    ids=["affiliation", "location", "media-author", "image-author"],
)
def test_a_field_about_the_author_or_a_pictures_author_is_no_byline(read, field: str) -> None:
    assert read(_node(field), url="https://example.org/node/12").authors == []


@pytest.mark.parametrize("name", ["author", "authors", "term-author", "article-author", "author-name", "byline"])
def test_a_field_named_for_the_author_is_a_byline(read, name: str) -> None:
    assert read(_node(_d8(name, "Jane Doe")), url="https://example.org/node/12").authors == ["Jane Doe"]


def _person(name: str, other: str, kind: str = "job-title") -> str:
    # a person entity shown in an entity-reference field's value: its title field, then another
    return (
        '<div class="node node--type-person node--view-mode-teaser">'
        f'<div class="field field--name-title field--type-string field--label-hidden">{name}</div>'
        f'<div class="field field--name-field-{kind} field--type-string field--label-hidden field__item">{other}</div></div>'
    )


def _ref(name: str, *values: str) -> str:
    return (
        f'<div class="field field--name-field-{name} field--type-entity-reference field--label-hidden field__items">'
        + "".join(f'<div class="field__item">{value}</div>' for value in values)
        + "</div>"
    )


@pytest.mark.parametrize(
    "other",
    ["Reporter, Berlin Bureau", "Former White House correspondent, now Washington Bureau Chief.", "Senior Reporter"],
)
def test_a_person_entity_in_an_author_field_gives_its_name_only(read, other: str) -> None:
    # review RV-A3 M3: ['Jane Doe', 'Berlin Bureau'], ['Jane Doe Former White House']
    url = "https://example.org/node/12"
    assert read(_node(_ref("author", _person("Jane Doe", other, "bio"))), url=url).authors == ["Jane Doe"]
    two = _ref("authors", _person("Jane Doe", other, "bio"), _person("John Roe", other, "bio"))
    assert read(_node(two), url=url).authors == ["Jane Doe", "John Roe"]


def test_a_person_entitys_biography_is_not_read(read) -> None:
    bio = "Jane Doe is a senior reporter who covers climate and energy since 2010."
    field = _ref("author", _person("Jane Doe", bio, "bio"))
    assert read(_node(field), url="https://example.org/node/12").authors == ["Jane Doe"]


def test_a_person_entity_under_its_h2_title(read) -> None:
    person = (
        '<article class="node node--type-person node--view-mode-teaser"><h2><a href="/people/jane"><span>'
        'Jane Doe</span></a></h2><div class="field field--name-field-job-title field--type-string '
        'field--label-hidden field__item">Senior Reporter</div></article>'
    )
    assert read(_node(_ref("author", person)), url="https://example.org/node/12").authors == ["Jane Doe"]


def test_paragraphs_of_authors_give_their_name_fields(read) -> None:
    def paragraph(name: str, role: str) -> str:
        return (
            '<div class="paragraph paragraph--type--author">'
            f'<div class="field field--name-field-name field--type-string field--label-hidden field__item">{name}</div>'
            f'<div class="field field--name-field-role field--type-string field--label-hidden field__item">{role}</div></div>'
        )

    field = _ref("author", paragraph("Jane Doe", "Reporter, Berlin Bureau"), paragraph("John Roe", "Editor"))
    assert read(_node(field), url="https://example.org/node/12").authors == ["Jane Doe", "John Roe"]


def test_an_entity_without_a_name_field_is_refused(read) -> None:
    entity = (
        '<div class="node node--type-person"><div class="field field--name-field-job-title field--type-string '
        'field--label-hidden field__item">Berlin Bureau Chief</div></div>'
    )
    assert read(_node(_ref("author", entity)), url="https://example.org/node/12").authors == []


def test_the_aps_byline_title_field_is_no_byline_field(read) -> None:
    # "field-byline-title" holds the outlet or role (the AP's), not a name
    field = _d8("byline-title", "Associated Press")
    assert read(_node(field), url="https://example.org/node/12").authors == []
