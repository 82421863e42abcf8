"""Metadata mode of `broadsheet bench`: per-field accuracy on a set with per-field truth.

The layout is ../shared/bench/meta-dev's: `truth.json` (id -> {url, field: value, ...,
absent: [fields the page has none of]}) and `pages/<id>.html`. The scoring follows that
set's README so our figures compare with its table of published tools:

- a field is scored on the pages whose truth has a value; a missing prediction is wrong;
- text is normalised (NFKC, casefold, punctuation and symbols dropped, whitespace
  collapsed); `title`/`description` are right on an exact normalised match, token-F1 is
  reported too;
- `authors`, `tags`, `section` are split on `, ; & | /` and and/und/et, a leading
  By/Von/Par/Por/Author is dropped; right when the normalised sets are equal (set-F1 too);
- dates: the same calendar day as written; `language`: the same primary subtag;
  `image`: the same URL without scheme, `www.`, default port, fragment, trailing slash;
- coverage is the share of scored pages with a value; spurious the share of pages whose
  truth lists the field under `absent` that got a value anyway.

Only this module reads truth.json; the extractor never sees it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from broadsheet.errors import InputError

#: Fields in print order; only those the set annotates are printed.
FIELDS = (
    "title", "authors", "date_published", "description", "site_name",
    "section", "tags", "language", "image",
)
TEXT_FIELDS = frozenset({"title", "description", "site_name"})
SET_FIELDS = frozenset({"authors", "tags", "section"})
_SPLIT = re.compile(r"\s*(?:[,;&|/]|\b(?:and|und|et)\b)\s*", re.IGNORECASE)
_LEADING = re.compile(r"^\s*(?:by|von|par|por|author)\b[:\s]*", re.IGNORECASE)
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

#: truth.json as read: page id -> {url, field: value, ..., absent: [fields]} (JSON values).
Truth = dict[str, dict[str, Any]]
#: page id -> Article.to_dict(blocks=False) ({} where extraction failed).
Predictions = dict[str, dict[str, Any]]


def normalise(text: str) -> str:
    """NFKC, casefold, punctuation and symbols dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text]
    return " ".join("".join(kept).split())


def name_set(value: Any) -> set[str]:
    """The normalised set of names in a string or list of strings (authors, tags, section)."""
    items = value if isinstance(value, list) else [value] if value else []
    out = set()
    for item in items:
        # Blank runs made one space first: the separator pattern tried at each blank of a
        # long run read the run to its end each time (quadratic: 37 s for 40,000 blanks in a
        # truth value, sweep RX2, s18); each part is normalised, blanks collapsed, after.
        for part in _SPLIT.split(" ".join(str(item).split())):
            name = normalise(_LEADING.sub("", part))
            if name:
                out.add(name)
    return out


def token_f1(true: str, pred: str) -> float:
    t, p = Counter(normalise(true).split()), Counter(normalise(pred).split())
    common = sum((t & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def set_f1(true: set[str], pred: set[str]) -> float:
    common = len(true & pred)
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(true)
    return 2 * precision * recall / (precision + recall)


def day(value: Any) -> str | None:
    m = _DAY.search(str(value or ""))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def norm_url(url: str) -> str:
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE).split("#")[0]
    host, _, rest = url.partition("/")
    host = re.sub(r"^www\.", "", host.lower())
    host = re.sub(r":(?:80|443)$", "", host)
    return (host + "/" + rest).rstrip("/")


def has_value(value: Any) -> bool:
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return bool(value and str(value).strip())


def score_field(name: str, true: Any, pred: Any) -> tuple[bool, float]:
    """(right, partial credit) of one prediction against one truth value."""
    if not has_value(pred):
        return False, 0.0
    if name in SET_FIELDS:
        t, p = name_set(true), name_set(pred)
        return t == p, set_f1(t, p)
    if name.startswith("date"):
        right = day(true) is not None and day(true) == day(pred)
        return right, float(right)
    if name == "language":
        right = str(true).split("-")[0].lower() == str(pred).split("-")[0].lower()
        return right, float(right)
    if name == "image":
        right = norm_url(str(true)) == norm_url(str(pred))
        return right, float(right)
    right = normalise(str(true)) == normalise(str(pred))
    return right, token_f1(str(true), str(pred))


@dataclass
class FieldScore:
    scored: int = 0
    right: int = 0
    covered: int = 0
    partial: float = 0.0
    absent: int = 0
    spurious: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    def row(self, name: str) -> str:
        def pct(a: float, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "    -"

        return (
            f"{name:<15}{self.scored:>6} {pct(self.right, self.scored)} {pct(self.covered, self.scored)}"
            f" {pct(self.partial, self.scored)} {self.absent:>7} {pct(self.spurious, self.absent)}"
        )


HEADER = f"{'field':<15}{'pages':>6} {'acc':>6} {'cover':>6} {'F1':>6} {'absent':>7} {'spur':>6}"


def score_set(truth: Truth, predictions: Predictions) -> dict[str, FieldScore]:
    """Per-field scores of predictions (id -> Article.to_dict()) against the truth."""
    scores: dict[str, FieldScore] = {}
    for page_id, entry in truth.items():
        pred = predictions.get(page_id, {})
        for name in FIELDS:
            fs = scores.setdefault(name, FieldScore())
            if name in entry.get("absent", ()):
                fs.absent += 1
                if has_value(pred.get(name)):
                    fs.spurious += 1
                    fs.misses.append((page_id, None, pred.get(name)))
            elif name in entry:
                fs.scored += 1
                fs.covered += has_value(pred.get(name))
                right, partial = score_field(name, entry[name], pred.get(name))
                fs.right += right
                fs.partial += partial
                if not right:
                    fs.misses.append((page_id, entry[name], pred.get(name)))
    return {k: v for k, v in scores.items() if v.scored or v.absent}


def split_ids(ids: Iterable[str], half: str) -> list[str]:
    """A fixed split of page ids into halves 'a' and 'b', by a salted hash of the id.

    The idea of `bench.aeb.split_ids`, but salted: on the meta-dev sets the first byte of
    the plain SHA-1 of every id is even, so the unsalted split puts every page in 'a'.
    """
    out = []
    for page_id in ids:
        h = hashlib.sha1(b"broadsheet-meta-split:" + page_id.encode()).digest()[0] % 2
        if (half == "a") == (h == 0):
            out.append(page_id)
    return out


#: Second-level suffixes under which names are registered (news.example.co.uk -> example.co.uk).
_SECOND_LEVEL = frozenset(
    """co.uk org.uk ac.uk gov.uk me.uk com.au net.au org.au co.nz co.za co.jp ne.jp or.jp
    com.br com.mx com.ar com.tr com.cn com.hk com.sg com.tw co.in co.kr or.at co.at gv.at
    com.pl com.ua co.il com.my com.ph com.pe com.co com.ve com.ec com.uy""".split()
)
#: Hosting platforms where each subdomain is a site of its own (someone.blogspot.com).
_PLATFORMS = frozenset(
    """blogspot.com wordpress.com tumblr.com substack.com github.io wixsite.com weebly.com
    livejournal.com over-blog.com jimdo.com hypotheses.org typepad.com blogger.com
    canalblog.com""".split()
)
_ID_NUMBER = re.compile(r"[-_]\d+$")
SIDES = ("fit", "held")


def registrable_host(url: str | None) -> str:
    """The site a URL belongs to: its registrable domain (www.news.example.co.uk ->
    example.co.uk), a blog platform's subdomain kept (someone.blogspot.com); "" if none."""
    try:
        host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    labels = [x for x in host.split(".") if x]
    if len(labels) <= 2 or all(x.isdigit() for x in labels):
        return ".".join(labels)
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL | _PLATFORMS else 2
    return ".".join(labels[-keep:])


def site_keys(truth: Truth) -> dict[str, str]:
    """id -> the site the page comes from: its URL's registrable host. Where the URLs are
    placeholders (one URL for every page, as in the readability set) or missing, the id
    without a trailing number stands for the site ("nytimes-2" -> "nytimes")."""
    placeholder = len(truth) > 1 and len({entry.get("url") for entry in truth.values()}) == 1
    return {
        i: (not placeholder and registrable_host(entry.get("url"))) or _ID_NUMBER.sub("", i)
        for i, entry in truth.items()
    }


def split_sites(truth: Truth, side: str) -> list[str]:
    """The ids of one side ('fit' or 'held') of a fixed split by site: a salted hash of
    each page's site (`site_keys`) puts all pages of a host on one side, so rules fitted
    on one side are measured on sites they never saw. A page in two sets (same URL)
    falls on the same side in both."""
    if side not in SIDES:
        raise InputError(f"side must be one of {', '.join(SIDES)}, not {side!r}")
    keys = site_keys(truth)
    out = []
    for page_id in sorted(truth):
        h = hashlib.sha1(b"broadsheet-meta-site:" + keys[page_id].encode()).digest()[0] % 2
        if (side == "fit") == (h == 0):
            out.append(page_id)
    return out


def select(truth: Truth, args: argparse.Namespace) -> tuple[list[str], str]:
    """The ids a run scores and a label for them: all of them; one half by id (`--half
    a|b`); or one side of a split (`--side fit|held`), by site unless `--split id` (then
    fit is half a, held half b)."""
    side, half = getattr(args, "side", None), getattr(args, "half", None)
    split = getattr(args, "split", None)
    if side and half:
        raise InputError("--half and --side both choose pages: give one of them")
    if split and not side:
        raise InputError("--split needs --side fit|held")
    if side:
        if (split or "site") == "site":
            return split_sites(truth, side), f" {side} side (split by site)"
        half = "a" if side == "fit" else "b"
    if half:
        return split_ids(sorted(truth), half), f" half {half}"
    return sorted(truth), ""


def load_truth(folder: Path) -> Truth:
    truth_path = folder / "truth.json"
    if not truth_path.is_file() or not (folder / "pages").is_dir():
        raise InputError(f"{folder} is not a metadata set: expected truth.json and pages/ in it")
    from broadsheet.bench.aeb import read_truth

    truth: Truth = read_truth(truth_path, '{"<page id>": {"url": "...", "<field>": value, ..., "absent": [...]}, ...}')
    return truth


def predict(folder: Path, ids: Iterable[str], truth: Truth) -> tuple[Predictions, float, float]:
    """Run the real pipeline on each page: (predictions, total seconds, metadata seconds).

    The metadata share is measured on a second parse of the same page (read_metadata on
    the intact tree, finish_metadata on the extracted text), so `extract` stays untouched.
    """
    from broadsheet.extract import extract
    from broadsheet.extract.decode import decode
    from broadsheet.extract.dom import parse
    from broadsheet.extract.meta import finish_metadata, read_metadata
    from broadsheet.extract.meta.language import detect

    detect("warm " * 100)  # load the language model once, outside the per-page timing
    predictions: Predictions = {}
    total = meta_time = 0.0
    for page_id in ids:
        path = folder / "pages" / f"{page_id}.html"
        if not path.is_file():
            continue
        data, url = path.read_bytes(), truth[page_id].get("url")
        start = time.perf_counter()
        try:
            article = extract(data, url)
        except Exception:  # a crash on one page scores as no prediction at all
            predictions[page_id] = {}
            continue
        total += time.perf_counter() - start
        predictions[page_id] = article.to_dict(blocks=False)
        text, _ = decode(data, None)
        if text.strip():
            tree = parse(text)
            start = time.perf_counter()
            meta = read_metadata(tree, url)
            finish_metadata(meta, article.text)
            meta_time += time.perf_counter() - start
    return predictions, total, meta_time


def main(folder: Path, args: argparse.Namespace) -> int:
    truth = load_truth(folder)
    draws = getattr(args, "noise", None)
    if draws is not None:
        return _noise(folder, truth, args, draws)
    ids, label = select(truth, args)
    predictions, total, meta_time = predict(folder, ids, truth)
    scores = score_set({i: truth[i] for i in ids}, predictions)
    n = len(predictions)
    print(f"{folder.name}{label}: {n} pages")
    print(HEADER)
    for name in FIELDS:
        if name in scores:
            print(scores[name].row(name))
    if n and total:
        print(
            f"{n / total:.1f} pages/s  extract {1000 * total / n:.2f} ms/page  "
            f"metadata {1000 * meta_time / n:.2f} ms/page ({100 * meta_time / total:.0f}% of extract)"
        )
    worst = getattr(args, "worst", 0) or 0
    if worst:
        for name in FIELDS:
            if name in scores and scores[name].misses:
                print(f"\n{name}: misses")
                for page_id, true, pred in scores[name].misses[:worst]:
                    print(f"  {page_id[:16]}  truth={_short(true)}  got={_short(pred)}")
    return 0


def _short(value: Any, limit: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Fewest random splits `--noise` draws (`_noise`).
MIN_NOISE_DRAWS = 200


def _noise(folder: Path, truth: Truth, args: argparse.Namespace, draws: int) -> int:
    """`--noise N`: every page scored once, then per field the fixed site split's gap beside
    the spread of N random site splits (`split_noise`). Aggregates only: no page is shown."""
    from broadsheet.bench.split_noise import HEADER as NOISE_HEADER, LEGEND, split_noise

    if draws < MIN_NOISE_DRAWS:
        # A few draws of a fixed seed are known splits: with the fitting side's per-page
        # results, their gaps would give away the held side's sites one by one.
        raise InputError(f"--noise needs at least {MIN_NOISE_DRAWS} random splits, not {draws}")
    if getattr(args, "side", None) or getattr(args, "half", None) or getattr(args, "split", None):
        raise InputError("--noise scores both sides of the split by site: drop --side, --half and --split")
    if getattr(args, "worst", 0):
        raise InputError("--noise shows aggregates only: drop --worst (per-page misses would show the held side)")
    ids = sorted(truth)
    predictions, _, _ = predict(folder, ids, truth)
    sites = site_keys(truth)
    fit_sites = {sites[i] for i in split_sites(truth, "fit")}
    print(f"{folder.name}: {len(predictions)} pages; {draws} random splits by site")
    print(NOISE_HEADER)
    for name in FIELDS:
        per_site: dict[str, tuple[int, int]] = {}
        for page_id in ids:
            entry = truth[page_id]
            if page_id not in predictions or name not in entry or name in entry.get("absent", ()):
                continue
            right, _ = score_field(name, entry[name], predictions[page_id].get(name))
            got, scored = per_site.get(sites[page_id], (0, 0))
            per_site[sites[page_id]] = (got + right, scored + 1)
        row = split_noise(per_site, fit_sites, draws)
        if row is not None:
            print(row.row(name))
    print(LEGEND)
    return 0
