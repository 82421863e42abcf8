"""Reject rows of pages that share a WARC offset (review R17, second defect).

The records of one gzip member or zstd frame (and of a file compressed as one stream) share
an offset. Rows keyed by `file#offset` alone made them one page: two pages rejected for one
reason were one row, and storing a page deleted the rows of the others. A page with a URL at
a WARC offset is keyed by both now; rows an older broadsheet keyed by the offset alone are
still found for the page they name (their `url`), and never for another page."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet import Corpus
from broadsheet.corpus.store import Reject, page_key
from broadsheet.run.ingest import ingest
from broadsheet.run.stats import Stats
from broadsheet.run.units import WarcTask
from tests.run.conftest import BRIEF, NOT_FOUND
from tests.run.test_resume_counts import LAYOUTS, compressed
from tests.sources.warcs import Rec, article_html

BRIEF_B = BRIEF.replace(b"Roads closed.", b"Bridge shut.")
RECORDS = [
    Rec("https://news.example.org/2024/03/story-1", article_html(1)),
    Rec("https://news.example.org/brief-a", BRIEF),
    Rec("https://news.example.org/brief-b", BRIEF_B),
    Rec("https://news.example.org/2024/03/story-2", article_html(2)),
    Rec("https://news.example.org/missing", NOT_FOUND),
]


def rows(path: Path) -> list[tuple]:
    with Corpus(path) as corpus:
        return sorted((r.url or "", r.reason) for r in corpus.rejects())


def origins(warc: Path) -> dict[str, str]:
    return {item.page.url: item.page.origin for item in WarcTask(str(warc), "k").items(Stats()) if item.page}


@pytest.mark.parametrize(("suffix", "per_member"), LAYOUTS)
def test_each_page_of_a_member_keeps_its_own_row(tmp_path: Path, suffix: str, per_member: int) -> None:
    warc = compressed(tmp_path, RECORDS, suffix, per_member)
    stats = ingest([warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert (stats.stored, stats.skipped) == (2, {"no body": 2, "404 page": 1})
    assert rows(tmp_path / "c.sqlite") == [("https://news.example.org/brief-a", "no body"),
                                          ("https://news.example.org/brief-b", "no body"),
                                          ("https://news.example.org/missing", "404 page")]
    if per_member != 1:
        place = origins(warc)
        assert place["https://news.example.org/brief-b"] == place["https://news.example.org/2024/03/story-2"]


def test_a_key_names_the_page_at_a_shared_offset() -> None:
    assert page_key("https://paper.example/a", "x.warc.gz#120") == "x.warc.gz#120 https://paper.example/a"
    assert page_key(None, "x.warc.gz#120") == "x.warc.gz#120"  # a record the reader reports, or one without a URL
    assert page_key("https://paper.example/a", "/saved/a.html") == "/saved/a.html"  # one page a file
    assert page_key("https://paper.example/a", "http") == "https://paper.example/a"


def old_row(corpus: Corpus, url: str | None, origin: str, reason: str) -> None:
    """A row as an older broadsheet wrote it: keyed by the position alone."""
    corpus.db.execute("INSERT INTO rejects(page, url, origin, reason, detail, time, command) "
                      "VALUES (?, ?, ?, ?, '', '2026-01-01T00:00:00+00:00', 'ingest')", (origin, url, origin, reason))


@pytest.mark.parametrize(("suffix", "per_member"), [(".warc.gz", 0), (".warc.zst", 4)])
def test_rows_keyed_by_the_offset_alone_are_found_for_their_own_page_only(tmp_path: Path, suffix: str,
                                                                         per_member: int) -> None:
    warc = compressed(tmp_path, RECORDS, suffix, per_member)
    place = origins(warc)
    story, brief = "https://news.example.org/2024/03/story-2", "https://news.example.org/brief-b"
    assert place[story] == place[brief]
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus:  # an older run's rows (one a key and reason): the two pages' and a broken record's
        old_row(corpus, story, place[story], "timeout")
        old_row(corpus, brief, place[brief], "crashed")
        old_row(corpus, brief, place[brief], "no body")
        old_row(corpus, None, place[story], "broken record")
        corpus.commit()
    ingest([warc], path, workers=1, progress=False)
    assert rows(path) == [("", "broken record"),  # whose it is, among the member's records, is unknown: kept
                          ("https://news.example.org/brief-a", "no body"),
                          ("https://news.example.org/brief-b", "crashed"),  # the brief's, not the stored story's
                          ("https://news.example.org/brief-b", "no body"),  # the old row, now keyed anew: one row
                          ("https://news.example.org/missing", "404 page")]
    with Corpus(path) as corpus:
        pages = [r[0] for r in corpus.db.execute("SELECT page FROM rejects WHERE url = ? ORDER BY reason", (brief,))]
    assert pages == [place[brief], f"{place[brief]} {brief}"]  # (crashed, no body): the old crashed row keeps its key


def test_a_stored_page_forgets_only_its_own_row_in_a_session(tmp_path: Path) -> None:
    """Without rows at opening (the session's own look-up): the member's other page keeps its row."""
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.reject(Reject.now("timeout", url="https://paper.example/a", origin="x.warc.gz#120"))
        corpus.reject(Reject.now("timeout", url="https://paper.example/b", origin="x.warc.gz#120"))
        corpus.forget_rejects("https://paper.example/b", "x.warc.gz#120")
        assert [r.url for r in corpus.rejects()] == ["https://paper.example/a"]
