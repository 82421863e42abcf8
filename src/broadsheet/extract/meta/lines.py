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
    AND, AUTHOR, BY, ON, WEEKDAY_ABBREVIATIONS, WEEKDAYS, WITH, WRITTEN_BY, alternation,
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
    return _locate_inside(text, headlines)


def _locate_inside(text: str, headlines: list[str]) -> int:
    """`locate_headline` where no headline stands as a line of its own."""
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
        line = f"\n{headline}\n"
        pos = text.find(line)
        while pos >= 0 and len(starts) < limit:
            starts.append(pos + 1)
            if len(starts) == limit:
                break  # no search of the rest of the text for a start that is not taken
            pos = text.find(line, pos + 1)
        if starts:
            return starts
    # None stands as a line of its own (looked for just now, unless `limit` kept it out).
    pos = _locate_inside(text, headlines) if limit > 0 else locate_headline(text, headlines)
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
        # The window's lines by one split, not `_lines` (a search and two finds a line: most
        # are short, and only a long one can be prose); a blank line, which `_lines` skips,
        # is no prose however long.
        line_start = pos
        for line in text[pos:end].split("\n"):
            if _is_prose(line) and not line.isspace():
                prose += 1
                if prose == _PROSE_LINES:
                    # Its opening words may be a dateline: "01.02.2022 – Der Arbeitsmarkt ...".
                    end = line_start + _DATELINE_CHARS
                    break
            line_start += len(line) + 1
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
#: A line that goes on with the sentence of the line before it: one opening with a possessive
#: ("’s report"), or in lower case where what it says reads as prose (`_reads_as_prose`).
#: A comma after the name goes on a byline as often (", dpa", ", 12:30 Uhr"): reading it
#: as a sentence's lost two right authors on the trafilatura set's held side (68.8 -> 67.4%).
_POSSESSIVE = re.compile(r"^['’]s\b")
_MONTH = alternation(m for m in MONTHS if len(m) >= 3)
#: Words a line may end on where the next line (a link, most often) is their object: "as
#: told to" <a>Y</a>, "with" <a>Y</a>, "via" <a>Reuters</a>, "in" <a>News</a>.
_OPEN_END = re.compile(
    rf"(?:^|\s)(?:{alternation(ON, AND, BY, WITH, ('in', 'of', 'to', 'from', 'via', 'as', 'for', 'für', 'pour', 'para', 'aus', 'de', 'du', 'des', 'à', 'desde', 'the', 'a', 'an', 'la', 'les', 'los', 'las', 'der', 'die', 'das', 'dem'))})$|[,;&]$",
    re.IGNORECASE,
)
#: How many lines after a label line's names make the tail `_reads_as_prose` reads.
_TAIL_LINES = 6
#: A byline's tail that is prose: a comma and a clause of three lower-case words after it
#: ("for the committee, the report finds"), a sentence's full stop after a lower-case word
#: ("updated the report with new figures."), or a relative pronoun or a verb of saying
#: opening it ("who leads the lab", "says the river").
_CLAUSE = re.compile(
    r",\s+(?-i:[a-zß-ÿ])[^\s,]*\s+(?-i:[a-zß-ÿ])[^\s,]*\s+(?-i:[a-zß-ÿ])|(?<!\w)(?-i:[a-zß-ÿ])[^\W\d_]{2,}\.$|"
    r"^(?:who|whose|which|that|says|said|writes|wrote|explains|argues|sagt|schreibt|dit|écrit|dice|escribe)\b",
    re.IGNORECASE,
)
#: The words of a tail that `_reads_as_prose` counts: words of letters in lower case (prose's;
#: not the names of the places, outlets or categories a byline's tail links), not a date's.
_TAIL_WORD = re.compile(r"(?<!\S)(?-i:[a-zß-ÿ])[^\s\d]*(?!\S)")
_NOT_COUNTED = re.compile(
    rf"(?:{_MONTH}|{alternation(WEEKDAYS, WEEKDAY_ABBREVIATIONS)}|[ap]\.?m\.?|uhr|h)[.,]?",
    re.IGNORECASE,
)
#: More counted words than this in a tail is prose: a byline's tail says where the writer
#: is, for whom, with whom, when ("in Kyiv", "last updated 5 hours ago", "mit Material von
#: dpa", "mis à jour le 4 juin 2023", WordPress's "in" <a>Good Science</a>, <a>News and
#: Reviews</a>).
_TAIL_WORDS = 6
#: ... and a tail longer than this (a paragraph of its own) is, without reading it.
_TAIL_CHARS = 300
#: A line that only joins two names, each in an element of its own ("Jane Doe", "and",
#: "John Roe").
_JOINING_LINE = re.compile(rf"^(?:{alternation(AND)}|&|,)$", re.IGNORECASE)


def _goes_on(lines: list[str], at: int) -> bool:
    """Whether the line at `at` goes on with the sentence of the line before it: a
    possessive ("’s team"), or a line in lower case that, with the lines that go on with
    it, reads as prose (`_reads_as_prose`). A byline's short tail in lower case does not:
    "in Kyiv", "last updated 5 hours ago", "with" <a>Y</a>, "as told to" <a>Y</a>, "via"
    <a>Reuters</a>, "aus Berlin", "mit Material von dpa", "à Bruxelles", "avec AFP", "desde
    Bruselas" (review RV-M3 finding 2: an allow-list of the tails refused them)."""
    line = lines[at]
    if line[:1].islower():
        return _reads_as_prose(_tail(lines, at))
    return _POSSESSIVE.match(line) is not None


def _tail(lines: list[str], at: int) -> str:
    """The line at `at` and those that go on with it: a line after one ending on a
    preposition, an article or a separator (`_OPEN_END`), or one opening in lower case or
    with punctuation; `_TAIL_LINES` at most."""
    parts = [lines[at]]
    for nxt in lines[at + 1 : at + _TAIL_LINES]:
        last = parts[-1]
        if not (_OPEN_END.search(last, max(0, len(last) - 16)) or nxt[:1].islower() or nxt[:1] in ",;:.’'&|"):
            break
        parts.append(nxt)
    return " ".join(parts)


def _reads_as_prose(tail: str) -> bool:
    """Whether a byline's tail in lower case is a sentence's: a clause (`_CLAUSE`), more than
    `_TAIL_WORDS` words in lower case not counting a date's, or more than `_TAIL_CHARS`."""
    if len(tail) > _TAIL_CHARS or _CLAUSE.search(tail):
        return True
    count = 0
    for word in _TAIL_WORD.finditer(tail):
        if not _NOT_COUNTED.fullmatch(word.group()):
            count += 1
            if count > _TAIL_WORDS:
                return True
    return False


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
    if at + 1 < len(lines) and _goes_on(lines, at + 1):
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
