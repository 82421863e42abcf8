"""Imported by the process pool's fork server (and only there) to start workers warm.

The first page a fresh process extracts pays for lazy model loading (language
identification, parser set-up: about half a second). Doing it once here, before the
workers are forked from this process, means no worker pays it again.
"""
from __future__ import annotations

from broadsheet.model import Page
from broadsheet.run.analyse import analyse

_PROSE = " ".join(["The council met on Tuesday to discuss the new harbour bridge and its cost."] * 12)
analyse(
    Page(
        url="https://example.org/news/warm-up-story",
        content=f"<html lang='en'><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
        f"<p>{_PROSE}</p></article></body></html>".encode(),
    )
)
