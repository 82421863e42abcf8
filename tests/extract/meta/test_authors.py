"""Author names: split, cleaned of bylines' furniture, organisations and junk left out."""
from __future__ import annotations

import pytest

from broadsheet.extract.meta.authors import MAX_AUTHORS, clean_authors, looks_like_person, name_key, split_byline


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe | Updated 3 hours ago", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Max Mustermann", ["Jane Doe", "John Roe", "Max Mustermann"]),
        ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"]),
        ("Par Marie Dupont et Luc Martin", ["Marie Dupont", "Luc Martin"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Jane Doe, Senior Editor", ["Jane Doe"]),
        ("Jane Doe jane.doe@example.com", ["Jane Doe"]),
        ("Jane Doe https://twitter.com/janedoe", ["Jane Doe"]),
        ("Por Williams Perdomo @wperdomod -", ["Williams Perdomo"]),
        ("Von Isabella Berger am Samstag, 19. Oktober 2019 um 11:14 Uhr", ["Isabella Berger"]),
        ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
        ("Interview: Julia Lauter", ["Julia Lauter"]),
        ("Richard (R.J.) Eskow", ["Richard Eskow"]),
        ("Inga Hoeltmann Follow Expertin für Neue Arbeit", ["Inga Hoeltmann"]),
        ("Jan Fleischhauer, deutscher Journalist, Kolumnist und Autor", ["Jan Fleischhauer"]),
        ("John A Smith", ["John A Smith"]),
        ("Di Maria", ["Di Maria"]),
        ("di Mario Rossi", ["Mario Rossi"]),
        ("macbacchi", ["macbacchi"]),
        ("Posted on", []),
        ("Redaktion", []),
        ("Online-Redaktion", []),
        ("12:45", []),
        ("", []),
    ],
)
def test_bylines(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


def test_dedupe_keeps_first_spelling_and_order() -> None:
    assert clean_authors(["Jane Doe", "JANE DOE", "John Roe", "jane  doe"]) == ["Jane Doe", "John Roe"]


def test_publisher_standing_in_for_a_person() -> None:
    site = {name_key("The Daily Example"), "dailyexample"}
    assert clean_authors(["The Daily Example"], not_names=site) == []
    assert clean_authors(["Daily Example"], not_names={"dailyexample"}) == []
    assert clean_authors(["Jane Doe", "The Daily Example"], not_names=site) == ["Jane Doe"]


@pytest.mark.parametrize(
    "value",
    ["Olympia-Verlag GmbH, Nürnberg, Germany", "Deutscher Caritasverband e. V.", "Example Media Inc.", "Acme Ltd"],
)
def test_companies_are_not_people(value: str) -> None:
    assert clean_authors([value]) == []


def test_five_hundred_names_are_a_staff_list_not_a_byline() -> None:
    names = [f"Person Number{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}" for i in range(500)]
    assert clean_authors(names) == []
    assert len(clean_authors(names[:MAX_AUTHORS])) == MAX_AUTHORS


def test_absurdly_long_values_are_dropped() -> None:
    assert clean_authors(["x" * 5000]) == []
    assert clean_authors(["A very long sentence that is certainly not the name of anyone at all"]) == []


def test_name_shape_for_text_found_bylines() -> None:
    assert looks_like_person("Daniela Obers")
    assert looks_like_person("Christoph von Ritter")
    assert not looks_like_person("Bäumen durch Dritte")
    assert not looks_like_person("Jules")


def test_a_newsroom_or_team_named_as_author_is_kept_but_not_a_cms_account() -> None:
    assert clean_authors(["Redaktion"]) == ["Redaktion"]
    assert clean_authors(["von PETA-Team"]) == ["PETA-Team"]
    assert clean_authors(["Michael Rädel, Redaktion"]) == ["Michael Rädel", "Redaktion"]
    assert clean_authors(["Redacción Diario Pagina Siete"]) == ["Redacción Diario Pagina Siete"]
    assert clean_authors(["HLNF Staff Report"]) == ["HLNF Staff Report"]
    for account in ("admin", "Site Admin", "Staff", "Team", "No Author", "webmaster"):
        assert clean_authors([account]) == [], account


def test_the_publisher_with_its_address_is_not_an_author() -> None:
    assert clean_authors(["GIROMATCH, Frankfurt a. M., Germany"], not_names={"giromatch"}) == []
    assert clean_authors(["von AUTO ZEITUNG"], not_names={"autozeitung"}) == []
    # Not the publisher: the person stays.
    assert clean_authors(["Jane Doe"], not_names={"giromatch"}) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Kristen Falc'hon Kristen Falc'hon", ["Kristen Falc'hon"]),
        ("R. R.", ["R. R."]),
        ("Donnerstag, 4. November 2021", []),
        ("Red.", []),
        ("Richard David Precht im Gespräch mit Karin Fischer", ["Richard David Precht", "Karin Fischer"]),
    ],
)
def test_printed_twice_weekdays_and_conversations(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


def test_names_set_off_by_commas() -> None:
    assert clean_authors(["Jane Doe, John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_authors(["Jong, Michiel de"]) == ["Jong", "Michiel de"]


def test_a_phrase_of_running_text_is_no_byline() -> None:
    assert clean_authors(["The Russian and Syrian defense ministries"]) == []
    assert clean_authors(["Amy Kuperinsky | NJ Advance Media for NJ.com"]) == ["Amy Kuperinsky"]
    # Particles are part of names; a name in lower case is still one.
    for name in ("Bashar al-Assad", "Jean d'Ormesson", "Ludwig van Beethoven", "der Michel", "jane doe"):
        assert clean_authors([name]) == [name]


def test_post_in_a_name_and_cyrillic_labels() -> None:
    assert clean_authors(["Emily Post"]) == ["Emily Post"]  # "Post" in a name is no "posts" button
    assert clean_authors(["Текст: Венера Ерофеева"]) == ["Венера Ерофеева"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Written by Anna Kowalski Edited by Tom Berg", ["Anna Kowalski"]),
        ("By Jane Doe. Edited by John Roe", ["Jane Doe"]),
        ("By John Smith Jr. Photos: Jane Roe", ["John Smith Jr."]),
        ("By Jane Doe, Graphics: John Roe", ["Jane Doe"]),
        ("Von Anna Schmidt, Bild: Peter Müller", ["Anna Schmidt"]),
        ("By Jane Doe, photos by John Roe", ["Jane Doe"]),
        ("Text: Jane Doe, Fotos: John Roe", ["Jane Doe"]),
        ("Von Anna Schmidt, übersetzt von Peter Müller", ["Anna Schmidt"]),
        ("Photos by Jane Doe", ["Jane Doe"]),  # a credit alone is all the byline there is
    ],
)
def test_credits_for_other_work_than_the_writing_end_the_names(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names
