"""The article-extraction-benchmark's body-text metric, so our figures compare with its table.

Tokens are `\\w+` runs (Unicode, case kept); a text is a multiset of 4-token shingles (a text
of 1-3 tokens is one shingle). Per page, TP/FP/FN are multiset overlaps normalised to sum to
1; precision is the mean over pages with a prediction, recall the mean over pages with
expected text, F1 the harmonic mean of the two means. Accuracy is the share of pages whose
token sequence matches exactly.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from broadsheet.errors import InputError

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(toks: list[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(tokens(true)), shingles(tokens(pred))
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


@dataclass
class PageScore:
    page_id: str
    tp: float
    fp: float
    fn: float
    exact: bool
    empty: bool
    seconds: float = 0.0

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Summary:
    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    empty: int
    seconds: float
    scores: list[PageScore] = field(default_factory=list)

    def line(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return (
            f"pages {self.pages}  F1 {self.f1:.4f}  precision {self.precision:.4f}  "
            f"recall {self.recall:.4f}  accuracy {self.accuracy:.4f}  "
            f"empty {self.empty}  {rate:.1f} pages/s"
        )


def score_page(page_id: str, true: str, pred: str, seconds: float = 0.0) -> PageScore:
    tp, fp, fn = match(true, pred)
    return PageScore(page_id, tp, fp, fn, tokens(true) == tokens(pred), not tokens(pred), seconds)


def summarise(scores: list[PageScore]) -> Summary:
    precs = [s.tp / (s.tp + s.fp) for s in scores if s.tp + s.fp > 0]
    recs = [s.tp / (s.tp + s.fn) for s in scores if s.tp + s.fn > 0]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(
        pages=len(scores),
        precision=p,
        recall=r,
        f1=f1,
        accuracy=acc,
        empty=sum(s.empty for s in scores),
        seconds=sum(s.seconds for s in scores),
        scores=scores,
    )


@dataclass(frozen=True)
class BenchPage:
    page_id: str
    html: bytes
    url: str | None
    expected: str


#: Byte order marks, as the Latin-1 reading of a truth file's bytes starts with them.
_BOMS = (("\xef\xbb\xbf", "utf-8-sig"), ("\xff\xfe", "utf-16"), ("\xfe\xff", "utf-16"))


def truth_text(text: str) -> str:
    """An expected text as its file's author wrote it. Some truth texts are the bytes of a
    UTF-16 or UTF-8 file read as Latin-1 (each byte one character, a NUL after every
    ASCII letter of UTF-16: each letter a token of its own); such a text is decoded again by its byte
    order mark (a byte that cannot be decoded becomes U+FFFD), or as UTF-8 where it is
    valid UTF-8. Any other text is kept as it is."""
    if not text or max(text) > "\xff" or text.isascii():
        return text  # not bytes read as Latin-1, or the same in every reading
    raw = text.encode("latin-1")
    for bom, codec in _BOMS:
        if text.startswith(bom):  # the mark decides; a stray odd byte at the end is no letter
            return raw.decode(codec, errors="replace")  # "utf-16" reads the mark for the byte order
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return text


def read_truth(path: Path, example: str) -> dict[str, dict[str, Any]]:
    """A ground-truth file: a JSON object of page id -> object; InputError saying what is
    wrong (not JSON, another shape) otherwise. `example` shows the expected shape."""
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not valid UTF-8 JSON ({exc}); it should be {example}") from None
    if not isinstance(truth, dict):
        raise InputError(f"{path} holds a JSON {type(truth).__name__}; it should be {example}")
    for page_id, entry in truth.items():
        if not isinstance(entry, dict):
            raise InputError(f"{path}: page {page_id!r} is a JSON {type(entry).__name__}, not an object; "
                             f"it should be {example}")
    return truth


def load_truth(folder: Path) -> dict[str, dict[str, Any]]:
    """`ground-truth.json` of an AEB-layout folder (InputError without it or `html/`)."""
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file() or not (folder / "html").is_dir():
        raise InputError(
            f"{folder} is not a body-text benchmark: expected ground-truth.json and html/ in it"
        )
    return read_truth(truth_path, '{"<page id>": {"articleBody": "...", "url": "..."}, ...}')


def load_dataset(folder: str | Path, ids: Iterable[str] | None = None) -> Iterator[BenchPage]:
    """Pages of an AEB-layout folder: `ground-truth.json` (id -> articleBody, url) + `html/`."""
    folder = Path(folder)
    truth = load_truth(folder)
    wanted = set(ids) if ids is not None else None
    for page_id in sorted(truth):
        if wanted is not None and page_id not in wanted:
            continue
        entry = truth[page_id]
        for name in (f"{page_id}.html.gz", f"{page_id}.html"):
            path = folder / "html" / name
            if path.is_file():
                data = path.read_bytes()
                if name.endswith(".gz"):
                    data = gzip.decompress(data)
                yield BenchPage(page_id, data, entry.get("url"), truth_text(entry.get("articleBody") or ""))
                break


def split_ids(ids: Iterable[str], half: str) -> list[str]:
    """A fixed split of page ids into halves 'a' and 'b' (by id, not by anything in the page)."""
    import hashlib

    out = []
    for page_id in ids:
        h = hashlib.sha1(page_id.encode()).digest()[0] % 2
        if (half == "a") == (h == 0):
            out.append(page_id)
    return out


def run(
    pages: Iterable[BenchPage], extract_text: Callable[[BenchPage], str]
) -> Summary:
    scores = []
    for page in pages:
        start = time.perf_counter()
        try:
            pred = extract_text(page)
        except Exception:  # a crash on one page scores as an empty prediction
            pred = ""
        scores.append(score_page(page.page_id, page.expected, pred, time.perf_counter() - start))
    return summarise(scores)


def worst_report(summary: Summary, pages: dict[str, BenchPage], predictions: dict[str, str], n: int) -> str:
    """The n lowest-F1 pages with what was missed and what was extra (shingle level)."""
    lines = []
    for s in sorted(summary.scores, key=lambda s: s.f1)[:n]:
        page = pages[s.page_id]
        t, p = tokens(page.expected), tokens(predictions.get(s.page_id, ""))
        missed = _runs(t, shingles(t) - shingles(p))
        extra = _runs(p, shingles(p) - shingles(t))
        lines.append(f"{s.page_id[:16]}  F1 {s.f1:.3f}  {page.url or ''}")
        for label, runs in (("missed", missed), ("extra", extra)):
            for run_text in runs[:3]:
                lines.append(f"    {label}: {run_text[:200]}")
    return "\n".join(lines)


def _runs(toks: list[str], diff: Counter[tuple[str, ...]]) -> list[str]:
    """Contiguous stretches of `toks` covered by shingles in `diff`, longest first."""
    left = Counter(diff)
    covered = [False] * len(toks)
    for i in range(max(1, len(toks) - SHINGLE + 1)):
        sh = tuple(toks[i : i + SHINGLE])
        if left.get(sh):
            left[sh] -= 1
            for j in range(i, min(i + SHINGLE, len(toks))):
                covered[j] = True
    runs: list[list[str]] = [[]]
    for tok, flag in zip(toks, covered):
        if flag:
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    return [" ".join(r) for r in sorted((r for r in runs if r), key=len, reverse=True)]
