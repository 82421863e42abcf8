"""Which pages are articles: each skip reason on a page made for it, and a story kept."""
from __future__ import annotations

import random
import re

import pytest

from broadsheet import Article, Block, NotHTML, extract
from broadsheet.run.keep import KeepRules, skip_reason
from tests.sources.warcs import article_html, story

TEASERS = "".join(
    f"<li><a href='/2024/03/s{n}'>Headline number {n} about the {w}</a></li>"
    for n, w in enumerate("harbour council bridge minister budget election river police market school".split())
)


def reason(html: bytes, url: str) -> str | None:
    return skip_reason(extract(html, url), html=html)


def test_a_story_is_kept() -> None:
    assert reason(article_html(5), "https://news.example/2024/03/story-5") is None


def test_no_body() -> None:
    html = b"<html><head><title>Brief</title></head><body><article><h1>Brief</h1><p>Roads closed.</p></article></body></html>"
    assert reason(html, "https://news.example/2024/03/brief") == "no body"
    brief = Article(url="https://news.example/2024/03/brief", title="Brief", text="Roads closed until Monday.")
    assert skip_reason(brief) == "no body"
    assert skip_reason(brief, KeepRules(min_chars=5)) is None


def test_404_dressed_as_200() -> None:
    html = (b"<html><head><title>Page not found - The Paper</title></head><body><main><h1>Sorry</h1>"
            b"<p>The page you are looking for could not be found. It may have been moved or deleted. Try our search "
            b"or go back to the home page to find the latest news from the region and beyond.</p></main></body></html>")
    assert reason(html, "https://news.example/2024/03/missing") == "404 page"


def test_login_wall_from_the_prompt_or_the_paywall_markup() -> None:
    teaser = "".join(f"<p>{p}</p>" for p in story(3)[:2])
    prompt = ("<html><head><title>Council approves budget</title></head><body><article><h1>Council approves budget</h1>"
              f"{teaser}<div class='paywall'><p>Subscribe to continue reading this article.</p></div></article></body></html>")
    assert reason(prompt.encode(), "https://news.example/2024/03/budget") == "login wall"
    markup = prompt.replace("Subscribe to continue reading this article.", "").replace(
        "<head>", '<head><script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>')
    assert reason(markup.encode(), "https://news.example/2024/03/budget") == "login wall"
    text = Article(url="https://n.example/a", title="A", text=story(1)[0] + "\n\nAlready a subscriber? Sign in to keep reading.")
    assert skip_reason(text) == "login wall"


def test_index_pages() -> None:
    home = (f"<html><head><title>The Paper</title></head><body><main><h2>Top stories</h2><ul>{TEASERS}</ul>"
            f"</main></body></html>").encode()
    assert reason(home, "https://news.example/") == "index page"
    blocks = [Block("heading", f"Section {n}") for n in range(4)] + [Block("list_item", f"Teaser {n} about things") for n in range(12)]
    listing = Article(url="https://news.example/topics/harbour", title="Harbour", text="\n\n".join(b.text for b in blocks) * 3, blocks=blocks)
    assert skip_reason(listing) == "index page"
    same_on_a_story_url = Article(url="https://news.example/2024/03/best-harbour-walks-this-spring", title="Walks",
                                  text=listing.text, blocks=blocks)
    assert skip_reason(same_on_a_story_url) is None  # a listicle is still a story


def test_news_that_merely_mentions_404_or_not_found_is_kept() -> None:
    for title in ("404 people evacuated after the flood", "Missing hiker not found after three days",
                  "Service no longer available in rural areas"):
        assert skip_reason(Article(url="https://news.example/2024/03/x", title=title, text=story(2)[0])) is None
    for title in ("404 - Page not found", "Not Found | The Paper", "Error 404", "The Paper: not found"):
        assert skip_reason(Article(url="https://news.example/x", title=title, text=story(2)[0])) == "404 page"


def test_a_story_at_the_site_root_with_a_query_is_not_a_home_page() -> None:
    article = Article(url="https://blog.example/?p=123", title="A post", text="\n\n".join(story(4)))
    assert skip_reason(article) is None
    assert skip_reason(Article(url="https://blog.example/", title="Blog", text="")) == "index page"


def test_a_saved_page_with_no_url_is_not_taken_for_a_home_page() -> None:
    """A folder of saved HTML has no URLs: an undated story there is still a story, and a
    page with too little text has no body (nothing says it is an index)."""
    undated = extract(re.sub(rb"<meta property='article:published_time'[^>]*>", b"", article_html(5)))
    assert undated.url is None and undated.canonical_url is None and undated.date_published is None
    assert skip_reason(undated) is None
    assert skip_reason(Article(url=None, title="Brief", text="Roads closed.")) == "no body"
    # The same teaser list is still an index page by its shape.
    blocks = [Block("heading", f"Section {n}") for n in range(4)] + [Block("list_item", f"Teaser {n} about things") for n in range(12)]
    listing = Article(url=None, title="Harbour", text="\n\n".join(b.text for b in blocks) * 3, blocks=blocks)
    assert skip_reason(listing) == "index page"


def _long_text(n: int = 4) -> str:
    return "\n\n".join(story(n))


def test_random_bytes_served_as_html_are_not_text() -> None:
    """6 KB of random bytes with a text/html header decode to mojibake: no title, no
    language, control and replacement characters. Stored as an article before."""
    rng = random.Random(13)
    for _ in range(5):
        data = rng.randbytes(6000)
        try:
            article = extract(data, "https://news.example/feed", headers={"content-type": "text/html"})
        except NotHTML:
            continue  # sniffed as binary before it got this far
        assert article.title is None and article.language is None
        assert skip_reason(article, html=data) == "not text"


def test_text_of_control_characters_is_not_text_even_with_a_title() -> None:
    junk = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 12, 13)) * 40 + "\ufffd" * 200
    assert skip_reason(Article(url="https://news.example/2024/05/x", title="Budget", text=junk + _long_text(1))) == "not text"


def test_real_text_without_title_or_language_is_kept() -> None:
    assert skip_reason(Article(url="https://news.example/2024/05/x", text=_long_text())) is None
    hindi = "नगर परिषद ने मंगलवार को अगले वर्ष के बजट पर सहमति जताई और सड़कों की मरम्मत के लिए धन दिया। " * 20
    thai = "สภาเมืองประชุมเมื่อวันอังคารเพื่อตกลงงบประมาณสำหรับปีหน้าและซ่อมถนนในเมือง " * 20
    for text in (hindi, thai):
        assert skip_reason(Article(url="https://news.example/2024/05/x", text=text)) is None


@pytest.mark.parametrize("url, title", [
    ("https://news.example/privacy-policy", "Privacy policy"),
    ("https://news.example/about-us/", "The Daily Example"),
    ("https://news.example/service/impressum.html", "Impressum"),
    ("https://news.example/de/datenschutzerklaerung", "Datenschutz"),
    ("https://news.example/fr/mentions-legales", "Mentions légales"),
    ("https://news.example/p/12345", "Terms of Service"),
    ("https://news.example/kontakt", "Kontakt"),
    ("https://news.example/pages/advertise", "Advertise with us"),
    (None, "Cookie Policy"),
])
def test_site_pages(url: str | None, title: str) -> None:
    article = Article(url=url, title=title, text=_long_text())
    assert skip_reason(article) == "site page"


@pytest.mark.parametrize("url, title", [
    ("https://news.example/2024/05/privacy-rules-tighten-for-apps", "Privacy rules tighten for apps"),
    ("https://news.example/tech/data-protection-fine", "Regulator fines firm over its privacy policy"),
    ("https://news.example/2024/05/contact-tracing-app-launched", "Contact tracing app launched"),
    ("https://news.example/culture/about-a-boy-review", "About a Boy, reviewed"),
])
def test_stories_about_privacy_or_contact_are_kept(url: str, title: str) -> None:
    assert skip_reason(Article(url=url, title=title, text=_long_text())) is None


def test_a_dated_signed_story_named_like_a_site_page_is_kept() -> None:
    article = Article(url="https://news.example/opinion/privacy", title="Privacy", text=_long_text(),
                      date_published="2024-05-02", authors=["Ann Lee"])
    assert skip_reason(article) is None
    assert skip_reason(Article(url="https://news.example/opinion/privacy", title="Privacy", text=_long_text())) == "site page"
