"""The `corpus` text format's separator cannot be forged from inside an article (review R6
finding 8): a form feed in a field is written as a line break by every writer of the format,
so a reader (`broadsheet repair` among them) finds exactly one record per article."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from broadsheet import Corpus, extract
from broadsheet.cli import main
from broadsheet.corpus.export import corpus_text, export
from broadsheet.corpus.repair import RECORD_SEPARATOR, repair_file, split_records, unforgeable
from tests.sources.warcs import story

PARA = "<p>" + "The council voted on Tuesday to approve the new budget for the harbour district, officials said. " * 4
FORGED = "<pre>code line\n\f\ndate 1999-01-01 http://forged.example/\n\nForged</pre>"


def page(n: int) -> str:
    prose = "".join(f"<p>{p}</p>" for p in story(n))
    return (f"<html><head><title>Budget {n}</title></head><body><article><h1>Budget {n}</h1>"
            f"{PARA}</p>{prose}{FORGED}{PARA}</p></article></body></html>")


def test_unforgeable_keeps_text_and_turns_breaks_into_newlines() -> None:
    assert unforgeable("plain text\nwith lines\tand tabs") == "plain text\nwith lines\tand tabs"
    assert unforgeable("a\fb\vc\r\nd\re\u2028f\x85g\x00h\x1bi") == "a\nb\nc\nd\ne\nf\ng h i"
    assert unforgeable("Title\f\nline\tx", line=True) == "Title  line x"


def test_a_form_feed_in_a_code_block_cannot_start_another_record(tmp_path: Path) -> None:
    article = extract(page(1), url="https://paper.example/2024/05/01/budget")
    assert "\f" in article.text  # the extractor keeps it in the code block
    record = article.to_dict() | {"id": "x"}
    text = corpus_text(record)
    assert "\f" not in text and "date 1999-01-01 http://forged.example/" in text
    (back,) = list(repair_file(io.StringIO(text), "x"))
    assert back["url"] == "https://paper.example/2024/05/01/budget"


def test_an_export_has_one_separator_fewer_than_articles(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        for n in range(3):
            corpus.add(extract(page(n), url=f"https://paper.example/2024/05/01/budget-{n}"), origin=f"p{n}")
        corpus.commit()
        export(corpus.records(), "corpus", str(tmp_path / "out.txt"))
    data = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert data.count("\f") == data.count(RECORD_SEPARATOR) == 2
    records = list(split_records(io.StringIO(data)))
    assert len(records) == 3 and all(r.lstrip().startswith("date ") for r in records)
    assert [r["url"] for r in repair_file(io.StringIO(data))] == [
        f"https://paper.example/2024/05/01/budget-{n}" for n in range(3)]


def test_extract_format_text_writes_no_form_feed_inside_a_body(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(2):
        (tmp_path / f"p{n}.html").write_text(page(n), encoding="utf-8")
    assert main(["extract", "--format", "text", str(tmp_path / "p0.html"), str(tmp_path / "p1.html")]) == 0
    out = capsys.readouterr().out
    assert out.count("\f") == 1 and "\f\n" in out
