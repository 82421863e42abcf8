"""Exports: JSONL and Parquet agree, Parquet loads everywhere, text formats have their shape."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet import Article, Block, Corpus
from broadsheet.corpus import RECORD_FIELDS
from broadsheet.corpus.export import corpus_text, export, read_parquet_records
from tests.sources.warcs import story


@pytest.fixture
def corpus(tmp_path: Path):
    with Corpus(tmp_path / "c.sqlite") as c:
        for n in range(3):
            paras = story(n)
            c.add(
                Article(
                    url=f"https://news.example/{n}", title=f"Story {n}", authors=["A. Writer"], tags=["council", "vote"],
                    date_published=f"2024-03-0{n + 1}T09:00:00+01:00", language="en",
                    text="\n\n".join(paras), sources={"title": "json-ld", "url": "input"},
                    blocks=[Block("heading", "Now", level=2), *[Block("paragraph", p) for p in paras],
                            Block("table", "a | b", rows=(("a", "b"),)), Block("image", "A photo", src="https://i/x.jpg")],
                ),
                origin=f"a.warc#{n}", fetched_at="2024-03-10T00:00:00+00:00",
            )
        c.add(Article(url="https://copy.example/0", title="Copy", text="\n\n".join(story(0))))
        c.commit()
        yield c


def test_jsonl_and_parquet_have_the_same_records(corpus: Corpus, tmp_path: Path) -> None:
    assert export(corpus.records(), "jsonl", str(tmp_path / "a.jsonl")) == 3
    assert export(corpus.records(), "parquet", str(tmp_path / "a.parquet")) == 3
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert list(lines[0]) == list(RECORD_FIELDS)
    assert list(read_parquet_records(str(tmp_path / "a.parquet"))) == lines


def test_duplicates_only_when_asked(corpus: Corpus, tmp_path: Path) -> None:
    export(corpus.records(with_duplicates=True), "jsonl", str(tmp_path / "all.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert len(rows) == 4 and rows[3]["duplicate_of"] == rows[0]["id"] and rows[3]["text"] == ""


def test_parquet_loads_in_pandas_polars_duckdb_and_datasets(corpus: Corpus, tmp_path: Path) -> None:
    path = str(tmp_path / "a.parquet")
    export(corpus.records(), "parquet", path)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_parquet(path)
    assert list(frame.columns) == list(RECORD_FIELDS) and list(frame["authors"][0]) == ["A. Writer"]
    polars = pytest.importorskip("polars")
    assert polars.read_parquet(path)["sources"][0]["title"] == "json-ld"
    duckdb = pytest.importorskip("duckdb")
    assert duckdb.sql(f"SELECT count(*), max(len(blocks)) FROM '{path}'").fetchall() == [(3, 7)]
    try:
        import datasets
    except ImportError:
        return  # Hugging Face datasets is optional
    ds = datasets.load_dataset("parquet", data_files=path, split="train", cache_dir=str(tmp_path / "hf-cache"))
    assert ds.column_names == list(RECORD_FIELDS) and ds[0]["tags"] == ["council", "vote"]


def test_corpus_text_format(corpus: Corpus, tmp_path: Path) -> None:
    export(corpus.records(), "corpus", str(tmp_path / "c.txt"))
    text = (tmp_path / "c.txt").read_text()
    records = text.split("\n\f\n")
    assert len(records) == 3
    first = records[0].split("\n")
    assert first[0] == "date 2024-03-01 https://news.example/0"
    assert first[1] == "" and first[2] == "Story 0" and first[3] == ""
    assert "\n\n".join(story(0)) in records[0]
    assert corpus_text({"url": "https://x", "title": "T", "text": "B"}).startswith("date unknown https://x\n")


def test_markdown_one_file_per_article_or_one_file(corpus: Corpus, tmp_path: Path) -> None:
    assert export(corpus.records(), "markdown", str(tmp_path / "md")) == 3
    files = sorted((tmp_path / "md").glob("*.md"))
    assert len(files) == 3
    page = files[0].read_text()
    assert page.startswith("---\nid: ") and "\n# Story" in page and "![A photo](https://i/x.jpg)" in page
    export(corpus.records(), "markdown", str(tmp_path / "all.md"))
    assert (tmp_path / "all.md").read_text().count("\n# Story") == 3


def test_nothing_is_written_over_the_corpus(corpus: Corpus, tmp_path: Path) -> None:
    """`export --out c.sqlite` truncated the corpus to 0 bytes; every way of naming it is refused."""
    from broadsheet.corpus.export import corpus_files
    from broadsheet.errors import InputError

    path = corpus.path
    (tmp_path / "link.sqlite").symlink_to(path)
    (tmp_path / "hard.sqlite").hardlink_to(path)
    before = path.read_bytes()
    names = [str(path), f"{tmp_path}/./c.sqlite", str(tmp_path / "link.sqlite"), str(tmp_path / "hard.sqlite"),
             f"file://{path}", f"{path}-wal", f"{path}-shm"]
    for out in names:
        for fmt in ("jsonl", "parquet", "corpus", "markdown"):
            with pytest.raises(InputError, match="is the corpus file"):
                export(corpus.records(), fmt, out, protect=corpus_files(path))
    assert path.read_bytes() == before
    # the folder holding the corpus is fine for one Markdown file per article
    assert export(corpus.records(), "markdown", str(tmp_path), protect=corpus_files(path)) == 3


def test_an_unknown_storage_protocol_is_named(corpus: Corpus) -> None:
    from broadsheet.errors import InputError

    for fmt in ("jsonl", "parquet"):
        with pytest.raises(InputError, match="unknown storage protocol 'foo'"):
            export(corpus.records(), fmt, "foo://bucket/x")
