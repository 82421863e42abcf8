"""Texts without words are no duplicates (review R9, finding 6)."""
from __future__ import annotations

from pathlib import Path

from broadsheet.corpus import Corpus


def test_texts_without_words_are_not_duplicates(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.sqlite") as corpus:
        videos = [corpus.add({"url": f"https://paper.example/video/{i}", "title": f"Video {i}", "text": ""})
                  for i in range(3)]
        assert [added.status for added in videos] == ["stored"] * 3
        stars = corpus.add({"url": "https://paper.example/r1", "title": "r1", "text": "★★★☆☆ " * 50})
        emoji = corpus.add({"url": "https://paper.example/r2", "title": "r2", "text": "🎉🎉 🙂 " * 50})
        assert stars.status == emoji.status == "stored"
        again = corpus.add({"url": "https://paper.example/r1", "title": "r1", "text": "★★★☆☆ " * 50})
        assert again.kind == "same" and len(corpus) == 5
        words = "The council met on Tuesday to talk about the budget and the schools. " * 5
        corpus.add({"url": "https://paper.example/a", "title": "a", "text": words})
        assert corpus.add({"url": "https://paper.example/b", "title": "b", "text": words}).kind == "exact"
