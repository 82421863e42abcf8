"""Printed bylines we missed (issue 9, the trafilatura set's largest authors error on both
sides: the names are printed, we gave none): Drupal's "Submitted by" line in its
translations, a Drupal node promoted to the front page, and a name printed beside the
story's date under the headline with no "By"."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.meta.dom import ForeignCheck, read_bylines
from broadsheet.extract.meta.lines import bylines_near_headline

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be read as prose here. " * 4 + "</p>"


@pytest.mark.parametrize(
    "line, name",
    [
        ("Gespeichert von rasos am 24. Juli 2017 - 18:55", "rasos"),
        ("Soumis par Jean Dupont le 4 juin 2012 - 10:00", "Jean Dupont"),
        ("Enviado por María López el 4 Junio, 2012 - 10:00", "María López"),
        ("Ingezonden door Jan de Vries op 4 juni 2012 - 10:00", "Jan de Vries"),
    ],
)
def test_drupals_submitted_line_in_its_translations(line: str, name: str) -> None:
    # "Submitted by !username on !datetime" as Drupal's translations print it: the inner
    # "von"/"par"/"por"/"door" follows Drupal's verb, not a name's first part.
    assert clean_authors([line]) == [name]


def test_a_particle_is_still_no_label() -> None:
    assert clean_authors(["Alexa von Heyden"]) == ["Alexa von Heyden"]


def test_drupals_submitted_element_is_a_byline() -> None:
    # Drupal 7's node template: <div class="submitted">, the name in a username span.
    html = page(
        "",
        '<div class="node node-article"><h2>FairCoin hackathon</h2>'
        '<div class="submitted">Gespeichert von <span class="username">rasos</span> am 24. Juli 2017 - 18:55</div>'
        f"{PROSE}</div>",
    )
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == ["Gespeichert von rasos am 24. Juli 2017 - 18:55"]


def test_a_submitted_element_without_drupals_words_is_none() -> None:
    html = page("", '<div class="submitted">Thanks! Your form was sent.</div>')
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == []


@pytest.mark.parametrize("state", ["node-promoted", "node--promoted"])
def test_a_drupal_node_promoted_to_the_front_page_is_no_promo_box(state: str) -> None:
    html = page("", f'<div class="node node-article {state} clearfix"><div class="submitted">x</div></div>')
    tree = LexborHTMLParser(html)
    assert ForeignCheck()(tree.css_first(".submitted")) is False


def test_a_promo_box_is_still_foreign() -> None:
    html = page("", '<div class="promoted-stories"><div class="submitted">x</div></div>')
    tree = LexborHTMLParser(html)
    assert ForeignCheck()(tree.css_first(".submitted")) is True


def test_a_submitted_label_line_under_the_headline(read) -> None:
    # Drupal 6 (zerohedge.com and its kin): "Submitted by <a>Tyler Durden</a> on ...".
    body = (
        "<h1>Q2 GDP revised</h1>"
        '<span class="submitted">Submitted by<br><a href="/users/jane">Jane Doe</a><br>on 08/09/2012 14:30</span>'
        f"{PROSE}"
    )
    assert read(page("", body)).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "after",
    [
        "<p>22.11.2022</p><p>Christian Mihatsch</p>",  # the date, then the name
        "<p>Christian Mihatsch</p><p>22. November 2022</p>",  # the name, then the date
        "<p>11.12.2019 - Christian Mihatsch</p>",  # both on one line
    ],
)
def test_a_name_beside_the_date_under_the_headline(read, after: str) -> None:
    body = f"<h1>Kein Kipppunkt zugunsten des Klimaschutzes</h1>{after}{PROSE}"
    assert read(page("", body, lang="de")).authors == ["Christian Mihatsch"]


@pytest.mark.parametrize(
    "after",
    [
        "<p>22.11.2022</p><p>Berlin</p>",  # a place
        "<p>2022</p><p>Christian Mihatsch</p>",  # a year, no date
        # the story's first words, its sentence going on in the next element
        "<p>22.11.2022</p><p><b>Christian Mihatsch</b></p><p>’s report finds the talks went on all night.</p>",
        # a date and a name further down: the story's, not its byline
        "<p>Intro</p><p>More</p><p>Even more</p><p>Still more</p><p>22.11.2022</p><p>Christian Mihatsch</p>",
    ],
)
def test_no_name_beside_no_date(read, after: str) -> None:
    body = f"<h1>Kein Kipppunkt zugunsten des Klimaschutzes</h1>{after}{PROSE}"
    assert read(page("", body, lang="de")).authors == []


def test_dated_names_come_after_a_by_line() -> None:
    text = "Headline\n22.11.2022\nJohn Roe\nBy Jane Doe\n"
    assert bylines_near_headline(text, ["Headline"]) == ["By Jane Doe", "John Roe"]
