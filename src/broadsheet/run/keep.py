"""Which extracted pages are articles: a reason to skip, or None to keep.

Reasons (each counted in the summary): "not text" (what decoded is not language: control,
replacement or unassigned characters, or symbol soup with neither a title nor a language),
"404 page" (an error page served with status 200), "login wall" (a teaser behind a sign-in
or subscription prompt), "no body" (too little text), "index page" (a home, section, tag or
archive page: a list of teasers, no story), "site page" (about, contact, terms, privacy,
imprint, cookies, careers, advertise...: the site's own pages, named so by the last part
of their URL path or by their whole title, in the languages of `SITE_PAGE_WORDS`).
The rules look only at the extracted Article (and the raw page), so they are pure and run
on the workers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from broadsheet.model import Article

_NOT_FOUND_TITLE = re.compile(
    r"\b404\b\s*(?:error|[-|–:]|not\s+found|page)|(?:error|http)\s*404\b|page\s+(?:was\s+)?not\s+found|"
    r"^\W*not\s+found\b|[-|–:]\s*not\s+found\W*$|"
    r"page\s+(?:does\s+not|doesn'?t|cannot|can'?t)\s+(?:exist|be\s+found)|"
    r"(?:page|content|article)\s+(?:is\s+)?no\s+longer\s+available|"
    r"seite\s+nicht\s+gefunden|page\s+introuvable|página\s+no\s+encontrada",
    re.I,
)
_NOT_FOUND_TEXT = re.compile(
    r"(?:page|article|content|story)\s+(?:you\s+(?:are|were)\s+looking\s+for\s+)?"
    r"(?:(?:could|can)\s*not|can'?t|couldn'?t|does\s*n[o']t|doesn'?t)\s+(?:be\s+found|exist)|"
    r"\b404\b.{0,40}\bnot\s+found|page\s+not\s+found",
    re.I,
)
_LOGIN = re.compile(
    r"(?:subscribe|sign\s*in|sign\s*up|log\s*in|register|create\s+(?:a\s+)?(?:free\s+)?account)\b"
    r".{0,60}?\b(?:to\s+(?:continue|keep)\s+reading|to\s+read\s+(?:the\s+)?(?:full|this|more)|"
    r"to\s+(?:access|unlock|view)\s+(?:this|the\s+full))|"
    r"already\s+a\s+subscriber|(?:this\s+(?:article|story|content)\s+is\s+)?"
    r"(?:for|available\s+(?:only\s+)?to)\s+(?:paying\s+)?(?:subscribers|members)\s+only|"
    r"subscribers?[- ]only\s+(?:content|article)",
    re.I,
)
# In the raw page: structured data saying the article is paywalled, or a reading prompt the
# extractor has (rightly) dropped as boilerplate. Plain substring tests on the lowercased
# bytes: a regex over a whole page costs more than extracting it.
_FREE_FLAG = re.compile(rb'"isaccessibleforfree"\s*:\s*"?false')
_WALL_PHRASES = (b"to continue reading", b"to keep reading", b"subscribe to read", b"subscribers only",
                 b"subscribers-only", b"members only")


def _wall_markup(html: bytes, size: int, wall_chars: int) -> bool:
    """Paywall signs in the raw page: the structured-data flag for a teaser shorter than
    `wall_chars`, a reading prompt (also found in site chrome) only for half that."""
    low = html.lower()
    at = low.find(b'"isaccessibleforfree"')
    if at >= 0 and _FREE_FLAG.match(low, at):
        return True
    return size < wall_chars // 2 and any(phrase in low for phrase in _WALL_PHRASES)


_SECTION_PATH = re.compile(
    r"^/(?:(?:tags?|topics?|category|categories|sections?|authors?|archives?|search)(?:/[^/]+)?|"
    r"news|latest|page/\d+|index\.(?:html?|php))/?$",
    re.I,
)


#: A dated path, a long number, or a segment of three hyphens or more (a slug). The slug's
#: three hyphens are found from the first of them: `[^/]*-[^/]*-[^/]*-[^/]*` tried every
#: start of a long segment with fewer (quadratic).
_STORY_PATH = re.compile(r"/(?:19|20)\d\d[/-]|\d{5,}|-[^/-]*+-[^/-]*+-")


#: The site's own pages, by the words that name them, in one place: each entry is a title
#: as such a page states it; its URL slug is the same words joined by "-" (accents
#: dropped), and the extra slugs below are other spellings of the same pages. A page is a
#: site page when its whole title or the last part of its URL path is one of these, not
#: when a story merely mentions one ("Our privacy policy changes", /2024/05/privacy-rules).
SITE_PAGE_WORDS: tuple[str, ...] = (
    # English
    "about", "about us", "who we are", "our story", "contact", "contact us", "get in touch",
    "privacy", "privacy policy", "privacy notice", "privacy statement", "cookies", "cookie policy",
    "cookie notice", "cookie settings", "terms", "terms of service", "terms of use", "terms and conditions",
    "terms & conditions", "legal", "legal notice", "legal information", "imprint", "disclaimer", "copyright",
    "accessibility", "accessibility statement", "careers", "work with us", "join us", "advertise",
    "advertise with us", "advertising", "media kit", "faq", "faqs", "help", "sitemap", "site map",
    "editorial policy", "editorial standards", "code of ethics", "corrections policy", "ethics policy",
    "masthead", "our team", "newsletters", "subscribe",
    # German
    "impressum", "kontakt", "über uns", "datenschutz", "datenschutzerklärung", "datenschutzhinweise",
    "cookie-richtlinie", "agb", "nutzungsbedingungen", "barrierefreiheit", "karriere", "jobs und karriere",
    "mediadaten", "werben", "werbung", "hilfe",
    # French
    "à propos", "a propos", "qui sommes-nous", "contactez-nous", "mentions légales", "confidentialité",
    "politique de confidentialité", "politique de cookies", "conditions générales", "cgu", "cgv",
    "conditions d'utilisation", "nous contacter", "publicité", "recrutement", "aide",
    # Spanish, Portuguese
    "quiénes somos", "sobre nosotros", "acerca de", "contacto", "contáctenos", "aviso legal",
    "política de privacidad", "privacidad", "política de cookies", "términos y condiciones",
    "términos de uso", "condiciones de uso", "publicidad", "trabaja con nosotros", "quem somos",
    "sobre nós", "fale conosco", "contato", "política de privacidade", "termos de uso",
    # Italian, Dutch, Scandinavian, Polish
    "chi siamo", "contatti", "contattaci", "note legali", "informativa privacy", "informativa sulla privacy",
    "cookie policy", "termini e condizioni", "pubblicità", "lavora con noi", "over ons", "contacteer ons",
    "privacyverklaring", "privacybeleid", "colofon", "algemene voorwaarden", "adverteren", "om oss",
    "kontakta oss", "kontakt oss", "integritetspolicy", "personvern", "personvernerklæring", "om os",
    "privatlivspolitik", "o nas", "polityka prywatności", "regulamin", "reklama",
    # Russian, Turkish
    "о нас", "контакты", "политика конфиденциальности", "реклама", "hakkımızda", "iletişim",
    "gizlilik politikası", "künye",
)
_EXTRA_SLUGS = (
    "aboutus", "about-the-site", "contactus", "contact-form", "privacypolicy", "privacy-and-cookies",
    "cookie", "tos", "terms-conditions", "termsofuse", "termsofservice", "legal-notice", "legal-notices",
    "datenschutzerklaerung", "ueber-uns", "uber-uns", "ueberuns", "impressum-datenschutz",
    "mentions-legales", "a-propos-de-nous", "politique-confidentialite", "quienes-somos", "aviso-legal",
    "politica-de-privacidad", "politica-privacidad", "terminos-y-condiciones", "chi-siamo", "note-legali",
    "privacy-policy-2", "advertising-info", "advertise-with-us", "jobs-karriere", "careers-at",
)
_SLUG_EXTENSIONS = re.compile(r"\.(?:html?|php\d?|aspx?|jsp|shtml|cfm)$")


def _fold(text: str) -> str:
    """Lower case, accents dropped, runs of anything but letters and digits as one space."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


_SITE_TITLES = frozenset(_fold(w) for w in SITE_PAGE_WORDS)
_SITE_SLUGS = frozenset({t.replace(" ", "-") for t in _SITE_TITLES} | {t.replace(" ", "") for t in _SITE_TITLES}
                        | set(_EXTRA_SLUGS))


def _last_segment(article: Article) -> str:
    """The last non-empty part of the URL path, lower case, without a file extension."""
    url = article.url or article.canonical_url
    if not url:
        return ""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    last = unquote(path).rstrip("/").rsplit("/", 1)[-1].casefold()
    return _SLUG_EXTENSIONS.sub("", last)


def _is_site_page(article: Article) -> bool:
    """The site's own page (about, contact, privacy...), named so by the last part of its
    URL path or its whole title, and not dated and signed the way a story is."""
    slug = _last_segment(article)
    named = (slug and (slug in _SITE_SLUGS or _fold(slug) in _SITE_TITLES)) or (
        article.title and len(article.title) <= 60 and _fold(article.title) in _SITE_TITLES
    )
    if not named:
        return False
    return not (article.date_published and article.authors)


#: Characters that are no text: C0/C1 controls (but tab, newlines, form feed), the
#: replacement character, private-use characters, unpaired surrogates.
_NOT_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
#: Share of non-characters above which text is no text; with neither a title nor a
#: language, a much smaller share (or too few letters) is enough.
MAX_NOT_CHARACTERS = 0.3
MAX_NOT_CHARACTERS_UNNAMED = 0.02
MIN_LETTERS_UNNAMED = 0.6


def _not_text(article: Article) -> bool:
    """What decoded is not language: random or binary bytes served as HTML."""
    sample = article.text[:8000]
    chars = len(sample) - sum(sample.count(c) for c in " \n\t")
    if chars <= 0:
        return False
    bad = len(_NOT_CHARACTERS.findall(sample))
    if bad > MAX_NOT_CHARACTERS * chars:
        return True
    if article.title or article.language:
        return False
    letters = sum(1 for c in sample if unicodedata.category(c)[0] in "LM")  # marks: Indic vowel signs
    return bad > MAX_NOT_CHARACTERS_UNNAMED * chars or letters < MIN_LETTERS_UNNAMED * chars


@dataclass(frozen=True, slots=True)
class KeepRules:
    """Thresholds of the keep/skip decision (defaults suit news pages).

    `languages`: BCP-47 tags; when given, an article in none of them is skipped
    "language" (`language_matches`). The pipeline applies it where the page is stored, so
    the row it leaves in the rejects can say which language was detected.
    """

    min_chars: int = 200  # non-space characters of body text below which a page has "no body"
    wall_chars: int = 2500  # a login prompt in a body shorter than this makes it a login wall
    teaser_share: float = 0.35  # index page: prose paragraphs carry less than this share of the text
    languages: tuple[str, ...] = ()  # keep only articles in these languages (empty: any)


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


def language_tags(value: str) -> tuple[str, ...]:
    """`--language de,en-GB` as tags (lower case, `_` read as `-`); ValueError for one that
    is not a language tag."""
    tags = tuple(dict.fromkeys(t.strip().lower().replace("_", "-") for t in value.split(",") if t.strip()))
    bad = [t for t in tags if not _LANGUAGE_TAG.fullmatch(t)]
    if bad or not tags:
        raise ValueError(f"{bad[0] if bad else value!r} is not a language tag; give tags such as en, de or pt-BR, "
                         "separated by commas")
    return tags


def language_matches(language: str | None, wanted: tuple[str, ...]) -> bool:
    """Whether a detected language is one of `wanted`, as `export --language` matches:
    `de` takes de and de-AT, `de-DE` takes de-DE and a bare de. No language matches
    nothing (when something is wanted)."""
    if not wanted:
        return True
    if not language:
        return False
    tag = language.strip().lower().replace("_", "-")
    for want in wanted:
        want = want.strip().lower().replace("_", "-")
        if tag == want or tag == want.split("-", 1)[0] or tag.startswith(want + "-"):
            return True
    return False


def _body_size(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\n")


def _path(article: Article) -> str | None:
    """The URL path, with "/" only for a bare home page (not `/?p=123` or `/?id=9`); None
    for a page with no URL at all (a saved file): nothing is known of where it stood."""
    url = article.canonical_url or article.url
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    return path + "?" if path == "/" and parts.query else path


def _is_index(article: Article, size: int, share: float) -> bool:
    """A list of teasers rather than a story: short items, little running prose."""
    path = _path(article)
    blocks = article.blocks
    prose = sum(_body_size(b.text) for b in blocks if b.kind in ("paragraph", "quote") and len(b.text.split()) >= 25)
    if path is not None and (path == "/" or _SECTION_PATH.match(path)):
        return not article.date_published or prose < size * 0.5
    if path is not None and _STORY_PATH.search(path):  # a dated path or a long slug names one story
        return False
    short_items = sum(1 for b in blocks if b.kind in ("heading", "list_item") and len(b.text.split()) <= 15)
    return len(blocks) >= 12 and short_items >= len(blocks) * 0.6 and prose < size * share


def skip_reason(article: Article, rules: KeepRules = KeepRules(), html: bytes | None = None) -> str | None:
    """Why this page is not an article, or None when it is one.

    `html`, the raw page, lets a login wall be seen where the extractor dropped its prompt.
    """
    text = article.text.strip()
    if _not_text(article):
        return "not text"
    size = _body_size(text)
    title = article.title or ""
    if _NOT_FOUND_TITLE.search(title) and size < 3000 or size < 1500 and _NOT_FOUND_TEXT.search(text[:600]):
        return "404 page"
    if size < rules.wall_chars and (_LOGIN.search(text) or (html is not None and _wall_markup(html, size, rules.wall_chars))):
        return "login wall"
    if size < rules.min_chars:
        path = _path(article)
        return "index page" if path is not None and (path == "/" or _SECTION_PATH.match(path)) else "no body"
    if _is_index(article, size, rules.teaser_share):
        return "index page"
    if _is_site_page(article):
        return "site page"
    return None
