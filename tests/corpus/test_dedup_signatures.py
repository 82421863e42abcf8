"""Signatures and LSH shapes made without datasketch are datasketch's, bit for bit: a corpus
made before keeps deduplicating against new pages, and no process imports SciPy to sign."""
from __future__ import annotations

import random
import subprocess
import sys
import zlib

import numpy as np
import pytest

from broadsheet.corpus.dedup import MAX_SIGNED_TOKENS, NUM_PERM, SHINGLE, fingerprint, lsh_shape, tokens

datasketch = pytest.importorskip("datasketch")


def datasketch_signature(text: str) -> bytes:
    toks = tokens(text)[:MAX_SIGNED_TOKENS]
    if len(toks) < SHINGLE:
        shingles = [" ".join(toks).encode("utf-8", "surrogatepass")]
    else:
        shingles = list({" ".join(toks[i : i + SHINGLE]).encode("utf-8", "surrogatepass")
                         for i in range(len(toks) - SHINGLE + 1)})
    mh = datasketch.MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=zlib.crc32)
    for at in range(0, len(shingles), 8192):
        mh.update_batch(shingles[at : at + 8192])
    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


@pytest.mark.parametrize("words", [1, 4, 5, 6, 300, 20_000])
def test_signatures_are_datasketchs(words: int) -> None:
    rng = random.Random(words)
    vocabulary = ["".join(rng.choice("abcdefghijk") for _ in range(rng.randint(1, 8))) for _ in range(2000)]
    text = " ".join(rng.choice(vocabulary) for _ in range(words)) + " 東京 Größe"
    assert fingerprint(text).signature == datasketch_signature(text)


def test_lsh_shapes_are_datasketchs_and_too_high_a_threshold_is_refused() -> None:
    for threshold in [i / 100 for i in range(1, 99, 3)] + [0.8, 0.85, 0.9, 0.95, 0.98]:
        lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        assert lsh_shape(threshold) == (lsh.b, lsh.r), threshold
    with pytest.raises(ValueError, match="too close to 1"):
        lsh_shape(0.99)


def test_signing_and_opening_a_corpus_import_no_scipy(tmp_path) -> None:
    code = (
        "import sys\n"
        "from broadsheet.corpus import Corpus\n"
        "from broadsheet.corpus.dedup import fingerprint\n"
        f"Corpus({str(tmp_path / 'c.sqlite')!r}).close()\n"
        "fingerprint('the council met on tuesday to discuss the bridge')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'datasketch')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
