"""`broadsheet search QUERY`: ranked full-text hits from the corpus, each with a snippet."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from broadsheet.corpus import DEFAULT_PATH, Hit
from broadsheet.corpus.search import MAX_LIMIT, MAX_TERMS
from broadsheet.errors import InputError
from broadsheet.jsonlines import json_line


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search over the corpus's titles and texts",
        description="Search titles and texts (SQLite FTS5, BM25 ranking). QUERY may use FTS5 syntax: "
        f'"exact phrase", OR, NOT, prefix*. A longer query (more than {MAX_TERMS} terms, a pasted paragraph) '
        f"is searched by its {MAX_TERMS} rarest words.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--corpus", default=DEFAULT_PATH, help=f"the SQLite corpus (default: {DEFAULT_PATH})")
    p.add_argument("--limit", type=int, default=10, help=f"number of hits, 1 to {MAX_LIMIT} (default: 10)")
    p.add_argument("--json", action="store_true", help="one JSON object per hit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from broadsheet.cli import writing
    from broadsheet.corpus import Corpus

    if not 1 <= args.limit <= MAX_LIMIT:
        raise InputError(f"--limit must be between 1 and {MAX_LIMIT}, not {args.limit}")
    if not Path(args.corpus).exists():
        raise InputError(f"{args.corpus}: no corpus here; create one with `broadsheet ingest` or give --corpus")
    with Corpus(args.corpus) as corpus:
        hits = corpus.search(" ".join(args.query), limit=args.limit)
        # Records stored without a URL (saved pages, before their canonical URL was used):
        # where they came from says more than an id.
        where = {hit.id: _where(corpus.get(hit.id)) for hit in hits if not hit.url}
    with writing("-"):
        for rank, hit in enumerate(hits, 1):
            if args.json:
                sys.stdout.write(json_line(_hit(rank, hit)))
                continue
            date = (hit.date_published or "")[:10]
            print(f"{rank}. {hit.title or '(untitled)'}" + (f"  [{date}]" if date else ""))
            print(f"   {hit.url or where.get(hit.id) or hit.id}")
            print(f"   {hit.snippet}")
    if not hits:
        print("broadsheet: no matches", file=sys.stderr)
    return 0


def _where(record: dict[str, Any] | None) -> str | None:
    """A record's canonical URL, else its origin (a file path, a WARC record), with its id."""
    if not record:
        return None
    place = record.get("canonical_url") or record.get("origin")
    return f"{place}  (id {record['id']})" if place else None


def _hit(rank: int, hit: Hit) -> dict[str, object]:
    return {
        "rank": rank,
        "id": hit.id,
        "title": hit.title,
        "url": hit.url,
        "date_published": hit.date_published,
        "snippet": hit.snippet,
        "score": round(hit.score, 4),
    }
