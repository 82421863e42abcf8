"""Characters that print as nothing, out of extracted text.

A soft hyphen (U+00AD, `&shy;`) marks where a browser may break a long word; German and
Dutch news sites put dozens in a story ("Bundes&shy;regierung"). A word joiner forbids a
break; a byte order mark or an invisible math operator is an editor's leftover; a
zero-width space alone on a line or beside a blank or a stop marks nothing. None of them
shows on the page, but kept in the record they split its words: SQLite's unicode61
tokenizer (the corpus search), the near-duplicate shingles, the language identifier and
any tokenizer downstream read "Bundes" and "regierung", so a search for "Bundesregierung"
missed the story. They go, as a reader copying the text sees it.

Kept: the zero-width joiner and non-joiner (U+200D, U+200C: they change the glyphs, in
emoji sequences and in Persian and Indic words), the bidirectional marks (U+200E, U+200F
and the embeddings: they change the order right-to-left text is shown in), and a
zero-width space between two other characters (a word boundary, see `INVISIBLE`).
"""
from __future__ import annotations

import re

#: Soft hyphen; word joiner and the invisible math operators (U+2060-U+2064); zero-width
#: no-break space / byte order mark; and a zero-width space beside a blank, an ASCII
#: punctuation mark or a line's end. Between two other characters a zero-width space stays:
#: Thai, Lao, Khmer and Burmese write it as their only word boundary, pages use it for a
#: space ("Visit\u200bour\u200bsite"), and SQLite's unicode61 tokenizer splits words there
#: (review RV1 D4).
_ALWAYS = "\u00ad\u2060-\u2064\ufeff"
INVISIBLE = re.compile(
    f"[{_ALWAYS}]+|(?:^|(?<=[\\s!-/:-@\\[-`{{-~]))\u200b+|\u200b+(?=[\\s!-/:-@\\[-`{{-~]|$)", re.MULTILINE
)


#: Any character INVISIBLE may take: one plain class, searched first (INVISIBLE's line-start
#: and lookbehind alternatives cost 15 times as much a character, 0.13 ms a page on AEB).
_ANY = re.compile(f"[{_ALWAYS}\u200b]")


def has_invisible(text: str) -> bool:
    """Whether the text holds a character `INVISIBLE` takes out (ASCII text cannot)."""
    return not text.isascii() and _ANY.search(text) is not None and INVISIBLE.search(text) is not None


def drop_invisible(text: str) -> str:
    """The text without the characters that print as nothing (`INVISIBLE`)."""
    if not has_invisible(text):
        return text
    return INVISIBLE.sub("", text)
