"""Resumption and re-crawl: a killed crawl does not refetch what it stored; a later crawl
asks conditionally and fetches only new or changed pages; --max-pages continues next run."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.demo.server import RequestLog
from tests.crawl.conftest import REPO_ROOT, run_crawl
from tests.crawl.sitegen import Host, serve, synthetic_stories


def _stored_urls(corpus: Path) -> set[str]:
    """URLs whose article is committed (read as another process would, mid-crawl)."""
    if not corpus.exists():
        return set()
    db = sqlite3.connect(f"file:{corpus}?mode=ro", uri=True, timeout=5)
    try:
        return {r[0] for r in db.execute("SELECT url FROM crawl_url WHERE status='stored' AND article=1")}
    except sqlite3.OperationalError:  # not created yet
        return set()
    finally:
        db.close()


def test_a_killed_crawl_resumes_without_refetching_what_it_stored(tmp_path: Path, log: RequestLog,
                                                                   hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Gamma", n=12, seed=31)
    hosts.append(host)
    corpus = tmp_path / "c.sqlite"
    cmd = [sys.executable, "-m", "broadsheet", "crawl", host.url + "/", "--corpus", str(corpus),
           "--delay", "0.15", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while len(_stored_urls(corpus)) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    stored = _stored_urls(corpus)
    assert 3 <= len(stored) < 12, "the kill should land mid-crawl"
    log.clear()
    result = run_crawl([host.url + "/"], corpus)
    assert result.report.resumed
    refetched = {host.url + p for p in log.paths()} & stored
    assert refetched == set()
    with Corpus(corpus) as store:
        for path in host.story_paths():
            assert len(store.find_url(host.url + path)) == 1, path


def test_a_recrawl_asks_conditionally_and_fetches_only_new_or_changed(tmp_path: Path, log: RequestLog,
                                                                       hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Delta", n=6, seed=41)
    hosts.append(host)
    corpus = tmp_path / "c.sqlite"
    first = run_crawl([host.url + "/"], corpus)
    assert first.report.totals()["articles"] == 6 and not first.report.resumed
    old = host.story_paths()
    changed = host.spec.stories[2]
    extra = synthetic_stories(1, seed=42, sections=["news"], now=changed.published, channels=[("feed",)])[0]
    host.spec.stories[2] = replace(changed, paragraphs=changed.paragraphs + ("A correction was added on Friday.",))
    host.spec.stories.append(extra)
    host.rebuild()
    log.clear()
    second = run_crawl([host.url + "/"], corpus)
    by_path = {r.path: r for r in log.all()}
    for path in old:
        assert by_path[path].headers.get("if-none-match"), path  # every known page asked conditionally
    assert {p for p in old if by_path[p].status == 200} == {changed.path}
    assert all(by_path[p].status == 304 for p in old if p != changed.path)
    assert by_path[extra.path].status == 200
    totals = second.report.totals()
    assert totals["articles"] == 1 and totals["not_modified"] >= 5  # the 5 unchanged stories, and hubs
    # One added sentence: the dedup stage records the new version as a near duplicate.
    assert second.report.hosts[host.netloc].reasons["duplicate (near)"] == 1
    with Corpus(corpus) as store:
        assert len(store.find_url(host.url + extra.path)) == 1
        assert len(store.find_url(host.url + changed.path)) == 2


def test_max_pages_stops_and_the_next_run_goes_on(tmp_path: Path, log: RequestLog, hosts: list[Host]) -> None:
    host = serve("127.0.0.1", log, name="Epsilon", n=8, seed=51)
    hosts.append(host)
    corpus = tmp_path / "c.sqlite"
    first = run_crawl([host.url + "/"], corpus, max_pages=4)
    assert first.report.pages == 4 and first.report.stopped_by_budget
    html_200 = [r for r in log.all() if r.status == 200 and r.path.count("/") >= 4]
    assert len(html_200) <= 3  # the home page is one of the four
    log.clear()
    run_crawl([host.url + "/"], corpus)
    with Corpus(corpus) as store:
        assert store.count() == 8
