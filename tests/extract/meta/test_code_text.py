"""Text of scripts and style sheets is no page text: the last-resort reader of a byline line
under the headline takes no name from code."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.page import PageText, blank_out, body_text, code_texts

from .conftest import page

PROSE = "<p>" + "Some words of the story itself, long enough to be prose. " * 8 + "</p>"


def test_a_byline_in_a_script_string_is_no_author(read) -> None:
    script = "<script>\nconst card = `\nBy Jane Doe\n`;\n</script>"
    meta = read(page("", f"<article><h1>The story</h1>{script}{PROSE}</article>"))
    assert meta.authors == []


def test_a_byline_on_the_page_after_a_script_is_read(read) -> None:
    script = "<script>\nconst card = `\nBy Jane Doe\n`;\n</script>"
    body = f"<article><h1>The story</h1>{script}<p>By John Roe</p>{PROSE}</article>"
    meta = read(page("", body))
    assert meta.authors == ["John Roe"] and meta.sources["authors"] == "dom"


def test_code_texts_are_scripts_and_style_sheets_not_data_blocks() -> None:
    tree = LexborHTMLParser(page("", (
        "<p>a</p><script>var x = 1;</script><script type='module'>import y;</script>"
        "<script type='application/ld+json'>{\"datePublished\": \"2023-06-04\"}</script>"
        "<style>.a {}</style><template><p>t</p></template><p>b</p>"
    )))
    assert code_texts(tree) == ["var x = 1;", "import y;", ".a {}"]
    text = PageText(lambda: body_text(tree), code=lambda: code_texts(tree))
    assert text.text_without_code.split("\n") == [
        "", "a", " " * 10, " " * 9, '{"datePublished": "2023-06-04"}', " " * 5, "b", ""
    ]


def test_scripts_that_loaders_run_later_are_code_json_is_data() -> None:
    """Rocket Loader, WP Rocket, consent managers and Partytown give JavaScript types of
    their own to run it later; only JSON types (and import maps, speculation rules) hold data."""
    types = ("9f3c1a2b-text/javascript", "rocketlazyloadscript", "text/plain", "text/partytown", "text/babel",
             "application/json", "application/ld+json", "importmap", "speculationrules")
    scripts = "".join(f"<script type='{kind}'>code {i}</script>" for i, kind in enumerate(types))
    assert code_texts(LexborHTMLParser(page("", f"<p>a</p>{scripts}"))) == [f"code {i}" for i in range(5)]


def test_a_byline_in_a_script_a_loader_runs_is_no_author(read) -> None:
    script = "<script type='text/plain' data-cookieconsent='statistics'>\nconst card = `\nBy Jane Doe\n`;\n</script>"
    assert read(page("", f"<article><h1>The story</h1>{script}{PROSE}</article>")).authors == []


def test_blank_out_keeps_every_other_line_in_its_place() -> None:
    text = "\nA\nS1\ns2\nT\nB\nS1\ns2\n"
    blanked = blank_out(text, ["S1\ns2", "T", "S1\ns2", "missing"])
    assert blanked == "\nA\n  \n  \n \nB\n  \n  \n" and len(blanked) == len(text)
    assert blank_out(text, ["absent"]) == text and blank_out(text, []) == text
    # code opening or closing the text is blanked too; a piece not found ends the work
    assert blank_out("var a\nBy X\nvar b", ["var a", "var b"]) == "     \nBy X\n     "
    assert blank_out("x\ny\nz", ["nowhere", "y"]) == "x\ny\nz"


def test_code_is_asked_for_only_where_a_reader_finds_a_value() -> None:
    asked: list[int] = []
    text = PageText(lambda: "A\nS\nB", code=lambda: asked.append(1) or ["S"])
    assert text.outside_code(lambda t: "" if "Z" not in t else "z") == "" and asked == []
    assert text.outside_code(lambda t: "S" if "\nS\n" in t else None) is None and asked == [1]
    assert text.outside_code(lambda t: "B" if "\nB\n" in t else None) == "B" and asked == [1]
    assert PageText(lambda: "A\nS", code=None).outside_code(lambda t: "S" in t) is True
