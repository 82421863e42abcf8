"""Site profiles in the corpus: learned in memory, written with the commits, read back."""
import logging
from pathlib import Path

from broadsheet.corpus import Corpus
from broadsheet.corpus import profiles as profiles_mod
from broadsheet.corpus.profiles import Profiles
from broadsheet.extract.profile import PageBlocks, SiteProfile
from broadsheet.model import Page

BLOCKS = PageBlocks(frozenset({11 << 40, 12 << 40}), slot=7)


def page(url: str | None, html: bytes = b"<p>x</p>") -> Page:
    return Page(url=url, content=html)


def test_learned_profiles_are_kept_in_the_corpus(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        for _ in range(4):
            store.learn("news.example", BLOCKS)
        store.save()
        corpus.commit()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        assert store.get("news.example") == SiteProfile.learned([BLOCKS] * 4, host="news.example")
        assert [(h, n) for h, n, _ in store.hosts()] == [("news.example", 4)]
        assert store.read("other.example") is None


def test_work_applies_a_profile_after_min_pages(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus, min_pages=3)
        assert store.work(page(None)) is None  # no URL, none stated, no links: no site
        first = store.work(page("https://www.news.example/a"))
        assert first is not None and first.site == "news.example" and first.template is None and first.learn
        for _ in range(3):
            store.learn("news.example", BLOCKS)
        later = store.work(page("https://news.example/b"))
        assert later is not None and later.template is not None and BLOCKS.slot in later.template.slots
        assert Profiles(corpus, enabled=False).work(page("https://news.example/c")) is None


def test_big_profiles_learn_from_some_pages(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(profiles_mod, "LEARN_ALL", 5)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        for _ in range(5):
            store.learn("news.example", BLOCKS)
        asked = [store.work(page(f"https://news.example/{n}")) for n in range(8)]
        assert sum(w.learn for w in asked if w) == 8 // profiles_mod.LEARN_EVERY


def test_evicted_profiles_are_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(profiles_mod, "CACHE_HOSTS", 2)
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        for host in ("a.example", "b.example", "c.example"):
            store.learn(host, BLOCKS)
        corpus.commit()
        assert [h for h, _, _ in store.hosts()] == ["a.example"]  # written when it left memory
        store.save()
        corpus.commit()
        assert sorted(h for h, _, _ in store.hosts()) == ["a.example", "b.example", "c.example"]


def test_saving_when_due_waits(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        store.learn("news.example", BLOCKS)
        store.save(due=True)  # the run just started: not yet
        assert list(store.hosts()) == []
        store.save()
        assert [h for h, _, _ in store.hosts()] == ["news.example"]


def test_a_corpus_made_before_profiles_gains_the_table(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.db.execute("DROP TABLE profiles")
    with Corpus(tmp_path / "c.sqlite") as corpus:
        store = Profiles(corpus)
        assert store.read("news.example") is None and list(store.hosts()) == []
        store.learn("news.example", BLOCKS)
        store.save()
        corpus.commit()
        assert Profiles(corpus).read("news.example") is not None


def test_an_unreadable_profile_is_learned_again(tmp_path: Path, caplog) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        corpus.db.execute("INSERT INTO profiles(host, pages, profile, updated) VALUES ('x.example', 3, x'00', 'now')")
        with caplog.at_level(logging.WARNING, logger="broadsheet.corpus"):
            assert Profiles(corpus).get("x.example") == SiteProfile("x.example")
        assert "cannot be read" in caplog.text
