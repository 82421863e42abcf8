"""Per-field floors on the held side of the meta-dev sets (split by site: `--side held`),
just under the figures measured there, so that a regression fails CI. Spurious rates have
ceilings just over ours (all at or under the best published tool's on the same pages).

The held side is for reporting, not fitting: read its aggregate scores, never its pages.
Needs ../shared (skipped with the reason where absent). Figures: `broadsheet bench
../shared/bench/meta-dev/<set> --side held`.
"""
from __future__ import annotations

import pytest

from broadsheet.bench.meta import load_truth, predict, score_set, split_sites
from tests.conftest import shared_path

#: set -> field -> lowest acceptable accuracy (%) on the held side.
FLOORS: dict[str, dict[str, float]] = {
    "trafilatura": {
        "title": 86.0, "authors": 69.0, "date_published": 92.5, "description": 57.0,
        "section": 40.5, "tags": 67.0,
    },
    "htmldate": {"date_published": 95.0},
    "readability": {"title": 74.0, "authors": 63.0, "description": 67.0, "site_name": 92.0, "language": 93.0},
}
#: set -> field -> highest acceptable spurious rate (%) on the held side.
CEILINGS: dict[str, dict[str, float]] = {
    "trafilatura": {"authors": 8.5, "date_published": 60.5, "description": 63.5, "section": 25.0, "tags": 18.0},
}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_side_floors(name: str) -> None:
    folder = shared_path("bench", "meta-dev", name)
    truth = load_truth(folder)
    ids = split_sites(truth, "held")
    predictions, _, _ = predict(folder, ids, truth)
    scores = score_set({i: truth[i] for i in ids}, predictions)
    low = []
    for field, floor in FLOORS[name].items():
        fs = scores[field]
        acc = 100 * fs.right / fs.scored
        if acc < floor:
            low.append(f"{field} {acc:.1f}% < {floor}%")
    for field, ceiling in CEILINGS.get(name, {}).items():
        fs = scores[field]
        spur = 100 * fs.spurious / fs.absent
        if spur > ceiling:
            low.append(f"{field} spurious {spur:.1f}% > {ceiling}%")
    assert not low, f"{name} held side: " + "; ".join(low)
