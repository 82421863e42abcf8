"""What the page shows its readers: the body's text, computed once and only if asked.

Several rules check hidden metadata against the visible page (an author named only in a
meta tag must appear on the page, a stated tag must be shown as a label of its own) and
the last-resort scans read the text by the headline. The body's text costs as much as a
CSS query over the whole tree, so it is lazy, and texts already read from visible
elements (bylines) are asked first; a look-up as written comes before one that ignores
case (see `PageText.shown`).

Lexbor's text of the body holds the code of its <script> and <style> elements (not that of
a <template>: it is no part of the tree's text). A reader that searches the text for a
value (a byline line under the headline) may find it there: a string in a script.
Rebuilding the text without them costs a query for every page; instead a value found is
checked (`PageText.outside_code`): the reader runs again over the text with the code
blanked out, which is made only then (a few pages in a hundred). Blanked, not cut: the
readers' windows are measured in characters around the headline, and cutting a page's
scripts would bring text from farther away (a gallery's dates) into them. Both texts
come from the tree here (`body_text`, `code_texts`): every reader of the page text gets
them from one place, the byline and date readers alike.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, TypeVar

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.mojibake import STRONG

_T = TypeVar("_T")


#: How many stated tags are checked against the page.
MOST_OF = 12
#: How many labels `shown_line` looks for by a scan of the text before it makes the set of
#: the text's lines (which costs about as much as four scans).
_SCANS = 4


#: Windows-1252's characters for the bytes 0x80-0x9F (the five it leaves undefined as
#: Latin-1 reads them), for `as_mojibake`.
_CP1252 = {i: bytes([i]).decode("cp1252", "ignore") or chr(i) for i in range(0x80, 0xA0)}


def as_mojibake(text: str) -> str:
    """The text as a page that shows mojibake prints it: its UTF-8 read as Windows-1252
    ("Économie" -> "Ã‰conomie"). Metadata values are repaired (`extract.mojibake`), the
    page's text is not: a value checked against the page is looked for in both forms."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1").translate(_CP1252)


class PageText:
    """The page's visible text, one text node per line; `source` is called at most once.

    Without a source (a caller that has no page) every check passes. `seen` holds texts
    of visible elements read (bylines), or makes them when first asked (a reader of its
    own, paid for only where the page text does not show a name); `labels` those of
    visible links (tags, categories, breadcrumbs): what is found there needs no page text.
    """

    def __init__(
        self,
        source: Callable[[], str] | None,
        seen: Iterable[str] | Callable[[], Iterable[str]] = (),
        labels: Iterable[str] = (),
        code: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self._source = source
        self._text: str | None = None
        self._code = code
        self._blanked: str | None = None
        self._folded: bytes | None = None
        self._folded_lines: set[bytes] | None = None
        self._scans = 0
        self._mojibake: bool | None = None
        self._seen_source = seen
        self._seen: str | None = None
        self._labels = {label.casefold() for label in labels}

    @property
    def seen(self) -> str:
        """The texts of visible elements, one a line, case-folded."""
        if self._seen is None:
            seen = self._seen_source
            self._seen = "\n".join(seen() if callable(seen) else seen).casefold()
        return self._seen

    @property
    def text(self) -> str:
        """The text as printed, between two line breaks ("" without a source)."""
        if self._text is None:
            self._text = f"\n{self._source()}\n" if self._source is not None else ""
        return self._text

    @property
    def text_if_read(self) -> str | None:
        """`text` where a check has read it already, else None (never reads it): a later
        stage may use it in place of a walk of its own."""
        return self._text

    @property
    def text_without_code(self) -> str:
        """`text` with the code of script and style elements blanked (spaces, line breaks
        kept): made on first use, from `code` (each element's text as it stands in `text`,
        in document order)."""
        if self._blanked is None:
            self._blanked = blank_out(self.text, self._code()) if self._code is not None else self.text
        return self._blanked

    def outside_code(self, read: Callable[[str], _T]) -> _T:
        """What `read` finds in the text, where it finds it outside code: where it finds a
        value, it reads again the text with code blanked (a value read from a script is
        none, and the reader goes on as if its lines were blank)."""
        found = read(self.text)
        if not found or self._code is None:
            return found
        return read(self.text_without_code)

    def shown(self, needle: str) -> bool:
        """Whether the text holds the needle as written or in another case. Case is folded
        for ASCII letters only (as UTF-8 bytes): lower-casing a page of text as str, or a
        case-blind regex that tests every position of it, costs four to ten times as much."""
        text = self.text
        if needle in text:
            return True
        if self._folded is None:
            self._folded = text.encode("utf-8", "surrogatepass").lower()
        if needle.encode("utf-8", "surrogatepass").lower() in self._folded:
            return True
        if needle.isascii() or not self._shows_mojibake():
            return False
        # a repaired value, on a page that prints it unrepaired (the folded bytes hold any case of it)
        return as_mojibake(needle).encode("utf-8", "surrogatepass").lower() in self._folded

    def _shows_mojibake(self) -> bool:
        """Whether the text holds mojibake that values are repaired of (`extract.mojibake.STRONG`), once."""
        if self._mojibake is None:
            self._mojibake = STRONG.search(self.text) is not None
        return self._mojibake

    def shown_line(self, label: str) -> bool:
        """Whether a line of the text is the label, as written or in another case
        (`shown(f"\\n{label}\\n")`), in the text case-folded once: the first `_SCANS`
        labels by a scan of it (most pages ask about a label or two), later ones in the set
        of its lines (a page of labels would cost a scan each)."""
        if not label or "\n" in label:
            return self.shown(f"\n{label}\n")
        if self._shown_line(label):
            return True
        # a repaired value, on a page that prints it unrepaired
        return not label.isascii() and self._shows_mojibake() and self._shown_line(as_mojibake(label))

    def _shown_line(self, label: str) -> bool:
        if self._folded is None:
            self._folded = self.text.encode("utf-8", "surrogatepass").lower()
        folded = label.encode("utf-8", "surrogatepass").lower()
        if self._scans < _SCANS:
            self._scans += 1
            return b"\n" + folded + b"\n" in self._folded
        if self._folded_lines is None:
            self._folded_lines = set(self._folded.split(b"\n"))
        return folded in self._folded_lines

    def mentions(self, name: str) -> bool:
        """Whether the page shows this name (all its words, at least): in its text, else in
        the texts of visible elements (a byline's "Jane Doe" of two links is "Jane\\nDoe"
        in the text)."""
        if self._source is None:
            return True
        words = [w for w in name.split() if len(w) > 1]
        if self.shown(name) or all(self.shown(w) for w in words):
            return True
        seen = self.seen
        return name.casefold() in seen or all(w.casefold() in seen for w in words)

    def shown_count(self, labels: list[str], need: int) -> int:
        """How many of the labels stand alone on a line of the page (tag or section links),
        counting until `need` are found. Without a source, all of them."""
        if self._source is None:
            return len(labels)
        found = 0
        for i, label in enumerate(labels):
            if found + len(labels) - i < need:
                break  # too few left to reach `need`
            if label.casefold() in self._labels or self.shown_line(label):
                found += 1
                if found >= need:
                    break
        return found

    def shows_label(self, label: str) -> bool:
        """Whether the label stands alone on a line of the page."""
        return self.shown_count([label], 1) >= 1

    def shows_most(self, labels: list[str]) -> bool:
        """Whether at least half of the labels (of the first `MOST_OF`: a sample of a long
        list) stand alone on a line."""
        labels = labels[:MOST_OF]
        need = (len(labels) + 1) // 2
        return self.shown_count(labels, need) >= need


def blank_out(text: str, pieces: Iterable[str]) -> str:
    """The text (lines between line breaks) with the pieces made spaces (line breaks kept,
    so every other line keeps its place), each where it first stands as whole lines after
    the previous one (pieces in the order of the text). A piece not found ends the work:
    the rest would be searched for to the text's end, once for each."""
    padded = f"\n{text}\n"  # a piece may open or close the text
    kept: list[str] = []
    cursor = 0
    for piece in pieces:
        if not piece:
            continue
        pos = padded.find(f"\n{piece}\n", cursor)
        if pos < 0:
            break
        kept.append(padded[cursor : pos + 1])
        kept.append("\n".join(" " * len(line) for line in piece.split("\n")))
        cursor = pos + 1 + len(piece)
    if not kept:
        return text
    kept.append(padded[cursor:])
    return "".join(kept)[1:-1]


def body_text(tree: LexborHTMLParser) -> str:
    """The body's text, a text node a line (`PageText`'s source): "" without a body."""
    body = tree.body
    return body.text(deep=True, separator="\n", strip=True, skip_empty=True) if body is not None else ""


def code_texts(tree: LexborHTMLParser) -> list[str]:
    """The texts of the body's scripts and style sheets as they stand in `body_text`, in
    document order (a <template>'s content is no part of it). A script of a JSON type is a
    data block (JSON-LD, an import map: values the page states) and is kept; any other is
    code: JavaScript's types, and those that loaders give JavaScript to run it later
    (Cloudflare's Rocket Loader "<hash>-text/javascript", WP Rocket, consent managers'
    "text/plain", "text/partytown", "text/babel"; review R4) or templates' markup."""
    body = tree.body
    if body is None:
        return []
    texts = (
        node.text(deep=True, separator="\n", strip=True, skip_empty=True)
        for node in body.css("script,style")
        if node.tag == "style" or not _DATA_BLOCK.search(node.attributes.get("type") or "")
    )
    return [text for text in texts if text]


#: Script types that are data, not code: JSON (JSON-LD's application/ld+json among them),
#: an import map, speculation rules.
_DATA_BLOCK = re.compile(r"json|importmap|speculationrules", re.IGNORECASE)
