from broadsheet import Article, Block
from broadsheet.extract.render import to_html, to_markdown, to_text

BLOCKS = [
    Block("paragraph", "Intro # not a heading."),
    Block("heading", "Section", level=2),
    Block("list_item", "one", level=1),
    Block("list_item", "two", level=1),
    Block("quote", "A quote"),
    Block("table", "a | b\n1 | 2", rows=(("a", "b"), ("1", "2"))),
    Block("code", "x = 1"),
    Block("image", "A caption", src="https://img.example/1.jpg"),
]


def test_text_leaves_out_images_and_separates_blocks_by_blank_lines() -> None:
    assert to_text(BLOCKS) == "Intro # not a heading.\n\nSection\n\none\n\ntwo\n\nA quote\n\na | b\n1 | 2\n\nx = 1"


def test_markdown() -> None:
    md = to_markdown(Article(title="Title", blocks=BLOCKS))
    assert md.startswith("# Title\n\nIntro # not a heading.\n\n## Section\n\n- one\n- two\n\n> A quote\n\n| a | b |\n| --- | --- |\n| 1 | 2 |")
    assert "```\nx = 1\n```" in md
    assert "![A caption](https://img.example/1.jpg)" in md


def test_html_escapes_and_groups_lists() -> None:
    html = to_html(Article(title="T <&>", blocks=BLOCKS))
    assert "<h1>T &lt;&amp;&gt;</h1>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<figure><img src="https://img.example/1.jpg" alt="A caption"><figcaption>A caption</figcaption></figure>' in html


def test_article_dict_round_trip() -> None:
    article = Article(url="u", title="t", authors=["A"], tags=["x"], text="body", blocks=BLOCKS, sources={"title": "dom"})
    data = article.to_dict()
    assert list(data)[:3] == ["url", "canonical_url", "title"]
    assert Article.from_dict(data) == article
