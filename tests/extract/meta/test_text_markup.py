"""Markup left in a stated value is dropped; angle brackets that are the text's own are
kept (task D of stop 18, issue 9)."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import read_metadata
from broadsheet.extract.meta.text import clean_text


def test_angle_brackets_around_a_works_title_are_text() -> None:
    # Korean pages mark a work's title with < >; escaped in the attribute, they are the
    # description's own characters, not a tag (we dropped the title with them).
    value = "Visitors came to watch &lt;The Palace: Tale of Jang Noksu&gt; and left reviews"
    assert clean_text(value) == "Visitors came to watch <The Palace: Tale of Jang Noksu> and left reviews"
    assert clean_text("Footnotes <1> and <2> follow") == "Footnotes <1> and <2> follow"
    assert clean_text("if a < b > c") == "if a < b > c"


def test_a_description_keeps_a_bracketed_title() -> None:
    html = (
        "<html><head><meta property='og:description' content='Reviews of &lt;The Palace&gt; from"
        " our visitors'></head><body><p>Story.</p></body></html>"
    )
    assert read_metadata(LexborHTMLParser(html), None).description == "Reviews of <The Palace> from our visitors"


def test_html_tags_comments_and_namespaced_tags_are_dropped() -> None:
    # Guard: markup CMSs leave in descriptions and JSON-LD is still taken out.
    assert clean_text("<p>Hello <B class='x'>world</B><br/></p>") == "Hello world"
    assert clean_text("Text<o:p></o:p> pasted from Word") == "Text pasted from Word"
    assert clean_text("<!-- teaser -->A <my-card id=1>card</my-card>") == "A card"
    assert clean_text('<a href="/x">link</a> &lt;em&gt;escaped&lt;/em&gt;') == "link escaped"
