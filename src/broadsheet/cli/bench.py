"""`broadsheet bench DATASET_DIR`: score extraction against a dataset's ground truth."""
from __future__ import annotations

import argparse
from pathlib import Path

from broadsheet.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "bench",
        help="score extraction against ground truth (body F1 or per-field metadata)",
        description="DATASET_DIR is a body-text set (ground-truth.json + html/, the "
        "article-extraction-benchmark layout) or a metadata set (truth.json + pages/).",
    )
    p.add_argument("dataset", metavar="DATASET_DIR")
    p.add_argument("--worst", type=int, default=0, metavar="N", help="show the N worst pages")
    p.add_argument("--half", choices=("a", "b"), help="score one fixed half of the pages only")
    p.add_argument("--profiles", action="store_true",
                   help="body-text sets: extract twice, first to learn a profile per site, then each page with "
                   "its site's profile learned from the other pages (leave-one-out); both F1s and the cost")
    p.add_argument("--side", choices=("fit", "held"),
                   help="metadata sets, and body-text sets with --profiles (whose --worst it limits to that side): "
                        "one side of a fixed split by site (all pages of a host on one side)")
    p.add_argument("--split", choices=("site", "id"),
                   help="metadata sets: how --side splits the pages (default: site; id is --half's split)")
    p.add_argument("--noise", type=int, metavar="N",
                   help="metadata sets: score all pages, then show per field how far apart the fixed split's "
                        "sides are beside N random splits by site (chance alone); aggregates only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dataset)
    if args.worst < 0:
        raise InputError(f"--worst must be 0 or more, not {args.worst}")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    if (folder / "ground-truth.json").is_file():
        if getattr(args, "noise", None) is not None:
            raise InputError("--noise is for metadata sets (truth.json + pages/)")
        if args.split or (args.side and not getattr(args, "profiles", False)):
            raise InputError("--side and --split are for metadata sets and --profiles; a body-text set takes --half")
        return _body(folder, args)
    if getattr(args, "profiles", False):
        raise InputError("--profiles is for body-text sets (ground-truth.json + html/)")
    if (folder / "truth.json").is_file():
        from broadsheet.bench import meta

        return meta.main(folder, args)
    raise InputError(
        f"{folder} holds neither ground-truth.json + html/ (body text) nor truth.json + pages/ (metadata)"
    )


def _body(folder: Path, args: argparse.Namespace) -> int:
    from broadsheet.bench import aeb
    from broadsheet.extract import extract

    ids = None
    truth = aeb.load_truth(folder)
    if args.half:
        ids = aeb.split_ids(truth, args.half)
    if getattr(args, "profiles", False):
        from broadsheet.bench import dragnet

        return dragnet.main(folder, ids, worst=args.worst, side=args.side)
    pages = {p.page_id: p for p in aeb.load_dataset(folder, ids)}
    if not pages:  # a score of 0 over no page reads as a result
        raise InputError(f"{folder / 'html'} holds none of the {len(truth) if ids is None else len(ids)} pages "
                         "ground-truth.json names (<id>.html or <id>.html.gz): nothing to score")
    predictions: dict[str, str] = {}

    def predict(page: aeb.BenchPage) -> str:
        text = extract(page.html, page.url).text
        predictions[page.page_id] = text
        return text

    summary = aeb.run(pages.values(), predict)
    print(summary.line())
    if args.worst:
        print(aeb.worst_report(summary, pages, predictions, args.worst))
    return 0
