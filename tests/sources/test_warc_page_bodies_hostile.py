"""Hostile page bodies never become records (reviews R17 finding 1, R19 findings 1 to 3).

A page's body is the page's, in every layout: records, gzip members or zstd frames inside
it are its bytes. The reader once read records out of .warc.zst pages (to recover a
writer's cut) and resynchronised after damage from inside the last good record; both let
a page plant records under other sites' URLs. Each test here builds such a page in every
layout and checks that every page read is one of the archive's own records, never one of
`victim.example`'s."""
from __future__ import annotations

import gzip
import random
from pathlib import Path
from typing import Callable

import pytest

from broadsheet.run.stats import Stats
from broadsheet.sources.warc import iter_warc_records

from .test_warc_zstd import record
from .test_warc_zstd_quotes import LAYOUTS
from .test_warc_zstd_streams import news, zstd_all

MB = 1024 * 1024


def fake(n: int, count: int = 5) -> bytes:
    """`count` records of victim.example back to back (what an attacker wants emitted)."""
    return b"".join(record(n + i, b"<html><p>injected %d</p></html>" % i).replace(b"paper.example", b"victim.example")
                    for i in range(count))


def noise(seed: int, size: int) -> bytes:
    """Incompressible bytes: gzip and zstd store them (and what lies between them) verbatim."""
    return random.Random(seed).randbytes(size)


def units(records: list[bytes], layout: str) -> list[bytes]:
    """`records` as the file's pieces: one per record, or one for a file of one stream."""
    raw = b"".join(records)
    if layout == "plain.warc":
        return list(records)
    if layout == "members.warc.gz":
        return [gzip.compress(r) for r in records]
    if layout == "one.warc.gz":
        return [gzip.compress(raw)]
    if layout == "frames.warc.zst":
        return [zstd_all(r, MB) for r in records]
    return [zstd_all(raw, MB)]


def read(path: Path) -> tuple[list[str], Stats]:
    stats = Stats()
    return [page.url or "" for _, page in iter_warc_records(path, stats)], stats


def own(records: list[bytes]) -> set[str]:
    """The URLs of the archive's own records."""
    return {line.split(b": ", 1)[1].decode() for r in records for line in r.split(b"\r\n")[:6]
            if line.startswith(b"WARC-Target-URI: ")}


def check(path: Path, records: list[bytes]) -> list[str]:
    """The pages read; fails where one is not a record of the archive itself."""
    got, _ = read(path)
    assert not any("victim.example" in url for url in got), got
    assert set(got) <= own(records), got
    return [url.rsplit("/", 1)[-1] for url in got]


def embedded(kind: str) -> bytes:
    """Five fake records as one verbatim zstd frame or gzip member (stored: level 0)."""
    return zstd_all(fake(10**6), MB) if kind == "zst" else gzip.compress(fake(10**6), 0)


EMBEDS: dict[str, Callable[[bytes], bytes]] = {
    "frame, then the records as text": lambda z: noise(1, 30000) + z + noise(2, 20000) + fake(10**6),
    "frame, the records as text, more text": lambda z: noise(1, 30000) + z + noise(2, 20000) + fake(10**6) + b"<p>more</p>",
    "frame only": lambda z: noise(1, 30000) + z + noise(2, 20000),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", ["zst", "gz"])
@pytest.mark.parametrize("shape", list(EMBEDS))
def test_a_page_holding_a_frame_of_fake_records_stays_one_page(tmp_path: Path, layout: str, kind: str,
                                                               shape: str) -> None:
    """R19's embed.py: before, a frame per record gave '1 v0..v4 3 4' (page 2 lost), one
    stream '1 v0..v4' (2, 3 and 4 lost)."""
    records = [news(1), record(2, EMBEDS[shape](embedded(kind))), news(3), news(4)]
    path = tmp_path / layout
    path.write_bytes(b"".join(units(records, layout)))
    assert check(path, records) == ["1", "2", "3", "4"]
    assert not read(path)[1].errors


def archived() -> bytes:
    """A small archived .warc of victim.example: two records back to back to its end."""
    return fake(901, 2)


TAILS: dict[str, Callable[[bytes], bytes]] = {
    "next record cut mid-header": lambda r: r[:40],
    "next record cut mid-body": lambda r: r[:-60],
    "garbage after the page": lambda r: b"\x00garbage" * 10,
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("tail", list(TAILS))
def test_an_archived_warc_page_before_a_cut_or_damage_stays_a_page(tmp_path: Path, layout: str, tail: str) -> None:
    """R19's trunc.py: before, a frame per record gave '1 a b' (page 2 lost) in all three
    cases, one stream followed by garbage '1 a b'."""
    records = [news(1), record(2, archived()), news(3)]
    damaged = TAILS[tail](records[2])
    if layout in ("one.warc.gz", "one.warc.zst"):  # the damage inside the one stream
        data = units(records[:2] + [damaged], layout)[0]
    elif tail == "garbage after the page" and layout != "plain.warc":
        data = b"".join(units(records[:2], layout)) + damaged
    else:  # the last record's unit cut short (a crash mid-write)
        pieces = units(records, layout)
        data = b"".join(pieces[:2]) + pieces[2][:30 if layout != "plain.warc" else len(damaged)]
    path = tmp_path / layout
    path.write_bytes(data)
    assert check(path, records) == ["1", "2"]


DAMAGE = ["garbage between", "the next unit damaged"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", ["zst", "gz"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_resynchronising_after_damage_skips_the_last_good_page_whole(tmp_path: Path, layout: str, kind: str,
                                                                     damage: str) -> None:
    """R19's zdmg.py: damage after a page holding a verbatim frame of fake records. Before,
    resynchronisation searched from inside that page: '1 2 v0..v4 3 4' in .warc.zst."""
    records = [news(1), record(2, noise(3, 20000) + embedded(kind) + noise(4, 10000)), news(3), news(4)]
    if layout in ("one.warc.gz", "one.warc.zst"):
        bad = b"\x00garbage!" * 5 if damage == "garbage between" else records[2][:20] + b"\xff" * 30
        data = units(records[:2] + [bad] + records[3:], layout)[0]
    else:
        pieces = units(records, layout)
        if damage == "garbage between":
            data = b"".join(pieces[:2]) + b"\x00garbage!" * 5 + b"".join(pieces[2:])
        else:
            data = b"".join(pieces[:2]) + pieces[2][:20] + b"\xff" * 30 + pieces[3]
    path = tmp_path / layout
    path.write_bytes(data)
    got = check(path, records)
    assert got[:2] == ["1", "2"]
    if layout not in ("one.warc.gz", "one.warc.zst"):  # (a one-stream file has nothing to resume at)
        assert got[-1] == "4"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("size", [2000, 64 * 1024])
def test_an_archived_warc_of_other_sites_is_one_page(tmp_path: Path, layout: str, size: int) -> None:
    """R17's inject.py: a text/html page whose body is a WARC of victim.example (1 MB gave
    3,497 fake pages before fae89e0)."""
    records = [news(1), record(2, fake(10**6, size // 300)), news(3)]
    path = tmp_path / layout
    path.write_bytes(b"".join(units(records, layout)))
    assert check(path, records) == ["1", "2", "3"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_archived_warc_without_a_content_type_and_a_long_length_gives_no_fake_page(tmp_path: Path,
                                                                                      layout: str) -> None:
    """R17's quote.py, first case: a .warc served without a Content-Type, whose record's
    Content-Length runs 16 bytes into the next record (damage). Before, a plain .warc gave
    '1 2 a b 3 4': the search after the damage started inside page 2."""
    page = record(2, archived()).replace(b"Content-Type: text/html\r\n", b"")
    records = [news(1), page, news(3), news(4)]
    path = tmp_path / layout
    path.write_bytes(b"".join(units(records, layout)))
    got = check(path, records)
    assert got[:2] == ["1", "2"]


@pytest.mark.parametrize("layout", ["one.warc.gz", "one.warc.zst", "members.warc.gz", "frames.warc.zst"])
@pytest.mark.parametrize("kind", ["zst", "gz"])
def test_damaged_compressed_bytes_after_a_page_holding_a_frame_give_no_fake_page(tmp_path: Path, layout: str,
                                                                                 kind: str) -> None:
    """The compressed bytes themselves damaged after page 2, whose body holds a verbatim
    frame or member of fake records (a compressed one: the outer deflate stores it as it
    is): the search resumes where the last unit's blocks stop being sound, never at its
    start + 1. Before, one .warc.gz gave the 5 fake pages and nothing else."""
    inner = zstd_all(fake(10**6), MB) if kind == "zst" else gzip.compress(fake(10**6), 9)
    records = [news(1), record(2, noise(5, 40000) + inner + noise(6, 20000))] + [news(n) for n in range(3, 9)]
    data = bytearray(b"".join(units(records, layout)))
    tail = len(b"".join(units(records[-3:], layout))) if "one" not in layout else 400
    for i in range(len(data) - tail, len(data) - tail + 40):  # inside the last records' bytes
        data[i] ^= 0x5A
    path = tmp_path / layout
    path.write_bytes(bytes(data))
    got = check(path, records)
    if layout != "one.warc.gz":  # (FastWARC's gzip reader loses the whole buffer it was inflating there)
        assert got[:2] == ["1", "2"]


@pytest.mark.parametrize("gap", [0, 2000, 12000])
def test_a_member_stored_just_before_damage_in_one_stream_stays_page_bytes(tmp_path: Path, gap: int) -> None:
    """Review R20 finding 2: a damaged member was taken to end at the start of the 16 KiB
    step that failed, so a gzip member a page carried within 16 KiB of the damage was read
    as records ('v0..v4' and no real page). It now ends at the failing byte."""
    import zlib

    records = [news(1), record(2, noise(4, 100_000) + gzip.compress(fake(10**6)) + noise(5, gap) + b"</html>"),
               news(3), news(4)]
    deflate = zlib.compressobj(6, zlib.DEFLATED, 31)
    head = deflate.compress(records[0] + records[1]) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = bytearray(deflate.compress(records[2] + records[3]) + deflate.flush())
    for j in range(8):
        tail[j] ^= 0xA5  # damage right after the page
    path = tmp_path / "one.warc.gz"
    path.write_bytes(head + bytes(tail))
    check(path, records)
    assert read(path)[1].errors
