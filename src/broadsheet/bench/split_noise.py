"""How far apart two halves of a metadata set score when the halves are drawn by site at
random: the noise floor of a fit/held gap (`broadsheet bench SET --noise N`).

Issue 9 asks each field's held-side score to be within 3 points of its fitting side. A gap
has two causes: rules fitted to the fitting side's pages, and chance (which sites fall on
which side, a few dozen to a few hundred scored pages a side). Drawing many random site
splits of the same scored pages, with the same per-page results, measures chance alone:
every draw mixes fitted and unseen pages alike, so its gap has no fitting in it. A fixed
split's gap well inside that spread says little about fitting; one beyond most draws says
the rules do not carry over.

Only aggregates leave this module: per-site counts go in, a gap's spread comes out, so the
held side's pages are never shown.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class NoiseRow:
    """One field: the fixed split's accuracies and gap, and the random splits' spread."""

    pages_fit: int
    pages_held: int
    acc_fit: float
    acc_held: float
    median: float
    p90: float
    share_as_wide: float
    share_within_3: float

    @property
    def gap(self) -> float:
        return self.acc_fit - self.acc_held

    def row(self, name: str) -> str:
        return (
            f"{name:<15}{self.pages_fit:>5}{self.pages_held:>6} {self.acc_fit:6.1f}% {self.acc_held:6.1f}%"
            f" {self.gap:+6.1f}  {self.median:6.1f} {self.p90:6.1f}  {self.share_as_wide:6.1%} {self.share_within_3:6.1%}"
        )


HEADER = (
    f"{'field':<15}{'fit':>5}{'held':>6} {'fit':>7} {'held':>7} {'gap':>6}"
    f"  {'median':>6} {'90%':>6}  {'>=|gap|':>7} {'<=3':>6}"
)
LEGEND = (
    "fit/held: scored pages and accuracy on each side of the fixed split by site; gap: fit - held.\n"
    "median, 90%: |gap| between the two halves of random splits by site of the same pages (chance alone);\n"
    ">=|gap|: share of random splits at least as far apart as the fixed one; <=3: share within 3 points."
)


def split_noise(
    per_site: dict[str, tuple[int, int]], fit_sites: set[str], draws: int = 10000, seed: int = 9
) -> NoiseRow | None:
    """The noise row of one field from `per_site` (site -> (right pages, scored pages)) and
    the fixed split's fitting side (`fit_sites`); `draws` random splits, each site on either
    side with even odds (as the fixed split's hash puts it). None where a side of the fixed
    split has no scored page (no gap to judge)."""
    if draws < 1:
        raise ValueError(f"draws must be 1 or more, not {draws}")
    sites = sorted(s for s, (_, n) in per_site.items() if n)
    fit = [s for s in sites if s in fit_sites]
    held = [s for s in sites if s not in fit_sites]
    if not fit or not held:
        return None
    acc_fit, n_fit = _accuracy(per_site, fit)
    acc_held, n_held = _accuracy(per_site, held)
    observed = abs(acc_fit - acc_held)
    rng = random.Random(seed)
    gaps: list[float] = []
    while len(gaps) < draws:
        sides = [rng.random() < 0.5 for _ in sites]
        a = [s for s, side in zip(sites, sides) if side]
        b = [s for s, side in zip(sites, sides) if not side]
        if a and b:  # a draw leaving one side empty has no gap: drawn again
            gaps.append(abs(_accuracy(per_site, a)[0] - _accuracy(per_site, b)[0]))
    gaps.sort()
    # A gap as wide as the fixed one, to rounding (equal gaps of equal counts differ in the
    # last bits of a float).
    as_wide = sum(g >= observed - 1e-9 for g in gaps) / draws
    return NoiseRow(
        pages_fit=n_fit,
        pages_held=n_held,
        acc_fit=acc_fit,
        acc_held=acc_held,
        median=_quantile(gaps, 0.5),
        p90=_quantile(gaps, 0.9),
        share_as_wide=as_wide,
        share_within_3=sum(g <= 3 + 1e-9 for g in gaps) / draws,
    )


def _accuracy(per_site: dict[str, tuple[int, int]], sites: list[str]) -> tuple[float, int]:
    right = sum(per_site[s][0] for s in sites)
    scored = sum(per_site[s][1] for s in sites)
    return (100 * right / scored if scored else 0.0), scored


def _quantile(ordered: list[float], q: float) -> float:
    return ordered[round(q * (len(ordered) - 1))]
