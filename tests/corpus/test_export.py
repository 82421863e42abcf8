"""Exports: JSONL and Parquet agree, Parquet loads everywhere, text formats have their shape."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet import Article, Block, Corpus
from broadsheet.corpus.export import corpus_text, export, read_parquet_records
from broadsheet.corpus.records import EXPORT_FIELDS, parse_instant
from broadsheet.errors import InputError
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
    assert list(lines[0]) == list(EXPORT_FIELDS)
    assert list(read_parquet_records(str(tmp_path / "a.parquet"))) == lines
    assert lines[0]["date_published"] == "2024-03-01T09:00:00+01:00"  # the page's own string, kept
    assert lines[0]["published_at"] == "2024-03-01T08:00:00Z" and lines[0]["published_offset_minutes"] == 60
    assert lines[0]["modified_at"] is None and lines[0]["modified_offset_minutes"] is None


def test_duplicates_only_when_asked(corpus: Corpus, tmp_path: Path) -> None:
    export(corpus.records(with_duplicates=True), "jsonl", str(tmp_path / "all.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert len(rows) == 4 and rows[3]["duplicate_of"] == rows[0]["id"] and rows[3]["text"] == ""


def test_parquet_loads_in_pandas_polars_duckdb_and_datasets(corpus: Corpus, tmp_path: Path) -> None:
    path = str(tmp_path / "a.parquet")
    export(corpus.records(), "parquet", path)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_parquet(path)
    assert list(frame.columns) == list(EXPORT_FIELDS) and list(frame["authors"][0]) == ["A. Writer"]
    assert str(frame["published_at"].dtype).startswith("datetime64") and str(frame["published_at"].dt.tz) == "UTC"
    polars = pytest.importorskip("polars")
    assert polars.read_parquet(path)["sources"][0]["title"] == "json-ld"
    assert str(polars.read_parquet(path)["published_at"].dtype) == "Datetime(time_unit='us', time_zone='UTC')"
    duckdb = pytest.importorskip("duckdb")
    assert duckdb.sql(f"SELECT count(*), max(len(blocks)) FROM '{path}'").fetchall() == [(3, 7)]


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


@pytest.mark.parametrize(
    "value, utc, offset",
    [
        ("2024-05-01T08:00:00+02:00", "2024-05-01T06:00:00+00:00", 120),
        ("2024-05-01T08:00:00+0200", "2024-05-01T06:00:00+00:00", 120),
        ("2024-05-01T08:00-05:30", "2024-05-01T13:30:00+00:00", -330),
        ("2024-05-01T08:00:00Z", "2024-05-01T08:00:00+00:00", 0),
        ("2024-05-01T08:00:00.25Z", "2024-05-01T08:00:00.250000+00:00", 0),
        ("2024-05-01 08:00", "2024-05-01T08:00:00+00:00", None),
        ("2024-05-01", "2024-05-01T00:00:00+00:00", None),
        ("2024-05", "2024-05-01T00:00:00+00:00", None),
        ("2024", "2024-01-01T00:00:00+00:00", None),
        ("Wed, 01 May 2024 08:00:00 +0200", "2024-05-01T06:00:00+00:00", 120),
        ("Wed, 01 May 2024 08:00:00 GMT", "2024-05-01T08:00:00+00:00", 0),
    ],
)
def test_every_date_shape_becomes_one_typed_instant(value: str, utc: str, offset: int | None) -> None:
    moment, minutes = parse_instant(value)
    assert moment is not None and moment.isoformat() == utc and minutes == offset


@pytest.mark.parametrize("value", [None, "", "yesterday", "May 1, 2024", "2024-02-30", "2024-05-01T08:00+25:00"])
def test_what_is_not_a_date_has_no_instant(value) -> None:
    assert parse_instant(value) == (None, None)


def test_mixed_date_shapes_give_one_typed_column(tmp_path: Path) -> None:
    """Seven shapes in one string column; the typed column holds instants (UTC) for all."""
    shapes = ["2024-05-01", "2024-05-01T08:00", "2024-05-01T08:00:00+02:00", "2024-05-01T08:00:00Z", "2024-05",
              "Wed, 01 May 2024 08:00:00 GMT", "not a date"]
    with Corpus(tmp_path / "c.sqlite") as c:
        for n, shape in enumerate(shapes):
            c.add(Article(url=f"https://a.example/{n}", title=f"S{n}", text="\n\n".join(story(n)), date_published=shape))
        export(c.records(), "parquet", str(tmp_path / "d.parquet"))
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "d.parquet", columns=["date_published", "published_at", "published_offset_minutes"])
    assert str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    assert str(table.schema.field("published_offset_minutes").type) == "int16"
    assert table.column("date_published").to_pylist() == shapes
    assert [t.isoformat() if t else None for t in table.column("published_at").to_pylist()] == [
        "2024-05-01T00:00:00+00:00", "2024-05-01T08:00:00+00:00", "2024-05-01T06:00:00+00:00",
        "2024-05-01T08:00:00+00:00", "2024-05-01T00:00:00+00:00", "2024-05-01T08:00:00+00:00", None,
    ]
    assert table.column("published_offset_minutes").to_pylist() == [None, None, 120, 0, None, 0, None]


def test_columns_and_no_blocks(corpus: Corpus, tmp_path: Path) -> None:
    export(corpus.records(), "jsonl", str(tmp_path / "a.jsonl"), columns=["url", "published_at", "title"])
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert rows[0] == {"url": "https://news.example/0", "published_at": "2024-03-01T08:00:00Z", "title": "Story 0"}
    export(corpus.records(), "parquet", str(tmp_path / "a.parquet"), columns=[c for c in EXPORT_FIELDS if c != "blocks"])
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "a.parquet").names == [c for c in EXPORT_FIELDS if c != "blocks"]
    with pytest.raises(InputError, match="unknown column 'body'"):
        export(corpus.records(), "jsonl", "-", columns=["url", "body"])
    with pytest.raises(InputError, match="for jsonl and parquet"):
        export(corpus.records(), "markdown", str(tmp_path / "md"), columns=["url"])
