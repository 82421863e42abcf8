"""Printed bylines we missed (issue 9, the trafilatura set's largest authors error on both
sides: the names are printed, we gave none): Drupal's "Submitted by" line in its
translations, a Drupal node promoted to the front page, and names the markup marks as the
author's where the byline reader did not look (review RV-A: a text rule taking any name
beside the date under the headline took categories, places and other posts' titles)."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.meta.dom import ForeignCheck, read_bylines

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


@pytest.mark.parametrize(
    "value, name",
    [
        ("Inviato da Roma", "Inviato da Roma"),  # "sent from Rome": no date follows, as before
        ("Von Max Mustermann, gespeichert von Redaktion", "Max Mustermann"),  # inside a value: no label
    ],
)
def test_drupals_words_are_a_label_only_opening_a_dated_value(value: str, name: str) -> None:
    # review RV-A L1: 'Roma' and ['Redaktion'] before
    assert clean_authors([value])[0] == name


def test_drupals_words_without_a_date_name_no_one() -> None:
    assert clean_authors(["Enviado por un lector"]) == []  # a reader's photo


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


def test_a_submitted_line_under_the_headline(read) -> None:
    # Drupal 6 (zerohedge.com and its kin): "Submitted by <a>Tyler Durden</a> on ...".
    body = (
        "<h1>Q2 GDP revised</h1>"
        '<span class="submitted">Submitted by <a href="/users/jane">Jane Doe</a> on  08/09/2012 14:30 -0400</span>'
        f"{PROSE}"
    )
    assert read(page("", body)).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "submitted",
    [
        # Drupal 7's node template (Bartik, Garland)
        '<div class="submitted">Gespeichert von <span class="username">rasos</span> am 24. Juli 2017 - 18:55</div>',
        # Drupal 8 on (Olivero, Bartik 8)
        '<div class="node__meta"><span class="node__submitted">Gespeichert von <span>rasos</span> am Mo., '
        "24.07.2017 - 18:55</span></div>",
    ],
)
def test_drupals_submitted_element_end_to_end(read, submitted: str) -> None:
    # review RV-A L2: the element was never queried (collect._NAMED), and the one-word
    # name fails the shape check of the text's label lines
    body = f'<div class="node node-article"><h1>FairCoin Hackathon in Wien</h1>{submitted}{PROSE}</div>'
    assert read(page("", body, lang="de")).authors == ["rasos"]


def test_a_readers_photo_sent_by_is_no_byline(read) -> None:
    # review RV-A L1: Drupal's Spanish words alone on a line, in a figure's caption
    body = (
        "<article><h1>Las lluvias inundan el centro de la ciudad</h1><figure><img src='/a.jpg'>"
        '<figcaption>Enviado por <a href="/u/9">Juan Pérez</a></figcaption></figure>'
        f"{PROSE}</article>"
    )
    assert read(page("", body, lang="es")).authors == []


def test_the_author_by_a_headline_in_an_h2_under_the_blogs_h1(read) -> None:
    # whitehouse.gov's blog (Drupal 6): the <h1> is the blog's name over every post, the
    # post's headline an <h2>; the byline was looked for around the <h1>
    head = "<title>Wall Street Reform Two-Years Later | The White House</title>"
    body = (
        '<div id="page"><div id="header"><div class="inner"><div class="wrap"><div class="region">'
        '<div class="blog-header"><h1><a href="/blog">The White House Blog</a></h1></div>'
        '<div class="blog-nav"><ul><li><a href="/blog/issues">Issues</a></li></ul></div></div></div></div></div>'
        '<div class="middle-content"><div id="content"><div class="upper-content">'
        '<h2 property="dc:title">Wall Street Reform Two-Years Later</h2>'
        '<div id="blog-post-info"><div class="post-info-user">'
        '<a href="/blog/author/Brian Deese" class="author-name">Brian Deese</a>'
        '<div class="blog-info-created">July 21, 2012 03:06 PM EDT</div></div></div>'
        f"</div><div class=\"lower-content\">{PROSE}</div></div></div></div>"
    )
    assert read(page(head, body), url="https://www.whitehouse.gov/blog/2012/07/21/wall-street-reform").authors == [
        "Brian Deese"
    ]


def test_the_first_h1_stays_the_headline_where_it_states_the_title(read) -> None:
    # a byline named as such by the <h1> that is the headline, an <h2> of the same words
    # in a box far below: the <h1> is read
    head = "<title>Wall Street Reform Two-Years Later | The Gazette</title>"
    body = (
        '<div class="story"><h1>Wall Street Reform Two-Years Later</h1>'
        f'<p class="byline">By Jane Doe</p>{PROSE}</div>'
    )
    assert read(page(head, body)).authors == ["Jane Doe"]


def test_a_drupal_field_named_as_the_author(read) -> None:
    # Drupal 8's field template: "field--label-hidden" on every field, its "label" no
    # label's element (helmholtz-klima.de)
    body = (
        '<article role="article" class="node article full"><div class="meta">'
        '<div class="date-created">22.11.2022</div>'
        '<h5 class="field field--name-field-term-author field--type-entity-reference field--label-hidden '
        'field--item">Christian Mihatsch</h5></div>'
        f"<h1><span>Kein Kipppunkt zugunsten des Klimaschutzes</span></h1>{PROSE}</article>"
    )
    assert read(page("", body, lang="de")).authors == ["Christian Mihatsch"]


def test_a_drupal_field_of_the_authors_biography_is_still_no_byline() -> None:
    html = page(
        "",
        '<div class="field field--name-field-author-bio field--type-text-long field--label-hidden">'
        "Jane Doe covers science for the paper.</div>",
    )
    tree = LexborHTMLParser(html)
    assert read_bylines(tree.css("[class]"), ForeignCheck()) == []


POST_META = (
    '<aside class="post-meta"><ul class="post-metadata"><li class="post-date">November 6, 2012</li>'
    '<li class="post-author"><a href="/blog/author/jlehto43/" rel="author">Joey Lehto</a></li>'
    '<li class="post-comments"><a href="#respond">Leave a comment</a></li></ul></aside>'
)


def test_a_posts_meta_printed_as_an_aside_and_a_list_is_foreign_for_its_tag() -> None:
    # WooThemes (droiddog.com): the post's own date and author in an <aside> and a list, a
    # sidebar's tag and a teaser list's item. Read as the post's (1d6e61e), teasers' blocks
    # came in too (reviews RV-A2 H1, RV-A3 M2): it stays foreign, the story's own as well
    html = page(
        "",
        '<article class="post hentry"><header><h1 class="post-title">'
        "Poll: What Phone Will You Be Buying This Holiday Season?</h1></header>"
        f"{POST_META}<section class=\"entry\">{PROSE}</section></article>",
    )
    tree = LexborHTMLParser(html)
    assert ForeignCheck()(tree.css_first("a[rel=author]")) is True


def test_a_post_meta_list_in_a_sidebar_stays_foreign() -> None:
    html = page("", f'<aside class="widget sidebar"><div class="recent">{POST_META}</div></aside>')
    tree = LexborHTMLParser(html)
    assert ForeignCheck()(tree.css_first("a[rel=author]")) is True


def test_an_item_of_another_list_stays_foreign() -> None:
    html = page("", '<ul class="recent-posts"><li><a href="/author/jd/" rel="author">Jane Doe</a></li></ul>')
    tree = LexborHTMLParser(html)
    assert ForeignCheck()(tree.css_first("a[rel=author]")) is True


# Review RV-A M1: strings printed beside the date under the headline that a rule taking
# any name there made authors (18 of 31 after the date, 3 of 5 before it).
_BESIDE_DATE = [
    "Interior Design", "World News", "Climate Policy", "New York", "Bad Homburg", "Нижний Новгород", "Νέα Υόρκη",
    "BREAKING NEWS", "Press Release", "Book Review", "Print This Page", "Sign In", "Leave A Comment", "Apple Watch",
    "Tuesday Evening", "European Commission", "Foto: Max Muster", "Illustration: Jane Doe", "Interview Mit Max Muster",
    "Share This Post", "Guest Post", "Staff Report", "Photo Gallery", "Open Letter", "Case Study", "Fact Sheet",
    "Black Friday", "Top Stories",
]


@pytest.mark.parametrize("text", _BESIDE_DATE)
@pytest.mark.parametrize(
    "layout",
    ["<p>22.11.2022</p><p>{}</p>", "<p>{}</p><p>November 22, 2022</p>", "<p>22.11.2022 - {}</p>", "<p>22.11.2022 | {}</p>"],
)
def test_no_author_beside_the_date(read, text: str, layout: str) -> None:
    body = f"<article><h1>Kein Kipppunkt zugunsten des Klimaschutzes</h1>{layout.format(text)}{PROSE}{PROSE}</article>"
    assert read(page("", body)).authors == []


def test_a_category_link_after_the_date_leaves_the_footers_byline(read) -> None:
    # review RV-A H1: WordPress's category link printed after the date replaced the
    # post footer's byline
    body = (
        '<article class="post"><h1 class="entry-title">How to choose a sofa for a small room</h1>'
        '<div>November 22, 2022</div><div><a href="/category/interior-design/" rel="category tag">Interior Design</a></div>'
        f'<div class="entry-content">{PROSE}{PROSE}</div>'
        '<footer class="entry-footer"><span class="byline">Posted by <a href="/author/jd">Jane Doe</a></span></footer>'
        "</article>"
    )
    assert read(page("", body)).authors == ["Jane Doe"]


def test_the_next_title_of_a_list_of_recent_posts_is_no_author(read) -> None:
    # review RV-A H2: WordPress's Recent Posts widget lists this post, its date, then the next
    headline = "Markets Rally As Inflation Cools"
    items = [(headline, "November 22, 2022"), ("Housing Starts Slow", "November 20, 2022")]
    recent = (
        '<aside class="widget widget_recent_entries"><h3>Recent Posts</h3><ul>'
        + "".join(f'<li><a href="/p/{i}">{t}</a><span class="post-date">{d}</span></li>' for i, (t, d) in enumerate(items))
        + "</ul></aside>"
    )
    body = f"<article><h1>{headline}</h1>{PROSE}{PROSE}</article>{recent}"
    assert read(page(f"<title>{headline}</title>", body)).authors == []
