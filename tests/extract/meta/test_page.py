"""PageText: the visible text's checks give one answer whichever way they look."""
from __future__ import annotations

from broadsheet.extract.meta import page
from broadsheet.extract.meta.page import PageText

TEXT = "Home\nPolitik\nEU-Gipfel in Brüssel\nBy Jane Doe\nÜBERSICHT\nTags\nBudget\nWords of the story."
LABELS = ["politik", "Budget", "EU", "übersicht", "brüssel", "TAGS", "Words of the story.", "", "a\nb", "Home"]


def _expected(label: str) -> bool:
    """A line of the text is the label (ASCII case folded); nothing shows "" or two lines."""
    lines = {line.encode().lower() for line in TEXT.split("\n")}
    return bool(label) and label.encode().lower() in lines


def test_a_label_is_shown_as_a_whole_line_in_any_ascii_case_before_and_after_the_set() -> None:
    text = PageText(lambda: TEXT)
    answers = [text.shown_line(label) for label in LABELS * 2]  # past `_SCANS`: the set of lines
    assert len(LABELS) > page._SCANS
    assert answers == [_expected(label) for label in LABELS * 2]
    assert answers[:7] == [True, True, False, False, False, True, True]  # "Ü" folds not in ASCII


def test_the_text_is_read_once() -> None:
    calls: list[int] = []
    text = PageText(lambda: calls.append(1) or TEXT)
    for label in LABELS:
        text.shown_line(label)
    assert text.shows_most(["Budget", "Politik"]) and calls == [1]


# --- The page text is what a reader sees: no script, style or <noscript> (issue 9) ---

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from broadsheet.extract.meta.page import body_text  # noqa: E402

from .conftest import page as _page  # noqa: E402

_PROSE = "<p>" + "Some words of the story itself, long enough to be prose. " * 8 + "</p>"


def _story(between: str, head: str = "") -> str:
    """A story page with `between` right under its headline."""
    return _page(head, f"<article><h1>Ministers agree on a plan</h1>{between}{_PROSE}{_PROSE}</article>")


def _both(read, code: str, tag: str = "script") -> tuple:
    """The metadata of the page with `code` inside a `tag`, and with it shown as paragraphs."""
    hidden = read(_story(f"<{tag}>{code}</{tag}>"))
    shown = read(_story("".join(f"<p>{line}</p>" for line in code.split("\n") if line)))
    return hidden, shown


def test_a_date_in_an_inline_script_is_no_date_the_page_prints(read) -> None:
    hidden, shown = _both(read, "var built = '2019-05-17'; // 2019-05-17")
    assert shown.date_published == "2019-05-17" and shown.sources["date_published"] == "dom"
    assert hidden.date_published is None


def test_a_byline_in_a_script_template_is_no_byline_shown(read) -> None:
    hidden, shown = _both(read, "\nBy Jane Roe\n", tag='script type="text/template"')
    assert shown.authors == ["Jane Roe"]
    assert hidden.authors == []


def test_a_stated_author_named_only_in_a_style_or_noscript_is_not_shown(read) -> None:
    head = '<meta name="author" content="Jane Roe">'
    for tag in ("style", "noscript"):
        hidden = read(_story(f"<{tag}>/* Jane Roe */</{tag}>", head))
        assert hidden.authors == [], tag
    assert read(_story("<p>Jane Roe</p>", head)).authors == ["Jane Roe"]


def test_stated_tags_shown_only_in_a_script_are_not_labels(read) -> None:
    head = '<meta name="parsely-tags" content="Budget, Politik">'
    hidden = read(_story("<script>\nBudget\nPolitik\n</script>", head))
    shown = read(_story("<a href=/t/budget>Budget</a> <a href=/t/politik>Politik</a>", head))
    assert shown.tags == ["Budget", "Politik"]
    assert hidden.tags == []


def test_body_text_cuts_code_lines_where_they_stand() -> None:
    tree = LexborHTMLParser(
        "<body><p>A</p><script>x = 1;\n  y()</script><style>.q{}</style><script src=/a.js></script>"
        "<noscript><p>Turn on scripts</p><style>q</style></noscript><template>T</template>"
        "<script>x</script><p>x</p><p>q</p><p>B</p><script> </script></body>"
    )
    full = tree.body.text(deep=True, separator="\n", strip=True, skip_empty=True)
    text = body_text(tree.body)
    # the visible "x" and "q" stay (the script "x" before them goes; the style "q" went with
    # its <noscript>); what is kept is a part of the whole read, never longer
    assert text == "A\nx\nq\nB"
    assert len(text) - text.count("\n") <= len(full) - full.count("\n")
    assert body_text(None) == ""
    assert body_text(LexborHTMLParser("<p>Only <b>words</b></p>").body) == "Only\nwords"
