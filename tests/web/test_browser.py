"""The pages in a real headless Chromium (Playwright driving the system browser).

Search, open an article, follow a duplicate link, filter, see the overview chart; and no
crafted content runs script: no dialog, no global set, no page error, no CSP report from
our own pages, while the CSP does block inline script injected into them. Screenshots go
to the test's temporary folder (or to $BROADSHEET_SCREENSHOTS).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the dev extra has it)")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (the web extra has it)")

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _chromium() -> str | None:
    given = os.environ.get("BROADSHEET_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip("no Chromium binary (apt-get install chromium, or set BROADSHEET_CHROMIUM)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(corpus):
    from broadsheet.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP: asyncio sets NODELAY
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    server = uvicorn.Server(uvicorn.Config(create_app(corpus), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:  # a binary that does not start (too old for this Playwright, no libs)
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("BROADSHEET_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watch:
    """Everything a page could do if script ran: dialogs, errors, console lines."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text))

    def script_signs(self) -> list[str]:
        """Console lines other than failed image loads (the tests run offline)."""
        return [m for m in self.console if "Failed to load resource" not in m]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.watch = Watch(pg)
    yield pg
    context.close()


def test_search_open_article_follow_duplicate(page, base_url, shots):
    page.goto(base_url + "/")
    page.fill("input[name=q]", "harbour bridge")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=harbour+bridge*")
    results = page.locator("li.result")
    assert results.count() >= 6
    assert page.locator("li.result mark").first.inner_text().lower() in ("harbour", "bridge")
    page.screenshot(path=shots / "search.png", full_page=True)
    page.locator("li.result a.title", has_text="Harbour story number 1").click()
    page.wait_for_url("**/article/*")
    assert page.locator("h1").inner_text() == "Harbour story number 1 for the record"
    assert page.locator("table.fields td.source").count() >= 5
    page.screenshot(path=shots / "article.png", full_page=True)
    original_url = page.url
    page.locator("ul.duplicates a").first.click()
    page.wait_for_url(lambda url: url != original_url)
    assert "exact duplicate of" in page.locator("p.dup").inner_text()
    page.screenshot(path=shots / "duplicate.png", full_page=True)
    page.locator("p.dup a").click()
    page.wait_for_url(original_url)
    page.locator("a.compare").click()
    page.wait_for_url("**/original")
    assert page.locator(".line.dropped del", has_text="Advertisement").count() == 1
    assert page.locator(".line.dropped").first.evaluate("e => getComputedStyle(e).textDecorationLine || ''") in (
        "", "none")  # the <del> inside carries the strike
    page.screenshot(path=shots / "side-by-side.png", full_page=True)
    assert page.watch.script_signs() == [] and page.watch.errors == []


def test_filters(page, base_url, shots):
    page.goto(base_url + "/")
    page.select_option("select[name=language]", "de")
    page.click("form.search button")
    page.wait_for_url("**language=de*")
    sites = page.locator("li.result .site").all_inner_texts()
    assert sites and {s.split(" · ")[0] for s in sites} == {"zeitung.example"}
    page.select_option("select[name=language]", "")
    page.select_option("select[name=site]", "news.example")
    page.fill("input[name=since]", "2024-05-02")
    page.fill("input[name=until]", "2024-05-03")
    page.click("form.search button")
    page.wait_for_url("**since=2024-05-02*")
    assert page.locator("li.result").count() == 2
    assert page.locator("select[name=site]").input_value() == "news.example"
    page.screenshot(path=shots / "filters.png", full_page=True)


def test_overview_chart_renders(page, base_url, shots):
    page.goto(base_url + "/overview")
    bars = page.locator("#timeline svg rect.bar")
    assert bars.count() >= 30  # one per day, 2024-05-01 .. 2024-06-03
    heights = [bars.nth(i).bounding_box()["height"] for i in range(bars.count())]
    assert max(heights) > 50 and min(heights) == 0
    site_bars = page.locator("#per-site svg rect.bar")
    assert site_bars.count() >= 3 and site_bars.first.bounding_box()["width"] > 100
    assert page.locator("#per-site svg").bounding_box()["width"] > 600
    page.screenshot(path=shots / "overview.png", full_page=True)
    assert page.watch.script_signs() == []


def test_crafted_content_runs_no_script(page, base_url, crafted_id, shots):
    hostile = page.request.get(base_url + "/api/search", params={"site": "evil.example"}).json()["results"][0]["id"]
    for path in ["/?q=crafted", "/?q=pwned", f"/article/{crafted_id}", f"/article/{hostile}",
                 f"/article/{hostile}/original", "/overview", "/?site=crafted.example", "/runs"]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():  # hovering could fire injected handlers
            if link.is_visible():
                link.hover(timeout=2000)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.querySelectorAll('script, iframe, object, embed').length") == 0, path
        hrefs = page.evaluate("[...document.querySelectorAll('[href],[src]')].map(e => e.href || e.src)")
        assert not [h for h in hrefs if not h.startswith(("http://", "https://"))], path
    page.goto(base_url + f"/article/{crafted_id}")
    assert "<script>window.__pwned='title'" in page.locator("h1").inner_text()  # shown as text
    page.screenshot(path=shots / "crafted.png", full_page=True)
    assert page.watch.dialogs == [] and page.watch.errors == []
    assert not [m for m in page.watch.console if "Content Security Policy" in m]  # nothing even tried
    assert page.watch.script_signs() == []


def test_csp_blocks_inline_script(page, base_url):
    page.goto(base_url + "/")
    page.evaluate("""() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = "window.__inline = 'ran'";
        document.body.appendChild(s);
        document.body.insertAdjacentHTML('beforeend', '<img src="/static/icon.svg?x" onload="window.__handler = 1">');
        const a = document.createElement('a');
        a.href = "javascript:window.__jsurl = 1"; a.id = "jsurl"; a.textContent = "x";
        document.body.appendChild(a);
    }""")
    page.click("#jsurl")
    page.wait_for_function("window.__violations.length >= 3")
    assert page.evaluate("[typeof window.__inline, typeof window.__handler, typeof window.__jsurl]") == [
        "undefined"] * 3
    violated = page.evaluate("window.__violations")
    assert all(v.startswith("script-src") for v in violated)
    reports = [m for m in page.watch.console if "Content Security Policy" in m]
    assert len(reports) >= 3 and all("script-src 'self'" in m for m in reports), page.watch.console
    assert page.watch.dialogs == []
