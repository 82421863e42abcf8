"""broadsheet's metadata against published tools, on the same truth, with the same scorer.

Every tool runs on the pages of each meta-dev set in one process and is scored by
`broadsheet.bench.meta.score_set`, the scorer of `broadsheet bench <meta set>`, so the
"best tool" figures are measured in the same run instead of quoted. Each tool's output is
mapped onto broadsheet's field names:

- broadsheet: `broadsheet.bench.meta.predict` (the full `extract` pipeline);
- trafilatura: `bare_extraction(html, url=url, with_metadata=True)`, default settings:
  title, author -> authors, date -> date_published, description, sitename -> site_name,
  categories -> section, tags; empty strings and lists count as no value;
- htmldate: `find_date(html, url=url, extensive_search=True, original_date=True)`, the
  configuration the set's README quotes: date_published only;
- readability-lxml: `Document(html).short_title()` (the headline readability column):
  title only; `Document(html).title()` (the unshortened <title>) is reported as a second
  variant, "rdb title()".

Peers get the raw page bytes and decode them themselves, as they do on saved pages. A tool
that raises on a page has no prediction for it (crashes are counted and printed). Per set:
one table (rows: fields; per tool: accuracy on the pages with a truth value and the
spurious rate on pages whose truth lists the field as absent; a dash where the tool does not
produce the field), then broadsheet's accuracy against the best peer's per field (over all
peer variants above), then each tool's pages/s.

    python benchmarks/meta_vs_peers.py [SET ...] [--half a|b | --side fit|held [--split site|id]]

`--side` scores one side of the split `broadsheet bench --side` uses (by site: all pages
of a host on one side), so rules fitted on one side are compared on sites they never saw.

SET is a folder, or a name under ../shared/bench/meta-dev (default: trafilatura, htmldate
and readability there); without the data the benchmark is skipped with a message. The peers
are optional bench dependencies (`pip install -e '.[bench]'`; htmldate comes with
trafilatura); a peer that is not installed is skipped with a message.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from broadsheet.bench import meta
from broadsheet.errors import InputError

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "meta-dev"
DEFAULT_SETS = ("trafilatura", "htmldate", "readability")
PEER_LOGGERS = ("trafilatura", "htmldate", "readability", "courlan", "justext", "charset_normalizer")

#: trafilatura's Document attribute -> broadsheet's field name.
TRAFILATURA_FIELDS = {
    "title": "title",
    "author": "authors",
    "date": "date_published",
    "description": "description",
    "sitename": "site_name",
    "categories": "section",
    "tags": "tags",
}


@dataclass
class Tool:
    """A tool under test: its column name, the fields it produces, and page -> prediction."""

    name: str
    fields: frozenset[str]
    run: Callable[[bytes, str | None], dict[str, Any]]
    note: str = ""


@dataclass
class Result:
    """One tool on one set: its predictions, the seconds spent in it, the pages it raised on."""

    predictions: dict[str, dict[str, Any]]
    seconds: float = 0.0
    crashes: list[str] = field(default_factory=list)
    timed_pages: int = 0

    @property
    def rate(self) -> float:
        return self.timed_pages / self.seconds if self.seconds else 0.0


# -- mapping each peer onto our field names ------------------------------------------------------
def _value(value: Any) -> Any:
    """None for empty strings and lists, the value otherwise."""
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value if v is not None and str(v).strip()]
        return items or None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def from_trafilatura(result: Any) -> dict[str, Any]:
    """trafilatura's result (a Document, its `as_dict()`, or None) as broadsheet's fields."""
    if result is None:
        return {}
    data = result if isinstance(result, dict) else result.as_dict()
    out = {}
    for theirs, ours in TRAFILATURA_FIELDS.items():
        value = _value(data.get(theirs))
        if value is not None:
            out[ours] = value
    return out


def trafilatura_predict(html: bytes, url: str | None) -> dict[str, Any]:
    import trafilatura

    return from_trafilatura(trafilatura.bare_extraction(html, url=url, with_metadata=True))


def htmldate_predict(html: bytes, url: str | None) -> dict[str, Any]:
    import htmldate

    found = htmldate.find_date(html, url=url, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    return {"date_published": found} if _value(found) else {}


def readability_predict(html: bytes, url: str | None, *, short: bool = True) -> dict[str, Any]:
    from readability import Document

    doc = Document(html, url=url)
    title = _value(doc.short_title() if short else doc.title())
    # readability-lxml answers "[no-title]" when the page has none: that is no value.
    return {"title": title} if title and title != "[no-title]" else {}


def peers() -> tuple[list[Tool], list[str]]:
    """The installed peers, and a skip message for each one that is not."""
    tools, missing = [], []
    try:
        import trafilatura

        tools.append(Tool("trafilatura", frozenset(TRAFILATURA_FIELDS.values()), trafilatura_predict,
                          f"trafilatura {trafilatura.__version__}, bare_extraction with metadata (body too)"))
    except ImportError:
        missing.append("SKIP trafilatura: not installed (pip install -e '.[bench]')")
    try:
        import htmldate

        tools.append(Tool("htmldate", frozenset({"date_published"}), htmldate_predict,
                          f"htmldate {htmldate.__version__}, find_date extensive, original_date"))
    except ImportError:
        missing.append("SKIP htmldate: not installed (it comes with trafilatura: pip install -e '.[bench]')")
    try:
        from importlib.metadata import version

        import readability  # noqa: F401

        rv = version("readability-lxml")
        tools.append(Tool("readability", frozenset({"title"}), readability_predict,
                          f"readability-lxml {rv}, Document.short_title()"))
        tools.append(Tool("rdb title()", frozenset({"title"}),
                          lambda html, url: readability_predict(html, url, short=False),
                          f"readability-lxml {rv}, Document.title() (second variant)"))
    except ImportError:
        missing.append("SKIP readability-lxml: not installed (pip install -e '.[bench]')")
    return tools, missing


def quiet_peers() -> None:
    """Peers log warnings on odd pages; only errors are of interest here."""
    for name in PEER_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


# -- running and scoring -------------------------------------------------------------------------
def run_tool(tool: Tool, folder: Path, ids: list[str], truth: dict[str, dict]) -> Result:
    """Run one peer on each page; a page it raises on gets no prediction and counts as a crash."""
    result = Result({})
    pages = [(i, folder / "pages" / f"{i}.html") for i in ids]
    pages = [(i, p) for i, p in pages if p.is_file()]
    if pages:  # the first call of a tool loads what it loads once per process: not timed
        try:
            tool.run(pages[0][1].read_bytes(), truth[pages[0][0]].get("url"))
        except Exception:
            pass
    for page_id, path in pages:
        data, url = path.read_bytes(), truth[page_id].get("url")
        start = time.perf_counter()
        try:
            prediction = tool.run(data, url)
        except Exception as exc:  # noqa: BLE001 - any crash of a peer is a missing prediction
            result.predictions[page_id] = {}
            result.crashes.append(f"{page_id[:16]} {type(exc).__name__}")
            continue
        result.seconds += time.perf_counter() - start
        result.timed_pages += 1
        result.predictions[page_id] = prediction
    return result


def run_broadsheet(folder: Path, ids: list[str], truth: dict[str, dict]) -> Result:
    predictions, total, _ = meta.predict(folder, ids, truth)
    crashed = [i for i, p in predictions.items() if not p]  # predict leaves {} where extract raised
    return Result(predictions, total, [f"{i[:16]} exception" for i in crashed], len(predictions) - len(crashed))


BROADSHEET = Tool("broadsheet", frozenset(meta.FIELDS), lambda html, url: {}, "broadsheet extract() (body too)")


def score(truth: dict[str, dict], results: dict[str, Result]) -> dict[str, dict[str, meta.FieldScore]]:
    """tool -> field -> FieldScore, every tool against the same truth with the same scorer."""
    return {name: meta.score_set(truth, r.predictions) for name, r in results.items()}


def _pct(a: float, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def table(scores: dict[str, dict[str, meta.FieldScore]], tools: list[Tool]) -> list[str]:
    """Rows: the fields the set annotates; per tool: acc and spur, a dash where it has no such field."""
    fields = [f for f in meta.FIELDS if any(f in s for s in scores.values())]
    width = 14
    head1 = f"{'':<15}{'':>6} {'':>7} |" + "".join(f"{t.name:^{width}}|" for t in tools)
    head2 = f"{'field':<15}{'pages':>6} {'absent':>7} |" + "".join(f"{'acc':>6} {'spur':>6} |" for _ in tools)
    lines = [head1, head2]
    for name in fields:
        ref = next(s[name] for s in scores.values() if name in s)
        cells = []
        for tool in tools:
            fs = scores[tool.name].get(name)
            if name not in tool.fields or fs is None:
                cells.append(f"{'-':>6} {'-':>6} |")
            else:
                cells.append(f"{_pct(fs.right, fs.scored):>6} {_pct(fs.spurious, fs.absent):>6} |")
        lines.append(f"{name:<15}{ref.scored:>6} {ref.absent:>7} |" + "".join(cells))
    return lines


def best_peer(scores: dict[str, dict[str, meta.FieldScore]], tools: list[Tool], name: str) -> tuple[str, float] | None:
    """The peer with the highest accuracy on a field (None where no peer produces it)."""
    best = None
    for tool in tools:
        fs = scores[tool.name].get(name)
        if tool.name == BROADSHEET.name or name not in tool.fields or fs is None or not fs.scored:
            continue
        acc = fs.right / fs.scored
        if best is None or acc > best[1]:
            best = (tool.name, acc)
    return best


def ratios(scores: dict[str, dict[str, meta.FieldScore]], tools: list[Tool]) -> list[str]:
    """broadsheet's accuracy over the best peer's, per scored field; and the spurious rates
    of both (the share of pages marked absent that got a value), where the set marks any."""
    lines = [f"{'field':<15}{'broadsheet':>10} {'best peer':>10}  {'(which)':<13} {'ratio':>6}"
             f"  {'spur ours':>9} {'spur peer':>9}"]
    for name in meta.FIELDS:
        ours = scores[BROADSHEET.name].get(name)
        if ours is None or not ours.scored:
            continue
        acc = ours.right / ours.scored
        best = best_peer(scores, tools, name)
        if best is None:
            lines.append(f"{name:<15}{100 * acc:9.1f}% {'-':>10}  {'(none)':<13} {'-':>6}")
            continue
        ratio = f"{acc / best[1]:5.2f}x" if best[1] else "     -"
        theirs = scores[best[0]][name]
        spur = f"  {_pct(ours.spurious, ours.absent):>9} {_pct(theirs.spurious, theirs.absent):>9}"
        lines.append(f"{name:<15}{100 * acc:9.1f}% {100 * best[1]:9.1f}%  {'(' + best[0] + ')':<13} {ratio:>6}"
                     + (spur if ours.absent else ""))
    return lines


def bench_set(folder: Path, args: argparse.Namespace, tools: list[Tool]) -> None:
    truth = meta.load_truth(folder)
    ids, label = meta.select(truth, args)
    truth = {i: truth[i] for i in ids}
    results = {BROADSHEET.name: run_broadsheet(folder, ids, truth)}
    for tool in tools:
        results[tool.name] = run_tool(tool, folder, ids, truth)
    everyone = [BROADSHEET, *tools]
    scores = score(truth, results)
    n = len(results[BROADSHEET.name].predictions)
    print(f"\n== {folder.name}{label}: {n} pages "
          "(acc: right / pages with a truth value; spur: got a value / pages marked absent)")
    print("\n".join(table(scores, everyone)))
    print("\nbroadsheet acc / best peer acc:")
    print("\n".join(ratios(scores, everyone)))
    print("\npages/s (rough unless the machine is quiet; not like for like: broadsheet and trafilatura "
          "extract the body too):")
    for tool in everyone:
        r = results[tool.name]
        crash = f", {len(r.crashes)} crashes" if r.crashes else ""
        print(f"  {tool.name:<12} {r.rate:8.1f}{crash}   {tool.note}")
    for tool in everyone:
        crashes = results[tool.name].crashes
        if crashes:
            shown = ", ".join(crashes[:8]) + (f", ... ({len(crashes)} in all)" if len(crashes) > 8 else "")
            print(f"  {tool.name} raised on: {shown}")


def resolve(name: str) -> Path:
    path = Path(name)
    return path if path.is_dir() else ROOT / name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET",
                        help=f"metadata set folders or names under {ROOT} (default: {', '.join(DEFAULT_SETS)})")
    parser.add_argument("--half", choices=("a", "b"), help="only one fixed half of each set (by id)")
    parser.add_argument("--side", choices=meta.SIDES, help="only one side of each set's split (by site)")
    parser.add_argument("--split", choices=("site", "id"), help="how --side splits (default: site)")
    args = parser.parse_args(argv)
    if not args.sets and not ROOT.is_dir():
        print(f"SKIP: benchmark data not found at {ROOT}; pass metadata set folders as arguments")
        return 0
    folders = [resolve(s) for s in (args.sets or DEFAULT_SETS)]
    for folder in folders:
        if not (folder / "truth.json").is_file() or not (folder / "pages").is_dir():
            print(f"error: {folder} is not a metadata set (needs truth.json and pages/)", file=sys.stderr)
            return 2
    quiet_peers()
    tools, missing = peers()
    for line in missing:
        print(line)
    if not tools:
        print("SKIP: no peer installed, nothing to compare with (pip install -e '.[bench]')")
        return 0
    try:
        for folder in folders:
            bench_set(folder, args, tools)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
