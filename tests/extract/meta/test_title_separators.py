"""Title parts: the fullwidth vertical line of Chinese and Japanese titles (review R16), a
section's heading opening a title (review R18)."""
from __future__ import annotations

from tests.extract.meta.test_site_title import _meta

URL = "https://paper.example/brexit/what-next"
SECTION = "<header><h1><a href='/brexit/'>Brexit</a></h1></header>"
JP_URL = "https://news.example.jp/article/123"
JP_SITE = "<meta property='og:site_name' content='サイト名'>"
STORY_JP = "<article><p>本文</p></article>"


# Chinese and Japanese sites join a headline and the site's name with the fullwidth
# vertical line (U+FF5C), mostly unspaced: "記事の見出し｜サイト名".


def test_a_fullwidth_bar_separates_the_sites_name() -> None:
    meta = _meta("<title>記事の見出しです｜サイト名</title>" + JP_SITE, STORY_JP, JP_URL)
    assert (meta.title, meta.site_name) == ("記事の見出しです", "サイト名")
    og = "<meta property='og:title' content='記事の見出しです｜サイト名'>"
    meta = _meta("<title>記事の見出しです｜サイト名</title>" + og + JP_SITE, STORY_JP, JP_URL)
    assert (meta.title, meta.sources["title"]) == ("記事の見出しです", "opengraph")
    assert _meta("<title>記事の見出しです ｜ サイト名</title>" + JP_SITE, STORY_JP, JP_URL).title == "記事の見出しです"
    assert _meta("<title>サイト名｜記事の見出しです</title>" + JP_SITE, STORY_JP, JP_URL).title == "記事の見出しです"


def test_a_fullwidth_bar_naming_no_site_stays_in_the_title() -> None:
    # Only a part naming the site is cut; the bar itself is kept as written.
    title = "新型車を発表｜価格は300万円から"
    assert _meta(f"<title>{title}</title>" + JP_SITE, STORY_JP, JP_URL).title == title


# A heading linking a folder above the page names a section as often as a blog in a
# folder: where the title names the site otherwise, the heading's name opening the title
# is the headline's own first words.


def test_a_section_heading_keeps_the_headlines_first_words() -> None:
    head = "<title>Brexit - what next? | The Paper</title>"
    body = SECTION + "<article><h2>Brexit - what next?</h2></article>"
    assert _meta(head, body, URL).title == "Brexit - what next?"
    og = head + "<meta property='og:title' content='Brexit - what next?'>"
    meta = _meta(og, body, URL)
    assert (meta.title, meta.sources["title"]) == ("Brexit - what next?", "opengraph")
    printed = SECTION + "<article><h1>Brexit - what next?</h1></article>"
    assert _meta(og, printed, URL).title == "Brexit - what next?"
    # The site named by its stated name rather than the host.
    head = "<title>Brexit - what next? | Daily Planet</title><meta property='og:site_name' content='Daily Planet'>"
    assert _meta(head, body, URL).title == "Brexit - what next?"


def test_a_section_heading_cuts_its_own_part_at_a_titles_end() -> None:
    head = "<title>What next for the Brexit talks? | Brexit | The Paper</title>"
    body = SECTION + "<article><h2>x</h2></article>"
    assert _meta(head, body, URL).title == "What next for the Brexit talks?"


def test_a_section_part_before_the_headline_gives_way_to_the_printed_headline() -> None:
    head = "<title>Brexit | What next for the talks | The Paper</title>"
    og = "<meta property='og:title' content='Brexit | What next for the talks'>"
    body = SECTION + "<article><h1>What next for the talks</h1></article>"
    assert _meta(head + og, body, URL).title == "What next for the talks"
    # Only the <title>: its part after " | ".
    assert _meta(head, SECTION + "<article><h2>x</h2></article>", URL).title == "What next for the talks"


def test_a_blog_headings_name_is_cut_where_the_title_names_no_other_site() -> None:
    # WordPress's classic theme at /notes/: "Blog » Blog Archive » Post", the heading
    # linking the blog's folder without rel=home.
    head = "<title>Paper Notes » Blog Archive » The reluctant cataloguer</title>"
    body = "<h1><a href='/notes/'>Paper Notes</a></h1><h2>The reluctant cataloguer</h2>"
    url = "https://paper.example/notes/2012/11/reluctant.html"
    assert _meta(head, body, url).title == "The reluctant cataloguer"
    # Its name closing the title is cut as well.
    head = "<title>The reluctant cataloguer | Paper Notes</title>"
    assert _meta(head, body, url).title == "The reluctant cataloguer"
