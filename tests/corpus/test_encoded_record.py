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
    # the JSON text is what the writer would have made, held as its UTF-8 bytes (as the body text is)
    assert [v.decode() if isinstance(v, bytes) else v for v in to_row(again.encoded())] == to_row(record)
    assert isinstance(again.encoded()["blocks"], bytes) and isinstance(again.encoded()["text"], bytes)
    assert again["text"] == record["text"] and isinstance(again["text"], str)


def test_text_that_cannot_be_utf8_gets_the_replacement_character() -> None:
    # a lone surrogate (a JSON "\ud800" escape) can be neither encoded nor stored: U+FFFD, as
    # the HTML parser gives for a character reference to one (it stayed a str and failed the INSERT)
    record = plain(1) | {"text": "half a pair \ud800 here", "title": "T \udfff"}
    encoded = pickle.loads(pickle.dumps(EncodedRecord(record)))
    assert encoded["text"] == "half a pair \ufffd here" and encoded.encoded()["text"] == "half a pair \ufffd here".encode()
    assert encoded["title"] == "T \ufffd"


def test_the_corpus_stores_it_as_it_stores_the_plain_record(tmp_path: Path) -> None:
    rows = []
    for name, wrap in (("plain", dict), ("encoded", EncodedRecord)):
        with Corpus(tmp_path / f"{name}.sqlite") as corpus:
            assert corpus.add(wrap(plain(1))).status == "stored"
            assert corpus.add(wrap(plain(1) | {"url": "https://paper.example/copy"})).status == "duplicate"
            assert corpus.add(wrap(plain(2)), origin="b.warc.gz#7").status == "stored"
            accented = plain(3) | {"title": "Ça va, Zoë?", "text": "Grüße aus Köln: «Straße» — 東京 ✓ " * 30,
                                   "authors": ["Zoë Ødegaard"]}
            assert corpus.add(wrap(accented)).status == "stored"
            assert corpus.add(wrap(plain(4) | {"text": "", "blocks": []})).status == "stored"
            assert corpus.get(corpus.add(wrap(plain(2))).id)["text"] == plain(2)["text"]  # the same record again
        db = sqlite3.connect(tmp_path / f"{name}.sqlite")
        rows.append((db.execute("SELECT *, typeof(text), typeof(blocks), typeof(authors) FROM articles ORDER BY seq").fetchall(),
                     db.execute("SELECT rowid, title, text FROM articles_fts ORDER BY rowid").fetchall(),
                     db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'köln'").fetchall()))
    assert rows[0] == rows[1] and len(rows[0][0]) == 5 and len(rows[0][2]) == 1
    assert {kinds for row in rows[1][0] for kinds in row[-3:]} == {"text"}  # TEXT, never a BLOB


def test_a_corpus_stored_as_utf16_gets_its_text_right(tmp_path: Path) -> None:
    """Bytes cast to TEXT are read in the database's encoding: in a UTF-16 corpus the
    worker's UTF-8 bytes would be misread ('€' stored as '\\x82'), so they are decoded first."""
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA encoding = 'UTF-16le'")
    db.execute("CREATE TABLE made_first(x)")  # the encoding is fixed once something is written
    db.close()
    sqlite3.connect(path).execute("DROP TABLE made_first").connection.close()
    record = plain(2) | {"text": "Prices rose by 5 € in Zürich.\n\n" + plain(2)["text"], "tags": ["ünïcode"]}
    corpus = Corpus(path)
    corpus.add(EncodedRecord(record))
    corpus.commit()
    stored = sqlite3.connect(path).execute("SELECT text, tags FROM articles").fetchone()
    assert stored == (record["text"], '["ünïcode"]')
    assert [hit.id for hit in corpus.search("Zürich")]
