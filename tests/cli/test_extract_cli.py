"""`broadsheet extract` as a user runs it: a real subprocess, files, stdin, errors."""
import gzip
import json
import subprocess
import sys

PAGE = (
    "<html><head><title>A headline</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>A headline</h1><p>The body paragraph of the article, long enough to be prose.</p></article></body></html>"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "broadsheet", *args], input=stdin, capture_output=True, timeout=60)


def test_extract_file_as_json(tmp_path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    result = run("extract", str(path), "--url", "https://news.example/a")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == "https://news.example/a"
    assert record["text"] == "The body paragraph of the article, long enough to be prose."


def test_extract_stdin_text_and_markdown() -> None:
    assert run("extract", "-", "--format", "text", stdin=PAGE.encode()).stdout.decode().startswith("The body paragraph")
    md = run("extract", "-", "--format", "markdown", "--url", "https://news.example/a", stdin=PAGE.encode()).stdout.decode()
    assert md.startswith('---\nurl: "https://news.example/a"\ntitle: "A headline"\n---\n\n# A headline\n\nThe body paragraph')


def test_jsonl_for_many_inputs(tmp_path) -> None:
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(PAGE)
    result = run("extract", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--format", "jsonl")
    assert [json.loads(line)["title"] for line in result.stdout.decode().splitlines()] == ["A headline"] * 2


def test_failed_inputs_are_one_line_without_traceback_and_exit_1(tmp_path) -> None:
    """A missing, non-HTML or unfetchable input failed (1), it is not a usage error (2)."""
    missing = run("extract", str(tmp_path / "nope.html"))
    assert missing.returncode == 1
    assert b"Traceback" not in missing.stderr and missing.stderr.decode().count("\n") == 1
    assert missing.stderr.decode() == f"broadsheet: error: {tmp_path / 'nope.html'}: no such file\n"
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.5 binary")
    result = run("extract", str(pdf))
    assert result.returncode == 1 and b"PDF" in result.stderr and b"Traceback" not in result.stderr


def test_unreachable_url_is_a_clear_error() -> None:
    result = run("extract", "http://127.0.0.1:9/article")
    assert result.returncode == 1
    assert b"127.0.0.1:9" in result.stderr and b"Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path) -> None:
    page = tmp_path / "a.html"
    page.write_text(PAGE)
    assert run("extract", str(page), "--format", "yaml").returncode == 2
    both = run("extract", str(page), str(page), "--url", "https://news.example/a")
    assert both.returncode == 2 and b"--url names the URL of one page" in both.stderr
    clash = run("extract", str(page), "-o", str(page))
    assert clash.returncode == 2 and page.read_text() == PAGE
    assert run("extract", str(page), "-o", str(tmp_path / "no-folder" / "x.json")).returncode == 2


def test_json_is_one_object_for_one_input_and_json_lines_for_more(tmp_path) -> None:
    """Never an object for one input and an array for two: more inputs give JSON Lines,
    decided by the arguments (a failed input does not change the shape)."""
    (tmp_path / "a.html").write_text(PAGE)
    one = run("extract", str(tmp_path / "a.html")).stdout.decode()
    assert json.loads(one)["title"] == "A headline" and one.startswith("{\n  ")
    two = run("extract", str(tmp_path / "a.html"), str(tmp_path / "missing.html"))
    assert two.returncode == 1
    lines = two.stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["title"] == "A headline"
    assert run("extract", str(tmp_path / "a.html"), str(tmp_path / "a.html")).stdout.decode().count("\n") == 2


def test_text_markdown_and_html_of_many_inputs_are_separated(tmp_path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.html").write_text(PAGE.replace("A headline", "Another headline"))
    inputs = [str(tmp_path / "a.html"), str(tmp_path / "b.html")]
    text = run("extract", *inputs, "--format", "text").stdout.decode()
    assert text.split("\f\n") == ["The body paragraph of the article, long enough to be prose.\n"] * 2
    md = run("extract", *inputs, "--format", "markdown").stdout.decode()
    assert md.count("\n# ") == 2 and "\n---\n\n---\ntitle: \"Another headline\"" in md
    html = run("extract", *inputs, "--format", "html").stdout.decode()
    assert html.count("<article>") == 2 and "<h1>Another headline</h1>" in html


def test_out_writes_a_file(tmp_path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    result = run("extract", str(tmp_path / "a.html"), "-o", str(tmp_path / "a.json"), "--url", "https://news.example/a")
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads((tmp_path / "a.json").read_text())["url"] == "https://news.example/a"
    assert run("extract", str(tmp_path / "a.html"), "--out", str(tmp_path / "a.txt"), "--format", "text").returncode == 0
    assert (tmp_path / "a.txt").read_text().startswith("The body paragraph")


def test_a_saved_page_takes_its_canonical_url(tmp_path) -> None:
    page = PAGE.replace("<head>", "<head><link rel=canonical href='https://www.news.example/2024/05/a-headline'>")
    (tmp_path / "a.html").write_text(page)
    record = json.loads(run("extract", str(tmp_path / "a.html")).stdout)
    assert record["url"] == "https://www.news.example/2024/05/a-headline" and record["sources"]["url"] == "canonical"


def test_one_bad_input_does_not_stop_the_others(tmp_path) -> None:
    good = tmp_path / "good.html"
    good.write_text(PAGE)
    result = run("extract", str(tmp_path / "missing.html"), str(good), "--format", "jsonl")
    assert result.returncode == 1
    assert json.loads(result.stdout.decode().strip())["title"] == "A headline"
    assert b"missing.html" in result.stderr
