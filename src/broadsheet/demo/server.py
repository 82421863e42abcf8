"""A loopback web server for sample sites, with a log of every request it answered.

The demo serves its sample news site with it, and the crawl tests serve theirs: one
`SiteServer` per host (its own address and port), all writing to one `RequestLog`, so a
test can check politeness from the server's side (what was asked, in what order, when).
Behaviours a crawler must survive are declared per route: a delay, N failures before
success, a Retry-After, a redirect, ETag/Last-Modified with 304 answers.

`LoopbackServer` is the part every such server shares (the tests' hostile server too): a
threaded HTTP server on a loopback port, run on a daemon thread of this process, started
and stopped (or used as a context manager), quiet about clients that hang up.
"""
from __future__ import annotations

import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from hashlib import sha1
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping, TypeVar

__all__ = ["LoggedRequest", "LoopbackServer", "RequestLog", "Route", "SiteServer", "redirect"]

S = TypeVar("S", bound="LoopbackServer")


class _Threading(ThreadingHTTPServer):
    """One thread per connection (daemonic: a client left hanging never blocks exit)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], owner: "LoopbackServer") -> None:
        self.owner = owner  # what handlers reach as `self.server.owner`
        super().__init__(address, handler)

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """A client that hangs up early (a crawler refusing a PDF) is normal, not an error."""
        if isinstance(sys.exc_info()[1], self.owner.quiet_errors):
            return
        super().handle_error(request, client_address)


class LoopbackServer:
    """An HTTP server answering with `handler` on `address`:`port` (0: any free port), on a
    thread of this process once started; a subclass says what it serves."""

    #: Errors of a request not worth a traceback on stderr.
    quiet_errors: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, address: str = "127.0.0.1", port: int = 0,
                 name: str = "loopback") -> None:
        self._server = _Threading((address, port), handler, self)
        self._name = name
        self._thread: threading.Thread | None = None

    @property
    def netloc(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host.decode() if isinstance(host, bytes) else host}:{port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.netloc}"

    def start(self: S) -> S:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"{self._name}-{self.netloc}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self: S) -> S:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Route:
    """How the server answers one path (path plus query, exactly as requested).

    `fail` answers the first `fail` requests with `fail_status` (and `fail_headers`),
    then serves normally; `delay` sleeps before answering; `validators` adds an ETag and
    Last-Modified and answers matching conditional requests with 304.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail: int = 0
    fail_status: int = 500
    fail_headers: Mapping[str, str] = field(default_factory=dict)
    validators: bool = True
    served: int = 0


def redirect(location: str, status: int = 301) -> Route:
    return Route(status=status, headers={"Location": location}, validators=False, content_type="text/plain")


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the server saw it; `start` (request read) and `end` (answer ready,
    just before it is written) are `time.monotonic()` values."""

    host: str
    path: str
    status: int
    start: float
    end: float
    headers: Mapping[str, str]


class RequestLog:
    """Thread-safe list of answered requests, shared by several servers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[LoggedRequest] = []

    def add(self, item: LoggedRequest) -> None:
        with self._lock:
            self._items.append(item)

    def all(self, host: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            items = list(self._items)
        return [r for r in items if host is None or r.host == host]

    def paths(self, host: str | None = None) -> list[str]:
        return [r.path for r in self.all(host)]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


Fallback = Callable[[str], "Route | None"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Threading

    @property
    def site(self) -> "SiteServer":
        owner = self.server.owner
        assert isinstance(owner, SiteServer)
        return owner

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return  # the RequestLog is the log

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        start = time.monotonic()
        site = self.site
        route = site.routes.get(self.path) or (site.fallback(self.path) if site.fallback else None)
        status, headers, body = self._answer(route)
        # Logged before the answer is written: a client holding the answer always finds
        # its request in the log, and `end` is never later than the client's receipt.
        site.log.add(LoggedRequest(site.netloc, self.path, status, start, time.monotonic(),
                                   {k.lower(): v for k, v in self.headers.items()}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, route: Route | None) -> tuple[int, dict[str, str], bytes]:
        if route is None:
            return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body><h1>Not found</h1></body></html>"
        with self.site.lock:
            route.served += 1
            attempt = route.served
        if route.delay:
            time.sleep(route.delay)
        if attempt <= route.fail:
            return route.fail_status, {"Content-Type": "text/plain", **route.fail_headers}, b"try again later"
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.validators and route.status == 200:
            etag = '"' + sha1(route.body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = self.site.last_modified
            if self.headers.get("If-None-Match") == etag or (
                not self.headers.get("If-None-Match")
                and self.headers.get("If-Modified-Since") == self.site.last_modified
            ):
                return 304, {"ETag": etag}, b""
        return route.status, headers, route.body


class SiteServer(LoopbackServer):
    """One host: `routes` by exact path, else `fallback(path)`, else 404.

    Routes may be replaced while the server runs (a site that changes between crawls).
    """

    def __init__(
        self,
        routes: dict[str, Route] | None = None,
        *,
        log: RequestLog | None = None,
        address: str = "127.0.0.1",
        port: int = 0,
        fallback: Fallback | None = None,
    ) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.fallback = fallback
        self.log = log or RequestLog()
        self.lock = threading.Lock()
        self.last_modified = formatdate(time.time() - 86400, usegmt=True)
        super().__init__(_Handler, address=address, port=port, name="site")
