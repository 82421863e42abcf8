"""Pages not stored: a row each in the corpus's `rejects` table and in the run's JSONL,
committed with the pages around them, never doubled by a resume, never listed when rolled back."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from broadsheet import Corpus, Page
from broadsheet.corpus import Checkpoint
from broadsheet.run import KeepRules, Pipeline
from broadsheet.run.guard import Guard
from broadsheet.run.ingest import ingest
from broadsheet.run.interrupt import Interrupted
from tests.run.conftest import BRIEF, NOT_FOUND, mixed_records, snapshot
from tests.run.hostile import marked
from tests.sources.warcs import Rec, article_html, write_warc


def page(n: int, content: bytes | None = None, url: str | None = None) -> Page:
    return Page(url=url or f"https://news.example/2024/03/story-{n}", content=content or article_html(n),
                origin=f"t.warc#{n}")


def table(path: Path) -> list[tuple]:
    with Corpus(path) as corpus:
        return [(r.url, r.origin, r.reason) for r in corpus.rejects()]


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_skipped_and_failed_pages_are_rows_in_the_table_and_the_jsonl(tmp_path: Path) -> None:
    out = io.StringIO()
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False, rejects=out) as pipe:
        pipe.process(page(1))
        pipe.process(page(2, BRIEF))
        pipe.process(page(3, NOT_FOUND))
        pipe.stats.error("fetch failed", "https://down.example/a", "HTTP 503")
        pipe.stats.error("broken record", "x.warc.gz#1234", "truncated")
        assert out.getvalue() == "", "nothing is listed before it is committed"
    rows = lines(out)
    assert [(r["url"], r["origin"], r["reason"]) for r in rows] == [
        ("https://news.example/2024/03/story-2", "t.warc#2", "no body"),
        ("https://news.example/2024/03/story-3", "t.warc#3", "404 page"),
        ("https://down.example/a", None, "fetch failed"),
        (None, "x.warc.gz#1234", "broken record"),
    ]
    assert rows[2]["detail"] == "HTTP 503" and all(r["time"].endswith("+00:00") for r in rows)
    assert table(tmp_path / "c.sqlite") == [(r["url"], r["origin"], r["reason"]) for r in rows]


def test_a_reject_line_with_a_line_separator_in_its_detail_stays_one_line(tmp_path: Path) -> None:
    """U+2028/U+2029/U+0085 in a detail (an error quoting a page) are written as escapes: a
    reader of lines (`str.splitlines`, JavaScript) must see one row, not two."""
    out = io.StringIO()
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False, rejects=out) as pipe:
        pipe.stats.error("fetch failed", "https://down.example/a", "said \u2028 then \u2029 and \u0085 end")
    rows = lines(out)
    assert len(rows) == 1 and rows[0]["detail"] == "said \u2028 then \u2029 and \u0085 end"


def test_a_rolled_back_batch_leaves_no_row_and_is_not_counted(tmp_path: Path) -> None:
    out = io.StringIO()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        with pytest.raises(KeyboardInterrupt):
            with Pipeline(corpus, progress=False, rejects=out, commit_every=2, commit_seconds=3600) as pipe:
                pipe.process(page(1))
                pipe.process(page(2, BRIEF))  # committed with page 1
                pipe.process(page(4, NOT_FOUND))  # in the open batch
                raise KeyboardInterrupt  # not a clean stop: the open batch goes
        assert corpus.count() == 1
    assert [r["reason"] for r in lines(out)] == ["no body"]
    assert [r[2] for r in table(tmp_path / "c.sqlite")] == ["no body"]
    assert (pipe.stats.pages, pipe.stats.stored, dict(pipe.stats.skipped)) == (2, 1, {"no body": 1})


def test_interrupted_commits_the_open_batch_and_counts_it(tmp_path: Path) -> None:
    out = io.StringIO()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        with pytest.raises(Interrupted):
            with Pipeline(corpus, progress=False, rejects=out, commit_every=100, commit_seconds=3600) as pipe:
                pipe.process(page(1))
                pipe.process(page(2, BRIEF))
                raise Interrupted(15)
        assert corpus.count() == 1 == pipe.stats.stored
    assert [r["reason"] for r in lines(out)] == ["no body"]
    with Corpus(tmp_path / "c.sqlite") as corpus:
        run = corpus.db.execute("SELECT summary FROM runs").fetchone()[0]
    assert run.startswith("2 pages, 1 articles")


def test_a_page_stored_later_loses_its_rows_and_a_repeat_updates_its_row(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path) as corpus, Pipeline(corpus, progress=False) as pipe:
        pipe.stats.error("fetch failed", "https://news.example/2024/03/story-1", "timeout")
        pipe.stats.error("fetch failed", "https://news.example/2024/03/story-9", "timeout")
    first = table(path)
    with Corpus(path) as corpus, Pipeline(corpus, progress=False, desc="crawl") as pipe:
        pipe.process(Page(url="https://news.example/2024/03/story-1", content=article_html(1), origin="http"))
        pipe.stats.error("fetch failed", "https://news.example/2024/03/story-9", "HTTP 502")
    assert len(first) == 2
    with Corpus(path) as corpus:
        rows = list(corpus.rejects())
        commands = [tuple(r) for r in corpus.db.execute("SELECT command FROM rejects")]
    assert [(r.url, r.detail) for r in rows] == [("https://news.example/2024/03/story-9", "HTTP 502")]
    assert commands == [("crawl",)]


def test_resumed_ingest_does_not_double_the_rows(tmp_path: Path, monkeypatch) -> None:
    warc = tmp_path / "m.warc.gz"
    write_warc(warc, mixed_records())
    ingest([warc], tmp_path / "ref.sqlite", workers=1, progress=False)
    real = Pipeline._commit
    calls = 0

    def dying(self, analysis, checkpoint):
        nonlocal calls
        calls += 1
        if calls > 11:  # past both skipped pages, with the last batch not committed
            raise KeyboardInterrupt
        return real(self, analysis, checkpoint)

    monkeypatch.setattr(Pipeline, "_commit", dying)
    with pytest.raises(KeyboardInterrupt):
        ingest([warc], tmp_path / "c.sqlite", workers=1, progress=False, commit_every=3)
    monkeypatch.setattr(Pipeline, "_commit", real)
    ingest([warc], tmp_path / "c.sqlite", workers=1, progress=False)
    assert snapshot(tmp_path / "c.sqlite") == snapshot(tmp_path / "ref.sqlite")
    assert sorted(table(tmp_path / "c.sqlite")) == sorted(table(tmp_path / "ref.sqlite"))
    assert sorted(r[2] for r in table(tmp_path / "ref.sqlite")) == ["404 page", "no body"]


def test_language_filter_skips_other_languages_with_the_detected_one(tmp_path: Path) -> None:
    out = io.StringIO()
    rules = KeepRules(languages=("de",))
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False, rules=rules, rejects=out) as pipe:
        assert pipe.process(page(1, article_html(1, lang="de-AT"))).status == "stored"
        skipped = pipe.process(page(2, article_html(2, lang="fr")))
        assert pipe.process(page(3, BRIEF)).reason == "no body"  # the keep rules come first
    assert (skipped.status, skipped.reason) == ("skipped", "language")
    assert [(r["reason"], r["detail"]) for r in lines(out)] == [("language", "fr"), ("no body", "")]
    assert pipe.stats.skipped == {"language": 1, "no body": 1}


def test_pages_the_guarded_pool_gives_up_are_rows_with_the_workers_fate(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(article_html(1))
    (folder / "b.html").write_bytes(marked(2, "abort"))
    out = io.StringIO()
    stats = ingest([folder], tmp_path / "c.sqlite", workers=1, progress=False, rejects=out,
                   guard=Guard(target="tests.run.hostile:misbehave"))
    assert stats.skipped == {"crashed": 1}
    (row,) = lines(out)
    assert row["origin"] == str(folder / "b.html") and row["reason"] == "crashed" and "SIGABRT" in row["detail"]


def test_unusable_sources_and_unreadable_records_are_rows(tmp_path: Path) -> None:
    warc = tmp_path / "m.warc.gz"
    write_warc(warc, [Rec("https://news.example/2024/03/a-story-here", article_html(1))])
    out = io.StringIO()
    ingest([warc, tmp_path / "absent"], tmp_path / "c.sqlite", workers=1, progress=False, rejects=out)
    assert [(r["origin"], r["reason"]) for r in lines(out)] == [(str(tmp_path / "absent"), "unusable source")]


def test_dask_tasks_bring_their_rows_back_with_their_results(tmp_path: Path, dask_address: str) -> None:
    warc = tmp_path / "m.warc.gz"
    write_warc(warc, mixed_records())
    out = io.StringIO()
    stats = ingest([warc], tmp_path / "c.sqlite", dask=dask_address, out=str(tmp_path / "shards"), rejects=out,
                   rules=KeepRules(languages=("de",)), progress=False)
    reasons = sorted(r["reason"] for r in lines(out))
    assert reasons == sorted(["404 page", "no body"] + ["language"] * 10)  # no article is German
    assert stats.stored == 0 and sorted(r[2] for r in table(tmp_path / "c.sqlite")) == reasons


def test_a_checkpoint_and_its_rows_commit_together(tmp_path: Path) -> None:
    """The rows of a batch become visible to another reader with its checkpoint, not before."""
    path = tmp_path / "c.sqlite"
    corpus = Corpus(path)
    pipe = Pipeline(corpus, progress=False, commit_every=2, commit_seconds=3600)
    pipe.process(page(1, BRIEF), checkpoint=Checkpoint("src", 1, 2))
    with Corpus(path) as other:
        assert list(other.rejects()) == [] and other.progress("src") is None
    pipe.process(page(2), checkpoint=Checkpoint("src", 2, 3))
    with Corpus(path) as other:
        assert [r.reason for r in other.rejects()] == ["no body"] and other.progress("src").seek == 2
    pipe.close()
    corpus.close()


def test_an_interrupted_dask_merge_is_not_half_committed(tmp_path: Path) -> None:
    """A shard is merged whole or not at all (`hold`); the merges before it stay."""
    with Corpus(tmp_path / "c.sqlite") as corpus:
        with pytest.raises(Interrupted):
            with Pipeline(corpus, progress=False) as pipe:
                pipe.process(page(1))
                pipe.flush()  # a shard merged before
                pipe.hold = True
                pipe.process(page(2))
                pipe.process(page(3, BRIEF))
                pipe.hold = False  # as `merge` leaves it when the signal lands in it
                raise Interrupted(2)
        assert corpus.count() == 1 and list(corpus.rejects()) == []
    assert (pipe.stats.pages, pipe.stats.stored, pipe.stats.skipped_count) == (1, 1, 0)


def test_records_and_files_over_the_size_cap_are_skipped_too_large_with_a_row(tmp_path: Path, monkeypatch) -> None:
    """A WARC response or saved file over the cap is a page skipped "too large", as the pool's are;
    a record of another kind over it is ignored as its kind is."""
    from broadsheet.sources import files, warc

    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 20_000)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 20_000)
    big = article_html(1, paragraphs=["word " * 8000])
    offsets = write_warc(tmp_path / "a.warc.gz", [Rec("https://paper.example/0", article_html(0)),
                                                   Rec("https://paper.example/big", big),
                                                   Rec("https://paper.example/meta", big, type="metadata"),
                                                   Rec("https://paper.example/2", article_html(2))])
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "small.html").write_bytes(article_html(3))
    (folder / "huge.html").write_bytes(big)
    out = io.StringIO()
    stats = ingest([tmp_path / "a.warc.gz", folder], tmp_path / "c.sqlite", workers=1, progress=False, rejects=out)
    assert stats.skipped["too large"] == 2 and stats.stored == 3 and stats.pages == 5
    assert stats.ignored == {"metadata record": 1} and not stats.errors
    too_large = [(url, origin) for url, origin, reason in table(tmp_path / "c.sqlite") if reason == "too large"]
    # (the record's URL with its position: the row is keyed as its page is, review RV-R finding 1)
    assert sorted(too_large, key=str) == sorted([("https://paper.example/big", f"{tmp_path / 'a.warc.gz'}#{offsets[1]}"),
                                                 (None, str(folder / "huge.html"))], key=str)
    assert sorted(row["reason"] for row in lines(out)) == ["too large", "too large"]
    assert "2 skipped (too large 2)" in stats.summary()
