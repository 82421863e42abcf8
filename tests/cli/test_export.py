"""`broadsheet export` as a user runs it: the README's schema table, columns, filters."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from broadsheet import Article, Corpus
from broadsheet.cli import main
from tests.sources.warcs import story

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    rows = [
        ("https://www.nytimes.com/2020/05/03/a", "en", "2020-05-03T10:00:00-04:00"),
        ("https://cooking.nytimes.com/b", "de-DE", "2020-06"),
        ("https://notnytimes.com/c", "de", "2019-12-31"),
        ("https://www.bbc.co.uk/news/d", "de-AT", "2021-01-02T08:00:00Z"),
    ]
    with Corpus(path) as c:
        for n, (url, language, date) in enumerate(rows):
            c.add(Article(url=url, title=f"T{n}", language=language, date_published=date, authors=["A"],
                          text="\n\n".join(story(n)), sources={"title": "json-ld"}))
    return str(path)


def _short(kind: pa.DataType) -> str:
    """A Parquet type as the README's table spells it."""
    if pa.types.is_list(kind):
        return f"list<{_short(kind.value_type)}>"
    if pa.types.is_struct(kind):
        return "struct"
    if pa.types.is_timestamp(kind):
        return f"timestamp[{kind.unit}, {kind.tz}]"
    return str(kind)


def readme_schema() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text.split("### Export schema", 1)[1].split("\n### ", 1)[0]
    return [(m[1], m[2].strip()) for m in re.finditer(r"^\| `([a-z_]+)` \| ([^|]+) \|", table, re.M)]


def test_readme_schema_table_is_the_real_export(corpus: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "news.parquet"
    assert main(["export", "--corpus", corpus, "--format", "parquet", "--out", str(out)]) == 0
    schema = pq.read_schema(out)
    assert readme_schema() == [(field.name, _short(field.type)) for field in schema]
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert list(first) == schema.names  # JSONL: the same columns, in the same order


def test_columns_and_no_blocks(corpus: str, tmp_path: Path, capsys) -> None:
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--columns", "url,published_at,published_offset_minutes"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first == {"url": "https://www.nytimes.com/2020/05/03/a", "published_at": "2020-05-03T14:00:00Z",
                     "published_offset_minutes": -240}
    out = tmp_path / "slim.parquet"
    assert main(["export", "--corpus", corpus, "--format", "parquet", "--out", str(out), "--no-blocks"]) == 0
    names = pq.read_schema(out).names
    assert "blocks" not in names and "text" in names and len(names) == len(readme_schema()) - 1
    capsys.readouterr()
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--columns", "url,body"]) == 2
    assert "unknown column 'body'" in capsys.readouterr().err
    assert main(["export", "--corpus", corpus, "--format", "markdown", "--out", str(tmp_path / "md"), "--no-blocks"]) == 2
    assert "for jsonl and parquet" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option, value, titles",
    [
        ("--site", "nytimes.com", ["T0", "T1"]),
        ("--site", "www.nytimes.com", ["T0", "T1"]),
        ("--site", "cooking.nytimes.com", ["T1"]),
        ("--site", "bbc.co.uk", ["T3"]),
        ("--language", "de", ["T1", "T2", "T3"]),
        ("--language", "de-DE", ["T1", "T2"]),
        ("--since", "2020", ["T0", "T1", "T3"]),
        ("--since", "2020-06", ["T1", "T3"]),
        ("--until", "2020", ["T0", "T1", "T2"]),
        ("--until", "2020-05", ["T0", "T2"]),
    ],
)
def test_filters(corpus: str, capsys, option: str, value: str, titles: list[str]) -> None:
    assert main(["export", "--corpus", corpus, "--format", "jsonl", "--out", "-", "--columns", "title", option, value]) == 0
    assert [json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()] == titles
