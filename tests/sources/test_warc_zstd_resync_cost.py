"""What a false zstd frame candidate costs while resynchronising (review R17 finding 2).

Each candidate that reached the decoder cost a copy of up to 128 KiB and a decoder: junk of
9-byte frame headers claiming a 128 KiB block took 26.6 s at 16 MB. Headers that cannot be
a frame's (a block over the frame's window or stated size, literals that cannot start
"WARC/") are now rejected from their bytes; these tests count the decoders made."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastwarc.stream_io import ZstdReader as _ZstdReader

from broadsheet.sources import warc

from .test_warc_zstd import MB
from .test_warc_zstd_streams import news, pages, zstd_all

MAGIC = b"\x28\xb5\x2f\xfd"


class _Counted:
    """FastWARC's ZstdReader, counting how many are made."""

    made = 0

    def __init__(self, *args: Any, **kw: Any) -> None:
        type(self).made += 1
        self.inner = _ZstdReader(*args, **kw)

    def read(self, size: int) -> bytes:
        return bytes(self.inner.read(size))


def decoders_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: bytes) -> tuple[list[str], int]:
    """The pages of page 1, 64 KiB of `unit` repeated, page 3 (frames), and the decoders made."""
    junk = (unit * (64 * 1024 // len(unit) + 1))[:64 * 1024]
    path = tmp_path / "junk.warc.zst"
    path.write_bytes(zstd_all(news(1), MB) + junk + zstd_all(news(3), MB))
    _Counted.made = 0
    monkeypatch.setattr(warc, "ZstdReader", _Counted)
    got, stats = pages(path)
    assert stats.errors == {"broken record": 1}
    return got, _Counted.made


def test_a_block_larger_than_the_frames_stated_size_is_no_candidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A single-segment frame of 255 bytes cannot hold a 128 KiB block. Before: 7,282 decoders."""
    got, made = decoders_for(tmp_path, monkeypatch, MAGIC + b"\x20\xff\x04\x00\x10")
    assert got == ["1", "3"] and made < 10


def test_a_block_larger_than_the_window_is_no_candidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 KiB window (exponent 0) holds no 128 KiB block."""
    got, made = decoders_for(tmp_path, monkeypatch, MAGIC + b"\x00\x00\x04\x00\x10")
    assert got == ["1", "3"] and made < 10


@pytest.mark.parametrize("literals", [b"\x00junk!", b"\x01W", b"\x03\x00\x00\x00"], ids=["raw", "rle", "treeless"])
def test_literals_that_cannot_start_a_record_need_no_decoder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              literals: bytes) -> None:
    """A 1 MiB frame whose first block is a compressed one of 128 KiB: raw literals not
    "WARC/", RLE literals, and a first block's "treeless" literals are read from the bytes."""
    got, made = decoders_for(tmp_path, monkeypatch, MAGIC + b"\xa0\x00\x00\x10\x00\x04\x00\x10" + literals)
    assert got == ["1", "3"] and made < 10


def test_raw_literals_of_a_record_start_still_reach_the_decoder() -> None:
    """The checks reject only what cannot decode to "WARC/": a real frame still passes."""
    frame = zstd_all(news(5) * 20, MB)
    assert warc._decodes_to_record(frame, True)
    assert warc._decodes_to_record(memoryview(b"xx" + frame)[2:], True, b"xx" + frame, 2)
