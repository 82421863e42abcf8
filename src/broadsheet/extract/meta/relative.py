"""Relative dates ("yesterday", "3 hours ago", "vor 2 Tagen"), resolved against the fetch
time: only where it is known, and only in short visible texts (a dateline), never in
structured values or running text.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

_UNITS = (
    r"(?P<n>\d{1,3})\s*(?P<unit>min(?:ute)?s?|minuten?|hours?|hrs?|stunden?|heures?|horas?|ore|uur"
    r"|days?|tagen?|jours?|d[ií]as?|giorni|dagen)"
)
_RELATIVE = re.compile(
    r"\b(?:(?P<today>today|heute|aujourd'hui|hoy|oggi|hoje|vandaag|idag|dziś|dzisiaj)"
    r"|(?P<yesterday>yesterday|gestern|hier|ayer|ieri|ontem|gisteren|igår|wczoraj)"
    r"|(?:vor|il y a|hace|há)\s+" + _UNITS + r"|" + _UNITS.replace("?P<", "?P<x") + r"\s+(?:ago|fa|geleden|atrás|atras))\b",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"m": 60, "h": 3600, "s": 3600, "u": 3600, "o": 3600, "d": 86400, "t": 86400, "j": 86400, "g": 86400}


def resolve_relative(text: str, fetched_at: datetime | None) -> str | None:
    """'yesterday', '3 hours ago' as a calendar day, only when the fetch time is known."""
    if fetched_at is None:
        return None
    m = _RELATIVE.search(text)
    if m is None:
        return None
    if m.group("today"):
        return fetched_at.date().isoformat()
    if m.group("yesterday"):
        return (fetched_at - timedelta(days=1)).date().isoformat()
    unit = (m.group("unit") or m.group("xunit")).lower()
    count = int(m.group("n") or m.group("xn"))
    seconds = _UNIT_SECONDS.get(unit[0], 0) * count
    if not seconds or seconds > 400 * 86400:
        return None
    return (fetched_at - timedelta(seconds=seconds)).date().isoformat()
