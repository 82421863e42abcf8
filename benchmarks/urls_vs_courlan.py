"""Our URL canonicalisation (broadsheet.crawl.urls.canonicalize) against courlan's.

For each URL of a benchmark's ground truth (default ../shared/bench/aeb/ground-truth.json),
and for spellings of it a crawler meets (host case, default port, fragment, tracking and
session parameters, `./` segments, parameter order), compares what each library makes of
it: do both give one key per page, and where do they differ? Needs courlan (the `bench`
extra: it comes with trafilatura).

    python benchmarks/urls_vs_courlan.py [GROUND_TRUTH_JSON] [--show N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from broadsheet.crawl.urls import canonicalize

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "aeb" / "ground-truth.json"


def variants(url: str) -> dict[str, str]:
    """Spellings of one page that a canonical form should fold into one key."""
    parts = urlsplit(url)
    sep = "&" if parts.query else ""
    port = ":443" if parts.scheme == "https" else ":80"
    return {
        "as is": url,
        "host case": urlunsplit((parts.scheme, parts.netloc.upper(), parts.path, parts.query, "")),
        "default port": urlunsplit((parts.scheme, parts.netloc + port, parts.path, parts.query, "")),
        "fragment": url + "#comments",
        "utm": urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query + sep + "utm_source=twitter&utm_medium=social", "")),
        "fbclid": urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query + sep + "fbclid=IwAR0abc", "")),
        "gclid": urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query + sep + "gclid=Cj0KCQ", "")),
        "session id": urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query + sep + "PHPSESSID=0123abcd", "")),
        "dot segment": urlunsplit((parts.scheme, parts.netloc, "/./" + parts.path.lstrip("/"), parts.query, "")),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=5, help="examples of disagreement to print")
    args = ap.parse_args(argv)
    try:
        from courlan import normalize_url
    except ImportError:
        print("needs courlan: pip install 'broadsheet[bench]'", file=sys.stderr)
        return 2
    truth = json.loads(Path(args.truth).read_text(encoding="utf-8"))
    urls = [entry["url"] for entry in truth.values() if entry.get("url")]

    forms = {
        "ours": canonicalize,
        "courlan": lambda u: normalize_url(u, strict=True),
        "courlan-lax": lambda u: normalize_url(u, strict=False),
    }
    keys = {who: [fn(u) for u in urls] for who, fn in forms.items()}
    print(f"{len(urls)} URLs ({len(set(urls))} distinct pages); distinct keys: "
          + ", ".join(f"{who} {len(set(k))}" for who, k in keys.items()) + " (fewer: two pages share a key)")
    differ = [(u, a, b) for u, a, b in zip(urls, keys["ours"], keys["courlan"]) if a != b]
    print(f"ours and courlan (strict) differ on {len(differ)}")
    for url, a, b in differ[: args.show]:
        print(f"  {url}\n    ours:    {a}\n    courlan: {b}")
    folded: dict[str, dict[str, list[int]]] = {who: {} for who in forms}
    for index, url in enumerate(urls):
        for name, spelled in variants(url).items():
            for who, fn in forms.items():
                try:
                    ok = fn(spelled) == keys[who][index]
                except Exception:  # noqa: BLE001 - a library failing on a spelling counts as a miss
                    ok = False
                counts = folded[who].setdefault(name, [0, 0])
                counts[0] += ok
                counts[1] += 1
    print(f"\n{'spelling':<14}" + "".join(f"{who:>13}" for who in forms) + "   (share folded into the page's one key)")
    for name in variants("https://x.example/a"):
        print(f"{name:<14}" + "".join(f"{folded[who][name][0] / folded[who][name][1]:>13.0%}" for who in forms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
