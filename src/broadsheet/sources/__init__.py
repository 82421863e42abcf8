"""Things that yield `Page`s: files and folders, URL lists, WARC archives, the web.

Every source is a generator of Pages (a stream: memory does not grow with the input) and
reports what it passes over to an `Events` object: a record that is not a page is
*ignored* with a reason; a page that is there but not read (over the size cap: "too
large") is *skipped*, as the pipeline skips pages; a broken record, unreadable file or
failed fetch is an *error* (logged and counted, never fatal). `broadsheet.run.Stats`
implements `Events` (a skipped page and an error each leave a row in the corpus's rejects).
"""
from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger("broadsheet.sources")


class Events(Protocol):
    """Where sources report what did not become a Page."""

    def ignore(self, reason: str) -> None: ...

    def skip(self, reason: str, where: str, detail: str) -> None: ...

    def error(self, reason: str, where: str, message: str) -> None: ...


class QuietEvents:
    """Events that go nowhere: for what was reported already (records before the point a
    run resumes at) or is not wanted (the web page's look-up of an original)."""

    def ignore(self, reason: str) -> None:
        pass

    def skip(self, reason: str, where: str, detail: str) -> None:
        pass

    def error(self, reason: str, where: str, message: str) -> None:
        pass


class LogEvents:
    """Events that only log (for using a source on its own)."""

    def ignore(self, reason: str) -> None:
        log.debug("ignored: %s", reason)

    def skip(self, reason: str, where: str, detail: str) -> None:
        log.warning("%s: skipped (%s): %s", where, reason, detail)

    def error(self, reason: str, where: str, message: str) -> None:
        log.warning("%s: %s: %s", where, reason, message)
