import time

import pytest

from broadsheet import extract
from selectolax.lexbor import LexborNode

from broadsheet.extract.bounds import RENAMED_FORMATTING
from broadsheet.extract.dom import (
    _OUTERMOST,
    COLLAPSED_ATTR,
    MAX_DEPTH,
    SKIP_TAGS,
    VOID_TAGS,
    Node,
    _found_around,
    build_light_tree,
    collapse_boilerplate,
    flatten_deep_nesting,
    parse,
)
from broadsheet.extract.meta import read_metadata
from broadsheet.extract.meta.page import PageText, body_text


def test_flatten_keeps_text_and_bounds_depth() -> None:
    html = "<div>" * (MAX_DEPTH * 4) + "core" + "</div>" * (MAX_DEPTH * 4)
    flat = flatten_deep_nesting(html)
    assert "core" in flat
    assert flat.count("<div>") == MAX_DEPTH


def test_shallow_pages_are_untouched() -> None:
    html = "<html><body>" + "<p>x</p>" * 10_000 + "</body></html>"
    assert flatten_deep_nesting(html) is html


def test_light_tree_leaves_out_scripts_hidden_and_comments() -> None:
    tree = parse(
        "<body><script>var x</script><div hidden>h</div><p style='display: none'>n</p>"
        "<!-- c --><p>kept</p><svg><text>s</text></svg></body>"
    )
    nodes = build_light_tree(tree.body)
    assert [n.tag for n in nodes] == ["body", "p"]
    assert nodes[0].text() == "kept"


@pytest.mark.parametrize("value", ["x", "9" * 5001, "-40000", ""])
def test_a_page_cannot_set_the_collapsed_length_itself(value: str) -> None:
    """The attribute that carries a collapsed element's length to the light tree is the
    extractor's own: a page's `data-broadsheet-collapsed` is an attribute like any other."""
    story = "<p>" + "The council met on Tuesday and voted to keep the library open. " * 6 + "</p>"
    page = f'<html><body><article><div data-broadsheet-collapsed="{value}">{story}</div></article></body></html>'
    article = extract(page)
    assert "voted to keep the library open" in article.text


def _collapsed(page: str, page_text: str | None) -> list[tuple[str, int]]:
    """(tag, collapsed length) of the light tree's collapsed nodes after `collapse_boilerplate`."""
    tree = parse(page)
    collapse_boilerplate(tree, None, page_text)
    return [(n.tag, n.collapsed) for n in build_light_tree(tree.body) if n.collapsed]


def _page_text(page: str) -> str:
    """The body's text as the metadata readers read it (`Metadata.page_text`)."""
    tree = parse(page)
    return PageText(lambda: body_text(tree)).text


@pytest.mark.parametrize("story_words", [0, 5, 40, 400])
@pytest.mark.parametrize("hidden", ["", "<script>var menu = 'x'.repeat(3)</script>", "<span hidden>unseen text</span>"])
def test_collapse_decides_alike_with_the_page_text(story_words: int, hidden: str) -> None:
    """Given the page's text, collapsing spares measuring it where no element can hold half
    of it, and decides as without it: a footer holding most of a page stays whole."""
    footer = "<footer>" + hidden + " ".join(f"link{i}" for i in range(60)) + "</footer>"
    story = "<p>" + " ".join(["word"] * story_words) + "</p>"
    page = f"<html><body><nav>{'<a>menu entry</a>' * 3}</nav><article>{story}</article>{footer}</body></html>"
    text = _page_text(page)
    assert _collapsed(page, text) == _collapsed(page, None)
    assert ("footer" in dict(_collapsed(page, None))) == (story_words >= 400)


def test_page_text_lines_only_lower_the_bound() -> None:
    """Line breaks inside a text node count as joins: the bound is lower, never higher."""
    page = "<html><body><pre>" + "a\n" * 300 + "</pre><footer>" + "f " * 150 + "</footer></body></html>"
    assert _collapsed(page, _page_text(page)) == _collapsed(page, None)


def test_metadata_hands_on_the_page_text_it_read() -> None:
    """An author named only in a meta tag is checked against the page's text: that text
    comes with the metadata, for collapsing to bound the page's length by."""
    page = '<html><head><meta name="author" content="Jane Doe"></head><body><p>By Jane Doe</p></body></html>'
    meta = read_metadata(parse(page), "https://paper.example/a")
    assert meta.authors == ["Jane Doe"]
    assert meta.page_text == "\nBy Jane Doe\n"



def test_unshown_text_taken_out_lowers_the_bound() -> None:
    """A footer's script counts in the readers' page text but not once taken out: a footer
    holding most of what is left is kept whole, as without the page text."""
    script = "<script>var config = '" + "x" * 1000 + "';</script>"
    footer = "<footer>" + script + " ".join(f"link{i}" for i in range(50)) + "</footer>"
    page = f"<html><body><p>{'word ' * 20}</p>{footer}</body></html>"
    assert _collapsed(page, _page_text(page)) == _collapsed(page, None) == []


TITLE = "The council votes to keep the library open"


@pytest.mark.parametrize(
    ("body", "collapsed"),
    [
        # the header holds the headline and stays; the menu deeper inside it goes
        (f"<header><h1>{TITLE}</h1><div><nav>{'<a>menu entry</a>' * 30}</nav></div></header>", [("nav", 329)]),
        # the header goes, and the menu inside it with it
        (f"<header><div><nav>{'<a>menu entry</a>' * 30}</nav></div><p>site</p></header><h1>{TITLE}</h1>", [("header", 334)]),
        (f"<footer><div><aside><div><nav>{'<a>x</a>' * 5}</nav></div></aside></div></footer>", [("footer", 9)]),
    ],
)
def test_boilerplate_inside_boilerplate(body: str, collapsed: list[tuple[str, int]]) -> None:
    """A menu deeper inside a header is found as well (Lexbor reads `:is(X) *` as a child
    selector): emptied where the header stays, gone with it where it goes."""
    page = f"<html><body>{body}<article><p>{'word ' * 300}</p></article></body></html>"
    tree = parse(page)
    collapse_boilerplate(tree, TITLE)
    assert [(n.tag, n.collapsed) for n in build_light_tree(tree.body) if n.collapsed] == collapsed


def test_nearest_boilerplate_around_each_found() -> None:
    """`_found_around`: the nearest element found above each one, None for the outermost."""
    tree = parse("<body><header><div><nav><div><aside>a</aside></div></nav></div><nav>b</nav></header><footer>c</footer></body>")
    body = tree.body
    assert body is not None
    found = body.css(_OUTERMOST)
    assert [el.tag for el in found] == ["header", "nav", "aside", "footer"]  # Lexbor: `:is(X) *` is a child test
    assert _found_around(found) == [None, 0, 1, None]


def test_many_menus_deep_down_are_collapsed_in_linear_time() -> None:
    """Each walk up stops at an element an earlier walk passed: 20,000 menus 1,000 levels
    down cost one walk of the page, not 20,000 walks of 1,000 levels (was minutes)."""
    tree = parse("<body>" + "<div>" * 1000 + "<nav>x</nav>" * 20_000 + "</div>" * 1000 + "</body>")
    start = time.perf_counter()
    collapse_boilerplate(tree, None)
    assert time.perf_counter() - start < 20  # linear: well under a second; the old walk took minutes
    nodes = build_light_tree(tree.body)
    assert sum(n.tag == "nav" and n.collapsed == 1 for n in nodes) == 20_000


def _tags_by_name(root: LexborNode) -> list[str]:
    """The light tree's tags as read through `LexborNode.tag` (what `build_light_tree` reads
    by tag id): skipped tags, hidden elements and collapsed subtrees left out alike."""
    light = {**dict.fromkeys(SKIP_TAGS), **RENAMED_FORMATTING}
    tags: list[str] = []
    stack = [root]
    while stack:
        el = stack.pop()
        name = el.tag
        if name is None or name == "-text":
            continue
        tag = light.get(name, name)
        attrs = el.attributes
        if tag is None or "hidden" in attrs or "display: none" in (attrs.get("style") or ""):
            continue
        tags.append(tag)
        if tag not in VOID_TAGS and COLLAPSED_ATTR not in attrs:
            stack.extend(reversed(list(el.iter())))
    return tags


MANY_TAGS = (
    "<body><main><my-card><b>x</b><broadsheet-b>renamed</broadsheet-b><x-y:z>odd</x-y:z></my-card>"
    "<p>a<br>b<img src=i.png><wbr><custom-el hidden>h</custom-el></p><script>s</script><svg><a>v</a></svg>"
    "<table><tr><td>c</td></tr></table><!-- c --><template><p>t</p></template><noscript>n</noscript>"
    "<dl><dt>t<dd>d</dl><ruby>r<rt>rt</rt></ruby><nav><a>menu</a></nav><section><h2>h</h2></section></main></body>"
)


def test_light_tree_tags_read_by_id_are_the_tag_names() -> None:
    """Tags are looked up by Lexbor's tag id (standard ones remembered across pages, made-up
    ones read by name on each page): the tree is the one reading names gives, page after page."""
    for _ in range(2):
        tree = parse(MANY_TAGS)
        collapse_boilerplate(tree, None)
        assert tree.body is not None
        assert [n.tag for n in build_light_tree(tree.body)] == ["body", *_tags_by_name(tree.body)[1:]]
    tags = [n.tag for n in build_light_tree(parse(MANY_TAGS).body)]
    assert {"my-card", "b", "x-y:z", "img", "wbr", "td", "dd", "rt", "nav", "a"} <= set(tags)
    assert tags.count("b") == 2  # the renamed formatting element is read as what it was
    assert not {"script", "svg", "template", "noscript", "custom-el", "-comment"} & set(tags)


def test_collapsed_subtree_is_not_entered() -> None:
    """A collapsed element keeps its length and none of its subtree, even with no text
    (an image-only menu collapses to 0 characters: its logo is no image of the article)."""
    page = f"<html><body><nav><a><img src=logo.png></a></nav><article><p>{'word ' * 300}</p></article></body></html>"
    tree = parse(page)
    collapse_boilerplate(tree, None)
    nodes = build_light_tree(tree.body)
    nav = next(n for n in nodes if n.tag == "nav")
    assert nav.children == [] and nav.collapsed == 0
    assert not any(n.tag in ("a", "img") for n in nodes)


def test_nested_boilerplate_length_leaves_out_its_scripts() -> None:
    """A menu found inside a header that stays is measured without its scripts: they went
    with the header's unshown parts (its own are not searched again)."""
    script = "<script>var menu = '" + "x" * 500 + "';</script>"
    page = (
        f"<html><body><header><h1>{TITLE}</h1><div><nav>{script}{'<a>menu entry</a>' * 30}"
        f"<span hidden>{'y' * 300}</span></nav></div></header><article><p>{'word ' * 300}</p></article></body></html>"
    )
    tree = parse(page)
    collapse_boilerplate(tree, TITLE)
    assert [(n.tag, n.collapsed) for n in build_light_tree(tree.body) if n.collapsed] == [("nav", 329)]


def test_built_nodes_are_nodes_as_made_by_init() -> None:
    """`build_light_tree` makes its nodes without calling `Node.__init__`: each has the slots
    __init__ sets, with the values it would give them (a slot added to one and not the other
    fails here)."""
    tree = parse(MANY_TAGS.replace("<nav>", "<nav><a>a</a>") + "<p><a href=x><b>linked</b></a></p>")
    collapse_boilerplate(tree, None)
    nodes = build_light_tree(tree.body)
    assert len(nodes) > 20
    for node in nodes[1:]:
        made = Node(node.tag, node.attrs, node.parent, node.index, node.in_link)
        have = {s for s in Node.__slots__ if hasattr(node, s)}
        assert have == {s for s in Node.__slots__ if hasattr(made, s)}
        assert all(getattr(node, s) == getattr(made, s) for s in have - {"children", "collapsed"})
    assert [n.index for n in nodes] == list(range(len(nodes)))
    assert any(n.in_link for n in nodes) and any(n.collapsed for n in nodes)


@pytest.mark.parametrize(
    ("headline", "title", "kept"),
    [
        # spaces, line breaks and case differ from the stated title: still the headline
        ("STRASSE\n   works  again\ttoday", "Straße works again today", True),
        ("Heavy rains close the\n\n  mountain pass for a week", "heavy rains close the mountain pass for a week", True),
        # every word of the title but not in its order: not the headline
        ("today again works strasse", "Straße works again today", False),
    ],
)
def test_header_holding_the_headline_is_kept(headline: str, title: str, kept: bool) -> None:
    """A header is kept where its text holds the title's first 40 characters, whatever its
    spaces and case (the text casefolded is searched for the title's longest word first)."""
    page = f"<html><body><header><div>{headline}</div><a>home</a></header><article><p>{'word ' * 300}</p></article></body></html>"
    tree = parse(page)
    collapse_boilerplate(tree, title)
    nodes = build_light_tree(tree.body)
    header = next(n for n in nodes if n.tag == "header")
    assert (header.children != []) is kept
