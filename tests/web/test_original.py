"""The original page beside what was kept: finding it again, its visible text, the marks."""
from __future__ import annotations

import gzip

from broadsheet import extract
from broadsheet.corpus import Corpus
from broadsheet.web.original import compare, load, locate, missing, side_by_side, visible_lines
from tests.web.pages import pages


def test_visible_lines_split_at_blocks_and_leave_out_what_is_not_shown():
    html = """<html><head><title>T</title><style>p{}</style></head><body>
    <p>One <b>bold</b> and <a href="#">linked</a> line.</p><div>Two<p>Three</p>Four</div>
    <script>var x = 1;</script><noscript>enable js</noscript><div hidden>secret</div>
    <span aria-hidden="true">icon</span><ul><li>item a</li><li>item b</li></ul><template>t</template></body></html>"""
    assert visible_lines(html) == ["One bold and linked line.", "Two", "Three", "Four", "item a", "item b"]
    assert visible_lines("") == []


def test_compare_marks_body_metadata_and_dropped_lines():
    record = {"text": "The bridge reopened on Monday.\n\nIt cost a lot.", "title": "Bridge reopens",
              "authors": ["Jane Doe"], "blocks": [{"kind": "image", "text": "The bridge at dawn"}]}
    lines = ["Bridge reopens", "By Jane Doe", "The bridge reopened on Monday.", "It cost a lot.",
             "The bridge at dawn", "Share", "Subscribe now"]
    kinds = [x.kind for x in compare(lines, record)]
    assert kinds == ["meta", "meta", "body", "body", "body", "dropped", "dropped"]


def test_originals_are_found_in_saved_files_and_warc_records(tmp_path, corpus):
    url, html = pages()[0]
    saved = tmp_path / "story.html.gz"
    saved.write_bytes(gzip.compress(html.encode()))
    page = load(str(saved))
    assert page is not None and b"harbour" in page.content
    with Corpus(tmp_path / "c.sqlite") as c:
        c.add(extract(html, url), origin=str(saved))
        record = next(c.records())
    data = side_by_side(record)
    assert data["available"] and data["counts"]["dropped"] >= 5 and data["counts"]["body"] >= 5
    warc = corpus.parent / "news.warc"
    assert locate(f"{warc}#0") == (warc, 0)
    second = load(f"{warc}#3057") or load(f"{warc}#{_second_offset(warc)}")
    assert second is not None and second.url == pages()[1][0]


def _second_offset(warc) -> int:
    from broadsheet.sources.warc import iter_warc_records

    return [offset for offset, _ in iter_warc_records(warc)][1]


def test_nothing_but_saved_pages_and_warcs_is_ever_opened(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    for origin in (str(secret), "/etc/passwd", f"{secret}#0", "http", "", None, str(tmp_path),
                   "https://news.example/a.html", str(tmp_path / "gone.html")):
        assert locate(origin) is None and load(origin) is None
    assert "neither a saved page nor a WARC" in missing(str(secret))
    assert "no longer at" in missing(str(tmp_path / "gone.html"))
    assert "crawled pages are not kept" in missing("http")
    assert load(f"{tmp_path / 'x.warc'}#12") is None


def test_a_warc_offset_that_is_no_record_gives_nothing(corpus):
    warc = corpus.parent / "news.warc"
    assert load(f"{warc}#5") is None
    assert load(f"{warc}#999999999") is None
