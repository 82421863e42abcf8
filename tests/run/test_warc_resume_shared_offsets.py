"""Resuming a WARC whose gzip members or zstd frames hold several records (review R13 finding 7).

FastWARC gives records of one member the same offset; a checkpoint `offset + 1` after the
first of them made a resume pass over the others. Killed after any page, the resumed run
must read every page not yet handed on (the one at a shared offset again, as a duplicate)."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from broadsheet.run.stats import Stats
from broadsheet.run.units import WarcTask
from tests.sources.test_warc_zstd_streams import news, zstd_all


def urls(task: WarcTask) -> list[tuple[str, int, int]]:
    """(page URL, checkpoint seek, resume_at) of each page the task hands on."""
    out = []
    for item in task.items(Stats()):
        if item.page is not None:
            assert item.checkpoint is not None
            out.append((item.page.url or "", item.checkpoint.seek, item.checkpoint.resume_at))
    return out


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc.zst"])
@pytest.mark.parametrize("per_member", [1, 2, 5, 20])
def test_a_resume_after_any_page_loses_none(tmp_path: Path, suffix: str, per_member: int) -> None:
    records = [news(n) for n in range(1, 21)]
    groups = [b"".join(records[i:i + per_member]) for i in range(0, len(records), per_member)]
    path = tmp_path / ("shared" + suffix)
    path.write_bytes(b"".join(gzip.compress(g) if suffix == ".warc.gz" else zstd_all(g, 1 << 20) for g in groups))
    whole = urls(WarcTask(str(path), "k"))
    assert len(whole) == 20
    for done, (_, seek, resume_at) in enumerate(whole, 1):
        resumed = {url for url, _, _ in urls(WarcTask(str(path), "k", seek, resume_at))}
        lost = {url for url, _, _ in whole[done:]} - resumed
        assert not lost, (done, seek, resume_at, sorted(lost))
