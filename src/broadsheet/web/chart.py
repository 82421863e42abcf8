"""Bar charts as inline SVG: no script, no styles in the markup (classes from style.css).

Every label is escaped (site names and hosts come from hostile pages); each bar carries
a `<title>`, which browsers show as a tooltip without any script.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

from markupsafe import Markup, escape

#: Above this many days, the timeline counts by month; above this many months, by year.
MAX_DAYS = 120
MAX_MONTHS = 120


def timeline(days: Sequence[Mapping[str, Any]], *, width: int = 900, height: int = 220) -> tuple[Markup, str]:
    """Articles per day (per month, per year over longer spans) as columns; (svg, unit)."""
    counts = [(d["day"], d["articles"]) for d in days if _is_day(d["day"])]
    if not counts:
        return Markup(""), "day"
    first, last = date.fromisoformat(counts[0][0]), date.fromisoformat(counts[-1][0])
    span = (last - first).days
    unit = "day" if span < MAX_DAYS else "month" if span < MAX_MONTHS * 31 else "year"
    cut = {"day": 10, "month": 7, "year": 4}[unit]
    merged: dict[str, int] = {}
    for day, n in counts:
        merged[day[:cut]] = merged.get(day[:cut], 0) + n
    counts = [(label, merged.get(label, 0)) for label in _labels(first, last, unit)]  # empty ones too
    top = max(n for _, n in counts) or 1
    left, bottom, pad = 44, 28, 8
    plot_w, plot_h = width - left - pad, height - bottom - pad
    step = plot_w / len(counts)
    parts = [_open(width, height, f"Articles per {unit}")]
    for value in sorted({0, round(top / 2), top}):
        y = pad + plot_h * (1 - value / top)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - pad}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    for i, (label, n) in enumerate(counts):
        h = plot_h * n / top
        x = left + i * step
        parts.append(f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{pad + plot_h - h:.1f}" '
                     f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}"><title>{escape(label)}: {n}</title></rect>')
    ticks = _ticks(len(counts), 6)
    for i in ticks:
        x = left + (i + 0.5) * step
        anchor = "end" if i == ticks[-1] and len(ticks) > 1 else "start" if i == 0 and len(counts) > 1 else "middle"
        x = left + i * step if anchor == "start" else left + (i + 1) * step if anchor == "end" else x
        parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 8}" text-anchor="{anchor}">{escape(counts[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts)), unit


def bars(items: Sequence[tuple[str, int]], *, width: int = 900, row: int = 22, label_width: int = 260) -> Markup:
    """Horizontal bars, one per (label, count), in the order given."""
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    height = row * len(items) + 8
    plot_w = width - label_width - 70
    parts = [_open(width, height, "Articles per site")]
    for i, (label, n) in enumerate(items):
        y = 4 + i * row
        w = plot_w * n / top
        shown = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{y + row * 0.68:.1f}" text-anchor="end">{escape(shown)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 6}">'
            f"<title>{escape(label)}: {n}</title></rect>"
            f'<text class="value" x="{label_width + w + 6:.1f}" y="{y + row * 0.68:.1f}">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(width: int, height: int, title: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10


def _labels(first: date, last: date, unit: str) -> list[str]:
    """Every day, month or year from `first` to `last`, as the timeline labels them."""
    if unit == "day":
        return [date.fromordinal(n).isoformat() for n in range(first.toordinal(), last.toordinal() + 1)]
    if unit == "month":
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]
    return [f"{y:04d}" for y in range(first.year, last.year + 1)]


def _ticks(n: int, count: int) -> list[int]:
    if n <= count:
        return list(range(n))
    return sorted({round(i * (n - 1) / (count - 1)) for i in range(count)})
