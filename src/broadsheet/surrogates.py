"""Lone surrogates out of text: one rule for every place text enters or is written.

A lone surrogate (half a UTF-16 pair) is what `json.loads` makes of a JSON "\\ud800" escape
and `surrogateescape` of a byte that is not UTF-8. No UTF-8 text (SQLite, Arrow, a UTF-8
file) can hold one: one in a page's JSON-LD title ended a whole ingest (review R6). Each
becomes U+FFFD, as the HTML standard has a parser do for a character reference to one.
"""
from __future__ import annotations

import re
from typing import Any

#: Half a UTF-16 pair.
LONE = re.compile("[\ud800-\udfff]")


def whole(value: Any) -> Any:
    """A str with each lone surrogate replaced by U+FFFD; anything else as it is."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return LONE.sub("\ufffd", value)
    return value


def whole_value(value: Any) -> Any:
    """`whole` through lists, tuples and mappings (keys too): a JSON-typed value made storable."""
    if isinstance(value, str):
        return whole(value)
    if isinstance(value, (list, tuple)):
        return type(value)(whole_value(item) for item in value)
    if isinstance(value, dict):
        return {whole(key): whole_value(item) for key, item in value.items()}
    return value


__all__ = ["LONE", "whole", "whole_value"]
