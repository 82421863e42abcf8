"""Reading flattened text records back: the `corpus` export format, and dirty dumps like it.

A record starts with a line `date YYYY-MM-DD URL`; records are separated by form feeds.
Every form feed read is a separator, so the writers of the format (`export --format corpus`,
`extract --format text`) write none inside a record: `unforgeable` turns a form feed in a
field (the extractor keeps one in a code block) and the other controls a line reader may
take for a break into a newline, so one article's text can never pose as the next record.
Dumps made by other tools mix the article with its metadata flattened into lines: the
title twice, ISO dates, tag lists, leaked XPath selectors, image URLs and sizes, publisher
blocks repeated several times. Each line is classified; the article's fields are rebuilt
from the useful ones and the rest is dropped, so the body holds only prose:

- date and URL from the header line, refined by the first ISO date-time of that day;
- title: the first line that is not metadata; description: prose before the metadata;
- tags: short lines in the metadata run plus comma-separated keyword lines;
- image: the first image URL; language: a locale line such as `en_EN`;
- dropped: repeats of an earlier line, lines repeated 3+ times (publisher blocks), XPath
  selectors, `1920 1080 true` image sizes, bare years and URLs.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import IO, Any, Iterator

from broadsheet.errors import InputError

#: What ends a record in the format (a line holding a form feed), and the character read as one.
RECORD_SEPARATOR = "\f\n"
FORM_FEED = "\f"
#: Controls that `unforgeable` replaces: line breaks to `str.splitlines` and text editors
#: (form feed, vertical tab, file/group/record separators, NEL, U+2028/U+2029, CR), and the
#: other C0 controls and DEL (neither is text).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_BREAKS = frozenset("\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029")


def unforgeable(text: str, *, line: bool = False) -> str:
    """A field as the `corpus` format writes it: no form feed, so it cannot hold a separator.

    Line breaks other than `\\n` (a form feed among them) become `\\n` (`\\r\\n` one),
    other controls a space; with `line` (the title, the URL) every break and tab is a space.
    """
    if _CONTROLS.search(text) is None:
        return text.replace("\n", " ").replace("\t", " ") if line else text
    text = text.replace("\r\n", "\n")
    text = _CONTROLS.sub(lambda m: "\n" if m.group() in _BREAKS else " ", text)
    return text.replace("\n", " ").replace("\t", " ") if line else text


#: The runs of spaces and of other characters are read possessively (review RV-X, s18): a
#: first line "date aaaa... b c" was split every way between the two groups before failing
#: (quadratic: 2.3 s at 16 KB), and a leaked XPath followed by text ("/div/div/... x") every
#: way between the repeats (exponential: 0.66 s at 22 segments, half a day at 40). The same
#: lines match: a piece of an XPath starts at a token's start either way.
_HEADER = re.compile(r"^\s*+date\s++(\d{4}-\d{2}-\d{2}|unknown|\S*+)\s*+(\S*+)\s*+$", re.I)
_XPATH = re.compile(r"^(?:/{1,2}(?:html|head|body|meta|div|span|article|section|@)[^\s]*+\s*+)++$", re.I)
_SIZE = re.compile(r"^\d{2,5}\s*[x×\s]\s*\d{2,5}(?:\s+(?:true|false))?$", re.I)
#: The line is checked for blanks once, first: the lazy search for an extension ran to the
#: line's end from each one before failing on a blank there (quadratic: 11.9 s for a line
#: of 128 KB, sweep RX2, s18). The same lines match.
_IMAGE = re.compile(r"^https?://(?=\S+$)\S+?(?:\.(?:jpe?g|png|gif|webp|avif)(?:[?#]\S*)?|/img/\S*)$", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.I
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_LOCALE = re.compile(r"^([a-z]{2})[_-][A-Za-z]{2}$")
_SENTENCE_END = re.compile(r"[.!?…\"'”’»)]$")


def _iso(match: re.Match[str]) -> str:
    day: str = match.group(1)
    hm: str | None = match.group(2)
    sec: str | None = match.group(3)
    zone: str | None = match.group(4)
    if not hm:
        return day
    zone = (zone or "").upper()
    if zone and zone != "Z" and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    return f"{day}T{hm}{sec or ':00'}{'+00:00' if zone == 'Z' else zone}"


def _kind(line: str) -> str:
    """What a line of a flattened record is."""
    if _XPATH.match(line):
        return "xpath"
    if _SIZE.match(line):
        return "size"
    if _IMAGE.match(line):
        return "image"
    if _URL.match(line):
        return "url"
    if _DATETIME.match(line):
        return "date"
    if _YEAR.match(line):
        return "year"
    if _LOCALE.match(line):
        return "locale"
    words = line.split()
    if len(words) >= 3 and line.count(",") >= 2 and not _SENTENCE_END.search(line):
        if all(len(part.split()) <= 5 for part in line.split(",")):
            return "keywords"
    if len(words) >= 12 or (len(words) >= 4 and _SENTENCE_END.search(line)):
        return "prose"
    return "short"


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())


def repair_record(text: str, origin: str = "") -> dict[str, Any] | None:
    """One flattened record back to a record dict (None when it holds nothing)."""
    lines = [line.strip() for line in text.replace("\f", "\n").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None
    day, url = None, None
    header = _HEADER.match(lines[0])
    if header:
        day = header.group(1) if re.match(r"\d{4}-\d{2}-\d{2}$", header.group(1)) else None
        url = header.group(2) or None
        lines = lines[1:]
    counts = Counter(_norm(line) for line in lines)
    kinds = [_kind(line) for line in lines]
    title_at = next((i for i, kind in enumerate(kinds) if kind in ("prose", "short")), None)
    title = lines[title_at] if title_at is not None else None
    seen = {_norm(title)} if title else set()
    description: str | None = None
    body: list[str] = []
    tags: list[str] = []
    dates: list[str] = []
    image = language = None
    clean = all(kind in ("prose", "short") for kind in kinds)  # nothing flattened into it
    in_meta = False  # a metadata line came after the description
    for line, kind in zip(lines, kinds):
        key = _norm(line)
        if key in seen or (counts[key] >= 3 and kind in ("prose", "short", "keywords")):
            continue
        seen.add(key)
        if clean or (kind == "prose" and (body or in_meta)):
            body.append(line)
        elif kind == "prose":
            if description is None:
                description = line
            else:
                body.append(line)
        elif kind == "date" and (date := _DATETIME.match(line)) is not None:  # always, by _kind
            dates.append(_iso(date))
        elif kind == "image" and image is None:
            image = line
        elif kind == "locale" and language is None and (locale := _LOCALE.match(line)) is not None:
            language = locale.group(1)
        elif kind == "keywords":
            tags += [part.strip() for part in line.split(",") if part.strip()]
        elif kind == "short" and not body:
            tags.append(line)
        if kind != "prose" and description is not None:
            in_meta = True
    if description is not None and not in_meta:  # no metadata after it: it opens the body
        body.insert(0, description)
        description = None
    published = next((d for d in dates if day is None or d.startswith(day)), None) or day
    modified = next((d for d in reversed(dates) if d != published), None)
    unique_tags = list(dict.fromkeys(t for t in tags if t.casefold() not in {(title or "").casefold()}))
    fields = {
        "url": url,
        "title": title,
        "description": description,
        "date_published": published,
        "date_modified": modified,
        "tags": unique_tags,
        "image": image,
        "language": language,
        "text": "\n\n".join(body),
    }
    fields["sources"] = {name: "repair" for name, value in fields.items() if value}
    fields["origin"] = origin
    return fields


def split_records(fh: IO[str]) -> Iterator[str]:
    """Records of a flattened file, split at form feeds, one at a time (the format's writers
    put none inside a record: `unforgeable`)."""
    current: list[str] = []
    for line in fh:
        if FORM_FEED in line:
            before, _, after = line.partition(FORM_FEED)
            current.append(before)
            yield "".join(current)
            current = [after] if after.strip() else []
        else:
            current.append(line)
    if current:
        yield "".join(current)


# A page opens with markup (a BOM, blanks, comments or an XML declaration before it at most).
# The comments are one lazy span from the first "<!--" to a "-->": the same openings as a
# repeat of comments, without its exponential ways to split "<!---->" * 22 (0.9 s; the 4 KB
# read allows 585: review RV-X, s18).
_HTML_START = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html|head|body|meta|title|div|article)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Whether a file is an HTML page rather than flattened text records: it opens with
    markup (records open with their `date` line or text; a tag further in is just text)."""
    return _HTML_START.match(text[:4096]) is not None


def repair_file(fh: IO[str], name: str = "") -> Iterator[dict[str, Any]]:
    """Every record of a flattened file, repaired (empty records left out).

    InputError (before any record) when the file is an HTML page: that is for `extract`.
    """
    for index, text in enumerate(split_records(fh)):
        if index == 0 and looks_like_html(text):
            where = name or "the input"
            raise InputError(
                f"{where} is an HTML page, not flattened text records; "
                "use `broadsheet extract` for a page or `broadsheet ingest` for a folder of pages"
            )
        record = repair_record(text, origin=f"{name}#{index}" if name else str(index))
        if record is not None:
            yield record
