"""Site profiles on Dask: tasks extract with the templates the driver knew when it submitted
them (and learn hosts it had none for from their own pages), and the driver learns every
stored article in task order, as a local run does."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from broadsheet import Corpus
from broadsheet.corpus.profiles import Profiles
from broadsheet.extract.profile import MIN_PROFILE_PAGES
from broadsheet.run.ingest import ingest
from tests.run.conftest import snapshot
from tests.run.test_profiles import PROMO, story, story_folder
from tests.sources.warcs import Rec, write_warc

HOST = "garden.example"


def garden_warc(path: Path, numbers: range) -> Path:
    write_warc(path, [Rec(f"https://{HOST}/story/{n}", story(n)) for n in numbers])
    return path


def on_dask(sources: list[Path], corpus: Path, address: str, **kwargs: object):
    return ingest(sources, corpus, dask=address, out=str(corpus.with_suffix(".shards")), progress=False, **kwargs)


def profile_bytes(path: Path) -> dict[str, bytes]:
    db = sqlite3.connect(path)
    try:
        return {host: bytes(data) for host, data in db.execute("SELECT host, profile FROM profiles")}
    finally:
        db.close()


def test_a_warc_of_one_host_learns_its_profile_and_a_second_run_applies_it(tmp_path: Path, dask_address: str) -> None:
    corpus = tmp_path / "c.sqlite"
    first = on_dask([garden_warc(tmp_path / "a.warc.gz", range(30))], corpus, dask_address)
    assert first.stored == 30
    # one task: its first pages teach the task's own profile of the host, the later ones use it
    assert 0 < first.profiled < 30 and "pages with a site profile" in first.summary()
    with Corpus(corpus) as store:
        assert [(h, n) for h, n, _ in Profiles(store).hosts()] == [(HOST, 30)]
        texts = [r["text"] for r in store.records()]
    assert PROMO in texts[0] and sum(PROMO not in t for t in texts) == first.profiled

    second = on_dask([garden_warc(tmp_path / "b.warc.gz", range(30, 36))], corpus, dask_address)
    assert second.stored == 6 and second.profiled == 6  # the corpus's template, from the first page on
    with Corpus(corpus) as store:
        assert [(h, n) for h, n, _ in Profiles(store).hosts()] == [(HOST, 36)]
        texts = [r["text"] for r in store.records()][30:]
    assert not any(PROMO in t for t in texts) and all(f"Story {n} ends" in t for n, t in zip(range(30, 36), texts))


def test_later_tasks_get_what_earlier_ones_taught(tmp_path: Path, dask_address: str, monkeypatch) -> None:
    folder = story_folder(tmp_path, 12)
    monkeypatch.setattr("broadsheet.run.units.FILES_PER_TASK", 2)  # six tasks of two pages: none learns alone
    monkeypatch.setattr("broadsheet.run.dask.TASKS_PER_THREAD", 1)  # one thread: one task in flight
    stats = on_dask([folder], tmp_path / "c.sqlite", dask_address)
    assert stats.stored == 12
    # task k is submitted once task k-1 is merged: the driver has 2k pages, a template from k = 2 on
    first_with_template = -(-MIN_PROFILE_PAGES // 2)
    assert stats.profiled == 12 - 2 * first_with_template
    with Corpus(tmp_path / "c.sqlite") as store:
        texts = [r["text"] for r in store.records()]
    assert [PROMO in t for t in texts] == [n < 2 * first_with_template for n in range(12)]


def test_no_profiles_on_dask_neither_applies_nor_learns(tmp_path: Path, dask_address: str) -> None:
    corpus = tmp_path / "c.sqlite"
    stats = on_dask([garden_warc(tmp_path / "a.warc.gz", range(12))], corpus, dask_address, profiles=False)
    assert stats.stored == 12 and stats.profiled == 0 and "site profile" not in stats.summary()
    assert profile_bytes(corpus) == {}
    with Corpus(corpus) as store:
        assert all(PROMO in r["text"] for r in store.records())


def test_a_corpus_with_a_profile_gets_the_same_records_and_profile_as_locally(tmp_path: Path,
                                                                            dask_address: str) -> None:
    """Where every page has its template from the start, a Dask run and a local one agree
    page for page, and both learn the same profile from the same stored articles."""
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    ingest([garden_warc(tmp_path / "learn.warc.gz", range(20))], local, workers=1, progress=False)
    with sqlite3.connect(local) as ref, sqlite3.connect(dask) as copy:
        ref.backup(copy)  # the same corpus, profile included, on both sides
    ref.close()
    copy.close()
    more = garden_warc(tmp_path / "more.warc.gz", range(20, 26))
    here = ingest([more], local, workers=1, progress=False)
    there = on_dask([more], dask, dask_address)
    assert (here.stored, here.profiled) == (there.stored, there.profiled) == (6, 6)
    assert snapshot(local) == snapshot(dask)
    assert profile_bytes(local) == profile_bytes(dask) and set(profile_bytes(dask)) == {HOST}
    with Corpus(dask) as store:
        assert [(h, n) for h, n, _ in Profiles(store).hosts()] == [(HOST, 26)]


def test_templates_go_inside_the_tasks_when_they_cannot_be_scattered(tmp_path: Path, dask_address: str,
                                                                       monkeypatch) -> None:
    """A cluster with no worker yet stalls a scatter: the templates then travel in each task."""
    from distributed import Client

    tried: list[object] = []

    def no_worker(_client: object, data: object, **_kwargs: object) -> None:
        tried.append(data)
        raise TimeoutError("No valid workers found")

    monkeypatch.setattr(Client, "scatter", no_worker)
    corpus = tmp_path / "c.sqlite"
    on_dask([garden_warc(tmp_path / "a.warc.gz", range(6))], corpus, dask_address)
    stats = on_dask([garden_warc(tmp_path / "b.warc.gz", range(6, 9))], corpus, dask_address)
    assert (stats.stored, stats.profiled) == (3, 3)
    assert len(tried) == 2  # once a run: after that each task takes the templates along


def test_a_merge_cut_short_teaches_nothing(tmp_path: Path, monkeypatch) -> None:
    """A shard's lessons go with its transaction: an interrupted merge stores and learns nothing."""
    from broadsheet.corpus.profiles import SiteWork
    from broadsheet.model import Page
    from broadsheet.run.analyse import analyse
    from broadsheet.run.dask import SiteNote, TaskResult, merge
    from broadsheet.run.interrupt import Interrupted
    from broadsheet.run.pipeline import Pipeline
    from broadsheet.run.shards import write_shard
    from broadsheet.run.stats import Stats

    analyses = [analyse(Page(f"https://{HOST}/story/{n}", story(n)), site=SiteWork(HOST)) for n in range(4)]
    shard = str(tmp_path / "task.parquet")
    write_shard(analyses, shard)
    result = TaskResult(shard, Stats(), sites=[SiteNote(a.site, a.profiled, a.blocks) for a in analyses])
    corpus = tmp_path / "c.sqlite"
    real = Pipeline.commit
    calls = []

    def cut(self: Pipeline, analysis, **kwargs):  # the signal lands after the third page
        calls.append(1)
        if len(calls) == 4:
            raise Interrupted(2)
        return real(self, analysis, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Pipeline, "commit", cut)
        with pytest.raises(Interrupted), Corpus(corpus) as store, Pipeline(store, progress=False) as pipe:
            merge(result, pipe)
    assert profile_bytes(corpus) == {} and snapshot(corpus) == []
    with Corpus(corpus) as store, Pipeline(store, progress=False) as pipe:
        merge(result, pipe)
        assert pipe.profiles.get(HOST).pages == 4 and pipe.stats.stored == 4
    with Corpus(corpus) as store:
        assert [(h, n) for h, n, _ in Profiles(store).hosts()] == [(HOST, 4)]
