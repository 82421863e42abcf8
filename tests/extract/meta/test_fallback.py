"""The whole-page date search (htmldate) as the last resort for date_published."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta.fallback import whole_page_date

from .conftest import FETCHED, page

PROSE = "<p>" + "Words of the story, one sentence after another, long enough to be prose. " * 4 + "</p>"


def _date(html: str, url: str | None = None) -> str | None:
    return whole_page_date(LexborHTMLParser(html), url, FETCHED)


def test_a_date_the_page_prints_where_nothing_marks_it(read) -> None:
    body = f"<div><h1>Story</h1>{PROSE * 3}<div class=info>Stand: 18.10.2019</div></div>"
    assert _date(page("", body, lang="de")) == "2019-10-18"
    meta = read(page("", body, lang="de"), url="https://site.example/story")
    assert meta.date_published == "2019-10-18" and meta.sources["date_published"] == "htmldate"


def test_the_extensive_search_reads_what_the_fast_one_misses() -> None:
    """Any element named for a date (the fast search reads only the usual tags), and a short
    text by itself with a two-digit year (a forum post's "28.09.19")."""
    named = f"<header><div id=date>Miércoles, 15 de Abril de 2020</div></header><h1>Story</h1>{PROSE * 3}"
    assert _date(page("", named, lang="es")) == "2020-04-15"
    stamp = f"<h1>Story</h1>{PROSE * 3}<div><span title=Erstellt><span>28.09.19</span><span>12:44</span></span></div>"
    assert _date(page("", stamp, lang="de")) == "2019-09-28"


def test_a_lone_year_is_no_publication_day() -> None:
    assert _date(page("", f"<h1>Story</h1>{PROSE}<footer>© 2016 Example</footer>")) is None


def test_dates_of_other_stories_are_not_searched() -> None:
    body = f"<article><h1>Story</h1>{PROSE}</article><aside><p>Related: 4 June 2021</p></aside>"
    assert _date(page("", body)) is None


def test_no_search_where_structured_data_states_a_date(read) -> None:
    head = '<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2020-05-25"}</script>'
    body = f"<div><h1>Impressum</h1>{PROSE * 3}<div class=info>Stand: 18.10.2019</div></div>"
    assert read(page(head, body, lang="de")).date_published is None


def test_garbage_is_no_date_and_a_url_is_text(monkeypatch) -> None:
    for html in ("", "<html></html>", "\x00\x01"):
        assert _date(html) is None
    # a page whose whole text looks like a URL is read as a page (the extensive search
    # reads the date printed in it), never fetched
    import htmldate.utils

    def no_fetch(url: str) -> None:
        raise AssertionError(f"htmldate fetched {url}")

    monkeypatch.setattr(htmldate.utils, "fetch_url", no_fetch)
    assert _date("https://example.com/2020/01/02/story") == "2020-01-02"


def test_our_commands_keep_htmldate_errors_out_of_the_run_log(tmp_path, capsys) -> None:
    """htmldate logs a page it cannot read at ERROR ("lxml cleaner error"); a command shows
    it only with -v. The level is set by the command, not on import (a library user's
    logging stays theirs)."""
    import logging

    from broadsheet.cli import main
    from broadsheet.extract.meta.fallback import HTMLDATE_LOGGER

    logger = logging.getLogger(HTMLDATE_LOGGER)
    before = logger.level
    try:
        logger.setLevel(logging.NOTSET)
        page = tmp_path / "p.html"
        page.write_text("<html><body><p>x</p></body></html>")
        main(["extract", str(page)])
        assert logger.level == logging.CRITICAL
        main(["extract", "-v", str(page)])
        assert logger.level == logging.INFO
    finally:
        logger.setLevel(before)
    capsys.readouterr()
