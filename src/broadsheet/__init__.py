"""broadsheet: the news web as clean, structured article records.

Public API (everything in `__all__`; nothing else is promised):

- types: `Page` (in), `Article` and `Block` (out)
- one page: `extract(html, url)`, `extract_page(page)`
- many pages: `iter_warc(path)` (Pages of a WARC file), `ingest(sources, corpus)` (WARC
  files, folders, URL lists into a corpus), `crawl(urls, corpus=...)` with `CrawlConfig`
- at rest: `Corpus(path)`
- errors, all `BroadsheetError`: `NotHTML`, `InputError` (`NotRegularFile`), `FetchError`
  (`HTTPStatusError`), `TooLarge`, `BadEncoding`, `CorpusError` (`CorpusFull`),
  `UnstorableRecord` (from `Corpus.add`: one record whose values cannot be stored)

`extract`, `extract_page`, `Corpus`, `ingest`, `crawl`, `iter_warc` and their errors load
on first use, so `import broadsheet` stays cheap (no parser, SQLite, NumPy or HTTP stack
until needed) and the command's own start (`broadsheet.cli.main`, which turns a Ctrl-C into
"interrupted" and exit status 130) comes a few milliseconds after Python's.
`broadsheet.crawl` and `broadsheet.extract` are functions even though subpackages of the
same names exist (import those as `from broadsheet.crawl import CrawlConfig`).
"""
from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from broadsheet.errors import BroadsheetError, FetchError, InputError, NotHTML
from broadsheet.inflate import BadEncoding, TooLarge
from broadsheet.model import Article, Block, Page

if TYPE_CHECKING:  # the lazy names below, for type checkers and IDEs
    from broadsheet.corpus import Corpus
    from broadsheet.corpus.schema import CorpusError, CorpusFull
    from broadsheet.corpus.store import UnstorableRecord
    from broadsheet.crawl import CrawlConfig, crawl
    from broadsheet.extract import extract, extract_page
    from broadsheet.run.ingest import ingest
    from broadsheet.sources.fetch import HTTPStatusError
    from broadsheet.sources.files import NotRegularFile
    from broadsheet.sources.warc import iter_warc

__all__ = [
    "Article",
    "BadEncoding",
    "Block",
    "BroadsheetError",
    "Corpus",
    "CorpusError",
    "CorpusFull",
    "CrawlConfig",
    "FetchError",
    "HTTPStatusError",
    "InputError",
    "NotHTML",
    "NotRegularFile",
    "Page",
    "TooLarge",
    "UnstorableRecord",
    "__version__",
    "crawl",
    "extract",
    "extract_page",
    "ingest",
    "iter_warc",
]

#: Name -> module of the names loaded on first use.
_LAZY = {
    "Corpus": "broadsheet.corpus",
    "CorpusError": "broadsheet.corpus.schema",
    "CorpusFull": "broadsheet.corpus.schema",
    "CrawlConfig": "broadsheet.crawl",
    "crawl": "broadsheet.crawl",
    "extract": "broadsheet.extract",
    "extract_page": "broadsheet.extract",
    "ingest": "broadsheet.run.ingest",
    "HTTPStatusError": "broadsheet.sources.fetch",
    "NotRegularFile": "broadsheet.sources.files",
    "iter_warc": "broadsheet.sources.warc",
    "UnstorableRecord": "broadsheet.corpus.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'broadsheet' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """Importing a subpackage (`broadsheet.crawl`) sets it as an attribute of its parent;
    for the names of the API that would replace the function by the module, depending on
    what was imported first. The function stays."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API_FUNCTIONS and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


_API_FUNCTIONS = frozenset({"crawl", "extract"})
sys.modules[__name__].__class__ = _Package
