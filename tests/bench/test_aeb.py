"""The body-text metric matches the article-extraction-benchmark's definition."""
import gzip
import json

import pytest

from broadsheet.bench import aeb
from tests.conftest import shared_path


def test_identical_text_is_perfect() -> None:
    s = aeb.score_page("p", "One two three four five six.", "One two three four five six!")
    assert (s.tp, s.fp, s.fn, s.exact) == (1.0, 0.0, 0.0, True)


def test_shingles_are_multisets_of_four_tokens() -> None:
    assert sum(aeb.shingles(aeb.tokens("a b c d e")).values()) == 2
    assert aeb.shingles(aeb.tokens("a b")) == {("a", "b"): 1}
    assert aeb.shingles([]) == {}


def test_partial_overlap_is_normalised() -> None:
    tp, fp, fn = aeb.match("a b c d e f", "a b c d x y")
    # true shingles: abcd bcde cdef; pred: abcd bcdx cdxy -> 1 shared, 2 extra, 2 missed
    assert (tp, fp, fn) == pytest.approx((0.2, 0.4, 0.4))


def test_precision_skips_empty_predictions_recall_counts_them() -> None:
    scores = [aeb.score_page("a", "w x y z", "w x y z"), aeb.score_page("b", "w x y z", "")]
    summary = aeb.summarise(scores)
    assert summary.precision == 1.0 and summary.recall == 0.5 and summary.empty == 1
    assert summary.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_split_is_stable_and_complete() -> None:
    ids = [f"id{i}" for i in range(100)]
    a, b = aeb.split_ids(ids, "a"), aeb.split_ids(ids, "b")
    assert sorted(a + b) == sorted(ids) and 30 < len(a) < 70
    assert a == aeb.split_ids(ids, "a")


def test_bench_on_a_small_dataset(tmp_path) -> None:
    (tmp_path / "html").mkdir()
    page = "<html><body><nav><a href='/'>Home</a></nav><article><p>The one paragraph of this article is here and long enough.</p></article></body></html>"
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": "The one paragraph of this article is here and long enough.", "url": "https://x.example/1"}}))
    pages = list(aeb.load_dataset(tmp_path))
    from broadsheet import extract

    summary = aeb.run(pages, lambda p: extract(p.html, p.url).text)
    assert summary.f1 == 1.0 and summary.accuracy == 1.0


@pytest.mark.shared
def test_aeb_f1_stays_above_target() -> None:
    folder = shared_path("bench", "aeb")
    from broadsheet import extract

    summary = aeb.run(aeb.load_dataset(folder), lambda p: extract(p.html, p.url).text)
    # just under this stop's 0.9801 (P 0.977, R 0.983): a regression of about a page fails
    assert summary.f1 >= 0.979, summary.line()
    assert summary.precision >= 0.975 and summary.recall >= 0.98, summary.line()
