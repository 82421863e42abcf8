"""Imported by each guarded worker process (`broadsheet.run.worker`) before it reports ready.

The first page a fresh process extracts pays for lazy model loading (language
identification, parser set-up: about half a second). Paying it here, before the worker
says it is ready, keeps that cost out of the first page's time limit.
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
