"""Last pass over body blocks: drop lines that are boilerplate by what they say.

Structure-based pruning (emit) cannot see a lone "Advertisement" paragraph, a byline written
as a plain <p>, a dateline, or a heading left dangling after its link list was removed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from broadsheet.extract.invisible import drop_invisible, has_invisible
from broadsheet.extract.mojibake import MAX_PAGE_REPAIR_CHARS, repair_mojibake, suspect
from broadsheet.extract.patterns import (
    BOILERPLATE_LINE,
    BUTTON_WORD,
    BUTTON_WORDS,
    BY_WORDS,
    BYLINE_LINE,
    CONTRIBUTED_LINE,
    DATE_LABELS,
    DATE_LINE,
    PROMO_SENTENCE,
    TAXONOMY_LINE,
    TIME_LINE,
)
from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.words import NAME_PARTICLES, SUBMITTED_ON, WEEKDAY_ABBREVIATIONS, WEEKDAYS, alternation
from broadsheet.model import Block

_WORD_CHAR = re.compile(r"[^\W_]")
#: Characters of body text the repeated-pull-quote test may search through, all quotes
#: together (a page of 100,000 quotes would otherwise search the body 100,000 times).
QUOTE_SEARCH = 50_000_000


def _norm(text: str) -> str:
    """The text from its first to its last letter or digit, spaces collapsed, case folded.

    Found by searching forwards and backwards: a trailing `[\\W_]+$` regex retries from
    every position of a long run of symbols (300,000 replacement characters took minutes).
    """
    first = _WORD_CHAR.search(text)
    if first is None:
        return ""
    last = _WORD_CHAR.search(text[::-1])
    end = len(text) - last.start() if last is not None else len(text)
    return " ".join(text[first.start():end].split()).casefold()


#: The longest of `BUTTON_WORD`'s words: a longer line is not tried against it.
_MAX_BUTTON_WORD = max(map(len, BUTTON_WORDS))


def is_boilerplate_line(text: str, bare_words: bool = True) -> bool:
    """A block whose whole text is a known boilerplate formula; with `bare_words`, a share
    or print button's bare label in a language of the news web too (`BUTTON_WORD`: words
    that a heading or a list's item may be)."""
    if len(text) > 300:
        return False
    stripped = text.strip(" \t\n|•·-–—:>»«")
    if BOILERPLATE_LINE.match(stripped) or (bare_words and len(stripped) <= _MAX_BUTTON_WORD and BUTTON_WORD.match(stripped)):
        return True
    # "... contributed to this report": the pattern matches the word in any case, and no
    # character but b, u, t, e, d or their capitals matches those letters so (as `ı` does `i`)
    return "buted" in stripped.lower() and CONTRIBUTED_LINE.match(stripped) is not None


#: A block longer than this (characters) is article text even when it mentions a newsletter
#: or a commission: a promotion is a line or two.
MAX_PROMO = 300


def is_promo(text: str) -> bool:
    """A short block that invites to a newsletter or discloses affiliate earnings.

    Only a block holding the words of one of `PROMO_SENTENCE`'s forms is searched: the
    pattern, tried at every position of every short block, cost 2% of an extraction."""
    if len(text) > MAX_PROMO:
        return False
    low = text.lower()
    invites = ("newsletter" in low or "inbox" in low or "mail" in low) and (
        "sign" in low or "subscribe" in low or "register" in low or "enter your" in low
    )
    discloses = "if you " in low and ("commission" in low or "share of" in low)
    return (invites or discloses) and PROMO_SENTENCE.search(text) is not None


#: How a taxonomy line without a colon opens (`TAXONOMY_LINE`): any other needs one.
_TAXONOMY_OPENERS = frozenset(("posted", "filed ", "tagged"))


#: A line opening with the word for "by" and what follows it (`is_byline`).
_BY_OPENER = re.compile(rf"(?:{alternation(BY_WORDS)})\s+(\S)", re.IGNORECASE)


#: Where a byline's name ends: a separator before its agency, title or date. (No leading
#: `\s*`: searched along a run of spaces, that took time quadratic in the run.)
_BYLINE_SEPARATOR = re.compile(r"[,;:|•·–—]|\s-\s")
#: Words of a name before its separator, at most: "by jane doe", "von unserem Korrespondenten
#: Hans Müller", "By the Associated Press" are bylines though lower-case words follow the opener.
_BYLINE_WORDS = 5
#: Where a dateline may follow the name: "by jane doe on march 3, 2012", "von x am 3. März 2012".
_DATE_JOIN = re.compile(rf"[\s,|•·–—-]+(?:(?:{alternation(SUBMITTED_ON, ('den', 'the'))})\s+)?", re.IGNORECASE)


#: How a dateline cut from a byline's end opens: a day, a month's or weekday's name, or a
#: label. (`DATE_LINE` takes any one word before its date: that word may be the sentence's,
#: "By then it had ended, March 3, 2012.")
_DATE_WORDS = frozenset(
    word.casefold() for word in (*MONTHS, *WEEKDAYS, *WEEKDAY_ABBREVIATIONS, *(label.split()[0] for label in DATE_LABELS))
)
_FIRST_WORD = re.compile(r"[^\s,.:]+")
#: What follows a first word (`_may_be_sentence`): a stop or comma, or the next word.
_NEXT_WORD = re.compile(r"[.,:]|\s+([^\s,.:]*)")
#: A time's "a.m."/"p.m." closing a line (`_reads_as_sentence`): its stop is no sentence's.
_TIME_STOP = re.compile(r"\d\s*[ap]\.m\.$", re.IGNORECASE)


def _without_date(text: str) -> str:
    """`text` less a dateline that ends it ("by admin on March 3, 2012." reads "by admin")."""
    for join in _DATE_JOIN.finditer(text):
        word = _FIRST_WORD.match(text, join.end())
        if word is None or not (word.group()[0].isdigit() or word.group().casefold() in _DATE_WORDS):
            continue
        if DATE_LINE.match(text[join.end() :]):
            return text[: join.start()]
    return text


def _reads_as_sentence(text: str, start: int) -> bool:
    """A line whose words from `start` read as a sentence rather than a name: it ends as a
    sentence does and has more than three words ("von dpa/afp.", "By the Associated Press."
    are names), or runs on past `_BYLINE_WORDS` words before any separator. A dateline that
    ends the line is no part of it."""
    line = text.rstrip("\"'”’»)")
    dated = _without_date(text)
    # A time's "a.m."/"p.m." that ends a dateline cut here ends no sentence: "By staff and
    # wire reports on March 3, 2012 at 9:40 p.m." is a byline ("by then it was 9 p.m." not).
    ends = line.endswith((".", "!", "?", ":", "…")) and not (dated != text and _TIME_STOP.search(line))
    text = dated
    rest = text[start:]
    # The stop is the line's, also where a date before it is cut: "By then it was over on
    # March 3, 2012." is a sentence; "by admin on March 3, 2012." is a name and its date.
    if ends and len(rest.split()) > 3:
        return True
    cut = _BYLINE_SEPARATOR.search(rest)
    return len((rest[: cut.start()] if cut else rest).split()) > _BYLINE_WORDS


def _may_be_sentence(text: str, opener: re.Match[str]) -> bool:
    """Whether what follows a line's "By" may open a sentence rather than a name: a
    lower-case word ("By the way"), a number ("By 2030, ..."), a month's or weekday's name
    ("By March 3, 2012, the deal was done.", "By Monday the river had burst its banks.").
    A name ("By May Smith", "By April Ryan, CNN") still reads as one (`_reads_as_sentence`)."""
    first = opener.group(1)
    if first.islower() or first.isdigit():
        return True
    word = _FIRST_WORD.match(text, opener.start(1))
    if word is None or word.group().casefold() not in _DATE_WORDS:
        return False
    # A month's or weekday's word is also a name ("May", "June", "Jan", "Marco", "Julio",
    # "Mei", "Sun"): it opens a sentence only before a date, a stop or comma, or a
    # lower-case word that is no name's particle ("By Monday the river ...").
    after = _NEXT_WORD.match(text, word.end())
    if after is None or not after.group(1):
        return True
    following = after.group(1)
    if following[0].isdigit() or following.casefold() in _DATE_WORDS:
        return True
    return following.islower() and following not in NAME_PARTICLES


def is_byline(text: str) -> bool:
    """A byline, a dateline or time, or a post's taxonomy line: metadata, not body text.

    A line opening with "By" (or its counterparts) is a byline unless what follows may open
    a sentence (`_may_be_sentence`) and the line reads as one (`_reads_as_sentence`): "By the
    way, ...", "Par ailleurs, ...", "By 2030, ...", "By Monday the river ..." are the
    story's; "by admin", "von dpa", "By May Smith" are bylines."""
    if len(text) > 120 or "\n" in text.strip():
        return False
    text = text.strip()
    if BYLINE_LINE.match(text):
        opener = _BY_OPENER.match(text)
        if opener is None or not _may_be_sentence(text, opener) or not _reads_as_sentence(text, opener.start(1)):
            return True
    if DATE_LINE.match(text) or TIME_LINE.match(text):
        return True
    # Read only a line with a colon or one of the openers (the pattern is tried on every block).
    return (":" in text or text[:6].lower() in _TAXONOMY_OPENERS) and TAXONOMY_LINE.match(text) is not None


#: A block of more lines than this is judged as a whole only (`_all_lines_metadata`).
MAX_METADATA_LINES = 4


def _all_lines_metadata(text: str, bare_words: bool = True) -> bool:
    """Whether every line of a block of a few lines is a byline, a dateline, a time or a
    taxonomy line, or a boilerplate formula: the post's details printed one a line
    ("Date: November 5, 2012" / "Category: News"), each of which goes on a line of its own."""
    if text.count("\n") >= MAX_METADATA_LINES:
        return False
    kinds: list[str] = []
    for line in text.split("\n"):
        kind = _metadata_kind(line, bare_words)
        if kind is None:  # a line of the story: most blocks are read no further
            return False
        kinds.append(kind)
    # Post details are of different kinds (a byline and a date, a date and a category); lines
    # all of one kind are a list the story gives ("By car ..." / "By train ...", a run of dates).
    # A row of buttons' labels ("Pin It" / "Tweet": a few words each) is boilerplate however
    # many lines it has; longer formulas ("Register online at ..." / "Log in with ...") are
    # a story's steps when they repeat.
    details = [kind for kind in kinds if kind != "label"]
    return len(set(details)) == len(details)


#: A boilerplate line of at most this many words is a button's label (`_all_lines_metadata`).
MAX_LABEL_WORDS = 3


def _metadata_kind(line: str, bare_words: bool = True) -> str | None:
    """What post detail a line is (`_all_lines_metadata`): boilerplate, a date, a time, a
    taxonomy line or a byline; None for a line of the story."""
    if is_boilerplate_line(line, bare_words):
        return "label" if len(line.split()) <= MAX_LABEL_WORDS else "boilerplate"
    if not is_byline(line):
        return None
    line = line.strip()
    if DATE_LINE.match(line):
        # a post's dates are labelled apart ("Published: ..." / "Updated: ..."); a run of
        # unlabelled dates is the story's
        label = _DATE_LABEL.match(line)
        return "date" if label is None else f"date:{label.group(0).casefold()}"
    if TIME_LINE.match(line):
        return "time"
    if TAXONOMY_LINE.match(line):
        return "taxonomy"
    # a story's co-authors, one a line ("By Jane Doe" / "By John Roe"): each its own
    return f"byline:{line}" if _named_byline(line) else "byline"


_DATE_LABEL = re.compile(rf"(?:{alternation(DATE_LABELS)})\b", re.IGNORECASE)
_NAMED_BYLINE = re.compile(r"^(?i:by|von|par|por|di|door)\s+((?:[^\W\d_][\w.'’-]*\s+){1,5}[^\W\d_][\w.'’-]*)$")


def _named_byline(line: str) -> bool:
    """Whether a line is "By" and a name, nothing else: two to four capitalised words, in any
    script that has capitals ("By Émile Dupont", "Von Özlem Türeci"), with a name's
    lower-case particles between them ("By Ludwig van Beethoven"); "By car: ...", "By the
    sea" are not."""
    m = _NAMED_BYLINE.match(line)
    if m is None:
        return False
    words = m.group(1).split()
    named = [w for w in words if w[0].isupper()]
    return 2 <= len(named) <= 4 and words[0][0].isupper() and words[-1][0].isupper() and all(
        w[0].isupper() or w in NAME_PARTICLES for w in words
    )


#: A line that is only a separator mark or two ("|", "-", "•", ",", ">>"): what stood
#: between two items (a byline and a date, a category and a comment count) that went or
#: stand on lines of their own. A scene break ("***", "* * *", a rule of dashes) is longer.
_MARKS = r"[-–—|,.;:/\\<>«»‹›•·▪◦●■►▶~]"
_LONE_SEPARATOR = re.compile(_MARKS + "{1,2}")


#: A line that is a lone separator, found in one search (`_without_lone_separators` splits
#: only a text holding one: a paragraph of five million one-letter lines cost 0.6 s split).
_LONE_SEPARATOR_LINE = re.compile(r"^[^\S\n]*" + _MARKS + r"{1,2}[^\S\n]*$", re.MULTILINE)


def _without_lone_separators(text: str) -> str:
    """The text without its lines that are only a separator mark or two (`_LONE_SEPARATOR`)."""
    if "\n" not in text:
        return "" if _LONE_SEPARATOR.fullmatch(text.strip()) else text
    if _LONE_SEPARATOR_LINE.search(text) is None:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if len(line) > 3 or not _LONE_SEPARATOR.fullmatch(line.strip())]
    return text if len(kept) == len(lines) else "\n".join(kept)


def _visible(block: Block) -> Block:
    """The block without the characters that print as nothing (`invisible`): a line left
    empty goes and spaces left side by side are one (code keeps its lines and spaces)."""
    text = drop_invisible(block.text)
    if block.kind != "code":
        text = "\n".join(line for line in (" ".join(part.split()) for part in text.split("\n")) if line)
    rows = block.rows
    if rows is not None:
        rows = tuple(tuple(" ".join(drop_invisible(cell).split()) for cell in row) for row in rows)
    return replace(block, text=text, rows=rows)


def _repaired(block: Block) -> Block:
    """The block with its mojibake repaired (`mojibake`), its table cells too."""
    rows = block.rows
    if rows is not None:
        rows = tuple(tuple(repair_mojibake(cell) for cell in row) for row in rows)
    return replace(block, text=repair_mojibake(block.text), rows=rows)


def clean_blocks(blocks: list[Block], title: str | None = None) -> list[Block]:
    """Remove boilerplate, bylines, datelines, the repeated title and dangling headings."""
    title_key = _norm(title) if title else ""
    repair_budget = MAX_PAGE_REPAIR_CHARS  # ftfy's time on a page of suspects is bounded
    kept: list[Block] = []
    for block in blocks:
        if not block.text.isascii() or block.rows:  # (ASCII text holds neither: most blocks)
            if has_invisible(block.text) or (block.rows and any(has_invisible(c) for r in block.rows for c in r)):
                block = _visible(block)
                if not block.text and block.kind != "image":
                    continue
            # a code block is kept as written: "â€™" in a program is what it means
            if block.kind != "code" and repair_budget > 0 and suspect(block.text):
                repair_budget -= len(block.text)
                block = _repaired(block)
        if block.kind in ("image", "table", "code"):
            kept.append(block)
            continue
        text = block.text
        if len(text) <= 8 or "\n" in text:
            text = _without_lone_separators(text)
            if not text:
                continue
            if text != block.text:
                block = replace(block, text=text)
        if (
            is_boilerplate_line(text, bare_words=block.kind == "paragraph")
            or is_byline(text)
            or (block.kind == "paragraph" and is_promo(text))
        ):
            continue
        if "\n" in text and _all_lines_metadata(text, bare_words=block.kind == "paragraph"):
            continue
        if (
            title_key
            and block.kind in ("heading", "paragraph")
            and abs(len(text) - len(title_key)) <= len(title_key) // 3 + 3
            and _norm(text) == title_key
        ):
            continue
        kept.append(block)
    # A pull quote that repeats the body word for word says nothing new. Each test searches
    # the whole prose: past QUOTE_SEARCH characters searched in all, the rest are kept.
    if any(b.kind == "quote" for b in kept):
        prose = "\n".join(" ".join(b.text.split()).casefold() for b in kept if b.kind != "quote")
        budget = QUOTE_SEARCH
        deduped: list[Block] = []
        for b in kept:
            if b.kind == "quote" and len(b.text) >= 20 and budget > 0:
                budget -= len(prose) + len(b.text)
                if _norm(b.text) in prose:
                    continue
            deduped.append(b)
        kept = deduped
    # A heading followed by no text before the next heading of the same or higher rank
    # (or the end) introduced something that was removed: drop it too. Read backwards,
    # remembering the next block that is not an image (a dropped heading included).
    out: list[Block] = []
    following: Block | None = None
    for block in reversed(kept):
        if not (block.kind == "heading" and (
            following is None or (following.kind == "heading" and following.level <= block.level)
        )):
            out.append(block)
        if block.kind != "image":
            following = block
    out.reverse()
    return out
