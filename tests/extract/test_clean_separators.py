"""A line that is only a separator mark or two ("|", "-", "•", ",", ">>") is what stood between
two items that went or stand on lines of their own: it leaves the text. Scene breaks stay."""
from __future__ import annotations

import pytest

from broadsheet import extract
from broadsheet.extract.clean import clean_blocks
from broadsheet.model import Block

def _after_story(line: str) -> list[str]:
    """The texts clean_blocks keeps of a story's first line and `line` after it."""
    return [b.text for b in clean_blocks([Block("paragraph", "First part of the story."), Block("paragraph", line)])]


def _story_page(title: str, tail: str, wrapper: str = "article") -> str:
    """A page of four paragraphs of story under `title`, then `tail` in the same container."""
    story = "".join(f"<p>Paragraph {i} of the story, which goes on for a while so that it reads as prose.</p>" for i in range(4))
    return (f"<html><head><title>{title}</title></head><body><{wrapper} class='entry'><h1>{title}</h1>"
            f"{story}{tail}</{wrapper}></body></html>")


PROSE = "The council met until late in the evening, and in the end a compromise was found for all sides. " * 3


@pytest.mark.parametrize("mark", ["|", "-", "–", "•", "·", "▪", ",", ".", ">>", "||", "»", "/"])
def test_a_block_of_a_lone_separator_goes(mark: str) -> None:
    blocks = [Block("paragraph", "First part of the story."), Block("paragraph", f" {mark} "),
              Block("list_item", mark, level=1), Block("paragraph", "Second part.")]
    assert [b.text for b in clean_blocks(blocks)] == ["First part of the story.", "Second part."]


@pytest.mark.parametrize("text", ["***", "* * *", "—————", "...", "🙂", "?", "A", "42", "§"])
def test_scene_breaks_and_short_words_stay(text: str) -> None:
    blocks = [Block("paragraph", "First part of the story."), Block("paragraph", text), Block("paragraph", "Second part.")]
    assert [b.text for b in clean_blocks(blocks)] == ["First part of the story.", text, "Second part."]


def test_a_separator_line_inside_a_block_goes_and_the_rest_is_judged_again() -> None:
    blocks = [
        Block("paragraph", "Mayor opens the new bridge\n|\nafter three years of work on it."),
        Block("paragraph", "Posted in: Fantasy\n|"),  # a taxonomy line once its separator is gone
        Block("paragraph", "Closing words of the story."),
    ]
    assert [b.text for b in clean_blocks(blocks)] == [
        "Mayor opens the new bridge\nafter three years of work on it.",
        "Closing words of the story.",
    ]


def test_extract_leaves_out_the_separator_between_a_date_and_a_category() -> None:
    html = (
        "<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
        f"<p>{PROSE}</p><div>Read in 3 minutes<br>|<br>Updated today</div><p>|</p><p>{PROSE}</p></article></body></html>"
    )
    text = extract(html, "https://news.example/bridge-opens").text
    assert all(line.strip() not in ("|", "") for line in text.split("\n\n"))
    assert "\n|\n" not in text and not text.startswith("|")


@pytest.mark.parametrize(
    "block",
    [
        "TrackBack URL for this entry:\nhttp://www.typepad.com/services/trackback/6a00d83451b31569e20153938cc353970b",
        "Be Sociable, Share!",
        "Be sociable share",
    ],
)
def test_blog_platform_trackback_and_share_headings_go(block: str) -> None:
    # TypePad/Movable Type print the trackback address on the line below its label; the
    # WordPress "Sociable" plugin heads its share buttons so (3 blogs of dragnet-train).
    blocks = [Block("paragraph", "First part of the story."), Block("paragraph", block), Block("paragraph", "Second part.")]
    assert [b.text for b in clean_blocks(blocks)] == ["First part of the story.", "Second part."]


@pytest.mark.parametrize("heading", ["About the Author", "About the writer", "Über den Autor", "À propos de l'auteur", "Sobre el autor"])
def test_an_author_box_at_the_foot_of_the_story_goes(heading: str) -> None:
    # Author boxes (WordPress's author-box plugins, news sites' "About the writer") print
    # the writer's biography under every story of theirs: boilerplate of the site.
    html = _story_page("Storm hits coast", f"<h3>{heading}</h3><p>Jane Doe is a reporter based in London who has covered weather for ten years.</p>")
    text = extract(html, "https://news.example/storm").text
    assert "Paragraph 3 of the story" in text and "Jane Doe is a reporter" not in text and heading not in text


def test_a_story_about_an_author_keeps_its_subheads() -> None:
    html = (
        "<html><head><title>A novelist's life</title></head><body><article><h1>A novelist's life</h1>"
        "<p>The novelist was born in 1950 and wrote her first book at twenty, in a small flat in Leeds.</p>"
        "<h3>About the author's first book</h3><p>It sold few copies at first, but readers found it slowly over the years.</p>"
        "</article></body></html>"
    )
    assert "It sold few copies" in extract(html, "https://news.example/novelist").text


@pytest.mark.parametrize("heading", ["TrackBack", "Trackbacks", "Trackbacks/Pingbacks", "Pingbacks"])
def test_a_trackback_heading_ends_the_story_like_comments(heading: str) -> None:
    # Movable Type's and TypePad's "TrackBack" section and WordPress's "Trackbacks/Pingbacks"
    # list the posts that link here, each with its excerpt (3 blogs of dragnet-train).
    html = _story_page(
        "My favorite graphs",
        f"<h2>{heading}</h2><p>TrackBack URL for this entry:<br>http://www.typepad.com/services/trackback/6a00d8</p>"
        "<p>Listed below are links to weblogs that reference <a href='/p'>My favorite graphs</a>:</p>"
        "<p>&raquo; <a href='http://other.example/1'>The bad guys won</a> from Fiat Lux<br>Sadly, she has decided to "
        "shutter the blog and do more thinking about when or if she will return to blogging.</p>"
        "<p>Tracked on Apr 6, 2007 3:09:50 PM</p>",
        wrapper="div",
    )
    text = extract(html, "https://blog.example/2007/04/graphs").text
    assert "Paragraph 3 of the story" in text
    assert "Listed below" not in text and "Sadly, she" not in text and "Tracked on" not in text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Listed below are links to weblogs that reference Yesterday's over:", True),
        ("Tracked on Apr 6, 2007 3:09:50 PM", True),
        ("Tracked on radar, the storm moved north overnight.", False),
    ],
)
def test_trackback_lines(line: str, gone: bool) -> None:
    assert (_after_story(line) == ["First part of the story."]) == gone


@pytest.mark.parametrize(
    "line", ["Rate This Post", "(1 votes, average: 5.00 out of 5)", "(No Ratings Yet)", "2 votes, average: 2.50 out of 5"]
)
def test_a_rating_plugins_stars_go(line: str) -> None:
    # WP-PostRatings' default texts, printed under the posts of the blogs that run it.
    assert _after_story(line) == ["First part of the story."]


@pytest.mark.parametrize("line", ["Rate this post's arguments by how well they hold up over the years.", "The 2 votes that decided it."])
def test_sentences_about_ratings_and_votes_stay(line: str) -> None:
    assert _after_story(line) == ["First part of the story.", line]


@pytest.mark.parametrize(
    "line", ["Pin It", "Print This", "Print this article", "Artikel teilen", "Drucken", "Partager", "Partager sur Facebook",
             "Compartir", "Imprimir", "Condividi", "Delen"],
)
def test_share_and_print_button_labels_go_in_the_languages_of_the_web(line: str) -> None:
    assert _after_story(line) == ["First part of the story."]


@pytest.mark.parametrize("line", ["Print this out and keep it on the fridge for the winter.", "Teilen ist das neue Haben, sagt sie."])
def test_sentences_with_those_words_stay(line: str) -> None:
    assert _after_story(line) == ["First part of the story.", line]
