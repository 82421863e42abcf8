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

from broadsheet.extract.meta.dates import scan_date
from broadsheet.extract.meta.words import BY, DATE_LABEL, ON, PUBLISHED, alternation

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


def labelled_date(text: str, *, not_after: datetime | None = None, dayfirst: bool = True) -> str | None:
    """The first date that a publication label introduces in `text`."""
    for label in _PUBLISHED_LABEL.finditer(text):
        found = scan_date(text[label.end() : label.end() + _LABEL_REACH], not_after=not_after, dayfirst=dayfirst)
        if found:
            return found
    return None
