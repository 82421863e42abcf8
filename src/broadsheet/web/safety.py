"""What keeps a corpus of hostile pages harmless in a browser: headers, URL checks, hosts.

- Every response carries a strict Content-Security-Policy: scripts and styles only from
  this server (there are none inline, and the page works without any script at all),
  images also from http(s) (article images), no plugins, no framing, no `<base>`.
- Links and images are written only for http(s) URLs (`safe_url`); anything else
  (`javascript:`, `data:`, relative junk) is shown as text, never followed.
- Requests naming another Host are refused (DNS rebinding: a web page that gets its own
  name to resolve to 127.0.0.1 must not read the corpus through the visitor's browser).
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Iterable, MutableMapping
from urllib.parse import urlsplit

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' http: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def safe_url(url: object) -> str | None:
    """`url` if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(url, str) or len(url) > 4096:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x21 for c in url):  # control characters, spaces: not a URL to follow
        return None
    return url


# The ASGI shapes, as starlette.types spells them (so starlette's apps and middleware fit).
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: adds the security headers, refuses unknown Hosts and methods that write."""

    def __init__(self, app: App, allowed_hosts: Iterable[str] | None = LOOPBACK) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        if scope["method"] not in ("GET", "HEAD"):
            await _plain(with_headers, 405, "only GET and HEAD: this server never writes", [(b"allow", b"GET, HEAD")])
            return
        if self.allowed is not None and _host(scope) not in self.allowed:
            await _plain(with_headers, 421, "unknown Host header: open the address broadsheet serve printed")
            return
        await self.app(scope, receive, with_headers)


def _host(scope: Scope) -> str:
    for key, value in scope.get("headers", []):
        if key == b"host":
            host: str = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[: host.find("]") + 1]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": body})
