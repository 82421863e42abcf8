"""`--language` on ingest and crawl matches as `export --language` does."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet import Corpus
from broadsheet.run.keep import language_matches, language_tags

DETECTED = ["de", "de-DE", "de-AT", "DE-at", "de_CH", "en", "en-GB", "deu", "fr", None, ""]


@pytest.mark.parametrize("wanted", ["de", "de-DE", "de-at", "en", "en-US", "fr"])
def test_the_same_tags_match_as_in_export(wanted: str, tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        for n, language in enumerate(DETECTED):
            corpus.add({"url": f"https://paper.example/{n}", "language": language,
                        "text": f"Story {n}: " + " ".join(f"w{n}x{i}" for i in range(80))})
        exported = {r["language"] for r in corpus.records(language=wanted)}
    kept = {language for language in DETECTED if language_matches(language, (wanted,))}
    assert kept == exported


def test_several_tags_and_no_language() -> None:
    assert language_tags(" de , en_GB,de") == ("de", "en-gb")
    assert language_matches("en-GB", ("de", "en-gb")) and language_matches("de-AT", ("de", "en-gb"))
    assert not language_matches("en-US", ("de", "en-gb")) and language_matches("en", ("de", "en-gb"))
    assert not language_matches(None, ("de",)) and language_matches(None, ())


@pytest.mark.parametrize("value", ["", "german", ",", "d", "de-", "1"])
def test_what_is_not_a_tag(value: str) -> None:
    with pytest.raises(ValueError, match="language tag"):
        language_tags(value)
