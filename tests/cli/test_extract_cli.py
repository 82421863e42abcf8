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
    md = run("extract", "-", "--format", "markdown", stdin=PAGE.encode()).stdout.decode()
    assert md.startswith("# A headline\n\nThe body paragraph")


def test_jsonl_for_many_inputs(tmp_path) -> None:
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(PAGE)
    result = run("extract", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--format", "jsonl")
    assert [json.loads(line)["title"] for line in result.stdout.decode().splitlines()] == ["A headline"] * 2


def test_user_errors_are_one_line_without_traceback(tmp_path) -> None:
    missing = run("extract", str(tmp_path / "nope.html"))
    assert missing.returncode == 2
    assert b"Traceback" not in missing.stderr and missing.stderr.decode().count("\n") == 1
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.5 binary")
    result = run("extract", str(pdf))
    assert result.returncode == 2 and b"PDF" in result.stderr and b"Traceback" not in result.stderr


def test_unreachable_url_is_a_clear_error() -> None:
    result = run("extract", "http://127.0.0.1:9/article")
    assert result.returncode == 2
    assert b"127.0.0.1:9" in result.stderr and b"Traceback" not in result.stderr


def test_one_bad_input_does_not_stop_the_others(tmp_path) -> None:
    good = tmp_path / "good.html"
    good.write_text(PAGE)
    result = run("extract", str(tmp_path / "missing.html"), str(good), "--format", "jsonl")
    assert result.returncode == 1
    assert json.loads(result.stdout.decode().strip())["title"] == "A headline"
    assert b"missing.html" in result.stderr
