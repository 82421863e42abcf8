"""The overview's counts, kept up to date by folding in only what was added since.

Articles and runs are only ever appended to a corpus (rows get new, higher `seq`/`id`
numbers; nothing rewrites or deletes them), so the counts are a fold over rows in `seq`
order: the first request reads every row once (the server starts that at launch), and
each later one reads only the rows committed since, which keeps the overview fast on a
large corpus and live while an ingest or crawl writes to it. A corpus file replaced by
another (a new inode) or one that shrank is counted again from the start.
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from typing import Any

from broadsheet.corpus.schema import HOST_SQL
from broadsheet.model import META_FIELDS
from broadsheet.web.db import Reader

CHUNK = 20_000
MOST_COPIED = 10
#: Which META_FIELDS an article has, as one bit mask (bit i: field i is not empty).
_PRESENT = " | ".join(f"((coalesce({name}, '') NOT IN ('', '[]')) << {i})" for i, name in enumerate(META_FIELDS))
_FOLD = f"""
SELECT a.seq, {HOST_SQL}, a.site_name, substr(a.date_published, 1, 10), a.language, a.section, a.duplicate_of,
       CASE WHEN a.duplicate_of IS NULL THEN NULL
            ELSE (SELECT o.text_hash = a.text_hash FROM articles o WHERE o.id = a.duplicate_of) END,
       {_PRESENT}
FROM articles a WHERE a.seq > ? ORDER BY a.seq LIMIT ?
"""


class Overview:
    """Counts per site, day, language and section; field coverage; duplicates; past runs."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.identity: tuple[int, int] | None = None
        self.last_seq = 0
        self.last_run = 0
        self.originals = 0
        self.duplicates: Counter[str] = Counter()  # "exact" / "near"
        self.copies: Counter[str] = Counter()  # original id -> duplicates
        self.hosts: Counter[str] = Counter()
        self.names: Counter[tuple[str, str]] = Counter()  # (host, site_name) -> articles
        self.days: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.sections: Counter[str] = Counter()
        self.masks: Counter[tuple[str, int]] = Counter()  # (host, bit mask of the fields it has) -> articles
        self.runs = 0
        self.run_counts: dict[str, Counter[str]] = {k: Counter() for k in ("skipped", "errors", "ignored", "duplicates")}
        self.run_pages = 0

    def refresh(self) -> None:
        """Fold in the rows added since the last call."""
        with self._lock:
            identity = self.reader.identity()
            top = self.reader.value("SELECT max(seq) FROM articles") or 0
            if identity != self.identity or top < self.last_seq:
                self._reset()
                self.identity = identity
            while self.last_seq < top:
                rows = self.reader.rows(_FOLD, (self.last_seq, CHUNK))
                if not rows:
                    break
                self._fold(rows)
                self.last_seq = rows[-1][0]
            if self.reader.has("runs"):
                for row in self.reader.rows("SELECT id, counts FROM runs WHERE id > ? ORDER BY id", (self.last_run,)):
                    self._fold_run(row[1])
                    self.last_run = row[0]

    def _fold(self, rows: list[Any]) -> None:
        hosts, names, days, languages, sections, masks = (
            self.hosts, self.names, self.days, self.languages, self.sections, self.masks)
        for _seq, host, name, day, language, section, duplicate_of, exact, mask in rows:
            if duplicate_of is not None:
                self.duplicates["exact" if exact else "near"] += 1
                self.copies[duplicate_of] += 1
                continue
            host = host or ""
            hosts[host] += 1
            if name:
                names[host, name] += 1
            days[day or ""] += 1
            languages[language or ""] += 1
            sections[section or ""] += 1
            masks[host, mask] += 1
        self.originals = sum(hosts.values())

    def _fold_run(self, text: str) -> None:
        try:
            counts = json.loads(text)
        except ValueError:
            return
        if not isinstance(counts, dict):
            return
        self.runs += 1
        pages = counts.get("pages")
        self.run_pages += pages if isinstance(pages, int) else 0
        for key, total in self.run_counts.items():
            value = counts.get(key)
            if isinstance(value, dict):
                total.update({str(k): v for k, v in value.items() if isinstance(v, int)})

    # -- views ----------------------------------------------------------------------------
    def facets(self) -> dict[str, list[dict[str, Any]]]:
        """Known sites, languages and sections with their article counts (for filter menus)."""
        self.refresh()
        with self._lock:
            return {
                "sites": [{"value": k, "articles": n} for k, n in self.hosts.most_common() if k],
                "languages": [{"value": k, "articles": n} for k, n in self.languages.most_common() if k],
                "sections": [{"value": k, "articles": n} for k, n in self.sections.most_common() if k],
            }

    def snapshot(self) -> dict[str, Any]:
        """Everything the overview shows, as plain JSON types."""
        self.refresh()
        with self._lock:
            have: dict[str, list[int]] = {}
            for (host, mask), n in self.masks.items():
                counts = have.setdefault(host, [0] * len(META_FIELDS))
                for i in range(len(META_FIELDS)):
                    if mask >> i & 1:
                        counts[i] += n
            name_of: dict[str, str] = {}
            for (host, name), _n in self.names.most_common():
                name_of.setdefault(host, name)
            totals = [0] * len(META_FIELDS)
            sites = []
            for host, n in self.hosts.most_common():
                counts = have.get(host, [0] * len(META_FIELDS))
                totals = [a + b for a, b in zip(totals, counts)]
                sites.append({"site": host, "name": name_of.get(host), "articles": n,
                              "fields": {f: round(c / n, 4) for f, c in zip(META_FIELDS, counts)}})
            copied = self.copies.most_common(MOST_COPIED)
            out = {
                "articles": self.originals,
                "duplicates": {"exact": self.duplicates["exact"], "near": self.duplicates["near"],
                               "total": sum(self.duplicates.values())},
                "fields": {f: round(c / self.originals, 4) if self.originals else 0.0
                           for f, c in zip(META_FIELDS, totals)},
                "sites": sites,
                "days": [{"day": d, "articles": n} for d, n in sorted(self.days.items()) if d],
                "undated": self.days.get("", 0),
                "languages": [{"language": k or None, "articles": n} for k, n in self.languages.most_common()],
                "sections": [{"section": k or None, "articles": n} for k, n in self.sections.most_common()],
                "runs": {"count": self.runs, "pages": self.run_pages,
                         **{k: dict(c.most_common()) for k, c in self.run_counts.items()}},
            }
        out["most_copied"] = self._titles(copied)
        return out

    def _titles(self, copied: list[tuple[str, int]]) -> list[dict[str, Any]]:
        if not copied:
            return []
        marks = ",".join("?" * len(copied))
        titles = {r[0]: r[1] for r in self.reader.rows(f"SELECT id, title FROM articles WHERE id IN ({marks})",
                                                        [k for k, _ in copied])}
        return [{"id": k, "title": titles.get(k), "copies": n} for k, n in copied]
