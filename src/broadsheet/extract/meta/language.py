"""Language: the page's declaration, checked against the body text by py3langid.

py3langid ships its model inside the package (no download). The model loads once, lazily,
on the first page that needs it (about 0.7 s); classifying costs about 0.2 ms because only
a bounded sample of the text is read. A declaration is kept unless the text clearly says
otherwise: templates often declare the site's default language for every page, while a
short or mixed text can fool any identifier, so both conditions must hold to override.
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
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """A bounded slice of the body: from its middle, where boilerplate is rarest."""
    if len(text) <= size:
        return text
    start = (len(text) - size) // 2
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


def settle_language(declared: str | None, text: str) -> tuple[str | None, str | None]:
    """(language, source): the declaration unless the text clearly disagrees; `detected`
    when the declaration is missing or overruled, None when nothing can be said."""
    found = detect(text)
    if declared:
        declared_key = _SAME.get(declared, declared)
        if found and found[0] != declared_key and found[1] >= OVERRIDE_CONFIDENCE:
            return found[0], "detected"
        return declared, None
    if found and found[1] >= DETECT_CONFIDENCE:
        return found[0], "detected"
    return None, None
