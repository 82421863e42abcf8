"""Fingerprints: what counts as the same text, and how similar near copies are."""
from __future__ import annotations

import pytest

from broadsheet.corpus.dedup import fingerprint, lsh_shape, similarity, tokens
from tests.sources.warcs import story


def test_exact_hash_ignores_case_spacing_and_punctuation() -> None:
    a = fingerprint("The Council met.\n\nIt voted: yes!")
    b = fingerprint("the council met   it voted yes")
    assert a.text_hash == b.text_hash
    assert a.text_hash != fingerprint("the council met it voted no").text_hash


def test_tokens_and_hashes_stay_as_stored_corpora_have_them() -> None:
    """Stored ids and exact-duplicate keys come from these: a change here stores every
    re-ingested page again (3ea9ca2 changed them for Indic text; c25d5a1 restored them)."""
    assert tokens("\u0915\u093f\u092e \u0915\u093e\u092e Caf\u00e9") == ["\u0915", "\u092e", "\u0915", "\u092e", "caf\u00e9"]
    assert fingerprint("The council met, it voted yes.").text_hash == "5135966bbb9cd966a4f6e2f4b6d6fbce588e185f"


def test_cjk_text_is_tokenised_per_character() -> None:
    assert tokens("東京都の会議 Tokyo") == ["東", "京", "都", "の", "会", "議", "tokyo"]


def test_near_copy_is_similar_and_another_story_is_not() -> None:
    text = "\n\n".join(story(1))
    edited = text.replace("Harbour", "Port", 1) + " A correction was added later."
    assert similarity(fingerprint(text).signature, fingerprint(edited).signature) >= 0.8
    assert similarity(fingerprint(text).signature, fingerprint("\n\n".join(story(2))).signature) < 0.3


def test_empty_text_has_no_signature() -> None:
    assert fingerprint("  ...  ").signature is None


def test_lsh_shape_follows_the_threshold() -> None:
    assert lsh_shape(0.8)[0] < lsh_shape(0.5)[0]
    with pytest.raises(ValueError):
        lsh_shape(1.5)


def test_a_huge_text_is_signed_in_bounded_memory_and_normal_texts_as_before():
    """Found by the fuzzer: 3 MB of symbols (a token each) hashed in one batch took 1 GB."""
    import resource

    from broadsheet.corpus.dedup import MAX_SIGNED_TOKENS, fingerprint

    words = [f"w{i % 5000}" for i in range(MAX_SIGNED_TOKENS * 3)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    huge = fingerprint(" ".join(words))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400 * 1024  # KiB: well under the 1 GB it took
    assert huge.signature == fingerprint(" ".join(words[:MAX_SIGNED_TOKENS])).signature
    assert huge.text_hash != fingerprint(" ".join(words[:MAX_SIGNED_TOKENS])).text_hash  # exact copies: the whole text


def test_known_shapes_are_the_computed_ones() -> None:
    from broadsheet.corpus.dedup import KNOWN_SHAPES, _compute_shape

    for (threshold, num_perm), shape in KNOWN_SHAPES.items():
        assert _compute_shape(threshold, num_perm) == shape


def test_similarity_is_the_share_of_equal_values() -> None:
    import numpy as np

    a, b = fingerprint("\n\n".join(story(1))).signature, fingerprint("\n\n".join(story(1))[:-40]).signature
    assert a is not None and b is not None
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    assert similarity(a, b) == float(np.count_nonzero(x == y)) / len(x)
    assert similarity(a, a) == 1.0
    assert similarity(a, a[:-4]) == 0.0


def test_storing_signed_pages_loads_no_numpy(tmp_path) -> None:
    """The ingest's writer stores what workers signed: no NumPy there (see the module doc)."""
    import subprocess
    import sys

    text = "\n\n".join(story(1))
    edited = text.replace("Harbour", "Port", 1) + " A correction was added later."
    fp, near = fingerprint(text), fingerprint(edited)
    code = (
        "import sys\n"
        "from broadsheet.corpus import Corpus\n"
        "from broadsheet.corpus.dedup import Fingerprint\n"
        f"with Corpus({str(tmp_path / 'c.sqlite')!r}) as c:\n"
        f"    first = c.add({{'url': 'https://paper.example/a', 'text': {text!r}}}, fp=Fingerprint(*{(fp.text_hash, fp.signature)!r}))\n"
        f"    again = c.add({{'url': 'https://paper.example/b', 'text': {edited!r}}}, fp=Fingerprint(*{(near.text_hash, near.signature)!r}))\n"
        "print(first.status, again.status, again.kind, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["stored", "duplicate", "near", "False"]


def test_a_flooded_band_bucket_bounds_what_a_query_compares(monkeypatch) -> None:
    """Articles made to share one band and nothing else: a query compares with at most
    MAX_PER_BAND of them per band (it compared with all: the writer went quadratic), and an
    article alike overall is still found through its other bands."""
    import sqlite3
    import struct

    from broadsheet.corpus import dedup
    from broadsheet.corpus.schema import SCHEMA

    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    index = dedup.LshIndex(db)
    width = index.rows  # values per band
    shared = list(range(width))  # band 0 of every flooding article

    def signature(values: list[int]) -> bytes:
        return struct.pack(f"<{len(values)}I", *values)

    n = 2 * dedup.MAX_PER_BAND + 50
    for seq in range(n):  # each unlike the others outside band 0
        index.add(seq, signature(shared + [10_000 + seq * 1_000 + i for i in range(dedup.NUM_PERM - width)]))
    original = [7] * dedup.NUM_PERM
    index.add(n, signature(original))
    compared = 0
    real = dedup.similarity

    def counting(a: bytes, b: bytes) -> float:
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(dedup, "similarity", counting)
    assert index.query(signature(shared + [1] * (dedup.NUM_PERM - width))) is None
    assert compared <= dedup.MAX_PER_BAND
    near = original[:]
    near[-1] = 8  # alike in all bands but the last
    assert index.query(signature(near)) == (n, (dedup.NUM_PERM - 1) / dedup.NUM_PERM)
