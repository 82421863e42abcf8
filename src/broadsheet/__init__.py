"""broadsheet: the news web as clean, structured article records.

Public API: `extract`, `extract_page`, `Page`, `Article`, `Block`, `Corpus` and the
exception tree (`BroadsheetError`, `NotHTML`, `FetchError`, `InputError`).
"""
from __future__ import annotations

__version__ = "0.1.0"

from broadsheet.errors import BroadsheetError, FetchError, InputError, NotHTML
from broadsheet.model import Article, Block, Page
from broadsheet.extract import extract, extract_page

__all__ = [
    "Article",
    "Block",
    "BroadsheetError",
    "Corpus",
    "FetchError",
    "InputError",
    "NotHTML",
    "Page",
    "extract",
    "extract_page",
]


def __getattr__(name: str):  # Corpus imports SQLite and friends: load it on first use
    if name == "Corpus":
        from broadsheet.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'broadsheet' has no attribute {name!r}")
