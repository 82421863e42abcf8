"""Review RV3 (292cbc5 mojibake, 233f899 trackbacks, 138064a RV2's mends): each case fails on 138064a."""
from __future__ import annotations

import json

import pytest

from broadsheet import extract
from broadsheet.extract.clean import _all_lines_metadata
from broadsheet.extract.meta.text import absolute_url
from broadsheet.extract.mojibake import repair_mojibake

PROSE = "The council met until late in the evening, and in the end a compromise was found for all sides. "


@pytest.mark.parametrize(
    "text",
    [
        "A campanha “AMANHÃ” foi lançada ontem.",  # Portuguese: Ã” is no Ô
        "Hann sagði „VIÐ“ og fór.",  # Icelandic: Ð“ is no Г
        "Ủy ban nhân dân “XÃ” Tân Phú công bố.",  # Vietnamese
        "Wzór: 2×‘x’ oraz “Ø” w Danii",  # × before a quote is no Hebrew letter
    ],
)
def test_real_text_with_a_letter_before_a_quote_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_a_code_block_keeps_its_mojibake_as_written() -> None:
    code = 'BAD = {"â€™": "’", "Ã©": "é"}'
    html = (
        "<html><head><title>Fixing mojibake</title></head><body><article><h1>Fixing mojibake</h1>"
        f"<p>{PROSE * 3}</p><pre><code>{code}</code></pre><p>{PROSE * 2}</p></article></body></html>"
    )
    block = next(b for b in extract(html, "https://dev.example/mojibake").blocks if b.kind == "code")
    assert block.text == code


def test_a_repaired_section_and_tags_are_still_shown_on_a_page_that_prints_mojibake() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "La rÃ©forme adoptÃ©e",
          "articleSection": "Ã‰conomie", "keywords": "rÃ©forme, retraites, AssemblÃ©e"}
    html = (
        "<html lang='fr'><head><title>La rÃ©forme adoptÃ©e</title>"
        f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script></head><body>"
        "<nav class='breadcrumb'><a href='/'>Accueil</a> › <a href='/economie/'>Ã‰conomie</a></nav>"
        f"<article><h1>La rÃ©forme adoptÃ©e</h1><p>{PROSE * 4}</p>"
        "<ul class='x'><li>rÃ©forme</li><li>retraites</li><li>AssemblÃ©e</li></ul></article></body></html>"
    )
    article = extract(html, "https://journal.example/economie/reforme")
    assert article.title == "La réforme adoptée"
    assert article.section == "Économie"  # (before: None, "Économie" is not in the page's text)
    assert article.tags == ["réforme", "retraites", "Assemblée"]  # (before: [])


@pytest.mark.parametrize("heading", ["Trackback spam", "Pingbacks and spam", "Trackbacks in 2003"])
def test_a_story_subhead_opening_with_trackback_ends_nothing(heading: str) -> None:
    story = "".join(f"<p>Paragraph {i} of the story about the early blogosphere, long enough to be prose.</p>" for i in range(4))
    after = "".join(f"<p>Later paragraph {i} explains how the spam filters came to be, at some length.</p>" for i in range(3))
    html = f"<html><head><title>How blogs talk</title></head><body><article><h1>How blogs talk</h1>{story}<h2>{heading}</h2>{after}</article></body></html>"
    assert "Later paragraph 2" in extract(html, "https://mag.example/2019/blogs").text


@pytest.mark.parametrize(
    "line", ["Tracked on Aug. 28, 2005, Katrina became a Category 5.", "Tracked on June 3, 2021 by a satellite tag."]
)
def test_a_story_line_opening_with_tracked_on_a_date_stays(line: str) -> None:
    html = f"<html><body><article><h1>Storms</h1><p>{PROSE * 3}</p><p>{line}</p><p>{PROSE}</p></article></body></html>"
    assert line in extract(html, "https://news.example/storms").text


@pytest.mark.parametrize(
    "block",
    ["By Émile Dupont\nBy Ángel Pérez", "Von Özlem Türeci\nVon Uğur Şahin", "By Ludwig van Beethoven\nBy Vincent van Gogh"],
)
def test_co_author_bylines_with_any_capitals_or_particles_are_post_details(block: str) -> None:
    assert _all_lines_metadata(block)


def test_a_cjk_tag_page_of_captions_opening_with_their_headline_link_is_no_story() -> None:
    card = (
        "<div class='item'><div class='caption'><a href='/s/{i}'>市内の火災で住宅三棟が全焼、けが人なし{i}</a> "
        "消防によると、火は午後二時ごろ木造二階建ての住宅から出て、隣接する二棟に燃え広がったという。近所の住民が通報した。</div></div>"
    )
    html = (
        "<html><head><title>火災 | 例ニュース</title></head><body><nav><a href='/'>ホーム</a></nav>"
        f"<main><h1>火災</h1>{''.join(card.format(i=i) for i in range(6))}</main></body></html>"
    )
    assert extract(html, "https://news.example/tag/fires").text == ""


def test_a_url_keeps_its_characters_as_written() -> None:
    # the site links the path as its bytes are: "été" is another file
    assert absolute_url("https://x.example/Ã©tÃ©-2020", None) == "https://x.example/Ã©tÃ©-2020"
