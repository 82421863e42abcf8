"""broadsheet.inflate: every coding decodes, and no bomb decodes past its cap."""
from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from broadsheet.inflate import BadEncoding, Decoder, TooLarge, codings, gunzip, inflate, is_supported

PAGE = b"<html><body>" + b"<p>Harbour bridge reopens after repairs.</p>" * 200 + b"</body></html>"
MB = 1024 * 1024


def raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return obj.compress(data) + obj.flush()


@pytest.mark.parametrize(
    "header, encode",
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("br", brotli.compress),
        ("gzip, br", lambda d: brotli.compress(gzip.compress(d))),
        ("", lambda d: d),
        ("identity", lambda d: d),
    ],
)
def test_each_coding_decodes(header: str, encode) -> None:
    assert inflate(encode(PAGE), header, 10 * MB) == PAGE


def test_chunked_feeding_gives_the_same_bytes() -> None:
    body = gzip.compress(PAGE)
    decoder = Decoder("gzip", 10 * MB)
    out = b"".join(decoder.feed(body[i:i + 7]) for i in range(0, len(body), 7)) + decoder.flush()
    assert out == PAGE


def test_concatenated_gzip_members_are_one_stream() -> None:
    assert inflate(gzip.compress(b"one ") + gzip.compress(b"two"), "gzip", MB) == b"one two"


@pytest.mark.parametrize(
    "header, bomb",
    [
        ("gzip", lambda: gzip.compress(b"\0" * (64 * MB))),
        ("br", lambda: brotli.compress(b"\0" * (64 * MB))),
        ("gzip, gzip", lambda: gzip.compress(gzip.compress(b"\0" * (256 * MB)))),
        ("deflate", lambda: zlib.compress(b"\0" * (64 * MB))),
    ],
)
def test_bombs_stop_at_the_cap(header: str, bomb) -> None:
    body = bomb()
    assert len(body) < 300 * 1024  # a few hundred KB at most on the wire
    with pytest.raises(TooLarge) as info:
        inflate(body, header, MB)
    assert info.value.limit == MB


def test_unknown_coding_is_refused_not_passed_on() -> None:
    assert not is_supported("zstd")
    assert is_supported("gzip, br")
    with pytest.raises(BadEncoding, match="zstd"):
        Decoder("zstd", MB)


def test_codings_parses_the_header_in_applied_order() -> None:
    assert codings("GZIP, identity, br") == ["gzip", "br"]
    assert codings(None) == []


def test_damaged_stream_is_bad_encoding() -> None:
    with pytest.raises(BadEncoding):
        inflate(b"\x1f\x8b\x08\x00garbage-garbage-garbage", "gzip", MB)


def test_gunzip_keeps_a_truncated_page_and_caps_it() -> None:
    body = gzip.compress(PAGE)
    cut = gunzip(body[: len(body) // 2], MB)
    assert PAGE.startswith(cut) and len(cut) > 0
    assert gunzip(PAGE, MB) == PAGE  # not gzip: as it is
    with pytest.raises(TooLarge):
        gunzip(gzip.compress(b"\0" * (32 * MB)), MB)
    with pytest.raises(TooLarge):
        gunzip(b"x" * (MB + 1), MB)
