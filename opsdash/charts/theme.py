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
    """A date in a tooltip; without ``title`` :func:`localise` names it (日期 / Date)."""
    if title is None:
        return alt.Tooltip(f"{field}:T", format=DATE)
    return alt.Tooltip(f"{field}:T", title=title, format=DATE)


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


# --- language: one pass over a finished chart (opsdash.ui.components.chart applies it) -------

# Axis labels in Chinese: 万 and 亿 from ten thousand up; a label d3 wrote with an SI suffix
# (k, M, G, m, µ) is written out instead ("0G 0.5G" was seen on a count axis).
ZH_LABEL_EXPR = (
    "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, ',.4~r') + '亿'"
    " : abs(datum.value) >= 1e4 ? format(datum.value / 1e4, ',.4~r') + '万'"
    " : test(/[kMGTmµn]$/, datum.label) ? format(datum.value, ',.4~r') : datum.label"
)
EN_LABEL_EXPR = (
    "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, ',.4~r') + 'B'"
    " : test(/[kMGTmµn]$/, datum.label) ? (abs(datum.value) >= 1e6"
    " ? format(datum.value / 1e6, ',.4~r') + 'M' : abs(datum.value) >= 1e3"
    " ? format(datum.value / 1e3, ',.4~r') + 'K' : format(datum.value, ',.4~r'))"
    " : datum.label"
)
LABEL_EXPR = {"zh": ZH_LABEL_EXPR, "en": EN_LABEL_EXPR}
# Channels whose field name Vega-Lite would draw as a title when none is given.
TITLED_CHANNELS = ("x", "y", "color", "size", "shape", "opacity", "strokeDash", "tooltip")


def field_title(field: str, language: str) -> str | None:
    """The translated name of a chart field (``chart.field.<field>`` in the catalog), None
    when the catalog has none."""
    from opsdash.i18n import CATALOG, translate

    key = f"chart.field.{field}"
    return translate(key, language) if key in CATALOG else None


def _has_title(channel: dict) -> bool:
    return any(
        "title" in holder
        for holder in (channel, channel.get("axis") or {}, channel.get("legend") or {})
    )


def _hidden(channel: dict) -> bool:
    return ("axis" in channel and channel["axis"] is None) or (
        "legend" in channel and channel["legend"] is None
    )


def _localise_node(node: object, language: str, titled_siblings: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _localise_node(item, language, titled_siblings)
        return
    if not isinstance(node, dict):
        return
    encoding = node.get("encoding")
    if isinstance(encoding, dict):
        for name in TITLED_CHANNELS:
            entries = encoding.get(name)
            entries = entries if isinstance(entries, list) else [entries]
            for entry in entries:
                if not isinstance(entry, dict) or "field" not in entry or _has_title(entry):
                    continue
                if _hidden(entry) or (name != "tooltip" and name in titled_siblings):
                    continue  # no axis, or a layer above names the shared axis
                title = field_title(str(entry["field"]), language)
                if title is not None:
                    entry["title"] = title
    layers = node.get("layer")
    if isinstance(layers, list):
        titled = set(titled_siblings)
        for layer in layers:
            for name, entry in (layer.get("encoding") or {}).items():
                if isinstance(entry, dict) and _has_title(entry):
                    titled.add(name)
        for name, entry in (encoding or {}).items():
            if isinstance(entry, dict) and _has_title(entry):
                titled.add(name)
        _localise_node(layers, language, titled)
    for key in ("hconcat", "vconcat", "concat", "spec"):
        if key in node:
            _localise_node(node[key], language, titled_siblings)


def localise(spec: dict, language: str) -> dict:
    """A Vega-Lite ``spec`` (``chart.to_dict()``) as the user reads it in ``language``: every
    field drawn without a title gets its catalog name (``chart.field.<field>``, e.g. the
    tooltip's "day" becomes 日期), and quantitative axis labels use 万/亿 in Chinese and K/M/B
    in English (never d3's SI k/M/G). The one place charts learn the user's language."""
    _localise_node(spec, language, set())
    config = spec.setdefault("config", {})
    axis = config.setdefault("axisQuantitative", {})
    axis.setdefault("labelExpr", LABEL_EXPR.get(language, EN_LABEL_EXPR))
    return spec
