"""Language: declaration kept unless the text clearly disagrees; detected when missing."""
from __future__ import annotations

from broadsheet.extract.meta.language import detect, sample, settle_language

GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Förderung "
    "erneuerbarer Energien in den kommenden Jahren deutlich ausweiten soll. Kritiker bemängeln "
    "jedoch, dass die Finanzierung noch nicht gesichert ist und viele Fragen offen bleiben."
)
ENGLISH = (
    "The government approved a new law on Wednesday that is meant to expand support for "
    "renewable energy considerably over the coming years. Critics say, however, that the money "
    "has not been secured yet and that many questions remain open for now."
)


def test_detects_when_nothing_is_declared() -> None:
    assert settle_language(None, GERMAN) == ("de", "detected")
    assert settle_language(None, ENGLISH) == ("en", "detected")


def test_declaration_kept_when_text_agrees_or_is_short() -> None:
    assert settle_language("de", GERMAN) == ("de", None)
    assert settle_language("fr", "Trop court.") == ("fr", None)
    assert settle_language(None, "Too short") == (None, None)


def test_template_default_overruled_by_clear_text() -> None:
    assert settle_language("en", GERMAN * 3) == ("de", "detected")


def test_sample_is_bounded_and_on_word_boundaries() -> None:
    text = ("wort " * 10_000).strip()
    part = sample(text, 300)
    assert len(part) <= 300 and not part.startswith(" ") and part.split()[0] == "wort"
    assert detect("x") is None


def test_function_words_confirm_a_declaration_without_the_identifier() -> None:
    from broadsheet.extract.meta.language import confirms

    assert confirms("de", GERMAN) and confirms("en", ENGLISH)
    assert not confirms("en", GERMAN) and not confirms("de", ENGLISH)
    portuguese = "O governo aprovou uma nova lei com apoio dos partidos, e não houve debate sobre os custos do plano."
    assert confirms("pt", portuguese) and not confirms("es", portuguese)
    assert not confirms("ko", ENGLISH)  # no list: the identifier decides


def test_undeclared_language_from_clear_function_words() -> None:
    from broadsheet.extract.meta.language import by_function_words

    assert by_function_words(GERMAN) == "de" and by_function_words(ENGLISH) == "en"
    assert by_function_words("Too short") is None
    mixed = GERMAN[:100] + " " + ENGLISH[:100]
    assert by_function_words(mixed) is None  # two languages' words: the identifier decides


def test_a_text_in_another_language_throughout_overrules_the_declaration() -> None:
    assert settle_language("de", ENGLISH * 4) == ("en", "detected")
