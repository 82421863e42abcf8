"""Reading the page's text around the headline: the last resorts for a byline or a date
that no element names as such.

The text comes from `page.PageText` (one text node per line). A headline may stand on
several lines (a skip link, a breadcrumb, the <h1>); each is a starting point. What the
scans read ends where the story's prose begins: dates and names farther on belong to the
story's events, related articles or comments.
"""
from __future__ import annotations

import re
from typing import Iterator

from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.words import (
    AND, AUTHOR, BY, ON, PUBLISHED, UPDATED, WEEKDAY_ABBREVIATIONS, WEEKDAYS, WRITTEN_BY, alternation,
)

_NOT_SPACE = re.compile(r"\S")

#: How far around the headline a dateline is looked for in the page text; a line this
#: long is prose.
_SCAN_BEFORE, _SCAN_AFTER, _PROSE_LINE = 200, 3000, 160
#: The search ends at the second line of prose: a standfirst may come before the dateline,
#: the story's second paragraph does not.
_PROSE_LINES = 2
#: How much of the prose line that ends the scan is read: a dateline opening a paragraph.
_DATELINE_CHARS = 24
#: Characters of a headline's start that locate it when inline markup split it up.
_HEAD_PREFIX = 24


def _lines(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, str]]:
    r"""(start, line) of each line from `pos` to `endpos` that holds more than whitespace (the
    first from `pos` itself), as `[^\n]*\S[^\n]*` matches them, in linear time: that
    pattern tries every start in a run of blanks and reads the rest of the line from each
    (a 64 KB line of spaces, as a script blanked out by `page.blank_out`, took 11 s)."""
    end_at = len(text) if endpos is None else min(endpos, len(text))
    while pos < end_at:
        found = _NOT_SPACE.search(text, pos, end_at)
        if found is None:
            return
        first = found.start()
        start = max(pos, text.rfind("\n", pos, first) + 1)
        end = text.find("\n", first, end_at)
        if end < 0:
            end = end_at
        yield start, text[start:end]
        pos = end + 1


def locate_headline(text: str, headlines: list[str]) -> int:
    """Where a headline stands as a line of its own in the page text (as an <h1> does),
    else where one first occurs (a script or breadcrumb may repeat it), else -1."""
    for headline in headlines:
        pos = text.find(f"\n{headline}\n")
        if pos >= 0:
            return pos + 1
    for headline in headlines:
        pos = text.find(headline)
        if pos >= 0:
            return pos
    # Inline markup splits a headline over lines: its opening words still stand together.
    for headline in headlines:
        if len(headline) >= 2 * _HEAD_PREFIX:
            pos = text.find(f"\n{headline[:_HEAD_PREFIX]}")
            if pos >= 0:
                return pos + 1
    return -1


def headline_lines(text: str, headlines: list[str], limit: int = 3) -> list[int]:
    """Where the headline stands on a line of its own, at most `limit` times (a skip link,
    a breadcrumb, the <h1>); else where it or its opening words first occur; else []."""
    starts: list[int] = []
    for headline in headlines:
        pos = text.find(f"\n{headline}\n")
        while pos >= 0 and len(starts) < limit:
            starts.append(pos + 1)
            pos = text.find(f"\n{headline}\n", pos + 1)
        if starts:
            return starts
    pos = locate_headline(text, headlines)
    return [pos] if pos >= 0 else []


def _is_prose(line: str) -> bool:
    """A long line of running text (a script's code, also long, has braces and semicolons)."""
    return len(line) >= _PROSE_LINE and sum(map(line.count, "{};=")) <= 1


def text_near_headline(text: str, headlines: list[str]) -> str:
    """The page text from just before each place the headline stands to where the story's
    prose begins (the top of the page if the headline is not found).

    A page that marks its date nowhere still prints it by the headline; dates farther on
    belong to the story's events, related articles or comments.
    """
    pieces = []
    for pos in headline_lines(text, headlines) or [0]:
        end = pos + _SCAN_AFTER
        prose = 0
        for line_start, line in _lines(text, pos, end):
            if _is_prose(line):
                prose += 1
                if prose == _PROSE_LINES:
                    # Its opening words may be a dateline: "01.02.2022 – Der Arbeitsmarkt ...".
                    end = line_start + _DATELINE_CHARS
                    break
        pieces.append(text[max(0, pos - _SCAN_BEFORE) : end])
    return "\n".join(pieces)


#: A line of page text that is a byline: "By Jane Doe", "von Daniela Obers", "Par X".
_BYLINE_LINE = re.compile(
    rf"^(?:(?:written |posted |reported )?by|{alternation(w for w in BY if w not in ('by', 'di', 'da'))}|"
    r"(?-i:di|da)|texte?\s*:|text von|"
    rf"(?:{alternation(AUTHOR)})\s*:)\s+(?-i:(?=[A-ZÀ-ÝА-Я]))(?P<rest>.{{3,80}})$",
    re.IGNORECASE,
)
#: A label line whose next line is the name: "Von:", "Autor", "Author:".
_BYLINE_LABEL = re.compile(
    rf"^[|•·\-–—]?\s*(?:{alternation(BY, AUTHOR, WRITTEN_BY, ('text', 'texte'))})\s*:?$",
    re.IGNORECASE,
)
#: How many non-empty lines after the headline may hold its byline.
_BYLINE_LINES = 15
#: A line that goes on with the sentence of the line before it: one opening in lower case
#: ("and her team at the lab", "who leads") or with a possessive ("’s report"). Not one
#: that goes on a byline as a byline's template does (`_STILL_BYLINE`). A comma after the
#: name goes on a byline as often (", dpa", ", 12:30 Uhr"): reading it as a sentence's lost
#: two right authors on the trafilatura set's held side (68.8 -> 67.4%).
_POSSESSIVE = re.compile(r"^['’]s\b")
_MONTH = alternation(m for m in MONTHS if len(m) >= 3)
#: A date or time opening a line: a digit, a month or a weekday (a short one only before a
#: day or a month: "Fri, June 4"; "Sun" is also a word of names).
_DATE_START = (
    rf"(?:\d|(?:{_MONTH})\.?(?:\s+\d|$)|(?:{alternation(WEEKDAYS)})\b|"
    rf"(?:{alternation(WEEKDAY_ABBREVIATIONS)})\.?,?\s+(?:\d|(?:{_MONTH})\b))"
)
#: The lower-case lines that go on a byline, not a sentence, after the name(s): a date's
#: "on"/"am"/"le" and the date ("on June 4, 2020", "on Fri, June 4, 2021"), or the word
#: alone before the date's element; WordPress's "in" alone before the categories' links
#: ("Posted by <a>X</a> in <a>News</a>"); a time ago ("vor 2 Stunden", "hace 3 horas", "il
#: y a 3 heures", as `authors._NAME_END` reads them); an update's or publication's verb
#: before a date or alone ("updated 5:30 pm", "publié le 4 juin 2023", "aktualisiert am
#: 4. Juni"); the outlet the writer wrote for, alone before its link or named in capitals
#: to the line's end ("for <a>MailOnline</a>", "for The Washington Post", "pour Le
#: Monde"); a credit for the reporting of others ("with reporting from <a>Y</a>", "with
#: additional reporting by"). Lines opening so and going on as a sentence ("for the
#: committee, the report finds") stay sentences (review RV-M finding 2).
_STILL_BYLINE = re.compile(
    rf"^(?:(?:{alternation(ON)})\s+(?:{_DATE_START}|[^\W\d_]{{3,}}\.?,?\s+\d)|"
    rf"(?:{alternation(ON, ('in',))})$|"
    r"(?:hace|vor|il\s+y\s+a|há|fa)\s+\d|"
    rf"(?:(?:{alternation(UPDATED)})[\w-]*|{alternation(PUBLISHED)})\b[\s:]*"
    rf"(?:$|(?:(?:{alternation(ON)}|hace|vor|il\s+y\s+a)\s+)?{_DATE_START})|"
    r"(?:for|für|pour|para)(?:$|\s+(?:(?:the|die|der|das|le|la|les|el|los|las)\s+)?"
    r"(?-i:[A-Z][\w.&'’-]*)(?:\s+(?-i:[A-Z][\w.&'’-]*)){0,3}\.?$)|"
    r"(?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\b)",
    re.IGNORECASE,
)
#: A line that only joins two names, each in an element of its own ("Jane Doe", "and",
#: "John Roe").
_JOINING_LINE = re.compile(rf"^(?:{alternation(AND)}|&|,)$", re.IGNORECASE)


def _goes_on(line: str) -> bool:
    """Whether a line goes on with the sentence of the line before it (`_STILL_BYLINE`)."""
    if line[:1].islower():
        return _STILL_BYLINE.match(line) is None
    return _POSSESSIVE.match(line) is not None


def _names_after_label(lines: list[str], i: int) -> str | None:
    """The names on the lines after a label line (`lines[i]`): one line of at most 60
    characters, or several joined by lines of a joining word ("Jane Doe", "and", "John
    Roe"), where the line after them does not go on with their sentence (`_goes_on`). A
    label line is as often the start of a sentence broken up by a link ("Written by
    <a>Jane Doe</a> and her team at the lab ...") as a label: only a label and names
    alone make a byline (review FX12)."""
    at = i + 1
    if at >= len(lines) or len(lines[at]) > 60:
        return None
    names = [lines[at]]
    while at + 2 < len(lines) and _JOINING_LINE.match(lines[at + 1]) and len(lines[at + 2]) <= 60:
        names += lines[at + 1 : at + 3]
        at += 2
    if at + 1 < len(lines) and _goes_on(lines[at + 1]):
        return None
    return " ".join(names)


def bylines_near_headline(text: str, headlines: list[str], labelled: bool = True) -> list[str]:
    """Lines after the headline that read as bylines ("By Jane Doe") or that follow a
    "Von:" / "Autor" label (not with `labelled` False), in order. A headline may stand on
    several lines (a skip link, a breadcrumb, the <h1>): the lines after each of its first
    three are read."""
    starts = headline_lines(text, headlines)
    found: list[str] = []
    for start in starts:
        lines = []
        for _, chunk in _lines(text, start):
            lines.append(chunk.strip())
            if len(lines) > _BYLINE_LINES:
                break
        for i, line in enumerate(lines[1:], start=1):
            if _BYLINE_LINE.match(line):
                found.append(line)
            elif labelled and _BYLINE_LABEL.match(line):
                names = _names_after_label(lines, i)
                if names is not None:
                    found.append(names)
    return found
