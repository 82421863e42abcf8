"""A loopback news site for URL-list tests: a real threaded HTTP server on 127.0.0.1."""
from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from broadsheet.demo.server import LoopbackServer
from tests.sources.warcs import article_html


class Server(LoopbackServer):
    """A loopback news site: /story/N pages, /flaky fails twice, /gone is 404, /logo is PNG,
    /robots.txt is `robots` (404 while None). Serving from construction on."""

    def __init__(self) -> None:
        self.hits: list[tuple[str, float]] = []
        self.flaky = 0
        self.robots: bytes | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.hits.append((self.path, time.monotonic()))
                if self.path.startswith("/story/"):
                    self.reply(200, article_html(int(self.path.rsplit("/", 1)[1])), "text/html; charset=utf-8")
                elif self.path == "/flaky":
                    server.flaky += 1
                    if server.flaky <= 2:
                        self.reply(503, b"busy", "text/plain", [("Retry-After", "0")])
                    else:
                        self.reply(200, article_html(99), "text/html")
                elif self.path == "/robots.txt" and server.robots is not None:
                    self.reply(200, server.robots, "text/plain")
                elif self.path == "/logo":
                    self.reply(200, b"\x89PNG\r\n", "image/png")
                else:
                    self.reply(404, b"not here", "text/plain")

            def reply(self, status: int, body: bytes, ctype: str, extra: list[tuple[str, str]] = []) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in extra:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        super().__init__(Handler, name="url-list-site")
        self.base = self.base_url
        self.start()
