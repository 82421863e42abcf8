"""Small WARC files and news pages made on the fly, including broken ones.

Pages are deterministic: `article_html(n)` is a distinct story for each n (no two are near
duplicates), so tests can count exactly what must be stored, skipped or deduplicated.
"""
from __future__ import annotations

import gzip
import io
import random
import uuid
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = (
    "harbour council bridge minister budget election river police market school hospital "
    "railway court museum festival storm farmers union energy prices vote report village "
    "mayor station factory teachers nurses airport tunnel coast forest library stadium "
    "theatre garden ferry motorway census treaty summit border harvest drought flood"
).split()


def story(n: int, sentences: int = 14) -> list[str]:
    """Paragraphs of a distinct, deterministic news story."""
    rng = random.Random(n)
    paras = []
    for _ in range(4):
        sents = []
        for _ in range(sentences // 4 + 1):
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 16))]
            sents.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sents))
    return paras


def article_html(n: int, *, title: str | None = None, paragraphs: list[str] | None = None, lang: str = "en") -> bytes:
    """An article page: headline, date, several paragraphs of prose."""
    title = title or f"Story number {n} about the {WORDS[n % len(WORDS)]}"
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or story(n)))
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='2024-03-{1 + n % 28:02d}T10:00:00+00:00'>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright The Paper</footer></body></html>"
    ).encode("utf-8")


@dataclass
class Rec:
    """One record to write: a response by default."""

    url: str
    body: bytes = b""
    type: str = "response"
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


def write_warc(path: Path, records: list[Rec], *, gz: bool = True) -> list[int]:
    """Write the records; returns the offset of each record in the file."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for rec in records:
            offsets.append(fh.tell())
            if rec.type == "response":
                http = StatusAndHeaders(rec.status, [("Content-Type", rec.content_type), *rec.headers], protocol="HTTP/1.1")
                record = writer.create_warc_record(rec.url, "response", payload=io.BytesIO(rec.body), http_headers=http)
            elif rec.type == "request":
                http = StatusAndHeaders(f"GET {rec.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                record = writer.create_warc_record(rec.url, "request", payload=io.BytesIO(b""), http_headers=http)
            elif rec.type == "revisit":
                record = writer.create_revisit_record(rec.url, digest="sha1:AAAA", refers_to_uri=rec.url, refers_to_date="2024-01-01T00:00:00Z")
            else:
                record = writer.create_warc_record(rec.url, rec.type, payload=io.BytesIO(rec.body or b"x: y\n"))
            writer.write_record(record)
    return offsets


def news_records(count: int, start: int = 0, host: str = "news.example.org") -> list[Rec]:
    """`count` article responses, each preceded by its request record."""
    out = []
    for n in range(start, start + count):
        url = f"https://{host}/2024/03/story-{n}"
        out += [Rec(url, type="request"), Rec(url, article_html(n))]
    return out


def gzip_members(data: bytes) -> bytes:
    """Compress each WARC record of an uncompressed WARC as its own gzip member."""
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i) and (i == 0 or data[i - 1 : i] == b"\n")]
    bounds = starts + [len(data)]
    return b"".join(gzip.compress(data[a:b]) for a, b in zip(bounds, bounds[1:]))


def raw_response(url: str, body: bytes, *, content_length: int | None = None, http_headers: list[tuple[str, str]] = (),
                 content_type: str = "text/html; charset=utf-8") -> bytes:
    """One uncompressed WARC response record written by hand, so that its Content-Length may lie."""
    head = "".join(f"{k}: {v}\r\n" for k, v in [("Content-Type", content_type), *http_headers])
    http = f"HTTP/1.1 200 OK\r\n{head}\r\n".encode() + body
    length = len(http) if content_length is None else content_length
    warc = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    )
    return warc.encode() + http + b"\r\n\r\n"


def chunked(data: bytes, size: int = 100, extension: str = "") -> bytes:
    """`data` in HTTP/1.1 chunked transfer coding (chunk extensions when `extension`)."""
    parts = [b"%x%s\r\n%s\r\n" % (len(data[i:i + size]), extension.encode(), data[i:i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


@lru_cache(maxsize=None)
def zeros_br(size: int) -> bytes:
    """A brotli body of `size` zero bytes: a bomb of a few KB for sizes of a GiB (made as a stream)."""
    import brotli

    compressor = brotli.Compressor(quality=5)
    block = bytes(1 << 20)
    out = bytearray()
    for at in range(0, size, len(block)):
        out += compressor.process(block[: size - at])
    return bytes(out + compressor.finish())


@lru_cache(maxsize=None)
def zeros_gz(size: int) -> bytes:
    """A gzip file of `size` zero bytes (1 MB per GiB; made as a stream)."""
    obj = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    out = bytearray()
    for at in range(0, size, len(block)):
        out += obj.compress(block[: size - at])
    return bytes(out + obj.flush())
