"""A story cut into pieces by what its container also holds: recall rules, each on a made-up page."""
from broadsheet import extract
from broadsheet.extract.body import choose_root, fragments, score
from broadsheet.extract.dom import build_light_tree, parse

STORY = [
    "The harbour board voted on Tuesday to close the old ferry pier after engineers found its piles rotten.",
    "Commuters who cross the bay each morning will be moved to a temporary landing at the fish market.",
    "The board chair said the decision was painful but that safety had to come before convenience here.",
    "Repairs are expected to take eighteen months and to cost more than the board had set aside this year.",
    "Local shop owners near the pier fear the closure will cut the number of visitors during the summer.",
    "A public meeting on the plans will be held at the town hall next Thursday evening for all residents.",
]
CAPTION = "A wide view of the harbour at dawn with fishing boats moored along the stone wall and gulls overhead. "
COMMENT = "I have taken this ferry for twenty years and I think the board is making a terrible mistake here. "


def _page(inside: str, after_story: str = "") -> str:
    """A page whose story container also holds `inside` (after the third paragraph)."""
    paras = [f"<p>{s}</p>" for s in STORY]
    body = "".join(paras[:3]) + inside + "".join(paras[3:]) + after_story
    return (
        "<html><head><title>Ferry pier to close</title></head><body>"
        "<h1>Ferry pier to close</h1>"
        f"<div class='article-text'>{body}</div>"
        f"<div id='comments' class='comments'>{''.join(f'<p>{COMMENT}</p>' for _ in range(8))}</div>"
        "</body></html>"
    )


def _slideshow(slides: int = 8) -> str:
    """A slideshow in a promotion box (boilerplate by name) whose captions are prose."""
    items = "".join(f"<li><p>{CAPTION * 2}</p></li>" for _ in range(slides))
    return f"<div class='promo-holder'><ul class='slideshow'>{items}</ul></div>"


def test_story_around_a_large_slideshow_is_whole() -> None:
    """The slideshow's captions outweigh the story inside its container, so one paragraph
    would win alone: its sibling paragraphs are the rest of the story."""
    text = extract(_page(_slideshow())).text
    for sentence in STORY:
        assert sentence in text
    assert "fishing boats" not in text and "terrible mistake" not in text


def test_subheads_between_pieces_are_kept_and_related_heading_ends_the_story() -> None:
    inside = _slideshow(12) + "<h3>What happens next</h3>"
    after = "<h3>Related stories</h3><p>Another story about the harbour, in a different article.</p>"
    text = extract(_page(inside, after)).text
    assert "What happens next" in text
    assert all(sentence in text for sentence in STORY)
    assert "different article" not in text and "fishing boats" not in text


def test_a_container_that_wins_stands_alone() -> None:
    """Only a paragraph that wins takes its siblings: a winning container is the body."""
    html = (
        "<body><div class='story'>" + "".join(f"<p>{s}</p>" for s in STORY) + "</div>"
        "<div class='bio'><p>" + "The author has written about the coast for the paper for many years now. " * 2 + "</p></div></body>"
    )
    nodes = build_light_tree(parse(html).body)
    score(nodes)
    root = choose_root(nodes)
    assert root is not None and root.tag == "div"
    assert fragments(root) == [root]


INGREDIENTS = (
    "<ul><li>2 cups of flour</li><li>1 1/2 tsp <a href='/spice'>pumpkin pie spice</a></li>"
    "<li>2 eggs, beaten</li><li>1 cup of sugar</li><li><a href='/shop'>Buy our baking tray</a></li></ul>"
)


def test_list_item_with_a_linked_word_in_a_prose_list_is_kept() -> None:
    """An ingredient that links its spice is part of the recipe; an item that is all link
    (a shop link) and a list of links are still left out."""
    html = (
        "<body><article>" + "".join(f"<p>{s}</p>" for s in STORY[:3]) + INGREDIENTS
        + "<ul><li><a href='/a'>More harbour news</a></li><li><a href='/b'>Ferry timetable changes</a></li></ul>"
        + "".join(f"<p>{s}</p>" for s in STORY[3:]) + "</article></body>"
    )
    text = extract(html).text
    assert "pumpkin pie spice" in text and "2 eggs" in text
    assert "Buy our baking tray" not in text
    assert "More harbour news" not in text
