"""A target for the guarded pool's tests: a marker in the page says how to misbehave.

`misbehave(page, rules)` runs in the worker process. A page holding one of these markers
does what it says; any other page gets the real analysis:

- `HOSTILE:regex` catastrophic regex backtracking: C code that holds the GIL, which no
  signal handler (SIGALRM included) and no thread of the worker can interrupt;
- `HOSTILE:sleep` a long `time.sleep` (C code, off any Python timer when not on the main thread);
- `HOSTILE:nap` a one-second sleep, then the real analysis (a page slow enough to be caught running);
- `HOSTILE:alloc` touches memory 16 MiB at a time until something stops it;
- `HOSTILE:abort` `os.abort()`; `HOSTILE:segv` a read from address 0; `HOSTILE:exit` `os._exit(3)`;
- `HOSTILE:raise` an exception past the extractor's net; `HOSTILE:print` junk on stdout first;
- `HOSTILE:hoard` keeps memory (for the rest of the worker's life) until the worker holds
  `$BROADSHEET_TEST_HOARD_MIB`, then gives the real analysis.

A page whose URL contains `$BROADSHEET_TEST_CRASH_URL` aborts (crawled pages carry no
markers of ours; the environment reaches the workers), and every page takes
`$BROADSHEET_TEST_PAGE_DELAY` seconds more (a run slow enough to be killed midway). A process
server started by the process `$BROADSHEET_TEST_SLOW_SERVER_OF` (a pid) takes a minute to
import this module (a server that is still starting).
"""
from __future__ import annotations

import ctypes
import os
import re
import sys
import time

from broadsheet.model import Page
from broadsheet.run.analyse import Analysis, analyse
from broadsheet.run.keep import KeepRules
from broadsheet.run.worker import current_rss

_HOARD: list[bytes] = []

if os.environ.get("BROADSHEET_TEST_SLOW_SERVER_OF") == str(os.getppid()):
    time.sleep(60)


def marked(n: int, marker: str) -> bytes:
    """A page that misbehaves (still HTML, so a real analysis would read it)."""
    return f"<!-- HOSTILE:{marker} --><html><body><p>page {n}</p></body></html>".encode()


def misbehave(page: Page, rules: KeepRules) -> Analysis:
    time.sleep(float(os.environ.get("BROADSHEET_TEST_PAGE_DELAY") or 0))
    crash_url = os.environ.get("BROADSHEET_TEST_CRASH_URL")
    if crash_url and page.url and crash_url in page.url:
        os.abort()
    head = page.content[:64]
    if b"HOSTILE:" not in head:
        return analyse(page, rules)
    if b"HOSTILE:regex" in head:
        re.match(r"(a+)+$", "a" * 64 + "b")
    elif b"HOSTILE:sleep" in head:
        time.sleep(600)
    elif b"HOSTILE:nap" in head:
        time.sleep(1)
        return analyse(page, rules)
    elif b"HOSTILE:alloc" in head:
        hoard = []
        for _ in range(512):  # 8 GiB at most, should nothing stop it
            hoard.append(b"x" * (16 << 20))
            time.sleep(0.002)
    elif b"HOSTILE:abort" in head:
        os.abort()
    elif b"HOSTILE:segv" in head:
        ctypes.string_at(0)
    elif b"HOSTILE:exit" in head:
        os._exit(3)
    elif b"HOSTILE:raise" in head:
        raise ValueError("a bug past the extractor's net")
    elif b"HOSTILE:hoard" in head:
        goal = int(os.environ["BROADSHEET_TEST_HOARD_MIB"]) << 20
        while (current_rss() or goal) < goal:
            _HOARD.append(b"x" * (4 << 20))
        return analyse(page, rules)
    elif b"HOSTILE:print" in head:
        print("junk that must not reach the parent's stream" * 100)
        sys.stdout.flush()
        return analyse(page, rules)
    raise AssertionError(f"survived its own misbehaviour: {head!r}")
