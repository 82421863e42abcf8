"""Rows the WARC reader writes (a truncated record, a cut file, a lying Content-Length) go
when the page they are about is stored (review RV-R finding 1).

Pages at a WARC position are keyed `file#offset URL`; the reader's rows were keyed by the
position alone, so re-downloading a cut file stored its last page and left the row saying
that page was lost. The reader names the record's WARC-Target-URI where it has read the
record's header (or, where a zstd frame is cut, can decode the start of the frame's first
record), and the row is keyed as the page is. Not covered: a zstd frame cut inside its first
block (a small record: nothing of it decodes) and a file compressed as one stream (the cut
record is not the stream's first): there the row keeps the position alone and stays."""
from __future__ import annotations

import gzip
import random
import sqlite3
from pathlib import Path

import pytest

from broadsheet.corpus.store import place_of
from broadsheet.run.ingest import ingest
from broadsheet.run.stats import Stats
from tests.run.test_resume_counts import compressed
from tests.sources.warcs import Rec, article_html, news_records, write_warc


def rows(path: Path) -> list[tuple[str, str | None, str]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT page, url, reason FROM rejects").fetchall())


def big_story() -> Rec:
    """A page of about 400 KB: its zstd frame has several blocks, the first whole in a cut file."""
    rng = random.Random(1)
    words = " ".join(f"{rng.choice(['rain', 'road', 'bridge', 'council', 'river'])}{rng.randrange(999)}"
                     for _ in range(60000))
    return Rec("https://news.example.org/2024/03/long-read", article_html(7, paragraphs=[words]))


def layout(tmp_path: Path, name: str) -> Path:
    records = news_records(5) + [big_story()] if name.endswith("-large") else news_records(6)
    name = name.removesuffix("-large")
    if name == "plain":
        path = tmp_path / "in.warc"
        write_warc(path, records, gz=False)
        return path
    if name == "gz1-by-hand":  # one gzip member a record, from a plain file's records
        plain = tmp_path / "p.warc"
        offsets = write_warc(plain, records, gz=False) + [plain.stat().st_size]
        data = plain.read_bytes()
        path = tmp_path / "in.warc.gz"
        path.write_bytes(b"".join(gzip.compress(data[a:b]) for a, b in zip(offsets, offsets[1:])))
        return path
    suffix, per_member = {"gz1": (".warc.gz", 1), "gz3": (".warc.gz", 3), "zst1": (".warc.zst", 1),
                          "zst2": (".warc.zst", 2)}[name]
    return compressed(tmp_path, records, suffix, per_member)


@pytest.mark.parametrize("cut", [300, 2000])
@pytest.mark.parametrize("name", ["plain", "gz1", "gz1-by-hand", "gz3", "gz3-large", "zst1-large", "zst2-large"])
def test_a_cut_file_downloaded_again_leaves_no_row_for_the_pages_now_stored(tmp_path: Path, name: str,
                                                                             cut: int) -> None:
    warc = layout(tmp_path, name)
    whole = warc.read_bytes()
    warc.write_bytes(whole[:-cut])
    corpus = tmp_path / "c.sqlite"
    first = ingest([warc], corpus, workers=1, progress=False)
    assert first.stored < 6 and first.error_count == 1
    assert len(rows(corpus)) == 1  # the record that is cut off
    warc.write_bytes(whole)  # downloaded again
    second = ingest([warc], corpus, workers=1, progress=False)
    assert first.stored + second.stored == 6
    assert rows(corpus) == []


def test_a_place_with_a_url_is_both() -> None:
    assert place_of("/a b/x.warc.gz#120 https://paper.example/a") == ("/a b/x.warc.gz#120", "https://paper.example/a")
    assert place_of("x.warc.gz#120") == ("x.warc.gz#120", None)
    assert place_of("/saved/a page.html") == ("/saved/a page.html", None)
    assert place_of("x.warc#3 not a uri") == ("x.warc#3 not a uri", None)
    stats = Stats()
    stats.error("truncated record", "x.warc#7 https://paper.example/a", "cut")
    stats.error("broken record", "x.warc#9", "bad")
    assert [(r.origin, r.url, r.page) for r in stats.rejects] == [
        ("x.warc#7", "https://paper.example/a", "x.warc#7 https://paper.example/a"), ("x.warc#9", None, "x.warc#9")]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz1"])
@pytest.mark.parametrize("uri, url", [
    ("<https://x.example/angle>", "https://x.example/angle"),  # (WARC/1.0's grammar)
    ("https://x.example/a b", "https://x.example/a%20b"),
    ("https://x.example/\u00a0nb", "https://x.example/%C2%A0nb"),
], ids=["angle", "space", "nbsp"])
def test_a_uri_in_angle_brackets_or_with_whitespace_leaves_no_row(tmp_path: Path, gz: bool, uri: str, url: str) -> None:
    """Review RV-W2 finding G: the last record's WARC-Target-URI is in angle brackets or
    holds whitespace, so it was no one token: the reader's row kept the position alone
    while the page stored from the whole file was keyed with its URL, and the row stayed.
    Both now name the URL without brackets, whitespace percent-encoded."""
    records = news_records(3)
    records[-1] = Rec(uri, article_html(7))
    warc = tmp_path / ("in.warc.gz" if gz else "in.warc")
    write_warc(warc, records, gz=gz)
    whole = warc.read_bytes()
    warc.write_bytes(whole[:-300])
    corpus = tmp_path / "c.sqlite"
    first = ingest([warc], corpus, workers=1, progress=False)
    assert first.stored == 2 and [row[1:] for row in rows(corpus)] == [
        (url, "truncated record" if not gz else "truncated file")]
    warc.write_bytes(whole)
    second = ingest([warc], corpus, workers=1, progress=False)
    assert second.stored == 1
    assert rows(corpus) == []
    with sqlite3.connect(corpus) as db:
        assert url in {row[0] for row in db.execute("SELECT url FROM articles")}
