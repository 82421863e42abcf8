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
from typing import Iterator

from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.words import BY, DATE_LABEL, ON, PUBLISHED, alternation

#: A label saying the date that follows is the publication's, in the languages news is
#: written in. An update label ("Aktualisiert", "Updated") is not one.
_PUBLISHED_LABEL = re.compile(
    # A post's categories before its date, first: "Posted to News, Games on 9 November 2012"
    # (Movable Type), "Posted in News on May 2, 2012" (one category a link: a line each).
    rf"^[ \t]*(?:posted\s+(?:to|in)\s+[^\d]{{1,80}}?\s(?:{alternation(ON)})|"
    rf"(?:{alternation(PUBLISHED, ('erstellt',))})(?:\s+(?:{alternation(ON)}))?|"
    rf"(?:{alternation(DATE_LABEL)})(?:\s+(?:{alternation(ON)}))?|"
    # Blog templates: "This entry was posted on", "Dieser Beitrag wurde am ... veröffentlicht".
    r"this\s+entry\s+was\s+posted(?:\s+on)?|dieser\s+(?:beitrag|artikel|eintrag)\s+wurde[^\n\d]{0,12}?\sam|"
    # A byline with its date: "Von Christian am 03.05.2013", "By Jane Doe on June 4, 2023".
    rf"(?:{alternation(BY)})\s+[^\n\d]{{2,40}}?\s(?:{alternation(ON)}))[ \t]*:?[ \t]*\n?[ \t]*(?=\S)",
    re.IGNORECASE | re.MULTILINE,
)
#: The words a line opens with where `_PUBLISHED_LABEL` may match it, case-folded: lines
#: are sifted by them before the pattern is tried (on a whole page's text the pattern,
#: tried at every line, cost four times as much).
_LABEL_WORDS = tuple(
    word.casefold() for word in (*PUBLISHED, "erstellt", *DATE_LABEL, "this", "dieser", *BY)
)
#: Characters after a label in which its date must stand.
_LABEL_REACH = 40


def labelled_date(text: str, *, not_after: datetime | None = None, dayfirst: bool = True) -> str | None:
    """The first date that a publication label introduces in `text`."""
    for label in _PUBLISHED_LABEL.finditer(text):
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


def labelled_dates(
    text: str, start: int = 0, *, not_after: datetime | None = None, dayfirst: bool | None = True
) -> Iterator[tuple[int, str]]:
    """(where, date) of each date after `start` that a publication label introduces
    ("Posted: 10.29.2012", "Posted by Jane Doe on May 2, 2012", "Posted to News on 10
    November 2012") or that a post footer's "| Permalink" closes, in the order of the text:
    `where` is the label's (or the "| Permalink"'s) position in `text`. A date read as two
    days is none (`_one_day`): by the two orders where `dayfirst` is None (the page states
    no language), or by its dots ("Posted: 10.12.2012": October 12th on a US blog)."""
    labels = ((m.start(), m.end(), False) for m in _label_lines(text, start))
    footers = ((m.start(), m.start(), True) for m in _PERMALINK.finditer(text, start))
    for where, end, before in sorted((*labels, *footers)):
        if before:
            window = text[max(start, where - _PERMALINK_REACH) : where]
        else:
            window = text[end : end + _LABEL_REACH]
        found = _one_day(window, not_after, dayfirst)
        if found:
            yield where, found


def _one_day(window: str, not_after: datetime | None, dayfirst: bool | None) -> str | None:
    """The first date in `window` where its reading is one day: in both orders where
    `dayfirst` is None, and with its dots read as slashes too. The parser reads dots day
    first whatever the page's habit (`dates._ymd`); a US blog writes "Posted: 10.12.2012"
    for October 12th."""
    orders = (True, False) if dayfirst is None else (dayfirst,)
    days = {
        scan_date(text, not_after=not_after, dayfirst=order)
        for order in orders
        for text in (window, window.replace(".", "/"))
    }
    return days.pop() if len(days) == 1 else None


def _label_lines(text: str, start: int) -> Iterator[re.Match[str]]:
    """`_PUBLISHED_LABEL`'s matches on the lines from `start` (a line's start) on, tried only
    on lines that open with one of its words (`_LABEL_WORDS`)."""
    pos = start
    for line in text[start:].split("\n"):
        head = line.lstrip(" \t") if line[:1] in (" ", "\t") else line
        if head[:24].casefold().startswith(_LABEL_WORDS):
            found = _PUBLISHED_LABEL.match(text, pos)
            if found:
                yield found
        pos += len(line) + 1
