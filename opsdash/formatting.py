"""Number formats for text (KPI cards, tables, reports): one place decides them.

Missing values (None, NaN: e.g. a zero denominator) format as an en dash "–"."""

from __future__ import annotations

import math

DASH = "–"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def format_number(value: float | None, *, decimals: int = 0) -> str:
    """1234567 -> "1,234,567"; 0.5 with decimals=1 -> "0.5"."""
    if _missing(value):
        return DASH
    return f"{value:,.{decimals}f}"


COMPACT_UNITS = {
    "zh": ((1e8, "亿"), (1e4, "万")),
    "en": ((1e9, "B"), (1e6, "M"), (1e3, "K")),
}


def format_compact(value: float | None, *, language: str = "en", threshold: float = 1e6) -> str:
    """Large numbers shortened the way each language reads them: 123456789 -> "1.23亿" (zh) or
    "123.46M" (en); numbers below ``threshold`` are written in full."""
    if _missing(value):
        return DASH
    if abs(value) < threshold:
        return format_number(value)
    for size, unit in COMPACT_UNITS.get(language, COMPACT_UNITS["en"]):
        if abs(value) >= size:
            return f"{value / size:,.2f}{unit}"
    return format_number(value)


def format_percent(value: float | None, *, decimals: int = 1) -> str:
    """A ratio as a percentage: 0.1234 -> "12.3%"."""
    if _missing(value):
        return DASH
    return f"{value * 100:,.{decimals}f}%"


def format_money(value: float | None, *, symbol: str = "¥", decimals: int = 2) -> str:
    """-1234.5 -> "-¥1,234.50"."""
    if _missing(value):
        return DASH
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.{decimals}f}"


def relative_change(current: float | None, previous: float | None) -> float | None:
    """(current - previous) / previous; None when either is missing or previous is 0."""
    if _missing(current) or _missing(previous) or previous == 0:
        return None
    return (current - previous) / abs(previous)


def format_change(
    current: float | None, previous: float | None, *, kind: str = "relative"
) -> str | None:
    """The change shown under a KPI: relative "+12.3%" for counts and money, absolute
    percentage points "+1.2 pp" for rates (kind="points"); None when not computable."""
    if kind == "points":
        if _missing(current) or _missing(previous):
            return None
        return f"{(current - previous) * 100:+.1f} pp"
    change = relative_change(current, previous)
    return None if change is None else f"{change * 100:+.1f}%"


# --- durations (paths) ---------------------------------------------------------------------


def format_duration(seconds: float | None) -> str:
    """Seconds as "2d 3h", "3h 5m", "5m 42s" or "42s" (as the Users page writes funnel
    times); "–" when missing."""
    if _missing(seconds):
        return DASH
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s" if minutes else f"{secs}s"


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~&")


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: every Markdown/HTML special character (``\\ ` * _ { } [ ]
    ( ) # + - . ! | < > ~ &``) backslash-escaped, line breaks and tabs as spaces, so user text
    in a Markdown document is shown as written and never becomes markup, links or HTML."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in flat)


def markdown_lines(text: object) -> str:
    """``text`` as literal Markdown like :func:`escape_markdown`, its line breaks kept."""
    return "  \n".join(escape_markdown(line) for line in str(text).splitlines())
