"""Polite HTTP: one request at a time per host, retries that back off, bounded redirects.

Every request to a host passes through that host's `HostGate` (politeness.py). Hosts do
not wait for each other: the crawler runs one worker per host.

`Fetcher.fetch` returns a `FetchResult` whose `outcome` always says what happened (a
reason, never a bare None); only programming errors raise.
"""
from __future__ import annotations

import asyncio
import http.cookiejar
import socket
from dataclasses import dataclass, field
from typing import Callable, Literal

import httpx

from broadsheet.crawl.politeness import HostGate, RetryPolicy, retry_after
from broadsheet.crawl.urls import BadURL, canonicalize, host_key

__all__ = ["FetchResult", "Fetcher", "HostGate", "RetryPolicy", "is_html"]

Outcome = Literal[
    "ok",              # 2xx with a body within the caps
    "not-modified",    # 304 to a conditional request
    "http-error",      # a final 4xx/5xx (after retries for the retryable ones)
    "not-html",        # a page request answered with something that is not HTML
    "too-large",       # over the size cap (declared or counted, compressed or not)
    "redirect-loop",
    "too-many-redirects",
    "bad-redirect",    # a Location that is not http(s) or not a URL
    "offsite-redirect",  # to another host: the crawler queues the target under that host
    "robots-redirect",   # to a path robots.txt disallows: not followed
    "known-redirect",    # to a URL the crawl has already visited: not fetched twice
    "timeout",
    "dns",             # the host name does not resolve
    "network",         # refused, reset, protocol errors
]

REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")


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

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


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


class _TooLarge(Exception):
    pass


class Fetcher:
    """GETs URLs politely with one shared httpx client (connection reuse across a host).

    `max_bytes` caps both the bytes on the wire and the decoded body; compression other
    than gzip/deflate is not offered, so a small response cannot decode into a huge one
    in a single step.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 20.0,
        max_bytes: int = 10 * 1024 * 1024,
        retry: RetryPolicy | None = None,
        trust_env: bool = True,
    ) -> None:
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self.retry = retry or RetryPolicy()
        no_cookies = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            cookies=no_cookies,
            trust_env=trust_env,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def fetch(
        self,
        url: str,
        gate: HostGate,
        *,
        html_only: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
        check_redirect: Callable[[str], Outcome | None] | None = None,
        max_bytes: int | None = None,
        same_host_only: bool = True,
    ) -> FetchResult:
        """GET `url` through `gate`, following redirects within the host.

        `check_redirect(target)` may stop a redirect before it is followed by naming the
        outcome (robots.txt forbids the target, the crawl has it already); `html_only`
        refuses bodies that are not HTML without reading them; `etag`/`last_modified` make the request
        conditional (a 304 gives outcome `not-modified`).
        """
        cap = max_bytes or self.max_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, seen, requests = url, {url}, 0
        for hop in range(self.retry.max_redirects + 1):
            result = await self._with_retries(url, current, gate, headers, html_only, cap)
            requests += result.requests
            result.requests = requests
            if result.status not in REDIRECTS:
                return result
            location = result.headers.get("location", "")
            try:
                target = canonicalize(location, base=current)
            except BadURL as exc:
                return self._end(url, current, "bad-redirect", result, f"redirect to {exc.reason}")
            if target in seen:
                return self._end(url, target, "redirect-loop", result, f"{current} -> {target} seen before")
            seen.add(target)
            if host_key(target) != host_key(current) and same_host_only:
                return self._end(url, target, "offsite-redirect", result, f"redirect to {host_key(target)}")
            stop = check_redirect(target) if check_redirect is not None else None
            if stop is not None:
                return self._end(url, target, stop, result, f"redirect to {target}: {stop}")
            current, headers = target, {}
        return FetchResult(url, current, "too-many-redirects", requests=requests,
                           reason=f"more than {self.retry.max_redirects} redirects")

    @staticmethod
    def _end(url: str, final: str, outcome: Outcome, result: FetchResult, reason: str) -> FetchResult:
        return FetchResult(url, final, outcome, status=result.status, headers=result.headers,
                           reason=reason, requests=result.requests)

    async def _with_retries(
        self, url: str, current: str, gate: HostGate, headers: dict[str, str], html_only: bool, cap: int
    ) -> FetchResult:
        policy = self.retry
        requests = 0
        result = FetchResult(url, current, "network", reason="not attempted")
        for attempt in range(policy.max_attempts):
            async with gate:
                requests += 1
                result = await self._once(url, current, headers, html_only, cap)
            result.requests = requests
            if attempt + 1 == policy.max_attempts:
                break
            if result.status in (429, 503):
                asked = retry_after(result.headers.get("retry-after"))
                wait = asked if asked is not None else policy.wait(attempt)
                if wait > policy.max_retry_after:
                    result.reason = f"HTTP {result.status}, Retry-After {wait:.0f}s is too long"
                    break
                gate.pause(wait)
            elif (result.status is not None and result.status >= 500) or result.outcome in ("timeout", "network"):
                await asyncio.sleep(policy.wait(attempt))
            else:
                break
        return result

    async def _once(
        self, url: str, current: str, headers: dict[str, str], html_only: bool, cap: int
    ) -> FetchResult:
        try:
            async with self.client.stream("GET", current, headers=headers) as response:
                status = response.status_code
                head = {k.lower(): v for k, v in response.headers.items()}
                base = FetchResult(url, current, "ok", status=status, headers=head)
                if status == 304:
                    base.outcome = "not-modified"
                    return base
                if status in REDIRECTS or status >= 400 or status < 200:
                    base.outcome = "http-error"
                    base.reason = f"HTTP {status}"
                    return base
                declared = head.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    base.outcome, base.reason = "too-large", f"Content-Length {declared} over {cap}"
                    return base
                ctype = head.get("content-type", "")
                if html_only and ctype and not is_html(ctype, b"<html"):
                    base.outcome, base.reason = "not-html", f"content type {ctype.split(';')[0]}"
                    return base
                base.content = await self._read(response, cap)
                if html_only and not is_html(ctype, base.content):
                    base.outcome, base.reason = "not-html", "body is not HTML"
                    base.content = b""
                return base
        except _TooLarge:
            return FetchResult(url, current, "too-large", reason=f"body over {cap} bytes")
        except httpx.InvalidURL as exc:  # httpx reads Location even when not following it
            return FetchResult(url, current, "bad-redirect", reason=f"unusable Location: {exc}"[:200])
        except httpx.TimeoutException as exc:
            return FetchResult(url, current, "timeout", reason=f"timed out ({exc.__class__.__name__})")
        except (httpx.HTTPError, OSError) as exc:
            if _is_dns_failure(exc):
                return FetchResult(url, current, "dns", reason=f"DNS: {host_key(current)} does not resolve")
            return FetchResult(url, current, "network", reason=f"{exc.__class__.__name__}: {exc}"[:200])

    @staticmethod
    async def _read(response: httpx.Response, cap: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap or response.num_bytes_downloaded > cap:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)
