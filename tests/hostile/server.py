"""A loopback HTTP server that misbehaves on purpose, for the fetch stack's tests.

Each `HostileServer` listens on 127.0.0.1 (its own port: its own host for the crawler)
and answers by path with a `Reply`. Replies are written by hand on the socket, so a
route can do what no well-behaved server does: drip one byte at a time (headers
included), stream an endless chunked body, send a compression bomb, redirect to `data:`
or another port, serve a robots.txt of megabytes or a sitemap index fanning out to
many sitemaps. Every request is logged (`hits`) with its headers and arrival time, so a
test can check from the server's side what a client asked for and when.

Bombs are built once per process (`bomb`): tens of megabytes of zeros in a body of a
few hundred bytes, made from chunks so the test process never holds the decoded size.
Starting, stopping and the listening thread are `broadsheet.demo.server.LoopbackServer`'s.
"""
from __future__ import annotations

import functools
import gzip
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Callable, Iterable, Iterator

import brotli

from broadsheet.demo.server import LoopbackServer

__all__ = ["Hit", "HostileServer", "Reply", "bomb", "drip", "endless", "fan_out", "redirect", "slow_headers"]

#: How much a test bomb decodes to: far over any cap a test sets, small enough to build fast.
BOMB_SIZE = 64 * 1024 * 1024
_MB = bytes(1 << 20)


@dataclass
class Reply:
    """One answer: `status`, `headers` and either `body` (sent whole, with Content-Length)
    or `stream` (chunks sent as they come, each after `interval` seconds; chunked coding
    when `chunked`, else the connection closes at the end)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    stream: Callable[[], Iterable[bytes]] | None = None
    interval: float = 0.0
    chunked: bool = False
    head_interval: float = 0.0  # > 0: the status line and headers themselves drip, a byte at a time


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    headers: dict[str, str]


Route = Callable[[str], "Reply | None"]


class HostileServer(LoopbackServer):
    """`routes` by exact path (a Reply, or a callable of the path giving one), then
    `fallback(path)`, then 404. Use as a context manager, or `start()`/`stop()`."""

    quiet_errors = (Exception,)  # clients that give up on us are the normal case here
    url = LoopbackServer.base_url

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Route] = {}
        self.fallback: Route | None = None
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                with owner._lock:
                    owner.hits.append(Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()}))
                try:
                    owner._answer(self, owner._reply(self.path))
                except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
                    self.close_connection = True  # the client hung up: that is the point

        super().__init__(Handler, name="hostile")

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    # -- answering --------------------------------------------------------------------
    def _reply(self, path: str) -> Reply:
        route = self.routes.get(path)
        if callable(route):
            route = route(path)
        if route is None and self.fallback is not None:
            route = self.fallback(path)
        if route is None:
            return Reply(b"<html><body>not here</body></html>", status=404)
        return route

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        out = handler.wfile
        head = [f"HTTP/1.1 {reply.status} Whatever"]
        head += [f"{k}: {v}" for k, v in reply.headers.items()]
        if reply.stream is None:
            head.append(f"Content-Length: {len(reply.body)}")
        elif reply.chunked:
            head.append("Transfer-Encoding: chunked")
        else:
            head.append("Connection: close")
            handler.close_connection = True
        raw_head = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if reply.head_interval > 0:
            for i in range(len(raw_head)):
                out.write(raw_head[i:i + 1])
                out.flush()
                time.sleep(reply.head_interval)
        else:
            out.write(raw_head)
        if reply.stream is None:
            out.write(reply.body)
            out.flush()
            return
        for chunk in reply.stream():
            if reply.interval:
                time.sleep(reply.interval)
            out.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if reply.chunked else chunk)
            out.flush()
        if reply.chunked:
            out.write(b"0\r\n\r\n")
            out.flush()


# -- replies ------------------------------------------------------------------------------
def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location, "Content-Type": "text/plain"})


def drip(data: bytes, interval: float = 1.0, content_type: str = "text/html") -> Reply:
    """`data` one byte every `interval` seconds (no read ever waits longer than that)."""
    return Reply(headers={"Content-Type": content_type}, stream=lambda: (data[i:i + 1] for i in range(len(data))),
                 interval=interval, chunked=True)


def slow_headers(body: bytes, interval: float = 0.2) -> Reply:
    """Even the status line and headers arrive a byte at a time."""
    return Reply(body, head_interval=interval)


def endless(chunk: bytes = b"<p>" + b"more " * 200 + b"</p>\n") -> Reply:
    """A chunked body that never ends (until the client hangs up)."""
    def forever() -> Iterator[bytes]:
        yield b"<!DOCTYPE html><html><body>"
        while True:
            yield chunk
    return Reply(stream=forever, chunked=True)


@functools.cache
def _bomb_body(kind: str, size: int) -> bytes:
    if kind == "br":
        comp = brotli.Compressor(quality=5)
        return b"".join([comp.process(_MB) for _ in range(size >> 20)] + [comp.finish()])
    wbits = {"gzip": 31, "gzip-gzip": 31, "deflate": 15, "raw-deflate": -15}[kind]
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    body = b"".join([comp.compress(_MB) for _ in range(size >> 20)] + [comp.flush()])
    return gzip.compress(body, 9) if kind == "gzip-gzip" else body


def bomb(kind: str, *, content_type: str = "text/html", size: int = BOMB_SIZE, status: int = 200) -> Reply:
    """A compression bomb: `size` zero bytes as `kind` (br, gzip, gzip-gzip, deflate, raw-deflate)."""
    coding = {"gzip-gzip": "gzip, gzip", "raw-deflate": "deflate"}.get(kind, kind)
    return Reply(_bomb_body(kind, size), status=status,
                 headers={"Content-Type": content_type, "Content-Encoding": coding})


def fan_out(server: HostileServer, *, sitemaps: int, urls: int, prefix: str = "/fan", pages: bool = False) -> str:
    """Route a sitemap index at `{prefix}/index.xml` naming `sitemaps` child sitemaps of
    `urls` page URLs each; returns the index's URL. The pages are small distinct
    articles with `pages`, else 404 (cheap to fetch)."""
    base = server.url + prefix
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + "".join(f"<sitemap><loc>{base}/s{i}.xml</loc></sitemap>" for i in range(sitemaps))
             + "</sitemapindex>").encode()
    server.routes[f"{prefix}/index.xml"] = Reply(index, headers={"Content-Type": "application/xml"})

    @functools.cache
    def child(i: int) -> bytes:
        return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<url><loc>{base}/p/{i}/story-number-{j}-of-many</loc></url>" for j in range(urls))
                + "</urlset>").encode()

    previous = server.fallback

    def route(path: str) -> Reply | None:
        if path.startswith(f"{prefix}/s") and path.endswith(".xml"):
            try:
                return Reply(child(int(path[len(prefix) + 2:-4])), headers={"Content-Type": "application/xml"})
            except ValueError:
                return None
        if pages and path.startswith(f"{prefix}/p/"):
            words = " ".join(f"{path} word{k}" for k in range(60))
            return Reply(f"<!DOCTYPE html><html><head><title>{path}</title></head><body><article><h1>{path}</h1>"
                         f"<p>{words}</p></article></body></html>".encode())
        return previous(path) if previous is not None else None

    server.fallback = route
    return f"{base}/index.xml"
