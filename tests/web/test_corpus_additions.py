"""What serve needs from the corpus: the runs table (written by every pipeline) and its indexes,
also added to a corpus made before they existed."""
from __future__ import annotations

import json
import sqlite3

from broadsheet.corpus import Corpus
from broadsheet.corpus.schema import ADDITIONS
from broadsheet.model import Page
from broadsheet.run.pipeline import Pipeline
from broadsheet.web.db import Reader
from broadsheet.web.queries import Filters, runs, search
from tests.web.pages import pages


def test_each_pipeline_run_is_recorded_with_its_summary(tmp_path):
    path = tmp_path / "c.sqlite"
    items = pages()[:3]
    for desc in ("ingest", "crawl"):
        # no site profiles: the second run must extract the same pages the same way
        with Corpus(path) as c, Pipeline(c, progress=False, desc=desc, profiles=False) as pipe:
            for url, html in items:
                pipe.process(Page(url, html.encode(), {"content-type": "text/html"}))
            summary = pipe.summary()
    found = runs(Reader(path))
    assert [r["command"] for r in found] == ["crawl", "ingest"]  # newest first
    assert found[0]["counts"]["pages"] == 3 and found[0]["counts"]["duplicates"] == {"exact": 3}
    assert found[0]["summary"].split(" in ")[0] == summary.split(" in ")[0]
    assert found[1]["counts"]["articles"] == 3 and found[1]["pages_per_s"] > 0


def test_an_older_corpus_gains_the_additions_on_its_next_writable_open(tmp_path):
    path = tmp_path / "old.sqlite"
    with Corpus(path) as c:
        url, html = pages()[0]
        from broadsheet import extract

        c.add(extract(html, url))
    db = sqlite3.connect(path)
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master"))
    for name in ADDITIONS:  # tables and indexes (an index goes with its table: IF EXISTS)
        db.execute(f"DROP {kinds[name].upper()} IF EXISTS {name}")
    db.commit()
    db.close()
    reader = Reader(path)
    assert not reader.has("articles_facets") and runs(reader) == []
    assert search(reader, "harbour", Filters(site="news.example")).total == 1  # served without them, by scanning
    Corpus(path).close()
    assert all(reader.has(name) for name in ADDITIONS)
    plan = " ".join(r[3] for r in reader.rows(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM articles INDEXED BY articles_facets WHERE duplicate_of IS NULL"))
    assert "articles_facets" in plan


def test_record_run_never_raises(tmp_path, caplog):
    path = tmp_path / "c.sqlite"
    with Corpus(path) as c:
        c.db.execute("DROP TABLE runs")
        c.record_run("ingest", summary="x", counts={"pages": 1}, seconds=1.0)
    assert "not recorded" in caplog.text
    with Corpus(path) as c:
        c.record_run("ingest", summary="0 pages", counts={"pages": 0}, seconds=0.0)
        row = c.db.execute("SELECT command, counts, pages_per_s FROM runs").fetchone()
    assert (row[0], json.loads(row[1]), row[2]) == ("ingest", {"pages": 0}, 0.0)
