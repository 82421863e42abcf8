"""The decoded language model cache: same answers, written once, never in the way."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from broadsheet.extract.meta import langid_cache
from broadsheet.extract.meta.langid_cache import cache_root, load_identifier

TEXTS = [
    "The council met on Tuesday to discuss the new harbour bridge and its cost to the town.",
    "Der Gemeinderat hat am Dienstag über die neue Hafenbrücke und ihre Kosten beraten.",
    "Le conseil municipal s'est réuni mardi pour discuter du nouveau pont du port.",
    "El consejo se reunió el martes para hablar del nuevo puente del puerto y su coste.",
    "Рада зібралася у вівторок, щоб обговорити новий міст через гавань.",
    "市议会周二开会讨论了新港口大桥及其费用。",
    "",
    "1234 5678 !!! ???",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "broadsheet"


def package_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def entries(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.name.startswith("py3langid-"))


def test_cached_identifier_answers_as_the_package_does(cache: Path) -> None:
    reference = package_identifier()
    first = load_identifier()  # decodes and writes the entry
    assert len(entries(cache)) == 1
    second = load_identifier()  # maps the entry
    for ident in (first, second):
        for text in TEXTS:
            lang, conf = ident.classify(text)
            want_lang, want_conf = reference.classify(text)
            assert (lang, conf) == (want_lang, want_conf), text
        assert ident.rank(TEXTS[1])[:5] == reference.rank(TEXTS[1])[:5]
        assert ident.nb_classes == reference.nb_classes


def test_second_load_never_decodes(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_identifier()

    def refuse(_path: object) -> None:
        raise AssertionError("decoded although the cache holds the model")

    monkeypatch.setattr("py3langid.modelio.load_model", refuse)
    assert load_identifier().classify(TEXTS[0])[0] == "en"


def test_damaged_entry_is_decoded_again(cache: Path) -> None:
    load_identifier()
    (entry,) = entries(cache)
    table = entry / "nextmove.npy"
    table.write_bytes(table.read_bytes()[:1000])  # cut short
    assert langid_cache._read(entry) is None
    assert load_identifier().classify(TEXTS[1])[0] == "de"


def test_entry_with_inconsistent_tables_is_not_used(cache: Path) -> None:
    load_identifier()
    (entry,) = entries(cache)
    np.save(entry / "nextmove_row.npy", np.array([60000], dtype=np.uint16))
    np.save(entry / "out_feat.npy", np.array([1], dtype=np.int32))
    assert langid_cache._read(entry) is None


def test_unwritable_cache_folder_still_gives_an_identifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_identifier().classify(TEXTS[2])[0] == "fr"
    assert cache_root() == blocker / "broadsheet" and not cache_root().exists()


def test_entries_of_models_gone_are_dropped_and_live_ones_kept(cache: Path, tmp_path: Path) -> None:
    cache.mkdir(parents=True)
    gone = cache / "py3langid-0000"
    gone.mkdir()
    (gone / "source.txt").write_text(str(tmp_path / "no-such-model.npz.xz"))
    other_model = tmp_path / "other-model.npz.xz"
    other_model.write_bytes(b"another install's model")
    live = cache / langid_cache.entry_name(other_model)
    live.mkdir()
    (live / "source.txt").write_text(str(other_model))
    unrelated = cache / "something-else"
    unrelated.mkdir()
    load_identifier()
    assert not gone.exists()
    assert live.exists() and unrelated.exists()
    assert len(entries(cache)) == 2
