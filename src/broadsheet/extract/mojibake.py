"""Mojibake repaired: UTF-8 text that a page's own pipeline read as Windows-1252 once.

A site that stores or templates its text twice over shows "NBCâ€™s" for "NBC’s",
"donâ€™t", "Ã©tÃ©" for "été", and that is what the page's bytes hold: no decoding of the
page can undo it. ftfy (made for exactly this, and what NLP corpora run) can: it re-reads
such runs where they are certainly mojibake and leaves real text alone ("Café", "São
Paulo", French guillemets). Its check costs 2 ms or more for 10 KB, more than extracting a
page; a pattern of what mojibake must hold (`STRONG`: a UTF-8 lead byte read as Windows-1252,
Â to ô, followed by one of the characters Windows-1252 gives its continuation bytes) rules
out nearly every text in a few microseconds first, and ftfy is imported only when one is
found.
"""
from __future__ import annotations

import re

#: The characters Windows-1252 gives the bytes 0x80-0xBF (UTF-8's continuation bytes):
#: 0xA0-0xBF as themselves, 0x80-0x9F as € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ
#: (and the five it leaves undefined, as Latin-1 reads them).
_CONTINUATION = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
#: The continuation characters that also stand after a real letter: closing quotes, dashes,
#: an ellipsis, a bullet, a no-break space, guillemets, a middle dot ("“AMANHÃ”" is
#: Portuguese, "„VIÐ“" Icelandic, "2×‘x’" a formula; „ and ‚ open a quote, so they are not
#: here). A text whose only suspects are such pairs is left alone: ftfy reads "Ã”" as "Ô"
#: and "Ð“" as "Г".
_AFTER_LETTERS = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u2022\xa0\xab\xbb\u2039\u203a\xb7"
#: A suspect no real text holds: a lead character, then a continuation character that is
#: none of `_AFTER_LETTERS` ("Ã©", "â€", "Â´"); or one of those inside a word, after a
#: lead that is a letter ("ESPAÃ‘A", "CORAZÃ“N", "Ã–sterreich": a closing quote or dash
#: ends a word); or after "Â", which ends no word ("Â«", "Â»", "Â·"); or "Ã" and a no-break
#: space ("cittÃ\xa0" is "città"). Not "Ã" and a dash after a letter, nor "Ã" and a no-break
#: space after a capital: Portuguese words end in "Ã" ("AMANHÃ—HOJE", "CAPITÃ\xa0AMÉRICA").
_AFTER_WORD = _AFTER_LETTERS.translate({ord(c): None for c in "\u2013\u2014\xa0"})
STRONG = re.compile(
    f"[\xc2-\xf4](?:(?![{_AFTER_LETTERS}])[{_CONTINUATION}]|(?=[{_AFTER_LETTERS}])"
    f"(?:(?<=[\xc2-\xd6\xd8-\xf4])(?:[{_AFTER_WORD}]|(?<![^\\W\\d_]\xc3)[\u2013\u2014\xa0])(?=[^\\W\\d_])|"
    f"(?<=\xc2)[{_AFTER_LETTERS}]|(?<![A-Z\xc0-\xde]\xc3)(?<=\xc3)\xa0))"
)
#: Past this many characters a text is left as it is: ftfy reads 0.4-4 MB a second.
MAX_REPAIR_CHARS = 200_000
#: ... and past this many in all, the rest of a page's blocks (`extract.clean`).
MAX_PAGE_REPAIR_CHARS = 400_000


def suspect(text: str) -> bool:
    """Whether the text may hold mojibake worth ftfy's look (`STRONG`)."""
    return not text.isascii() and STRONG.search(text) is not None


def repair_mojibake(text: str) -> str:
    """The text with its mojibake repaired by ftfy (`ftfy.fix_encoding`), where the cheap
    pattern finds a strong suspect; the text itself otherwise (and past MAX_REPAIR_CHARS)."""
    if len(text) > MAX_REPAIR_CHARS or not suspect(text):
        return text
    import ftfy  # 40 ms to import: only for a page that needs it

    return ftfy.fix_encoding(text)
