"""A worker's record with its JSON fields encoded: read as the plain record, stored the same."""
from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

from broadsheet import Article, Block, Corpus
from broadsheet.corpus.records import EncodedRecord, to_record, to_row
from tests.sources.warcs import story


def plain(n: int) -> dict:
    article = Article(url=f"https://paper.example/2024/05/story-{n}", title=f"Story {n}", authors=["Ana Lima", "Bo Berg"],
                      tags=["harbour"], text="\n\n".join(story(n)),
                      blocks=[Block("paragraph", p) for p in story(n)], sources={"title": "og", "text": "body"})
    return to_record(article, origin=f"a.warc.gz#{n}", fetched_at="2024-05-01T08:00:00+00:00")


def test_it_reads_as_the_plain_record_and_pickles_as_text() -> None:
    record = plain(1)
    encoded = EncodedRecord(record)
    assert encoded == record and dict(encoded) == record and encoded["blocks"] == record["blocks"]
    again = pickle.loads(pickle.dumps(encoded))
    assert isinstance(again, EncodedRecord) and again == record
    assert to_row(again.encoded()) == to_row(record)  # the JSON text is what the writer would have made
    assert isinstance(again.encoded()["blocks"], str)


def test_the_corpus_stores_it_as_it_stores_the_plain_record(tmp_path: Path) -> None:
    rows = []
    for name, wrap in (("plain", dict), ("encoded", EncodedRecord)):
        with Corpus(tmp_path / f"{name}.sqlite") as corpus:
            assert corpus.add(wrap(plain(1))).status == "stored"
            assert corpus.add(wrap(plain(1) | {"url": "https://paper.example/copy"})).status == "duplicate"
            assert corpus.add(wrap(plain(2)), origin="b.warc.gz#7").status == "stored"
        rows.append(sqlite3.connect(tmp_path / f"{name}.sqlite").execute("SELECT * FROM articles ORDER BY seq").fetchall())
    assert rows[0] == rows[1] and len(rows[0]) == 3
