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
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

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
