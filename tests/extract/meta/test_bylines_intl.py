"""Printed bylines we missed on non-English pages (issue 9, task s19-R2): Blogger's "Posted
by" in the translations its templates print ("Eingestellt von", "Upplagd av", "Indsendt af",
"Lagt inn av", "Postado por", "Publicada por"), read as a label, not as part of the name."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.authors import clean_authors
from broadsheet.extract.meta.dom import ForeignCheck, read_bylines

from .conftest import page

PROSE = "<p>" + "Einige Worte der Geschichte selbst, lang genug, um hier als Text gelesen zu werden. " * 4 + "</p>"
URL = "https://example.blogspot.com/2012/05/ein-beitrag.html"

#: Blogger's labels of a post's author, as its templates print them in German, Swedish,
#: Danish, Norwegian, Brazilian and European Portuguese, and the time word after the name.
BLOGGER_LABELS = [
    ("de", "Eingestellt von", "um"),
    ("sv", "Upplagd av", "kl."),
    ("da", "Indsendt af", "kl."),
    ("no", "Lagt inn av", "kl."),
    ("pt", "Postado por", "às"),
    ("pt", "Publicada por", "à(s)"),
]


def _blogger(lang: str, label: str, at: str, name: str = '<span class="fn">Jane Doe</span>') -> str:
    """A post of Blogger's layouts template (2006 on): the blog's name in the `<h1>`, the
    post's title in an `<h3>`, and the author in the footer's `span.post-author`, with no
    microdata (older layouts write none)."""
    body = (
        '<div id="header"><h1 class="title">Mein Blog</h1></div>'
        '<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed"><div class="date-outer">'
        '<h2 class="date-header"><span>Mittwoch, 2. Mai 2012</span></h2>'
        '<div class="post hentry"><h3 class="post-title entry-title">Ein Beitrag</h3>'
        f'<div class="post-body entry-content">{PROSE}</div>'
        '<div class="post-footer"><div class="post-footer-line post-footer-line-1">'
        f'<span class="post-author vcard">{label} {name}</span> '
        f'<span class="post-timestamp">{at} <a class="timestamp-link" href="{URL}">'
        '<abbr class="published" title="2012-05-02T13:23:00+02:00">13:23</abbr></a></span> '
        '<span class="post-comment-link"><a class="comment-link" href="#">0 Kommentare:</a></span>'
        "</div></div></div></div></div></div>"
    )
    return page("<title>Mein Blog: Ein Beitrag</title>", body, lang)


@pytest.mark.parametrize(("lang", "label", "at"), BLOGGER_LABELS)
def test_bloggers_translated_posted_by_is_a_label(read, lang: str, label: str, at: str) -> None:
    assert read(_blogger(lang, label, at), URL).authors == ["Jane Doe"]


def test_bloggers_german_label_before_a_nickname(read) -> None:
    # a blogger's nickname with its article, as printed: the label goes, the name stays whole
    html = _blogger("de", "Eingestellt von", "um", '<span class="fn">der Michel</span>')
    assert read(html, URL).authors == ["der Michel"]


@pytest.mark.parametrize("label", [label for _, label, _ in BLOGGER_LABELS])
def test_a_posted_line_opening_with_the_translated_label_is_a_byline(label: str) -> None:
    # a blog engine's `p.posted` line (Movable Type, TypePad), read for its byline where it
    # opens with a byline's words (`dom._BYLINE_START`)
    html = page("", f'<div class="entry"><h1>Ein Beitrag</h1>{PROSE}<p class="posted">{label} Jane Doe</p></div>')
    texts = read_bylines(LexborHTMLParser(html).css("[class]"), ForeignCheck())
    assert texts == [f"{label} Jane Doe"]
    assert clean_authors(texts) == ["Jane Doe"]


@pytest.mark.parametrize(
    "value",
    ["Jane Doe eingestellt am 2. Mai 2012", "Jane Doe Upplagd 2 maj 2012", "Jane Doe Postado em 2 de maio"],
)
def test_the_publishing_verb_ends_the_name(value: str) -> None:
    assert clean_authors([value]) == ["Jane Doe"]


def test_a_posted_line_not_opening_with_a_byline_is_none() -> None:
    # guard: a `posted` element stating only that something was put up is no byline
    html = page("", f'<div class="entry"><h1>Ein Beitrag</h1>{PROSE}<p class="posted">Die Produktion wurde eingestellt</p></div>')
    assert read_bylines(LexborHTMLParser(html).css("[class]"), ForeignCheck()) == []


@pytest.mark.parametrize(("lang", "label"), [("fr", "Publié par"), ("es", "Publicado por"), ("it", "Pubblicato da"), ("nl", "Geplaatst door"), ("en", "Posted by")])
def test_bloggers_labels_read_before_still_are(read, lang: str, label: str) -> None:
    # guard: the translations `PUBLISHED` and `BY` made a label already
    assert read(_blogger(lang, label, "at"), URL).authors == ["Jane Doe"]
