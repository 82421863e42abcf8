"""Publication dates printed in the text with nothing marking them in the markup.

The last resorts for `date_published`, tried only where no element or structured source
states it. A date counts only where the text itself says it is the publication's: after a
label ("Veröffentlicht am", "Published:", "Datum:", a byline's "Von X am"), or opening or closing the story as a
line of its own (a dateline: "01.02.2022 – Der Arbeitsmarkt ...", "21.01.2022 - 13:30").
Dates inside the running text are the story's events; those after it, related stories'.
"""
from __future__ import annotations

import re
from datetime import datetime

from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.words import BY, DATE_LABEL, ON, PUBLISHED, UPDATED, alternation

#: A label saying the date that follows is the publication's, in the languages news is
#: written in. An update label ("Aktualisiert", "Updated") is not one.
_PUBLISHED_LABEL = re.compile(
    rf"^[ \t]*(?:(?:{alternation(PUBLISHED, ('erstellt',))})(?:\s+(?:{alternation(ON)}))?|"
    rf"(?:{alternation(DATE_LABEL)})(?:\s+(?:{alternation(ON)}))?|"
    # Blog templates: "This entry was posted on", "Dieser Beitrag wurde am ... veröffentlicht".
    r"this\s+entry\s+was\s+posted(?:\s+on)?|dieser\s+(?:beitrag|artikel|eintrag)\s+wurde[^\n\d]{0,12}?\sam|"
    # A byline with its date: "Von Christian am 03.05.2013", "By Jane Doe on June 4, 2023".
    rf"(?:{alternation(BY)})\s+[^\n\d]{{2,40}}?\s(?:{alternation(ON)}))[ \t]*:?[ \t]*\n?[ \t]*(?=\S)",
    re.IGNORECASE | re.MULTILINE,
)
#: Characters after a label in which its date must stand.
_LABEL_REACH = 40
#: A line this short that holds a date is a dateline, not a sentence mentioning one.
_DATELINE_CHARS = 40
#: Paragraphs at the story's end where its date is printed.
_END_PARAGRAPHS = 2
_MODIFIED = re.compile(alternation(UPDATED), re.IGNORECASE)


def labelled_date(text: str, *, not_after: datetime | None = None, dayfirst: bool = True) -> str | None:
    """The first date that a publication label introduces in `text`."""
    for label in _PUBLISHED_LABEL.finditer(text):
        found = scan_date(text[label.end() : label.end() + _LABEL_REACH], not_after=not_after, dayfirst=dayfirst)
        if found:
            return found
    return None


def story_date(text: str, *, not_after: datetime | None = None, dayfirst: bool = True) -> str | None:
    """The date a story's extracted text prints as its own: a dateline opening its first
    paragraph, else a labelled date or a date line of its own in its last paragraphs."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        return None
    opening = scan_date(paragraphs[0][:_DATELINE_CHARS], not_after=not_after, dayfirst=dayfirst)
    if opening:
        return opening
    for paragraph in paragraphs[-_END_PARAGRAPHS:]:
        for line in paragraph.split("\n"):
            if len(line) > _DATELINE_CHARS or _MODIFIED.search(line):
                continue
            found = labelled_date(line, not_after=not_after, dayfirst=dayfirst)
            if found is None and line[:1].isdigit():
                found = scan_date(line, not_after=not_after, dayfirst=dayfirst)
            if found:
                return found
        found = labelled_date(paragraph, not_after=not_after, dayfirst=dayfirst)
        if found:
            return found
    return None
