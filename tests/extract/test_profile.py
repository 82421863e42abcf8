"""Site profiles: what a site repeats is learned from its pages and left out of the body."""
import pytest

from broadsheet import extract
from broadsheet.extract import extract_and_learn
from broadsheet.extract.profile import (
    BUCKET,
    SHARE,
    PageBlocks,
    SiteProfile,
    Template,
    description_fingerprint,
    host_of,
    site_key,
    _threshold,
    text_fingerprint,
)

SIDEBAR = (
    "<div class='about'><h3>About this blog</h3><p>I write about gardens, soil and the weather "
    "here every week, and I have done so since the spring of two thousand and nine.</p>"
    "<p>Before that I kept an allotment for twenty years, which is where most of my stories "
    "come from, and where I still spend most of my weekends with a spade.</p></div>"
)
NEWSLETTER = "<div class='box'><p>Our spring catalogue of seeds and bulbs is out: thirty pages of them.</p></div>"
SLOGAN = "<p>Grow what you eat, eat what you grow, and share the rest with your neighbours.</p>"


def story(n: int, *, body: str | None = None, extra: str = "", sidebar: str = SIDEBAR) -> str:
    """Page n of a small site: a repeated sidebar and newsletter box, its own story."""
    own = body if body is not None else (
        f"<p>Story {n} opens with its own first paragraph, which is long enough to be prose for sure.</p>"
        f"<p>Story {n} then goes on with a second paragraph of its own, also long enough to count.</p>"
        f"{extra}"
        f"<p>Story {n} ends with a third paragraph that no other page of this site has in it.</p>"
    )
    return (
        f"<html><head><title>Story {n}</title></head><body><div id='page'>"
        f"<div class='main'><h1>Story {n}</h1><div class='entry'>{own}</div>{NEWSLETTER}</div>"
        f"<div class='side'>{sidebar}</div></div></body></html>"
    )


def learned(pages: list[str]) -> SiteProfile:
    profile = SiteProfile("garden.example")
    for html in pages:
        profile.learn(extract_and_learn(html, "https://garden.example/x")[1])
    return profile


def test_without_a_profile_extraction_is_unchanged() -> None:
    html = story(1)
    plain = extract(html, "https://garden.example/1")
    assert extract(html, "https://garden.example/1", profile=None).to_dict() == plain.to_dict()
    assert extract(html, "https://garden.example/1", profile=Template()).to_dict() == plain.to_dict()
    article, blocks = extract_and_learn(html, "https://garden.example/1")
    assert article.to_dict() == plain.to_dict()
    assert blocks.texts and blocks.slot


def test_repeated_boxes_are_left_out_with_a_profile() -> None:
    profile = learned([story(n) for n in range(1, 6)])
    page = story(9)
    assert "catalogue" in extract(page, "https://garden.example/9").text
    text = extract(page, "https://garden.example/9", profile=profile).text
    assert "catalogue" not in text
    assert text.count("Story 9") == 3


def test_a_repeated_sidebar_does_not_win_the_body() -> None:
    """A short post on a site with a long "about me" box: alone, the box has more prose."""
    links = "".join(f"<li><a href='/tag/{i}'>Tagged with plant number {i}</a></li>" for i in range(12))
    short = f"<p>A photo of the new greenhouse, finished at last.</p><ul class='tags'>{links}</ul>"
    pages = [story(n) for n in range(1, 6)]
    profile = learned(pages)
    alone = extract(story(9, body=short), "https://garden.example/9").text
    assert "gardens, soil and the weather" in alone and "greenhouse" not in alone
    text = extract(story(9, body=short), "https://garden.example/9", profile=profile).text
    assert "greenhouse" in text and "gardens, soil and the weather" not in text


def test_a_slogan_repeated_inside_stories_stays() -> None:
    pages = [story(n, extra=SLOGAN) for n in range(1, 8)]
    profile = learned(pages)
    assert profile.template().texts  # the slogan is on every page: the site repeats it
    text = extract(story(9, extra=SLOGAN), "https://garden.example/9", profile=profile).text
    assert "Grow what you eat" in text
    assert "catalogue" not in text


def test_a_standard_line_closing_the_stories_stays() -> None:
    """A line the editors end every story with, among its paragraphs, is the story's; the
    newsletter box the template adds after the story is not."""
    closing = "<p>Send your own garden questions to the editors, and we answer one every week.</p>"
    pages = [story(n, body=story(n).split("<div class='entry'>")[1].split("</div>")[0] + closing) for n in range(1, 8)]
    profile = learned(pages)
    assert text_fingerprint("Send your own garden questions to the editors, and we answer one every week.") in (
        profile.template().texts
    )
    page = story(9, body=pages[0].split("<div class='entry'>")[1].split("</div>")[0].replace("Story 1", "Story 9"))
    text = extract(page, "https://garden.example/9", profile=profile).text
    assert text.endswith("we answer one every week.")
    assert "catalogue" not in text and "Story 9 ends" in text


def test_a_block_repeated_on_few_pages_is_not_boilerplate() -> None:
    pages = [story(n, extra=SLOGAN if n in (2, 5) else "") for n in range(1, 11)]
    profile = learned(pages)
    assert text_fingerprint("Grow what you eat, eat what you grow, and share the rest with your neighbours.") not in (
        profile.template().texts
    )
    # two pages are not enough, whatever the share
    two = learned(pages[:2])
    assert not two.template().texts


def test_a_headline_listed_on_other_pages_is_kept() -> None:
    """Other pages list this story's headline as a link ("recent posts"): another kind of
    block than the page's own heading."""
    recent = "<ul class='recent'><li><a href='/9'>The greenhouse is finished at last</a></li></ul>"
    pages = [story(n, sidebar=SIDEBAR + recent) for n in range(1, 6)]
    profile = learned(pages)
    own = (
        "<h2>The greenhouse is finished at last</h2>"
        "<p>It took the whole summer, many weekends and more glass than we ever thought we would need.</p>"
        "<p>Now the tomatoes have a home of their own, and the cucumbers are already climbing up.</p>"
    )
    text = extract(story(9, body=own), "https://garden.example/9", profile=profile).text
    assert "The greenhouse is finished at last" in text


def test_a_profile_never_empties_a_page() -> None:
    """Copies of one page: every block repeats, so the profile is not for this page."""
    page = story(1)
    profile = learned([page] * 6)
    assert extract(page, "https://garden.example/1", profile=profile).text == extract(page).text


def test_learning_incrementally_equals_learning_at_once() -> None:
    pages = [extract_and_learn(story(n, extra=SLOGAN if n % 3 else ""))[1] for n in range(1, 2 * BUCKET + 6)]
    at_once = SiteProfile.learned(pages, host="garden.example")
    step = SiteProfile("garden.example")
    for blocks in pages:
        step = SiteProfile.from_bytes(step.learn(blocks).to_bytes())
    assert step == at_once
    assert step.template() == at_once.template()
    # ... and the order does not matter while no bucket has ended
    few = pages[: BUCKET - 1]
    assert SiteProfile.learned(few) == SiteProfile.learned(list(reversed(few)))


def test_memory_stays_bounded() -> None:
    profile = SiteProfile()
    for n in range(50 * BUCKET):
        profile.learn(PageBlocks(frozenset({1 << 40 | n, 2 << 40 | n, 7}), slot=3))
    assert len(profile.texts) <= 2 * BUCKET + 1
    assert profile.texts[7][0] == 50 * BUCKET and 7 in profile.template().texts


def test_without_forgets_one_page() -> None:
    pages = [extract_and_learn(story(n))[1] for n in range(1, 6)]
    assert SiteProfile.learned(pages).without(pages[0]) == SiteProfile.learned(pages[1:])


def test_without_never_counts_the_page_left_out() -> None:
    """Past BUCKET pages `without` is approximate; it must err low, never high: a
    leave-one-out measurement whose profile still counted the page would flatter itself."""
    import random

    rng = random.Random(11)
    for _ in range(30):
        pages = [
            PageBlocks(frozenset(rng.sample(range(1, 12), rng.randint(0, 6))), slot=rng.randint(0, 3))
            for _ in range(rng.randint(BUCKET, 4 * BUCKET))
        ]
        profile = SiteProfile.learned(pages)
        for left in rng.sample(range(len(pages)), 5):
            rest = pages[:left] + pages[left + 1:]
            loo = profile.without(pages[left])
            assert loo.pages == len(rest)
            for table, counted in ((loo.texts, [p.texts for p in rest]), (loo.slots, [{p.slot} for p in rest])):
                for key, (count, _delta) in table.items():
                    assert count <= sum(key in keys for keys in counted)
            need = _threshold(len(rest), SHARE)
            assert loo.template().texts <= {k for k in range(1, 12) if sum(k in p.texts for p in rest) >= need}


def test_serialised_profiles_and_garbage() -> None:
    profile = learned([story(n) for n in range(1, 4)])
    assert SiteProfile.from_bytes(profile.to_bytes()) == profile
    with pytest.raises(ValueError):
        SiteProfile.from_bytes(b"not a profile")
    with pytest.raises(TypeError):
        extract(story(1), profile="garden.example")  # type: ignore[arg-type]


def test_site_key() -> None:
    assert host_of("https://WWW.Example.com:8080/a?b") == "example.com"
    assert site_key("https://news.example/a", b"") == "news.example"
    canonical = b"<html><head><link href='https://www.news.example/story/1' rel='canonical'></head></html>"
    assert site_key(None, canonical) == "news.example"
    og = b'<meta property="og:url" content="https://blog.example/p/2">'
    assert site_key(None, og) == "blog.example"
    links = b"".join(b"<a href='https://own.example/%d'>x</a>" % i for i in range(5)) + b"<a href='https://other.example/'>"
    assert site_key(None, links) == "own.example"
    assert site_key(None, b"<p>no links</p>") is None



def post(n: int, own: str) -> str:
    """Page n of a site whose posts sit in an article box beside a sidebar and a menu."""
    menu = "".join(f"<li><a href='/section/{i}'>Everything in section number {i} of this site</a></li>" for i in range(20))
    return (
        f"<html><head><title>Post {n}</title></head><body><div id='page'><div class='main'>"
        f"<article class='post'><h1>Post {n}</h1>{own}</article>{NEWSLETTER}</div>"
        f"<div class='side'>{SIDEBAR}</div><ul>{menu}</ul></div></body></html>"
    )


def test_a_photo_post_without_prose_of_its_own_is_found_at_the_slot() -> None:
    """All the page's prose is the site's (its sidebar, its newsletter box): the post is a
    photo with a heading and a credit line, found where the site's articles live."""
    own = "".join(
        f"<p>Paragraph {i} of this post tells its own part of the story, at length, in words no other post uses.</p>"
        for i in range(6)
    )
    profile = learned([post(n, own.replace("this post", f"post {n}")) for n in range(1, 6)])
    assert profile.template().slots
    page = post(9, "<img src='/g.jpg'><p>At dusk. Photo: Ann Lee.</p>")
    assert "gardens, soil and the weather" in extract(page, "https://garden.example/9").text
    text = extract(page, "https://garden.example/9", profile=profile).text
    assert "At dusk. Photo: Ann Lee." in text
    assert "gardens, soil and the weather" not in text and "catalogue" not in text
    # nothing of its own at the slot but its headline: extracted as alone
    copy = post(1, "<p>Our spring catalogue of seeds and bulbs is out: thirty pages of them.</p>")
    assert extract(copy, "https://garden.example/1", profile=profile).text == extract(copy).text


def _papers(n: int) -> str:
    """A list of links unique to page n (the papers its story is about)."""
    return "<ul>" + "".join(
        f"<li><a href='/papers/{n}-{i}'>Paper {n}.{i} on soil acidity and crop rotation</a></li>" for i in range(4)
    ) + "</ul>"


def test_a_link_list_of_its_own_between_the_paragraphs_stays() -> None:
    """Alone, a list of links is left out as a link list; with a profile, one that the site
    does not repeat and that stands between the story's paragraphs is the story's."""
    profile = learned([story(n, extra=_papers(n)) for n in range(1, 6)])
    page = story(9, extra=_papers(9))
    assert "Paper 9.0" not in extract(page, "https://garden.example/9").text
    text = extract(page, "https://garden.example/9", profile=profile).text
    assert "Paper 9.0 on soil acidity" in text and "Paper 9.3" in text
    assert text.index("Story 9 then goes on") < text.index("Paper 9.0") < text.index("Story 9 ends")
    assert "catalogue" not in text


def test_link_lists_the_site_repeats_or_closing_the_story_stay_out() -> None:
    """A link list the site has on every page (even between paragraphs), and one of the
    page's own after its last paragraph (tags, post navigation, related links), stay out."""
    shop = "<ul>" + "".join(f"<li><a href='/shop/{i}'>Our seed shop, aisle number {i} of them</a></li>" for i in range(4)) + "</ul>"
    profile = learned([story(n, extra=shop) for n in range(1, 6)])
    text = extract(story(9, extra=shop), "https://garden.example/9", profile=profile).text
    assert "seed shop" not in text and "Story 9 ends" in text
    text = extract(story(9, extra=shop), "https://garden.example/9", profile=learned([story(1)] * 5)).text
    assert "Our seed shop, aisle number 0" in text  # where the site does not repeat it, it is the page's
    closing = story(9).replace("</div><div class='box'>", _papers(9) + "</div><div class='box'>")
    assert _papers(9) in closing
    text = extract(closing, "https://garden.example/9", profile=profile).text
    assert "Paper 9.0" not in text and "Story 9 ends" in text


@pytest.mark.timeout(60)
def test_thousands_of_link_paragraphs_between_prose_are_judged_in_linear_time() -> None:
    """Whether a link list stands between the page's own prose is read once per parent:
    16,000 one-link paragraphs between two runs of prose took 33 s (review R4)."""
    import time

    profile = learned([story(k) for k in range(1, 6)])
    prose = "".join(
        f"<p>Paragraph {i} of the story tells its readers a good deal more about the soil and the weather.</p>"
        for i in range(40)
    )
    links = "".join(f"<p><a href='/item/{i}'>x</a></p>" for i in range(16_000))
    start = time.process_time()
    article = extract(story(9, body=prose + links + prose), "https://garden.example/9", profile=profile)
    assert time.process_time() - start < 5
    assert "Paragraph 39" in article.text


def _described(n: int, description: str) -> str:
    return story(n).replace("</title>", f"</title><meta name='description' content='{description}'>", 1)


TAGLINE = "Notes from a kitchen garden: soil, seeds and the weather, every week since 2009."


def test_a_description_the_site_states_on_every_page_is_none_of_the_page() -> None:
    # A blog's or a section's tagline as every page's <meta name=description> describes
    # none of them (28 dev pages of 6 sites with 3+ pages carry one).
    profile = SiteProfile("garden.example")
    for n in range(6):
        article, learned = extract_and_learn(_described(n, TAGLINE), f"https://garden.example/{n}")
        assert article.description == TAGLINE  # no profile yet: the page alone cannot tell
        profile.learn(learned)
    article = extract(_described(7, TAGLINE), "https://garden.example/7", profile=profile)
    assert article.description is None and "description" not in article.sources
    own = "How to sow broad beans in November, and why the mice will find them anyway."
    article = extract(_described(8, own), "https://garden.example/8", profile=profile)
    assert article.description == own and article.sources["description"] == "meta"
    # A page learned with its tagline dropped still counts it: the profile keeps holding it.
    _, learned = extract_and_learn(_described(9, TAGLINE), "https://garden.example/9", profile=profile)
    assert description_fingerprint(TAGLINE) in learned.texts
