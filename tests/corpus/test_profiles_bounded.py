"""A run's per-site page counts are bounded by the profile cache (review R6 finding 11): a run
meeting many hosts keeps the counts of at most CACHE_HOSTS + 1 of them."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.corpus import Corpus
from broadsheet.corpus import profiles as profiles_mod
from broadsheet.corpus.profiles import Profiles
from broadsheet.extract.profile import PageBlocks
from broadsheet.model import Page

BLOCKS = PageBlocks(frozenset({11 << 40, 12 << 40}), slot=7)


def test_counts_of_pages_asked_leave_with_their_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles_mod, "CACHE_HOSTS", 8)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        for n in range(500):
            assert store.work(Page(url=f"https://h{n}.example/a", content=b"<p>x</p>")) is not None
            assert len(store._asked) <= 9
        assert set(store._asked) <= {f"h{n}.example" for n in range(490, 500)}


def test_a_big_site_still_learns_one_page_in_learn_every_among_many_hosts(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles_mod, "LEARN_ALL", 5)
    monkeypatch.setattr(profiles_mod, "CACHE_HOSTS", 4)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        for _ in range(5):
            store.learn("news.example", BLOCKS)
        learned = 0
        for n in range(40):
            work = store.work(Page(url=f"https://news.example/{n}", content=b"<p>x</p>"))
            learned += bool(work and work.learn)
            store.work(Page(url=f"https://other{n % 3}.example/{n}", content=b"<p>x</p>"))  # stays in the cache
        assert learned == 40 // profiles_mod.LEARN_EVERY
