"""What the page shows its readers: the body's text, computed once and only if asked.

Several rules check hidden metadata against the visible page (an author named only in a
meta tag must appear on the page, a stated tag must be shown as a label of its own) and
the last-resort scans read the text by the headline. The body's text costs as much as a
CSS query over the whole tree and lower-casing it as much again, so both are lazy, and a
case-sensitive look-up (usually enough: a name is printed as written) comes first.
"""
from __future__ import annotations

from typing import Callable


class PageText:
    """The page's visible text, one text node per line; `source` is called at most once.

    Without a source (a caller that has no page) every check passes.
    """

    def __init__(self, source: Callable[[], str] | None) -> None:
        self._source = source
        self._text: str | None = None
        self._lower: str | None = None

    @property
    def text(self) -> str:
        """The text as printed, between two line breaks ("" without a source)."""
        if self._text is None:
            self._text = f"\n{self._source()}\n" if self._source is not None else ""
        return self._text

    @property
    def lower(self) -> str:
        """The text lower-cased: `str.lower` rather than `casefold`, as good for matching
        names and labels and several times faster on a page of text."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def mentions(self, name: str) -> bool:
        """Whether the page shows this name (all its words, at least)."""
        if self._source is None:
            return True
        text = self.text
        if name in text or all(word in text for word in name.split() if len(word) > 1):
            return True
        folded, lower = name.lower(), self.lower
        return folded in lower or all(word in lower for word in folded.split() if len(word) > 1)

    def shows_label(self, label: str) -> bool:
        """Whether the label stands alone on a line of the page: a tag or section link."""
        if self._source is None:
            return True
        return f"\n{label}\n" in self.text or f"\n{label.lower()}\n" in self.lower

    def shows_most(self, labels: list[str]) -> bool:
        """Whether at least half of the labels stand alone on a line (stops once known)."""
        need = (len(labels) + 1) // 2
        left = len(labels)
        for label in labels:
            if self.shows_label(label):
                need -= 1
                if need <= 0:
                    return True
            left -= 1
            if left < need:
                return False
        return need <= 0
