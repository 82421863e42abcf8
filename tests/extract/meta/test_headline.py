"""Choosing the headline among stated titles and <h1>s."""
from __future__ import annotations

from broadsheet.extract.meta.headline import pick_title, related, shorten_title


def _never_site(_: str) -> bool:
    return False


def test_related_titles() -> None:
    assert related("Alkohol auf dem Boot", "Alkohol auf dem Boot – Erfahre mehr zu den Risiken")
    assert related("Eignet sich eine Wärmepumpe im Altbau?", "Wärmepumpe im Altbau - Wann es sich lohnt")
    assert not related("Literatur", "30.11. | Buch der Woche - Nikole Hannah-Jones")


def test_h1_wins_over_a_dressed_stated_title() -> None:
    stated = [("Receita de Sequilho com Chocolate Amargo", "opengraph"), ("Receita de Sequilho com Chocolate Amargo", "html")]
    assert pick_title(stated, ["Menu", "Sequilho com Chocolate Amargo"], _never_site) == ("Sequilho com Chocolate Amargo", "dom")


def test_stated_title_wins_over_an_h1_with_a_kicker_or_subtitle() -> None:
    stated = [("Why collaborative thinking beats individual smarts", "opengraph")]
    assert pick_title(stated, ["Open Progress Why collaborative thinking beats individual smarts"], _never_site)[1] == "opengraph"
    stated = [("Vom Boden aus gedacht", "opengraph")]
    assert pick_title(stated, ["Vom Boden aus gedacht - Ann Cotten verwebt Geschichten"], _never_site)[0] == "Vom Boden aus gedacht"


def test_a_stated_label_before_the_h1_is_not_the_headline() -> None:
    # "Label: <h1>" in og:title is dressing for sharing; the <h1> is what readers see.
    stated = [("Harbour pilots: past, present and future of the trade", "opengraph")]
    title, source = pick_title(stated, ["Past, present and future of the trade"], _never_site)
    assert (title, source) == ("Past, present and future of the trade", "dom")


def test_a_title_tag_led_by_the_blog_name_is_no_labelled_headline() -> None:
    # "Blog name: Post title" is how blog platforms write <title>: the <h1> is the headline.
    stated = [("Meta-Programming In Emacs", "opengraph"), ("EMACSPEAK The Audio Desktop: Meta-Programming In Emacs", "html")]
    assert pick_title(stated, ["Meta-Programming In Emacs"], _never_site) == ("Meta-Programming In Emacs", "dom")


def test_stated_titles_vote_and_precedence_breaks_ties() -> None:
    stated = [("A different wording entirely", "json-ld"), ("The agreed headline here", "opengraph"), ("The agreed headline here", "twitter")]
    assert pick_title(stated, [], _never_site) == ("The agreed headline here", "opengraph")
    assert pick_title([("One", "json-ld"), ("Two", "opengraph")], [], _never_site) == ("One", "json-ld")


def test_site_name_h1_falls_back_to_the_title_tag() -> None:
    stated = [("Was ist Virales Marketing?", "html")]
    assert pick_title(stated, ["DimidoBlog"], lambda t: t == "DimidoBlog") == ("Was ist Virales Marketing?", "html")
    assert pick_title([], [], _never_site) == (None, None)


def test_with_only_the_title_tag_an_h1_must_open_it_or_give_way() -> None:
    # The <h1> that opens the <title> is the headline; the rest is the site's tagline.
    stated = [("Ben Wilson Surf - Point of Sail - Segelmacher, Surf und Kite", "html")]
    assert pick_title(stated, ["Menu", "Ben Wilson Surf"], _never_site) == ("Ben Wilson Surf", "dom")
    # An <h1> unrelated to the <title> names a section or the logo: the <title> is the headline.
    stated = [("Babies Who Eat Peanuts Early May Avoid Allergy", "html")]
    assert pick_title(stated, ["Allergies Health Center"], _never_site) == (stated[0][0], "html")
    # A <title> that only names the site gives way to the <h1>.
    assert pick_title([("Daily Example", "html")], ["Storm hits the coast"], lambda t: t == "Daily Example") == (
        "Storm hits the coast",
        "dom",
    )


def test_a_title_tag_of_several_parts_is_cut_to_its_headline() -> None:
    # readability-lxml's convention: the first part of four words or more, else the last.
    stated = [("kein App Store mehr über Mobile Daten mit iOS 13 ? | iPhone | Forum", "html")]
    assert pick_title(stated, [], _never_site) == ("kein App Store mehr über Mobile Daten mit iOS 13 ?", "html")
    stated = [("Forum | Cycling | Why the new lanes are late", "html")]
    assert pick_title(stated, [], _never_site)[0] == "Why the new lanes are late"


def test_a_title_tag_with_no_long_part_is_kept_whole() -> None:
    assert shorten_title("Ausbildung - Feuerwehr Oldenburg") == "Ausbildung - Feuerwehr Oldenburg"
    assert shorten_title("Short one here now | Site") == "Short one here now"
    assert shorten_title("Tiny bit of it | Site Name") == "Tiny bit of it | Site Name"  # 14 characters: too short a cut


def test_title_words_and_opens_title_are_public() -> None:
    # collect.py reads whether a heading is the <title>'s part before its separator.
    from broadsheet.extract.meta.headline import opens_title, title_words

    assert title_words("The  Héadline, Part 2!") == ("the", "héadline", "part", "2")
    assert opens_title("The headline", "The Headline | Site Name")
    assert not opens_title("Site Name", "The Headline | Site Name")
    assert not opens_title("", "The Headline | Site Name")
