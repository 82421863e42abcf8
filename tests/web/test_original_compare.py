"""The side-by-side comparison stays linear on huge pages, and says which lines it did
not check (review R7 finding 1)."""
from __future__ import annotations

import random
import re
import time

from broadsheet import extract
from broadsheet.web.original import compare, visible_lines


def _plain(lines: list[str], body_texts: list[str]) -> list[bool]:
    """The rule the index must agree with: a line is in the body if it is a substring of it."""
    norm = lambda t: re.sub(r"\s+", " ", t).strip().casefold()  # noqa: E731
    body = norm(" \n ".join(body_texts))
    return [norm(line) in body for line in lines]


def test_a_large_article_against_thousands_of_lines_takes_well_under_a_second():
    # R7's page: 1.9 MB of article text, then a footer of 4,900 short lines (4 s before).
    sentence = "The council voted on Tuesday to approve the new budget for the harbour district, officials said. "
    paras = "".join("<p>" + sentence * 200 + "</p>" for _ in range(100))
    html = ("<html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1>" + paras
            + "</article><footer>" + "".join(f"<div>zq{i}</div>" for i in range(4900)) + "</footer></body></html>")
    record = extract(html, url="http://paper.example/2024/05/01/budget").to_dict()
    lines = visible_lines(html)
    assert len(lines) == 5000
    started = time.perf_counter()
    marked = compare(lines, record)
    assert time.perf_counter() - started < 1.0
    kinds = [x.kind for x in marked]
    assert kinds.count("dropped") == 4899 and kinds.count("unchecked") == 0
    assert all(x.kind == "body" for x in marked if x.text.startswith("The council"))


def test_lines_past_the_budget_are_marked_unchecked_not_guessed():
    rnd = random.Random(7)
    words = ["".join(rnd.choice("abcdefghij") for _ in range(8)) for _ in range(20_000)]
    first, second = " ".join(words[:10_000]), " ".join(words[10_000:])
    record = {"text": first + "\n\n" + second}
    lines = [first] + [f"zq{i}" for i in range(300)] + ["aaaa notaword bbbb", second, f"{words[10]} {words[11]} x"]
    started = time.perf_counter()
    marked = compare(lines, record, budget=len(record["text"]) * 50)
    assert time.perf_counter() - started < 1.0
    kinds = [x.kind for x in marked]
    # Each one-word line scans the distinct words (about the body's size): some 50 fit the budget.
    assert 45 <= kinds[1:301].count("dropped") <= 50 and kinds[1:301].count("unchecked") >= 250
    assert kinds[1:301] == sorted(kinds[1:301])  # "dropped" first, then only "unchecked"
    # What needs no scan is still settled: the body's own lines, and a word the body lacks.
    assert kinds[0] == kinds[-2] == "body" and kinds[-3] == "dropped" and kinds[-1] == "unchecked"
    whole = compare(lines, record, budget=10**12)
    assert [x.kind == "body" for x in whole] == _plain(lines, [record["text"]])
    assert [x.kind for x in whole].count("unchecked") == 0


def test_the_index_agrees_with_a_plain_substring_search():
    rnd = random.Random(3)
    vocab = ["a", "ab", "ba", "b-c", "Caf\u00e9", "ΟΔΟΣ", "x", "xy"]
    for _ in range(300):
        paras = [" ".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 12))) for _ in range(rnd.randint(0, 4))]
        record = {"text": "\n\n".join(paras), "blocks": [{"kind": "image", "text": rnd.choice(vocab) + " y"}]}
        lines = [" ".join(rnd.choice(vocab) for _ in range(rnd.randint(1, 5))) for _ in range(20)]
        lines += [p[rnd.randint(0, len(p)):] for p in paras if p]
        body_kinds = [x.kind == "body" for x in compare(lines, record)]
        assert body_kinds == _plain(lines, [record["text"], record["blocks"][0]["text"]])


def test_counts_name_the_unchecked_lines(tmp_path, monkeypatch):
    from broadsheet.web import original

    page = tmp_path / "story.html"
    page.write_text("<html><body><article><p>" + "Alpha beta gamma delta. " * 40 + "</p></article>"
                    + "".join(f"<div>menu{i}</div>" for i in range(50)) + "</body></html>")
    record = {"origin": str(page), "text": "Alpha beta gamma delta. " * 40}
    data = original.side_by_side(record)
    assert data["counts"] == {"body": 1, "meta": 0, "dropped": 50, "unchecked": 0}
    monkeypatch.setattr(original, "COMPARE_BUDGET", 0)
    data = original.side_by_side(record)
    assert data["counts"] == {"body": 1, "meta": 0, "dropped": 0, "unchecked": 50}
    assert {x["kind"] for x in data["lines"][1:]} == {"unchecked"}


def test_the_page_says_which_lines_were_not_checked(client, monkeypatch):
    from broadsheet.web import original
    from tests.web.conftest import ids_by_url
    from tests.web.test_app import STORY1

    story = ids_by_url(client)[STORY1]
    html = client.get(f"/article/{story}/original").text
    assert "not checked" not in html
    monkeypatch.setattr(original, "COMPARE_BUDGET", 0)
    data = client.get(f"/api/article/{story}/original").json()
    assert data["counts"]["unchecked"] > 0 and data["counts"]["dropped"] == 0
    html = client.get(f"/article/{story}/original").text
    assert f"{data['counts']['unchecked']} not checked (the page is too large to compare whole)" in html
    assert '<p class="line">Advertisement: buy our premium subscription today <span class="tag">not checked</span>' \
        in html
