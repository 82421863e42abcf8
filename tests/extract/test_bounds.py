"""The guards that bound markup before parsing (`broadsheet.extract.bounds`): each shape
below made Lexbor or the steps after it do work far beyond the page's length. The tests
check what each guard leaves (depth, elements, attributes), on inputs small enough to run
in a blink, never a time."""
from __future__ import annotations

import pytest

from broadsheet.extract import bounds
from broadsheet.extract.dom import build_light_tree, parse

DEEP = bounds.MAX_DEPTH * 5


def depth(html: str) -> int:
    """How deep the parsed page's last element chain goes."""
    node, levels = parse(html).body, 0
    while node is not None and node.last_child is not None:
        node, levels = node.last_child, levels + 1
    return levels


def elements(html: str) -> int:
    return sum(1 for node in parse(html).root.traverse() if node.tag != "-text")


# -- nesting ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "unit",
    [
        "<div>",
        "<div/>",  # not self-closing in HTML: it opens a div
        "<div></x>",  # an end tag with nothing to close closes nothing
        "<section></div>",
        "<div></span>",  # `</span>` does not close a div
        "<div></body>",  # nor does `</body>` close anything
        "<optgroup>x",  # outside a select, optgroups nest
        "<rt>x",  # outside a ruby, so do its parts
        "<div><script></div></script>",  # a tag in raw text is no tag
        "<div><!--</div>-->",
        '<div><x title="a>b</div>">',  # nor is one in a quoted value
        "<div></div<>",  # `</div<>` ends an element named 'div<'
    ],
)
def test_nesting_is_bounded_however_the_end_tags_look(unit: str) -> None:
    html = "<html><body>" + unit * DEEP + "end"
    assert depth(html) <= bounds.MAX_DEPTH + 2
    assert "end" in parse(html).body.text()


def test_end_tags_the_parser_honours_keep_ordinary_pages_untouched() -> None:
    selects = "<select><optgroup label=a><option>1<optgroup label=b><option>2</select>" * 500
    rubies = "<ruby>漢<rp>(<rt>kan<rp>)</ruby>" * 500
    headings = "<div><h2>One<h3>Two</div>" * 500
    links = "<p><a href=/a>one<a href=/b>two</a></p>" * 500
    html = "<html><body>" + selects + rubies + headings + links + "</body></html>"
    assert html.count("<") > bounds.MAX_DEPTH * 4  # scanned
    assert bounds.flatten_deep_nesting(html) is html


def test_the_depth_scan_reads_raw_text_in_svg_as_markup() -> None:
    # inside SVG a <script> holds elements; their nesting counts
    html = "<html><body><svg><script>" + "<g>" * DEEP + "</script></svg>"
    assert bounds.flatten_deep_nesting(html).count("<g>") == bounds.MAX_DEPTH - 2


# -- repeated work ---------------------------------------------------------------------

def test_formatting_elements_reopened_at_every_tag_are_renamed() -> None:
    # 300 distinct <b>s closed by </div>, then 3,000 texts that would each re-open all
    html = "<div>" + "".join(f"<b id={i}>" for i in range(300)) + "</div>" + "<div>x</div>" * 3000
    bounded = bounds.bound(html)
    assert "<broadsheet-b id=7>" in bounded and "<b " not in bounded
    assert elements(html) < 10_000  # the parser's way: 900,000
    tags = {node.tag for node in build_light_tree(parse(html).body)}
    assert "b" in tags and not any(tag.startswith("broadsheet-") for tag in tags)


def test_formatting_on_ordinary_pages_is_left_alone() -> None:
    html = "<html><body>" + "<p>Some <b>bold</b>, <i class=x>italic</i> and <a href=/y>linked</a> text.</p>" * 300
    assert bounds.bound(html) is html


def test_alike_formatting_elements_count_three_times_at_most() -> None:
    # the parser keeps three alike open: 2,000 identical unclosed <b>s cost what three do
    alike = "<p>" + "<b>" * 2000 + "</p>" + "<p>x</p>" * 40
    distinct = "<p>" + "".join(f"<b id={i}>" for i in range(2000)) + "</p>" + "<p>x</p>" * 40
    assert bounds.bound(alike) is alike
    assert "<broadsheet-b id=1>" in bounds.bound(distinct)


def test_html_and_body_attributes_past_the_limit_are_dropped() -> None:
    html = "<html lang=en>" + "".join(f"<html a{i}=1></html><body b{i}=1></body>" for i in range(200)) + "x"
    tree = parse(html)
    merged = len(tree.root.attributes) + len(tree.body.attributes)
    assert merged <= bounds.MAX_ROOT_TAGS + 1
    assert tree.root.attributes["lang"] == "en"


def test_options_past_the_limit_become_optgroups() -> None:
    html = "<select>" + "<option>x" * (bounds.MAX_OPTIONS + 50) + "</select><p>after</p>"
    tree = parse(html)
    assert len(tree.css("option")) == bounds.MAX_OPTIONS
    assert tree.css_first("p").text() == "after"


def test_the_text_past_the_tag_limit_cannot_become_a_million_attributes() -> None:
    # the cut falls inside a quoted value: the tokenizer reads the text on as attributes
    html = '<p title="' + "<i>" * bounds.MAX_TAGS + '"' + " a=1" * 50_000 + ">"
    tree = parse(html)
    assert max(len(node.attributes) for node in tree.root.traverse()) <= bounds.MAX_ATTRIBUTES


# -- attributes --------------------------------------------------------------------------

def most_attributes(html: str) -> int:
    root = parse(html).root
    assert root is not None
    return max(len(node.attributes) for node in root.traverse())


def test_only_html_whitespace_separates_attributes() -> None:
    # to the tokenizer `z=\xa0"a0` is an unquoted value and the a{i} attributes follow it;
    # read with Python's `\s`, all of it was one quoted value and no tag had too many
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    for space in ("\xa0", "\u2003", "\u3000", "\x0b"):
        assert most_attributes(f'<p z={space}"{many}">x</p>') <= bounds.MAX_ATTRIBUTES


def test_a_long_name_is_no_tag_over_the_limit() -> None:
    # counted 31 characters a piece it looks like one; read whole it is one attribute
    long_name = "<x " + "y" * 31 * (bounds.MAX_ATTRIBUTES + 2) + ">"
    assert bounds.scan(long_name, bounds.MAX_ATTRIBUTES)[0] == 0  # found by the search ...
    assert bounds.limit_attributes(long_name, after=0) is long_name  # ... passed over read whole
    assert bounds.bound(long_name) is long_name


@pytest.mark.parametrize("near_misses", [1, bounds.NEAR_MISSES, bounds.NEAR_MISSES + 3])
def test_a_tag_over_the_limit_after_near_misses_is_bounded(near_misses: int) -> None:
    miss = "<x " + "y" * 31 * (bounds.MAX_ATTRIBUTES + 2) + ">"
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    html = miss * near_misses + f"<p{many}>x</p>"
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES)[0] == 0
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_the_counted_tags_after_a_hit_are_all_counted() -> None:
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    html = "<b id=1>x</b>" + f"<p{many}>" + "".join(f"<i id={i}>" for i in range(5)) + "<option>"
    _, found = bounds.scan(html, bounds.MAX_ATTRIBUTES)
    assert [name or other for name, _, other in found] == ["b", "i", "i", "i", "i", "i", "option"]


@pytest.mark.parametrize(
    "before",
    [
        '</div title="<!--">',  # an end tag's attributes are read like a start tag's
        '<!x <a title=">',  # a bogus comment ends at its first `>`, quotes or not
        '<?x <a title=">',
        '</1 <a title=">',
        '<!DOCTYPE html "<a title=">',
        '<p title="<script>">',  # a quoted value holds no script
    ],
)
def test_the_exact_scan_reads_markup_as_the_tokenizer_does(before: str) -> None:
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    html = f'<div>x</div>{before}<p{many}>y</p> ">'
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_tag_names_are_read_in_any_case() -> None:
    html = "<B id=1><sTrOnG><Option><BODY x=1><Script>x</SCRIPT><i>"
    _, found = bounds.scan(html, bounds.MAX_ATTRIBUTES)
    assert [(name or other).lower() for name, _, other in found] == ["b", "strong", "option", "body", "i"]


@pytest.mark.parametrize("scripts", [1, bounds.LAZY_RESUMES + 2])
def test_the_exact_scan_reads_on_past_script_text_that_looks_over_the_limit(scripts: int) -> None:
    # in a script, `i<n.length; ...` reads as a tag of many attributes; the scan stops
    # after the last such place, but not before a real tag over the limit further on
    looks_over = "<script>for (i = 0; i<n.length; i++) {" + " x = x + 1;" * 200 + "}</script>"
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    filler = "<p>text</p>" * 50
    html = (looks_over + filler) * scripts + f"<p{many}>x</p>" + filler
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES
    only_scripts = (looks_over + filler) * scripts
    assert bounds.bound(only_scripts) is only_scripts


@pytest.mark.parametrize("end_tag", ["</p", "</li<p"])
def test_an_end_tag_keeps_to_the_attribute_limit_too(end_tag: str) -> None:
    # the parser drops an end tag's attributes, but reads them all first (100,000: 0.5 s)
    many = "".join(f' data-a{i}="{i}"' for i in range(bounds.MAX_ATTRIBUTES * 3))
    html = f"<ul><li><p>x{end_tag}{many}>y</ul>"
    bounded = bounds.bound(html)
    assert bounded.count("data-a") == bounds.MAX_ATTRIBUTES
    assert bounded.endswith(">y</ul>")


LONG = "y" * (bounds.MAX_VALUE + 1)


@pytest.mark.parametrize("value", [LONG, f'"{LONG}"', f"'{LONG}'", f'"{LONG[:-10]}>{LONG[:10]}"'])
def test_a_value_too_long_to_read_makes_the_search_a_hit_at_once(value: str) -> None:
    # `"<a " * 127 + "x=" + 16 MB`: each try from each inner `<a` read the 16 MB again (4 s;
    # as `<b`s, counted, 13 s); now the first try stops at the long value, a hit that the
    # exact scan reads once, whole: it keeps to the limit, so the page stays as it was
    html = "<a " * 20 + f"x={value} z>text"
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES)[0] == 0
    assert bounds.bound(html) is html


def test_a_value_of_the_longest_read_length_is_read() -> None:
    html = f'<p x="{LONG[:-1]}" y={LONG[:-1]} z>text</p>'
    assert bounds.scan(html, bounds.MAX_ATTRIBUTES) == (-1, [])


def test_a_tag_over_the_limit_after_a_long_value_is_still_found() -> None:
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))
    html = f'<p x="{LONG}"{many}>x</p>'
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_a_formatting_tag_read_only_in_part_is_one_of_a_kind() -> None:
    # alike formatting elements count three times at most; two whose attributes were not
    # read to the end (a long value, more than the limit) cannot be told alike
    html = f'<b x="{LONG}">a</b><b x="{LONG}">b</b><b id=1>c</b><b id=1>d</b>'
    _, found = bounds.scan(html, bounds.MAX_ATTRIBUTES)
    assert [name for name, _, _ in found] == ["b"] * 4
    assert found[0] != found[1] and found[2] == found[3]
    many = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES + 1))
    _, found = bounds.scan(f"<i{many}><i{many}>", bounds.MAX_ATTRIBUTES)
    assert len(found) == 2 and found[0] != found[1]


# -- what the scans cannot tell: raw text or markup, CDATA or bogus comment -------------------
# The parser reads a `<style>` or a `<script>` as raw text in HTML content and as markup in
# SVG or MathML; where the scans could not tell which (HTML inside SVG, an SVG left by a
# `<p>`, a frameset...), a quoted value read one way hid from them a tag that the other way
# reads: 100,000 attributes, or nesting 100,000 deep, reached Lexbor (each over 15 s).

MANY = "".join(f" a{i}" for i in range(bounds.MAX_ATTRIBUTES * 3))


@pytest.mark.parametrize(
    "page",
    [
        # CDATA in SVG is text to `]]>`: not a bogus comment to the first `>`
        f"<svg><![CDATA[ > <x title=']]> <p{MANY}>x</p> '>",
        # ... also where the scan saw the SVG close but the parser is still in it
        f"<svg><foreignObject><div></foreignObject></svg></div><![CDATA[ > <x title=']]><p{MANY}>x'>",
        # raw text after HTML came back inside SVG or MathML
        f"<svg><desc><b></b><style> <x title='</style><p{MANY}>x</p>'>",
        f"<math><mi><b>x</b><style><x title='</style><p{MANY}>x</p>'>",
        # raw text after a <p> has left the SVG
        f"<svg><p><style><x title='</style><p{MANY}>x</p>'>",
        # `<svg a=1/>` opens an svg: the `/` is the value's
        f"<svg a=1/><style><p{MANY}>x",
        # doubly escaped script text: the first `</script>` ends no script
        f"<script><!--<script></script><x title='</script><p{MANY}>x'>",
    ],
)
def test_no_tag_over_the_attribute_limit_hides_where_the_context_is_unsure(page: str) -> None:
    assert most_attributes(page) <= bounds.MAX_ATTRIBUTES


@pytest.mark.parametrize(
    "html",
    [
        # only a colgroup takes start tags there: the <style> is ignored, the <p> read whole
        f"<template><col><style><p{MANY}>x</template>",
        # in a frameset too (the tags are dropped from the tree, read all the same: 400,000
        # attributes took over 30 s)
        f"<html><frameset><style></frameset><p{MANY}>x",
    ],
)
def test_where_raw_text_start_tags_are_ignored_what_follows_is_bounded(html: str) -> None:
    bounded = bounds.bound(html)
    assert f" a{bounds.MAX_ATTRIBUTES - 2} " in bounded and f" a{bounds.MAX_ATTRIBUTES + 5} " not in bounded


@pytest.mark.parametrize(
    "before, unit, after",
    [
        ("<svg><div><![CDATA[>", "<div>", ""),  # the <div> left the SVG: a bogus comment
        ("<svg><foreignObject><div><script><x title='</script>", "<div>", "'>"),
        ("<svg><p><style><x title='</style>", "<div>", "'>"),
        ("<svg><p>", "<div><style></div></style>", ""),  # end tags in raw text close nothing
        ("<script><!--<script></script><x title='</script>", "<div>", "'>"),
        ("<template><col><style></template>", "<div>", ""),
    ],
)
def test_nesting_is_bounded_where_the_context_is_unsure(before: str, unit: str, after: str) -> None:
    html = "<html><body>" + before + unit * DEEP + "end" + after
    assert depth(html) <= bounds.MAX_DEPTH + 2


def test_raw_text_in_svg_that_reads_alike_both_ways_is_left_alone() -> None:
    svg = (
        "<svg><style>.a > .b { fill: red }</style><style><![CDATA[ .c { fill: blue } ]]></style>"
        "<script>if (a < b) { go(1) }</script><title>Icon</title></svg>"
    )
    html = "<html><body>" + svg * 2000 + f"<p{MANY}>x</p>"
    bounded = bounds.bound(html)
    assert bounded.startswith("<html><body>" + svg * 2000)
    assert bounded.count(" a") == bounds.MAX_ATTRIBUTES


def test_a_stretch_that_reads_differently_as_raw_text_becomes_plain_text_either_way() -> None:
    html = f"<svg><p><style><x title='</style><p{MANY}>x</p>'>"
    bounded = bounds.bound(html)
    assert bounded.startswith("<svg><p><style>&lt;x title='</style><p a0 ")  # one style, its text plain
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES
    plain = html.replace("<svg><p>", "")  # plain HTML: surely raw text, passed over, kept
    assert bounds.bound(plain).startswith("<style><x title='</style><p a0 ")


@pytest.mark.parametrize(
    "text, ends",
    [
        ("x</script>", 1),
        ("<!--<script></script>x</script>", 22),  # doubly escaped: the second one ends it
        ("<!--x--><script></script>", 16),  # back to plain text at `-->`
        ("<!--><script></script>", 13),  # `<!-->` ends at once
        ("<!--<script>--></script>", 15),
        ("<!--<SCRIPT ></Script></script>", 22),
        ("<!--<scripts></script>", 13),  # a longer name is no script tag
        ("<!--<script></script>", -1),
    ],
)
def test_where_a_script_ends(text: str, ends: int) -> None:
    assert bounds._raw_end(text, "script", 0) == ends


def test_formatting_tags_keep_at_most_max_kept_characters_of_attributes() -> None:
    # each inner `<b` of a tag is a formatting tag to the search, whose attributes run to the
    # tag's end: kept whole, 16 MB of these took 2.1 GB
    html = ("<b" + " <b" * 100 + ' x="' + "a" * (bounds.MAX_KEPT * 4) + '">t') * 3
    _, found = bounds.scan(html, bounds.MAX_ATTRIBUTES)
    assert len(found) == 303
    assert max(len(attributes) for _, attributes, _ in found) <= bounds.MAX_KEPT
    assert len(set(found)) == len(found)  # one of a kind, each
    short = "<b id=1>a</b>" * 3
    assert len(set(bounds.scan(short, bounds.MAX_ATTRIBUTES)[1])) == 1


def test_a_self_closed_svg_leaves_raw_text_after_it_raw() -> None:
    # `<svg/>` opens nothing: the scripts after it are plain HTML raw text, passed over
    # whatever they hold (read as markup, this one would not read alike and be renamed)
    script = "<script>var s = 'a<b c=\"</script>' + x;</script>"
    html = "<html><body>" + "<svg/><p>x</p>" * 1500 + script + f"<p{MANY}>y</p>"
    bounded = bounds.bound(html)
    assert script in bounded and "<broadsheet-" not in bounded
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


def test_many_cdata_sections_in_svg_are_each_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # each section's check failed at the <style> and was forgotten: every later section read
    # the rest again (45 KB took 11 s); count the reads, not the time
    reads = 0
    tiled = bounds._TILED

    class Counting:
        def match(self, html: str, start: int, stop: int) -> "object":
            nonlocal reads
            reads += 1
            return tiled.match(html, start, stop)

    monkeypatch.setattr(bounds, "_TILED", Counting())
    sections = 2000
    html = "<html><body><svg>" + "<![CDATA[><a>" * sections + "<style>]]></svg>" + "<p>x</p>" * 10
    bounded = bounds.bound(html + f"<p{MANY}>y</p>")
    assert reads <= 4 * sections
    assert bounded.count("<!-[CDATA[") == sections  # none reads alike: bogus comments everywhere


def test_what_the_depth_scan_read_as_raw_text_stays_text_for_the_attribute_scan() -> None:
    # `</template>` closes the SVG for the depth scan (the style is raw text, its divs
    # passed over), not for the attribute scan, which renamed the style: the divs came back
    html = "<html><body><template><svg></template><style>" + "<div>" * DEEP + "x<xmp></xmp></style>"
    html += f"<p>story</p><p{MANY}>end</p>"
    assert depth(html) <= bounds.MAX_DEPTH + 2
    assert most_attributes(html) <= bounds.MAX_ATTRIBUTES


STORY = "".join(f"<p>Paragraph {i} of the story tells how the council voted on the library budget.</p>" for i in range(40))
SCRIPT = "<script>var items=document.querySelectorAll('p');for(var i=0;i<items.length;i++){seen(items[i])}</script>"


@pytest.mark.parametrize(
    "before",
    [
        # a diagram's label in HTML inside the SVG (Mermaid)
        '<svg><foreignObject><div class="label"><span>Votes</span></div></foreignObject></svg>',
        '<span class=icon><svg viewBox="0 0 10 10"><path d="M0 0"/></span>',  # an SVG left open
        "<template><div>card</div></template><table><colgroup><col><col></colgroup><tr><td>1</table>",
    ],
)
@pytest.mark.parametrize(
    "menu, footer",  # what makes the scans run: many tags (depth), or a tag over the attribute limit
    [("<ul>" + "<li><a href=/x>x</a></li>" * 1400 + "</ul>", ""), ("", f"<footer{MANY}>Footer</footer>")],
)
def test_inline_scripts_stay_out_of_the_text_whatever_came_before(before: str, menu: str, footer: str) -> None:
    from broadsheet.extract import extract

    html = f"<html><head><title>Council votes</title></head><body><header>{menu}</header><article>"
    html += f"<h1>Council votes</h1>{before}{STORY}{SCRIPT}<p>Last paragraph.</p></article>{footer}</body></html>"
    text = extract(html.encode(), "http://paper.example/a").text
    assert "Paragraph 39 of the story" in text and "Last paragraph." in text
    assert "querySelectorAll" not in text and "items.length" not in text


def test_a_template_closed_before_a_col_leaves_later_raw_text_sure() -> None:
    script = "<script>for(var i=0;i<n;i++){go('<!--')}</script>"  # reads otherwise as markup
    html = "<template><p>card</p></template><table><col></table>" + script + f"<p{MANY}>x</p>"
    assert script in bounds.bound(html)
    still_open = "<template><col>" + script + f"<p{MANY}>x</p></template>"  # ignored there: markup
    assert script not in bounds.bound(still_open) and most_attributes(still_open) <= bounds.MAX_ATTRIBUTES


@pytest.mark.parametrize("opening", ["<?[CDATA[", "</[CDATA["])
def test_only_a_cdata_start_is_read_as_one_by_the_depth_scan(opening: str) -> None:
    html = "<html><body>" + "<p>x</p>" * bounds.MAX_DEPTH * 2 + f"<svg>{opening}><style>]]></style></svg>"
    assert bounds.flatten_deep_nesting(html) is html  # a bogus comment: nothing to check or change
