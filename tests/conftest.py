"""Shared test helpers: where the development data lives, and a marker to skip without it."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test with the reason if it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data {path} is absent (tests marked 'shared' need ../shared)")
    return path
