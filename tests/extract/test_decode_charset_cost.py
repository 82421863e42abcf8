"""A Content-Type or <meta> charset with a long run of spaces is read in linear time.

Found by the FX-RX follow-up to audit RX (s18): `charset\\s*=\\s*["']?\\s*` split a run of
spaces between its two `\\s*` every way before failing: "charset=" and 32,000 spaces took
9.8 s, once per WARC record (whose headers may hold 32 KB)."""
from __future__ import annotations

import re
import time

import pytest

from broadsheet.extract.decode import declared_charset, normalise_label


#: The pattern as it was, the reference for what the header gives on ordinary values.
_BEFORE = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_:.()+-]+)""", re.IGNORECASE)


@pytest.mark.parametrize(
    "value",
    [
        "text/html; charset=utf-8",
        "text/html; charset = 'ISO-8859-1'",
        'text/html;charset= " windows-1252"',
        "text/html; CHARSET=Shift_JIS",
        "text/html",
        "text/html; charset=",
        "text/html; charset=  ;",
    ],
)
def test_the_header_charset_is_read_as_before(value: str) -> None:
    m = _BEFORE.search(value)
    expected = normalise_label(m.group(1)) if m else None
    name, where = declared_charset(b"<html><body>x</body></html>", {"Content-Type": value})
    assert (name if where == "http" else None) == expected


@pytest.mark.timeout(20)
def test_a_header_charset_of_spaces_is_linear() -> None:
    value = "text/html; charset=" + " " * 60_000 + ";"
    started = time.monotonic()
    name, where = declared_charset(b"<html><body>x</body></html>", {"Content-Type": value})
    assert time.monotonic() - started < 2
    assert where != "http" and name is None

