"""The site's own title told apart from the story's: a logo `<h1>` linking home and the
site's name in its feed's title are no headline, and name the site part of `<title>`
(helper A15's audit of titles on the AEB and dragnet-train pages, issue 9)."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract.meta import Metadata, read_metadata
from broadsheet.extract.meta.dom import is_home_link
from broadsheet.extract.meta.html_meta import feed_site_name

STORY = "<p>" + "Words of the post itself, long enough to be read as prose by anyone. " * 8 + "</p>"


def _meta(head: str, body: str, url: str | None = None) -> Metadata:
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}{STORY}</body></html>"
    return read_metadata(LexborHTMLParser(html), url)


def test_a_logo_heading_linking_home_is_no_headline() -> None:
    # Movable Type / TypePad: <h1 id="banner-header"><a href=blog accesskey="1">Blog</a>.
    head = "<title>Paper Notes: The importance of going first</title>"
    body = '<div id="banner"><h1><a href="https://paper.example/notes/" accesskey="1">Paper Notes</a></h1></div>'
    meta = _meta(head, body)
    assert (meta.title, meta.sources["title"]) == ("The importance of going first", "html")


def test_a_logo_heading_names_the_site_in_the_title_tag() -> None:
    head = "<title>Why conferences matter «  Paper Notes</title>"
    body = '<div id="header"><h1><a href="https://paper.example/">Paper Notes</a></h1></div>'
    assert _meta(head, body).title == "Why conferences matter"


def test_a_heading_linking_to_a_folder_above_the_page_is_the_site_title() -> None:
    head = "<title>Free Range Cataloguer › The reluctant cataloguer</title>"
    body = '<h1><a href="/notes/">Free Range Cataloguer</a></h1><h2>The reluctant cataloguer</h2>'
    assert _meta(head, body, "https://paper.example/notes/2012/11/reluctant.html").title == "The reluctant cataloguer"


def test_the_posts_own_link_in_its_heading_stays_the_headline() -> None:
    head = "<title>My four favourite places - Paper Notes</title>"
    body = (
        '<h1><a href="https://paper.example/notes/">Paper Notes</a></h1>'
        '<h1><a href="https://paper.example/notes/2012/08/places/" rel="bookmark">My four favourite places</a></h1>'
    )
    meta = _meta(head, body)
    assert (meta.title, meta.sources["title"]) == ("My four favourite places", "dom")


def test_a_post_heading_named_blog_title_without_a_link_stays_the_headline() -> None:
    # Some themes name the post's own heading "blog-title".
    head = "<title>How to stop a shortcut key | Paper Notes</title>"
    body = '<article><h1 class="blog-title">How to stop a shortcut key</h1></article>'
    meta = _meta(head, body)
    assert (meta.title, meta.sources["title"]) == ("How to stop a shortcut key", "dom")


def test_a_site_name_holding_a_separator_is_cut_whole() -> None:
    head = "<title>Time Vampire by Safe Landing – Paper Notes - The Blog of Nerd Fashion</title>"
    body = '<h1><a href="https://paper.example">Paper Notes – The Blog of Nerd Fashion</a></h1>'
    assert _meta(head, body).title == "Time Vampire by Safe Landing"


def test_a_blogs_feed_names_the_site_in_the_title_tag() -> None:
    # Blogger writes <title> "Blog name: Post title" and its feeds "Blog name - Atom".
    head = (
        "<title>Paper Notes: UCI uphold the findings - surprised?</title>"
        '<link rel="alternate" type="application/atom+xml" title="Paper Notes - Atom" href="/feeds/posts/default">'
        '<link rel="alternate" type="application/rss+xml" title="Paper Notes - RSS" href="/feeds/posts/default?alt=rss">'
    )
    meta = _meta(head, "")
    assert meta.title == "UCI uphold the findings - surprised?"
    assert meta.site_name is None  # the feed's name only cuts titles


def test_feeds_of_several_names_are_sections_not_the_site() -> None:
    head = (
        "<title>Leveson inquiry: prejudging the judge</title>"
        '<link rel="alternate" type="application/rss+xml" title="Media RSS feed" href="/media/rss">'
        '<link rel="alternate" type="application/rss+xml" title="Leveson inquiry RSS feed" href="/leveson/rss">'
    )
    assert _meta(head, "").title == "Leveson inquiry: prejudging the judge"


def test_a_title_cut_of_its_site_keeps_its_own_dash() -> None:
    # What is left is the headline whole; only section names after " | " are cut still.
    head = '<title>Nokia E71 Software Update - v400.21.013 | Paper Phones</title><meta property="og:site_name" content="Paper Phones">'
    assert _meta(head, "").title == "Nokia E71 Software Update - v400.21.013"
    head = '<title>Is the app store gone on mobile data? | Phones | Forum | Paper Phones</title>'
    head += '<meta property="og:site_name" content="Paper Phones">'
    assert _meta(head, "").title == "Is the app store gone on mobile data?"


def test_the_site_heading_never_fills_site_name() -> None:
    head = "<title>Paper Notes: A post</title>"
    body = '<h1><a href="/" rel="home">Paper Notes</a></h1>'
    meta = _meta(head, body, "https://paper.example/2012/post.html")
    assert meta.title == "A post"
    assert meta.site_name is None


def test_feed_site_name() -> None:
    assert feed_site_name("Paper Notes - Atom") == "Paper Notes"
    assert feed_site_name("Paper Notes » Feed") == "Paper Notes"
    assert feed_site_name("Paper Notes RSS Feed") == "Paper Notes"
    assert feed_site_name("Paper Notes Posts RSS feed") == "Paper Notes"
    assert feed_site_name("Paper Notes » Comments Feed") is None
    assert feed_site_name("Paper Notes » Why it rained Comments Feed") is None
    assert feed_site_name("Apple Feed") is None  # a news site's section feed
    assert feed_site_name("RSS") is None


def test_is_home_link() -> None:
    page = "https://www.paper.example/notes/2012/07/post.html"
    assert is_home_link("/", None)
    assert is_home_link("https://paper.example", None)
    assert is_home_link("https://paper.example/notes/", page)
    assert not is_home_link("https://paper.example/notes/", None)  # no page to be above
    assert not is_home_link("https://other.example/notes/", page)
    assert not is_home_link(page, page)
    assert not is_home_link("?p=12", page)
    assert not is_home_link("#top", page)
    assert not is_home_link("", page)


def test_a_headline_in_a_block_named_like_chrome_beats_a_sharing_title() -> None:
    # "has-no-ticker" reads as a news ticker; the <h1> is the printed headline all the same.
    head = (
        "<title>Paper Sport - Club considers a loan to speed up the twelve-match ban</title>"
        '<meta property="og:title" content="Club eyes ban loophole">'
    )
    body = '<div class="has-no-ticker"><h1>Club considers a loan to speed up the twelve-match ban</h1></div>'
    meta = _meta(head, body)
    assert (meta.title, meta.sources["title"]) == ("Club considers a loan to speed up the twelve-match ban", "dom")


def test_a_heading_in_a_breadcrumb_trail_is_no_headline() -> None:
    head = '<title>Paper: Two part ways</title><meta property="og:title" content="Two part ways after ten years together">'
    body = '<div class="breadcrumbs-inner"><h1>Ten years together: two part ways</h1></div>'
    assert _meta(head, body).sources["title"] == "opengraph"


def test_wordpress_classic_title_ends_with_the_blogs_name() -> None:
    # WordPress's classic default theme: wp_title('«', true, 'right') then the blog's name.
    assert _meta("<title>Wheels up, again « Jo Paper’s Blog</title>", "").title == "Wheels up, again"
    # A French quotation is closed by »: no blog's name to cut.
    head = "<title>Le ministre a dit « non merci » hier soir</title>"
    assert _meta(head, "").title == "Le ministre a dit « non merci » hier soir"
