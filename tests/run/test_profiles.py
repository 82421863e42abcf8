"""Ingest and crawl learn each site's profile as they go and use it once a host has enough pages."""
from __future__ import annotations

from pathlib import Path

from broadsheet import Corpus
from broadsheet.corpus.profiles import Profiles, SiteWork
from broadsheet.extract.profile import MIN_PROFILE_PAGES, Template
from broadsheet.model import Page
from broadsheet.run.analyse import analyse
from broadsheet.run.guard import GuardedPool
from broadsheet.run.ingest import ingest
from broadsheet.run.pipeline import Pipeline

PROMO = "Our spring catalogue of seeds and bulbs is out now: thirty pages of them, all in colour."


def story(n: int) -> bytes:
    return (
        f"<html><head><title>Garden story number {n}</title></head><body><div id='page'>"
        f"<div class='main'><h1>Garden story number {n}</h1><div class='entry'>"
        f"<p>Story {n} opens with its own first paragraph, which is long enough to be prose for sure.</p>"
        f"<p>In story {n} the tomatoes ripen late, the beans climb early and the neighbours ask for both.</p>"
        f"<p>Story {n} then goes on with a second paragraph of its own, also long enough to count.</p>"
        f"<p>Story {n} ends with a third paragraph that no other page of this site has in it.</p></div>"
        f"<div class='box'><p>{PROMO}</p></div></div>"
        "<div class='side'><p>About this site: a garden diary kept since two thousand and nine.</p></div>"
        "</div></body></html>"
    ).encode()


def test_pipeline_uses_a_profile_after_min_pages(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False) as pipe:
        outcomes = [pipe.process(Page(f"https://garden.example/{n}", story(n))) for n in range(8)]
        assert all(o.status == "stored" for o in outcomes)
        texts = [corpus.get(o.id)["text"] for o in outcomes]  # type: ignore[index]
        assert pipe.stats.profiled == 8 - MIN_PROFILE_PAGES
        assert f"{8 - MIN_PROFILE_PAGES} pages with a site profile" in pipe.summary()
    assert all(PROMO in t for t in texts[:MIN_PROFILE_PAGES])
    assert not any(PROMO in t for t in texts[MIN_PROFILE_PAGES:])
    assert all(f"Story {n} ends" in t for n, t in enumerate(texts))
    with Corpus(tmp_path / "c.sqlite") as corpus:  # kept in the corpus for the next run
        assert [(h, n) for h, n, _ in Profiles(corpus).hosts()] == [("garden.example", 8)]


def test_duplicates_teach_nothing(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus, Pipeline(corpus, progress=False) as pipe:
        for n in range(5):
            pipe.process(Page(f"https://garden.example/{n}", story(0)))
        assert pipe.profiles.get("garden.example").pages == 1


def story_folder(tmp_path: Path, count: int) -> Path:
    """A folder of `count` stories of garden.example, their URLs in its urls.tsv."""
    folder = tmp_path / "pages"
    folder.mkdir()
    lines = []
    for n in range(count):
        (folder / f"{n:02d}.html").write_bytes(story(n))
        lines.append(f"{n:02d}.html\thttps://garden.example/story/{n}")
    (folder / "urls.tsv").write_text("\n".join(lines) + "\n")
    return folder


def test_ingest_uses_profiles_by_default(tmp_path: Path) -> None:
    folder = story_folder(tmp_path, 30)
    stats = ingest([folder], tmp_path / "c.sqlite", workers=1, progress=False)
    assert stats.stored == 30
    # pages sent to the worker before three of the site's pages were back teach, later ones apply
    assert 0 < stats.profiled < 30 and "with a site profile" in stats.summary()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        texts = [r["text"] for r in corpus.records()]
    assert PROMO in texts[0] and PROMO not in texts[-1]
    assert sum(PROMO not in t for t in texts) == stats.profiled

    plain = ingest([folder], tmp_path / "plain.sqlite", workers=1, progress=False, profiles=False)
    assert plain.profiled == 0 and "site profile" not in plain.summary()


def test_the_guarded_pool_carries_the_site_work() -> None:
    template = Template(texts=frozenset({1}), slots=frozenset(), pages=5)
    page = Page("https://garden.example/1", story(1))
    with GuardedPool(1) as pool:
        analysis = pool.submit(page, SiteWork("garden.example", template, learn=True)).result()
        plain = pool.submit(page).result()
    assert analysis.site == "garden.example" and analysis.profiled and analysis.blocks is not None
    assert analysis.blocks.texts and plain.blocks is None and not plain.profiled
    assert analysis.record == plain.record  # a template that matches nothing changes nothing
    assert analyse(page, site=SiteWork("garden.example", None, learn=False)).blocks is None


def test_crawl_uses_profiles_by_default(tmp_path: Path) -> None:
    from broadsheet.demo.server import RequestLog
    from tests.crawl.conftest import run_crawl
    from tests.crawl.sitegen import serve

    host = serve("127.0.0.1", RequestLog(), name="Gamma Gazette", n=12, seed=21)
    try:
        result = run_crawl([host.url + "/"], tmp_path / "c.sqlite", delay=0.01)
    finally:
        host.server.stop()
    assert result.stats.stored >= 10
    assert result.stats.profiled > 0 and "pages with a site profile" in result.stats.summary()
    with Corpus(tmp_path / "c.sqlite") as corpus:
        assert [n for _h, n, _ in Profiles(corpus).hosts()] == [result.stats.stored]
