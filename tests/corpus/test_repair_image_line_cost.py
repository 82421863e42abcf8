"""`repair`'s image-URL line pattern is linear on a long line and matches as before (sweep
RX2, s18: the lazy search for an extension ran to the line's end from each candidate)."""
from __future__ import annotations

import random
import re
import time

import pytest

from broadsheet.corpus import repair

_OLD_IMAGE = re.compile(r"^https?://\S+?(?:\.(?:jpe?g|png|gif|webp|avif)(?:[?#]\S*)?|/img/\S*)$", re.I)


def test_image_lines_match_as_before() -> None:
    rng = random.Random(5)
    parts = ["https://", "http://", "x.org", "/img/", ".jpg", ".jpeg", ".PNG", "?", "#", "a", " ", "/", ".webp", "0"]
    for _ in range(30_000):
        line = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        assert bool(_OLD_IMAGE.match(line)) == bool(repair._IMAGE.match(line)), repr(line)


@pytest.mark.timeout(20)
def test_a_long_line_of_extensions_is_read_in_linear_time() -> None:
    line = "https://" + "0.jpeg#0" * 32_000 + " x"  # 256 KB; the old pattern: about 45 s
    started = time.monotonic()
    assert repair._IMAGE.match(line) is None
    assert repair._IMAGE.match(line[:-2]) is not None
    assert time.monotonic() - started < 2
