"""Drupal fields named for the author (review RV-A2 M1, M2 of 1d6e61e): a field of several
authors gives each name, not one glued name; only a field whose machine name ends on the
author is a byline (not the author's affiliation or location, nor a picture's author)."""
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


@pytest.mark.parametrize("name", ["author", "authors", "term-author", "article-author", "author-name"])
def test_a_field_named_for_the_author_is_a_byline(read, name: str) -> None:
    assert read(_node(_d8(name, "Jane Doe")), url="https://example.org/node/12").authors == ["Jane Doe"]
