"""`broadsheet serve` page latency on a large generated corpus (p50/p95 per view).

1. Generates a corpus of N articles (default 100,000) straight into the corpus schema:
   `Corpus(path)` creates the tables and indexes, then one transaction bulk-inserts
   articles (60 sites, four languages, sections, two years of dates, fields missing at
   site-typical rates, bodies as blocks of Zipf-distributed words), the full-text index,
   duplicate pointers (exact and near, about 5%) and a few hundred runs. Dedup's MinHash
   tables are left empty: serving never reads them. The file is kept and reused
   (`--corpus`), as generating 100,000 articles takes a minute or two.
2. Serves it with uvicorn on a loopback port in a subprocess (the real server, opened
   read-only) and times full HTTP requests of every view, HTML and JSON: search (common,
   rare, phrase, with filters, deep pages), browse with filters, article pages (with
   duplicates, side by side), overview (first load and after), runs. Reports p50/p95/max
   per view; the goal is p95 < 300 ms at 100,000 articles.

    python benchmarks/serve_bench.py [--articles 100000] [--corpus FILE] [--rounds 30] [--json FILE]

`--quick` uses 5,000 articles and few rounds to check that the script works.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import httpx  # noqa: E402

from broadsheet.corpus import RECORD_FIELDS, Corpus  # noqa: E402

COMMON = "harbour council market school police weather election river train hospital".split()
LANGS = [("en", 0.55), ("de", 0.2), ("fr", 0.15), ("es", 0.1)]
SECTIONS = ["Politics", "Business", "Sport", "Culture", "Science", "Local", "World", "Opinion", None]


def _vocab(rng: random.Random, size: int) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf weights; the common news words among the frequent ones."""
    syllables = ["ka", "lo", "mer", "tin", "sa", "ver", "un", "dra", "pel", "os", "ri", "an", "ter", "bo", "gu", "ne"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    vocab = sorted(words)
    rng.shuffle(vocab)
    vocab[50:50] = COMMON  # ranks 50..59: each in a good share of the articles
    weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))))
    return vocab, weights


def _sentence(rng: random.Random, vocab: list[str], cum: list[float]) -> str:
    words = rng.choices(vocab, cum_weights=cum, k=rng.randint(7, 22))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _blocks(rng: random.Random, vocab: list[str], cum: list[float], host: str) -> list[dict]:
    blocks: list[dict] = []
    for i in range(rng.randint(4, 12)):
        roll = rng.random()
        if i and roll < 0.08:
            blocks.append({"kind": "heading", "text": _sentence(rng, vocab, cum)[:-1], "level": 2})
        elif i and roll < 0.13:
            blocks += [{"kind": "list_item", "text": _sentence(rng, vocab, cum), "level": 1} for _ in range(3)]
        elif i and roll < 0.16:
            blocks.append({"kind": "quote", "text": _sentence(rng, vocab, cum)})
        elif i and roll < 0.18:
            rows = [[rng.choice(vocab) for _ in range(3)] for _ in range(4)]
            blocks.append({"kind": "table", "text": "\n".join(" | ".join(r) for r in rows), "rows": rows})
        elif i and roll < 0.21:
            blocks.append({"kind": "image", "text": _sentence(rng, vocab, cum), "src": f"https://{host}/img/{rng.randrange(10**6)}.jpg"})
        else:
            blocks.append({"kind": "paragraph", "text": " ".join(_sentence(rng, vocab, cum) for _ in range(rng.randint(2, 6)))})
    return blocks


def generate(path: Path, n: int, seed: int = 7) -> None:
    """A corpus of `n` originals plus ~5% duplicate pointers, and runs, at `path`."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Corpus(path).close()  # the schema and indexes, exactly as broadsheet makes them
    rng = random.Random(seed)
    vocab, cum = _vocab(rng, 30_000)
    sites = [(f"www.{w}{i}.example" if i % 3 else f"{w}{i}.example", w.capitalize() + " News") for i, w in enumerate(vocab[100:160])]
    site_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(sites))]
    field_rate = {name: rng.uniform(0.5, 1.0) for name in ("description", "authors", "date_modified", "section", "tags", "image")}
    start = date(2023, 1, 1)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    columns = ", ".join(RECORD_FIELDS)
    insert = f"INSERT INTO articles(seq, {columns}, text_hash) VALUES ({', '.join('?' * (len(RECORD_FIELDS) + 2))})"
    originals: list[tuple[int, str, str, str, str]] = []
    seq = 0
    rows, fts = [], []
    for i in range(n):
        seq += 1
        host, name = rng.choices(sites, weights=site_weights)[0]
        lang = rng.choices([lang for lang, _ in LANGS], weights=[w for _, w in LANGS])[0]
        day = start + timedelta(days=int(rng.triangular(0, 730, 700)))
        stamp = f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
        blocks = _blocks(rng, vocab, cum, host)
        text = "\n\n".join(b["text"] for b in blocks if b["kind"] != "image")
        title = _sentence(rng, vocab, cum)[:-1]
        url = f"https://{host}/{day.year}/{day.month:02d}/{i}-{title.split()[0].lower()}"
        has = {k: rng.random() < rate for k, rate in field_rate.items()}
        record = {
            "url": url,
            "canonical_url": url if rng.random() < 0.9 else None,
            "title": title,
            "description": _sentence(rng, vocab, cum) if has["description"] else None,
            "authors": [f"{rng.choice(vocab).capitalize()} {rng.choice(vocab).capitalize()}"] if has["authors"] else [],
            "date_published": stamp if rng.random() < 0.97 else None,
            "date_modified": stamp if has["date_modified"] else None,
            "site_name": name if rng.random() < 0.85 else None,
            "section": rng.choice(SECTIONS[:-1]) if has["section"] else None,
            "tags": rng.sample(COMMON, 2) if has["tags"] else [],
            "language": lang,
            "image": f"https://{host}/img/lead{i}.jpg" if has["image"] else None,
            "text": text,
            "origin": "http",
            "fetched_at": stamp,
            "duplicate_of": None,
        }
        record["sources"] = {k: rng.choice(["json-ld", "opengraph", "html-meta", "url", "body"]) for k in record
                             if k not in ("text", "origin", "fetched_at", "duplicate_of") and record[k]}
        record["blocks"] = blocks
        text_hash = hashlib.sha1(text.encode()).hexdigest()
        record["id"] = hashlib.sha256(f"{url}\x00{text_hash}".encode()).hexdigest()[:16]
        rows.append(_row(seq, record, text_hash))
        fts.append((seq, title, text))
        originals.append((seq, record["id"], url, text_hash, title))
        if rng.random() < 0.05:  # a syndicated copy on another site, or the same story again
            orig = rng.choice(originals)
            seq += 1
            copy_host = rng.choice(sites)[0]
            dup = dict(record, url=f"https://{copy_host}/wire/{seq}", canonical_url=None, text="", blocks=[],
                       duplicate_of=orig[1], title=orig[4])
            exact = rng.random() < 0.6
            dup_hash = orig[3] if exact else hashlib.sha1(f"near{seq}".encode()).hexdigest()
            dup["id"] = hashlib.sha256(f"{dup['url']}\x00{dup_hash}".encode()).hexdigest()[:16]
            rows.append(_row(seq, dup, dup_hash))
        if len(rows) >= 2000:
            _flush(db, insert, rows, fts)
    _flush(db, insert, rows, fts)
    _runs(db, rng, n)
    db.execute("COMMIT")
    db.execute("PRAGMA optimize")
    db.close()


def _row(seq: int, record: dict, text_hash: str) -> list:
    json_fields = {"authors", "tags", "sources", "blocks"}
    return [seq] + [json.dumps(record.get(k), ensure_ascii=False) if k in json_fields else record.get(k)
                    for k in RECORD_FIELDS] + [text_hash]


def _flush(db: sqlite3.Connection, insert: str, rows: list, fts: list) -> None:
    db.executemany(insert, rows)
    db.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", fts)
    rows.clear()
    fts.clear()


def _runs(db: sqlite3.Connection, rng: random.Random, n: int) -> None:
    """A few hundred past runs, as `Pipeline.close` records them."""
    when = time.time() - 86400 * 400
    for _ in range(300):
        pages = rng.randint(50, 2 * n // 300 + 100)
        stored = int(pages * rng.uniform(0.5, 0.9))
        skipped = {"no body": pages // 10, "index page": pages // 20}
        errors = {"fetch failed": rng.randint(0, 5)} if rng.random() < 0.5 else {}
        seconds = pages / rng.uniform(20, 200)
        dup = {"exact": pages // 40, "near": pages // 60}
        counts = {"pages": pages, "articles": stored, "duplicates": dup, "skipped": skipped, "errors": errors,
                  "ignored": {}, "failed_sources": [], "seconds": round(seconds, 3)}
        summary = (f"{pages} pages, {stored} articles, {sum(dup.values())} duplicates, "
                   f"{sum(skipped.values())} skipped, {sum(errors.values())} errors in {seconds:.1f}s "
                   f"({pages / seconds:.1f} pages/s)")
        started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(when))
        ended = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(when + seconds))
        db.execute("INSERT INTO runs(command, started, ended, summary, counts, pages_per_s) VALUES (?, ?, ?, ?, ?, ?)",
                   (rng.choice(["ingest", "crawl"]), started, ended, summary, json.dumps(counts), pages / seconds))
        when += 86400 * rng.uniform(0.5, 2)


# -- measuring ---------------------------------------------------------------------------
def _start(corpus: Path) -> tuple[subprocess.Popen, str, float]:
    """`broadsheet serve` on a free loopback port; (process, base URL, seconds to the link)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "broadsheet", "serve", "--corpus", str(corpus), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"})
    line = proc.stdout.readline()
    if " at http://" not in line:
        proc.kill()
        raise SystemExit(f"serve did not start: {line}{proc.stderr.read()}")
    return proc, line.split(" at ")[1].split()[0].rstrip("/"), time.perf_counter() - started


def _sample(corpus: Path, rng: random.Random) -> dict[str, list]:
    db = sqlite3.connect(f"file:{corpus}?mode=ro", uri=True)
    top = db.execute("SELECT max(seq) FROM articles").fetchone()[0]
    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE seq IN (%s)" % ",".join(
        str(rng.randint(1, top)) for _ in range(400)))]
    copied = [r[0] for r in db.execute(
        "SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY random() LIMIT 200")]
    db.close()
    return {"ids": ids, "copied": copied}


def _views(base: str, rng: random.Random, sample: dict, overview: dict, seed: int) -> dict[str, list[str]]:
    """URLs to time, per view (each list is cycled through)."""
    vocab, _ = _vocab(random.Random(seed), 30_000)
    sites = [s["site"] for s in overview["sites"]]
    mid, rare = vocab[200:1200], vocab[5000:20000]
    q = lambda **p: base + "/?" + urlencode(p)  # noqa: E731
    api = lambda **p: base + "/api/search?" + urlencode(p)  # noqa: E731
    days = [d["day"] for d in overview["days"]]
    def span() -> dict:
        a = rng.choice(days[:-30])
        return {"since": a, "until": (date.fromisoformat(a) + timedelta(days=rng.randint(1, 30))).isoformat()}
    n = 40
    return {
        "search: common word": [q(q=rng.choice(COMMON)) for _ in range(n)],
        "search: mid-frequency word": [q(q=rng.choice(mid)) for _ in range(n)],
        "search: rare word": [q(q=rng.choice(rare)) for _ in range(n)],
        "search: two words / phrase / OR": [q(q=rng.choice([f"{rng.choice(COMMON)} {rng.choice(mid)}",
                                                           f'"{rng.choice(COMMON)} {rng.choice(COMMON)}"',
                                                           f"{rng.choice(COMMON)} OR {rng.choice(COMMON)}"]))
                                            for _ in range(n)],
        "search: word + site + language": [q(q=rng.choice(COMMON), site=rng.choice(sites), language=rng.choice(LANGS)[0])
                                           for _ in range(n)],
        "search: word + date range": [q(q=rng.choice(COMMON), **span()) for _ in range(n)],
        "search: page 50 of a common word": [q(q=rng.choice(COMMON), page=50) for _ in range(n)],
        "browse: newest": [q(page=rng.randint(1, 20)) for _ in range(n)],
        "browse: site / language / section": [q(site=rng.choice(sites), language=rng.choice(LANGS)[0],
                                                 section=rng.choice(SECTIONS[:-1])) for _ in range(n)],
        "browse: date range": [q(**span()) for _ in range(n)],
        "article": [f"{base}/article/{i}" for i in sample["ids"][:n * 2]],
        "article with duplicates": [f"{base}/article/{i}" for i in sample["copied"][:n]],
        "overview": [base + "/overview"] * n,
        "runs": [base + "/runs"] * n,
        "api: search": [api(q=rng.choice(COMMON + mid[:50]), site=rng.choice(sites)) for _ in range(n)],
        "api: article": [f"{base}/api/article/{i}" for i in sample["ids"][n:n * 2]],
        "api: overview": [base + "/api/overview"] * n,
    }


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(corpus: Path, rounds: int, seed: int = 7) -> dict:
    rng = random.Random(seed + 1)
    proc, base, start_s = _start(corpus)
    try:
        client = httpx.Client(timeout=60)
        t0 = time.perf_counter()
        overview = client.get(base + "/api/overview").json()
        first = time.perf_counter() - t0
        views = _views(base, rng, _sample(corpus, rng), overview, seed)
        results = {}
        for name, urls in views.items():
            client.get(urls[0])  # one warm-up request per view
            times = []
            for i in range(rounds):
                t = time.perf_counter()
                r = client.get(urls[i % len(urls)])
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (r.status_code, urls[i % len(urls)])
            results[name] = {"p50_ms": round(_pct(times, 50), 1), "p95_ms": round(_pct(times, 95), 1),
                             "max_ms": round(max(times), 1), "n": len(times)}
        client.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"articles": overview["articles"], "start_to_link_s": round(start_s, 2),
            "overview_first_load_s": round(first, 2), "views": results}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, help="keep the generated corpus here and reuse it next time")
    ap.add_argument("--rounds", type=int, default=40, help="timed requests per view")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--quick", action="store_true", help="5,000 articles, 10 rounds: check the script works")
    args = ap.parse_args()
    if args.quick:
        args.articles, args.rounds = 5_000, 10
    import tempfile

    tmp = tempfile.TemporaryDirectory()
    corpus = args.corpus or Path(tmp.name) / f"serve-{args.articles}.sqlite"
    if not corpus.exists():
        t = time.perf_counter()
        generate(corpus, args.articles)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - t:.0f}s "
              f"({corpus.stat().st_size / 2**20:.0f} MiB): {corpus}", file=sys.stderr)
    out = measure(corpus, args.rounds)
    print(f"corpus: {out['articles']:,} articles; serve printed its link after {out['start_to_link_s']}s; "
          f"overview counted (first load) in {out['overview_first_load_s']}s")
    print(f"{'view':36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, r in out["views"].items():
        print(f"{name:36} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f}")
    worst = max(r["p95_ms"] for r in out["views"].values())
    print(f"worst p95: {worst:.1f} ms ({'under' if worst < 300 else 'OVER'} the 300 ms goal)")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
