"""robots.txt as a per-host policy, built from whatever the host answered.

The rules themselves are read by Protego (a well-kept parser that follows RFC 9309 and
Google's extensions); this module decides what the *answer* means, per RFC 9309 §2.3.1:
a 4xx means no rules (allow all), a 5xx (and 429) or an unreachable host means "disallow all for
now" (the host's URLs stay in the frontier for a later run), and a 200 that is really an
HTML page (a soft 404) carries no rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from protego import Protego

__all__ = ["Robots", "robots_from_response", "robots_unreachable", "MAX_ROBOTS_BYTES"]

#: RFC 9309 asks parsers to read at least 500 KiB; rules past that are ignored.
MAX_ROBOTS_BYTES = 512 * 1024

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
            return max(0.0, float(delay)) if delay is not None else 0.0
        except (TypeError, ValueError):
            return 0.0

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


def robots_from_response(status: int, body: bytes, content_type: str = "") -> Robots:
    """The policy for a host from the final (post-redirect) answer to `/robots.txt`."""
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
    return Robots("rules", f"robots.txt {status}", parser)


def robots_unreachable(reason: str) -> Robots:
    """The policy when robots.txt could not be fetched at all (DNS, refused, timeout)."""
    return Robots("disallow-all", f"robots.txt unreachable ({reason}): host skipped for now", reachable=False)
