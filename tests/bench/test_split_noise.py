"""`broadsheet bench SET --noise N`: a fixed split's gap beside random splits by site."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.bench.meta import site_keys, split_sites
from broadsheet.bench.split_noise import split_noise
from broadsheet.cli import EXIT_USAGE, main


def test_sites_alike_give_no_gap_and_every_random_split_is_as_wide() -> None:
    per_site = {f"s{i}.example": (1, 2) for i in range(20)}
    row = split_noise(per_site, {f"s{i}.example" for i in range(10)}, draws=200)
    assert row is not None
    assert (row.acc_fit, row.acc_held, row.gap) == (50.0, 50.0, 0.0)
    assert (row.pages_fit, row.pages_held) == (20, 20)
    assert row.median == row.p90 == 0.0
    assert row.share_as_wide == 1.0 and row.share_within_3 == 1.0


def test_a_gap_no_random_split_reaches_is_rare() -> None:
    # Every fitting-side site right, every other wrong: the fixed split is the widest there
    # is, and random splits (which mix both kinds) are almost never as far apart.
    per_site = {f"f{i}.example": (3, 3) for i in range(30)} | {f"h{i}.example": (0, 3) for i in range(30)}
    row = split_noise(per_site, {f"f{i}.example" for i in range(30)}, draws=2000)
    assert row is not None
    assert row.gap == 100.0
    assert row.share_as_wide < 0.01
    assert 0 < row.median < row.p90 < 100
    assert "+100.0" in row.row("authors")


def test_draws_are_repeatable_and_counted() -> None:
    per_site = {f"s{i}.example": (i % 3, 3) for i in range(12)}
    fit = {f"s{i}.example" for i in range(0, 12, 2)}
    assert split_noise(per_site, fit, draws=300, seed=4) == split_noise(per_site, fit, draws=300, seed=4)
    with pytest.raises(ValueError, match="draws must be 1 or more"):
        split_noise(per_site, fit, draws=0)


def test_no_row_where_a_side_has_no_scored_page() -> None:
    per_site = {"a.example": (1, 1), "b.example": (0, 0)}
    assert split_noise(per_site, {"a.example"}) is None  # b's side scores no page
    assert split_noise(per_site, {"a.example", "b.example"}) is None


def _dataset(tmp_path: Path) -> Path:
    """Ten sites, a page each: a title and an author that extraction finds on every page."""
    (tmp_path / "pages").mkdir()
    truth = {}
    for i in range(10):
        page = (
            f"<html><head><title>Story {i}</title><meta name=author content='Jane Doe'></head><body>"
            f"<article><h1>Story {i}</h1><p class=byline>By Jane Doe</p><p>"
            + "Words of the story, more words of the story. " * 10
            + "</p></article></body></html>"
        )
        (tmp_path / "pages" / f"p{i}.html").write_text(page, encoding="utf-8")
        truth[f"p{i}"] = {"url": f"https://site{i}.example/a", "title": f"Story {i}", "authors": ["Jane Doe"]}
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_the_cli_prints_aggregates_only(tmp_path: Path, capsys) -> None:
    folder = _dataset(tmp_path)
    truth = json.loads((folder / "truth.json").read_text())
    assert 0 < len(split_sites(truth, "fit")) < 10  # both sides hold sites
    assert len(set(site_keys(truth).values())) == 10
    assert main(["bench", str(folder), "--noise", "200"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()}
    assert rows["title"][3:6] == ["100.0%", "100.0%", "+0.0"]
    assert rows["authors"][3:6] == ["100.0%", "100.0%", "+0.0"]
    assert "10 pages; 200 random splits by site" in out
    assert not any(f"p{i}" in out.split() for i in range(10))  # no page is named


@pytest.mark.parametrize("extra, says", [
    (["--side", "held"], "drop --side, --half and --split"),
    (["--half", "a"], "drop --side, --half and --split"),
    (["--worst", "3"], "drop --worst"),
    (["--noise", "0"], "needs at least 200 random splits"),
    (["--noise", "199"], "needs at least 200 random splits"),
])
def test_the_cli_refuses_what_would_show_pages_or_mean_nothing(tmp_path: Path, capsys, extra, says) -> None:
    folder = _dataset(tmp_path)
    args = ["bench", str(folder), "--noise", "200", *extra] if extra[0] != "--noise" else ["bench", str(folder), *extra]
    assert main(args) == EXIT_USAGE
    assert says in capsys.readouterr().err


def test_the_cli_refuses_noise_on_a_body_text_set(tmp_path: Path, capsys) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth.json").write_text("{}")
    assert main(["bench", str(tmp_path), "--noise", "200"]) == EXIT_USAGE
    assert "--noise is for metadata sets" in capsys.readouterr().err


def test_sites_go_to_either_side_with_even_odds() -> None:
    # One right site and three wrong, a page each: of the 14 two-sided assignments, 8 put
    # the halves 50 points apart or more (the right site alone, or with one other). Odds
    # of 0.2 a side would give 0.45 (review RV1).
    per_site = {"a": (1, 1), "b": (0, 1), "c": (0, 1), "d": (0, 1)}
    row = split_noise(per_site, {"a", "b"}, draws=20000)
    assert row is not None and row.gap == 50.0
    assert abs(row.share_as_wide - 8 / 14) < 0.02


def test_accuracy_is_pooled_over_pages_not_sites() -> None:
    per_site = {"big": (10, 10), "s1": (0, 1), "s2": (0, 1), "h": (1, 2)}
    row = split_noise(per_site, {"big", "s1", "s2"}, draws=10)
    assert row is not None
    assert round(row.acc_fit, 4) == round(100 * 10 / 12, 4)  # not (100 + 0 + 0) / 3
    assert row.acc_held == 50.0


def test_quantiles_and_the_within_3_share_count_their_edges() -> None:
    # Two sites of one page each, one right: every split is 100 apart.
    row = split_noise({"a": (1, 1), "b": (0, 1)}, {"a"}, draws=50)
    assert row is not None
    assert (row.median, row.p90, row.share_as_wide, row.share_within_3) == (100.0, 100.0, 1.0, 0.0)
    # Sites 3 points apart at most: each split's gap is at most 3, and counts as within.
    per_site = {f"s{i}": (97 + i % 4, 100) for i in range(8)}
    row = split_noise(per_site, {f"s{i}" for i in range(4)}, draws=500)
    assert row is not None and row.share_within_3 == 1.0 and row.p90 <= 3


def _uneven_dataset(tmp_path: Path) -> Path:
    """Ten sites, a page each; the truth's title is right on the fitting side's pages only."""
    folder = _dataset(tmp_path)
    truth = json.loads((folder / "truth.json").read_text())
    fit = set(split_sites(truth, "fit"))
    for page_id, entry in truth.items():
        if page_id not in fit:
            entry["title"] = "Something else"
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_the_cli_gives_fit_and_held_their_own_scores(tmp_path: Path, capsys) -> None:
    folder = _uneven_dataset(tmp_path)
    truth = json.loads((folder / "truth.json").read_text())
    fit, held = len(split_sites(truth, "fit")), len(split_sites(truth, "held"))
    assert main(["bench", str(folder), "--noise", "200"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.split()}
    assert rows["title"][1:6] == [str(fit), str(held), "100.0%", "0.0%", "+100.0"]
