import json
import time

import pyarrow.parquet as pq

from broadsheet import extract
from broadsheet.demo.__main__ import PAGES, main
from broadsheet.demo.site import demo_sites


def test_demo_pages_extract_to_clean_bodies():
    bridge = extract((PAGES / "harbour-bridge.html").read_bytes())
    assert bridge.text.startswith("The Old Harbour bridge reopened")
    assert "Advertisement" not in bridge.text
    assert "Related stories" not in bridge.text
    assert "comments" not in bridge.text
    assert "Read more" not in bridge.text
    market = extract((PAGES / "market-brief.html").read_bytes())
    assert "Händler begrüßen" in market.text  # declared iso-8859-1, decoded right
    assert "Startseite" not in market.text and "Impressum" not in market.text


def test_demo_crawls_the_sample_site_exports_and_searches(tmp_path, capsys):
    started = time.monotonic()
    assert main([str(tmp_path)]) == 0
    assert time.monotonic() - started < 60
    out = capsys.readouterr().out
    stories = sum(len(site.stories) for site in demo_sites())
    records = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert len(records) == stories  # every article of both papers, once
    assert {r["language"] for r in records} == {"en", "de"}
    assert all(r["title"] and r["text"] and r["origin"] == "http" for r in records)
    table = pq.read_table(tmp_path / "articles.parquet")
    assert table.num_rows == stories and "text" in table.column_names
    assert 'search "harbour":' in out and "Harbour bridge reopens" in out
    assert "robots.txt 200; delay 0.1s" in out  # the Coastal Ledger's Crawl-delay
    assert f"  {tmp_path / 'articles.parquet'}\n" in out
    assert out.rstrip().splitlines()[-1].endswith(f"broadsheet serve --corpus {tmp_path / 'demo.sqlite'}")


def test_demo_help_prints_usage_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        main(["--help"])
    except SystemExit as exit:
        assert exit.code == 0
    else:
        raise AssertionError("--help should exit")
    assert "usage: python -m broadsheet.demo" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # no folder named "--help"
