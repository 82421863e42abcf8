"""Bytes to text, the way a careful browser would: BOM, HTTP charset, <meta charset>, detection.

Also the first line of defence against input that is not HTML at all (PDF, images,
archives, gzip bombs), which is refused with `NotHTML` naming the detected type. Gzipped
pages are inflated here, at most to the 16 MB page-size cap.
"""
from __future__ import annotations

import codecs
import re
from typing import Mapping

from broadsheet.errors import NotHTML
from broadsheet.inflate import BadEncoding, TooLarge, gunzip

# WHATWG Encoding Standard: labels browsers treat as a wider superset. Decoding with the
# superset is what every browser does, and it never loses characters the page meant.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf_16": "utf_16",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh", "a bzip2 stream"),
    (b"\xfd7zXZ\x00", "an xz stream"),
    (b"\x28\xb5\x2f\xfd", "a zstd stream"),
    (b"WARC/", "a WARC archive (use `broadsheet ingest`)"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%!PS", "a PostScript document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

#: The spaces around `=` and the quote are read possessively: the two `\s*` either side of
#: an optional quote split a run of spaces every way before failing (a Content-Type of
#: "charset=" and 32,000 spaces took 9.8 s, and a WARC record's headers may hold 32 KB).
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*+=\s*+["']?+\s*+([a-zA-Z0-9_:.()+-]+)""", re.IGNORECASE
)
_HTTP_CHARSET = re.compile(r"""charset\s*+=\s*+["']?+\s*+([a-zA-Z0-9_:.()+-]+)""", re.IGNORECASE)
_HAS_MARKUP = re.compile(rb"<\s*[a-zA-Z!/?]")


def sniff_binary(data: bytes) -> str | None:
    """Name what `data` is when it is clearly not HTML, else None."""
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if magic in (b"BM", b"MZ") and _HAS_MARKUP.search(data[:512]):
                continue  # "BM"/"MZ" are also plausible first letters of a text page
            return name
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if head[:4] == b"RIFF":
        return "a RIFF media file"
    if data[4:8] == b"ftyp":
        return "an MP4/MOV media file"
    if data[:1024].lstrip().startswith(b"<svg"):
        return "an SVG image"
    sample = data[:2048]
    if sample and not _HAS_MARKUP.search(sample):
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
        if controls / len(sample) > 0.1 and not _looks_utf16(sample):
            return "binary data"
    return None


def _looks_utf16(sample: bytes) -> bool:
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4


def normalise_label(label: str | None) -> str | None:
    """Python codec name for a charset label, widened per WHATWG; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ("x-user-defined", "unicode-1-1-utf-8", "utf8"):
        label = "utf-8" if label != "x-user-defined" else "cp1252"
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def declared_charset(data: bytes, headers: Mapping[str, str] | None) -> tuple[str | None, str]:
    """The charset the page declares and where: ("bom"|"http"|"meta"|"").

    A BOM wins over everything, then the HTTP header, then <meta> in the first 4 KB.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf_8_sig", "bom"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf_16", "bom"
    if headers:
        for key, value in headers.items():
            if key.lower() == "content-type" and value:
                m = _HTTP_CHARSET.search(value)
                name = normalise_label(m.group(1)) if m else None
                if name:
                    return name, "http"
    found = _META_CHARSET.search(data[:4096])
    if found:
        name = normalise_label(found.group(1).decode("ascii", "ignore"))
        if name in ("utf_16", "utf_16_le", "utf_16_be"):
            name = "utf_8"  # a <meta> that an ASCII scan could read cannot be UTF-16 bytes
        if name:
            return name, "meta"
    return None, ""


# Charsets by how common they are on the web: breaks ties between equally plausible
# detections (short Latin texts read the same in cp1250, cp1252 and cp1257).
_WEB_PREVALENCE = ("utf_8", "cp1252", "cp1251", "gb18030", "cp932", "euc_jp", "cp949",
                   "big5hkscs", "cp1250", "cp1256", "cp1253", "cp1254", "cp874", "koi8_r")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:65536]))
    if not matches:
        return "cp1252"
    best = matches[0]
    tied = [
        normalise_label(m.encoding)
        for m in matches
        if abs(m.chaos - best.chaos) < 0.01 and abs(m.coherence - best.coherence) < 0.05
    ]
    ranked = [n for n in _WEB_PREVALENCE if n in tied]
    return ranked[0] if ranked else normalise_label(best.encoding) or "cp1252"


#: Most bytes a gzipped page may inflate to: the page-size cap of the pipeline (16 MB, as
#: `run.analyse.MAX_PAGE_BYTES`); a 1 MB `.html.gz` can hold 1 GiB.
MAX_INFLATED = 16 * 1024 * 1024


def maybe_gunzip(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Transparently decompress a gzip body (saved `.html.gz`, undecoded HTTP bodies).

    Inflated as a stream that stops at `limit` bytes: past it, `NotHTML` ("a gzip stream
    inflating to more than 16 MB"), a compression bomb or a page too large to read, told
    apart from a page by the same error as other input that is not one. A truncated or
    damaged stream gives what inflated before the damage (NotHTML when that is nothing).
    """
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gunzip(data, limit, partial=True)
    except TooLarge:
        raise NotHTML(f"a gzip stream inflating to more than {limit // 2**20} MB (a compression bomb?)") from None
    except BadEncoding:
        raise NotHTML("a damaged gzip stream") from None


def decode(data: bytes | str, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Decode a page to text. Returns (text, encoding used).

    Order: BOM, HTTP charset, <meta charset>/http-equiv, then detection. A declared legacy
    charset loses to UTF-8 when the bytes are valid UTF-8 with non-ASCII in them: that
    combination is almost never chance, and mis-declared pages are common.
    Raises NotHTML for PDFs, images, archives and other binary input.
    """
    text, encoding, _ = decode_page(data, headers)
    return text, encoding


def decode_page(data: bytes | str, headers: Mapping[str, str] | None = None) -> tuple[str, str, bytes | None]:
    """`decode`, and the page's (inflated) bytes where they are exactly the text in UTF-8
    (valid UTF-8 without NULs), else None: the parser reads those instead of encoding the
    text again."""
    if isinstance(data, str):
        return _without_nul(data), "str", None
    data = maybe_gunzip(data)
    what = sniff_binary(data)
    if what:
        raise NotHTML(what)
    name, where = declared_charset(data, headers)
    if where == "bom":
        return _without_nul(data.decode(name or "utf_8_sig", errors="replace")), name or "utf_8", None
    try:
        text = data.decode("utf_8")
        valid_utf8 = True
    except UnicodeDecodeError:
        text, valid_utf8 = "", False
    if valid_utf8 and (name is None or name in ("utf_8", "utf_8_sig") or not data.isascii()):
        if b"\x00" not in data:  # memchr speed (see `_without_nul`)
            return text, "utf_8", data
        return text.replace("\x00", ""), "utf_8", None
    if name and name not in ("utf_8", "utf_8_sig"):
        try:
            return _without_nul(data.decode(name)), name, None
        except (UnicodeDecodeError, LookupError):
            pass  # mis-declared: fall through to detection
    elif name and _mostly_utf8(data):
        return _without_nul(data.decode("utf_8", errors="replace")), "utf_8", None
    enc = _detect(data)
    return _without_nul(data.decode(enc, errors="replace")), enc, None


def _without_nul(text: str) -> str:
    """`text` without NUL characters (the parser would drop or replace them anyway),
    looked for first: `in` runs at memchr speed, `replace` took 0.04 ms on an ordinary
    page without any."""
    return text.replace("\x00", "") if "\x00" in text else text


def _mostly_utf8(data: bytes) -> bool:
    """Declared UTF-8 with a few broken bytes (truncation, a bad paste) stays UTF-8."""
    bad = len(data.decode("utf_8", errors="replace").encode("utf_8")) - len(data)
    return bad < max(16, len(data) // 500)
