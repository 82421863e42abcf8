"""Characters that print as nothing, out of extracted text.

A soft hyphen (U+00AD, `&shy;`) marks where a browser may break a long word; German and
Dutch news sites put dozens in a story ("Bundes&shy;regierung"). A zero-width space marks
a break opportunity, a word joiner forbids one, a byte order mark or an invisible math
operator is an editor's leftover. None of them shows on the page, but kept in the record
they split its words: SQLite's unicode61 tokenizer (the corpus search), the near-duplicate
shingles, the language identifier and any tokenizer downstream read "Bundes" and
"regierung", so a search for "Bundesregierung" missed the story. They go, as a reader
copying the text sees it.

Kept: the zero-width joiner and non-joiner (U+200D, U+200C: they change the glyphs, in
emoji sequences and in Persian and Indic words) and the bidirectional marks (U+200E,
U+200F and the embeddings: they change the order right-to-left text is shown in).
"""
from __future__ import annotations

import re

#: Soft hyphen; zero-width space; word joiner and the invisible math operators (U+2060-
#: U+2064); zero-width no-break space / byte order mark.
INVISIBLE = re.compile("[\u00ad\u200b\u2060-\u2064\ufeff]+")


def has_invisible(text: str) -> bool:
    """Whether the text holds a character `INVISIBLE` takes out (ASCII text cannot)."""
    return not text.isascii() and INVISIBLE.search(text) is not None


def drop_invisible(text: str) -> str:
    """The text without the characters that print as nothing (`INVISIBLE`)."""
    if text.isascii():
        return text
    return INVISIBLE.sub("", text)
