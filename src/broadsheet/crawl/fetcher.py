"""The one fetch stack: polite, bounded HTTP for the crawl, URL lists and `extract URL`.

Every request goes through here, whoever asks (`broadsheet.sources.fetch` and
`broadsheet.sources.urls` are synchronous facades over this class), so every rule holds
everywhere:

- robots.txt is read first for each origin (`policy`) and obeyed on every hop, redirect
  targets included; it is itself read through the host's gate, so its request counts
  for the delay, and its Crawl-delay applies from it on.
- one request at a time per host, `delay` seconds apart (`HostGate`); retries back off
  and honour Retry-After (seconds or an HTTP date).
- redirects: at most `RetryPolicy.max_redirects`, http(s) only, each target checked
  (robots.txt of its host, `check_redirect`, loops); with `same_host_only` a hop to
  another host ends the fetch and is handed back to the caller.
- bodies are read raw and decoded by `broadsheet.inflate` (gzip, deflate, br; the only
  codings offered) with a cap on the bytes on the wire *and* on the decoded bytes, so a
  6 KB bomb stops at the cap; an unsupported coding is an outcome, not a page.
- an overall `deadline` per response (headers and body together): a server dripping a
  byte a second cannot hold a fetch past it, whatever the per-read timeout.

`Fetcher.fetch` returns a `FetchResult` whose `outcome` always says what happened (a
reason, never a bare None); only programming errors raise.
"""
from __future__ import annotations

import asyncio
import dataclasses
import http.cookiejar
import socket
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Literal
from urllib.parse import urlsplit

import httpx

from broadsheet.crawl.politeness import HostGate, RetryPolicy, retry_after
from broadsheet.crawl.robots import (
    MAX_ROBOTS_BYTES, Robots, redirect_allowed, robots_from_response, robots_unavailable, robots_unreachable,
)
from broadsheet.crawl.urls import BadURL, canonicalize, host_key
from broadsheet.inflate import SUPPORTED, BadEncoding, Decoder, TooLarge, is_supported

__all__ = ["FetchResult", "Fetcher", "HostGate", "HostPolicy", "Outcome", "RetryPolicy", "is_html",
           "DEFAULT_DEADLINE", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 20.0  # seconds any one read (or the connect) may take
DEFAULT_DEADLINE = 60.0  # seconds one whole response (headers and body) may take
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # decoded bytes of one page

#: How long a robots.txt verdict is trusted (RFC 9309 §2.4: not more than 24 hours), and
#: how soon "disallow all for now" (5xx, unreachable) is asked again.
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 300.0
#: robots.txt policies kept, least recently used first out (one evicted is read again when
#: its origin comes back, as crawlers do), and the most robots.txt bytes the kept parsers
#: may stand for together: Protego holds ~30x what it parses (a 512 KiB file, 15 MB), and
#: a URL list redirecting through fresh hosts made one per hop, kept to the end.
MAX_POLICIES = 1000
MAX_POLICY_BYTES = 8 * 1024 * 1024

Outcome = Literal[
    "ok",              # 2xx with a body within the caps
    "not-modified",    # 304 to a conditional request
    "http-error",      # a final 4xx/5xx (after retries for the retryable ones)
    "not-html",        # a page request answered with something that is not HTML
    "too-large",       # over the size cap (declared, on the wire, or decoded)
    "bad-encoding",    # a Content-Encoding not offered (zstd, compress...) or a damaged stream
    "redirect-loop",
    "too-many-redirects",
    "bad-redirect",    # a Location that is not http(s) or not a URL
    "offsite-redirect",  # to another host (with same_host_only): handed back to the caller
    "robots-disallowed",  # robots.txt forbids the URL itself: not requested
    "robots-redirect",   # a redirect to a URL robots.txt forbids: not followed
    "robots-unavailable",  # robots.txt answers 5xx/429: nothing on the host for now
    "known-redirect",    # to a URL the caller has already (check_redirect said so)
    "timeout",         # one read (or the connect) took longer than `timeout`
    "deadline",        # the whole response took longer than `deadline` (not retried)
    "dns",             # the host name does not resolve
    "network",         # refused, reset, protocol errors
    "bad-url",         # the URL asked for cannot be requested at all
]

REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Decoded bytes a truncating read may hold beyond its cap while it decides to stop,
#: and the raw slice it feeds the decoder at a time (so one slice cannot decode past it).
_TRUNCATE_SLACK = 4
_TRUNCATE_SLICE = 1024
_DROP_AFTER_DECODING = ("content-encoding", "content-length", "transfer-encoding")


@dataclass
class FetchResult:
    """The end of one fetch: `url` as asked, `final_url` after redirects."""

    url: str
    final_url: str
    outcome: Outcome
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    reason: str = ""
    requests: int = 0
    truncated: bool = False  # the body is the first `max_bytes` of a longer one (truncate=True)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class HostPolicy:
    """What robots.txt says for one origin, and the fetch it was read from (without its
    body, which nothing reads after parsing; `size` is how many bytes were parsed)."""

    robots: Robots
    url: str
    result: FetchResult
    read_at: float
    size: int = 0

    def fresh(self, now: float) -> bool:
        ttl = ROBOTS_RETRY if self.robots.blocks_host else ROBOTS_TTL
        return now - self.read_at < ttl


def is_html(content_type: str, head: bytes) -> bool:
    """HTML by its declared type, or, where the type is missing or generic, by its bytes."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in HTML_TYPES:
        return True
    if ctype and ctype not in ("text/plain", "application/octet-stream", "unknown/unknown"):
        return False
    start = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))


def _is_dns_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            break
        if isinstance(seen, socket.gaierror):
            return True
        text = str(seen).lower()
        if "name or service not known" in text or "nodename nor servname" in text or \
                "temporary failure in name resolution" in text or "no address associated" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _authority(url: str) -> tuple[str, str]:
    """(origin, host key) of a URL, spelt as `canonicalize` spells them (lower case, no
    default port), so a raw URL and its canonical form share robots.txt and gate."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return f"{scheme}://{netloc}", netloc


def _unusable(url: str) -> str | None:
    """Why httpx could not request `url` (a malformed IDNA host such as `xn--`, a port
    out of range), or None. Checked before anything is asked of the host."""
    try:
        parsed = httpx.URL(url)
        parsed.host  # noqa: B018 - decoding the host is what fails for bad IDNA labels
    except (httpx.InvalidURL, UnicodeError, TypeError, ValueError) as exc:
        return f"not a usable URL: {exc}"[:200]
    return None


class Fetcher:
    """GETs URLs politely with one shared httpx client (connection reuse across a host).

    `delay` is the least spacing per host (a larger robots.txt Crawl-delay wins);
    `timeout` bounds each read, `deadline` each whole response; `max_bytes` caps the
    bytes on the wire and the decoded body alike (per fetch with `max_bytes=`).
    """

    def __init__(
        self,
        *,
        user_agent: str,
        delay: float = 0.0,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retry: RetryPolicy | None = None,
        trust_env: bool = True,
    ) -> None:
        self.user_agent = user_agent
        self.delay = delay
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.retry = retry or RetryPolicy()
        self.gates: dict[str, HostGate] = {}
        self._policies: OrderedDict[str, HostPolicy] = OrderedDict()  # an LRU: see `_keep`
        self._policy_bytes = 0
        self._policy_locks: dict[str, asyncio.Lock] = {}
        no_cookies = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept-Encoding": ", ".join(SUPPORTED),
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            cookies=no_cookies,
            trust_env=trust_env,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    def gate(self, url: str) -> HostGate:
        """The gate of `url`'s host (`host[:port]`), made on first use with `delay`."""
        host = _authority(url)[1] if "://" in url else url
        gate = self.gates.get(host)
        if gate is None:
            gate = self.gates[host] = HostGate(self.delay)
        return gate

    # -- robots.txt -------------------------------------------------------------------
    async def policy(self, url: str) -> HostPolicy:
        """robots.txt of `url`'s origin: read once (then again after `ROBOTS_TTL`, or after
        `ROBOTS_RETRY` when it said "not now"), concurrent callers waiting for one read."""
        origin = _authority(url)[0]
        lock = self._policy_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            known = self._policies.get(origin)
            if known is not None and known.fresh(time.monotonic()):
                self._policies.move_to_end(origin)
                return known
            policy = await self._read_robots(origin)
            self._keep(origin, policy)
            gate = self.gate(url)
            gate.delay = max(self.delay, policy.robots.crawl_delay(self.user_agent))
            return policy

    def _keep(self, origin: str, policy: HostPolicy) -> None:
        """Remember `policy`, evicting the least recently used past `MAX_POLICIES` policies
        or `MAX_POLICY_BYTES` parsed (the newest is always kept)."""
        old = self._policies.pop(origin, None)
        if old is not None:
            self._policy_bytes -= old.size
        self._policies[origin] = policy
        self._policy_bytes += policy.size
        while len(self._policies) > 1 and (len(self._policies) > MAX_POLICIES
                                           or self._policy_bytes > MAX_POLICY_BYTES):
            gone, evicted = self._policies.popitem(last=False)
            self._policy_bytes -= evicted.size
            lock = self._policy_locks.get(gone)
            if lock is not None and not lock.locked():
                del self._policy_locks[gone]

    async def _read_robots(self, origin: str) -> HostPolicy:
        url = origin + "/robots.txt"
        result = await self.fetch(
            url, same_host_only=False, obey_robots=False, truncate=True, max_bytes=MAX_ROBOTS_BYTES,
            check_redirect=lambda target: None if redirect_allowed(url, target) else "offsite-redirect")
        outcome = result.outcome
        if outcome == "ok":
            robots = robots_from_response(result.status or 200, result.content, result.content_type,
                                          truncated=result.truncated)
        elif outcome == "http-error" and result.status is not None:
            robots = robots_from_response(result.status, b"")
        elif outcome == "offsite-redirect":
            robots = robots_unavailable(f"redirects to {host_key(result.final_url)}")
        elif outcome in ("too-many-redirects", "redirect-loop", "bad-redirect"):
            robots = robots_unavailable(outcome)
        elif outcome in ("too-large", "bad-encoding"):
            robots = robots_unavailable(result.reason or outcome)
        else:  # timeout, deadline, dns, network, bad-url
            robots = robots_unreachable(result.reason or outcome)
        return HostPolicy(robots, url, dataclasses.replace(result, content=b""), time.monotonic(), len(result.content))

    async def _robots_stop(self, url: str, current: str, first: bool) -> FetchResult | None:
        """Why robots.txt of `current`'s host forbids requesting it now, or None."""
        policy = await self.policy(current)
        robots = policy.robots
        if robots.allowed(current, self.user_agent):
            return None
        if not robots.reachable:
            cause = policy.result.outcome if policy.result.outcome in ("dns", "timeout", "deadline") else "network"
            return FetchResult(url, current, cause, reason=f"robots.txt unreachable: {policy.result.reason or cause}")
        if robots.blocks_host:
            return FetchResult(url, current, "robots-unavailable", reason=robots.note)
        outcome: Outcome = "robots-disallowed" if first else "robots-redirect"
        return FetchResult(url, current, outcome, reason=f"robots.txt disallows {current}")

    # -- one fetch --------------------------------------------------------------------
    async def fetch(
        self,
        url: str,
        *,
        html_only: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
        check_redirect: Callable[[str], Outcome | None] | None = None,
        max_bytes: int | None = None,
        same_host_only: bool = True,
        obey_robots: bool = True,
        truncate: bool = False,
    ) -> FetchResult:
        """GET `url` politely, following redirects (within the host if `same_host_only`).

        `check_redirect(target)` may stop a redirect before it is followed by naming the
        outcome (the crawl has the target already); `html_only` refuses bodies that are
        not HTML without reading them; `etag`/`last_modified` make the request
        conditional (a 304 gives outcome `not-modified`); `truncate` keeps the first
        `max_bytes` of a longer body instead of refusing it (robots.txt).
        """
        cap = max_bytes or self.max_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if (why := _unusable(url)) is not None:
            return FetchResult(url, url, "bad-url", reason=why)
        current, seen, requests = url, {url}, 0
        for hop in range(self.retry.max_redirects + 1):
            if obey_robots:
                stop = await self._robots_stop(url, current, first=hop == 0)
                if stop is not None:
                    stop.requests = requests
                    return stop
            result = await self._with_retries(url, current, headers, html_only, cap, truncate)
            requests += result.requests
            result.requests = requests
            if result.status not in REDIRECTS or result.outcome != "http-error":
                return result
            location = result.headers.get("location", "")
            try:
                target = canonicalize(location, base=current)
            except BadURL as exc:
                return self._end(url, current, "bad-redirect", result, f"redirect to {exc.reason}")
            if target in seen:
                return self._end(url, target, "redirect-loop", result, f"{current} -> {target} seen before")
            seen.add(target)
            if (why := _unusable(target)) is not None:
                return self._end(url, target, "bad-redirect", result, f"redirect to {why}")
            if same_host_only and _authority(target)[1] != _authority(current)[1]:
                return self._end(url, target, "offsite-redirect", result, f"redirect to {host_key(target)}")
            stop_at = check_redirect(target) if check_redirect is not None else None
            if stop_at is not None:
                return self._end(url, target, stop_at, result, f"redirect to {target}: {stop_at}")
            current, headers = target, {}
        return FetchResult(url, current, "too-many-redirects", requests=requests,
                           reason=f"more than {self.retry.max_redirects} redirects")

    @staticmethod
    def _end(url: str, final: str, outcome: Outcome, result: FetchResult, reason: str) -> FetchResult:
        return FetchResult(url, final, outcome, status=result.status, headers=result.headers,
                           reason=reason, requests=result.requests)

    async def _with_retries(
        self, url: str, current: str, headers: dict[str, str], html_only: bool, cap: int, truncate: bool
    ) -> FetchResult:
        policy = self.retry
        gate = self.gate(current)
        requests = 0
        result = FetchResult(url, current, "network", reason="not attempted")
        for attempt in range(policy.max_attempts):
            async with gate:
                requests += 1
                result = await self._once(url, current, headers, html_only, cap, truncate)
            result.requests = requests
            if attempt + 1 == policy.max_attempts:
                break
            if result.outcome == "http-error" and policy.retryable(result.status):
                asked = retry_after(result.headers.get("retry-after"))
                wait = asked if asked is not None else policy.wait(attempt)
                if wait > policy.max_retry_after:
                    result.reason = f"HTTP {result.status}, Retry-After {wait:.0f}s is too long"
                    break
                gate.pause(wait)
            elif result.outcome in ("timeout", "network"):
                await asyncio.sleep(policy.wait(attempt))
            else:  # done, or not worth repeating (a 404, a bomb, a drip past the deadline)
                break
        return result

    async def _once(
        self, url: str, current: str, headers: dict[str, str], html_only: bool, cap: int, truncate: bool
    ) -> FetchResult:
        deadline = asyncio.timeout(self.deadline)
        try:
            async with deadline:
                return await self._request(url, current, headers, html_only, cap, truncate)
        except TimeoutError:
            if deadline.expired():
                return FetchResult(url, current, "deadline",
                                   reason=f"response not complete within {self.deadline:g}s")
            return FetchResult(url, current, "timeout", reason="timed out (TimeoutError)")
        except (httpx.InvalidURL, UnicodeError) as exc:
            # `current` passed _unusable, so this is the Location: httpx builds the next
            # request (a data: URL, a host idna cannot spell) even when not following it
            reason = f"Location is not a usable http(s) URL: {exc}"
            return FetchResult(url, current, "bad-redirect", reason=reason[:200])
        except httpx.TimeoutException as exc:
            return FetchResult(url, current, "timeout", reason=f"timed out ({exc.__class__.__name__})")
        except (httpx.HTTPError, OSError) as exc:
            if _is_dns_failure(exc):
                return FetchResult(url, current, "dns", reason=f"DNS: {host_key(current)} does not resolve")
            return FetchResult(url, current, "network", reason=f"{exc.__class__.__name__}: {exc}"[:200])

    async def _request(
        self, url: str, current: str, headers: dict[str, str], html_only: bool, cap: int, truncate: bool
    ) -> FetchResult:
        async with self.client.stream("GET", current, headers=headers) as response:
            status = response.status_code
            head = {k.lower(): v for k, v in response.headers.items()}
            base = FetchResult(url, current, "ok", status=status, headers=head)
            if status == 304:
                base.outcome = "not-modified"
                return base
            if status in REDIRECTS or status >= 400 or status < 200:
                base.outcome, base.reason = "http-error", f"HTTP {status}"
                return base
            declared = head.get("content-length", "")
            if not truncate and declared.isdigit() and int(declared) > cap:
                base.outcome, base.reason = "too-large", f"Content-Length {declared} over {cap}"
                return base
            ctype = head.get("content-type", "")
            if html_only and ctype and not is_html(ctype, b"<html"):
                base.outcome, base.reason = "not-html", f"content type {ctype.split(';')[0]}"
                return base
            encoding = head.get("content-encoding")
            if not is_supported(encoding):
                base.outcome, base.reason = "bad-encoding", f"Content-Encoding {encoding} was not offered"
                return base
            try:
                base.content, base.truncated = await _read_body(response, encoding, cap, truncate)
            except TooLarge:
                base.outcome, base.reason = "too-large", f"body over {cap} bytes"
                return base
            except BadEncoding as exc:
                base.outcome, base.reason = "bad-encoding", str(exc)[:200]
                return base
            for name in _DROP_AFTER_DECODING:  # they described the bytes on the wire
                head.pop(name, None)
            if html_only and not is_html(ctype, base.content):
                base.outcome, base.reason = "not-html", "body is not HTML"
                base.content = b""
            return base


async def _read_body(response: httpx.Response, encoding: str | None, cap: int, truncate: bool) -> tuple[bytes, bool]:
    """The decoded body, at most `cap` bytes on the wire and decoded. Past the cap:
    TooLarge, or with `truncate` the first `cap` bytes and True."""
    decoder = Decoder(encoding, cap * _TRUNCATE_SLACK if truncate else cap)
    out = bytearray()
    wire = 0
    async for raw in response.aiter_raw():
        wire += len(raw)
        if truncate:
            for at in range(0, len(raw), _TRUNCATE_SLICE):
                try:
                    out += decoder.feed(raw[at:at + _TRUNCATE_SLICE])
                except TooLarge:
                    return bytes(out[:cap]), True
                if len(out) > cap:
                    return bytes(out[:cap]), True
            if wire > cap:  # compressed junk that decodes to nothing must end too
                return bytes(out[:cap]), True
            continue
        if wire > cap:
            raise TooLarge(f"over {cap} bytes on the wire", cap)
        out += decoder.feed(raw)
    try:
        out += decoder.flush()
    except TooLarge:
        if not truncate:
            raise
        return bytes(out[:cap]), True
    if truncate and len(out) > cap:
        return bytes(out[:cap]), True
    return bytes(out), False
