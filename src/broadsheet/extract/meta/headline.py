"""Choosing the headline among the titles a page states.

Structured titles (JSON-LD headline, og:title, twitter:title, ...) and `<title>` are often
dressed for sharing or search: "Receita de X | Site", "X – Erfahre mehr", "Label: X". The
`<h1>` is what readers see, but a page may have several (logo, section name, teasers).
So an `<h1>` wins when it agrees with some stated title (the same words, one inside the
other, or mostly the same words); otherwise the stated titles vote among themselves and
precedence breaks ties.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Callable

#: An <h1> inside a longer stated title must cover at least this share of it.
MIN_CONTAINED_SHARE = 0.4
#: Token F1 above which two titles count as the same headline worded differently.
MIN_TOKEN_F1 = 0.6


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1024)
def title_words(text: str) -> tuple[str, ...]:
    """A title's words as compared (NFKC, case-folded, punctuation and separators dropped)."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def related(a: str, b: str) -> bool:
    """Whether two titles state the same headline (equal, contained, or mostly shared words)."""
    ta, tb = title_words(a), title_words(b)
    if not ta or not tb:
        return False
    ja, jb = " ".join(ta), " ".join(tb)
    if ja == jb:
        return True
    short, long_ = (ja, jb) if len(ja) <= len(jb) else (jb, ja)
    if f" {short} " in f" {long_} " and len(short) >= MIN_CONTAINED_SHARE * len(long_):
        return True
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return False
    precision, recall = common / len(ta), common / len(tb)
    return 2 * precision * recall / (precision + recall) >= MIN_TOKEN_F1


def _dressed(h1: str, title: str) -> bool:
    """Whether the <h1> is a stated title dressed up: a kicker before it ("Open Progress
    Why ..."), or a subtitle after a separator ("Headline - The subtitle")."""
    a, b = " ".join(title_words(title)), " ".join(title_words(h1))
    if not a or len(a) >= len(b):
        return False
    if b.endswith(" " + a):
        return True
    if b.startswith(a + " "):
        rest = h1[len(title) :].lstrip() if h1.startswith(title) else ""
        return rest[:1] in ("-", "–", "—", "|", ":", "·", "•")
    return False


#: The separators readability-lxml's `shorten_title` cuts a `<title>` at, in its order.
_SHORTEN_SEPS = (" | ", " - ", " :: ", " / ")
#: Where the site's part was cut from a `<title>` already, what is left is cut only where
#: section names follow ("Question? | Forum section"): a dash there is the headline's
#: own ("Software Update - v30.101").
_SECTION_SEPS = (" | ",)
#: A part of at least this many words is a headline, not a site's or section's name.
MIN_PART_WORDS = 4


#: The blog's name after the post's in WordPress's classic default theme's `<title>`
#: (`wp_title('«', true, 'right')` then the blog's name): "Post title « Blog name". A
#: French quotation opened by « closes with », so a part holding » is no blog's name.
_BLOG_NAME_TAIL = re.compile(r"\s+«\s+[^«»]{1,100}$")


def cut_blog_name(title: str) -> str:
    """`title` without a trailing " « Blog name" (`_BLOG_NAME_TAIL`). Not after a colon:
    French titles quote so ("Macron : « Nous sommes en guerre", a quotation cut short)."""
    m = _BLOG_NAME_TAIL.search(title)
    if m is None or m.start() < 2 or title[: m.start()].rstrip().endswith(":"):
        return title
    return title[: m.start()]


def shorten_title(title: str, seps: tuple[str, ...] = _SHORTEN_SEPS) -> str:
    """A `<title>` of several parts cut to its headline, as readability-lxml's
    `shorten_title` does where no heading matches it: at the first of `_SHORTEN_SEPS` it
    holds, the first part if it has `MIN_PART_WORDS` words, else the last if that has;
    the whole title where the cut would leave 15 characters or less (or 150 or more).
    ("Question? | Forum section | Forum", "Headline - Event's full name")."""
    for sep in seps:
        if sep in title:
            parts = title.split(sep)
            if len(parts[0].split()) >= MIN_PART_WORDS:
                short = parts[0]
            elif len(parts[-1].split()) >= MIN_PART_WORDS:
                short = parts[-1]
            else:
                continue
            return short.strip() if 15 < len(short.strip()) < 150 else title
    return title


def cut_section(title: str, h1s: Sequence[str] = ()) -> str:
    """A structured title (og:title, JSON-LD headline, ...) its site's part was cut from,
    cut at `_SECTION_SEPS` to its headline part: "Headline | Section | Site" is Yoast's
    "%%title%% %%sep%% %%category%% %%sep%% %%sitename%%" and Drupal's page title
    pattern, and sharing titles copy it ("Holiday Dresses for Girls | Atlanta -
    DailyCandy", "... | IdeaFeed | Big Think").

    A printed `<h1>` (`h1s`) the same as a part of over 15 characters is the headline:
    "Brexit explained | Politics and Government News" with "Brexit explained" printed
    (review RV-M2 finding 5). Else the part kept is the first or the last, of
    `MIN_PART_WORDS` words or more, and every part dropped is shorter, a section's name;
    two long parts ("Bridge vote passes tonight | What it means for commuters") keep the
    title whole. As in `shorten_title`, a cut leaving 15 characters or less (or 150 or
    more) keeps it whole."""
    parts = [part.strip() for part in title.split(_SECTION_SEPS[0])]
    if len(parts) < 2:
        return title
    printed = {words for h1 in h1s if (words := title_words(h1))}
    for part in parts:
        if 15 < len(part) < 150 and title_words(part) in printed:
            return part
    long_parts = [i for i, part in enumerate(parts) if len(part.split()) >= MIN_PART_WORDS]
    if len(long_parts) != 1 or long_parts[0] not in (0, len(parts) - 1):
        return title
    short = parts[long_parts[0]]
    return short if 15 < len(short) < 150 else title


def opens_title(h1: str, title: str) -> bool:
    """Whether `h1` has the words (`title_words`) of the part of `title` before one of
    `_SHORTEN_SEPS` ("Headline | Site")."""
    words = title_words(h1)
    return bool(words) and any(sep in title and title_words(title.split(sep)[0]) == words for sep in _SHORTEN_SEPS)


def pick_title(
    stated: list[tuple[str, str]],
    h1s: list[str],
    is_site: Callable[[str], bool],
    *,
    shorten: bool = True,
    chrome: list[str] | None = None,
) -> tuple[str | None, str | None]:
    """(title, source) from cleaned stated titles [(title, source)] in precedence order
    (the html `<title>` last, source `html`) and cleaned `<h1>` texts in document order.

    1. An <h1> that agrees with a stated title wins (one in site chrome, `chrome`, only
       where no other does); but where the <h1> is that title dressed up (kicker,
       subtitle), the title wins. A stated "Label: <h1>" does not: the <h1> is the
       headline readers see.
    2. Else the structured titles (all but `<title>`) vote; precedence breaks ties.
    3. Else an <h1> opening the `<title>`; else the `<title>` unless it names the site,
       cut to its headline part (`cut_blog_name`, then `shorten_title`; where a site's
       part was cut from it already, `shorten` False, or a blog's name, only at
       `_SECTION_SEPS`); else the first <h1> that does not name the site.
    """
    best_h1, best_support = None, 0
    for h1 in h1s:
        support = sum(related(h1, title) for title, _ in stated)
        if support > best_support:
            best_h1, best_support = h1, support
    if best_h1 is None:
        # An <h1> whose ancestors' names read as site chrome ("has-no-ticker",
        # "content-header--no-promo", an ASP.NET page's <form>) is still the headline
        # where it agrees with a stated title and is a headline's length: a sharing title
        # worded otherwise must not win.
        for h1 in chrome or []:
            if len(title_words(h1)) < MIN_PART_WORDS:  # a name ("Andy Stott" over a review), no headline
                continue
            support = sum(related(h1, title) for title, _ in stated)
            if support > best_support:
                best_h1, best_support = h1, support
    if best_h1 is not None:
        for title, source in stated:
            if source != "html" and _dressed(best_h1, title):
                return title, source
        return best_h1, "dom"
    structured = [(t, s) for t, s in stated if s != "html"]
    if structured:
        votes = [sum(related(title, other) for other, _ in structured) for title, _ in structured]
        top = max(votes)
        for (title, source), vote in zip(structured, votes):
            if vote == top:
                return title, source
    # Only the <title> is left to check an <h1> against: the <h1> that opens it is the
    # headline ("Ben Wilson Surf" in "Ben Wilson Surf - Point of Sail - Segelmacher");
    # an <h1> unrelated to it is a logo or a section's name ("Allergies Health Center"
    # over "Babies Who Eat Peanuts Early May Avoid Allergy"), so the <title> is.
    if stated:
        head = " ".join(title_words(stated[0][0]))
        for h1 in h1s:
            words = " ".join(title_words(h1))
            if words and f"{head} ".startswith(f"{words} ") and not is_site(h1):
                return h1, "dom"
        if not is_site(stated[0][0]):
            title = cut_blog_name(stated[0][0])
            return shorten_title(title, _SHORTEN_SEPS if shorten and title == stated[0][0] else _SECTION_SEPS), stated[0][1]
    for h1 in h1s:
        if not is_site(h1):
            return h1, "dom"
    if stated:
        return stated[0]
    return None, None
