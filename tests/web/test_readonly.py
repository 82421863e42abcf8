"""The server reads while an ingest or crawl writes (WAL), and can never write itself."""
from __future__ import annotations

import random
import shutil
import sqlite3
import threading
import warnings

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette, jinja2, uvicorn) is not installed")

from broadsheet.corpus import Corpus  # noqa: E402
from broadsheet.corpus.schema import CorpusError  # noqa: E402
from broadsheet.model import Article  # noqa: E402
from broadsheet.web import create_app  # noqa: E402
from broadsheet.web.db import Reader  # noqa: E402
from broadsheet.web.overview import Overview  # noqa: E402
from broadsheet.web.queries import Filters, search  # noqa: E402
from tests.web.pages import FILLER  # noqa: E402


def _article(n: int, site: str = "live.example") -> Article:
    words = random.Random(n).choices(FILLER.split(), k=120)  # unlike each other: no near duplicates
    return Article(url=f"https://{site}/story/{n}", title=f"Live story {n}", language="en",
                   date_published=f"2024-03-{n % 28 + 1:02d}T10:00:00+00:00",
                   text=f"Live story number {n} about the ferry. " + " ".join(words))


def test_reads_committed_state_while_a_writer_holds_its_transaction(tmp_path):
    path = tmp_path / "live.sqlite"
    with Corpus(path) as writer:
        writer.add(_article(1))
        writer.commit()
        reader = Reader(path)
        overview = Overview(reader)
        assert overview.snapshot()["articles"] == 1
        writer.add(_article(2))  # open transaction, not committed: invisible, and no waiting
        assert writer.db.in_transaction
        assert overview.snapshot()["articles"] == 1
        assert search(reader, "ferry", Filters()).total == 1
        writer.commit()
        assert overview.snapshot()["articles"] == 2  # folded in incrementally
        assert overview.last_seq == 2
        assert search(reader, "ferry", Filters()).total == 2


def test_the_connection_cannot_write(tmp_path):
    path = tmp_path / "ro.sqlite"
    with Corpus(path) as writer:
        writer.add(_article(1))
    reader = Reader(path)
    for sql in ("DELETE FROM articles", "CREATE TABLE x(a)", "INSERT INTO meta VALUES ('a', 'b')"):
        with pytest.raises(CorpusError):
            reader.rows(sql)
    with pytest.raises(sqlite3.OperationalError):
        reader.db().execute("PRAGMA query_only = 0")
        reader.db().execute("DELETE FROM articles")  # still refused: the file is opened mode=ro
    assert reader.value("SELECT count(*) FROM articles") == 1


def test_pages_stay_up_during_a_running_ingest(tmp_path):
    path = tmp_path / "busy.sqlite"
    with Corpus(path) as writer:
        writer.add(_article(0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        client = TestClient(create_app(path, warm=False), base_url="http://127.0.0.1")
    done = threading.Event()

    def write() -> None:
        with Corpus(path) as writer:
            for n in range(1, 200):
                writer.add(_article(n, site=f"site{n % 5}.example"))
                if n % 20 == 0:
                    writer.commit()
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    seen = []
    while not done.is_set():
        for url in ("/", "/?q=ferry", "/overview", "/api/overview", "/runs"):
            assert client.get(url).status_code == 200
        seen.append(client.get("/api/overview").json()["articles"])
    thread.join()
    assert seen == sorted(seen)  # never goes backwards
    final = client.get("/api/overview").json()
    assert final["articles"] == 200 and sum(s["articles"] for s in final["sites"]) == 200
    assert client.get("/api/search", params={"q": "ferry"}).json()["total"] == 200


def test_a_replaced_corpus_file_is_read_afresh(tmp_path):
    path, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with Corpus(path) as c:
        c.add(_article(1))
    with Corpus(other) as c:
        for n in range(2, 5):
            c.add(_article(n, site="other.example"))
    reader = Reader(path)
    overview = Overview(reader)
    assert overview.snapshot()["articles"] == 1
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"a.sqlite{suffix}").unlink(missing_ok=True)
    shutil.copy(other, path)
    snap = overview.snapshot()
    assert snap["articles"] == 3 and [s["site"] for s in snap["sites"]] == ["other.example"]


def test_a_file_that_is_not_a_corpus_is_refused(tmp_path):
    from broadsheet.errors import InputError

    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(a)")
    with pytest.raises(InputError, match="not a broadsheet corpus"):
        Reader(other)
    with pytest.raises(InputError, match="no corpus here"):
        Reader(tmp_path / "missing.sqlite")
