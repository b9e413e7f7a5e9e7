"""The one chart look of opsdash: colours, number formats and a finishing helper.

Every chart builder in :mod:`opsdash.charts` uses this module, never its own colours::

    from opsdash.charts import theme

    base = alt.Chart(frame).mark_line(color=theme.PRIMARY).encode(
        x=alt.X("day:T", axis=theme.date_axis()),
        y=alt.Y("dau:Q", axis=alt.Axis(format=theme.NUMBER)),
        tooltip=[theme.date_tooltip("day"), theme.number_tooltip("dau", "DAU")],
    )
    return theme.finish(base, title="DAU")

- ``PRIMARY`` / ``SECONDARY`` / ``POSITIVE`` / ``NEGATIVE`` / ``MUTED``: single-series colours.
- ``CATEGORICAL``: the scheme for categories (channels, variants, statuses); use
  :func:`categorical_scale` so the same category keeps the same colour within a chart.
- ``SEQUENTIAL``: the Vega scheme name for heatmaps (retention, cohorts); 0 is the lightest.
- Number formats (d3-format strings): ``NUMBER`` (12,345), ``DECIMAL`` (12.3), ``PERCENT``
  (12.3%, values are 0..1 shares), ``MONEY`` (12,345.67), ``COMPACT`` (12k).
- :func:`finish`: title, size and axis/legend styling, applied last.
"""

from __future__ import annotations

import altair as alt

PRIMARY = "#2563eb"  # blue
SECONDARY = "#f59e0b"  # amber
POSITIVE = "#16a34a"  # green
NEGATIVE = "#dc2626"  # red
MUTED = "#94a3b8"  # slate grey: totals, references, "other"
CATEGORICAL: tuple[str, ...] = (
    "#2563eb",
    "#f59e0b",
    "#16a34a",
    "#dc2626",
    "#7c3aed",
    "#0891b2",
    "#db2777",
    "#65a30d",
    "#ea580c",
    "#64748b",
)
SEQUENTIAL = "blues"
DIVERGING = "redblue"

NUMBER = ",.0f"
DECIMAL = ",.1f"
PERCENT = ".1%"
MONEY = ",.2f"
COMPACT = "~s"
DATE = "%Y-%m-%d"
DEFAULT_HEIGHT = 280
SMALL_HEIGHT = 150


def categorical_scale(domain: list[str] | None = None) -> alt.Scale:
    """The categorical colour scale (optionally pinned to ``domain`` so colours stay stable)."""
    if domain is None:
        return alt.Scale(range=list(CATEGORICAL))
    colours = [CATEGORICAL[i % len(CATEGORICAL)] for i in range(len(domain))]
    return alt.Scale(domain=list(domain), range=colours)


def sequential_scale(*, domain: tuple[float, float] | None = None) -> alt.Scale:
    """The heatmap colour scale (``SEQUENTIAL``), optionally over a fixed ``domain``."""
    if domain is None:
        return alt.Scale(scheme=SEQUENTIAL)
    return alt.Scale(scheme=SEQUENTIAL, domain=list(domain))


def date_axis(title: str | None = None) -> alt.Axis:
    """A date axis labelled YYYY-MM-DD (no locale-dependent month names)."""
    return alt.Axis(format=DATE, title=title, labelAngle=0, labelOverlap=True)


def number_tooltip(field: str, title: str, *, fmt: str = NUMBER) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title=title, format=fmt)


def date_tooltip(field: str, title: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:T", title=title or field, format=DATE)


def finish(
    chart: alt.Chart | alt.LayerChart,
    *,
    title: str | None = None,
    height: int = DEFAULT_HEIGHT,
) -> alt.Chart | alt.LayerChart:
    """``chart`` with the opsdash title, size, axis and legend styling."""
    if title:
        chart = chart.properties(title=alt.Title(title, anchor="start", fontSize=14))
    return (
        chart.properties(height=height, width="container")
        .configure_axis(labelFontSize=11, titleFontSize=12, gridColor="#e2e8f0")
        .configure_legend(orient="bottom", labelFontSize=11, titleFontSize=12)
        .configure_view(strokeWidth=0)
    )
