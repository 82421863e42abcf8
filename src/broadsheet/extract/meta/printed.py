"""Publication dates printed in the text with nothing marking them in the markup.

A last resort for `date_published`, tried only where no element or structured source
states it, in a window around the headline. A date counts only where the text itself says
it is the publication's: after a label ("Veröffentlicht am", "Published:", "Datum:", a
byline's "Von X am"). Dates inside the running text are the story's events; those after
it, related stories'.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Iterator, NamedTuple

from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.words import (
    BY, DATE_LABEL, ON, PUBLISHED, UPDATED, WEEKDAY_ABBREVIATIONS, WEEKDAYS, alternation,
)

#: A label saying the date that follows is the publication's, in the languages news is
#: written in. An update label ("Aktualisiert", "Updated") is not one.
_PUBLISHED_LABEL = re.compile(
    # A post's categories before its date, first: "Posted to News, Games on 9 November 2012"
    # (Movable Type), "Posted in News on May 2, 2012" (one category a link: a line each).
    # `\b` after each "on": " One", " Leave", " only" are none (review RV-D finding 1).
    rf"^[ \t]*(?:posted\s+(?:to|in)\s+(?P<cats>[^\d]{{1,80}}?)\s(?:{alternation(ON)})\b|"
    # A byline with its date: "Von Christian am 03.05.2013", "By Jane Doe on June 4, 2023",
    # "Posted by Jane Doe on ..." (before the verbs alone: its name is told).
    rf"(?:(?:{alternation(PUBLISHED)})\s+)?(?:{alternation(BY)})\s+(?P<name>[^\n\d]{{2,40}}?)\s(?:{alternation(ON)})\b|"
    rf"(?:{alternation(PUBLISHED, ('erstellt',))})(?:\s+(?:{alternation(ON)})\b)?|"
    rf"(?:{alternation(DATE_LABEL)})(?:\s+(?:{alternation(ON)})\b)?|"
    # Blog templates: "This entry was posted on", "Dieser Beitrag wurde am ... veröffentlicht".
    r"this\s+entry\s+was\s+posted(?:\s+on\b)?|dieser\s+(?:beitrag|artikel|eintrag)\s+wurde[^\n\d]{0,12}?\sam\b)[ \t]*:?[ \t]*\n?[ \t]*(?=\S)",
    re.IGNORECASE | re.MULTILINE,
)
#: The words a line opens with where `_PUBLISHED_LABEL` may match it, case-folded: lines
#: are sifted by them before the pattern is tried (on a whole page's text the pattern,
#: tried at every line, cost four times as much).
_LABEL_WORDS = tuple(
    word.casefold() for word in (*PUBLISHED, "erstellt", *DATE_LABEL, "this", "dieser", *BY)
)
#: The first letters of `_LABEL_WORDS`: most lines are passed over on their first.
_LABEL_FIRST = frozenset(word[:1] for word in _LABEL_WORDS)
#: An update label's stems ("Updated March 9, 2014 | Permalink", "Last updated on"): an
#: update date is not the publication's (review RV-D finding 7).
UPDATE_LABEL = _UPDATE = re.compile(alternation(UPDATED), re.IGNORECASE)
#: Characters after a label in which its date must stand.
_LABEL_REACH = 40


def labelled_date(text: str, *, not_after: datetime | None = None, dayfirst: bool = True) -> str | None:
    """The first date that a publication label introduces in `text` (no update label's
    held in a post's categories: "Posted in <a>News</a> Last updated on")."""
    for label in _PUBLISHED_LABEL.finditer(text):
        if label["cats"] is not None and _UPDATE.search(label["cats"]):
            continue
        found = scan_date(text[label.end() : label.end() + _LABEL_REACH], not_after=not_after, dayfirst=dayfirst)
        if found:
            return found
    return None


#: A post footer's permalink: "November 05, 2012 | Permalink", "April 6, 2007 in News |
#: Permalink" (TypePad's and Movable Type's `post-footer`/`entry-footer`, Blogger's classic
#: templates): a line "Permalink" after a separator "|", the post's date on the lines before.
_PERMALINK = re.compile(r"\|[ \t]*\n[ \t]*permalink[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: Characters before a footer's "| Permalink" in which its date must stand (the date, a
#: category after "in").
_PERMALINK_REACH = 80


class DateLine(NamedTuple):
    """A labelled date line (`labelled_dates`): where its label (or a footer's "|") and its
    date's year stand in the text, the date read, and whether the label is a byline's
    ("Posted by Jane Doe on")."""

    label: int
    date: int
    found: str
    byline: bool


#: Words at most on a date line before its date's year and after it ("in Amazon RDS"), not
#: counting a date's own words ("Wed, Oct 24,", "at 5:12 pm": `_line_words`), and in a
#: byline's name ("Jane Doe and John Roe"): a label line is a label, a date and a few
#: words, never a sentence ("Published on March 3, 2001, the report found ...", "By the
#: time the council met at noon on March 3, 2010 the plan was done": review RV-D finding 4).
_WORDS_BEFORE, _WORDS_AFTER, _NAME_WORDS = 3, 3, 4
#: A year, to find the date's place in its window.
_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Words of a written date that are no words of a sentence, not counted toward a line's
#: length (`_line_words`): "the 7th of May", "5 de marzo de 2013", "at 5:12 pm EST", "um
#: 10:30 Uhr", "à 10h30" (review RV-DT finding 3): month and weekday names, numbers with an
#: ordinal's or a time's marks, the particles and the time zones dates are written with.
_DATE_WORDS = frozenset((
    *MONTHS, *WEEKDAYS, *WEEKDAY_ABBREVIATIONS,
    "de", "del", "of", "the", "at", "um", "à", "às", "a", "las", "alle", "ore", "uhr", "h",
    "am", "pm", "a.m", "p.m", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst",
    "pdt", "bst", "cet", "cest", "mez", "mesz", "ist", "jst", "aest", "aedt",
))
_DATE_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|º|ª)?|\d{1,2}[:.h]\d\d(?:h|am|pm)?", re.IGNORECASE)
#: Where a date line's words after its date end: a separator " | " ("by Jane Doe | Leave a
#: comment"), WordPress Kubrick's "and is filed under News." after its date and time.
_LINE_CUT = re.compile(r"\s\|\s|\s+and\s+is\s+filed\s+under\b", re.IGNORECASE)


def _line_words(part: str) -> int:
    """The words of `part` that are no words of a written date (`_DATE_WORDS`)."""
    count = 0
    for word in part.split():
        bare = word.strip(",.;:()[]").casefold()
        if bare and bare not in _DATE_WORDS and not _DATE_NUMBER.fullmatch(bare):
            count += 1
    return count


def labelled_dates(
    text: str, start: int = 0, *, not_after: datetime | None = None, dayfirst: bool | None = True
) -> Iterator[DateLine]:
    """Each short date line after `start` that a publication label introduces ("Posted:
    10.29.2012", "Posted by Jane Doe on May 2, 2012", "Posted to News on 10 November 2012")
    or that a post footer's "| Permalink" closes, in the order of the text. Short: a few
    words on the date's line before and after it (`_WORDS_BEFORE`, `_WORDS_AFTER`), a
    byline's name of a few words; no update label ("Updated", "Last updated on") before the
    date. A date read as two days is none (`_one_day`): by the two orders where `dayfirst`
    is None (the page states no language), or by its dots ("Posted: 10.12.2012": October
    12th on a US blog)."""
    labels = ((m.start(), m.end(), m) for m in _label_lines(text, start))
    footers = ((m.start(), m.start(), None) for m in _PERMALINK.finditer(text, start))
    for where, end, label in sorted((*labels, *footers), key=lambda item: item[:2]):
        if label is None:  # the footer's date: on the last line holding a year before the "|"
            low = max(start, where - _PERMALINK_REACH)
            years = list(_A_YEAR.finditer(text, low, where))
            if not years:
                continue
            low = text.rfind("\n", low, years[-1].start()) + 1
            window = text[low:where]
        else:
            low = end
            window = text[end : end + _LABEL_REACH]
            name = label["name"]
            if name is not None and len(name.split()) > _NAME_WORDS:
                continue
        found = _one_day(window, not_after, dayfirst)
        if not found:
            continue
        year = _A_YEAR.search(window)
        if year is None:
            continue
        at = low + year.start()
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        after = text[at + 4 : where if label is None else line_end]
        if _line_words(_LINE_CUT.split(after, 1)[0]) > _WORDS_AFTER:
            continue
        if _line_words(text[max(low, line_start) if label is None else low : at]) > _WORDS_BEFORE:
            continue
        if _UPDATE.search(text, line_start if label is None else where, at):
            continue
        yield DateLine(where, at, found, label is not None and label["name"] is not None)


#: A plain numeric date with dots ("10.12.2012"): read day first by the parser, month first
#: too by `_one_day` (a US blog's "Posted: 10.12.2012").
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.]\d)")


def _one_day(window: str, not_after: datetime | None, dayfirst: bool | None) -> str | None:
    """The first date in `window` where its readings give one day: in both orders where
    `dayfirst` is None, and with a numeric date's dots read as slashes too ("10.12.2012";
    not "Oct. 12, 2012" or "5. März 2013": review RV-D finding 5). The parser reads dots
    day first whatever the page's habit (`dates._ymd`); a US blog writes "Posted:
    10.12.2012" for October 12th. A reading that finds no date does not count, and the
    days are compared, not their times ("March 5, 2013 at 10.30 am")."""
    orders = (True, False) if dayfirst is None else (dayfirst,)
    slashed = _DOTTED.sub(r"\1/\2/\3", window)
    texts = (window,) if slashed == window else (window, slashed)
    readings = [
        found
        for order in orders
        for text in texts
        if (found := scan_date(text, not_after=not_after, dayfirst=order))
    ]
    return readings[0] if len({found[:10] for found in readings}) == 1 else None


def _label_lines(text: str, start: int) -> Iterator[re.Match[str]]:
    """`_PUBLISHED_LABEL`'s matches on the lines from `start` (a line's start) on, tried only
    on lines that open with one of its words (`_LABEL_WORDS`)."""
    pos = start
    for line in text[start:].split("\n"):
        head = line.lstrip(" \t") if line[:1] in (" ", "\t") else line
        if head[:1].casefold()[:1] in _LABEL_FIRST and head[:24].casefold().startswith(_LABEL_WORDS):
            found = _PUBLISHED_LABEL.match(text, pos)
            if found:
                yield found
        pos += len(line) + 1
