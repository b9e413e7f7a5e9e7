"""Number formats for text (KPI cards, tables, reports): one place decides them.

Missing values (None, NaN: e.g. a zero denominator) format as an en dash "–"."""

from __future__ import annotations

import math
import numbers

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


# --- direction: is a rise good? -------------------------------------------------------------

# The one table of metrics whose fall is good news (green): costs, refunds, churn, time to
# something. Every KPI card and brief line takes its colour from :func:`delta_color`.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {
        "cost",
        "cpa",
        "cpc",
        "cpm",
        "refunds",
        "refund_rate",
        "refunded_orders",
        "refund_amount",
        "churn",
        "churn_rate",
        "churned_users",
        "bounce_rate",
        "days_since_last_purchase",
        "median_days",
        "detractors",
        "negative_share",
        "complaints",
        "uninstalls",
    }
)


def lower_is_better(metric: str | None) -> bool:
    """True when a fall in ``metric`` (a metric code such as cpa, refund_rate) is good."""
    return metric is not None and metric.lower() in LOWER_IS_BETTER


def delta_color(metric: str | None) -> str:
    """Streamlit's ``delta_color`` for ``metric``: "inverse" (a fall shows green) for the
    metrics of :data:`LOWER_IS_BETTER`, else "normal"."""
    return "inverse" if lower_is_better(metric) else "normal"


# --- durations (paths) ---------------------------------------------------------------------


DURATION_UNITS = {
    "en": ("d", "h", "m", "s", " "),
    "zh": ("天", "小时", "分", "秒", ""),
}


def format_duration(seconds: float | None, *, language: str = "en") -> str:
    """Seconds as "2d 3h", "3h 5m", "5m 42s" or "42s" in English, "2天3小时", "3小时5分",
    "5分42秒" or "42秒" in Chinese (as the Users and Paths pages write times); "–" when
    missing."""
    if _missing(seconds):
        return DASH
    day, hour, minute, second, gap = DURATION_UNITS.get(language, DURATION_UNITS["en"])
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}{day}{gap}{hours}{hour}"
    if hours:
        return f"{hours}{hour}{gap}{minutes}{minute}"
    return f"{minutes}{minute}{gap}{secs}{second}" if minutes else f"{secs}{second}"


def format_table_number(value: object, *, language: str = "en", integer: bool = False) -> str:
    """A number in a table cell as the page shows it: thousands separators, 万/亿 (zh) or
    K/M/B (en) from a million up, two decimals for non-integers, "–" when missing."""
    if value is None or _missing_like(value):
        return DASH
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    number = float(value)
    if integer or number.is_integer() or abs(number) >= 1e6:
        return format_compact(number, language=language)
    if abs(number) < 0.01:  # a small non-zero value never reads as 0.00
        return f"{number:.2g}"
    return format_number(number, decimals=2)


def _missing_like(value: object) -> bool:
    try:
        return bool(value != value)  # NaN, NaT and pd.NA are not equal to themselves
    except (TypeError, ValueError):
        return True


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
