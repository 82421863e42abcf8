"""The ASGI app: server-rendered pages and the JSON API over one read-only corpus.

Every view is a plain function of the query parameters that returns JSON types
(`queries`, `overview`, `original`); the HTML page and `/api/...` render the same data,
so a script gets exactly what a person sees. Endpoints are synchronous (SQLite blocks):
Starlette runs them in its thread pool, each thread with its own read-only connection.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from broadsheet.corpus.schema import CorpusError
from broadsheet.model import META_FIELDS
from broadsheet.web import chart, original, queries
from broadsheet.web.db import Reader
from broadsheet.web.overview import Overview
from broadsheet.web.safety import LOOPBACK, SecurityHeaders, safe_url

log = logging.getLogger("broadsheet.web")

#: The overview's site table shows this many sites (the API gives them all).
SITES_SHOWN = 100


def environment() -> Environment:
    """Jinja with autoescaping everywhere (the corpus holds text from hostile pages)."""
    env = Environment(loader=PackageLoader("broadsheet.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, (int, float)) else ""
    env.filters["pct"] = lambda x: f"{100 * x:.0f}%" if isinstance(x, (int, float)) else ""
    env.filters["day"] = lambda s: s[:10] if isinstance(s, str) else ""
    env.filters["when"] = lambda s: s.replace("T", " ")[:19] if isinstance(s, str) else ""
    env.globals["META_FIELDS"] = META_FIELDS
    return env


def group_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Body blocks with runs of list items gathered into lists (for `<ul>`/`<ol>`)."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        if block.get("kind") == "list_item":
            ordered = bool(block.get("ordered"))
            if not (out and out[-1]["kind"] == "list" and out[-1]["ordered"] == ordered):
                out.append({"kind": "list", "ordered": ordered, "items": []})
            out[-1]["items"].append(block)
        else:
            out.append(block)
    return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def create_app(corpus: str | Path, *, allowed_hosts: Iterable[str] | None = LOOPBACK, warm: bool = True) -> Starlette:
    """The web app over the corpus file `corpus`, opened read-only.

    `allowed_hosts`: Host header names accepted (None: any, for a server exposed with
    --host). `warm`: count the overview in a background thread at startup.
    """
    reader = Reader(corpus)
    overview = Overview(reader)
    env = environment()
    corpus_name = Path(corpus).name

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, corpus_name=corpus_name, **context)
        return HTMLResponse(html, status_code=status)

    def searched(request: Request) -> queries.SearchPage:
        notices: list[str] = []
        params = request.query_params
        filters = queries.Filters.parse(params, notices)
        return queries.search(reader, params.get("q", "")[:1000], filters, _int(params.get("page"), 1),
                              _int(params.get("per_page"), queries.PER_PAGE), notices)

    def found(request: Request) -> dict[str, Any]:
        data = queries.article(reader, request.path_params["id"])
        if data is None:
            raise HTTPException(404, "no article with this id in the corpus")
        return data

    # -- pages ---------------------------------------------------------------------------
    def search_page(request: Request) -> Response:
        result = searched(request)
        base = {k: v for k, v in request.query_params.items() if k != "page" and v}

        def page_url(n: int) -> str:
            return "/?" + urlencode({**base, "page": n})

        return page(request, "search.html", result=result, facets=overview.facets(), page_url=page_url,
                    window=_window(result.page, result.pages))

    def article_page(request: Request) -> Response:
        data = found(request)
        record = data["article"]
        has_page = original.locate(record["origin"]) is not None and not record["duplicate_of"]
        return page(request, "article.html", a=record, original=data["original"], duplicates=data["duplicates"],
                    body=group_blocks(record["blocks"]), has_page=has_page,
                    no_page=None if has_page or record["duplicate_of"] else original.missing(record["origin"]))

    def original_page(request: Request) -> Response:
        data = found(request)
        record = data["article"]
        return page(request, "original.html", a=record, cmp=original.side_by_side(record),
                    body=group_blocks(record["blocks"]))

    def overview_page(request: Request) -> Response:
        snap = overview.snapshot()
        timeline, unit = chart.timeline(snap["days"])
        per_site = chart.bars([(" · ".join(filter(None, [s["site"] or "(no URL)", s["name"]])), s["articles"])
                               for s in snap["sites"][:20]])
        return page(request, "overview.html", o=snap, timeline=timeline, unit=unit, per_site=per_site,
                    sites=snap["sites"][:SITES_SHOWN])

    def runs_page(request: Request) -> Response:
        return page(request, "runs.html", runs=queries.runs(reader))

    # -- JSON API ------------------------------------------------------------------------
    def api_index(request: Request) -> Response:
        return JSONResponse({
            "corpus": corpus_name,
            "endpoints": {
                "/api/search": "q (FTS5 syntax or words; empty: newest first), site, language, section, "
                               "since, until (YYYY-MM-DD), page, per_page (max 100)",
                "/api/article/{id}": "the record, its site, its duplicates (exact/near) and its original",
                "/api/article/{id}/original": "the original page's visible text, each line body/meta/dropped, or unchecked past the comparison budget",
                "/api/overview": "counts per site, day, language, section; field coverage; duplicates; past runs",
                "/api/runs": "each ingest or crawl: command, start, end, summary line, counts, pages/s",
            },
        })

    def api_search(request: Request) -> Response:
        return JSONResponse(searched(request).to_dict())

    def api_article(request: Request) -> Response:
        return JSONResponse(found(request))

    def api_original(request: Request) -> Response:
        return JSONResponse(original.side_by_side(found(request)["article"]))

    def api_overview(request: Request) -> Response:
        return JSONResponse(overview.snapshot())

    def api_runs(request: Request) -> Response:
        return JSONResponse({"runs": queries.runs(reader)})

    # -- errors --------------------------------------------------------------------------
    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", status=status, message=message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error(request, exc.status_code, exc.detail or "error")

    async def corpus_error(request: Request, exc: Exception) -> Response:
        log.warning("%s", exc)
        return error(request, 503, f"the corpus cannot be read just now: {exc}")

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=_quietly(overview.refresh), name="overview-warmup", daemon=True).start()
        yield

    routes = [
        Route("/", search_page), Route("/article/{id}", article_page),
        Route("/article/{id}/original", original_page), Route("/overview", overview_page),
        Route("/runs", runs_page), Route("/api", api_index), Route("/api/search", api_search),
        Route("/api/article/{id}", api_article), Route("/api/article/{id}/original", api_original),
        Route("/api/overview", api_overview), Route("/api/runs", api_runs),
        Mount("/static", StaticFiles(packages=[("broadsheet.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(SecurityHeaders, allowed_hosts=allowed_hosts)],
                    exception_handlers={HTTPException: http_error, CorpusError: corpus_error})
    app.state.reader = reader
    app.state.overview = overview
    return app


def _window(current: int, last: int, width: int = 3) -> list[int | None]:
    """Page numbers to link: the first, the last, and a few around the current (None: a gap)."""
    shown = sorted({1, last, *range(max(1, current - width), min(last, current + width) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def _quietly(fn: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception as exc:  # a warm-up that fails is retried by the first request
            log.warning("counting the overview failed: %s", exc)
    return run
