"""Cleaning of single-valued text fields and URLs: titles, descriptions, site names,
sections, tags, canonical and image URLs, language codes.

Each cleaner returns None (or []) for a value that is not usable, so the merge step falls
through to the next source: an empty field beats a wrong one.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence, Set
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from broadsheet.extract.invisible import drop_invisible
from broadsheet.extract.mojibake import repair_mojibake
from broadsheet.extract.meta.authors import LEGAL_FORM_KEY, name_key
from broadsheet.extract.meta.dates import find_date
from broadsheet.extract.meta.words import PAGE_WORDS

MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 1500
MAX_NAME_CHARS = 100
MAX_TAG_CHARS = 80
MAX_TAGS = 50

#: Separators between a headline and the site name in <title> and og:title. The look-ahead
#: for the characters a separator can start with changes no match: it spares the regex
#: trying every alternative at every letter (half its time). The fullwidth vertical line
#: (U+FF5C, the "|" of Chinese and Japanese text: NFKC folds it to "|") separates as "|"
#: does, spaced or not: "記事の見出し｜サイト名" (review R16). A colon follows a word, or
#: a name's closing stop or mark: Blogger's "Blog Name: Post title" of "Joe. My. God.",
#: "Kalyn's Kitchen®", "Yahoo!" (task T2). The mark must close a word: a part of marks
#: alone ("...: Headline", "?!: ...") is no name (review RV-M2 finding 7).
_TITLE_SEP = re.compile(r"(?=[\s|｜»«·•›‹:])(?:\s+[|｜\-–—·•»«:/~]\s+|\s*[|｜»«·•›‹]\s*|\s+::\s+|(?:(?<=\w)|(?<=\w[.!?®™])):\s+)")
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|"
    r"ocid|cmpid|ncid|ns_\w+|xtor|at_\w+|wt_\w+|wt\.\w+|s_cid|smid|smtyp|sr_share|ref_src|"
    r"__twitter_impression|spm|share|ito|_hsenc|_hsmi|mkt_tok|vero_\w+|oly_\w+|rb_clickid)$",
    re.IGNORECASE,
)
_NOT_IMAGE = re.compile(
    r"(?:^|[/_.\-])(?:logo\w*|favicon|sprite\w*|placeholder\w*|blank|spacer|pixel|1x1|"
    r"transparent|default-?(?:image|share|og|thumb)\w*|(?:og|opengraph|share|social|facebook|fb|twitter)"
    r"[-_]?default\w*|no-?image\w*|avatar\w*|gravatar|icon\w*)"
    r"(?:[/_.\-]|$)",
    re.IGNORECASE,
)
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$", re.IGNORECASE)
_LANG3 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "pol": "pl", "ces": "cs", "cze": "cs",
    "swe": "sv", "dan": "da", "nor": "no", "nob": "nb", "fin": "fi", "tur": "tr", "jpn": "ja",
    "zho": "zh", "chi": "zh", "kor": "ko", "ara": "ar", "ukr": "uk", "ell": "el", "gre": "el",
    "hun": "hu", "ron": "ro", "rum": "ro",
}
_NOT_LANG = frozenset({"und", "mul", "zxx", "mis", "xx"})


def clean_text(value: object, repair: bool = True) -> str | None:
    """HTML entities decoded (JSON-LD often carries them), characters that print as nothing
    dropped (`extract.invisible`: a soft hyphen splits a headline's word), mojibake repaired
    (`extract.mojibake`; not with `repair` False: a URL's characters name what it addresses),
    whitespace collapsed."""
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(html.unescape(value))
    if "<" in value and ">" in value:
        value = re.sub(r"<[^>]{0,200}>", " ", value)
    value = drop_invisible(value)
    value = " ".join((repair_mojibake(value) if repair else value).split())
    return value or None


#: Second-level suffixes under which a name is registered (news.bbc.co.uk -> bbc).
_SECOND_LEVEL = frozenset(
    """co.uk org.uk ac.uk gov.uk me.uk com.au net.au org.au co.nz co.za co.jp ne.jp or.jp
    com.br com.mx com.ar com.tr com.cn com.hk com.sg com.tw co.in co.kr or.at co.at gv.at
    com.pl com.ua co.il com.my com.ph com.pe com.co com.ve com.ec com.uy""".split()
)
#: Hosting platforms whose subdomain is the site (someone.wordpress.com).
_PLATFORMS = frozenset(
    """blogspot.com wordpress.com tumblr.com substack.com github.io wixsite.com
    weebly.com livejournal.com over-blog.com jimdo.com hypotheses.org typepad.com
    blogger.com canalblog.com""".split()
)


#: A URL whose host `urlsplit` reads as written: a scheme, "//", a host of ASCII letters,
#: digits, dots and hyphens, a port of digits or none, then a path, query, fragment or the
#: end. No character `urlsplit` strips or drops (spaces, C0 controls, tabs, line breaks),
#: no user info, brackets or percent sign can stand in the host part so matched; any other
#: URL goes to `urlsplit` (its Python-level parse is most of `host_label`'s cost).
_PLAIN_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9.-]+)(?::[0-9]*)?(?=[/?#]|\Z)")


def hostname(url: str | None) -> str:
    """The page's host, lower-cased ("" if none): `urlsplit(url).hostname`, read directly
    where the URL is plain (`_PLAIN_HOST`)."""
    if not url:
        return ""
    plain = _PLAIN_HOST.match(url)
    if plain is not None:
        return plain.group(1).lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def on_platform(url: str | None) -> bool:
    """Whether the page is on a blog platform's subdomain (x.wordpress.com, x.blogspot.com)."""
    return host_on_platform(hostname(url))


def host_on_platform(host: str) -> bool:
    """`on_platform` for a host already read from the URL (`hostname`)."""
    return host.count(".") >= 2 and ".".join(host.split(".")[-2:]) in _PLATFORMS


def host_label(url: str | None) -> str | None:
    """The distinctive part of a host: 'spiegel' for www.spiegel.de, 'bbc' for
    news.bbc.co.uk, 'someone' for someone.wordpress.com."""
    return label_of_host(hostname(url))


def label_of_host(host: str) -> str | None:
    """`host_label` for a host already read from the URL (`hostname`)."""
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2:
        return labels[0] if labels else None
    suffix = ".".join(labels[-2:])
    if suffix in _PLATFORMS and len(labels) >= 3:
        return labels[-3]
    if suffix in _SECOND_LEVEL and len(labels) >= 3:
        return labels[-3]
    return labels[-2]


def is_site_part(part: str, site_keys: Set[str], host: str | None, *, strict: bool = False) -> bool:
    """Whether a title segment names the site rather than the article.

    The site is known by its stated names and its host: "Spiegel Online" on spiegel.de,
    "DimidoBlog" on dimido.de. `strict` (for "Site: Headline" prefixes, which look like
    kickers) accepts only an exact name.
    """
    key = LEGAL_FORM_KEY.sub("", name_key(part))
    if not key:
        return True
    compact = key.replace(" ", "")
    if key in site_keys or compact in site_keys or any(compact == k.replace(" ", "") for k in site_keys if " " in k):
        return True
    if not host or len(host) < 3:
        return False
    host = host.replace("-", "")
    if compact == host:
        return True
    # The host plus a short word: "Spiegel Online", "BBC News", "DimidoBlog".
    return not strict and (compact.startswith(host) or compact.endswith(host)) and len(compact) <= len(host) + 9


#: Words a blog theme puts before every post's title ("Blog Archive » Post title", the
#: default of WordPress's classic theme).
_TEMPLATE_PART = re.compile(r"^\s*blog[\s-]+archiv(?:e|es)?\s*$", re.IGNORECASE)


_Span = tuple[int, int, bool]  # a separator in a title: start, end, whether it is a colon


def strip_site(
    title: str, site_keys: Set[str], host: str | None, *, tail: Set[str] = frozenset()
) -> str:
    """'Headline | Site' / 'Site - Headline' -> 'Headline', when the site part is known;
    names in `tail` are cut only from the end ("Headline - Site")."""
    spans = [(m.start(), m.end(), m.group(0).startswith(":")) for m in _TITLE_SEP.finditer(title)]
    if "»" in title and "«" in title:
        spans = _outside_quotes(title, spans)
    if not spans:
        return title
    trailing = site_keys | tail if tail else site_keys
    # A site's name holding a separator itself ("Name | Motto", "Name – The Blog of X")
    # is found whole first; then the parts one by one.
    end = next((a for a, b, _ in spans if is_site_part(title[b:], trailing, host, strict=True)), len(title))
    end = _trailing_site_start(title, spans, end, trailing, host)
    start = next((b for a, b, _ in reversed(spans) if b <= end and is_site_part(title[:a], site_keys, host, strict=True)), 0)
    begin = _leading_site_end(title, spans, end, site_keys, host, start)
    result = title[begin:end].strip()
    return result if len(result) >= 2 else title


#: A French quotation: « and » around it are quotation marks, no separators
#: ("Macron annonce « un reconfinement »" keeps its closing mark and its quotation). So
#: are German reversed ones, »…« (Duden's preferred marks in print): the » opens the title
#: or follows a space or colon and touches the quotation's first word, the « its last
#: ("»Nie wieder« – Überlebende erzählen"), where a breadcrumb's » stands between spaces
#: (review R16).
_QUOTATION = re.compile(r"«[^«»]*»|(?:^|(?<=[\s:]))»(?=\S)[^«»]*(?<=\S)«")


def _outside_quotes(title: str, spans: list[_Span]) -> list[_Span]:
    """The separator spans that hold none of the marks around a quotation."""
    marks = [i for m in _QUOTATION.finditer(title) for i in (m.start(), m.end() - 1)]
    return [span for span in spans if not any(span[0] <= i < span[1] for i in marks)]


def _trailing_site_start(title: str, spans: list[_Span], end: int, site_keys: Set[str], host: str | None) -> int:
    """Where trailing site parts begin: "Headline | Site", "Headline - Site News"."""
    for start, stop, colon in reversed(spans):
        if start >= end:
            continue
        if colon or not is_site_part(title[stop:end], site_keys, host):
            break
        end = start
    return end


def _leading_site_end(
    title: str, spans: list[_Span], end: int, site_keys: Set[str], host: str | None, begin: int = 0
) -> int:
    """Where leading site parts ("Site - Headline", "Blog Archive » Headline") end, from `begin`."""
    for start, stop, colon in spans:
        if start < begin:
            continue
        if stop > end:
            break
        part = title[begin:start]
        if is_site_part(part, site_keys, host, strict=colon) or (not colon and _TEMPLATE_PART.match(part)):
            begin = stop
        else:
            break
    return begin


#: A full date opening a title ("23.01.2022 - Headline", "1. Februar 2022 Headline"),
#: checked by the date parser: a dateline printed inside the <h1>, not a word of it.
_LEADING_DATE = re.compile(
    r"^(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?\s+\d{4})"
    r"(?:\s*[-–—|:,·]\s*|\s+(?=[^\W\d_])(?=[^a-zà-ÿ]))(?=\S)"
)


def clean_title(
    value: object, site_keys: Set[str], host: str | None, *, parts: Set[str] = frozenset(), tail: Set[str] = frozenset()
) -> str | None:
    """A title with the site's part cut off (`strip_site`); None where the whole of it is
    the site's name (`site_keys`). Names in `parts` and `tail` only cut a part off (the
    site's title heading, its feed's title: a post's own heading read as the site's must
    not cost the page its title), those in `tail` only from the end."""
    text = clean_text(value)
    if not text or len(text) > MAX_TITLE_CHARS:
        return None
    text = strip_site(text, site_keys | parts if parts else site_keys, host, tail=tail)
    dated = _LEADING_DATE.match(text)
    if dated and len(text[dated.end():].split()) >= 3 and find_date(dated.group("date")):
        text = text[dated.end():]
    return text if not is_site_part(text, site_keys, None) or not site_keys else None


def clean_description(value: object) -> str | None:
    text = clean_text(value)
    if not text or len(text) > MAX_DESCRIPTION_CHARS or len(text) < 3:
        return None
    return text


def clean_name(value: object) -> str | None:
    """A site name or section: short text, not a URL."""
    text = clean_text(value)
    if not text or len(text) > MAX_NAME_CHARS or "://" in text:
        return None
    return text


#: A tag opening with one of these is a CMS's internal flag, not a topic: a newspaper
#: group's sites route stories with "@river", "@hp-top-stories" tags in `article:tag`, a
#: magazine group's keywords carry "_no-apple-news"; no tag list a reader sees prints them
#: (4 sites of the AEB and dragnet pages, fresh to tag rules).
_MARKER_OPENERS = frozenset("@_")


_PAGE_WORDS = frozenset(PAGE_WORDS)
#: The first separator in a stated site name ("Blog - Tagline", "Blog | Tagline",
#: "Blog: Tagline", "Blog » Tagline").
_NAME_SEP = re.compile(r"\s+[|\-–—»]\s+|(?<=\w):\s+")


def clean_site_name(value: object, host: str | None = None) -> str | None:
    """A site name without the tagline some themes glue to it: WordPress themes and SEO
    plugins fill og:site_name with "<blog name> - <tagline>" ("Paper Blog - News, Stats
    and More"), a 3-word-or-longer phrase after the first separator. A short part after
    it is kept ("The Paper | Paper.example"): it may be the name's own. The part after it
    is the name where the part before is a page's generic name ("Home - Springfield Daily
    News": `PAGE_WORDS`), or where it names the page's host (`host_label`) and the part
    before does not (review R16)."""
    text = clean_text(value)
    if not text:
        return None
    cut = _NAME_SEP.search(text)
    if cut and cut.start():
        head, tail = text[:cut.start()], text[cut.end():]
        names_host = bool(host) and is_site_part(head, frozenset(), host)
        if head.strip().casefold() in _PAGE_WORDS and not names_host and _reads_as_name(tail):
            text = tail
        elif len(tail.split()) >= 3:
            text = tail if host and is_site_part(tail, frozenset(), host) and not names_host else head
    return clean_name(text)


def _reads_as_name(text: str) -> bool:
    """Whether the part after a generic page word reads as a name, not a tagline: it opens
    with no lower-case letter and holds no comma ("Home - The Times"; not "Blog - the
    personal site of Jane Doe", "Index - Hírek, sport és minden más": review R18)."""
    text = text.strip()
    return bool(text) and not text[0].islower() and "," not in text


def clean_tags(values: Sequence[object], shows: Callable[[str], bool] | None = None) -> list[str]:
    """Tags from keyword strings and lists: split on commas, de-duplicated, case kept;
    internal flags (`_MARKER_OPENERS`) left out unless `shows` says the page shows them
    (a tag link "@elonmusk" is a label a reader sees: review R16). Without `shows`, flags
    are left out."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = clean_text(value)
        if not text:
            continue
        parts = re.split(r"\s*[,;]\s*", text) if ("," in text or ";" in text) else [text]
        for part in parts:
            part = part.strip(" .#|")
            key = part.casefold()
            if not part or key in seen or len(part) > MAX_TAG_CHARS or "://" in part:
                continue
            if part[0] in _MARKER_OPENERS and not (shows is not None and shows(part)):
                continue  # a CMS's placement flag, never shown to readers
            seen.add(key)
            out.append(part)
            if len(out) >= MAX_TAGS:
                return out
    return out


def absolute_url(value: object, base: str | None) -> str | None:
    """An absolute http(s) URL, or None (javascript:, data:, mailto:, unparseable). Its
    characters are kept as written, mojibake too: repaired, the path names another file."""
    text = clean_text(value, repair=False)
    if not text or len(text) > 2000 or " " in text.strip():
        return None
    if text.startswith("//"):
        text = "https:" + text
    try:
        # Most values are absolute already: joining them changes nothing and costs most.
        url = text if text.startswith(("https://", "http://")) else urljoin(base or "", text)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def clean_canonical(value: object, page_url: str | None) -> str | None:
    """Absolute, no fragment, no tracking parameters; not the bare home page of a deeper page."""
    url = absolute_url(value, page_url)
    if url is None:
        return None
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    if page_url and parts.path in ("", "/") and not query:
        page = urlsplit(page_url)
        if page.path not in ("", "/"):
            return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def clean_image(value: object, page_url: str | None) -> str | None:
    """The lead image: absolute http(s), not a logo, icon, avatar or tracking pixel."""
    url = absolute_url(value, page_url)
    if url is None:
        return None
    path = urlsplit(url).path
    if _NOT_IMAGE.search(path) or path.endswith((".ico", ".svg")):
        return None
    return url


def clean_language(value: object) -> str | None:
    """The primary subtag of a declared language ('en_US' -> 'en', 'deu' -> 'de')."""
    text = clean_text(value)
    if not text:
        return None
    tag = text.split(",", 1)[0].strip()
    if len(tag) > 64:  # no language tag is that long (and the pattern would backtrack through it)
        return None
    m = _LANG.match(tag)
    if m is None:
        return None
    code = m.group(1).lower()
    code = _LANG3.get(code, code)
    return None if code in _NOT_LANG else code
