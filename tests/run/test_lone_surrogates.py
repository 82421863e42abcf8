"""One page with a lone surrogate (a JSON-LD "\\ud800" escape, a urls.tsv byte that is not
UTF-8, a file name that is not UTF-8) is stored or counted, never the end of the run (review
R6 finding 1); one record that still cannot be stored is an error, and its batch is kept."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from broadsheet import Corpus, Page
from broadsheet.corpus.records import EncodedRecord, to_record, to_row
from broadsheet.surrogates import whole
from broadsheet.corpus.store import UnstorableRecord
from broadsheet.extract import extract
from broadsheet.run import Pipeline
from broadsheet.run.analyse import analyse
from broadsheet.run.ingest import ingest
from broadsheet.run.shards import read_shard, write_shard
from broadsheet.sources.files import parse_sidecar
from tests.sources.warcs import article_html

LONE = "\ud800"


def bad_jsonld_page(n: int) -> bytes:
    """An article whose JSON-LD headline, author and keywords carry lone surrogates (as escapes)."""
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bad \\ud800 title %d",'
          '"author":{"@type":"Person","name":"Ann \\udfff Lee"},"keywords":"x\\ud800y","articleSection":"\\ud83d"}') % n
    para = "<p>" + f"The council voted on Tuesday to approve budget {n} for the harbour district, officials said. " * 4
    return (f"<html><head><title>T</title><script type='application/ld+json'>{ld}</script></head><body><article>"
            f"<h1>x</h1>{(para + '</p>') * 3}</article></body></html>").encode()


def has_lone(value: Any) -> bool:
    """Whether a JSON-typed value holds a lone surrogate (which UTF-8 cannot encode)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def test_extract_never_returns_a_lone_surrogate_from_json_ld() -> None:
    article = extract(bad_jsonld_page(1), url="https://paper.example/2024/05/01/b")
    assert article.title and "\ufffd" in article.title
    assert not has_lone(article.to_dict())


def test_record_writers_replace_lone_surrogates() -> None:
    record = to_record({"url": "https://paper.example/a" + LONE, "title": "T" + LONE, "text": "body \udce9",
                        "authors": ["A" + LONE], "tags": ["t\udfff"], "blocks": [{"kind": "paragraph", "text": LONE}]})
    assert record["title"] == "T\ufffd" and record["text"] == "body \ufffd"
    row = to_row(record)
    assert not any(isinstance(v, str) and has_lone(v) for v in row)
    encoded = EncodedRecord(record).encoded()
    assert encoded["authors"] == '["A\ufffd"]'.encode() and encoded["title"] == "T\ufffd"
    assert whole(b"\xff") == b"\xff" and whole("plain") == "plain"


def test_ingest_of_a_folder_with_a_bad_json_ld_page_stores_all(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, content in ((1, article_html(1)), (2, bad_jsonld_page(2)), (3, article_html(3))):
        (folder / f"a{n}.html").write_bytes(content)
    stats = ingest([folder], tmp_path / "c.sqlite", workers=1, progress=False)
    assert stats.stored == 3 and not stats.errors
    with Corpus(tmp_path / "c.sqlite") as corpus:
        titles = sorted(r["title"] for r in corpus.records())
    assert any("\ufffd" in t for t in titles)


def test_cli_ingest_with_a_non_utf8_sidecar_url_and_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a1.html").write_bytes(article_html(1))
    (folder / "a3.html").write_bytes(article_html(3))
    (folder / os.fsdecode(b"caf\xe9.html")).write_bytes(article_html(4))
    (folder / "urls.tsv").write_bytes(b"a1.html\thttp://paper.example/2024/05/01/alpha\n"
                                      b"a3.html\thttp://paper.example/2024/05/01/caf\xe9\n")
    corpus = tmp_path / "c.sqlite"
    runs = []
    for _ in range(2):  # the second run resumes: nothing new
        done = subprocess.run([sys.executable, "-m", "broadsheet", "ingest", "--corpus", str(corpus), "--workers", "1",
                               str(folder)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        runs.append(done.stderr)
    assert "urls.tsv:2: URL not UTF-8" in runs[0]  # the first run reads the sidecar and says which line
    assert "already ingested 3" in runs[1]
    with Corpus(corpus) as c:
        urls = sorted(str(r["url"]) for r in c.records())
        assert c.count() == 3
    assert "http://paper.example/2024/05/01/caf%E9" in urls


def test_sidecar_percent_encodes_and_names_the_line(caplog: pytest.LogCaptureFixture) -> None:
    text = b"a.html\thttp://x.example/ok\nb.html\thttp://x.example/caf\xe9\n".decode("utf-8", "surrogateescape")
    assert parse_sidecar(text, "dir/urls.tsv")["b.html"] == "http://x.example/caf%E9"
    assert "dir/urls.tsv:2: URL not UTF-8" in caplog.text


def test_an_unstorable_record_is_an_error_and_its_batch_is_kept(tmp_path: Path) -> None:
    pages = [Page(url=f"https://paper.example/2024/05/01/s{n}", content=article_html(n), origin=f"t#{n}")
             for n in range(3)]
    analyses = [analyse(p) for p in pages]
    bad = dict(analyses[1].record or {})
    bad["fetched_at"] = 2**70  # nothing SQLite can bind: past every net before the INSERT
    analyses[1] = analyses[1].__class__(analyses[1].origin, analyses[1].url, "article", record=bad, fp=analyses[1].fp)
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False, commit_every=100) as pipe:
        outcomes = [pipe.commit(a) for a in analyses]
    assert [o.status for o in outcomes] == ["stored", "error", "stored"]
    assert pipe.stats.errors == {"unstorable record": 1}
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert corpus.count() == 2
        (row,) = list(corpus.rejects())
    assert row.reason == "unstorable record" and "OverflowError" in row.detail and row.origin == "t#1"


def test_a_failure_after_the_row_drops_the_batch_never_half_a_record(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [Page(url=f"https://paper.example/2024/05/01/s{n}", content=article_html(n), origin=f"t#{n}")
             for n in range(3)]
    first, second, third = (analyse(p) for p in pages)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(first.record or {}, origin="t#0", fp=first.fp)
        corpus.commit()
        corpus.add(second.record or {}, origin="t#1", fp=second.fp)

        def broken(seq: int, signature: bytes | None) -> None:
            raise ValueError("band write failed")

        monkeypatch.setattr(corpus.lsh, "add", broken)  # after the articles and FTS rows: the database's failure
        with pytest.raises(ValueError, match="band write failed"):
            corpus.add(third.record or {}, origin="t#2", fp=third.fp)
        corpus.rollback()  # what Pipeline does on any error that is not the record's
        assert corpus.count() == 1
        assert corpus.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1


def test_a_duplicate_that_cannot_be_stored_writes_nothing(tmp_path: Path) -> None:
    page = Page(url="https://paper.example/2024/05/01/s1", content=article_html(1), origin="t#1")
    analysis = analyse(page)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.add(analysis.record or {}, origin="t#1", fp=analysis.fp)
        copy = dict(analysis.record or {}) | {"url": "https://mirror.example/1", "fetched_at": 2**70}
        with pytest.raises(UnstorableRecord, match="OverflowError"):
            corpus.add(copy, origin="t#2", fp=analysis.fp)
        corpus.commit()
        assert corpus.count(with_duplicates=True) == 1


def test_shard_rows_replace_lone_surrogates(tmp_path: Path) -> None:
    analysis = analyse(Page(url="https://paper.example/2024/05/01/b" + "\udce9", content=bad_jsonld_page(2), origin="x"))
    assert analysis.status == "article"
    assert write_shard([analysis], str(tmp_path / "s.parquet")) == 1
    (back,) = list(read_shard(str(tmp_path / "s.parquet")))
    assert back.url == "https://paper.example/2024/05/01/b\ufffd"
    assert pq.read_table(tmp_path / "s.parquet").num_rows == 1


def test_the_cli_error_line_shows_a_lone_surrogate_without_failing_again() -> None:
    from broadsheet.cli import _text

    assert _text("caf\udce9") == "b'caf\\xe9'"  # a byte that was not UTF-8, as that byte
    assert _text("Bad \ud800") == "'Bad \\ud800'"  # no byte stands for it: an escape (it raised again)


def test_a_run_whose_counts_hold_a_lone_surrogate_is_recorded(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.record_run("crawl", summary="1 pages, bad.\udce9 1", counts={"hosts": {"bad.\ud800": 1}}, seconds=1.0)
        summary, counts = corpus.db.execute("SELECT summary, counts FROM runs").fetchone()
    assert summary == "1 pages, bad.\ufffd 1" and json.loads(counts) == {"hosts": {"bad.\ufffd": 1}}
