"""A resumed ingest counts each page once (review R17, first defect).

Where several records share a gzip member or zstd frame (and in a file compressed as one
stream) FastWARC gives them one offset, so a resume cannot seek to the page after the last
one committed. It read them again from an earlier offset, and the pages the interrupted run
had stored were counted again, as exact duplicates of themselves (a pzstd file: 1,000). The
checkpoint now also says how many pages at its offset were handed on, and a resume passes
over them, quietly: the interrupted run's counts plus the resumed run's are an
uninterrupted run's."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from broadsheet import Corpus
from broadsheet.corpus import Checkpoint
from broadsheet.run.ingest import ingest
from broadsheet.run.pipeline import Pipeline
from broadsheet.run.stats import Stats
from broadsheet.run.units import WarcSource, WarcTask
from tests.run.conftest import counts, die_after_commits, mixed_records, snapshot
from tests.sources.test_warc_zstd_streams import zstd_all
from tests.sources.warcs import news_records, write_warc

LAYOUTS = [(".warc.gz", 1), (".warc.gz", 3), (".warc.gz", 0), (".warc.zst", 1), (".warc.zst", 4), (".warc.zst", 0)]


def compressed(tmp_path: Path, records: list, suffix: str, per_member: int) -> Path:
    """The records with `per_member` records in each gzip member or zstd frame (0: the whole
    file one stream)."""
    plain = tmp_path / "plain.warc"
    offsets = write_warc(plain, records, gz=False) + [plain.stat().st_size]
    data = plain.read_bytes()
    step = per_member or len(records)
    groups = [data[offsets[i]:offsets[min(i + step, len(records))]] for i in range(0, len(records), step)]
    path = tmp_path / f"in{suffix}"
    path.write_bytes(b"".join(gzip.compress(g) if suffix == ".warc.gz" else zstd_all(g, 1 << 20) for g in groups))
    return path


def read(*tasks: WarcTask) -> tuple[list[tuple[str, Checkpoint]], Stats]:
    stats = Stats()
    out = [(item.page.url or "", item.checkpoint) for task in tasks for item in task.items(stats)
           if item.page is not None]
    return out, stats


@pytest.mark.parametrize("slice_bytes", [None, 700])  # (slices: Dask's tasks)
@pytest.mark.parametrize(("suffix", "per_member"), LAYOUTS)
def test_a_resume_after_any_page_reads_exactly_the_pages_not_handed_on(tmp_path: Path, suffix: str,
                                                                      per_member: int, slice_bytes: int | None) -> None:
    path = compressed(tmp_path, mixed_records() + mixed_records(start=20), suffix, per_member)
    key = WarcSource(str(path)).key
    whole, all_events = read(WarcTask(str(path), key))
    assert len(whole) == 24
    shared = False
    for done, (_, cp) in enumerate(whole, 1):
        shared = shared or cp.passed > 0
        with Corpus(tmp_path / f"c{done}.sqlite") as corpus:  # the checkpoint as a corpus keeps it
            corpus.checkpoint(cp)
            corpus.commit()
        with Corpus(tmp_path / f"c{done}.sqlite") as corpus:
            tasks = list(WarcSource(str(path)).tasks(corpus.progress, Stats(), slice_bytes=slice_bytes))
        assert len(tasks) == 1 or slice_bytes
        rest, events = read(*tasks)
        assert [url for url, _ in rest] == [url for url, _ in whole[done:]], (done, cp)
        # nothing counted twice: what this resume reports is a part of what the whole run did
        assert not (events.ignored - all_events.ignored) and not (events.errors - all_events.errors)
    assert shared == (per_member != 1)


def interrupted_then_resumed(warc: Path, corpus: Path, monkeypatch, stop_after: int) -> tuple[Stats, Stats]:
    """The committed counts of a run stopped after `stop_after` pages, and the resumed run's."""
    real = Pipeline.commit
    first = Stats()
    die_after_commits(monkeypatch, stop_after)
    with pytest.raises(KeyboardInterrupt):
        ingest([warc], corpus, workers=1, progress=False, commit_every=3, stats=first)
    monkeypatch.setattr(Pipeline, "commit", real)
    return first, ingest([warc], corpus, workers=1, progress=False)


@pytest.mark.parametrize(("suffix", "per_member"), LAYOUTS)
def test_a_resumed_ingest_counts_no_stored_page_as_a_duplicate(tmp_path: Path, monkeypatch, suffix: str,
                                                               per_member: int) -> None:
    warc = compressed(tmp_path, news_records(12), suffix, per_member)
    first, resumed = interrupted_then_resumed(warc, tmp_path / "c.sqlite", monkeypatch, 7)
    assert first.stored == 6  # two batches of three committed, the third dropped
    assert (resumed.pages, resumed.stored, resumed.duplicates) == (6, 6, {})
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert corpus.count(with_duplicates=True) == 12 and corpus.count() == 12


@pytest.mark.parametrize(("suffix", "per_member"), LAYOUTS)
@pytest.mark.parametrize("stop_after", [2, 5, 10])
def test_an_interrupted_and_a_resumed_run_add_up_to_one_run(tmp_path: Path, monkeypatch, suffix: str,
                                                            per_member: int, stop_after: int) -> None:
    warc = compressed(tmp_path, mixed_records(), suffix, per_member)
    whole = ingest([warc], tmp_path / "ref.sqlite", workers=1, progress=False)
    first, resumed = interrupted_then_resumed(warc, tmp_path / "c.sqlite", monkeypatch, stop_after)
    total = Stats()
    total += first
    total += resumed
    assert counts(total) == counts(whole)
    assert snapshot(tmp_path / "c.sqlite") == snapshot(tmp_path / "ref.sqlite")
