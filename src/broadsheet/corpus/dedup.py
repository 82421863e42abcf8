"""Duplicate detection: an exact hash of the normalised text, and MinHash LSH for near copies.

`fingerprint(text)` is pure and cheap enough to run on the workers next to extraction; the
`LshIndex` keeps its bands in SQLite (table `lsh`), so near duplicates are found across the
whole corpus and across runs, and a killed run loses no band it had committed.

Shingles are 5-token windows; CJK characters count as one token each, so pages without
spaces are compared as finely as those with them. LSH bands and rows are the optimum for the
threshold as datasketch's `MinHashLSH` chooses it; every candidate is then checked against
the threshold with the estimated Jaccard similarity of the full signatures.

Signatures are datasketch's MinHash (scheme "affine32", crc32 as the base hash), computed
here with NumPy alone, bit for bit the same (tests/corpus/test_dedup_signatures.py checks
it against datasketch): importing datasketch pulls in SciPy, about 0.3 s of start-up in
every process that fingerprints or opens a corpus, including each guarded pool's worker
server, where it delayed the first page of every ingest.

NumPy itself is imported only where a signature is made (or a band shape other than the
default's is chosen): the ingest's main process, which only stores what its workers
signed, then never loads it. Its import cost that process about 0.1 s of CPU, and the
eigenvalue call of `lsh_shape` woke OpenBLAS's threads, which spun another 0.1 s.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
import zlib
from dataclasses import dataclass
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine32"
_SEED = 1
#: Everything a stored signature depends on; a corpus made with other settings is refused.
SIGNATURE_KIND = f"{SCHEME}/crc32/seed{_SEED}/shingle{SHINGLE}/perm{NUM_PERM}"

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    """Casefolded word tokens (CJK: one per character) of NFKC-normalised text."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def text_hash(toks: list[str], text: str = "") -> str:
    """Exact-duplicate key: whitespace, punctuation and case do not count. A text without
    word tokens is keyed by the whole of it (whitespace collapsed), not as the empty one.
    (Versions before 3ea9ca2 keyed such a text, a page of symbols only, as the empty one:
    its id changes, so ingested again into a corpus they made, it is stored a second time.
    An empty text keeps its key and id.)"""
    key = " ".join(toks) if toks else " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup needs of a text: its exact hash and its MinHash signature (uint32 bytes)."""

    text_hash: str
    signature: bytes | None  # None when the text has no tokens

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as a constructor call (a frozen slots dataclass's own state function
        sets each field through `object.__setattr__` in Python: once a page in the writer)."""
        return (Fingerprint, (self.text_hash, self.signature))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a*h + b (mod 2**32) drawn as datasketch draws them for
    scheme "affine32" with seed `_SEED` (odd `a`: each one a bijection)."""
    import numpy as np

    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's pre-mix of the base hash (uint32, wrapping)."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = h ^ (h >> np.uint32(16))
    return mixed


#: Tokens of a text that its MinHash signature is made from: a long book chapter's worth.
#: Past it a text is still a near copy of another when their first 100,000 words are; a
#: page of 3 MB of symbols (one token each) made 1.5 million shingles and, hashed in one
#: batch, a 1.5 GB array (found by the fuzzer).
MAX_SIGNED_TOKENS = 100_000
_BATCH = 8192  # shingles hashed at a time: bounds the (shingles x permutations) array


def fingerprint(text: str, num_perm: int = NUM_PERM) -> Fingerprint:
    """The fingerprint of an article body (pure: safe on any worker)."""
    import numpy as np

    toks = tokens(text)
    if not toks:  # no signature: `Corpus.add` then compares such a text with no other
        return Fingerprint(text_hash(toks, text), None)
    signed = toks[:MAX_SIGNED_TOKENS]
    if len(signed) < SHINGLE:
        shingles = [" ".join(signed).encode("utf-8", "surrogatepass")]
    else:
        shingles = list(
            {" ".join(signed[i : i + SHINGLE]).encode("utf-8", "surrogatepass") for i in range(len(signed) - SHINGLE + 1)}
        )
    # crc32 as the base hash: C speed, and the random affine permutations on top give the
    # MinHash estimate its guarantees (sha1, datasketch's default, costs twice the time).
    a, b = _permutations(num_perm)
    signature = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    for at in range(0, len(shingles), _BATCH):  # the minimum over batches is the minimum over all
        hashed = _fmix32(np.fromiter(map(zlib.crc32, shingles[at : at + _BATCH]), dtype=np.uint32))
        np.minimum(signature, (hashed[:, None] * a + b).min(axis=0), out=signature)
    return Fingerprint(text_hash(toks), signature.astype("<u4").tobytes())


_U32 = next(code for code in "IL" if array(code).itemsize == 4)  # an array type of 4-byte items


#: The most stored articles a query compares with from each band's bucket. Near
#: duplicates are never indexed (they point to their original), so a bucket holds this
#: many articles alike in one band and unalike overall only where pages were made so.
MAX_PER_BAND = 256


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal uint32 values;
    compared as such, whatever the byte order, without NumPy: see the module doc)."""
    if len(a) != len(b) or len(a) % 4:
        return 0.0
    x, y = array(_U32, a), array(_U32, b)
    if not x:
        return 0.0
    return sum(1 for i, j in zip(x, y) if i == j) / len(x)


#: `lsh_shape`'s answer for the default threshold and permutations, written down so that a
#: process that only stores (the ingest's writer) needs no NumPy to open a corpus;
#: tests/corpus/test_dedup.py computes it again.
KNOWN_SHAPES: dict[tuple[float, int], tuple[int, int]] = {(DEFAULT_THRESHOLD, NUM_PERM): (9, 13)}


@lru_cache(maxsize=16)
def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) as datasketch's `MinHashLSH` chooses them for this threshold: the pair
    with the least false-positive plus false-negative probability mass (weights 0.5 each).

    The integrands are polynomials of degree bands*rows <= num_perm, so a Gauss-Legendre
    rule of num_perm/2 + 1 points integrates them exactly (datasketch uses SciPy's adaptive
    quadrature, which is where it spends its start-up)."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"dedup threshold must be between 0 and 1 (exclusive), not {threshold}")
    known = KNOWN_SHAPES.get((threshold, num_perm))
    return known if known is not None else _compute_shape(threshold, num_perm)


def _compute_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """`lsh_shape` computed (see there)."""
    import numpy as np

    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def mass(lo: float, hi: float, b: int, r: int, miss: bool) -> float:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2  # the nodes moved from [-1, 1] to [lo, hi]
        caught = 1 - (1 - s ** float(r)) ** float(b)  # the chance a pair of similarity s is a candidate
        return float((hi - lo) / 2 * np.dot(weights, 1 - caught if miss else caught))

    best, shape = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = 0.5 * mass(0.0, threshold, b, r, False) + 0.5 * mass(threshold, 1.0, b, r, True)
            if error < best:
                best, shape = error, (b, r)
    if shape[0] < 2:
        raise ValueError(f"dedup threshold {threshold} is too close to 1 for {num_perm} permutations; use a lower one")
    return shape


class LshIndex:
    """MinHash LSH whose band keys live in the SQLite tables `lsh` and `signatures`."""

    def __init__(self, db: sqlite3.Connection, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM,
                 shape: tuple[int, int] | None = None):
        """`shape`: the (bands, rows) a corpus was keyed with, where it is stored (not computed again)."""
        self.db = db
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = shape if shape is not None else lsh_shape(threshold, num_perm)

    def keys(self, signature: bytes) -> list[int]:
        """One signed 64-bit key per band (band number included, so bands never collide)."""
        width = 4 * self.rows
        out = []
        for band in range(self.bands):
            chunk = signature[band * width : (band + 1) * width]
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
            out.append(int.from_bytes(digest, "little", signed=True))
        return out

    def query(self, signature: bytes | None) -> tuple[int, float] | None:
        """The most similar stored article (seq, similarity) at or above the threshold."""
        if signature is None:
            return None
        keys = self.keys(signature)
        # At most MAX_PER_BAND articles from each band's bucket (the first indexed): pages
        # made to share one band without being alike would otherwise make every query
        # compare with all of them, and the single writer quadratic in their number.
        buckets = " UNION ".join(["SELECT seq FROM (SELECT seq FROM lsh WHERE key = ? LIMIT ?)"] * len(keys))
        found = self.db.execute(
            f"SELECT seq, signature FROM signatures WHERE seq IN ({buckets})",
            [value for key in keys for value in (key, MAX_PER_BAND)],
        ).fetchall()
        best: tuple[int, float] | None = None
        for seq, other in found:
            sim = similarity(signature, other)
            if sim >= self.threshold and (best is None or (sim, -seq) > (best[1], -best[0])):
                best = (seq, sim)
        return best

    def add(self, seq: int, signature: bytes | None) -> None:
        """Index an original article (duplicates are never indexed: pointers chain to originals)."""
        if signature is None:
            return
        self.db.execute("INSERT OR REPLACE INTO signatures(seq, signature) VALUES (?, ?)", (seq, signature))
        self.db.executemany("INSERT INTO lsh(key, seq) VALUES (?, ?)", [(k, seq) for k in self.keys(signature)])

    def rebuild(self) -> None:
        """Recompute every band key (after the threshold, and so the band shape, changed)."""
        self.db.execute("DELETE FROM lsh")
        last = -1
        while True:  # in pages, so a large corpus never sits in memory at once
            page = self.db.execute(
                "SELECT seq, signature FROM signatures WHERE seq > ? ORDER BY seq LIMIT 1000", (last,)
            ).fetchall()
            if not page:
                return
            for seq, signature in page:
                self.db.executemany("INSERT INTO lsh(key, seq) VALUES (?, ?)", [(k, seq) for k in self.keys(signature)])
            last = page[-1][0]
