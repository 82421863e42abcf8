"""The pages and the JSON API on a small corpus, through Starlette's test client."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from broadsheet.web.safety import CSP
from tests.web.conftest import ids_by_url

STORY1 = "https://news.example/2024/05/01/harbour-story-1"
COPY1 = "https://zeitung.example/wire/harbour-story-1"
STORY2 = "https://news.example/2024/05/02/harbour-story-2"
COPY2 = "https://zeitung.example/wire/harbour-story-2"


def test_every_page_answers_with_html_and_the_security_headers(client):
    for path in ["/", "/?q=harbour", "/overview", "/runs", "/api", "/api/search?q=harbour", "/api/overview",
                 "/api/runs", "/static/style.css", "/static/icon.svg"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self'" in CSP and "object-src 'none'" in CSP and "base-uri 'none'" in CSP
    assert "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_no_page_carries_inline_script_or_style(client, crafted_id):
    for path in ["/", "/?q=harbour", "/?q=crafted", "/overview", "/runs", f"/article/{crafted_id}",
                 f"/article/{crafted_id}/original"]:
        html = client.get(path).text
        assert "<script" not in html.lower() and "<style" not in html.lower(), path
        tree = LexborHTMLParser(html)
        assert not tree.css("script, style, iframe, object, embed, base"), path
        for node in tree.css("*"):
            for name, value in node.attributes.items():
                assert not name.lower().startswith("on") and name.lower() != "style", (path, node.html)
                if name.lower() in ("href", "src", "action"):
                    assert re.match(r"(/|https?://)", value or ""), (path, node.html)


def test_search_finds_ranks_and_highlights(client):
    data = client.get("/api/search", params={"q": "harbour"}).json()
    assert data["total"] >= 7
    first = data["results"][0]
    assert any(s["hit"] and s["text"].lower() == "harbour" for s in first["snippet"])
    html = client.get("/", params={"q": "harbour"}).text
    assert "<mark>harbour</mark>" in html.lower()
    assert f'href="/article/{first["id"]}"' in html


def test_a_pasted_paragraph_is_searched_by_its_key_words(client):
    words = ("the harbour bridge reopened on monday after months of repairs while ferries carried "
             "commuters across the water and officials promised the works would end soon ") * 3
    data = client.get("/api/search", params={"q": words}).json()
    assert any("most telling words" in n for n in data["notices"])
    assert data["total"] >= 1  # still finds the harbour stories


def test_search_without_query_lists_newest_first_and_counts(client):
    data = client.get("/api/search").json()
    dates = [r["date_published"] for r in data["results"] if r["date_published"]]
    assert dates == sorted(dates, reverse=True)
    assert data["total"] == client.get("/api/overview").json()["articles"]


def test_filters_by_site_language_section_and_dates(client):
    def urls(**params):
        return {r["url"] for r in client.get("/api/search", params={"per_page": 100, **params}).json()["results"]}

    assert urls(site="zeitung.example") == {f"https://zeitung.example/2024/06/0{n}/hafen-{n}" for n in (1, 2, 3)}
    assert all("zeitung.example" in u for u in urls(q="Hafenbrücke", language="de"))
    assert urls(q="harbour", language="de") == set()
    assert urls(site="news.example", since="2024-05-02", until="2024-05-04") == {
        f"https://news.example/2024/05/0{n}/harbour-story-{n}" for n in (2, 3, 4)}
    politics = urls(section="Politics")
    assert politics and all(u.startswith("https://news.example/") for u in politics)
    assert urls(site="nowhere.example") == set()


def test_a_bad_date_is_dropped_with_a_notice(client):
    data = client.get("/api/search", params={"since": "2024-13-45", "until": "yesterday"}).json()
    assert len(data["notices"]) == 2 and data["filters"] == {}


def test_pagination_walks_every_result_once(client):
    total = client.get("/api/search").json()["total"]
    seen = []
    for page in range(1, 10):
        data = client.get("/api/search", params={"per_page": 3, "page": page}).json()
        assert data["pages"] == -(-total // 3)
        if page > data["pages"]:
            assert data["page"] == data["pages"]  # past the end: the last page
            break
        seen += [r["id"] for r in data["results"]]
    assert len(seen) == total == len(set(seen))
    html = client.get("/", params={"per_page": 3, "page": 2}).text
    assert 'rel="next"' in html and 'rel="prev"' in html and "page=3" in html


def test_invalid_fts_syntax_is_searched_as_words(client):
    data = client.get("/api/search", params={"q": '"harbour bridge'}).json()
    assert data["total"] > 0 and "not valid FTS5" in data["notices"][0]
    assert client.get("/api/search", params={"q": 'AND OR "'}).json()["total"] == 0
    assert client.get("/", params={"q": "title:"}).status_code == 200


def test_article_shows_fields_with_sources_body_links_and_duplicates(client):
    ids = ids_by_url(client)
    data = client.get(f"/api/article/{ids[STORY1]}").json()
    a = data["article"]
    assert a["title"] == "Harbour story number 1 for the record" and a["site"] == "news.example"
    assert a["sources"]["title"] and a["blocks"]
    assert {d["url"]: d["kind"] for d in data["duplicates"]} == {COPY1: "exact"}
    html = client.get(f"/article/{ids[STORY1]}").text
    for field in ("canonical_url", "date_published", "site_name", "language", "image"):
        assert f">{field}</th>" in html
    assert f'<td class="source">{a["sources"]["title"]}</td>' in html
    assert f'href="{STORY1}"' in html  # the original URL, linked
    assert "<h2>What happens next 1</h2>" in html and "<blockquote>" in html and "<ul>" in html
    assert "<figcaption>The harbour at dawn, photo 1</figcaption>" in html and "<table" in html
    assert f'href="/article/{ids[COPY1]}"' in html and "exact" in html
    near = client.get(f"/api/article/{ids[STORY2]}").json()["duplicates"]
    assert [(d["url"], d["kind"]) for d in near] == [(COPY2, "near")]


def test_a_duplicate_links_back_to_its_original(client):
    ids = ids_by_url(client)
    data = client.get(f"/api/article/{ids[COPY1]}").json()
    assert data["original"]["id"] == ids[STORY1] and data["original"]["kind"] == "exact"
    assert f'href="/article/{ids[STORY1]}"' in client.get(f"/article/{ids[COPY1]}").text


def test_side_by_side_marks_what_extraction_dropped(client):
    ids = ids_by_url(client)
    assert f'href="/article/{ids[STORY1]}/original"' in client.get(f"/article/{ids[STORY1]}").text
    data = client.get(f"/api/article/{ids[STORY1]}/original").json()
    assert data["available"]
    kinds = {line["text"]: line["kind"] for line in data["lines"]}
    assert kinds["Advertisement: buy our premium subscription today"] == "dropped"
    assert kinds["Related stories"] == "dropped"
    assert kinds["Story 1: the old harbour bridge reopened after 1 months of repairs."] == "body"
    assert kinds["Harbour story number 1 for the record"] == "meta"
    assert not any("tracking" in t or "color: red" in t for t in kinds)  # script and style are not visible text
    html = client.get(f"/article/{ids[STORY1]}/original").text
    assert "<del>Advertisement: buy our premium subscription today</del>" in html
    crawled = client.get(f"/api/article/{ids[COPY1]}/original").json()
    assert not crawled["available"] and "duplicate" in crawled["reason"]


def test_overview_counts_and_chart(client):
    o = client.get("/api/overview").json()
    sites = {s["site"]: s for s in o["sites"]}
    assert sites["news.example"]["articles"] == 6 and sites["zeitung.example"]["articles"] == 3
    assert sites["news.example"]["fields"]["title"] == 1.0
    assert o["duplicates"] == {"exact": 1, "near": 1, "total": 2}
    assert {x["language"] for x in o["languages"]} >= {"en", "de"}
    assert o["runs"]["count"] >= 1 and o["runs"]["duplicates"] == {"exact": 1, "near": 1}
    days = {d["day"]: d["articles"] for d in o["days"]}
    assert days["2024-05-01"] == 1 and days["2024-06-03"] == 1
    html = client.get("/overview").text
    assert html.count("<svg") == 2 and '<rect class="bar"' in html
    assert "<title>2024-05-01: 1</title>" in html


def test_runs_show_summary_lines(client):
    runs = client.get("/api/runs").json()["runs"]
    ingest = next(r for r in runs if r["command"] == "ingest")
    assert ingest["summary"].startswith("12 pages, 10 articles, 2 duplicates")
    assert ingest["counts"]["pages"] == 12 and ingest["pages_per_s"] > 0
    assert ingest["started"] <= ingest["ended"]
    assert ingest["summary"] in client.get("/runs").text


def test_unknown_things_are_404_in_html_and_json(client):
    assert client.get("/article/0000").status_code == 404
    r = client.get("/api/article/0000")
    assert r.status_code == 404 and r.json()["error"]
    assert client.get("/nothing").status_code == 404
    assert client.get("/article/" + "x" * 5000).status_code == 404


def test_nothing_writes(client, corpus):
    before = corpus.stat().st_mtime_ns
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/api/search")
        assert r.status_code == 405 and r.headers["content-security-policy"] == CSP
    assert client.head("/").status_code == 200
    assert corpus.stat().st_mtime_ns == before


def test_other_host_names_are_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200
