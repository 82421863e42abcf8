"""Each golden page's metadata is the reviewed expected file beside it (see golden.py)."""
from __future__ import annotations

import json

import pytest

from .golden import cases, metadata, render, url_of

CASES = list(cases())


def test_every_golden_page_has_expected_metadata() -> None:
    assert len(CASES) >= 10, "golden pages not found"
    missing = [name for name, _, expected in CASES if not expected.is_file()]
    assert not missing, f"run `python -m tests.extract.meta.golden` and review for {missing}"


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_golden_page_metadata(name, source, expected) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = json.loads(render(metadata(source, url_of(expected))))
    assert got == want, name
