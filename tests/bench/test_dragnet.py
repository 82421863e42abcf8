"""The two-pass profile bench: each page scored alone and with its site's profile, learned
from the site's other pages."""
import gzip
import json
from pathlib import Path

import pytest

from broadsheet.bench import aeb, dragnet
from broadsheet.cli import main
from tests.conftest import shared_path

ABOUT = (
    "<div class='about'><p>I write about gardens, soil and the weather here every week, and I have done "
    "so since the spring of two thousand and nine, mostly on Sundays.</p>"
    "<p>Before that I kept an allotment for twenty years, which is where most of my stories come from, "
    "and where I still spend most of my weekends with a spade.</p></div>"
)


def page(site: str, n: int, own: str) -> str:
    links = "".join(f"<li><a href='/tag/{i}'>Tagged with plant number {i}</a></li>" for i in range(12))
    return (
        f"<html><head><link rel='canonical' href='https://{site}/p/{n}'><title>Post {n}</title></head><body>"
        f"<div class='main'><h1>Post {n}</h1><div class='entry'>{own}</div><ul class='tags'>{links}</ul></div>"
        f"<div class='side'>{ABOUT}</div></body></html>"
    )


def make_set(folder: Path, sites: tuple[str, ...] = ("garden.example", "allotment.example")) -> None:
    """Two sites, five posts each: short posts, a long repeated "about me" box beside them."""
    (folder / "html").mkdir(parents=True)
    truth = {}
    for site in sites:
        for n in range(5):
            own = f"<p>Post {n} of {site}: a photo of the new greenhouse, finished at last.</p>"
            pid = f"{site}-{n}"
            (folder / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page(site, n, own).encode()))
            truth[pid] = {"articleBody": f"Post {n} of {site}: a photo of the new greenhouse, finished at last.", "url": ""}
    (folder / "ground-truth.json").write_text(json.dumps(truth))


def test_profiles_learned_from_other_pages_are_scored(tmp_path: Path) -> None:
    make_set(tmp_path)
    result = dragnet.run_profiles(aeb.load_dataset(tmp_path), timing=False)
    assert result.plain.pages == 10 and result.plain_subset.pages == 10 and result.sites == 2
    assert result.plain.f1 < 0.5 < 0.99 < result.profiled.f1  # alone the about box wins; with a profile the post
    assert set(result.sites_of.values()) == {"garden.example", "allotment.example"}
    lines = result.lines()
    assert lines[0].startswith("without profiles") and "F1 gain" in lines[5]
    assert "gained" in dragnet.changes(result, {p.page_id: p for p in aeb.load_dataset(tmp_path)}, 3)


def test_pages_with_a_profile_are_reported_by_side_of_the_split_by_site(tmp_path: Path) -> None:
    make_set(tmp_path, sites=("garden.example", "blog.example"))
    assert dragnet.site_side("garden.example") == "held" and dragnet.site_side("blog.example") == "fit"
    assert dragnet.site_side(None) is None
    result = dragnet.run_profiles(aeb.load_dataset(tmp_path), timing=False)
    (fit_alone, fit_with), (held_alone, held_with) = result.sides["fit"], result.sides["held"]
    assert fit_alone.pages == held_alone.pages == 5 and fit_with.f1 > 0.99 > 0.5 > fit_alone.f1
    assert [line.split()[0] for line in result.lines()[6:8]] == ["fit", "held"]
    fit_line = result.lines()[6]
    assert f"precision {fit_alone.precision:.4f} -> {fit_with.precision:.4f}" in fit_line
    assert f"recall {fit_alone.recall:.4f} -> {fit_with.recall:.4f}" in fit_line
    assert f"empty {fit_alone.empty} -> {fit_with.empty}" in fit_line
    pages = {p.page_id: p for p in aeb.load_dataset(tmp_path)}
    listed = dragnet.changes(result, pages, 10, side="fit")
    assert "blog.example" in listed and "garden.example" not in listed
    with pytest.raises(ValueError, match="sides fit, held"):
        dragnet.changes(result, pages, 10, side="a")


def test_a_site_with_too_few_pages_gets_no_profile(tmp_path: Path) -> None:
    make_set(tmp_path)
    result = dragnet.run_profiles(aeb.load_dataset(tmp_path), min_pages=5, timing=False)
    assert result.plain_subset.pages == 0 and result.profiled.f1 == result.plain.f1


def test_bench_command_with_profiles(tmp_path: Path, capsys) -> None:
    make_set(tmp_path)
    assert main(["bench", str(tmp_path), "--profiles", "--half", "a"]) == 0
    out = capsys.readouterr().out
    assert "without profiles" in out and "with profiles" in out and "cost per page" in out


def test_bench_command_lists_one_side_of_the_split_with_profiles(tmp_path: Path, capsys) -> None:
    make_set(tmp_path, sites=("garden.example", "blog.example"))
    assert main(["bench", str(tmp_path), "--profiles", "--side", "fit", "--worst", "10"]) == 0
    out = capsys.readouterr().out
    assert "blog.example-" in out and "garden.example-" not in out
    assert main(["bench", str(tmp_path), "--side", "fit"]) == 2  # without --profiles a body-text set takes --half
    assert "--side and --split are for metadata sets and --profiles" in capsys.readouterr().err


@pytest.mark.shared
def test_profiles_raise_dragnet_f1() -> None:
    """Leave-one-out on Dragnet's training pages: the floor under what profiles gain."""
    folder = shared_path("bench", "dragnet-train")
    result = dragnet.run_profiles(aeb.load_dataset(folder), timing=False)
    assert result.plain_subset.pages > 400
    # The gain shrinks where the plain path learns to find what only a profile found: the
    # slideshows read from their captions (1523574) took +0.0141 to +0.0116 with the
    # profiled F1 as it was. So the profiled F1 itself has a floor too.
    assert result.profiled_subset.f1 - result.plain_subset.f1 >= 0.011, "\n".join(result.lines())
    assert result.profiled.f1 - result.plain.f1 >= 0.006, "\n".join(result.lines())
    assert result.profiled_subset.f1 >= 0.932 and result.profiled.f1 >= 0.924, "\n".join(result.lines())
