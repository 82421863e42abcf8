"""benchmarks/meta_vs_peers.py: each peer's output mapped onto our fields, scored by the same scorer.

Runs on small pages written here (not ../shared); the peer-specific tests are skipped where
the peer (an optional bench dependency) is not installed.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "benchmarks" / "meta_vs_peers.py"


def _load():
    spec = importlib.util.spec_from_file_location("meta_vs_peers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


mvp = _load()

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the report: the council met on Tuesday evening and talked at length "
    f"about the new bridge, its cost, the years of delay and what the town wants next.</p>"
    for i in range(8)
)
ARTICLE = f"""<!doctype html>
<html lang="en"><head>
<title>Bridge vote delayed again | Example Gazette</title>
<meta name="author" content="Jane Doe">
<meta name="description" content="The council put off the bridge vote once more.">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2023-06-04T10:00:00+02:00">
<meta property="article:section" content="Local">
</head><body>
<header><a href="/">Example Gazette</a></header>
<article><h1>Bridge vote delayed again</h1>{PARAGRAPHS}</article>
<footer>Contact us</footer>
</body></html>"""
NO_AUTHOR = ARTICLE.replace('<meta name="author" content="Jane Doe">\n', "")


def test_trafilatura_mapping_renames_fields_and_drops_empty_values() -> None:
    got = mvp.from_trafilatura({
        "title": " A Title ", "author": "Jane Doe; John Roe", "date": "2023-06-04",
        "description": "", "sitename": "Gazette", "categories": ["Local", ""], "tags": [],
        "hostname": "example.com", "text": "body",
    })
    assert got == {"title": "A Title", "authors": "Jane Doe; John Roe", "date_published": "2023-06-04",
                   "site_name": "Gazette", "section": ["Local"]}
    assert mvp.from_trafilatura(None) == {}
    # the scorer splits trafilatura's joined author string into the same names as a list
    assert mvp.meta.score_field("authors", ["John Roe", "Jane Doe"], got["authors"])[0] is True


def test_trafilatura_on_a_page_puts_the_author_into_authors() -> None:
    pytest.importorskip("trafilatura", reason="trafilatura is an optional bench dependency")
    mvp.quiet_peers()
    got = mvp.trafilatura_predict(ARTICLE.encode(), "https://example.com/2023/bridge")
    assert got["authors"] == "Jane Doe"
    assert got["date_published"].startswith("2023-06-04")
    assert got["site_name"] == "Example Gazette"
    assert set(got) <= set(mvp.TRAFILATURA_FIELDS.values())
    assert "authors" not in mvp.trafilatura_predict(NO_AUTHOR.encode(), "https://example.com/b")


def test_htmldate_gives_the_day_only() -> None:
    pytest.importorskip("htmldate", reason="htmldate is an optional bench dependency (comes with trafilatura)")
    mvp.quiet_peers()
    assert mvp.htmldate_predict(ARTICLE.encode(), "https://example.com/bridge") == {"date_published": "2023-06-04"}
    assert mvp.htmldate_predict(b"<html><body><p>no date here</p></body></html>", None) == {}


def test_readability_short_title_and_title() -> None:
    pytest.importorskip("readability", reason="readability-lxml is an optional bench dependency")
    assert mvp.readability_predict(ARTICLE.encode(), None) == {"title": "Bridge vote delayed again"}
    assert mvp.readability_predict(ARTICLE.encode(), None, short=False) == {"title": "Bridge vote delayed again | Example Gazette"}
    assert mvp.readability_predict(b"<html><body><p>x</p></body></html>", None, short=False) == {}


def _set(tmp_path: Path) -> Path:
    """A three-page metadata set: truth for title/authors, one page whose authors are absent."""
    (tmp_path / "pages").mkdir()
    truth = {
        "p1": {"url": "https://example.com/1", "title": "Bridge vote delayed again", "authors": ["Jane Doe"]},
        "p2": {"url": "https://example.com/2", "title": "Bridge vote delayed again", "absent": ["authors"]},
        "p3": {"url": "https://example.com/3", "title": "Bridge vote delayed again", "authors": ["Jane Doe"]},
    }
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    for page_id in truth:
        (tmp_path / "pages" / f"{page_id}.html").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_crashes_spurious_values_and_dashes(tmp_path: Path) -> None:
    folder = _set(tmp_path)
    truth = mvp.meta.load_truth(folder)

    def fake(html: bytes, url: str | None) -> dict:
        if url.endswith("/3"):
            raise ValueError("boom")
        return {"authors": "By Jane Doe"}

    tool = mvp.Tool("fake", frozenset({"authors"}), fake)
    result = mvp.run_tool(tool, folder, sorted(truth), truth)
    assert result.crashes == ["p3 ValueError"] and result.predictions["p3"] == {}
    assert result.timed_pages == 2

    other = mvp.Tool("titles", frozenset({"title"}), lambda html, url: {"title": "Bridge vote delayed again"})
    results = {"fake": result, "titles": mvp.run_tool(other, folder, sorted(truth), truth)}
    scores = mvp.score(truth, results)
    authors = scores["fake"]["authors"]
    # p1 right, p3 crashed (a miss), p2 lists authors as absent and got one: spurious
    assert (authors.scored, authors.right, authors.absent, authors.spurious) == (2, 1, 1, 1)
    assert scores["titles"]["title"].right == 3

    lines = mvp.table(scores, [tool, other])
    title_row = next(line for line in lines if line.startswith("title"))
    authors_row = next(line for line in lines if line.startswith("authors"))
    assert title_row.split("|")[1].split() == ["-", "-"]  # "fake" gives no title: a dash, not 0%
    assert authors_row.split("|")[1].split() == ["50.0%", "100.0%"]
    assert authors_row.split("|")[0].split() == ["authors", "2", "1"]


def test_ratio_against_the_best_peer() -> None:
    ours = mvp.meta.FieldScore(scored=10, right=9)
    peer_a = mvp.meta.FieldScore(scored=10, right=6)
    peer_b = mvp.meta.FieldScore(scored=10, right=3)
    scores = {"broadsheet": {"title": ours}, "a": {"title": peer_a}, "b": {"title": peer_b}}
    tools = [mvp.BROADSHEET, mvp.Tool("a", frozenset({"title"}), None), mvp.Tool("b", frozenset({"title"}), None)]
    assert mvp.best_peer(scores, tools, "title") == ("a", 0.6)
    row = mvp.ratios(scores, tools)[1].split()
    assert row[0] == "title" and row[-1] == "1.50x" and row[-2] == "(a)"


def test_main_skips_or_refuses_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert mvp.main([str(tmp_path / "missing")]) == 2
    assert "is not a metadata set" in capsys.readouterr().err
