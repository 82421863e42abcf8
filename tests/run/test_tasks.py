"""Sources plan their own tasks, so the local runner and Dask read with the same code and
end with the same counts and corpus, on awkward inputs too."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

from broadsheet.corpus import Checkpoint
from broadsheet.run.ingest import ingest
from broadsheet.run.stats import Stats
from broadsheet.run.units import FilesTask, FolderSource, UrlListSource, UrlTask, WarcSource
from tests.run.conftest import mixed_records, snapshot
from tests.sources.warcs import article_html, write_warc


def comparable(stats: Stats) -> dict:
    """The counts both runners must agree on: not the time, nor how many pages were extracted
    with their site's profile, which depends on how fast results come back (run.dask's doc:
    in a loaded CI run the local runner profiled 0 pages where Dask profiled 2)."""
    data = stats.to_dict()
    data.pop("seconds")
    data.pop("with_profile")
    return data


def both(tmp_path: Path, address: str, sources: list[Path]) -> tuple[dict, dict]:
    """Ingest `sources` locally and on Dask; their stats, after checking the corpora match."""
    local = ingest(sources, tmp_path / "local.sqlite", workers=1, progress=False)
    dask = ingest(sources, tmp_path / "dask.sqlite", dask=address, out=str(tmp_path / "shards"), progress=False)
    assert snapshot(tmp_path / "local.sqlite") == snapshot(tmp_path / "dask.sqlite")
    return comparable(local), comparable(dask)


def test_an_empty_url_list_fails_its_source_in_both(tmp_path: Path, dask_address: str) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("# nothing to fetch yet\n\n")
    local, dask = both(tmp_path, dask_address, [urls])
    assert local == dask
    assert local["failed_sources"] == [str(urls)] and local["pages"] == 0


def test_unreadable_files_are_counted_alike_and_the_rest_ingested(tmp_path: Path, dask_address: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.html").write_bytes(article_html(n))
    os.symlink(tmp_path / "nowhere.html", folder / "1b-gone.html")  # listed, but cannot be opened
    local, dask = both(tmp_path, dask_address, [folder])
    assert local == dask
    assert local["articles"] == 3 and local["errors"] == {"unreadable file": 1}
    assert local["failed_sources"] == []


def test_a_folder_and_a_warc_give_the_same_corpus(tmp_path: Path, dask_address: str, monkeypatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(40, 45):
        (folder / f"{n}.html").write_bytes(article_html(n))
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, mixed_records())
    monkeypatch.setattr("broadsheet.run.units.FILES_PER_TASK", 2)  # several tasks per folder
    local, dask = both(tmp_path, dask_address, [folder, warc])
    assert local == dask and local["articles"] == 13


def test_tasks_are_planned_by_the_sources(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.html").write_bytes(article_html(n))
    warc = tmp_path / "a.warc.gz"
    offsets = write_warc(warc, mixed_records())
    nothing = lambda key: None  # noqa: E731
    stats = Stats()
    (whole,) = WarcSource(str(warc)).tasks(nothing, stats)
    assert (whole.start, whole.stop) == (0, None)
    slices = list(WarcSource(str(warc)).tasks(nothing, stats, slice_bytes=max(offsets) // 3))
    assert len(slices) >= 3 and slices[0].start == 0 and slices[-1].stop is None
    assert all(a.stop == b.start for a, b in zip(slices, slices[1:]))
    pages = [item.page.url for task in slices for item in task.items(stats) if item.page is not None]
    assert pages == [item.page.url for item in whole.items(stats) if item.page is not None]
    (files,) = FolderSource(str(folder)).tasks(nothing, stats)
    assert isinstance(files, FilesTask) and len(files.files) == 3
    urls = tmp_path / "urls.txt"
    urls.write_text("https://a.example/1\n")
    resumed = lambda key: Checkpoint(key, 4, 4)  # noqa: E731
    (task,) = UrlListSource(str(urls)).tasks(resumed, stats)
    assert isinstance(task, UrlTask) and task.start == 4
    for t in (whole, slices[1], files, task):  # self-contained: they travel to Dask workers
        assert pickle.loads(pickle.dumps(t)) == t
