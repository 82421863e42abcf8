"""Language: the page's declaration, checked against the body text by py3langid.

py3langid ships its model inside the package (no download). The model loads once, on the
first page with text (a few milliseconds from the decoded copy `langid_cache` keeps; 0.4-0.7 s
where it must decode the package's file; then, not at some later page, so a run's first page
pays for it); classifying costs about 0.2 ms because only a bounded sample of the text is
read, and it is skipped where the sample holds several function words of the declared
language (a set lookup, a hundred times cheaper). A declaration is kept unless the text
clearly says otherwise: templates often declare the site's default language for every
page, while a short or mixed text can fool any identifier, so both conditions must hold
to override.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Characters of body text sampled for identification.
SAMPLE_CHARS = 200
#: Below this much text, a declaration is trusted and nothing is detected.
MIN_TEXT_CHARS = 200
#: The identifier must be at least this sure to override a declaration or to fill a gap.
OVERRIDE_CONFIDENCE = 0.95
DETECT_CONFIDENCE = 0.80

#: Codes the identifier and pages spell differently; compared on the left-hand form.
_SAME = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "srl": "sr", "zh-hant": "zh"}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Decoded once per machine into a cache folder and memory-mapped after that (0.4-0.6 s
    # of LZMA decoding saved in every fresh process, an ingest's worker server included).
    from broadsheet.extract.meta.langid_cache import load_identifier

    return load_identifier(norm_probs=True)


def sample(text: str, size: int = SAMPLE_CHARS, at: float = 0.5) -> str:
    """A bounded slice of the body, centred at `at` of its length (the middle by default,
    where boilerplate is rarest)."""
    if len(text) <= size:
        return text
    start = max(0, min(len(text) - size, int(len(text) * at) - size // 2))
    # Begin and end on word boundaries so the identifier sees whole words.
    start = text.find(" ", start) + 1 or start
    end = text.rfind(" ", start, start + size)
    return text[start : end if end > start else start + size]


def detect(text: str) -> tuple[str, float] | None:
    """(primary language code, confidence) of a text, or None when it is too short."""
    if len(text) < MIN_TEXT_CHARS:
        return None
    lang, confidence = _identifier().classify(sample(text))
    return _SAME.get(lang, lang), float(confidence)


#: Function words that only (or nearly only) one language of the web writes: a sample
#: holding several of the declared language's is in that language, and the identifier
#: (the costliest step of metadata) need not run. Each list holds frequent words that
#: the neighbouring languages (Spanish and Portuguese, German and Dutch) do not write.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to that with for on are he she they his her it this have has by at from be "
        "not or would said but you we their who been were which its than about after into there",
        "de": "der die und das ist nicht mit sich auf eine den dem zu wird auch ein des im sie ich "
        "bei nach wie aus für sind wurde hat noch werden einen vom über",
        "fr": "les des est dans pour une du qui au sur pas elle sont avec et aux ce cette ont été "
        "par plus nous vous mais",
        "es": "el los las y está pero sus más fue al muy también sobre entre",
        "it": "il che della sono gli di nel alla più anche questo è delle dei alle degli nella",
        "pt": "os não uma com do em ao pelo mais foi dos das na é são pela também",
        "nl": "het een van niet voor zijn ook dat op wordt naar met er aan bij door maar hij zij "
        "nog om",
    }.items()
}
#: How many different function words of the declared language confirm it.
CONFIRMING_WORDS = 3
#: How many, with next to none of another list, name the language of an undeclared text.
CLEAR_WORDS = 5


def confirms(declared: str, text: str) -> bool:
    """Whether a sample of the text holds enough of the declared language's function words."""
    words = FUNCTION_WORDS.get(declared)
    if not words:
        return False
    return len(words.intersection(sample(text).lower().split())) >= CONFIRMING_WORDS


def by_function_words(text: str) -> str | None:
    """The language whose function words a sample of the text holds clearly (at least
    `CLEAR_WORDS` different ones, and at most one of any other listed language)."""
    if len(text) < MIN_TEXT_CHARS:
        return None
    words = set(sample(text).lower().split())
    counts = sorted(((len(words & listed), lang) for lang, listed in FUNCTION_WORDS.items()), reverse=True)
    (best, lang), (second, _) = counts[0], counts[1]
    return lang if best >= CLEAR_WORDS and second <= 1 else None


def settle_language(declared: str | None, text: str) -> tuple[str | None, str | None]:
    """(language, source): the declaration unless the text clearly disagrees; `detected`
    when the declaration is missing or overruled, None when nothing can be said."""
    if len(text) >= MIN_TEXT_CHARS:
        _identifier()  # loaded with the first text, whether or not this one needs it
    if declared and confirms(declared, text):
        return declared, None
    if not declared:
        clear = by_function_words(text)
        if clear:
            return clear, "detected"
    found = detect(text)
    if declared:
        declared_key = _SAME.get(declared, declared)
        if found and found[0] != declared_key and found[1] >= OVERRIDE_CONFIDENCE:
            return found[0], "detected"
        return declared, None
    if found and found[1] >= DETECT_CONFIDENCE:
        return found[0], "detected"
    return None, None
