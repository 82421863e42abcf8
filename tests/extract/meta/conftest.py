"""Helpers for the metadata tests: parse a small page and read its metadata."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import Metadata, read_metadata

FETCHED = datetime(2024, 1, 15, 12, 0, tzinfo=timezone.utc)


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    """A minimal page with the given head and body markup."""
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


@pytest.fixture
def read():
    """read(html, url=..., fetched_at=...) -> Metadata, on a fresh Lexbor tree."""

    def _read(html: str, url: str | None = "https://news.example.com/story", **kwargs) -> Metadata:
        kwargs.setdefault("fetched_at", FETCHED)
        return read_metadata(LexborHTMLParser(html), url, **kwargs)

    return _read
