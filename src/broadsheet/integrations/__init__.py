"""broadsheet inside other tools (the `integrations` extra: `pip install 'broadsheet[integrations]'`).

- `broadsheet.integrations.datatrove`: pipeline steps for datatrove, Hugging Face's
  large-scale data processing library: `BroadsheetReader` (WARC files and folders of saved
  pages as Documents, with their provenance) and `BroadsheetExtractor` (HTML -> article
  body, metadata kept in `Document.metadata`).
- Hugging Face `datasets` and DuckDB need no adapter: they read the Parquet export as it
  is (see the README, "Use the exports elsewhere"); the tests in tests/integrations run both.

Nothing here is imported by `import broadsheet`; a module whose library is missing raises
ImportError with the install hint.
"""
from __future__ import annotations


def missing(library: str, error: ImportError) -> ImportError:
    """The ImportError to raise where an integration's library is not installed."""
    return ImportError(f"{library} is not installed ({error}); install it with: pip install 'broadsheet[integrations]'")
