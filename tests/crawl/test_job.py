"""The crawl job with extraction in worker processes gives the same corpus as in a thread."""
from __future__ import annotations

from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.crawl import crawl
from broadsheet.demo.server import RequestLog
from tests.crawl.conftest import fast_config
from tests.crawl.sitegen import Host, serve


def _ids(path: Path) -> set[tuple[str, str]]:
    with Corpus(path) as store:
        return {(r["id"], r["url"]) for r in store.records()}


def test_worker_processes_store_the_same_records(tmp_path: Path, log: RequestLog, hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Workers", n=4, seed=81)
    hosts.append(host)
    threaded = crawl([host.url + "/"], corpus=tmp_path / "t.sqlite", config=fast_config(), progress=False)
    pooled = crawl([host.url + "/"], corpus=tmp_path / "p.sqlite", config=fast_config(), progress=False, workers=1)
    assert threaded.report.totals()["articles"] == pooled.report.totals()["articles"] == 4
    assert _ids(tmp_path / "t.sqlite") == _ids(tmp_path / "p.sqlite")
