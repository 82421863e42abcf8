"""A long class/id string is told a date's name or not in linear time (audit RX item 3,
task FX-RX): `\\w*-?date` ran from every '_' through the rest of the word (quadratic:
about 0.023 s for a 2 KB word before, over 30 s for these 1,400)."""
import time

import pytest

from broadsheet.extract.meta.dom import _names_date


@pytest.mark.timeout(20)
def test_long_underscored_class_strings_are_linear():
    started = time.monotonic()
    assert not any(_names_date(f"{i}{'_x' * 1010} .xdate") for i in range(1400))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("names", "is_date"),
    [
        ("post-date", True), ("entry_date", True), ("pubdate", True), ("xdate", True), ("meta_xdate_y", True),
        ("up-date", True), ("date-modified", False), ("candidate", True), ("x_candidate", True), ("updated", False),
        ("datetime", True), ("validate_form", True), ("time", True),
    ],
)
def test_date_names_are_told_as_before(names, is_date):
    assert _names_date(names) is is_date
