"""Author names: person (or byline) names only, split, cleaned, de-duplicated, in order.

A byline arrives as "By Jane Doe and John Roe | Updated 3 hours ago", "Jane Doe, Senior
Editor", "jane@example.com", "https://facebook.com/janedoe" or a list of 500 names from a
staff menu. Out of it come the names: the "By" and roles, dates, e-mail addresses and URLs
dropped, split on "and" (in several languages), commas and "&"; a value naming the
publisher itself is not a person. Anything that does not look like a name is left out:
an empty list beats a wrong one.
"""
from __future__ import annotations

import html
import re
import unicodedata

#: More names than this from one source is a list of staff or links, not a byline.
MAX_AUTHORS = 25
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6

_PREFIX = re.compile(
    r"^(?:(?:(?:written|posted|reported|compiled|edited|words|story|text|texte|photos?|"
    r"video|interview|published)\s+)?(?:by|from)\b|von\b|par\b|por\b|door\b|av\b|af\b|"
    r"autor(?:in|es|a)?\b|authors?\b|auteurs?\b|autore\b|autori\b|text\b|texte\b|"
    r"redaktion\b|redazione\b|reportage\b|de\s+(?=[A-ZÀ-Ý])|di\s+(?=[A-ZÀ-Ý])|"
    r"da\s+(?=[A-ZÀ-Ý])|posted\b|written\b)[\s:.\-–—]*",
    re.IGNORECASE,
)
# "di"/"da"/"de" are prefixes only in lower case: "Di Maria" is a surname.
_LOWER_ONLY = re.compile(r"^(?:de|di|da)\s", re.IGNORECASE)
# Joining words in lower case only: "John A Smith" or "Di Maria" must not split.
_SPLIT = re.compile(
    r"\s*(?:[,;&|/•·]|\s(?:and|And|AND|und|et|y|e|i|og|och|en|és|ve|и|та|with|mit|avec|con|com)\s)\s*"
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|de|fr|uk|it|es|ch|at)\b\S*", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HANDLE = re.compile(r"^@\w+$")
#: Words that make a byline part a role, a date or a label, not a name.
_NOT_NAME = re.compile(
    r"\b(?:updated?|published|posted|aktualisiert|veröffentlicht|erschienen|publié|mis à jour|"
    r"actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|min(?:ute)?s?\s+read|"
    r"read(?:ing)?\s+time|lesezeit|ago|hours?|minutes?|stunden?|correspondent|editor|"
    r"reporter|contributor|columnist|journalist|photographer|writer|redakteur(?:in)?|"
    r"korrespondent(?:in)?|rédact(?:eur|rice)|corresponsal|redattore|senior|chief|staff|"
    r"contributing|follow|twitter|facebook|instagram|linkedin|e-?mail|view all|all posts|"
    r"more from|articles?|posts?|profile|comments?|share|read more|mehr|see more|"
    r"photo|foto|image|bild|credits?|copyright|getty|shutterstock|click|subscribe|"
    r"anonymous|unknown|admin(?:istrator)?)\b",
    re.IGNORECASE,
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\-–—:,.;|/•·*]+|[\s\-–—:,;|/•·*]+$")


def name_key(name: str) -> str:
    """A comparison key: case, accents of spacing and punctuation ignored."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _clean_part(part: str) -> str | None:
    part = _EDGE.sub("", part)
    for _ in range(3):
        m = _PREFIX.match(part)
        if m is None or (_LOWER_ONLY.match(part) and part[0].isupper()):
            break
        part = _EDGE.sub("", part[m.end():])
    if not part or _HANDLE.match(part) or _NOT_NAME.search(part):
        return None
    words = part.split()
    if len(part) > MAX_NAME_CHARS or len(words) > MAX_NAME_WORDS or not _HAS_LETTER.search(part):
        return None
    # A digit inside a multi-word value is a date or a count; user names like "anna77" pass.
    if len(words) > 1 and _DIGITS.search(part):
        return None
    return part


def split_byline(text: str) -> list[str]:
    """The names written in one byline or author value, in order."""
    text = html.unescape(text) if "&" in text else text
    text = _SPACE.sub(" ", text).strip()
    if not text or len(text) > 2000:
        return []
    text = _EMAIL.sub(" , ", text)
    text = _URL.sub(" , ", text)
    text = _PARENS.sub(" , ", text)
    text = re.sub(r"\s[-–—]\s", " , ", text)
    out = []
    for part in _SPLIT.split(text):
        name = _clean_part(part)
        if name:
            out.append(name)
    return out


def clean_authors(values: list[str], *, not_names: set[str] = frozenset()) -> list[str]:
    """Names from raw author values: split, cleaned, de-duplicated in order.

    `not_names` holds name keys of the publisher and site: such a value is an
    organisation standing in for a person. More than MAX_AUTHORS names is not a byline.
    """
    out: list[str] = []
    seen: set[str] = set()
    for value in values[: MAX_AUTHORS * 4]:
        if not isinstance(value, str):
            continue
        for name in split_byline(value):
            key = name_key(name)
            if not key or key in seen or key in not_names:
                continue
            seen.add(key)
            out.append(name)
    if len(out) > MAX_AUTHORS:
        return []
    return out
