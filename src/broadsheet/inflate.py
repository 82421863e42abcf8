"""Compressed bodies decoded as a stream, with a cap on the *decoded* size.

The web sends bombs: a 6 KB brotli or twice-gzipped body inflates to gigabytes, and a
saved `.html.gz` of 1 MB can hold 1 GiB. Checking a size before decompression says
nothing, so every path that inflates (HTTP Content-Encoding in the fetcher and in WARC
payloads, gzip files in folders and on the command line, gzipped sitemaps) goes through
a `Decoder` here, which stops with `TooLarge` as soon as the output passes `limit`.

Codings: gzip (x-gzip, multi-member), deflate (zlib-wrapped or raw, as servers send
both), br (brotli's streaming decompressor with an output limit), identity. Anything else
(zstd, compress) raises `BadEncoding` rather than passing compressed bytes on as a page.
A chain such as `gzip, br` is decoded right to left, each stage capped.
"""
from __future__ import annotations

import zlib
from typing import Iterable, Protocol

import brotli

from broadsheet.errors import BroadsheetError

__all__ = ["BadEncoding", "Decoder", "TooLarge", "codings", "gunzip", "inflate", "is_supported"]

#: Content-Encoding values this module decodes (what a client may offer in Accept-Encoding).
SUPPORTED = ("gzip", "deflate", "br")
_ALIASES = {"x-gzip": "gzip", "identity": "", "none": ""}
_STEP = 64 * 1024  # bytes of output per inner call: bounds each allocation, not just the total


class TooLarge(BroadsheetError):
    """The decoded body passed the limit (`limit` bytes); nothing more was decoded."""

    def __init__(self, message: str, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class BadEncoding(BroadsheetError):
    """An unknown content coding, or a stream that is not what its coding says."""


class _Stage(Protocol):
    def feed(self, data: bytes) -> bytes: ...

    def flush(self) -> bytes: ...


class _Zlib:
    """gzip (possibly several members) or deflate, decoded `_STEP` bytes at a time."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.raw_fallback = coding == "deflate"  # servers send raw deflate under this name too
        self.obj = self._new()
        self.started = False

    def _new(self) -> "zlib._Decompress":
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.coding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        pending, more = data, False
        while pending or more:
            if self.obj.eof:  # the next gzip member (concatenated members are one stream)
                if self.coding != "gzip" or not pending.startswith(b"\x1f\x8b"):
                    break  # padding or junk after the stream: ignored, as browsers do
                self.obj = self._new()
            try:
                piece = self.obj.decompress(pending, _STEP)
            except zlib.error as exc:
                if self.raw_fallback and not self.started:
                    self.raw_fallback = False
                    self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BadEncoding(f"damaged {self.coding} stream: {exc}") from None
            self.started = True
            out += piece
            if len(out) > self.limit:
                raise TooLarge(f"decoded body over {self.limit} bytes", self.limit)
            if self.obj.eof:
                pending, more = self.obj.unused_data, False
            else:  # a full step may leave output inside zlib even with no input left
                pending, more = self.obj.unconsumed_tail, len(piece) == _STEP
        return bytes(out)

    def flush(self) -> bytes:
        try:
            return self.obj.flush(self.limit + 1) if not self.obj.eof else b""
        except zlib.error as exc:
            raise BadEncoding(f"damaged {self.coding} stream: {exc}") from None


class _Brotli:
    def __init__(self, limit: int) -> None:
        self.obj = brotli.Decompressor()
        self.limit = limit

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        try:
            out += self.obj.process(data, output_buffer_limit=_STEP)
            while not self.obj.can_accept_more_data():
                if len(out) > self.limit:
                    break
                out += self.obj.process(b"", output_buffer_limit=_STEP)
        except brotli.error as exc:
            raise BadEncoding(f"damaged br stream: {exc}") from None
        if len(out) > self.limit:
            raise TooLarge(f"decoded body over {self.limit} bytes", self.limit)
        return bytes(out)

    def flush(self) -> bytes:
        return b""


def codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header names, in the order they were applied."""
    names = [_ALIASES.get(p, p) for p in (part.strip().lower() for part in (header or "").split(","))]
    return [n for n in names if n]


def is_supported(header: str | None) -> bool:
    """Whether every coding in the header is one this module decodes."""
    return all(c in SUPPORTED for c in codings(header))


class Decoder:
    """Feed encoded chunks, get decoded bytes; raises TooLarge past `limit` decoded bytes.

    Every stage is capped (a `gzip, gzip` body is two bombs, the inner one decoded only
    as far as the cap), and the running total is checked after each chunk.
    """

    def __init__(self, content_encoding: str | Iterable[str] | None, limit: int) -> None:
        names = codings(content_encoding) if isinstance(content_encoding, (str, type(None))) else list(content_encoding)
        unknown = [n for n in names if n not in SUPPORTED]
        if unknown:
            raise BadEncoding(f"unsupported content coding {', '.join(unknown)!s} (decodable: {', '.join(SUPPORTED)})")
        self.limit = limit
        self.total = 0
        # applied left to right, so undone right to left
        self.stages: list[_Stage] = [_Brotli(limit) if n == "br" else _Zlib(n, limit) for n in reversed(names)]

    def feed(self, chunk: bytes) -> bytes:
        data = chunk
        for stage in self.stages:
            if not data:
                return b""
            data = stage.feed(data)
        return self._count(data)

    def flush(self) -> bytes:
        """What is left once the input has ended (usually nothing)."""
        data = b""
        for stage in self.stages:
            data = stage.feed(data) if data else b""
            data += stage.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge(f"decoded body over {self.limit} bytes", self.limit)
        return data


def inflate(data: bytes, content_encoding: str | Iterable[str] | None, limit: int) -> bytes:
    """A whole encoded body, decoded (TooLarge past `limit`, BadEncoding when damaged)."""
    decoder = Decoder(content_encoding, limit)
    out = bytearray()
    for at in range(0, len(data), _STEP):
        out += decoder.feed(data[at:at + _STEP])
    out += decoder.flush()
    return bytes(out)


def gunzip(data: bytes, limit: int, *, partial: bool = True) -> bytes:
    """A gzip file's content (saved `.html.gz`, gzipped sitemaps), at most `limit` bytes.

    Data that does not start with the gzip magic is returned as it is. A truncated or
    damaged stream gives what decoded before the damage when `partial` (a saved page cut
    short is still mostly a page), else BadEncoding; TooLarge past `limit` either way.
    """
    if data[:2] != b"\x1f\x8b":
        if len(data) > limit:
            raise TooLarge(f"body over {limit} bytes", limit)
        return data
    decoder = Decoder("gzip", limit)
    out = bytearray()
    try:
        for at in range(0, len(data), _STEP):
            out += decoder.feed(data[at:at + _STEP])
    except BadEncoding:
        if not partial or not out:
            raise
    return bytes(out)
