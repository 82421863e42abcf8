"""Publication dates printed on the page around the story: by the headline, below it.

The last resorts for `date_published`, and one correction of it, made by `read_metadata`
after the merge of what the page states, each only where the stated dates leave a gap or a
doubt:

  drop_reply_time   the URL's day without the time borrowed for it from a `<time>` that is
                    an update's or a reply's
  date_by_headline  the local day printed by the headline for a UTC instant; where nothing
                    stated a date (or only the URL a day), the first date by the headline,
                    else a labelled one near it
  date_below_story  where no structured source states a date (`states_a_date`), a labelled
                    date line below the story, in no other story's or reply's element

What they share is telling the story's own printed date from the page's other dates: where
the replies begin (`_replies_heading`), which block a date stands in, comments in scripts'
code and the titles of neighbouring posts blanked (`_date_text`). Apart from the modules
they build on: `dates` parses a date, `printed` finds a labelled one in plain text,
`published` chooses among the dates a page states; this one reads the tree to know where
to look and what to pass over. It was the last 400 lines of the package's `__init__`,
whose job is the order of the readers and the merge.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract.dom import within
from broadsheet.extract.meta.dates import scan_date, url_date
from broadsheet.extract.meta.dom import (
    TextPlaces,
    UnseenCheck,
    class_id,
    headline_lines,
    in_other_story,
    neighbour_titles,
    text_near_headline,
)
from broadsheet.extract.meta.merge import PRECEDENCE
from broadsheet.extract.meta.page import PageText, code_texts
from broadsheet.extract.meta.printed import UPDATE_LABEL as _UPDATE, labelled_date, labelled_dates
from broadsheet.extract.meta.published import date_reader, local_rendering, renders_another_day

__all__ = ["date_below_story", "date_by_headline", "drop_reply_time", "stated_instants", "states_a_date"]

#: How far before and after the headline a labelled publication date is looked for
#: ("Veröffentlicht: 30.07.2019" above the <h1>, "Erschienen am" under the story).
_LABEL_BEFORE, _LABEL_AFTER = 500, 12_000


def date_by_headline(
    merged: dict[str, tuple[Any, str]],
    shown: PageText,
    headlines: list[str],
    fetched_at: datetime | None,
    tree: LexborHTMLParser,
    url_day: str | None = None,
    instants: Callable[[], list[str]] = list,
    refused: str | None = None,
) -> None:
    """The publication day printed by the headline: the local day of a UTC instant, or,
    where nothing stated a date, the first date by the headline, else a labelled one near
    it ("Veröffentlicht am ..."). The local day is never another than the URL's (`url_day`);
    where the URL's day won alone, a date by the headline on that day gives its time: no
    update's ("Updated November 18, 2019 5:40 PM"), and where a UTC instant stated a day
    off (`instants`, the structured sources' UTC times) lost to the URL's day, only one
    that renders it, with its offset (review RV-DT findings 1, 2, 7). Not the minute
    `refused` (`drop_reply_time` refused its `<time>`): printed again by the headline
    without its zone, it would come back as neither the day nor the instant (review RV-F
    finding 3).

    Dates in scripts count here (unlike bylines, `PageText.outside_code`): by the headline a
    script states the right day (the page's own URL in a share button, an analytics object)
    about as often as a wrong one (a build stamp, a comment). Reading them as no page text
    lost on the held side of the htmldate set (95.1 -> 94.7%; trafilatura set even, no page
    of the fit sides changed). A comment in their code does not ("//2007-05-17: 300x250
    footer" by a Movable Type blog's headline), nor does a title of the post before or after
    this one, in its link or in a list of recent posts (`_date_text`)."""
    dayfirst = merged.get("language", ("",))[0] != "en"
    stated, stated_source = merged.get("date_published", ("", ""))
    if stated.endswith("+00:00") and "T" in stated and renders_another_day(stated, url_day):
        nearby = text_near_headline(shown.text, headlines)
        local = local_rendering(stated, scan_date(nearby, not_after=fetched_at, dayfirst=dayfirst), url_day)
        if local:
            merged["date_published"] = (local, "dom")
    timeless = stated_source == "url" and "T" not in stated  # a URL's day, no time
    if "date_published" in merged and not timeless:
        return
    found = _headline_date(shown.text, headlines, fetched_at, dayfirst)
    if found:
        # Read again where no comment in code and no neighbouring post's title is read
        # (made only here: a few pages in a hundred find a date so), where that blanked any.
        dated = _date_text(tree, shown.text, headlines)
        if dated != shown.text:
            found = _headline_date(dated, headlines, fetched_at, dayfirst)
    if found and timeless:
        if "T" not in found or found[:10] != stated or _updated_by_headline(shown.text, headlines, found, dayfirst):
            return
        if refused is not None and found[:16] == refused:
            return
        near = [u for u in instants() if abs((date.fromisoformat(u[:10]) - date.fromisoformat(stated)).days) <= 1]
        if near:
            found = next((r for u in near if (r := local_rendering(u, found, stated))), None)
    if found:
        merged["date_published"] = (found, "dom")


def drop_reply_time(
    merged: dict[str, tuple[Any, str]],
    tree: LexborHTMLParser,
    shown: PageText,
    cands: dict[str, dict[str, list[Any]]],
    fetched_at: datetime | None,
) -> str | None:
    """The URL's day without the time `pick_published` borrowed for it from a `<time>`
    where each `<time>` stating that minute is an update's ("Update: <time>5:40 PM</time>",
    its line labelled so) or a reply's (after a replies heading, `_replies_heading`): the
    day is the URL's, the time not the publication's (review RV-DT finding 2). Returns the
    minute refused so ("2019-11-18T17:40"), else None.

    Whatever label precedes it, a `<time>` marked as the publication's (`_marked_published`:
    WordPress's `entry-date published`, itemprop=datePublished, pubdate) is no update's
    ("Last Updated: <time class="entry-date published">", review RV-F finding 3). A theme
    labelling its post's own date "Modified on" loses the time so (6 dragnet-train pages of
    one Twenty Eleven child, which marks the element `moddate`): an exception for a `<time>`
    alone in its block on the URL's day (f61f945) gave news pages' "Updated <time>" lines as
    the publication's time (review RV-G finding 2), so the day alone it is."""
    value, source = merged.get("date_published", ("", ""))
    if source != "dom" or "T" not in value:
        return None
    days = {url_date(raw, not_after=fetched_at) for raw in cands.get("url", {}).get("date_published", [])}
    if value[:10] not in days:
        return None
    read = date_reader(fetched_at, True)
    times = [
        node
        for node in tree.css("time")
        if (read(node.attributes.get("datetime") or "", "dom", "date_any") or "")[:16] == value[:16]
    ]
    if not times:
        return None
    text = shown.text
    end: int | None = None
    for node in times:
        own = " ".join(node.text(deep=True).split())
        block = " ".join(_block_of(node).text(deep=True).split())
        at = block.find(own) if own else -1
        if at >= 0 and _UPDATE.search(block, 0, at) and not _marked_published(node):
            continue
        if end is None:
            end = _replies_heading(tree, text, 0)
        if own and end < len(text) and own in text[end:] and own not in text[:end]:
            continue
        return None
    merged["date_published"] = (value[:10], "url")
    return str(value[:16])


#: A `<time>` marked as the publication's: WordPress's class `published` (hAtom), schema.org's
#: itemprop datePublished, HTML5's pubdate.
_PUBLISHED_MARK = re.compile(r"(?:^|\s)(?:published|datepublished)(?:\s|$)", re.IGNORECASE)


def _marked_published(node: LexborNode) -> bool:
    attrs = node.attributes
    return "pubdate" in attrs or bool(_PUBLISHED_MARK.search(f"{attrs.get('class') or ''} {attrs.get('itemprop') or ''}"))


def _updated_by_headline(text: str, headlines: list[str], found: str, dayfirst: bool) -> bool:
    """Whether the line by the headline that holds the date `found` labels it an update's
    ("Updated November 18, 2019 5:40 PM")."""
    for line in text_near_headline(text, headlines).split("\n"):
        year = line.find(found[:4])
        if year >= 0 and scan_date(line, dayfirst=dayfirst) == found:
            return _UPDATE.search(line, 0, year) is not None
    return False


def stated_instants(cands: dict[str, dict[str, list[Any]]], fetched_at: datetime | None, dayfirst: bool) -> list[str]:
    """The UTC instants the structured sources state as the publication's."""
    read = date_reader(fetched_at, dayfirst)
    return [
        value
        for source, key in PRECEDENCE["date_published"]
        if source in _STRUCTURED
        for raw in cands.get(source, {}).get(key, [])
        if (value := read(raw, source, key)) and "T" in value and value.endswith("+00:00")
    ]


def _headline_date(text: str, headlines: list[str], fetched_at: datetime | None, dayfirst: bool) -> str | None:
    """The first date by the headline, else a labelled one near it."""
    found = scan_date(text_near_headline(text, headlines), not_after=fetched_at, dayfirst=dayfirst)
    if not found:
        starts = headline_lines(text, headlines, 1)
        if starts:
            window = text[max(0, starts[0] - _LABEL_BEFORE) : starts[0] + _LABEL_AFTER]
            found = labelled_date(window, not_after=fetched_at, dayfirst=dayfirst)
    return found


def _date_text(tree: LexborHTMLParser, text: str, headlines: list[str]) -> str:
    """The page text as the date readers by the headline read it: the comments in the code
    of scripts and style sheets blanked ("//2007-05-17: 300x250 footer": a note to the
    site's coders) in the windows they read, and the titles of the posts before and after
    this one (`dom.neighbour_titles`: "« AWS Week in Review - October 29, 2012"). Blanked
    with spaces, line breaks kept: the windows keep their places."""
    spans = [(pos - _LABEL_BEFORE, pos + _LABEL_AFTER) for pos in headline_lines(text, headlines) or [0]]
    text = _blank_code_comments(text, code_texts(tree), spans)
    # Not a title that is this page's own headline or title, or a part of it ("Budget 2013:
    # part 2" linked rel=next to its next page, "« iPhone 5" before "iPhone 5 review"):
    # blanked, the headline would not be found (review RV-D finding 2). A longer title
    # holding the headline ("Weekly links: May 3, 2012" before "Weekly links") is blanked
    # only where it stands whole: the headline's own line stays.
    own = [headline.casefold() for headline in headlines]
    for title in neighbour_titles(tree):
        folded = title.casefold()
        if any(folded in headline for headline in own):
            continue
        if title in text:
            text = text.replace(title, _blanked(title))
    return text


#: A comment in a script's or a style sheet's code (`//` to the line's end, `/* ... */`,
#: the `<!--` `-->` that hide a script from old browsers), after the strings before it
#: (a match opening with a quote: kept, so "http://" in a string is no comment). A string
#: is read as a run of plain characters and escapes (a group repeated a character at a time
#: kept a backtracking state for each: a 3 MB line after a quote took 370 MB), possessively
#: (no state kept for a run of escapes: 1 MB of `"\/\/...` peaked at 75 MB), and one left
#: open runs to its line's end: a line of 20,000 `\'` opened a string at each quote, each
#: read to the line's end to fail (quadratic: 4.5 s; a 1 MB line, hours). A quote left
#: open is not JavaScript; the only change is that a `//` after one on its line is not
#: blanked (fields of all 2,122 dev pages unchanged). Each alternative opens with a
#: literal character, so `re` passes over every other character in C (in two groups, the
#: alternatives were tried at every position: 1.7 times the time).
_CODE_COMMENT = re.compile(
    r""""[^"\\\n]*+(?:\\.[^"\\\n]*+)*+(?:"|(?=[\n\\])|\Z)|'[^'\\\n]*+(?:\\.[^'\\\n]*+)*+(?:'|(?=[\n\\])|\Z)"""
    r"""|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)|<!--|-->"""
)


_LINE_RUN = re.compile(r"[^\n]+")


def _blanked(text: str) -> str:
    """`text` with spaces for all but its line breaks, a run of a line at a time (a
    character at a time, a 3 MB comment cost 0.26 s and 370 MB)."""
    return _LINE_RUN.sub(lambda run: " " * (run.end() - run.start()), text)


def _blank_comments(code: str) -> str:
    """`code` with its comments blanked (`_CODE_COMMENT`), its strings kept: sliced around
    the comments, no call for each string (a minified script holds thousands)."""
    kept: list[str] = []
    last = 0
    for m in _CODE_COMMENT.finditer(code):
        start = m.start()
        if code[start] in "\"'":
            continue
        kept.append(code[last:start])
        kept.append(_blanked(m.group()))
        last = m.end()
    if not kept:
        return code
    kept.append(code[last:])
    return "".join(kept)


def _blank_code_comments(text: str, pieces: list[str], spans: list[tuple[int, int]]) -> str:
    """`text` with the comments in the pieces of code (`code_texts`, in the order of the
    text) blanked on their lines inside the spans (start, end) of `text` (from the line of
    the first span a piece reaches into: a comment begun before is not seen): each
    piece where it stands as whole lines after the previous one; a piece not found ends
    the work (as `page.blank_out`), and so does the last span's end: no piece after it
    reaches one (the scripts closing a page: each a search of the text, for nothing)."""
    kept: list[str] = []
    cursor = 0
    spans_end = max((high for _, high in spans), default=0)
    for piece in pieces:
        if cursor >= spans_end:
            break
        pos = text.find(f"\n{piece}\n", cursor)
        if pos < 0:
            break
        start, end = pos + 1, pos + 1 + len(piece)
        kept.append(text[cursor:start])
        reached = [(low, high) for low, high in spans if low < end and start < high]
        if reached:  # the piece's lines from the first span it reaches to the last one's end
            low, high = min(low for low, _ in reached), max(high for _, high in reached)
            first = max(0, piece.rfind("\n", 0, max(0, low - start)) + 1)
            last = piece.find("\n", max(0, high - start))
            last = len(piece) if last < 0 else last
            kept.append(piece[:first] + _blank_comments(piece[first:last]) + piece[last:])
        else:
            kept.append(piece)
        cursor = end
    kept.append(text[cursor:])
    return "".join(kept)


#: Labelled dates `date_below_story` looks at, at most.
_BELOW_TRIES = 10


def date_below_story(
    tree: LexborHTMLParser, text: str, headlines: list[str], fetched_at: datetime | None, dayfirst: bool | None
) -> str | None:
    """A labelled date line after the headline, below the story where no date stands by
    the headline: "Posted: 10.29.2012", "Posted by Jane Doe on Wed, Oct 24, 2012", "Posted
    to News on 10 November 2012", a post footer's "November 05, 2012 | Permalink" (TypePad,
    Movable Type). The first that stands in no other story's or comment's element, no list
    item, menu or `<aside>`, and no script (`dom.in_other_story`); from the page's top where
    the headline is not found. Asked only where the page states no date otherwise; with
    `dayfirst` None (no language stated), a date read as two days by the two orders is none
    (`printed.labelled_dates`)."""
    body = tree.body
    if body is None:
        return None
    starts = headline_lines(text, headlines, 1) if headlines else []
    start = starts[0] if starts else 0
    end: int | None = None  # where the replies begin: looked for at the first date line
    unseen = UnseenCheck()
    places = TextPlaces(body, text)
    asked = 0
    first: str | None = None
    for tries, line in enumerate(labelled_dates(text, start, not_after=fetched_at, dayfirst=dayfirst)):
        if tries == _BELOW_TRIES:
            break
        if end is None:
            end = _replies_heading(tree, text, start)
        if max(line.label, line.date) >= end:
            break
        low, high = sorted((line.label, line.date))
        if low < asked:  # a footer's date before the last line asked: walk again
            places = TextPlaces(body, text)
        asked = high
        opening, closing = places.element_at(low), places.element_at(high)
        # A date line's date stands in its label's block ("Posted in <a>News</a>" then a
        # comment's "on May 7, 2013" is no line: review RV-D finding 1).
        if opening is None or closing is None or not within(_block_of(closing), _block_of(opening)):
            continue
        if any(in_other_story(node, unseen) or _in_replies(node) for node in (opening, closing)):
            continue
        if first is not None:  # a second "Posted by X on" line: the readers' lines
            if line.byline:
                return None
            continue
        if not line.byline:
            return line.found
        first = line.found
    return first


#: A heading that counts or opens a post's replies ("3 Responses", "One Comment", "12
#: thoughts on “...”", "Leave a Reply", WordPress's "3 Responses to “Title”"): the lines
#: after it are the readers', marked as comments or not (review RV-D finding 3), and "Reader
#: Comments (2)" (review RV-F finding 5). A bare "Responses" (group `bare`) may be a
#: subhead of the story too.
_REPLIES = re.compile(
    r"^[ \t]*(?:(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:(?:responses?|comments?|replies|reactions?|trackbacks?)(?:\s+(?:to|on)\b[^\n]*)?|thoughts?\s+on\b[^\n]*)"
    r"|leave\s+a\s+(?:reply|response|comment)|(?:readers?'?\s+)?(?:comments|responses|replies)\s*\(\s*\d+\s*\)"
    r"|(?P<bare>responses?|replies))[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: Words every replies heading (`_REPLIES`) holds one of: lines without one are not tried.
_REPLY_WORDS_IN = ("respons", "comment", "repl", "thought", "reaction", "trackback")


def _replies_lines(text: str, start: int) -> Iterator[re.Match[str]]:
    """`_REPLIES.finditer(text, start)`, tried only at the starts of lines holding one of
    `_REPLY_WORDS_IN` and of the line before each (a count may stand on a line of its own:
    "2" then "Comments"): the regex anchored at every line start scans the whole text a
    character at a time (0.65 ms a page on the trafilatura set), plain `str.find`s do not."""
    low = text.lower()
    if len(low) != len(text):  # a lower case of another length ("İ"): positions would differ
        yield from _REPLIES.finditer(text, start)
        return
    lines: set[int] = set()
    for word in _REPLY_WORDS_IN:
        at = low.find(word, start)
        while at >= 0:
            line = text.rfind("\n", 0, at) + 1
            lines.add(line)
            if line:
                lines.add(text.rfind("\n", 0, line - 1) + 1)
            nl = text.find("\n", at)
            at = low.find(word, nl) if nl >= 0 else -1
    end = start
    for at in sorted(lines):
        if at < end:
            continue
        found = _REPLIES.match(text, at)
        if found:
            end = max(found.end(), at + 1)
            yield found


#: Headings a replies heading may be.
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Characters of a replies heading that is no h1-h6 element, at most ("2 Responses to" a
#: long title).
_HEADING_LENGTH = 200
#: Words of a paragraph of the story: a bare "Responses" heading it follows is a subhead.
_STORY_WORDS = 40


def _replies_heading(tree: LexborHTMLParser, text: str, start: int) -> int:
    """Where in `text` (from `start` on) the first heading element counting or opening the
    replies stands: an h1-h6 whose whole text is one (`_REPLIES`; a "3 Comments" link by the
    headline with the same text is none, review RV-DT finding 4), and, for a bare
    "Responses", no paragraph of the story right after it; else the text's end. A block
    that is no h1-h6 counts where its whole text is one, short (`_HEADING_LENGTH`), not a
    link's and not a bare "Responses": themes write the heading as `<div
    class="section-title">2 Responses</div>` or `<p><strong>2 Responses to “…”</strong></p>`
    (review RV-F finding 5)."""
    body = tree.body
    places: TextPlaces | None = None
    refused: set[int] = set()  # blocks judged no heading: a page of N matches in one block reads it once
    for found in _replies_lines(text, start):
        if body is None:
            break
        places = places or TextPlaces(body, text)
        node = places.element_at(found.start() + len(found.group()) - len(found.group().lstrip()))
        linked = False
        while node is not None and node.tag in _INLINE:
            linked = linked or node.tag == "a"
            node = node.parent
        if node is None or (node.tag not in _HEADINGS and (linked or found["bare"])) or node.mem_id in refused:
            continue
        whole = " ".join(node.text(deep=True).split())
        if not _REPLIES.fullmatch(whole) or (node.tag not in _HEADINGS and len(whole) > _HEADING_LENGTH):
            refused.add(node.mem_id)
            continue
        if found["bare"] and _story_follows(node):
            continue
        return found.start()
    return len(text)


def _story_follows(node: LexborNode) -> bool:
    """Whether the element after `node` is a paragraph of a story's length (`_STORY_WORDS`)."""
    after = node.next
    while after is not None and after.tag in ("-text", "_text", "-comment", "_comment"):
        after = after.next
    return after is not None and after.tag == "p" and len(after.text(deep=True).split()) >= _STORY_WORDS


#: Class or id words of a section of replies not named comments (`<div class="reply">`,
#: WordPress's `#respond`).
_REPLY_WORDS = frozenset(("reply", "replies", "response", "responses", "respond"))
#: Elements inside a line of text: a date line's block is the nearest element not one of them.
_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "big", "cite", "code", "data", "em", "font", "i", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "tt", "u",
))


def _block_of(node: LexborNode) -> LexborNode:
    """The nearest element holding `node` (itself too) that is no inline element."""
    while node.tag in _INLINE and node.parent is not None:
        node = node.parent
    return node


def _in_replies(node: LexborNode | None) -> bool:
    """Whether `node` sits in an element classed or named as replies (`_REPLY_WORDS`)."""
    while node is not None and node.tag not in ("body", "html"):
        if any(word in _REPLY_WORDS for word in class_id(node).casefold().split()):
            return True
        node = node.parent
    return False


#: Sources that state dates for machines: where they state one, even one refused (a WebPage's
#: date on a page that is no article), the page has said what it has to say.
_STRUCTURED = frozenset({"json-ld", "opengraph", "meta", "microdata"})


def states_a_date(cands: dict[str, dict[str, list[Any]]]) -> bool:
    return any(
        source in _STRUCTURED and key.endswith("date_published") and cands.get(source, {}).get(key)
        for source, key in PRECEDENCE["date_published"]
    )
