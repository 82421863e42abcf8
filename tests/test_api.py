"""The public Python API: one `__all__`, every error exported, lazy names, clear misuse errors."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import broadsheet
from broadsheet import Article, Block, BroadsheetError, Page, extract

PAGE = (
    b"<html><head><title>Harbour</title>"
    b"<link rel='canonical' href='https://www.news.example/2024/05/01/harbour-bridge.html?utm_source=x'>"
    b"</head><body><article><h1>Harbour</h1><p>The harbour bridge opens again on Monday after two years "
    b"of repairs, the council said, and the ferries will keep running until the end of the month.</p>"
    b"</article></body></html>"
)


def test_every_name_in_all_resolves_and_dir_lists_it() -> None:
    for name in broadsheet.__all__:
        assert getattr(broadsheet, name) is not None, name
    assert set(broadsheet.__all__) <= set(dir(broadsheet))
    assert {"Corpus", "ingest", "crawl", "iter_warc", "extract", "extract_page", "Page", "Article"} <= set(broadsheet.__all__)
    with pytest.raises(AttributeError):
        broadsheet.no_such_thing  # noqa: B018


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out


def test_every_error_a_user_can_meet_is_exported() -> None:
    """Import every module that needs no extra, then every public BroadsheetError subclass
    defined outside the CLI must be in `broadsheet.__all__` (and be that very class)."""
    for info in pkgutil.walk_packages(broadsheet.__path__, "broadsheet."):
        if info.name.endswith("__main__") or info.name.startswith(("broadsheet.web", "broadsheet.bench", "broadsheet.integrations", "broadsheet.demo")):
            continue
        importlib.import_module(info.name)
    errors = {c for c in _subclasses(BroadsheetError) if c.__module__.startswith("broadsheet.")}
    public = {c for c in errors if not c.__name__.startswith("_") and not c.__module__.startswith("broadsheet.cli")}
    assert public, "no error classes found"
    for cls in public | {BroadsheetError}:
        assert cls.__name__ in broadsheet.__all__, f"{cls.__module__}.{cls.__name__} is not exported"
        assert getattr(broadsheet, cls.__name__) is cls


def test_lazy_names_are_typed_for_checkers() -> None:
    """The names loaded on first use are also imported under TYPE_CHECKING (so type checkers
    and IDEs see their signatures), and the package ships py.typed."""
    source = inspect.getsource(broadsheet)
    block = source.split("if TYPE_CHECKING:", 1)[1].split("\n\n", 1)[0]
    for name in broadsheet._LAZY:
        assert f" {name}" in block, name
    assert (Path(broadsheet.__path__[0]) / "py.typed").exists()
    assert "Stats" in str(inspect.signature(broadsheet.ingest).return_annotation)


def test_crawl_is_the_function_whatever_was_imported_first() -> None:
    code = (
        "import broadsheet.crawl, broadsheet; from broadsheet.crawl import CrawlConfig; "
        "import broadsheet.crawl.urls; assert callable(broadsheet.crawl) and not hasattr(broadsheet.crawl, '__path__'), broadsheet.crawl; "
        "assert broadsheet.crawl.__name__ == 'crawl' and broadsheet.extract.__name__ == 'extract'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_import_stays_light() -> None:
    code = "import sys, broadsheet; print(sorted(m for m in ('sqlite3', 'numpy', 'httpx', 'broadsheet.crawl', 'broadsheet.extract', 'selectolax') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


@pytest.mark.parametrize("value", [None, 42, Page(url=None, content=b"<p>x</p>")])
def test_extract_of_something_that_is_not_a_page_is_a_type_error(value) -> None:
    with pytest.raises(TypeError, match=r"extract\(\) needs the page as str or bytes, not "):
        extract(value)
    assert extract(bytearray(b"<p>plain</p>")).text == extract(b"<p>plain</p>").text


def test_page_repr_is_short() -> None:
    page = Page(url="https://news.example/a", content=b"<p>" * 100_000, headers={"Content-Type": "text/html"}, origin="x.warc#0")
    assert repr(page) == "Page(url='https://news.example/a', origin='x.warc#0', 300000 bytes, content_type='text/html')"


def test_docstrings_on_the_renderers_and_from_dict() -> None:
    for member in (Article.to_html, Article.to_markdown, Article.from_dict, Block.from_dict, Article.to_dict):
        assert member.__doc__ and len(member.__doc__) > 30, member


def test_round_trip_through_to_dict() -> None:
    article = extract(PAGE)
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_dict({**article.to_dict(), "id": "x", "published_at": "2024-05-01T00:00:00Z"}) == article


def test_a_page_without_url_takes_its_canonical_url() -> None:
    article = extract(PAGE)
    assert article.url == "https://www.news.example/2024/05/01/harbour-bridge.html"
    assert article.sources["url"] == "canonical"
    given = extract(PAGE, url="https://news.example/a")
    assert given.url == "https://news.example/a" and given.sources["url"] == "input"
    home = PAGE.replace(b"2024/05/01/harbour-bridge.html?utm_source=x", b"")
    assert extract(home).url is None  # a canonical naming the home page is not the story's URL
