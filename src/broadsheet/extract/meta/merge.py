"""The merge step: one value per field from the readers' candidates, by a fixed precedence.

Readers fill `Candidates` (source -> field -> raw values in document order). For each field
`PRECEDENCE` lists (source, key) pairs, best first; the first raw value that survives the
field's cleaner wins and its source is recorded. Cleaners return None for anything unusable,
so a garbage value in a strong source falls through to the next source instead of winning.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, MutableMapping

from broadsheet.extract.meta.authors import clean_authors, is_title, looks_like_person, name_key
from broadsheet.extract.meta.headline import cut_section, pick_title
from broadsheet.extract.meta.page import PageText
from broadsheet.extract.meta.section import pick_section
from broadsheet.extract.meta.html_meta import KIND_SOURCES, Candidates, add, is_article_page
from broadsheet.extract.meta.published import date_reader, pick_published
from broadsheet.extract.meta.text import (
    clean_canonical,
    clean_description,
    clean_image,
    clean_language,
    clean_name,
    clean_site_name,
    clean_tags,
    clean_text,
    clean_title,
    host_on_platform,
    hostname,
    is_site_part,
    label_of_host,
    strip_site,
)

Pairs = tuple[tuple[str, str], ...]

#: Per field, (source, key) pairs, best first. `*_weak` keys and `page_*` keys (from a
#: WebPage object rather than the article's own) rank below every plain structured value.
#: Every key a reader fills is listed here (a test checks it); `kind` is no field but what
#: the page declares itself (og:type, a JSON-LD article object: `is_article_page`).
PRECEDENCE: dict[str, Pairs] = {
    "title": (
        ("json-ld", "title"), ("opengraph", "title"), ("twitter", "title"), ("meta", "title"),
        ("microdata", "title"), ("dom", "title"), ("dom", "title_in_chrome"), ("json-ld", "page_title"),
        ("html", "title"),
    ),
    "description": (
        ("opengraph", "description"), ("meta", "description"), ("twitter", "description"),
        ("json-ld", "description"), ("microdata", "description"),
    ),
    "authors": (
        ("json-ld", "authors"), ("meta", "authors"), ("twitter", "authors"), ("opengraph", "authors"),
        ("microdata", "authors"), ("dom", "authors"), ("dom", "authors_in_footer"),
    ),
    "date_published": (
        ("json-ld", "date_published"), ("opengraph", "date_published"), ("meta", "date_published"),
        ("microdata", "date_published"), ("json-ld", "page_date_published"),
        ("dom", "date_published"), ("microdata", "date_published_weak"), ("url", "date_published"),
        ("dom", "date_any"), ("dom", "dateline"),
    ),
    "date_modified": (
        ("json-ld", "date_modified"), ("opengraph", "date_modified"), ("meta", "date_modified"),
        ("microdata", "date_modified"), ("json-ld", "page_date_modified"), ("dom", "date_modified"),
    ),
    # JSON-LD's name before og:site_name: the article's publisher.name first, as
    # Readability.js reads them (publisher.name, then og:site_name); else, our own
    # extension, a WebSite's or Organization's name (schema.org: the site's, the
    # publisher's). og:site_name is often the domain dressed up ("Paper.example"). Putting
    # only publisher.name first scored the same on every set.
    "site_name": (
        ("json-ld", "site_name"), ("opengraph", "site_name"), ("meta", "site_name"),
        ("microdata", "publisher"), ("meta", "publisher"), ("meta", "site_name_weak"),
        ("dom", "site_heading"), ("dom", "site_heading_in_chrome"), ("link", "site_feed"),
    ),
    "section": (
        ("dom", "section"), ("opengraph", "section"), ("json-ld", "section"), ("meta", "section"),
        ("microdata", "section"),
    ),
    "tags": (
        ("opengraph", "tags"), ("dom", "tags"), ("dom", "tag_links"), ("meta", "tags"),
        ("json-ld", "tags"), ("microdata", "tags"),
    ),
    "image": (
        ("opengraph", "image"), ("json-ld", "image"), ("twitter", "image"), ("meta", "image"),
        ("link", "image"), ("microdata", "image"),
    ),
    "canonical_url": (
        ("link", "canonical_url"), ("opengraph", "canonical_url"), ("json-ld", "canonical_url"),
        ("meta", "canonical_url"),
    ),
    "language": (
        ("html", "language"), ("meta", "language"), ("opengraph", "language"),
        ("json-ld", "language"), ("microdata", "language"),
    ),
    "kind": KIND_SOURCES,
}


def precedence_lines(width: int = 92) -> list[str]:
    """`PRECEDENCE` as the package docstring prints it: one entry per field, sources best
    first, `source:key` where the key is not the field's own name, wrapped at `width`."""
    lines = []
    for name, pairs in PRECEDENCE.items():
        labels = [source if key == name else f"{source}:{key}" for source, key in pairs]
        line = f"  {name:<15} {labels[0]}"
        for label in labels[1:]:
            if len(line) + len(label) + 3 > width:
                lines.append(line + " >")
                line = " " * 18 + label
            else:
                line += f" > {label}"
        lines.append(line)
    return lines


#: Site names that only confirm a stronger source's (application-name) or only help
#: strip the site from titles (the site's title heading, its feed's title): never the
#: field alone.
_WEAK_SITE_KEYS = frozenset({"site_name_weak", "site_heading", "site_heading_in_chrome", "site_feed"})

#: The headline as the page prints it: an `<h1>` outside site chrome, an element marked
#: as schema.org's headline (microdata, read where the page shows it).
_PRINTED_HEADLINES = (("dom", "title"), ("microdata", "title"))

#: Sources read from what the page shows its readers (no visibility check needed).
_VISIBLE_SOURCES = frozenset({"dom", "microdata"})


class Context:
    """What the cleaners need to know about the page as a whole."""

    def __init__(self, cands: Candidates, url: str | None, fetched_at: datetime | None) -> None:
        self.url = url
        self.fetched_at = fetched_at
        host = hostname(url)  # one parse of the URL for both uses
        self.host = label_of_host(host)
        pairs = PRECEDENCE["site_name"]
        strong = tuple(p for p in pairs if p[1] not in _WEAK_SITE_KEYS)
        weak = tuple(p for p in pairs if p[1] == "site_name_weak")
        names = self._names(cands, strong)
        if not names:
            # `application-name` only where nothing better names the site, and never the
            # page's own title (some sites fill it so): that would cut the whole title.
            titles = {name_key(t) for t in self._names(cands, PRECEDENCE["title"])}
            names = [n for n in self._names(cands, weak) if name_key(n) not in titles]
        self.site_name = names[0] if names else None
        self.site_keys = {name_key(n) for n in names if n and name_key(n)}
        if self.host and not host_on_platform(host):
            # On a blog platform the subdomain is often the author's own handle.
            self.site_keys.add(self.host.replace("-", ""))
        # The site's feed names it where a second feed repeats the name (Blogger's Atom
        # and RSS feeds, WordPress's comments feeds): a site's main feed. One feed alone
        # is a topic page's as often ("Brexit - RSS" over "Brexit - what next?"): its name
        # is cut only from a title's end, the site's place (review R15). Feeds of several
        # names are a news site's sections and topics ("Media", "Leveson inquiry").
        # Neither ever fills the site_name field.
        feeds = [k for n in self._names(cands, (("link", "site_feed"),)) if (k := name_key(n))]
        main_feed = len(set(feeds)) == 1
        if main_feed and len(feeds) >= 2:
            self.site_keys.add(feeds[0])
        #: Names that may reject a whole title as the site's own (`clean_title`).
        self.title_keys = frozenset(self.site_keys)
        self.tail_keys = frozenset(feeds[:1]) if main_feed and len(feeds) == 1 else frozenset()
        # The site's title heading only cuts a part off a title, never a whole stated one
        # (a post's own <h1> read as the site's cost pages their title: review R15).
        headings = (("dom", "site_heading"), ("dom", "site_heading_in_chrome"))
        heading_keys = frozenset(k for n in self._names(cands, headings) if (k := name_key(n)))
        # One linking a folder above the page, not said to lead home (`dom.names_home`),
        # names a blog in a folder ("Blog » Blog Archive » Post" under a heading linking
        # /blog/) or a section, and is cut as the site's. But where the printed headline
        # holds it as a part ("Brexit - what next?" under a section heading "Brexit"
        # linking /brexit/), the name is the headline's own words (review R18).
        folder = heading_keys - _name_keys(cands, "dom", "site_heading_home")
        printed = [t for s, k in _PRINTED_HEADLINES for v in cands.get(s, {}).get(k, []) if (t := clean_text(v))]
        self.part_keys = heading_keys - {k for k in folder if any(strip_site(t, {k}, None) != t for t in printed)}
        self.site_keys |= heading_keys | self.tail_keys
        declared = next((clean_language(v) for s, k in PRECEDENCE["language"] for v in cands.get(s, {}).get(k, [])), None)
        self.dayfirst = declared != "en"  # an ambiguous 06/04/2023 on an English page is US order

    @staticmethod
    def _names(cands: Candidates, pairs: Pairs) -> list[str]:
        """The usable names the sources state, cleaned."""
        found = (clean_name(v) for source, key in pairs for v in cands.get(source, {}).get(key, []) if isinstance(v, str))
        return [name for name in found if name]


def _first(
    cands: Candidates, pairs: Pairs, clean: Callable[[Any, str, str], Any]
) -> tuple[Any, str | None]:
    for source, key in pairs:
        for raw in cands.get(source, {}).get(key, []):
            value = clean(raw, source, key)
            if value:
                return value, source
    return None, None


#: Readers run only when the merge reaches their (source, key): the costly ones. Each is
#: taken out when it runs (`read_later`).
Later = MutableMapping[tuple[str, str], Callable[[], list[Any]]]


def merge(
    cands: Candidates,
    url: str | None,
    fetched_at: datetime | None,
    shown: PageText | None = None,
    ctx: Context | None = None,
    later: Later | None = None,
) -> dict[str, tuple[Any, str]]:
    """field -> (value, source) for every field some source states usably.

    `shown` is what the page shows its readers; without it, visibility checks pass. `ctx`
    is the page's `Context` where the caller has made it already. `later` holds readers
    paid for only where no source ranked above theirs gave a value (their values are
    added to `cands` when read, and the reader taken out of `later`).
    """
    ctx = ctx or Context(cands, url, fetched_at)
    shown = shown or PageText(None)
    out: dict[str, tuple[Any, str]] = {}

    def put(name: str, value: Any, source: str | None) -> None:
        if value and source:
            out[name] = (value, source)

    put("title", *_pick_title(cands, ctx))
    put("description", *_pick_description(cands))
    # A weak name (application-name) only as Context settled it: not the page's title.
    put("site_name", *_first(
        cands, PRECEDENCE["site_name"],
        lambda v, s, k: _site_name(v, s, ctx.host) if k not in _WEAK_SITE_KEYS or clean_name(v) == ctx.site_name else None,
    ))
    if "site_name" not in out:
        put("site_name", _heading_feed_name(cands), "dom")
    put("section", *pick_section(cands, PRECEDENCE["section"], shown))
    put("image", *_first(cands, PRECEDENCE["image"], lambda v, s, k: clean_image(v, url)))
    put("canonical_url", *_first(cands, PRECEDENCE["canonical_url"], lambda v, s, k: clean_canonical(v, url)))
    if "canonical_url" not in out and url:
        put("canonical_url", clean_canonical(url, None), "url")
    put("language", *_first(cands, PRECEDENCE["language"], lambda v, s, k: clean_language(v)))
    put("authors", *_pick_authors(cands, ctx, shown, later or {}))
    put("tags", *_pick_tags(cands, shown, later or {}))

    date_value = date_reader(fetched_at, ctx.dayfirst)
    pairs = PRECEDENCE["date_published"]
    if not is_article_page(cands):
        # A WebPage's date is when the CMS made the page (SEO plugins state one on every
        # page); it is a publication date only where the page is an article.
        pairs = tuple(p for p in pairs if p != ("json-ld", "page_date_published"))
    # Datelines (free text, the costliest to read) only where nothing else states a date,
    # or only a URL does: its day has no time, a dateline of that day gives it
    # (`pick_published`).
    dates = _all(cands, pairs[:-1], date_value)
    if all(source == "url" for _, source in dates):
        read_later(cands, later or {}, *pairs[-1])
        dates += _all(cands, pairs[-1:], date_value)
    put("date_published", *pick_published(dates, url))
    put("date_modified", *_first(cands, PRECEDENCE["date_modified"], date_value))
    published, modified = out.get("date_published"), out.get("date_modified")
    if published and modified and modified[0][:10] < published[0][:10]:
        del out["date_modified"]  # a change before the publication is a misread
    return out


def _pick_authors(cands: Candidates, ctx: Context, shown: PageText, later: Later) -> tuple[list[str], str | None]:
    """The whole list from the first source that yields names: mixing sources would list
    one person twice, spelled two ways. Names from hidden metadata must appear on the page
    (else they are CMS accounts or site-wide defaults)."""
    for source, key in PRECEDENCE["authors"]:
        if (source, key) in _LAST_RESORT_AUTHORS:
            continue
        read_later(cands, later, source, key)
        names = _author_names(cands, ctx, shown, source, key)
        if names:
            return names, source
    return [], None


#: Author sources read only after the byline line under the headline (`read_metadata`),
#: though ranked last in `PRECEDENCE`: a byline in a post's own footer may credit another
#: writer than the "By Jane Doe" printed above the story (review R15).
_LAST_RESORT_AUTHORS = frozenset({("dom", "authors_in_footer")})


def footer_authors(cands: Candidates, ctx: Context, shown: PageText, later: Later) -> list[str]:
    """The names of the first byline in a post's own footer that yields any (as `dom`)."""
    read_later(cands, later, "dom", "authors_in_footer")
    return _author_names(cands, ctx, shown, "dom", "authors_in_footer")


def _author_names(cands: Candidates, ctx: Context, shown: PageText, source: str, key: str) -> list[str]:
    """The names one source yields, cleaned and (from hidden metadata) shown on the page."""
    raw = _author_values(cands.get(source, {}).get(key, []))
    if not raw:
        return []
    if source == "dom":
        # Byline elements repeat one byline at several nesting levels, and later ones
        # belong to other stories: the first that yields names is the byline.
        for i, value in enumerate(raw):
            names = clean_authors([value], not_names=ctx.site_keys)
            if names:
                return _inner_names(names, value, raw[i + 1:], ctx)
        return []
    names = clean_authors(raw, not_names=ctx.site_keys)
    if source not in _VISIBLE_SOURCES:
        names = [n for n in names if shown.mentions(n)]
    return names


def _inner_names(names: list[str], outer: str, later: list[str], ctx: Context) -> list[str]:
    """The names of a byline element nested in the first one, where they are its names cut
    short: the outer element's text runs its parts together ("Tom Doe" in one `<span>`,
    "Associated Press" or "News reporter" in the next gave "Tom Doe Associated Press").
    The inner element's text must lie inside the outer one's (a sibling further on is
    another byline: "Maria Garcia" after "By Maria Garcia Lopez"), and each inner name be
    the outer one's first words, a printed name's shape, cutting off no part of the name
    (`_cuts_off_extra`). Review R14: without these checks, three-word and double-surname
    names lost their last words."""
    keys = [name_key(n) for n in names]
    flat = " ".join(outer.split())
    later_keys = frozenset(name_key(v) for v in later)
    for value in later:
        text = " ".join(value.split())
        at = flat.find(text) if text else -1
        if at < 0:
            continue
        inner = clean_authors([value], not_names=ctx.site_keys)
        if len(inner) != len(names):
            continue
        inner_keys = [name_key(n) for n in inner]
        after = flat[at + len(text):]
        if inner_keys != keys and all(
            a == b or _cuts_off_extra(a, b, n, after, later_keys) for a, b, n in zip(keys, inner_keys, inner)
        ):
            return inner
    return names


def _cuts_off_extra(outer: str, inner: str, name: str, after: str, later: frozenset[str]) -> bool:
    """Whether the inner name (key `inner`, printed `name`) is the outer one (key `outer`)
    with words cut off that are no part of the name. Not when they are another byline
    element's value (a first name and a surname in elements of their own: "Juan Carlos",
    "Pérez García"), nor a single word, unless a title follows the inner element ("Jane
    Doe" then "News reporter"; "Jean Paul" then "Dupont" is his surname)."""
    if not outer.startswith(inner + " ") or not looks_like_person(name):
        return False
    rest = outer[len(inner) + 1:]
    return rest not in later and (" " in rest or is_title(after))


def site_byline(cands: Candidates) -> list[str]:
    """The names of the first byline element that yields any, the site's own name allowed:
    a page that prints only "Artikel von: Acme" states the site as its author. The last
    resort, after the byline lines of the page text, as every source drops the site's name
    (trafilatura set, right authors 72.7 -> 75.8% fit, 67.4 -> 68.8% held; spurious
    15.7 -> 18.1% / 9.4 -> 9.4%). Hidden metadata naming the site stays out: allowing it
    from every source raised spurious authors to 24.1% fit, 18.8% held, for no right one
    more on the held side."""
    dom = cands.get("dom", {})
    raw = _author_values([*dom.get("authors", []), *dom.get("authors_in_footer", [])])
    return next((names for v in raw if (names := clean_authors([v]))), [])


def _pick_tags(cands: Candidates, shown: PageText, later: Later) -> tuple[list[str], str | None]:
    """Tags from the first source with any. Keyword lists written for search engines are
    not the article's tags: they count only if the page shows at least half of them as
    links or labels of their own. OpenGraph's `article:tag` names the article's own tags
    and counts as stated (shown or not: trafilatura set right tags 69.6 -> 71.7% fit,
    62.5 -> 65.0% held; spurious 13.8 -> 16.1% / 17.1 -> 18.3%, trafilatura's 35.6 / 36.6%)."""
    for source, key in PRECEDENCE["tags"]:
        read_later(cands, later, source, key)
        # A tag link's text is shown; a stated tag opening like a CMS's flag ("@home") is
        # kept where the page shows it as a label of its own.
        tags = clean_tags(cands.get(source, {}).get(key, []), (lambda t: True) if source == "dom" else shown.shows_label)
        if tags and (source in ("dom", "opengraph") or shown.shows_most(tags)):
            return tags, source
    return [], None


def read_later(cands: Candidates, later: Later, source: str, key: str) -> None:
    """Run the reader `later` holds for (source, key), if any (once: it is taken out), and
    add its values, unless the key was read already."""
    reader = later.pop((source, key), None)
    if reader is not None and key not in cands.get(source, {}):
        for value in reader():
            add(cands, source, key, value)


#: The publisher Blogger's own template writes into every blog's JSON-LD: the platform,
#: not the blog (whose name is in og:site_name).
_PLATFORM_PUBLISHERS = frozenset({"blogger"})


def _site_name(value: Any, source: str, host: str | None = None) -> str | None:
    """A stated site name, its tagline cut off; a blog platform's name in JSON-LD is none."""
    name = clean_site_name(value, host)
    if name and source == "json-ld" and name.casefold() in _PLATFORM_PUBLISHERS:
        return None
    return name


def _heading_feed_name(cands: Candidates) -> str | None:
    """The site's title heading (an <h1> that is one link to the home page) where the
    site's feed is titled the same: two statements of one name, neither alone enough
    (a heading may be a person's or a section's, a feed a topic's). A heading linking a
    folder above the page, not the root nor marked as leading home (`dom.names_home`),
    needs the site's main feed confirmed by the site's comments feed of the same name
    (WordPress: `html_meta.read_link`): a section's heading and the section's feeds agree
    too, an RSS and an Atom one alike ("Brexit": reviews R16, R18); a blog at /blog/ states
    both."""
    feeds = _name_keys(cands, "link", "site_feed")
    if not feeds:
        return None
    home = _name_keys(cands, "dom", "site_heading_home")
    by_comments = _name_keys(cands, "link", "site_feed_by_comments")
    for key in ("site_heading", "site_heading_in_chrome"):
        for raw in cands.get("dom", {}).get(key, []):
            name = clean_name(raw)
            if not name:
                continue
            k = name_key(name)
            if k in feeds and (k in home or k in by_comments):
                return clean_site_name(name)
    return None


def _name_keys(cands: Candidates, source: str, key: str) -> set[str]:
    """The name keys of the names a source states under `key`."""
    return {k for v in cands.get(source, {}).get(key, []) if (n := clean_name(v)) and (k := name_key(n))}


def _pick_description(cands: Candidates) -> tuple[str | None, str | None]:
    """The description by precedence, as stated: a cut one ("...") is kept over the same
    text whole from a source ranked below it (that swap gained on the fitting side of the
    trafilatura set and lost on the held one: 60.5 -> 59.6%, 56.3 -> 57.3% without it)."""
    return _first(cands, PRECEDENCE["description"], lambda v, s, k: clean_description(v))


def _pick_title(cands: Candidates, ctx: "Context") -> tuple[str | None, str | None]:
    """The headline: an <h1> that agrees with a stated title, else the stated titles' vote."""
    stated: list[tuple[str, str]] = []
    h1s: list[str] = []
    chrome: list[str] = []
    cleaned: dict[str, str | None] = {}  # sources repeat one title
    whole = True  # the <title> as stated, no site part cut from it
    site_cut: set[str] = set()  # structured titles a part was cut from (the site's, a dateline)
    whole_stated: set[str] = set()  # structured titles a source stated as they are
    for source, key in PRECEDENCE["title"]:
        for raw in cands.get(source, {}).get(key, []):
            if raw not in cleaned:
                cleaned[raw] = clean_title(raw, ctx.title_keys, ctx.host, parts=ctx.part_keys, tail=ctx.tail_keys)
            title = cleaned[raw]
            if not title:
                continue
            if source == "dom":
                (h1s if key == "title" else chrome).append(title)
            else:
                stated.append((title, source))
                if source == "html":
                    whole = title == clean_text(raw)
                elif title != clean_text(raw):
                    site_cut.add(title)
                else:
                    whole_stated.add(title)
                break  # one vote per source and key
    picked, picked_from = pick_title(stated, h1s, lambda h1: is_site_part(h1, ctx.title_keys, ctx.host), shorten=whole, chrome=chrome)
    # A title some structured source stated as it is ("Week 12 | Our picks ..." in
    # JSON-LD, og:title adding " | Site") is the headline whole (review RV-M2 finding 6).
    if picked is not None and picked in site_cut and picked not in whole_stated and picked_from not in ("html", "dom"):
        picked = cut_section(picked, h1s)
    return picked, picked_from


def names_in_line(line: str, site_keys: set[str], host: str | None) -> list[str]:
    """Names in a byline line found in the page text: cleaned like any other byline, and
    each must have the shape of a printed name (running text is full of "von X"); the
    site's name ("Curling Schweiz" on curling.example) is not one."""
    names = [n for n in clean_authors([line], not_names=site_keys) if not is_site_part(n, site_keys, host)]
    return names if names and all(looks_like_person(n) for n in names) else []


def _all(cands: Candidates, pairs: Pairs, clean: Callable[[Any, str, str], Any]) -> list[tuple[Any, str]]:
    """Every usable (value, source) in precedence order."""
    return [
        (value, source)
        for source, key in pairs
        for raw in cands.get(source, {}).get(key, [])
        for value in (clean(raw, source, key),)
        if value
    ]


def _author_values(raw: list[Any]) -> list[str]:
    """Author strings from raw values; JSON-LD gives (name, is_organisation) pairs."""
    out: list[str] = []
    for value in raw:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(name for name, _is_org in value if isinstance(name, str))
    return out
