"""Truth texts that are a file's bytes read as Latin-1 (a UTF-16 file: a NUL after every
ASCII letter) are decoded again by their byte order mark before they are scored."""
import gzip
import json
from pathlib import Path

import pytest

from broadsheet.bench import aeb

TEXT = "Le café of Zoë opened on Monday, and the queue went round the block."


def as_latin1(data: bytes) -> str:
    """What a Latin-1 reading of `data` gives: one character a byte."""
    return data.decode("latin-1")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-16"),  # with its mark, in this machine's byte order
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),  # without a mark: valid UTF-8 is read as UTF-8
    ],
)
def test_a_truth_text_read_as_latin1_is_decoded_by_its_mark(data: bytes) -> None:
    assert aeb.truth_text(as_latin1(data)) == TEXT


def test_an_odd_byte_after_utf16_text_costs_no_letter() -> None:
    decoded = aeb.truth_text(as_latin1(b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\n"))
    assert decoded == TEXT + "\ufffd"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain ASCII text.",
        TEXT,  # Latin-1 text that is no valid UTF-8 stays as it is
        "Текст уже декодирован \u2014 and wide",  # characters past U+00FF: not bytes
        "\xff\xfe but written as text, with \u20ac",
    ],
)
def test_other_truth_texts_are_kept(text: str) -> None:
    assert aeb.truth_text(text) == text


def test_load_dataset_scores_against_the_decoded_text(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(f"<html><body><p>{TEXT}</p></body></html>".encode()))
    body = as_latin1(TEXT.encode("utf-16"))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": ""}}))
    (page,) = aeb.load_dataset(tmp_path)
    assert page.expected == TEXT
    assert aeb.score_page(page.page_id, page.expected, TEXT).f1 == 1.0
