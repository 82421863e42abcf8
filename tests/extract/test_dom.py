import pytest

from broadsheet import extract
from broadsheet.extract.dom import MAX_DEPTH, build_light_tree, flatten_deep_nesting, parse


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
