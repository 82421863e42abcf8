"""One JSON Lines line per value, safe for every reader of lines.

`json.dumps(..., ensure_ascii=False)` leaves U+2028, U+2029 and U+0085 raw: valid JSON, but
`str.splitlines()` and JavaScript line readers break a record there (review R9: 2 records
read as 11 lines). They are written as escapes, which every JSON reader decodes back.
Kept apart from `corpus.export` so that commands which only print lines (extract, search)
need not import pyarrow.
"""
from __future__ import annotations

import json
from typing import Any

#: Line breaks to JavaScript and `str.splitlines()` that JSON text may hold raw.
LINE_BREAKS = ("\u2028", "\u2029", "\u0085")


def json_line(value: Any) -> str:
    """`value` as one JSON Lines line (UTF-8 text as it is, newline at the end)."""
    text = json.dumps(value, ensure_ascii=False)
    for mark in LINE_BREAKS:
        if mark in text:
            text = text.replace(mark, f"\\u{ord(mark):04x}")
    return text + "\n"


__all__ = ["LINE_BREAKS", "json_line"]
