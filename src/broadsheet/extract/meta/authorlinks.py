"""Bylines printed as links to the author's archive page, by the headline.

WordPress links a post's author to "/author/<nicename>/" (its default author permalink);
other CMSes to "/authors/<slug>", "/autor/", "/auteur/", "/journalist/", "/profile/",
"/staff/" ... (`words.AUTHOR_PATHS`; not "/by/", which ends Creative Commons licences'
"/licenses/by/4.0/", nor "/people/", topic pages on public figures). Many themes print that link as the whole byline, in an
element named for layout ("meta", "post-info", a bare `<span>`) and without `rel=author`,
so `dom.read_bylines` never sees it. A link counts when its path names such an archive,
its text has the shape of a person's name, cleaned too (`authors.looks_like_person`: a
menu's "All Authors" does not), and it stands in the headline's neighbourhood
(`collect.headline_region`), shown and outside comments, teasers and site chrome
(`ForeignCheck`). The links of one byline ("Jane Doe, John Roe & Ann Poe") are the first
such link and those sharing its parent element. On the trafilatura set right authors go
75.8 -> 76.6% fit, 68.8 -> 70.3% held, spurious unchanged (18.1 / 9.4%).

The reader is paid for only where the merge reaches its key (`dom:author_links`): where no
structured source and no byline element yielded a name.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.authors import clean_authors, looks_like_person
from broadsheet.extract.meta.dom import ReadBudget, UnseenCheck
from broadsheet.extract.meta.foreign import ForeignCheck
from broadsheet.extract.meta.words import AUTHOR_PATHS, alternation

#: Links looked at, at most: a guard against a dump of 100,000 links near the headline
#: (the text read is bounded by `dom.ReadBudget`, each walk up by the checks' memos).
MAX_SCANNED = 2000
#: An archive segment followed by a non-empty slug ("/author/jane-doe/", "/autoren/Jane-Doe"),
#: or WordPress's plain author link ("?author=3"). A try starts only at a "/" before a
#: stem (or a "?"/"&" before "author=") and reads the letters up to the next "/" once:
#: linear in the href.
_ARCHIVE = re.compile(
    rf"/(?:{alternation(AUTHOR_PATHS)})[^\W\d_]*/[^/?#\s]|[?&]author=\d",
    re.IGNORECASE,
)
#: Characters of an href judged: an archive's path stands at its start.
_HREF_CHARS = 2000
#: Characters of a link's text read: a name is far shorter.
_TEXT_CHARS = 101


def is_author_archive(href: str) -> bool:
    """Whether a link's target is an author's archive page (see `_ARCHIVE`)."""
    return _ARCHIVE.search(href) is not None


def read_author_links(region: LexborNode | None, foreign: ForeignCheck) -> list[str]:
    """The byline made of author archive links in `region` (see the module docstring): one
    value, the names joined by ", ", or none."""
    if region is None:
        return []
    unseen = UnseenCheck()
    budget = ReadBudget()
    names: list[str] = []
    parent: int | None = None
    for anchor in region.css("a[href]")[:MAX_SCANNED]:
        href = anchor.attributes.get("href") or ""
        if not is_author_archive(href[:_HREF_CHARS]):
            continue
        text = budget.text_of(anchor, _TEXT_CHARS)
        if text is None:
            break
        if not text or len(text) >= _TEXT_CHARS or not _is_name(text):
            continue
        up = anchor.parent
        key = up.mem_id if up is not None else None
        if parent is not None and key != parent:
            continue  # another byline's (a teaser's, the author box's again)
        if foreign(anchor) or unseen(anchor, itself=True):
            continue
        parent = key
        names.append(text)
    return [", ".join(names)] if names else []


def _is_name(text: str) -> bool:
    """Whether a link's text is a person's name: a name's shape, before and after cleaning
    (a menu's "All Authors" loses its role word and is one word left)."""
    if not looks_like_person(text):
        return False
    names = clean_authors([text])
    return bool(names) and all(looks_like_person(name) for name in names)
