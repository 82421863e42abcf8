"""Headings that state the headline next to a site's: task D of stop 18 (issue 9).

Found where readability-lxml or trafilatura read a page's title better than we did: a
documentation page's project name as a second <h1>, and a Drupal theme's title <h1> in the
content header (site chrome by its ancestors' names)."""
from __future__ import annotations

from tests.extract.meta.test_site_title import _meta

# Sphinx: `<title>{{ title }} — {{ docstitle }}</title>`, the project's name in the
# header's <h1>, the page's own in the body's <h1> with its permalink mark
# (`<a class="headerlink">¶</a>`).
SPHINX_HEAD = "<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>"
SPHINX_BODY = (
    '<div class="header"><h1 class="heading"><span>evolve extension for Mercurial</span></h1></div>'
    '<div class="content"><div class="section" id="evolve-shared-mutable-history">'
    '<h1>Evolve: Shared Mutable History<a class="headerlink" href="#evolve-shared-mutable-history"'
    ' title="Permalink to this headline">¶</a></h1>'
    "<p>Once you have mastered the art of mutable history in a single repository, you might"
    " want to move up to the next level: shared mutable history.</p></div></div>"
)


def test_the_heading_opening_the_title_is_the_headline_not_the_projects() -> None:
    meta = _meta(SPHINX_HEAD, SPHINX_BODY)
    assert (meta.title, meta.sources["title"]) == ("Evolve: Shared Mutable History", "dom")


def test_a_heading_permalink_mark_is_no_part_of_the_title() -> None:
    body = '<h1>Installing the tools<a class="headerlink" href="#installing">¶</a></h1>'
    meta = _meta("<title>Installing the tools — Toolbox 2.1 documentation</title>", body)
    assert meta.title == "Installing the tools"


def test_two_headings_in_the_order_of_the_title_keep_the_first() -> None:
    # Guard: where the first <h1> opens the <title>, the tie-break keeps it.
    body = "<h1>Evolve: Shared Mutable History</h1><h1>evolve extension for Mercurial</h1>"
    assert _meta(SPHINX_HEAD, body).title == "Evolve: Shared Mutable History"


# Drupal's Zen theme prints the node's title as `#content-header h1.title`, inside
# `#main-inner.with-navbar`: its ancestors' names mark it as site chrome, and a chrome <h1>
# of under 4 words is not taken on its agreement with a title (a name over a review).
ZEN_BODY = (
    '<div id="main"><div id="main-inner" class="clear-block with-navbar">'
    '<div id="content"><div id="content-inner"><div id="content-header">'
    '<h1 class="title">BitchTapes: Fireplace Grooves</h1></div></div></div></div></div>'
)


def test_a_chrome_heading_that_is_the_titles_first_part_is_the_headline() -> None:
    meta = _meta("<title>BitchTapes: Fireplace Grooves | Bitch Media</title>", ZEN_BODY)
    assert (meta.title, meta.sources["title"]) == ("BitchTapes: Fireplace Grooves", "dom")


def test_a_chrome_heading_only_opening_the_title_does_not_cut_it() -> None:
    # Guard: the heading must be the whole first part, not its first words; the <title>
    # is cut by its own rule.
    head = "<title>BitchTapes: Fireplace Grooves for winter | Bitch Media</title>"
    assert _meta(head, ZEN_BODY).title == "BitchTapes: Fireplace Grooves for winter"

