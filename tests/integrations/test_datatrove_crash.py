"""BroadsheetExtractor(timeout=None): a page whose extraction raises costs that page only (review R9)."""
from __future__ import annotations

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install 'broadsheet[integrations]')")

from datatrove.data import Document  # noqa: E402

import broadsheet.integrations.datatrove as integration  # noqa: E402
from broadsheet.integrations.datatrove import BroadsheetExtractor  # noqa: E402
from tests.sources.warcs import article_html  # noqa: E402


def test_an_extractor_crash_is_counted_and_the_task_goes_on(monkeypatch) -> None:
    real = integration.extract

    def flaky(html: str, url: str | None):
        if url and url.endswith("/2"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, url)

    monkeypatch.setattr(integration, "extract", flaky)
    docs = [Document(text=article_html(i).decode(), id=str(i), metadata={"url": f"https://a.example/{i}"})
            for i in range(1, 4)]
    step = BroadsheetExtractor(timeout=None)
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["1", "3"]
    assert step.stats["crashed"].total == 1 and step.stats["forwarded"].total == 2
