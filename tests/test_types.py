"""The type check: `mypy --strict src/` must pass (configured in pyproject.toml's [tool.mypy]).

Run as a test so that `make test` (and so CI) fails on a type error like on any other
regression. mypy keeps its cache in .mypy_cache at the repository root: a fresh checkout
pays for one full check, later runs re-check only the modules that changed.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.typecheck


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed: pip install -e '.[dev]' to run the type check")
@pytest.mark.timeout(600)
def test_mypy_strict_passes_on_src() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "src/"],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    report = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, f"mypy --strict src/ found type errors:\n{report}"
