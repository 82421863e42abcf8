"""The documented exception tree: every error a user can meet derives from BroadsheetError.

Callers catch one base class; messages say what went wrong, where, and what to do.
"""
from __future__ import annotations


class BroadsheetError(Exception):
    """Base class of all errors raised by broadsheet."""


class NotHTML(BroadsheetError, ValueError):
    """The input is not an HTML document (a PDF, an image, other binary data)."""

    def __init__(self, detected: str, where: str | None = None) -> None:
        self.detected = detected
        self.where = where
        place = f" ({where})" if where else ""
        super().__init__(
            f"input{place} is not HTML: it looks like {detected}; "
            "give broadsheet an HTML page (or a WARC/folder of pages)"
        )


class FetchError(BroadsheetError):
    """A URL could not be fetched (network error, timeout, HTTP error status)."""


class InputError(BroadsheetError):
    """A user-supplied path, file or option cannot be used as given."""
