"""Metadata mode of `broadsheet bench`: the meta-dev README's scoring rules, split, report."""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pytest

from broadsheet.bench.meta import (
    day,
    main,
    name_set,
    norm_url,
    normalise,
    registrable_host,
    score_field,
    score_set,
    select,
    set_f1,
    site_keys,
    split_ids,
    split_sites,
    token_f1,
)
from broadsheet.errors import InputError
from tests.conftest import shared_path


def test_normalise() -> None:
    assert normalise("  Ｔhe  „Big“ News!  ") == "the big news"
    assert normalise("Straße — 2023") == "strasse 2023"


def test_name_sets_split_and_drop_by() -> None:
    assert name_set(["Von Roland Brockmann und Sebastian Drescher"]) == {"roland brockmann", "sebastian drescher"}
    assert name_set("By Jane Doe & John Roe") == {"jane doe", "john roe"}
    assert name_set(["APA/AP"]) == {"apa", "ap"}
    assert name_set([]) == set() and name_set(None) == set()


def test_days_urls_and_f1() -> None:
    assert day("2023-06-04T23:30:00-05:00") == "2023-06-04"
    assert day("2022-11-1") == "2022-11-01"
    assert day("no date") is None
    assert norm_url("https://www.Example.com:443/a/b/#x") == "example.com/a/b"
    assert token_f1("the big news", "big news today") == pytest.approx(2 / 3)
    assert set_f1({"a", "b"}, {"a"}) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("field", "truth", "pred", "right"),
    [
        ("title", "The Big News", "the big news!", True),
        ("title", "The Big News", "The Big News | Site", False),
        ("title", "The Big News", None, False),
        ("authors", ["Jane Doe", "John Roe"], ["John Roe", "Jane Doe"], True),
        ("authors", ["Jane Doe"], [], False),
        ("date_published", "2023-06-04", "2023-06-04T23:59:00-05:00", True),
        ("date_published", "2023-06-04", "2023-06-05T01:00:00+02:00", False),
        ("language", "de", "de-AT", True),
        ("image", "http://www.example.com/a.jpg", "https://example.com/a.jpg", True),
        ("section", ["Politik"], "politik", True),
    ],
)
def test_score_field(field: str, truth, pred, right: bool) -> None:
    assert score_field(field, truth, pred)[0] is right


def test_score_set_counts_coverage_and_spurious() -> None:
    truth = {
        "a": {"title": "One", "absent": ["authors"]},
        "b": {"title": "Two", "authors": ["X Y"]},
        "c": {"absent": ["title", "authors"]},
    }
    preds = {"a": {"title": "One", "authors": ["Z"]}, "b": {"title": None, "authors": ["X Y"]}, "c": {"title": "Spurious", "authors": []}}
    scores = score_set(truth, preds)
    assert (scores["title"].scored, scores["title"].right, scores["title"].covered) == (2, 1, 1)
    assert (scores["title"].absent, scores["title"].spurious) == (1, 1)
    assert (scores["authors"].scored, scores["authors"].right, scores["authors"].absent, scores["authors"].spurious) == (1, 1, 2, 1)


def test_split_is_fixed_disjoint_and_splits_even_hashes() -> None:
    ids = [f"page-{i}" for i in range(400)]
    a, b = split_ids(ids, "a"), split_ids(ids, "b")
    assert set(a).isdisjoint(b) and set(a) | set(b) == set(ids)
    assert a == split_ids(ids, "a") and 150 < len(a) < 250
    # ids whose plain SHA-1 all start with an even byte (like meta-dev's) still split
    even = [i for i in ids if hashlib.sha1(i.encode()).digest()[0] % 2 == 0]
    assert split_ids(even, "a") and split_ids(even, "b")


def test_registrable_host() -> None:
    assert registrable_host("https://www.news.example.co.uk/a/b") == "example.co.uk"
    assert registrable_host("http://blog.example.com/x") == "example.com"
    assert registrable_host("https://someone.blogspot.com/2020/01/x.html") == "someone.blogspot.com"
    assert registrable_host("http://example.org") == "example.org"
    assert registrable_host(None) == "" and registrable_host("not a url") == ""


def test_site_split_keeps_each_host_on_one_side() -> None:
    truth = {f"p{i}": {"url": f"https://www{i % 3}.site{i % 40}.example/story-{i}"} for i in range(400)}
    fit, held = split_sites(truth, "fit"), split_sites(truth, "held")
    assert set(fit).isdisjoint(held) and set(fit) | set(held) == set(truth)
    assert 100 < len(fit) < 300 and fit == split_sites(truth, "fit")
    keys = site_keys(truth)
    assert {keys[i] for i in fit}.isdisjoint({keys[i] for i in held})
    # the same URL in another set falls on the same side
    other = {"x": {"url": truth[fit[0]]["url"]}, "y": {"url": truth[held[0]]["url"]}}
    assert split_sites(other, "fit") == ["x"]


def test_site_split_of_placeholder_urls_goes_by_the_id_stem() -> None:
    truth = {name: {"url": "http://fakehost/test/page.html"} for name in ("news-1", "news-2", "blog", "wiki-3")}
    assert site_keys({"a": {"url": "https://x.example/1"}, "b": {"url": "https://x.example/2"}}) == {"a": "x.example", "b": "x.example"}
    keys = site_keys(truth)
    assert keys == {"news-1": "news", "news-2": "news", "blog": "blog", "wiki-3": "wiki"}
    with pytest.raises(InputError):
        split_sites(truth, "middle")


def test_select_by_half_side_or_all() -> None:
    truth = {f"p{i}": {"url": f"https://site{i}.example.org/a"} for i in range(50)}
    ns = argparse.Namespace
    assert select(truth, ns(half=None, side=None, split=None))[0] == sorted(truth)
    assert select(truth, ns(half="a", side=None, split=None))[0] == split_ids(sorted(truth), "a")
    assert select(truth, ns(half=None, side="held", split=None))[0] == split_sites(truth, "held")
    assert select(truth, ns(half=None, side="held", split="id"))[0] == split_ids(sorted(truth), "b")
    with pytest.raises(InputError):
        select(truth, ns(half="a", side="fit", split=None))
    with pytest.raises(InputError):
        select(truth, ns(half=None, side=None, split="site"))


def _dataset(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    article = (
        "<html lang=en><head><meta property='og:title' content='Hello world'>"
        "<meta property='article:published_time' content='2023-06-04T10:00:00+02:00'></head>"
        "<body><article><h1>Hello world</h1><p class=byline>By Jane Doe</p><p>"
        + "Words of the story, more words of the story. " * 10
        + "</p></article></body></html>"
    )
    (tmp_path / "pages" / "p1.html").write_text(article, encoding="utf-8")
    (tmp_path / "pages" / "p2.html").write_text("<html><body><p>nothing</p></body></html>", encoding="utf-8")
    truth = {
        "p1": {"url": "https://x.example/a", "title": "Hello world", "authors": ["Jane Doe"], "date_published": "2023-06-04"},
        "p2": {"url": "https://x.example/b", "title": "Something", "absent": ["authors", "date_published"]},
    }
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_main_prints_the_table(tmp_path: Path, capsys) -> None:
    folder = _dataset(tmp_path)
    assert main(folder, argparse.Namespace(half=None, worst=3)) == 0
    out = capsys.readouterr().out
    assert "2 pages" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line and line.split()[0] in ("title", "authors", "date_published")}
    assert rows["title"][1:3] == ["2", "50.0%"]
    assert rows["authors"][1:3] == ["1", "100.0%"]
    assert rows["date_published"][1:3] == ["1", "100.0%"]
    assert "pages/s" in out and "metadata" in out
    assert "title: misses" in out and '"Something"' in out


def test_main_on_one_half(tmp_path: Path, capsys) -> None:
    folder = _dataset(tmp_path)
    main(folder, argparse.Namespace(half="a", worst=0))
    first = capsys.readouterr().out
    main(folder, argparse.Namespace(half="b", worst=0))
    second = capsys.readouterr().out
    counts = [int(text.split(":")[1].split()[0]) for text in (first, second)]
    assert sum(counts) == 2


def test_main_on_one_side_of_the_site_split(tmp_path: Path, capsys) -> None:
    folder = _dataset(tmp_path)  # both pages on one host: one side holds both
    counts = []
    for side in ("fit", "held"):
        main(folder, argparse.Namespace(half=None, side=side, split=None, worst=0))
        out = capsys.readouterr().out
        assert f"{side} side (split by site)" in out
        counts.append(int(out.split(":")[1].split()[0]))
    assert sorted(counts) == [0, 2]


@pytest.mark.shared
def test_readability_set_scores_sensibly(capsys) -> None:
    folder = shared_path("bench", "meta-dev", "readability")
    main(folder, argparse.Namespace(half=None, worst=0))
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:] if line.split() and not line[0].isdigit()}
    assert float(rows["title"][2].rstrip("%")) >= 50
    assert float(rows["language"][2].rstrip("%")) >= 90
