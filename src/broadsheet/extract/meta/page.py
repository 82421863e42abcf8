"""What the page shows its readers: the body's text, computed once and only if asked.

Several rules check hidden metadata against the visible page (an author named only in a
meta tag must appear on the page, a stated tag must be shown as a label of its own) and
the last-resort scans read the text by the headline. The body's text costs as much as a
CSS query over the whole tree, so it is lazy, and texts already read from visible
elements (bylines, breadcrumbs) are asked first. Case is ignored by one regex search per
question (lower-casing a page of text costs ten times as much).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable


class PageText:
    """The page's visible text, one text node per line; `source` is called at most once.

    Without a source (a caller that has no page) every check passes. `seen` holds texts
    of visible elements already read (bylines): a name found there needs no page text.
    """

    def __init__(self, source: Callable[[], str] | None, seen: Iterable[str] = ()) -> None:
        self._source = source
        self._text: str | None = None
        self._seen = "\n".join(seen).casefold()

    @property
    def text(self) -> str:
        """The text as printed, between two line breaks ("" without a source)."""
        if self._text is None:
            self._text = f"\n{self._source()}\n" if self._source is not None else ""
        return self._text

    def mentions(self, name: str) -> bool:
        """Whether the page shows this name (all its words, at least)."""
        if self._source is None:
            return True
        words = [w for w in name.split() if len(w) > 1]
        folded = name.casefold()
        if folded in self._seen or (words and all(w.casefold() in self._seen for w in words)):
            return True
        text = self.text
        if name in text or (words and all(w in text for w in words)):
            return True
        if not words:
            return True
        found = {m.casefold() for m in _any_of(words, "", "").findall(text)}
        return all(w.casefold() in found for w in words)

    def shown_count(self, labels: list[str], need: int) -> int:
        """How many of the labels stand alone on a line of the page (tag or section links),
        counting until `need` are found. Without a source, all of them."""
        if self._source is None:
            return len(labels)
        text = self.text
        found, rest = 0, []
        for label in labels:
            if f"\n{label}\n" in text:
                found += 1
                if found >= need:
                    return found
            else:
                rest.append(label)
        if rest:
            shown = {m.casefold() for m in _any_of(rest, "\n", "\n").findall(text)}
            found += sum(label.casefold() in shown for label in rest)
        return found

    def shows_label(self, label: str) -> bool:
        """Whether the label stands alone on a line of the page."""
        return self.shown_count([label], 1) >= 1

    def shows_most(self, labels: list[str]) -> bool:
        """Whether at least half of the labels stand alone on a line."""
        need = (len(labels) + 1) // 2
        return self.shown_count(labels, need) >= need


def _any_of(words: list[str], before: str, after: str) -> re.Pattern[str]:
    """A case-insensitive pattern finding any of the words between `before` and `after`
    (capturing the word; `after` is not consumed, so neighbours both match)."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    tail = f"(?={re.escape(after)})" if after else ""
    return re.compile(f"{re.escape(before)}({alternatives}){tail}", re.IGNORECASE)
