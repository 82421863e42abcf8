"""Titles where readability-lxml or trafilatura read a fresh page better than we did
(task T2, issue 9): the causes that recur on several sites."""
from __future__ import annotations

from tests.extract.meta.test_site_title import _meta

URL = "https://mag.example/ideas/robots-help-children-learn"
SITE = "<meta property='og:site_name' content='Big Mag'>"
STORY = "<article><p>Body of the story, long enough to read as one.</p></article>"


# "Headline | Section | Site" (Yoast's "%%title%% %%sep%% %%category%% %%sep%%
# %%sitename%%", Drupal's page title patterns) in og:title: where the site's part was cut
# off, the section's is cut too, as it is from the <title> (readability-lxml's cut at
# " | ").


def test_a_section_part_after_the_headline_in_og_title_is_cut() -> None:
    stated = "Using Robots To Help Children With Autism Learn | IdeaFeed | Big Mag"
    head = f"<title>{stated}</title><meta property='og:title' content='{stated}'>" + SITE
    meta = _meta(head, STORY, URL)
    assert (meta.title, meta.sources["title"]) == ("Using Robots To Help Children With Autism Learn", "opengraph")
    head = "<meta property='og:title' content='Holiday Dresses for Girls | Atlanta - Big Mag'>" + SITE
    assert _meta(head, STORY, URL).title == "Holiday Dresses for Girls"


def test_a_section_part_before_the_headline_in_og_title_is_cut() -> None:
    head = "<meta property='og:title' content='IdeaFeed | Using Robots To Help Children Learn | Big Mag'>" + SITE
    assert _meta(head, STORY, URL).title == "Using Robots To Help Children Learn"


def test_an_og_title_naming_no_site_keeps_its_bar() -> None:
    # No site's part cut: the bar may be the headline's own ("Review | ..."), kept.
    stated = "Using Robots To Help Children With Autism Learn | IdeaFeed"
    head = f"<meta property='og:title' content='{stated}'>" + SITE
    assert _meta(head, STORY, URL).title == stated
    # Nor is a short headline cut to a part of three words.
    head = "<meta property='og:title' content='Noble Toy Company | Atlanta - Big Mag'>" + SITE
    assert _meta(head, STORY, URL).title == "Noble Toy Company | Atlanta"


# Blogger's classic templates title a post "Blog Name: Post title"; the blog's name may
# end in a stop or a mark ("Joe. My. God.", "Kalyn's Kitchen®"), the colon still parts it
# from the post's title. Its feeds name the blog ("Name - Atom", "Name - RSS").


def _blogger(name: str, post: str):
    feeds = "".join(
        f"<link rel='alternate' type='application/{kind}+xml' title=\"{name} - {label}\" href='https://blog.example/feeds/posts/default'>"
        for kind, label in (("atom", "Atom"), ("rss", "RSS"))
    )
    return _meta(f"<title>{name}: {post}</title>" + feeds, STORY, "https://blog.example/2012/11/post.html")


def test_a_blog_name_ending_in_a_stop_or_mark_is_cut_before_its_colon() -> None:
    post = "GOProud Suddenly Believes That The GOP Should Support Same-Sex Marriage"
    assert _blogger("Joe. My. God.", post).title == post
    post = "Slow Cooker Vegetarian Cannellini Bean and Kale Soup Recipe"
    assert _blogger("Kalyn's Kitchen®", post).title == post


def test_a_colon_after_a_mark_naming_no_site_stays() -> None:
    # A part before the colon that does not name the site is the headline's own.
    title = "Who pays?: the fight over the budget goes on"
    stated = "Joe. My. God.: GOProud Suddenly Believes That The GOP Should Support It"
    assert _meta(f"<title>{stated}</title>", STORY, "https://blog.example/p").title == stated
    assert _meta(f"<title>{title}</title>", STORY, "https://blog.example/p").title == title


# Review RV-M2 of the cut above: a part is cut only where it reads as a section's name.

PAPER_URL = "https://www.thepaper.example/news/story-123"
PAPER = "<meta property='og:site_name' content='The Paper'>"


def test_a_printed_h1_the_same_as_a_part_is_the_headline() -> None:
    # A short headline before a long section's name (finding 5): the <h1> tells them apart.
    head = "<meta property='og:title' content='Brexit explained | Politics and Government News | The Paper'>" + PAPER
    meta = _meta(head, "<article><h1>Brexit explained</h1></article>" + STORY, PAPER_URL)
    assert meta.title == "Brexit explained"


def test_a_printed_section_name_is_no_headline() -> None:
    # Guard for the rule above: a short part printed as a heading is the section's name,
    # the cut by length still holds.
    stated = "Using Robots To Help Children With Autism Learn | IdeaFeed | Big Mag"
    head = f"<meta property='og:title' content='{stated}'>" + SITE
    assert _meta(head, "<h1>IdeaFeed</h1>" + STORY, URL).title == "Using Robots To Help Children With Autism Learn"


def test_two_long_parts_keep_the_title_whole() -> None:
    # Neither part is a section's name: the bar is the headline's own (finding 5).
    head = "<meta property='og:title' content='Bridge vote passes tonight | What it means for commuters | The Paper'>" + PAPER
    assert _meta(head, STORY, PAPER_URL).title == "Bridge vote passes tonight | What it means for commuters"


def test_a_title_a_source_states_whole_is_not_cut() -> None:
    # JSON-LD states the headline as it is; og:title adds the site's name to the same words
    # (finding 6). The cut part of og:title must not cut JSON-LD's.
    stated = "Week 12 | Our picks for every game this weekend"
    head = (
        f"<meta property='og:title' content='{stated} | The Paper'>" + PAPER
        + '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "%s"}</script>' % stated
    )
    meta = _meta(head, STORY, PAPER_URL)
    assert (meta.title, meta.sources["title"]) == (stated, "json-ld")


def test_marks_alone_before_a_colon_are_no_sites_name() -> None:
    # A colon parts a name ending in a stop or mark only where the mark closes a word (finding 7).
    for stated in ("...: Bridge vote passes tonight again", "?!: Bridge vote passes tonight again", "®: Bridge vote passes tonight again"):
        head = f"<meta property='og:title' content='{stated}'>" + PAPER
        assert _meta(head, STORY, PAPER_URL).title == stated
