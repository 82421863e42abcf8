"""broadsheet as datatrove pipeline steps (the `integrations` extra).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from broadsheet.integrations.datatrove import BroadsheetExtractor, BroadsheetReader

    LocalPipelineExecutor(pipeline=[
        BroadsheetReader(["cc-news/a.warc.gz", "cc-news/b.warc.gz", "saved-pages/"]),
        BroadsheetExtractor(),
        JsonlWriter("articles/"),
    ], tasks=2).run()

`BroadsheetExtractor` works after any reader whose documents hold HTML in `text` (datatrove's
own `WarcReader` too, which needs its own extras): each document's text becomes the article
body, and its metadata keeps what the reader put there (the URL, the WARC record, the file)
and gains the article's fields, each under its record name (title, authors, date_published,
published_at, ...; see `article_metadata`), with `broadsheet_sources` saying where each
field came from. Documents without an article body are dropped (`no_body`), input that is
not HTML too (`not_html`); extraction runs in datatrove's `ExtractorSandbox` with a time
limit per document (`timeout`; a page past it is dropped as `timeout`).

`BroadsheetReader` reads what `broadsheet ingest` reads (WARC files, folders of saved pages
with their urls.tsv) as Documents: the page decoded to text as broadsheet decodes it, `id`
its origin (`file.warc.gz#offset` or a file path), metadata `url`, `origin`, `fetched_at`
and `content_type`. Inputs are shared out over the tasks (input i to rank i % world_size).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from broadsheet import __version__
from broadsheet.corpus.records import typed_dates, utc_text
from broadsheet.errors import BroadsheetError, NotHTML
from broadsheet.extract import extract
from broadsheet.integrations import missing
from broadsheet.model import META_FIELDS, Article, Page

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.extractors.base import ExtractorSandbox
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised where the extra is missing
    raise missing("datatrove", exc) from None

__all__ = ["BroadsheetExtractor", "BroadsheetReader", "article_metadata"]

log = logging.getLogger("broadsheet.integrations")

#: (html, url) -> what `_extract` returns: in this process or through datatrove's sandbox.
ExtractOne = Callable[[str, str | None], dict[str, Any]]


def article_metadata(article: Article) -> dict[str, Any]:
    """An article's fields as Document metadata: plain JSON types (the typed dates as ISO
    8601 UTC text), `broadsheet_sources` and `broadsheet_version`."""
    data = article.to_dict(blocks=False)
    out: dict[str, Any] = {name: data[name] for name in META_FIELDS}
    for name, value in typed_dates(data).items():
        out[name] = utc_text(value) if hasattr(value, "tzinfo") else value
    out["broadsheet_sources"] = dict(article.sources)
    out["broadsheet_version"] = __version__
    return out


def _extract(html: str, url: str | None) -> dict[str, Any]:
    """What the sandboxed worker sends back: the body and metadata, or the reason there is none."""
    if not html:
        return {"skip": "no_body"}
    try:
        article = extract(html, url)
    except NotHTML:
        return {"skip": "not_html"}
    except (BroadsheetError, ValueError) as exc:
        return {"skip": "extract_error", "message": str(exc)}
    if not article.text.strip():
        return {"skip": "no_body"}
    return {"text": article.text, "metadata": article_metadata(article)}


def _extract_here(html: str, url: str | None) -> dict[str, Any]:
    """`_extract` in this process (no sandbox): an unforeseen exception on one page (a bug,
    a RecursionError) costs that page, counted `crashed`, not the datatrove task, as
    `broadsheet ingest` counts it; the sandbox counts it `broken_process` and goes on."""
    try:
        return _extract(html, url)
    except Exception as exc:
        log.warning("extraction crashed on %s: %s: %s", url or "a document", type(exc).__name__, exc)
        return {"skip": "crashed", "message": f"{type(exc).__name__}: {exc}"}


class BroadsheetExtractor(PipelineStep):  # type: ignore[misc]  # datatrove ships no types: PipelineStep is Any
    """HTML documents -> article bodies, with the article's metadata in `Document.metadata`.

    `timeout`: seconds per document in datatrove's sandbox process (None: extract in this
    process, without a limit; a page whose extraction raises is dropped, counted `crashed`). `keep_reader_url`: where the reader gave a URL, it stays
    `metadata["url"]` (else the URL the page states, if any).
    """

    name = "📰 broadsheet"
    type = "🛢 - EXTRAC"

    def __init__(self, timeout: float | None = 10.0, keep_reader_url: bool = True) -> None:
        super().__init__()
        self.timeout = timeout
        self.keep_reader_url = keep_reader_url

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        if self.timeout is None:
            yield from self._documents(data, _extract_here)
            return
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as sandbox:
            yield from self._documents(data, lambda html, url: sandbox.process_document((html, url), _extract))

    def _documents(self, data: Iterable[Document], run_one: ExtractOne) -> Iterator[Document]:
        for doc in data:
            self.stat_update(StatHints.total)
            url = doc.metadata.get("url") if isinstance(doc.metadata.get("url"), str) else None
            with self.track_time():
                try:
                    result = run_one(doc.text, url)
                except TimeoutError:
                    self.stat_update("timeout")
                    continue
                except EOFError:  # the sandbox process died (killed for memory)
                    self.stat_update("broken_process")
                    continue
            if "skip" in result:
                self.stat_update(result["skip"])
                self.stat_update(StatHints.dropped)
                continue
            metadata = dict(result["metadata"])
            if self.keep_reader_url and url:
                metadata["url"] = url
            doc.metadata = {**doc.metadata, **metadata}
            doc.text = result["text"]
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc


class BroadsheetReader(PipelineStep):  # type: ignore[misc]  # datatrove ships no types: PipelineStep is Any
    """WARC files and folders of saved pages (what `broadsheet ingest` reads) as Documents.

    `paths`: WARC files (.warc, .warc.gz) and folders (or single saved pages); input i goes
    to rank i % world_size. `limit`: at most this many documents per rank (-1: all).
    """

    name = "📰 broadsheet pages"
    type = "📖 - READER"

    def __init__(self, paths: Iterable[str | os.PathLike[str]], limit: int = -1) -> None:
        super().__init__()
        self.paths = [os.fspath(p) for p in paths]
        self.limit = limit

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from broadsheet.extract.decode import decode

        if data:
            yield from data
        count = 0
        for path in self.paths[rank::world_size]:
            for page in _pages(path):
                if count == self.limit:
                    return
                with self.track_time():
                    try:
                        text, _encoding = decode(page.content, page.headers)
                    except NotHTML:
                        self.stat_update("not_html")
                        continue
                    doc = Document(
                        text=text,
                        id=page.origin,
                        metadata={
                            "url": page.url,
                            "origin": page.origin,
                            "fetched_at": page.fetched_at.isoformat() if page.fetched_at else None,
                            "content_type": page.content_type or None,
                        },
                    )
                self.stat_update(StatHints.total)
                count += 1
                yield doc


def _pages(path: str) -> Iterator[Page]:
    """The Pages of one input: a folder, a saved page or a WARC file."""
    from broadsheet.sources.files import is_html_file, iter_folder, read_page
    from broadsheet.sources.warc import iter_warc

    if Path(path).is_dir():
        yield from iter_folder(path)
    elif is_html_file(path):
        page = read_page(Path(path))
        if page is not None:
            yield page
    else:
        yield from iter_warc(path)
