"""The dates printed around the story, read for no more than their answer needs: each test
counts a step that gave nothing (and changed nothing) and is no longer made, or checks that
a shortcut answers as the long way does."""
from __future__ import annotations

import importlib
import re
from datetime import date, timedelta

from broadsheet.extract.meta.published import local_rendering, renders_another_day

from .conftest import page

story_dates = importlib.import_module("broadsheet.extract.meta.story_dates")

_PROSE = "<p>" + "The council met on the bridge plan and voted after a long debate. " * 4 + "</p>"


def _counting(monkeypatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(story_dates, name)
    monkeypatch.setattr(story_dates, name, lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_a_utc_instant_on_the_urls_day_reads_no_text_by_the_headline(read, monkeypatch) -> None:
    # The local day of a UTC instant is one off its UTC day and never another than the
    # URL's: with the URL on the UTC day itself, nothing printed can render it.
    calls = _counting(monkeypatch, "text_near_headline")
    stated = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge vote passes", "datePublished": "2023-06-04T16:20:00Z"}</script>'
    html = page(stated, "<h1>Bridge vote passes</h1><p>June 5, 2023 01:20</p>" + _PROSE)
    assert read(html, url="https://news.example.com/2023/06/04/bridge-vote/").date_published == "2023-06-04T16:20:00+00:00"
    assert calls == []
    # Without a day in the URL the text is read, and the local rendering found.
    assert read(html, url="https://news.example.com/bridge-vote/").date_published == "2023-06-05T01:20+09:00"
    assert calls == [1]


def test_no_local_rendering_where_the_urls_day_is_not_one_off() -> None:
    # `renders_another_day` False must mean `local_rendering` finds nothing, whatever is shown.
    found_some = 0
    for stated in ("2023-06-04T00:00:00+00:00", "2023-06-04T09:45:00+00:00", "2023-06-04T16:20:00+00:00", "2023-06-04T23:00:00+00:00"):
        day = date.fromisoformat(stated[:10])
        for url_gap in range(-3, 4):
            url_day = (day + timedelta(days=url_gap)).isoformat()
            for shown_gap in range(-2, 3):
                shown_day = (day + timedelta(days=shown_gap)).isoformat()
                shown = [shown_day] + [f"{shown_day}T{h:02d}:{m:02d}" for h in range(24) for m in (0, 5, 20, 45)]
                results = [local_rendering(stated, s, url_day) for s in shown]
                if not renders_another_day(stated, url_day):
                    assert results == [None] * len(shown), (stated, url_day, shown_day)
                found_some += sum(r is not None for r in results)
    assert found_some > 0  # the grid holds renderings: the check above is not empty
    assert renders_another_day("2023-06-04T16:20:00+00:00", None)


def test_the_replies_are_looked_for_only_at_a_date_line_below_the_story(read, monkeypatch) -> None:
    calls = _counting(monkeypatch, "_replies_heading")
    html = page("<title>Bridge vote passes</title>", "<article><h1>Bridge vote passes</h1>" + _PROSE + "<h3>2 Responses</h3></article>")
    assert read(html, url="https://news.example.com/bridge-vote/").date_published is None
    assert calls == []  # no date line below the story: where the replies begin is not asked
    footer = '<p>November 05, 2012 | <a href="/bridge-vote/">Permalink</a></p>'
    html = page("<title>Bridge vote passes</title>", "<article><h1>Bridge vote passes</h1>" + _PROSE * 2 + footer + "</article>")
    assert read(html, url="https://news.example.com/bridge-vote/").date_published == "2012-11-05"
    assert calls == [1]


class _Watched(str):
    """A piece of code that records each time it is written into a search string."""

    searched: list[str] = []

    def __format__(self, spec: str) -> str:
        _Watched.searched.append(str(self))
        return str.__format__(self, spec)


def test_code_after_the_last_window_is_not_searched() -> None:
    head = "var a = 1; // 2007-05-17 a note"
    tail = "var b = 2; // 2011-01-01 another"
    text = "\nHeadline\n" + head + "\n" + "story line\n" * 50 + tail + "\n"
    _Watched.searched = []
    out = story_dates._blank_code_comments(text, [_Watched(head), _Watched(tail)], [(0, 40)])
    assert "2007-05-17" not in out and "2011-01-01" in out and len(out) == len(text)
    assert _Watched.searched == [head]  # the second piece starts after the window: never looked for
    # A window reaching the second piece blanks it too.
    assert "2011-01-01" not in story_dates._blank_code_comments(text, [head, tail], [(0, len(text))])


#: The pattern as it was written before, strings and comments in two groups.
_GROUPED = re.compile(
    r"""("[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*')|(//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)|<!--|-->)"""
)


def _grouped(code: str) -> str:
    return _GROUPED.sub(lambda m: m.group(1) if m.group(2) is None else story_dates._blanked(m.group(2)), code)


def test_comments_are_blanked_as_the_grouped_pattern_blanks_them() -> None:
    samples = [
        'a = "x//y"; // c', "b = 'it\\'s' /* c\n d */ e", 'u = "http://x" <!-- y --> z',
        "x /* never closed\n more", "-->", "<!--", 'q = "\\"" // "', "", "no comment here",
        "s = 'a' + \"b\" + 'c'; /* 1 */ /* 2 */ // 3\n'//' + \"/*\"",
    ]
    for code in samples:
        assert story_dates._blank_comments(code) == _grouped(code), code
    # By design, a quote left open on its line now takes the rest of it (see below).
    assert story_dates._blank_comments('"unclosed // c') == '"unclosed // c'
    assert story_dates._blank_comments("'a\\\nb' // c") == "'a\\\nb' // c"


def test_the_text_is_read_again_only_where_something_was_blanked(read, monkeypatch) -> None:
    calls = _counting(monkeypatch, "_headline_date")
    html = page("<title>Bridge vote passes</title>", "<h1>Bridge vote passes</h1><p>June 4, 2023</p>" + _PROSE)
    assert read(html, url="https://news.example.com/bridge-vote/").date_published == "2023-06-04"
    assert calls == [1]  # no comment in code, no neighbour's title: the same text, the same date
    code = "<script>var x = 1; // 2007-05-17 footer</script>"
    html = page("<title>Bridge vote passes</title>", f"<h1>Bridge vote passes</h1>{code}<p>June 4, 2023</p>" + _PROSE)
    assert read(html, url="https://news.example.com/bridge-vote/").date_published == "2023-06-04"
    assert calls == [1, 1, 1]


def test_a_quote_left_open_runs_to_its_lines_end() -> None:
    # Review RV-M (s18): a line of 20,000 `\'` opened a string at every quote, each read to
    # the line's end to fail: quadratic (4.5 s for 40 KB). One open quote now takes the rest
    # of its line, so each character is read once; the next line is read as before.
    line = "var x = " + "\\'" * 20_000 + "; // not blanked: after an open quote"
    code = line + "\n// a comment\nvar y = 'it''s'; /* c */\n"
    first = story_dates._CODE_COMMENT.search(code)
    assert first is not None and first.group() == line[line.index("'"):]
    blanked = story_dates._blank_comments(code)
    lines = blanked.split("\n")
    assert lines[0] == line
    assert lines[1].strip() == "" and len(lines[1]) == len("// a comment")
    assert lines[2] == "var y = 'it''s';        "


def test_a_run_of_escapes_in_a_string_keeps_no_state_per_escape() -> None:
    # `"` then 1 MB of `\/`: the repeated escape group kept a backtracking state for each
    # escape (75 MB peak at 1 MB, 285 MB at 4 MB, review RV-M s18); possessive, none.
    import tracemalloc

    code = 'var u = "' + "\\/" * 500_000 + "\n// after\n"
    tracemalloc.start()
    try:
        blanked = story_dates._blank_comments(code)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert blanked.endswith("\n        \n")
    assert peak < 16 * 2**20, peak
