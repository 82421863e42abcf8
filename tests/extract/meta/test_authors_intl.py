"""Wrong authors on non-English pages (issue 9, task s19-P2): the site's owner, named in
site-wide metadata as every page's author, is no writer."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import read_metadata
from broadsheet.extract.meta.authors import clean_authors, name_key

PROSE = "<p>" + "Ein Satz aus dem Artikel selbst, lang genug, um als Fließtext zu gelten. " * 4 + "</p>"


def _page(head: str, body: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="de"><head><title>Eine Meldung</title>{head}</head>'
        f"<body><article><h1>Eine Meldung</h1>{body}{PROSE}</article></body></html>"
    )


@pytest.mark.parametrize(
    "value, site_names",
    [
        # the publisher's name without its legal form (drk.de: publisher "... e.V.")
        ("Deutsches Rotes Kreuz", {"deutsches rotes kreuz e v"}),
        ("Acme Media", {"acme media gmbh"}),
    ],
)
def test_the_owner_named_in_full_is_no_author(value: str, site_names: set[str]) -> None:
    assert clean_authors([value], not_names=site_names) == []


@pytest.mark.parametrize(
    "value, site_names, names",
    [
        # a person's two words whose initials are the host's: not read as initials (3+ words)
        ("Paul Zander", {"pz"}, ["Paul Zander"]),
        # three words whose initials are not the host's
        ("Anna Maria Schmidt", {"paz", "paz de"}, ["Anna Maria Schmidt"]),
        # a person's name sharing a word with the publisher's
        ("Anna Kreuz", {"deutsches rotes kreuz e v"}, ["Anna Kreuz"]),
        # the owner and a writer: the writer stays
        ("Hagen Ritter, Preußische Allgemeine Zeitung", {"preussische allgemeine zeitung"}, ["Hagen Ritter"]),
        # a person's name whose initials are a site's is a person's (review RV3 D1: the rule
        # reading the owner's name from the site's initials, one site's, is dropped)
        ("Nina P. Ross", {"npr", "npr org"}, ["Nina P. Ross"]),
        ("Ana Belén Castro", {"abc", "abc es"}, ["Ana Belén Castro"]),
    ],
)
def test_names_stay(value: str, site_names: set[str], names: list[str]) -> None:
    assert clean_authors([value], not_names=site_names) == names


def test_the_owners_meta_author_without_legal_form_is_none() -> None:
    """drk.de: <meta name="author"> names the association, its microdata publisher has e.V."""
    html = _page(
        '<meta name="author" content="Deutsches Rotes Kreuz">',
        '<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">'
        '<span itemprop="name">Deutsches Rotes Kreuz e.V.</span></div>',
    ) + "<footer>Deutsches Rotes Kreuz</footer>"
    meta = read_metadata(LexborHTMLParser(html), "https://www.example.org/presse/eine-meldung/")
    assert meta.authors == []


@pytest.mark.parametrize(
    "value, names",
    [
        # a newsroom's label and colon before the writer, as German "Redaktion:" is read
        ("Redacción: Juan Pérez", ["Juan Pérez"]),
        ("Rédaction : Jean Dupont", ["Jean Dupont"]),
        ("Redação: Ana Souza", ["Ana Souza"]),
        # any other label and colon left: a credit for other work or a heading, no name
        ("Редактор: Елин Димитров", []),
        ("Topic: Pastoral Ministry", []),
        # ... whose words run on past a joining word: all of it the label's
        ("Topic: Fear & Anxiety", []),
        ("Jane Doe | Editor: John Roe", ["Jane Doe"]),
        ("Moderation: Jane Doe", []),
    ],
)
def test_a_label_and_colon_is_no_name(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


@pytest.mark.parametrize(
    "value, names",
    [
        ("Autor: Jane Doe", ["Jane Doe"]),
        ("By: Jane Doe", ["Jane Doe"]),
        ("Text: Anna Schmidt", ["Anna Schmidt"]),
        ("Interview: Julia Lauter", ["Julia Lauter"]),
        ("Redaktion: Anna Schmidt", ["Anna Schmidt"]),
        ("Posted by: Bob Walsh", ["Bob Walsh"]),
        ("Von Anna Schmidt, 12:30 Uhr", ["Anna Schmidt"]),
        ("Jane Doe | 10:30", ["Jane Doe"]),
        ("Jane Doe, Foto: Max Müller", ["Jane Doe"]),
        ("Redacción", ["Redacción"]),
    ],
)
def test_writing_labels_still_lead_to_the_name(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


@pytest.mark.parametrize(
    "value, names",
    [
        # a one-word writing label _PREFIX does not list: the names follow it
        ("Autoren: Anna Schmidt und Hans Meier", ["Anna Schmidt", "Hans Meier"]),
        ("Autoren: Anna Schmidt, Hans Meier", ["Anna Schmidt", "Hans Meier"]),
        ("Verfasserin: Anna Schmidt", ["Anna Schmidt"]),
        ("Texto: Ana Souza", ["Ana Souza"]),
        ("Testo: Mario Rossi", ["Mario Rossi"]),
        ("Story: Jane Doe", ["Jane Doe"]),
        ("Redakteur: Anna Schmidt", ["Anna Schmidt"]),
        ("Autor*in: Anna Schmidt", ["Anna Schmidt"]),
        # other work or a list's heading: no writer
        ("Quelle: dpa", []),
        ("Tags: Politik, Wirtschaft", []),
        ("Editor: John Roe", []),
    ],
)
def test_a_one_word_label_before_the_names(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


def test_a_label_and_colon_gives_way_to_the_next_byline() -> None:
    """The first byline element holds an editor's credit; the writer's follows."""
    html = _page(
        "",
        '<div class="byline">Редактор: Елин Димитров</div><div class="author">Иван Петров</div>',
    )
    meta = read_metadata(LexborHTMLParser(html), "https://www.example.bg/novini/a1.html")
    assert meta.authors == ["Иван Петров"]


@pytest.mark.parametrize(
    "value",
    [
        # a label for other work than the writing, or no label of the writing: its names are
        # no writers (review RV3 D2: every label not listed as other work was read past)
        "Bild: Max Muster", "Illustration: Max Muster", "Grafik: Max Muster", "Agenturen: dpa, AFP",
        "Update: Jane Doe", "Fact-check: Jane Doe",
        # a picture's credit: the photographer is no writer ("Foto:" was read as a prefix)
        "Foto: Max Muster", "Fotos: Max Muster", "Photo: Max Muster", "Photos: Max Muster",
    ],
)
def test_a_label_of_other_work_gives_no_name(value: str) -> None:
    assert clean_authors([value]) == []


@pytest.mark.parametrize(
    "value, names",
    [
        ("Autor*in: Anna Schmidt", ["Anna Schmidt"]),
        ("Gastautorin: Anna Schmidt", ["Anna Schmidt"]),
        ("Redakteurin: Anna Schmidt", ["Anna Schmidt"]),
    ],
)
def test_a_writing_label_is_read_past(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


def test_a_picture_credit_beside_the_byline_is_not_the_author() -> None:
    html = _page("", '<div class="byline">Bild: Max Muster</div><div class="author">Anna Alt</div>')
    meta = read_metadata(LexborHTMLParser(html), "https://www.example.de/artikel/eine-meldung")
    assert meta.authors == ["Anna Alt"]


@pytest.mark.parametrize(
    "value, names",
    [
        # the reporters' own words as labels (review RV4 D1: refused by the first list)
        ("Byline: Jane Doe", ["Jane Doe"]),
        ("Reporter: Anna Schmidt und Hans Meier", ["Anna Schmidt", "Hans Meier"]),
        ("Recherche: Anna Schmidt", ["Anna Schmidt"]),
        ("Correspondent: Jane Doe", ["Jane Doe"]),
        ("Verslaggever: Anna de Vries", ["Anna de Vries"]),
        ("Di: Jane Doe", ["Jane Doe"]),
        # a picture's credit first: its part goes, the writer after it stays (review RV4 D2)
        ("Foto: John Roe / Text: Jane Doe", ["Jane Doe"]),
        ("Fotos: John Roe | Von Jane Doe", ["Jane Doe"]),
        ("Byline: Jane Doe, Photos: John Roe", ["Jane Doe"]),
        ("Editor: John Roe / Von Jane Doe", ["Jane Doe"]),
        # ... and a heading's list runs on: no part of it is a writer, a "by" word in it
        # neither (review RV5 D1)
        ("Topic: Fear, Anxiety", []),
        ("Tags: Broncos, Von Miller, Super Bowl", []),
        ("Categories: Travel, By Land, By Sea, Cruises", []),
        ("Schlagworte: Politik, von der Leyen, EU-Kommission", []),
        # Italian "Da:" is also "from": no writing label (review RV5 D2)
        ("Da: sito web", []),
    ],
)
def test_writing_labels_and_credits_of_other_work(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


@pytest.mark.parametrize(
    "value, names",
    [
        # Russian credits as the others: the photographer is no writer, the writer after stays
        ("Фото: Олег Сидоров", []),
        ("Фото: Олег Сидоров / Текст: Иван Петров", ["Иван Петров"]),
        ("Текст: Иван Петров, Фото: Олег Сидоров", ["Иван Петров"]),
    ],
)
def test_russian_photo_and_text_credits(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


@pytest.mark.parametrize(
    "value, names",
    [
        # after a picture's credit, a byline's own prefixes open the writer's part again
        # (review RV6 D1: only a writing label and colon or a "by" did)
        ("Foto: John Roe / Redaktion: Anna Alt", ["Anna Alt"]),
        ("Foto: John Roe / Interview: Anna Alt", ["Anna Alt"]),
        ("Foto: John Roe / Autor Anna Alt", ["Anna Alt"]),
    ],
)
def test_a_writers_prefix_after_a_credit(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names


@pytest.mark.parametrize(
    "value, names",
    [
        # the guest authors' label in its plural and gendered forms (review RV7 D1)
        ("Gastautorinnen: Anna Alt, Eva Ernst", ["Anna Alt", "Eva Ernst"]),
        ("Gastautor*in: Anna Alt", ["Anna Alt"]),
        # after a picture's credit, a place, a source or a subject opens no writer's part
        # (review RV7 D2)
        ("Foto: John Roe, from Reuters", []),
        ("Foto: John Roe / de Madrid", []),
        ("Foto: John Roe, about Jane Doe", []),
        ("Foto: John Roe, Da Roma", []),
    ],
)
def test_guest_authors_and_places_after_a_credit(value: str, names: list[str]) -> None:
    assert clean_authors([value]) == names
