"""`broadsheet serve`: a local web page over a corpus, and the same views as JSON.

    from broadsheet.web import create_app
    app = create_app("broadsheet.sqlite")   # an ASGI app; serve it with uvicorn

Views: search (FTS5, filters, highlighted snippets, pages), an article (every field with
its source, the body from its blocks, duplicates, the original page beside what was
kept), an overview (per site, day, language, section; field coverage; past runs) and the
runs. `/api/...` gives each as JSON. The corpus is opened read-only and may be written
by an ingest or crawl meanwhile. Needs the `web` extra (starlette, jinja2, uvicorn).
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so the queries and helpers load without the web extra.
    if name == "create_app":
        from broadsheet.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
