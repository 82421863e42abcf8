"""Decoding: BOM, HTTP charset, <meta charset>, detection, and refusing non-HTML."""
import codecs

import pytest

from broadsheet import NotHTML, extract
from broadsheet.extract.decode import decode, decode_page, declared_charset

RUSSIAN = "Москва, 12 марта. Правительство утвердило новый план строительства дорог в регионах, сообщили в министерстве транспорта."
JAPANESE = "東京都は十二日、新しい防災計画を発表した。計画では、大地震に備えて避難所の数を二倍に増やすとしている。"
CHINESE = "北京市政府今天宣布了新的交通计划，将在未来五年内修建三条新的地铁线路，以缓解城市交通压力。"
FRENCH = "Le conseil municipal a voté mercredi un budget de 4,2 millions d'euros pour rénover l'école élémentaire, fermée depuis l'été."


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><article><p>{body}</p><p>{body}</p></article></body></html>"


@pytest.mark.parametrize(
    "text,encoding",
    [(RUSSIAN, "windows-1251"), (JAPANESE, "shift_jis"), (CHINESE, "gb18030"), (FRENCH, "iso-8859-1")],
)
def test_undeclared_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    data = page(text).encode(encoding)
    decoded, _ = decode(data)
    assert text in decoded
    assert text in extract(data).text


def test_bom_wins_over_declarations() -> None:
    data = codecs.BOM_UTF8 + page(FRENCH, '<meta charset="windows-1251">').encode("utf-8")
    assert FRENCH in decode(data, {"Content-Type": "text/html; charset=koi8-r"})[0]


def test_http_charset_wins_over_meta() -> None:
    data = page(RUSSIAN, '<meta charset="iso-8859-1">').encode("koi8-r")
    text, enc = decode(data, {"content-type": "text/html; charset=KOI8-R"})
    assert RUSSIAN in text and enc == "koi8_r"


def test_meta_http_equiv_is_read() -> None:
    data = page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">').encode("cp1251")
    assert declared_charset(data, None) == ("cp1251", "meta")
    assert RUSSIAN in decode(data)[0]


def test_utf8_declared_as_latin1_stays_utf8() -> None:
    data = page(FRENCH, '<meta charset="iso-8859-1">').encode("utf-8")
    assert FRENCH in decode(data)[0]


def test_declared_utf8_with_legacy_bytes_is_detected() -> None:
    data = page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    assert RUSSIAN in decode(data)[0]


def test_nul_bytes_are_dropped() -> None:
    data = page("Hello\x00 world, this is a sentence long enough to count as prose text.").encode()
    assert "\x00" not in extract(data).text
    assert "Hello world" in extract(data).text


@pytest.mark.parametrize(
    "data,name",
    [
        (b"%PDF-1.7\n1 0 obj <<>> endobj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_non_html_raises_not_html_naming_the_type(data: bytes, name: str) -> None:
    with pytest.raises(NotHTML, match=name):
        extract(data)


def test_gzip_input_is_decompressed() -> None:
    import gzip

    assert FRENCH in extract(gzip.compress(page(FRENCH).encode())).text


def test_decode_page_hands_over_the_bytes_only_where_they_are_the_text() -> None:
    page = "<html><body><p>Grüße aus Köln</p></body></html>".encode("utf-8")
    text, encoding, utf8 = decode_page(page)
    assert utf8 is page and utf8 == text.encode("utf-8") and encoding == "utf_8"
    assert decode_page(page.replace(b"aus", b"a\x00us"))[2] is None  # NULs dropped from the text
    assert decode_page(b"\xef\xbb\xbf" + page)[2] is None  # the BOM is not text
    assert decode_page("<p>Köln</p>".encode("cp1252"), {"content-type": "text/html; charset=cp1252"})[2] is None
    assert decode_page("<p>text</p>")[2] is None


def test_a_page_reads_the_same_from_bytes_and_from_text() -> None:
    page = "<html><head><title>Grüße aus Köln</title></head><body><article>" + "<p>Die Stadt hat den Haushalt für das kommende Jahr beschlossen, sagte der Sprecher.</p>" * 5 + "</article></body></html>"
    assert extract(page.encode("utf-8"), "https://paper.example/a") == extract(page, "https://paper.example/a")


@pytest.mark.parametrize(
    "data, headers",
    [
        ("<p>a\x00b</p>", None),  # text
        ("<p>caf\xe9 a\x00b</p>".encode("cp1252"), {"Content-Type": "text/html; charset=windows-1252"}),
        (b"\xef\xbb\xbf<p>a\x00b</p>", None),  # a BOM
        (b"<meta charset=utf-8><p>a\x00b \xff</p>", None),  # declared UTF-8, a broken byte
    ],
)
def test_every_way_of_decoding_drops_nuls(data: bytes | str, headers: dict[str, str] | None) -> None:
    text, _, utf8 = decode_page(data, headers)
    assert "a\x00b" not in text and "ab" in text and utf8 is None
