"""`python -m broadsheet.demo`: extract the bundled sample pages and print their records."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from broadsheet import extract

PAGES = Path(__file__).parent / "pages"


def main() -> int:
    pages = sorted(PAGES.glob("*.html"))
    for path in pages:
        article = extract(path.read_bytes(), url=f"https://demo.example/{path.name}")
        record = article.to_dict(blocks=False)
        print(f"== {path.name}")
        print(json.dumps(record, ensure_ascii=False, indent=2))
    print(f"demo: {len(pages)} sample pages extracted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
