"""The scorer's name sets are read in linear time on long blank runs, and as before (sweep
RX2, s18: the separator pattern was tried at each blank of a run, each time to its end)."""
from __future__ import annotations

import random
import re
import time
from typing import Any

import pytest

from broadsheet.bench import meta

_OLD_SPLIT = re.compile(r"\s*(?:[,;&|/]|\b(?:and|und|et)\b)\s*", re.IGNORECASE)


def _old_name_set(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value] if value else []
    out = set()
    for item in items:
        for part in _OLD_SPLIT.split(str(item)):
            name = meta.normalise(meta._LEADING.sub("", part))
            if name:
                out.add(name)
    return out


def test_name_sets_are_as_before() -> None:
    rng = random.Random(6)
    parts = ["Jane", "Doe", " ", "  ", ",", ";", "&", "|", "/", "and", "und", "et", "Anderson", "\t", "x", "By ", "von", "\n"]
    for _ in range(30_000):
        value = "".join(rng.choice(parts) for _ in range(rng.randint(0, 10)))
        assert meta.name_set(value) == _old_name_set(value), repr(value)
        assert meta.name_set([value, "Jane Doe"]) == _old_name_set([value, "Jane Doe"]), repr(value)


@pytest.mark.timeout(20)
def test_a_long_blank_run_is_read_in_linear_time() -> None:
    started = time.monotonic()
    assert meta.name_set("Jane Doe" + " " * 40_000 + "x") == {"jane doe x"}
    assert time.monotonic() - started < 2
