"""The process server's warm-up, before it forks any worker (`broadsheet.run.worker`).

The first page a fresh process extracts pays for lazy loading: the language identifier's
model (about 0.01 s mapped from its decoded cache, 0.4-0.6 s where the LZMA-compressed file
must be decoded: `broadsheet.extract.meta.langid_cache`), parser and date-parsing set-up. Paid once in
the server, it is shared by every worker forked after it and kept out of the first page's
time limit.
"""
from __future__ import annotations

from broadsheet.model import Page
from broadsheet.run.analyse import analyse

_PROSE = " ".join(["The council met on Tuesday to discuss the new harbour bridge and its cost."] * 12)


def warm_up() -> None:
    """Analyse one small page: whatever is still lazy loads here."""
    analyse(
        Page(
            url="https://example.org/news/warm-up-story",
            content=f"<html lang='en'><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
            f"<p>{_PROSE}</p></article></body></html>".encode(),
        )
    )
