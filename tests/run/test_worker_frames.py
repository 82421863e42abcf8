"""The pipe framing between the guarded pool and its workers (`broadsheet.run.worker`)."""
from __future__ import annotations

import os
import threading

from broadsheet import Page
from broadsheet.run.guard import GuardedPool
from broadsheet.run.worker import READ_CHUNK, frame, read_frame, read_messages, write_all
from tests.sources.warcs import article_html

_HEAD_SIZE = 16  # worker._HEAD: two little-endian u64 lengths


def _framed(message: object) -> bytes:
    data = frame(message)
    return len(data).to_bytes(8, "little") + (0).to_bytes(8, "little") + data


def _feed(chunks: list[bytes]) -> list[object]:
    """What `read_messages` makes of these writes, each a separate write to a pipe."""
    read_fd, write_fd = os.pipe()

    def write() -> None:
        try:
            for chunk in chunks:
                os.write(write_fd, chunk)
        finally:
            os.close(write_fd)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        return list(read_messages(read_fd))
    finally:
        writer.join()
        os.close(read_fd)


def test_messages_split_across_writes_and_packed_together_come_out_whole_in_order() -> None:
    messages = [("done", n, "x" * (n * 997)) for n in range(40)]
    stream = b"".join(_framed(m) for m in messages)
    cut = [stream[i:i + 1013] for i in range(0, len(stream), 1013)]  # heads and bodies split anywhere
    assert _feed(cut) == messages
    assert _feed([stream]) == messages  # all in one write: many frames per read


def test_a_frame_larger_than_one_read_is_gathered() -> None:
    big = ("done", 1, "y" * (3 * READ_CHUNK + 5))
    assert _feed([_framed(big), _framed(("done", 2, ""))]) == [big, ("done", 2, "")]


def test_a_frame_cut_short_ends_the_messages_after_the_whole_ones() -> None:
    whole, cut = _framed(("ready", 7)), _framed(("done", 0, "z" * 100))
    assert _feed([whole, cut[:_HEAD_SIZE + 10]]) == [("ready", 7)]
    assert _feed([whole, cut[:5]]) == [("ready", 7)]
    assert _feed([]) == []


def test_frames_written_together_read_back_as_the_worker_reads_them() -> None:
    read_fd, write_fd = os.pipe()
    parts = [_framed(("a", n)) for n in range(3)]
    write_all(write_fd, [p for part in parts for p in (part[:7], part[7:])])
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as stream:
        got = [read_frame(stream) for _ in range(4)]
    assert got == [(("a", 0), b""), (("a", 1), b""), (("a", 2), b""), None]


def test_a_pool_refilling_workers_a_few_pages_at_a_time_answers_every_page_in_order() -> None:
    pages = [Page(f"https://paper.example/{n}", article_html(n), origin=f"o{n}")
             for n in range(60)]
    for prefetch in (1, 2, 4, 7):
        with GuardedPool(2, prefetch=prefetch) as pool:
            got = [a.origin for a in pool.imap(pages, window=12)]
        assert got == [p.origin for p in pages], prefetch


def test_more_parts_than_one_gathering_write_takes_all_arrive_in_order() -> None:
    from broadsheet.run.worker import _IOV_MAX

    messages = [("done", n, "x" * (n % 7)) for n in range(_IOV_MAX + 50)]
    parts = [part for message in messages for part in (_framed(message)[:_HEAD_SIZE], _framed(message)[_HEAD_SIZE:])]
    assert len(parts) > _IOV_MAX
    r, w = os.pipe()
    got: list = []
    reader = threading.Thread(target=lambda: got.extend(read_messages(r)))
    reader.start()
    write_all(w, parts)
    os.close(w)
    reader.join(timeout=30)
    os.close(r)
    assert got == messages
