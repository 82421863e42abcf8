"""Title parts: the fullwidth vertical line of Chinese and Japanese titles (review R16), a
section's or a blog's heading in a title (reviews R18, RV-M)."""
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


# A heading linking a folder above the page names a section or a blog in a folder: its
# name is cut from a title as the site's, except where the printed headline holds it as a
# part: there it is the headline's own first words (review R18).

PAPER = "<meta property='og:site_name' content='The Paper'>"


def test_a_section_heading_keeps_the_printed_headlines_first_words() -> None:
    head = "<title>Brexit - what next? | The Paper</title>"
    printed = SECTION + "<article><h1>Brexit - what next?</h1></article>"
    assert _meta(head, printed, URL).title == "Brexit - what next?"
    assert _meta(head + PAPER, printed, URL).title == "Brexit - what next?"
    og = head + "<meta property='og:title' content='Brexit - what next?'>"
    assert _meta(og, printed, URL).title == "Brexit - what next?"
    assert _meta(og, SECTION + "<article><h1>Brexit: what next?</h1></article>", URL).title == "Brexit: what next?"
    # schema.org's headline, printed in an <h2>.
    marked = SECTION + "<article><h2 itemprop='headline'>Brexit - what next?</h2></article>"
    assert _meta(og, marked, URL).title == "Brexit - what next?"
    # The site named by its stated name rather than the host.
    head = "<title>Brexit - what next? | Daily Planet</title><meta property='og:site_name' content='Daily Planet'>"
    assert _meta(head, printed, URL).title == "Brexit - what next?"


def test_a_section_headings_name_is_cut_where_the_printed_headline_lacks_it() -> None:
    # A classic WordPress theme prints the headline in <h2 class="entry-title">: no
    # printed headline the extractor reads, so the section's part is cut (review RV-M).
    body = SECTION + "<article><h2 class='entry-title'>What next for the talks</h2></article>"
    for title in (
        "Brexit - What next for the talks - The Paper",
        "Brexit » What next for the talks | The Paper",
        "The Paper: Brexit: What next for the talks",
        "The Paper - Brexit - What next for the talks",
    ):
        assert _meta(f"<title>{title}</title>" + PAPER, body, URL).title == "What next for the talks", title
    og = "<meta property='og:title' content='Brexit | What next for the talks'>"
    head = "<title>The Paper | Brexit | What next for the talks</title>" + og + PAPER
    assert _meta(head, body, URL).title == "What next for the talks"
    # With the headline printed in an <h1>, and a stated title holding the section's name.
    printed = SECTION + "<article><h1>What next for the talks</h1></article>"
    head = "<title>Brexit - What next for the talks - The Paper</title>" + PAPER
    og = "<meta property='og:title' content='Brexit - What next for the talks'>"
    assert _meta(head + og, printed, URL).title == "What next for the talks"


def test_a_section_heading_cuts_its_own_part_at_a_titles_end() -> None:
    head = "<title>What next for the Brexit talks? | Brexit | The Paper</title>"
    body = SECTION + "<article><h2>x</h2></article>"
    assert _meta(head, body, URL).title == "What next for the Brexit talks?"


def test_a_section_part_before_the_headline_gives_way_to_the_printed_headline() -> None:
    head = "<title>Brexit | What next for the talks | The Paper</title>"
    og = "<meta property='og:title' content='Brexit | What next for the talks'>"
    body = SECTION + "<article><h1>What next for the talks</h1></article>"
    assert _meta(head + og, body, URL).title == "What next for the talks"
    # Only the <title>.
    assert _meta(head, SECTION + "<article><h2>x</h2></article>", URL).title == "What next for the talks"


def test_a_blog_headings_name_is_cut_wherever_it_stands() -> None:
    # WordPress's classic theme at /notes/: "Blog » Blog Archive » Post", the heading
    # linking the blog's folder without rel=home.
    head = "<title>Paper Notes » Blog Archive » The reluctant cataloguer</title>"
    body = "<h1><a href='/notes/'>Paper Notes</a></h1><h2>The reluctant cataloguer</h2>"
    url = "https://paper.example/notes/2012/11/reluctant.html"
    assert _meta(head, body, url).title == "The reluctant cataloguer"
    # Its name closing the title is cut as well.
    head = "<title>The reluctant cataloguer | Paper Notes</title>"
    assert _meta(head, body, url).title == "The reluctant cataloguer"
    # Between the company's name and the post's (review RV-M).
    corp = "<meta property='og:site_name' content='Example Corp'>"
    head = "<title>Example Corp | Engineering Blog | Our new API</title>" + corp
    body = "<h1><a href='/blog/'>Engineering Blog</a></h1><h2>Our new API</h2>"
    assert _meta(head, body, "https://corp.example/blog/2023/06/our-new-api").title == "Our new API"
