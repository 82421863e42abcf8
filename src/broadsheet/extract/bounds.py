"""Markup bounded before parsing: whatever a page holds, Lexbor and everything after it
get a bounded amount of work.

Lexbor follows the HTML5 tree construction rules, and several of them cost more than the
markup's length on hostile pages: nesting (each element looks down the stack of open
elements), many attributes on one element (each checked against the earlier ones),
`<html>`/`<body>` start tags (their attributes merged into the one element), options of one
select, and formatting elements (`<b>`, `<font>`...) closed implicitly, which the parser
re-opens at every later text (a 70 KB page became five million elements). Each guard here
reads the page once, in linear time, changes nothing on ordinary pages, and runs only where
a cheap count says it may be needed.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict, Iterable

VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose end tag is optional and that the next one closes wherever they are (an
# <optgroup> or a <rt> does so only in a <select> or a <ruby>: see the depth scan).
_AUTO_CLOSED = frozenset("p li dt dd option tr td th tbody thead tfoot colgroup".split())

#: Nesting deeper than this is flattened before parsing: Lexbor's tree building is
#: quadratic in depth (100,000 nested <div>s take half a minute) and no real page needs it.
MAX_DEPTH = 1024

#: Tags (any `<`) read as markup; past this many, the rest of the page is read as text
#: only (see `limit_tags`). Every element costs time and memory all the way down the
#: pipeline, and a 16 MB page can hold four million `<br>`s; the largest pages of the
#: development sets have under 20,000.
MAX_TAGS = 100_000
_NTH_TAG = re.compile(r"(?:[^<]*+<){%d}" % MAX_TAGS)
#: Beyond the limit: comments, raw-text elements with their content, and tags. The
#: branches share `<` and a look at the character after it: a page of millions of `<`s
#: before other characters costs one step at each. What it leaves holds no `<` before a
#: letter or before `/` and a letter (each starts a tag, removed whole): `scan` relies on it.
_MARKUP = re.compile(
    r"<(?=[a-zA-Z!?/])(?:!--.*?(?:-->|\Z)|"
    r"(script|style|template|noscript|textarea|title|xmp|iframe|noembed|noframes)\b.*?(?:</\1\s*>|\Z)|"
    r"/?[a-zA-Z!?][^>]*+(?:>|\Z))",
    re.DOTALL | re.IGNORECASE,
)

#: Attributes read per tag; the rest of a tag with more is dropped before parsing
#: (Lexbor checks each new attribute against all earlier ones: 100,000 attributes on one
#: element took 26 s). Real elements have a few, the most seen on a development page 64.
MAX_ATTRIBUTES = 128
#: Attributes a page may hold in all (Lexbor keeps about 230 bytes for each: 16 MB of
#: `<p a0 a1 ... a127>` is four million of them, 1.4 GB). A page that may hold more (it
#: has more characters that can end an attribute: spaces, `/`, quotes) keeps at most
#: FEW_ATTRIBUTES per tag, which with MAX_TAGS tags stays under the limit.
MAX_PAGE_ATTRIBUTES = 1_000_000
FEW_ATTRIBUTES = 8
# One attribute, as the HTML tokenizer reads it (atomic: a failed match never backtracks).
_ATTR = r"""(?>[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?)"""
#: What `limit_attributes` stops at: the start of a comment; a raw-text element (its text
#: passed over: `i<l;a++` in a script is no tag); `<svg>`, `<math>` and their end tags and,
#: inside them, the elements where HTML comes back (in SVG or MathML a `<script>` or
#: `<style>` holds markup, so raw text is passed over only outside them, and only while
#: nothing has made it uncertain where they end); `<frameset>`, `<template>` and `<col>`
#: (`_IGNORING`), and `</template>`; a CDATA section (text in SVG and MathML, elsewhere a bogus comment);
#: and a tag, start or end, with more
#: attributes than the limit. Everything else is read, once, in one match (`_skipper`), as the
#: tokenizer reads it: text, every other tag whole (quoted values and all: a `<!--` or a
#: `<script` in one is no comment or script), end tags with their attributes too, and
#: bogus comments (`<!x`, `<?x`, `</1`) to their `>`.
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_FOREIGN = frozenset(("svg", "math"))
_INTEGRATION = frozenset("foreignobject desc title annotation-xml mi mo mn ms mtext".split())
#: Where the parser ignores raw-text start tags, and reads what follows them as markup: in a
#: frameset (after `<frameset>`, to the page's end), and in a template whose content began
#: with `<col>` (only a colgroup takes start tags then), to that template's end. There, raw
#: text is as uncertain as after HTML inside SVG.
_IGNORING = frozenset(("frameset", "template", "col"))


class _Ignoring:
    """Whether the parser may ignore raw-text start tags here (`now`), from the start tags
    of `_IGNORING` and the `</template>`s a scan reads. Open templates are counted, each
    with whether a `<col>` came in it: any `<col>` in an open template counts (not only the
    one that begins its content: sooner unsure, never later), and each `</template>` read
    for sure closes the innermost (one the scan may have taken for a template, inside SVG,
    too: then the one that holds a `<col>` closes later, never sooner)."""

    __slots__ = ("frameset", "templates", "cols")

    def __init__(self) -> None:
        self.frameset = False
        self.templates: list[bool] = []  # per open template: whether a <col> came in it
        self.cols = 0  # open templates with a <col>

    @property
    def now(self) -> bool:
        return self.frameset or self.cols > 0

    def start(self, name: str) -> None:
        """A start tag `name` of `_IGNORING`."""
        if name == "frameset":
            self.frameset = True
        elif name == "template":
            self.templates.append(False)
        elif self.templates and not self.templates[-1]:  # a <col> in a template
            self.templates[-1] = True
            self.cols += 1

    def end_template(self) -> None:
        """A `</template>` read for sure (not in a stretch read two ways)."""
        if self.templates and self.templates.pop():
            self.cols -= 1


#: HTML's whitespace, the tokenizer's (tab, LF, FF, CR, space), as a character class body.
#: Not `\s`: in a str pattern that also matches U+00A0, U+2000..., \v, and read so,
#: `<p z=\xa0"a0 a1 ... a19999">` (to the tokenizer an unquoted value `\xa0"a0` and 20,000
#: attributes) was one attribute with a quoted value, and the page took 2.2 s to parse.
_WS = r"\t\n\f\r "


def _html(pattern: str) -> str:
    """`pattern` with each `\\s` (only ever first in a class, or alone) read as HTML's
    whitespace: the patterns keep the familiar spelling, the tokenizer's meaning."""
    return pattern.replace(r"[^\s", "[^" + _WS).replace(r"[\s", "[" + _WS).replace(r"\s", "[" + _WS + "]")


def _compile(pattern: str) -> "re.Pattern[str]":
    """A tag pattern compiled with `\\s` read as HTML's whitespace (`_html`)."""
    return re.compile(_html(pattern))


_Trie = Dict[str, "_Trie"]  # letter -> the names' rest; "" marks a name's end


def _names_pattern(names: Iterable[str]) -> str:
    """An alternation of tag names, factored by common prefixes (the scan tries it at every
    `<`: most tags fail at their first or second letter), each letter in both cases
    (IGNORECASE would slow every comparison of the scan). The first letter is spelled out
    as two plain ones (`b...|B...`, not `[bB]...`): the regex engine passes over an
    alternative that starts with a plain letter with one comparison, and most tags fail
    there (the count of formatting tags took 0.15 ms an AEB page, 0.11 ms so)."""
    tree: _Trie = {}
    for name in names:
        node = tree
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: _Trie, first: bool) -> str:
        alts = []
        for ch, sub in sorted(node.items()):
            if not ch:
                continue
            rest = alternation(sub, False)
            if not ch.isalpha():
                alts.append(re.escape(ch) + rest)
            elif first:
                alts += [ch.lower() + rest, ch.upper() + rest]
            else:
                alts.append(f"[{ch.lower()}{ch.upper()}]" + rest)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return alternation(tree, True)


_SKIPS: dict[int, "tuple[re.Pattern[str], re.Pattern[str]]"] = {}


def _skipper(most: int) -> "tuple[re.Pattern[str], re.Pattern[str]]":
    """(skip, tag) patterns for tags of at most `most` attributes: `skip` reads, from
    where it is tried, all that `limit_attributes` need not stop at (see above); `tag`
    reads a start or end tag whole, its attributes up to `most` apart from the rest."""
    found = _SKIPS.get(most)
    if found is None:
        skip = _compile(
            r"(?:[^<]++|<(?![a-zA-Z!/?])|<!(?!--|\[CDATA\[)[^>]*+(?:>|\Z)|<\?[^>]*+(?:>|\Z)|</(?![a-zA-Z])[^>]*+(?:>|\Z)|"
            r"</(?!%(foreign)s(?![^\s/>]))[a-zA-Z][^\s/>]*+%(attr)s{0,%(n)d}+[\s/]*+(?:>|\Z)|"
            r"<(?!%(special)s(?![^\s/>]))[a-zA-Z][^\s/>]*+%(attr)s{0,%(n)d}+[\s/]*+(?:>|\Z))*+"
            % {
                "foreign": _names_pattern(_FOREIGN | {"template"}),
                "special": _names_pattern(_RAW_TEXT | _FOREIGN | _INTEGRATION | _IGNORING),
                "attr": _ATTR,
                "n": most,
            }
        )
        start = _compile(r"</?(?P<name>[a-zA-Z][^\s/>]*+)(?P<allowed>%s{0,%d}+)(?P<more>%s*+)" % (_ATTR, most, _ATTR))
        found = _SKIPS[most] = (skip, start)
    return found


_TAG_TAIL = _compile(r"[\s/]*+>")
_END_NAMES: dict[str, "re.Pattern[str]"] = {}  # tag name -> the name in any case, ended


_COMMENT_CLOSE = re.compile(r"--!?>")


def _comment_end(html: str, at: int) -> int:
    """Where a comment whose `<!--` ends at `at` ends: `<!-->` and `<!--->` are whole
    comments, others end at `-->` or `--!>` (or with the page)."""
    if html.startswith(">", at):
        return at + 1
    if html.startswith("->", at):
        return at + 2
    close = _COMMENT_CLOSE.search(html, at)
    return close.end() if close else len(html)


def _end_tag(html: str, name: str, at: int) -> int:
    """Where the end tag `</name` (any case, ended by a space, `/` or `>`) first stands
    at or after `at`, or -1. A plain search for `</`: scripts are most of a page's bytes."""
    pattern = _END_NAMES.get(name)
    if pattern is None:
        pattern = _END_NAMES[name] = _compile("%s(?![^\\s/>])" % _names_pattern([name]))
    while True:
        at = html.find("</", at)
        if at < 0 or pattern.match(html, at + 2):
            return at
        at += 2


# What changes the tokenizer's state in a script's text: `<!--` (escaped: a `<script`
# there escapes twice, and the next `</script` only undoes that), `-->` (back to plain
# script text), and `<script` or `</script` ended as a tag name is.
_SCRIPT_STOP = _compile(r"<!--|-->|</?%s(?![^\s/>])" % _names_pattern(["script"]))
_SCRIPT_END_OR_ESCAPE = _compile(r"<(?:!--|/%s(?![^\s/>]))" % _names_pattern(["script"]))


def _raw_end(html: str, name: str, at: int) -> int:
    """Where the raw text of a `name` element (script, style, title...) whose start tag
    ends before `at` ends (its end tag's `<`), or -1: the first `</name`, but in a script
    not one in doubly escaped text (`<script><!--<script></script>` ... `</script>`: the
    first `</script>` ends no script)."""
    if name != "script":
        return _end_tag(html, name, at)
    first = _SCRIPT_END_OR_ESCAPE.search(html, at)  # one search in C (faster than `_end_tag`)
    if first is None:
        return -1
    if first.group()[1] == "/":  # most scripts: never escaped before the first `</script`
        return first.start()
    at, escaped, twice = first.start(), False, False
    while True:
        stop = _SCRIPT_STOP.search(html, at)
        if stop is None:
            return -1
        token, at = stop.group(), stop.end()
        if token == "<!--":
            if not escaped:
                escaped, at = True, stop.start() + 2  # `<!-->` and `<!--->` end at once
        elif token == "-->":
            escaped = twice = False
        elif token[1] != "/":
            twice = twice or escaped
        elif twice:
            twice = False
        else:
            return stop.start()


#: Markup read whole, as complete tokens (text, comments, bogus comments, tags with their
#: attributes), none that changes how the tokenizer reads on: no raw-text start tag and no
#: CDATA section. Where the parser may read a stretch as raw text or as markup (a `<style>`
#: in SVG: the SVG may have been left), a stretch that this reads to its end is read alike
#: both ways from there on (see `_read_alike`).
_TILED = _compile(
    r"(?:[^<]++|<(?![a-zA-Z!/?])|<!--(?:-?>|(?s:.)*?--!?>)|<!(?!--|\[CDATA\[)[^>]*+>|<\?[^>]*+>|"
    r"</(?![a-zA-Z])[^>]*+>|</[a-zA-Z][^\s/>]*+%(attr)s*+[\s/]*+>|"
    r"<(?!%(raw)s(?![^\s/>]))[a-zA-Z][^\s/>]*+%(attr)s*+[\s/]*+>)*+"
    % {"raw": _names_pattern(_RAW_TEXT), "attr": _ATTR}
)
class _Ahead:
    """Where the next of a few things stands (`</name` ended as a tag name is, `<!--`,
    `]]>`), remembered per thing: the scans ask again from places before the answer (each
    `<style>` of `<svg><style><style>...`), and a search then starts where the last one of
    its kind stopped, so that the searches of one scan read the page once per thing. Also
    where the last stretch found to read alike both ways ends (`verified`): a CDATA section
    inside it was checked with it."""

    __slots__ = ("html", "known", "verified", "cdata")

    def __init__(self, html: str) -> None:
        self.html = html
        self.known: dict[str, tuple[int, int]] = {}
        self.verified = 0
        # a CDATA section's start -> whether its stretch reads alike: checked once each (a
        # failed check, forgotten, was read again from every later section inside it)
        self.cdata: dict[int, bool] = {}

    def next(self, what: str, at: int) -> int:
        """Where `what` (`</` and a name: an end tag's start; else the text itself) first
        stands at or after `at`, or -1."""
        known = self.known.get(what)
        if known is not None and known[0] <= at and (known[1] < 0 or at <= known[1]):
            return known[1]
        found = _end_tag(self.html, what[2:], at) if what.startswith("</") else self.html.find(what, at)
        self.known[what] = (at, found)
        return found


def _as_text(html: str, name: str, opened: int) -> "tuple[str, int]":
    """(the content of a raw-text element `name` whose start tag ends at `opened`, each `<`
    made `&lt;`; where it ends: at its end tag, or the page's end). Where the parser may read
    that content as raw text or as markup and the two readings go on differently, both then
    read plain text up to the same end tag, and the element stays one (a script's text is
    still left out of the article). Renaming the start tag instead made both read markup:
    then a later scan that took it for raw text, from where it stood (`</template>` closes
    an SVG for the depth scan only), let through what it had passed over, and a page's
    inline script after any doubt became article text."""
    close = _end_tag(html, name, opened)
    close = len(html) if close < 0 else close
    return html[opened:close].replace("<", "&lt;"), close


#: A CDATA section's start: in SVG or MathML its text runs to `]]>`; elsewhere it is a bogus
#: comment to the first `>`. Where the scans cannot follow both, it becomes `<!-[CDATA[`, a
#: bogus comment everywhere.
_CDATA = "<![CDATA["


def _opened(html: str, at: int) -> int:
    """Where the start tag whose attributes end at `at` ends (after its `>`)."""
    tail = _TAG_TAIL.match(html, at)
    return tail.end() if tail is not None else len(html)


def _raw_both_ways(ahead: _Ahead, name: str, opened: int) -> "tuple[bool, int]":
    """(whether the content of a raw-text element `name` that starts at `opened` reads
    alike as raw text and as markup, from its end tag on (`_read_alike`); where the stretch
    read both ways ends: its end tag, or the page's end, where the raw text has none: read
    as text to the end it holds no tag, so nothing the scans read as markup is hidden).
    A script holding `<!--` before its first `</script` reads two ways (escaped script
    text may end at a later one, `_raw_end`)."""
    close = ahead.next("</" + name, opened)
    if close < 0:
        return True, len(ahead.html)
    if name == "script" and 0 <= ahead.next("<!--", opened) < close:
        return False, close
    alike = _read_alike(ahead, opened, close)
    if alike:
        ahead.verified = max(ahead.verified, close)
    return alike, close


def _after_cdata(ahead: _Ahead, at: int, unsure: bool) -> "tuple[int, int, bool]":
    """(where markup goes on after the `<![CDATA[` at `at`, read as the bogus comment it
    is outside SVG and MathML; where the stretch after that, which in SVG or MathML is text,
    ends; whether the section must become a bogus comment everywhere). Where the parser may
    be in SVG or MathML (`unsure`) it reads text to `]]>` instead: unless the markup between
    the bogus comment's `>` and that `]]>` reads alike both ways (`_read_alike`), the section
    is made a bogus comment in any context."""
    close = ahead.html.find(">", at)
    if close < 0:
        return len(ahead.html), len(ahead.html), False
    # sure; inside a stretch checked already; or text to the page's end: markup from the `>` on
    end = ahead.next("]]>", at + len(_CDATA)) if unsure and at >= ahead.verified else -1
    if end < 0:
        return close + 1, close + 1, False
    alike = ahead.cdata.get(at)
    if alike is None:
        alike = ahead.cdata[at] = _read_alike(ahead, close + 1, end + 3)
    if alike:
        ahead.verified = max(ahead.verified, end + 3)
        return close + 1, end + 3, False
    return close + 1, close + 1, True


def _read_alike(ahead: _Ahead, start: int, stop: int) -> bool:
    """Whether markup read from `start` reaches `stop` at the end of a token, with no
    raw-text start tag on the way: then the tokenizer reads on from `stop` alike, whether
    it read the stretch as markup or as text (raw text, a CDATA section). A CDATA section on
    the way must read alike too: as text to its `]]>`, and as a bogus comment to its first
    `>` followed by markup that reaches that `]]>`'s end (`.a > .b` in an SVG's style)."""
    html = ahead.html
    ends = [stop]  # where the stretches being read must end, innermost last
    opened = [-1]  # the CDATA section each stretch is the content of
    while ends:
        tiled = _TILED.match(html, start, ends[-1])  # `*+`: matches, if only ""
        start = tiled.end() if tiled is not None else start
        if start >= ends[-1]:
            ends.pop()
            ahead.cdata[opened.pop()] = True
            continue
        known = ahead.cdata.get(start) if html.startswith(_CDATA, start) else False
        close = html.find(">", start, ends[-1])
        end = ahead.next("]]>", start + len(_CDATA))
        if known is False or close < 0 or not 0 <= end <= ends[-1] - 3:
            for at in opened[1:]:
                ahead.cdata[at] = False
            return False
        if known:  # read alike already: on from its end
            start = end + 3
            continue
        ends.append(end + 3)
        opened.append(start)
        start = close + 1
    return True

def limit_tags(html: str, tags: int | None = None) -> tuple[str, str]:
    """(markup, text): the page up to its MAX_TAGS-th `<`, and the rest as text only.

    Past the limit, comments and the content of scripts, styles and other raw-text
    elements go, and every tag becomes a space: the text is kept (it lands, as one run,
    in the element open at the cut). Where the cut falls inside a tag (a quoted value
    holding `<`s), the tokenizer reads the text on as that tag's attributes: bound them
    (`limit_attributes`) on markup and text together, not on the markup alone.
    `tags` is `html.count("<")` when already known.
    """
    if (html.count("<") if tags is None else tags) <= MAX_TAGS:
        return html, ""
    m = _NTH_TAG.match(html)
    if m is None:
        return html, ""
    cut = m.end() - 1
    return html[:cut], _MARKUP.sub(" ", html[cut:])


def limit_attributes(html: str, most: int = MAX_ATTRIBUTES, after: int | None = None) -> str:
    """Drop the attributes past the first `most` of every tag that has more (end tags
    too: the parser drops theirs, but Lexbor reads them all first, and 100,000 on one end
    tag took 0.5 s).

    Raw text (scripts, styles) is passed over only where the tokenizer surely reads it
    as such: outside SVG and MathML, as long as no element where HTML comes back inside
    them (`foreignObject`, `desc`, `mi`...) has made it uncertain where they end (nor a
    frameset, `_IGNORING`). Elsewhere it is read as markup where that reads alike both
    ways from its end tag on (`_raw_both_ways`); where not, its content is made plain text
    either way (`_as_text`). A CDATA section where the
    parser may be in SVG or MathML is read likewise (`_after_cdata`).
    `after`: no tag before it may hold more (`scan` found the first there): the page is
    then read only as far as the last tag that, read whole, does (`_next_over`, asked
    again each time the reading passes the one it gave: at most LAZY_RESUMES times, then
    on to the end); without it, to the end. (Such tags are mostly in scripts near the
    head, where the tokenizer reads none: on the 22 of 181 AEB pages that have them, the
    last ends a fifth of the way in, at the median.)
    """
    end = len(html)
    scanners = _SCANNERS.get(most) or _SCANNERS.setdefault(most, _Scanners(most))
    resumes = LAZY_RESUMES
    if after is None:
        limit, misses = end, 0
    else:
        limit, misses = _next_over(html, after, scanners, NEAR_MISSES)
        if limit < 0:
            return html
    pieces: list[str] = []
    last = pos = 0
    foreign: list[str] = []  # open <svg>/<math>, innermost last
    uncertain = False  # whether raw text may hold markup from here on (HTML inside SVG)
    ignoring = _Ignoring()
    ahead = _Ahead(html)
    skip, start_tag = _skipper(most)
    while True:
        if pos > limit:  # past every tag found over the limit: is there another?
            resumes -= 1
            if resumes < 0:
                limit = end
            else:
                limit, misses = _next_over(html, pos, scanners, misses)
                if limit < 0:
                    break
        skipped = skip.match(html, pos)  # always matches, if only ""
        pos = skipped.end() if skipped is not None else end
        if pos >= end:
            break
        if html.startswith("<!--", pos):  # the comment ends where the tokenizer ends it
            pos = _comment_end(html, pos + 4)
            continue
        if html.startswith(_CDATA, pos):
            resume, _, bogus = _after_cdata(ahead, pos, bool(foreign) or uncertain or ignoring.now)
            if bogus:
                pieces.append(html[last : pos + 2] + "-")
                last = pos + 2
            pos = resume
            continue
        if html.startswith("</", pos):  # the end tag of an <svg>, a <math>, a <template>, or one over the limit
            closing = start_tag.match(html, pos)
            if closing is None:  # cannot happen: `skip` stops only at `</` and a letter
                pos += 2
                continue
            if closing.group("more"):
                pieces.append(html[last : closing.end("allowed")])
                last = closing.end()
            name = closing.group("name").lower()
            if name in foreign:  # popped with everything opened inside it
                del foreign[len(foreign) - 1 - foreign[::-1].index(name) :]
            elif name == "template" and pos >= ahead.verified:  # not in a stretch read two ways
                ignoring.end_template()
            pos = closing.end()
            continue
        tag = start_tag.match(html, pos)  # a special tag, or one over the limit
        if tag is None:  # cannot happen: `skip` stops only at `<` and a letter
            pos += 1
            continue
        special = tag.group("name").lower()
        unsure = bool(foreign) or uncertain or ignoring.now  # whether raw text may be markup here
        as_text = special in _RAW_TEXT and unsure and not _raw_both_ways(ahead, special, _opened(html, tag.end()))[0]
        if tag.group("more"):
            pieces.append(html[last : tag.end("allowed")])
            last = tag.end()
        pos = tag.end()
        if as_text:  # plain text, then, either way
            opened = _opened(html, pos)
            text, close = _as_text(html, special, opened)
            pieces += (html[last:opened], text)
            last = pos = close
            continue
        if special in _IGNORING:
            ignoring.start(special)
        elif special in _FOREIGN:
            tail = _TAG_TAIL.match(html, pos)
            if tail is None or tail.group()[-2:] != "/>":  # not `<svg/>`, which opens nothing (`<svg a=1/>` does)
                foreign.append(special)
        elif foreign and special in _INTEGRATION:
            if not uncertain:
                # HTML comes back inside it; only plain text there (an icon's <title>) is
                # sure to leave the SVG or MathML around it as it was
                close = _end_tag(html, special, pos)
                if close >= 0 and html.find("<", pos, close) < 0:
                    pos = close
                else:
                    uncertain = True
        elif special in _RAW_TEXT and not unsure:
            close = _raw_end(html, special, pos)
            pos = close if close >= 0 else end
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


# -- nesting ---------------------------------------------------------------------------
# The depth scan follows the tokenizer (comments, raw text, quoted attribute values) and
# closes what the tree builder surely closes: an end tag closes the innermost open element
# of its name only where the parser would (not across a table, a template, SVG... nor, for
# an element outside HTML's "special" list, across a special one: `<div></span>` leaves
# the div open), and never `</body>`/`</html>`. What it cannot tell, it counts as still
# open: it may flatten a page sooner than needed, never later.
# Elements that do not deepen the tree: void, with an optional end tag that the next one
# closes, the document's own (merged, not nested), and the raw-text ones (their text is
# passed over).
_NO_DEPTH = VOID_TAGS | _AUTO_CLOSED | frozenset("html head body caption".split())
#: Raw text to the tokenizer (outside SVG and MathML): no tag inside is a tag.
_DEPTH_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
# An end tag does not close an element below one of these ("scope" boundaries) ...
_BOUNDARY = frozenset("applet html table td th marquee object template svg math".split()) | _INTEGRATION
# ... and an end tag of an element outside this list does not close one below any of these
# (HTML's "special" elements; `</span>` leaves a `<div>` opened inside the span open).
_SPECIAL = _BOUNDARY | frozenset(
    """address area article aside base basefont bgsound blockquote body br button caption center
    col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset
    h1 h2 h3 h4 h5 h6 head header hgroup hr iframe img input keygen li link listing main menu meta nav
    noembed noframes noscript ol p param plaintext pre script search section select source style
    summary tbody textarea tfoot thead title tr track ul wbr xmp""".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: A start tag of one of these closes an open one of the same name that is the current node.
_CLOSES_ITS_LIKE = frozenset("a nobr button".split())
_RUBY_PARTS = frozenset("rb rt rp rtc".split())
# `<!--`, other `<!`/`<?` and `</` not followed by a letter (bogus comments), or a tag read
# as the tokenizer reads it: the name up to a space, `/` or `>`, quoted values whole.
_DEPTH_TOKEN_BODY = (
    r"(?P<at><)(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![a-zA-Z]))|(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*+)%s*+(?P<tail>[\s/]*+)(?:>|\Z))"
    % _ATTR
)
_DEPTH_TOKEN = _compile(_DEPTH_TOKEN_BODY)
# What the depth scan reads and does nothing with, passed over inside the regex engine (a
# round trip to Python per tag was most of the scan's time): text, `<` that starts no token,
# and whole start and end tags of `_NO_DEPTH` names (the scan reads and drops them whatever
# its state; not `<col>`, which `_Ignoring` counts), one cut off by the end of the page too
# (as the token reads it: else its tail is read again by each alternative). ASCII names only: `.lower()` maps the
# Kelvin sign to `k`, and such a name is left to the scan.
_PASSED = r"[^<]++|<(?![a-zA-Z!?/])|</?%s(?![^\s/>])%s*+[\s/]*+(?:>|\Z)" % (_names_pattern(_NO_DEPTH - {"col"}), _ATTR)
# A leaf element whose start and end tags the scan reads one right after the other (text
# and `_PASSED` tags between): pushed, then popped by its own end tag (it is the current
# node: no boundary above it), so the stack is as before. Only for names with no other
# effect: not the raw-text, foreign, integration or `_IGNORING` ones, and none that closes an
# open element before it is pushed; `_LEAF_CLOSING` (a, nobr, button, headings) close one
# only where the current node is of their kind. And only while nothing has been dropped (its
# end tag could end a dropped one), the stack is under the limit and tags close (`both_ways`).
_LEAF_CLOSING = _CLOSES_ITS_LIKE | _HEADINGS
_NOT_LEAF = _DEPTH_RAW | _FOREIGN | _INTEGRATION | _IGNORING | _RUBY_PARTS | frozenset(("optgroup", "select"))
_LEAF = (
    r"<(?!%%s(?![^\s/>]))(?P<leaf>[a-zA-Z][a-zA-Z0-9-]*+)(?![^\s/>])%(attr)s*+[\s/]*+>(?:%(passed)s)*+"
    r"</(?P=leaf)(?![^\s/>])%(attr)s*+[\s/]*+>" % {"attr": _ATTR, "passed": _PASSED}
)
#: The depth scan's next token, from where it stands, past what it would do nothing with
#: (`.match`: the token, if any, stands right after that). Without leaves; with leaves but
#: those of `_LEAF_CLOSING`; with all leaves.
_DEPTH_NEXT = tuple(
    _compile(r"(?:%s)*+(?:%s|\Z)" % (passed, _DEPTH_TOKEN_BODY))
    for passed in (
        _PASSED,
        _PASSED + "|" + _LEAF % _names_pattern(_NOT_LEAF | _LEAF_CLOSING),
        _PASSED + "|" + _LEAF % _names_pattern(_NOT_LEAF),
    )
)


class _OpenElements:
    """The depth scan's stack of open elements, with each name's positions and the
    innermost boundary and special element, so that matching an end tag costs no walk."""

    __slots__ = ("names", "where", "boundaries", "specials", "foreign")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.where: dict[str, list[int]] = {}
        self.boundaries: list[int] = []
        self.specials: list[int] = []
        self.foreign = 0  # open <svg>/<math>: raw text is markup there

    def push(self, name: str) -> None:
        at = len(self.names)
        self.names.append(name)
        self.where.setdefault(name, []).append(at)
        if name in _SPECIAL:
            self.specials.append(at)
            if name in _BOUNDARY:
                self.boundaries.append(at)
                if name in _FOREIGN:
                    self.foreign += 1

    def pop_to(self, at: int) -> None:
        """Close the element at `at` and everything opened inside it."""
        names = self.names
        for name in names[at:]:
            self.where[name].pop()
            if name in _FOREIGN:
                self.foreign -= 1
        del names[at:]
        for marks in (self.specials, self.boundaries):
            while marks and marks[-1] >= at:
                marks.pop()

    def closes(self, name: str) -> int:
        """Where the element an end tag `name` closes is, or -1."""
        found = self.where.get(name)
        if not found:
            return -1
        at = found[-1]
        if name == "template":  # closes everything opened in it
            return at
        blockers = self.specials if name not in _SPECIAL else self.boundaries
        return at if not blockers or blockers[-1] <= at else -1

    def top(self, back: int = 1) -> str:
        return self.names[-back] if len(self.names) >= back else ""


def flatten_deep_nesting(html: str, max_depth: int = MAX_DEPTH, tags: int | None = None) -> str:
    """Drop the start tags nested deeper than `max_depth`, and as many end tags of their
    names after them, keeping all text.

    Lexbor's tree building is quadratic in depth. Only pages with enough tags to nest that
    deep are scanned, so ordinary pages pay nothing. `tags` is `html.count("<")` when
    already known. Raw text and CDATA where the parser may read markup instead are read as
    in `limit_attributes`, closing nothing (`both_ways`). Text, tags of `_NO_DEPTH` names
    and leaf elements are passed over in the regex engine (`_DEPTH_NEXT`), where that
    leaves the scan's state as reading them would: a third of the round trips to Python remain.
    """
    if (html.count("<") if tags is None else tags) < max_depth * 4:
        return html
    stack = _OpenElements()
    pieces: list[str] = []
    last = pos = 0
    end = len(html)
    dropped: dict[str, int] = {}
    # Where the parser may read text (raw text, a CDATA section) or markup, the scan reads
    # markup that reads alike both ways (`_read_alike`) and, up to `both_ways`, closes
    # nothing: what the markup opens may be open, what it closes may be text.
    both_ways = 0
    uncertain = False  # whether raw text may hold markup from here on (as in `limit_attributes`)
    ignoring = _Ignoring()
    ahead = _Ahead(html)
    search, no_depth = _DEPTH_TOKEN.search, _NO_DEPTH  # locals: this loop runs once a tag
    plain, leaves, all_leaves = (pattern.match for pattern in _DEPTH_NEXT)
    names, where, specials, boundaries = stack.names, stack.where, stack.specials, stack.boundaries
    lowered: dict[str, str] = {}  # each name as read -> lower-cased: a page has few names
    while pos < end:
        if dropped or pos < both_ways or len(names) >= max_depth:
            m = plain(html, pos)
        elif names and names[-1] in _LEAF_CLOSING:
            m = leaves(html, pos)
        else:
            m = all_leaves(html, pos)
        if m is None:  # never (a token follows wherever it stops); else token by token, as sure
            plain = leaves = all_leaves = search
            continue
        start = m.start("at")
        if start < 0:  # nothing the scan does anything with, to the end
            break
        pos = m.end()
        comment, bogus, end_tag, name, tail = m.groups()[-5:]  # the token's groups come last
        if comment:
            pos = _comment_end(html, pos)
            continue
        if bogus:
            if html.startswith(_CDATA, start):  # not `<?[CDATA[` nor `</[CDATA[`
                pos, until, to_bogus = _after_cdata(ahead, start, stack.foreign > 0 or uncertain or ignoring.now)
                both_ways = max(both_ways, until)
                if to_bogus:
                    pieces.append(html[last : start + 2] + "-")
                    last = start + 2
                continue
            close = html.find(">", pos)
            pos = end if close < 0 else close + 1
            continue
        name = lowered.get(name) or lowered.setdefault(name, name.lower())
        closes = start >= both_ways
        if name in _IGNORING:
            if not end_tag:
                ignoring.start(name)
            elif name == "template" and closes:
                ignoring.end_template()
        if name in no_depth:
            continue
        if end_tag:
            if dropped.get(name):  # the end of a dropped start tag, most likely
                dropped[name] -= 1
                pieces.append(html[last : start])
                last = pos
                continue
            at = stack.closes(name) if closes else -1
            if at < 0:
                continue
            if at < len(names) - 1 or name in _FOREIGN:
                stack.pop_to(at)
                continue
            names.pop()  # the current node alone, most end tags: `pop_to` inlined
            where[name].pop()
            if specials and specials[-1] == at:
                specials.pop()
                if boundaries and boundaries[-1] == at:
                    boundaries.pop()
            continue
        if name in _FOREIGN and tail.endswith("/") and html.startswith(">", pos - 1):
            continue  # `<svg/>` opens nothing (`<svg a=1/>` does: the `/` is the value's)
        as_text = False
        if stack.foreign and name in _INTEGRATION and not uncertain:
            close = _end_tag(html, name, pos)  # HTML comes back inside: sure only of plain text
            uncertain = close < 0 or html.find("<", pos, close) >= 0
        if name in _DEPTH_RAW:
            if not stack.foreign and not uncertain and not ignoring.now:
                # its text holds no tag (not `<plaintext>`: ignored in a select, it turns
                # nothing after it to text there, so the scan reads on: sooner, never later)
                close = _raw_end(html, name, pos)
                pos = end if close < 0 else close
                continue
            alike, until = _raw_both_ways(ahead, name, pos)  # raw text, or markup?
            if alike:
                both_ways = max(both_ways, until)
            else:
                as_text = True  # plain text, then, either way
        top = names[-1] if names else ""
        if not closes:
            pass
        elif top == name and name in _CLOSES_ITS_LIKE or top in _HEADINGS and name in _HEADINGS:
            stack.pop_to(len(stack.names) - 1)
        elif name in _RUBY_PARTS and (top in ("rb", "rt", "rp") or top == "rtc" and name in ("rb", "rtc")):
            ruby = stack.where.get("ruby")  # the parts of one ruby do not nest
            if ruby and (not stack.boundaries or stack.boundaries[-1] < ruby[-1]):
                stack.pop_to(len(stack.names) - 1)
        elif name in ("optgroup", "select") and top in ("optgroup", "select"):
            # in a select, an optgroup closes the open one and a select closes the select
            at = len(stack.names) - (2 if top == "optgroup" else 1)
            if stack.top(len(stack.names) - at) == "select":
                stack.pop_to(at + 1 if name == "optgroup" else at)
                if name == "select":
                    continue
        if len(stack.names) >= max_depth:
            dropped[name] = dropped.get(name, 0) + 1
            pieces.append(html[last : start])
            last = pos
            continue
        if as_text:
            text, close = _as_text(html, name, pos)
            pieces += (html[last:pos], text)
            last = pos = close
        if name in _SPECIAL:
            stack.push(name)
            continue
        found = where.get(name)  # `push` inlined, for the rest
        if found is None:
            where[name] = [len(names)]
        else:
            found.append(len(names))
        names.append(name)
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


# -- work the tree builder repeats -------------------------------------------------------
#: Formatting elements but `<a>` (HTML's "active formatting elements"). The parser keeps a
#: list of them and, at every text or tag after something closed them implicitly, opens
#: again those no longer open: a 70 KB page of `<div><b id=N>...</div>` then
#: `<div>x</div>`s made five million elements. The list holds at most three alike (same
#: name and attributes) after its last marker and one `<a>`, so a page with T tags, whose
#: formatting start tags come as N distinct ones each repeated k times, makes at most
#: (2T + 1)(sum of min(3, k) + 3) elements that way.
FORMATTING = ("b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u")
#: Past this bound, every formatting element of the page is renamed to a plain inline one
#: (`<b>` to `<broadsheet-b>`: no list, nothing re-opened; the light tree reads the names
#: back). Renaming them on all 2,122 development pages changes none of their output.
FORMATTING_BUDGET = 250_000
RENAMED_FORMATTING = {"broadsheet-" + name: name for name in FORMATTING}
_FORMATTING_TAG = _compile(r"<(/?)(?=(?:%s)(?![^\s/>]))" % _names_pattern(FORMATTING))
#: `<html>` and `<body>` start tags after the first add their attributes to the one element,
#: each checked against all it has (40,000 `<html a{N}></html>`: 2 s). Past this many of
#: them, the later ones lose their attributes (development pages have up to 7).
MAX_ROOT_TAGS = 16
#: Options of one `<select>`: Lexbor does work over all of them for each one (40,000: 4 s).
#: Past this many on a page, an `<option>` becomes an `<optgroup>` (left out of the text
#: all the same; development pages have up to 723 options).
MAX_OPTIONS = 4096
_ROOT_TAG = _compile(r"<(%s)(?![^\s/>])%s*+" % (_names_pattern(("html", "body")), _ATTR))
_OPTION_TAG = _compile(r"<%s(?![^\s/>])" % _names_pattern(("option",)))


def rename_formatting(html: str) -> str:
    """Every formatting start and end tag renamed (`<b>` to `<broadsheet-b>`)."""
    return _FORMATTING_TAG.sub(r"<\1broadsheet-", html)


def limit_root_tags(html: str, most: int = MAX_ROOT_TAGS) -> str:
    """`<html>`/`<body>` start tags past the first `most` without their attributes."""
    seen = 0

    def strip(m: "re.Match[str]") -> str:
        nonlocal seen
        seen += 1
        return m.group(0) if seen <= most else "<" + m.group(1)

    return _ROOT_TAG.sub(strip, html)


def limit_options(html: str, most: int = MAX_OPTIONS) -> str:
    """`<option>` start tags past the first `most` turned into `<optgroup>`s."""
    seen = 0

    def rename(m: "re.Match[str]") -> str:
        nonlocal seen
        seen += 1
        return m.group(0) if seen <= most else "<optgroup"

    return _OPTION_TAG.sub(rename, html)


def limit_repeated_work(html: str, tags: int, found: "list[tuple[str, str, str]]") -> str:
    """Bound the tree builder's repeated work (formatting elements re-opened, `<html>`/
    `<body>` attributes merged, options of a select) for a page of `tags` tags whose
    formatting, `<html>`, `<body>` and `<option>` start tags are `found` (`scan`)."""
    if len(found) <= MAX_ROOT_TAGS and (2 * tags + 1) * (len(found) + 3) <= FORMATTING_BUDGET:
        return html
    reopened = 3  # at most: one <a>, and slack
    others: Counter[str] = Counter()
    for (_, _, other), n in Counter(found).items():
        if other:
            others[other.lower()] += n
        else:
            reopened += min(3, n)
    if (2 * tags + 1) * reopened > FORMATTING_BUDGET:
        html = rename_formatting(html)
    if others["html"] + others["body"] > MAX_ROOT_TAGS:
        html = limit_root_tags(html)
    if others["option"] > MAX_OPTIONS:
        html = limit_options(html)
    return html


def bound(html: str) -> str:
    """The page with what would make parsing or anything after it slow bounded.

    Each step is linear in the page's length and changes nothing on ordinary pages: at most
    MAX_TAGS tags are read as markup (`limit_tags`); formatting elements that could be
    re-opened too often are renamed, `<html>`/`<body>` attributes past MAX_ROOT_TAGS such
    tags and options past MAX_OPTIONS are dropped (`limit_repeated_work`); nesting deeper
    than MAX_DEPTH is flattened (`flatten_deep_nesting`); and a tag keeps at most
    MAX_ATTRIBUTES attributes (`limit_attributes`; FEW_ATTRIBUTES on a page that could hold
    over MAX_PAGE_ATTRIBUTES in all).
    """
    tags = html.count("<")
    rest = ""
    if tags > MAX_TAGS:
        html, rest = limit_tags(html, tags)
        tags = MAX_TAGS
    # the attribute limit reads both: a tag open at the cut reads `rest` as attributes
    most = FEW_ATTRIBUTES if _may_hold_attributes(html, rest, tags) > MAX_PAGE_ATTRIBUTES else MAX_ATTRIBUTES
    first, found = scan(html, most, rest)
    scanned = html
    html = limit_repeated_work(html, tags, found)
    html = flatten_deep_nesting(html, tags=tags)
    unchanged = html == scanned  # then `first` still stands where it was found
    if rest:
        html += rest
    if first >= 0:  # some tag may hold more attributes: the exact scan
        html = limit_attributes(html, most, first if unchanged else 0)
    return html


#: Characters of an attribute value the searches of `scan` read. A longer value makes the
#: attribute search's try a hit (the exact scan then reads the tag whole) and a counted
#: tag one of a kind: so no try reads on through a long value that the try from the next
#: `<` and a letter inside the tag reads again (`"<a " * 127 + "x=" + "y" * 16_000_000`
#: took 4 s, and as `<b`s 13 s). Development pages' longest values (data: URLs) pass it.
MAX_VALUE = 65_536
# An attribute value as the tokenizer reads it, of at most MAX_VALUE characters (quoted,
# unquoted, or none before the tag's end); a longer one does not match.
def _value(most: int) -> str:
    """An attribute value of at most `most` characters, as the tokenizer reads it."""
    return r"""(?:"[^"]{0,%(n)d}+(?:"|\Z)|'[^']{0,%(n)d}+(?:'|\Z)|[^\s>"'][^\s>]{0,%(n1)d}+(?![^\s>])|(?=>|\Z))""" % {
        "n": most, "n1": most - 1}


_VALUE = _value(MAX_VALUE)
# ... and one that is longer.
_LONG_VALUE = r"""(?:"[^"]{%(n)d}|'[^']{%(n)d}|[^\s>"'][^\s>]{%(n)d})""" % {"n": MAX_VALUE}
# An attribute as in _ATTR but with its name read 31 characters at a time, each piece
# counted: a name's `=` and quotes are read as the tokenizer reads them, so the count can
# only come out higher, and no attempt runs on through a long name. A piece whose value
# is longer than MAX_VALUE does not match (see `_Scanners.over`).
_ATTR_PIECE = r"""[\s/]*+[^\s/>][^\s/>=]{0,30}+(?:\s*+=\s*+%s|(?!\s*+=))""" % _VALUE
# An attribute whose value is longer than MAX_VALUE.
_LONG_ATTR = r"""[\s/]*+[^\s/>][^\s/>=]{0,30}+\s*+=\s*+%s""" % _LONG_VALUE
#: Characters of a formatting tag's attributes that `scan` keeps to tell alike ones apart.
#: A tag whose attributes are longer, or hold a longer value, is one of a kind (`_counted`):
#: counted so, it can only make renaming sooner, which changes no output. Kept whole, and
#: read with values up to MAX_VALUE, the attributes of each of a tag's 126 inner `<b`s were
#: read and copied to its end: 16 MB of `<b <b ... x="60 KB">` took 2.8 s and 2.1 GB.
MAX_KEPT = 1024
# An attribute as the tokenizer reads it (atomic), its name read 31 characters at a time
# and its value at most MAX_KEPT long (`_Scanners.counted`).
_BOUNDED_ATTR = r"""(?>[\s/]*+[^\s/>][^\s/>=]{0,30}+(?:\s*+=\s*+%s|(?!\s*+=)))""" % _value(MAX_KEPT)


#: Tags that the attribute search finds (`scan`) but that, read whole as the tokenizer reads
#: them, keep to the limit are passed over, this many at most; past them the exact scan
#: reads on to the end. (Minified scripts: `for(i=0;i<n.length;i++){...}` reads as a tag
#: whose long names count 31 characters a piece.)
NEAR_MISSES = 4
#: Times the exact scan, past the last tag found over the limit, asks for the next
#: (`limit_attributes`); past them it reads on to the end.
LAZY_RESUMES = 8


def _may_be_over(most: int) -> str:
    """A lookahead, tried after a tag's `<` and its first letter (`/?[a-zA-Z]`), that holds
    wherever `_Scanners.over` can match there: where it does not, the attribute search's
    try fails at once instead of reading the tag's attributes one by one (most of the
    search's time on ordinary pages: it keeps to each tag's first `>`, with three steps
    the regex engine runs in C). Neither pattern changes what the search finds.

    Why it holds. A match of `over` reads `most` + 1 pieces (or fewer and a value longer
    than MAX_VALUE): every piece but the last takes two characters or more with what
    separates it from the next (a one-character name without a value is followed by a
    space or `/` before another piece), so after the first letter come at least
    N = 2 * most + 1 characters of the match. A `>` in the match stands only in a quoted
    value (the name, the pieces' names and separators and unquoted values exclude it), and
    a quoted value opens with a quote right after `=` or a space (`\\s*+=\\s*+`). So either
    the N characters after the letter hold no `>` (the first branch), or the first `>`, g,
    comes before them, inside a value whose opening quote is the last quote of its kind
    before g (the value holds no other), after a `=` or a space: the second and third
    branches read to g (at most N - 1 characters), go back to the last `"` (or `'`) and
    look at the character before it. The look back finds that quote only if no other of
    its kind follows it before g: a last quote that closes a value (`class="a">`) fails the
    test, an earlier one is never looked at.
    """
    n = 2 * most + 1
    return r"""(?=[^>]{%d}|(?>[^>]{0,%d}")(?<=[\s=]")|(?>[^>]{0,%d}')(?<=[\s=]'))""" % (n, n - 1, n - 1)


class _Scanners:
    """The patterns `scan` reads a page with, for tags of at most `most` attributes."""

    __slots__ = ("first", "over", "exact", "counted")

    def __init__(self, most: int) -> None:
        # the pieces possessive: they read one way only, and the engine keeps nothing to undo;
        # `_may_be_over` lets the try end at the tag's first `>` where no match can follow
        over = r"/?[a-zA-Z]%s[^\s/><]*+(?:<(?![a-zA-Z])[^\s/><]*+)*+(?![^\s/>])(?:%s){0,%d}+(?:%s|%s)" % (
            _may_be_over(most), _ATTR_PIECE, most, _ATTR_PIECE, _LONG_ATTR
        )
        # the attributes read ahead, and (`cut`) a character where the tag goes on after them:
        # past `most` of them, or at a name or value too long to read
        counted = r"(%s)(?![^\s/>])(?=(%s{0,%d}+)((?![\s/]*+(?:>|\Z))(?s:.))?)|(%s)(?![^\s/>])" % (
            _names_pattern(FORMATTING), _BOUNDED_ATTR, most, _names_pattern(("html", "body", "option"))
        )
        #: a tag that may hold more than `most` attributes, tried from every `<` or `</` and a letter
        self.over = _compile("<" + over)
        #: the formatting, `<html>`, `<body>` and `<option>` start tags
        self.counted = _compile("<(?:%s)" % counted)
        #: both in one pass: at each `<` the attribute search first (a counted tag may be
        #: the one over the limit), then the counted tags; a match with no group is a hit
        #: (no group around the search: it would be marked at every `<`)
        self.first = _compile("<(?:%s|%s)" % (over, counted))
        #: the tag's attributes read whole, as the tokenizer reads them, from a hit of `over`
        self.exact = _compile(r"</?[a-zA-Z][^\s/>]*+%s{%d}" % (_ATTR, most + 1))


_SCANNERS: dict[int, _Scanners] = {}


def scan(html: str, most: int, rest: str = "") -> "tuple[int, list[tuple[str, str, str]]]":
    """(where the first tag that may hold more than `most` attributes starts, -1 where
    none does; the formatting, `<html>`, `<body>` and `<option>` start tags as
    (name, attributes, '') or ('', '', name)), on the page `html` + `rest`.

    `rest`: `limit_tags`' text past the cut, where no `<` is followed by a letter or by `/`
    and a letter (`_MARKUP` removed every such tag). No try from such a `<` can match
    (both patterns start with `<`, then a letter or `/` and a letter), and inside a match
    that reads on into `rest` (a tag open at the cut) such a `<` reads as any character
    but a space, `/`, `>`, `=`, a quote or a letter does (a name goes on through `<` and a
    non-letter). So the search reads `rest` with its `<`s made `\\0`: the same matches,
    without a try at each of millions of `<`s (16 MB of them: 1.3 s); the attributes kept
    are the page's own (`_counted`).

    One C-speed pass through the page that finds little on ordinary pages. A tag over the
    attribute limit is looked for anywhere (raw text too): a hit only means
    `limit_attributes`' exact scan runs (it stops at every comment and script in Python).
    Tried from every `<` or `</` and a letter, it misses no tag the tokenizer gives more
    attributes: a tag name holding `<` and a letter (`<p<y="x a b ...`: one name to the
    tokenizer) is left to the try from that inner `<`, which reads the name's end and then
    the same attributes; so no try reads through a name, or a long name piece by piece,
    that a later try reads again.
    The counted tags' attributes are read ahead as the tokenizer reads them (at most
    `most`, as many as the page keeps): nothing but their names is passed over.
    """
    scanners = _SCANNERS.get(most) or _SCANNERS.setdefault(most, _Scanners(most))
    page = html + rest.replace("<", "\0") if rest else html
    rest_at = len(html)
    found: list[tuple[str, str, str]] = []
    for m in scanners.first.finditer(page):
        if m.lastindex is None:  # a hit; the rest counted alone: the hit's try read past them
            found += (_counted(c, rest, rest_at) for c in scanners.counted.finditer(page, m.start()))
            return m.start(), found
        found.append(_counted(m, rest, rest_at))
    return -1, found


def _counted(m: "re.Match[str]", rest: str = "", rest_at: int = 0) -> "tuple[str, str, str]":
    """A counted tag as `scan` gives it, from a match of `_Scanners.counted` (or of
    `_Scanners.first`: the same groups). A formatting tag not read to its end (`cut`), or
    whose attributes are longer than MAX_KEPT, is one of a kind: what was read of it cannot
    say that another is like it (and its attributes are never copied). Attributes that run
    on into `rest` (from `rest_at` in the string read) are taken from `rest` itself: `scan`
    read it with its `<`s changed."""
    name, other = m.group(1), m.group(4)
    if name is None:
        return "", "", other or ""
    start, stop = m.span(2)
    if m.start(3) >= 0 or stop - start > MAX_KEPT:
        return name, "\0%d" % m.start(), ""
    if rest and stop > rest_at:
        return name, m.string[start:rest_at] + rest[: stop - rest_at], ""
    return name, m.string[start:stop], ""


def _next_over(html: str, at: int, scanners: _Scanners, misses: int) -> "tuple[int, int]":
    """(where the first tag from `at` on that may hold more attributes than the limit and,
    read whole as the tokenizer reads it (from an inner `<`: the name's end, then the same
    attributes), does hold more starts, -1 where none does; the near misses left). Each
    hit read whole costs up to the rest of the page: past `misses` hits that keep to the
    limit, the answer is the page's end (read it all)."""
    while True:
        hit = scanners.over.search(html, at)
        if hit is None:
            return -1, misses
        if scanners.exact.match(html, hit.start()):
            return hit.start(), misses
        misses -= 1
        if misses <= 0:
            return len(html), 0
        at = hit.start() + 1


def _may_hold_attributes(html: str, rest: str = "", tags: int | None = None) -> int:
    """More than the attributes the page (`html` + `rest`, with `tags` tags) can hold:
    every attribute but a tag's last ends at a space, a `/` or a quote, so it takes two
    characters; only on a page that could reach the limit so are those characters counted."""
    tags = min(html.count("<") if tags is None else tags, MAX_TAGS)
    most = (len(html) + len(rest)) // 2 + tags
    if most <= MAX_PAGE_ATTRIBUTES:
        return most
    return sum(html.count(c) + rest.count(c) for c in " \t\n\r\f/\"'") + tags


