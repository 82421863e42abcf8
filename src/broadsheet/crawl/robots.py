"""robots.txt as a per-host policy, built from whatever the host answered.

The rules themselves are read by Protego (a well-kept parser that follows RFC 9309 and
Google's extensions); this module decides what the *answer* means, per RFC 9309 §2.3.1:
a 4xx means no rules (allow all), a 5xx (and 429) or an unreachable host means "disallow all for
now" (the host's URLs stay in the frontier for a later run), and a 200 that is really an
HTML page (a soft 404) carries no rules. A file larger than `MAX_ROBOTS_BYTES` is read
that far and parsed (§2.5: at least 500 KiB), never refused whole.

Redirects of robots.txt are followed only on the same host and port (and from http to
https on the default ports, `redirect_allowed`): a robots.txt that sends the crawler to
another host or port would otherwise make it request whatever that names. Any other
redirect, like more than five, makes the file "unavailable", which §2.3.1.2/§2.3.1.3
treat as a 4xx: allow all (`robots_unavailable`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from protego import Protego

__all__ = ["Robots", "MAX_CRAWL_DELAY", "MAX_ROBOTS_BYTES", "redirect_allowed", "robots_from_response",
           "robots_unavailable", "robots_unreachable"]

#: RFC 9309 asks parsers to read at least 500 KiB; rules past that are ignored.
MAX_ROBOTS_BYTES = 512 * 1024
#: A Crawl-delay above this is read as this many seconds: a robots.txt cannot park a
#: crawl on one host for hours.
MAX_CRAWL_DELAY = 120.0

Verdict = Literal["rules", "allow-all", "disallow-all"]


@dataclass(frozen=True)
class Robots:
    """What one host allows. `note` says why, for the summary (e.g. `robots.txt 503`);
    `reachable` is False when the host did not answer at all (DNS, refused, timeout)."""

    verdict: Verdict
    note: str
    parser: Protego | None = field(default=None, repr=False, compare=False)
    reachable: bool = True

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.verdict == "allow-all":
            return True
        if self.verdict == "disallow-all" or self.parser is None:
            return False
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float:
        """The host's Crawl-delay for us in seconds (0 where none is given)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(user_agent)
        try:
            seconds = float(delay) if delay is not None else 0.0
        except (TypeError, ValueError):
            return 0.0
        if seconds != seconds:  # NaN
            return 0.0
        return min(MAX_CRAWL_DELAY, max(0.0, seconds))

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []

    @property
    def blocks_host(self) -> bool:
        """True when nothing on the host may be fetched in this run."""
        return self.verdict == "disallow-all"


def _looks_like_html(body: bytes, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml"))


def robots_from_response(status: int, body: bytes, content_type: str = "", *, truncated: bool = False) -> Robots:
    """The policy for a host from the final (post-redirect) answer to `/robots.txt`.

    `truncated` says the body is the first part of a longer file (noted in the summary).
    """
    if status == 429:  # "too many requests" is the server being unavailable, not the file
        return Robots("disallow-all", "robots.txt 429: disallow all for now")
    if 400 <= status < 500:
        return Robots("allow-all", f"robots.txt {status}: allow all")
    if status >= 500 or status < 200:
        return Robots("disallow-all", f"robots.txt {status}: disallow all for now")
    if 300 <= status < 400:  # redirects exhausted: RFC 9309 says treat as unavailable (4xx)
        return Robots("allow-all", f"robots.txt {status} (too many redirects): allow all")
    if _looks_like_html(body, content_type):
        # A web page where rules should be: no valid directives, so nothing is disallowed.
        return Robots("allow-all", "robots.txt is an HTML page: no rules, allow all")
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    try:
        parser = Protego.parse(text)
    except Exception:  # noqa: BLE001 - Protego is lenient; any failure means "no usable rules"
        return Robots("allow-all", "robots.txt unparseable: allow all")
    note = f"robots.txt {status}" + (f" (first {MAX_ROBOTS_BYTES // 1024} KiB read)" if truncated else "")
    return Robots("rules", note, parser)


def robots_unavailable(reason: str) -> Robots:
    """No usable robots.txt (redirected away, too many redirects, unreadable): like a 4xx,
    RFC 9309 allows everything."""
    return Robots("allow-all", f"robots.txt unavailable ({reason}): allow all")


def redirect_allowed(robots_url: str, target: str) -> bool:
    """Whether a robots.txt redirect from `robots_url` to `target` may be followed.

    Same scheme, host and port; or http to https on the same host with both on their
    default ports (the usual upgrade). Anything else is another authority's business.
    """
    a, b = urlsplit(robots_url), urlsplit(target)
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    try:
        a_port, b_port = a.port, b.port
    except ValueError:
        return False
    default = {"http": 80, "https": 443}
    if a.scheme == b.scheme:
        return (a_port or default.get(a.scheme)) == (b_port or default.get(b.scheme))
    return a.scheme == "http" and b.scheme == "https" and a_port in (None, 80) and b_port in (None, 443)


def robots_unreachable(reason: str) -> Robots:
    """The policy when robots.txt could not be fetched at all (DNS, refused, timeout)."""
    return Robots("disallow-all", f"robots.txt unreachable ({reason}): host skipped for now", reachable=False)
