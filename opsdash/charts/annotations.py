"""The annotation layer every trend chart carries: a thin vertical rule per annotated day
with the note in the tooltip (users' notes grey, campaigns amber).

:func:`with_annotations` is the one place it is applied: :func:`opsdash.ui.components.chart`
passes every chart through it, and it adds the layer to any chart whose x axis is a date
(single or layered charts; others are returned unchanged)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from opsdash.charts import theme

_HOISTED = ("title", "height", "width")  # set on the outer layer, not on the wrapped chart


def annotation_layer(
    frame: pd.DataFrame,
    *,
    x: str = "day",
    title: str = "",
    labels: dict[str, str] | None = None,
    time_unit: str | None = None,
) -> alt.Chart:
    """Rules at the days of ``frame`` (columns day, text, source, as
    :func:`opsdash.brief.annotations.annotations_between` returns) on the field ``x`` of the
    chart it is layered on; ``labels`` maps a source to its shown name (and ``"date"`` to the
    tooltip's date title). The notes are user text: the tooltip shows them as text."""
    labels = labels or {}
    data = frame.rename(columns={"day": x}).copy()
    data["kind"] = [labels.get(source, source) for source in data["source"]]
    encoding = {"field": x, "type": "temporal", "title": None}
    if time_unit:
        encoding["timeUnit"] = time_unit
    return (
        alt.Chart(data)
        .mark_rule(strokeDash=[2, 2], strokeWidth=1.5)
        .encode(
            x=alt.X(**encoding),
            color=alt.condition(
                alt.datum.source == "note", alt.value(theme.MUTED), alt.value(theme.SECONDARY)
            ),
            tooltip=[
                theme.date_tooltip(x, labels.get("date")),
                alt.Tooltip("kind:N", title=labels.get("kind", " ")),
                alt.Tooltip("text:N", title=title or " "),
            ],
        )
    )


def _temporal_x(chart: alt.Chart) -> tuple[str, str | None] | None:
    """(field, time unit) of a unit chart's x encoding when it is a date, else None."""
    encoding = getattr(chart, "encoding", alt.Undefined)
    x = getattr(encoding, "x", alt.Undefined) if encoding is not alt.Undefined else alt.Undefined
    if x is alt.Undefined:
        return None
    if isinstance(x, str):
        parsed = alt.utils.parse_shorthand(x)
    else:
        try:
            parsed = x.to_dict()
        except Exception:  # a channel Altair cannot resolve without data: no date axis
            return None
    if parsed.get("type") != "temporal" or not parsed.get("field"):
        return None
    unit = parsed.get("timeUnit")
    return str(parsed["field"]), (str(unit) if unit else None)


def _units(chart) -> list[alt.Chart]:
    if isinstance(chart, alt.LayerChart):
        return [unit for layer in chart.layer for unit in _units(layer)]
    return [chart] if isinstance(chart, alt.Chart) else []


def _as_day(value: object) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _extent(units: list[alt.Chart], parent_data) -> tuple[list[dt.date], bool] | None:
    """The chart's days on its date axis (from the frames of its layers) and whether they
    are datetimes (so the notes are serialised like the chart's own days); None when the
    data is not a frame (nothing to bound the notes by)."""
    days: list[dt.date] = []
    datetimes = False
    for unit in units:
        found = _temporal_x(unit)
        data = unit.data if unit.data is not alt.Undefined else parent_data
        if found is None or not isinstance(data, pd.DataFrame) or found[0] not in data:
            continue
        column = data[found[0]]
        datetimes = datetimes or pd.api.types.is_datetime64_any_dtype(column)
        days += [day for day in map(_as_day, column) if day is not None]
    return (sorted(set(days)), datetimes) if days else None


def with_annotations(
    chart: alt.Chart | alt.LayerChart,
    notes: pd.DataFrame | None,
    *,
    labels: dict[str, str] | None = None,
    title: str = "",
) -> alt.Chart | alt.LayerChart:
    """``chart`` with :func:`annotation_layer` over it when its x axis is a date and some of
    ``notes`` fall within its days (up to one period after the last, for weekly or monthly
    charts); otherwise ``chart`` itself. The chart's title, size and config move to the new
    outer layer, so a finished chart (:func:`opsdash.charts.theme.finish`) can be passed."""
    if notes is None or not len(notes) or not isinstance(chart, alt.Chart | alt.LayerChart):
        return chart
    units = _units(chart)
    x = next((found for found in map(_temporal_x, units) if found), None)
    if x is None:
        return chart
    field, unit = x
    extent = _extent(units, chart.data)
    shown = notes.copy()
    shown["day"] = [_as_day(day) for day in shown["day"]]
    if extent is not None:
        days, datetimes = extent
        step = days[-1] - days[-2] if len(days) > 1 else dt.timedelta(days=1)
        inside = [days[0] <= day < days[-1] + step for day in shown["day"]]
        shown = shown[inside]
        if datetimes:
            shown["day"] = pd.to_datetime(shown["day"])
    if shown.empty:
        return chart
    inner = chart.copy(deep=False)
    hoisted = {name: inner._get(name) for name in _HOISTED}
    config = inner._get("config")
    for name in (*_HOISTED, "config"):
        inner[name] = alt.Undefined
    layer = annotation_layer(
        shown.reset_index(drop=True), x=field, title=title, labels=labels, time_unit=unit
    )
    outer = alt.layer(inner, layer)
    properties = {name: value for name, value in hoisted.items() if value is not alt.Undefined}
    if properties:
        outer = outer.properties(**properties)
    if config is not alt.Undefined:
        outer.config = config
    return outer
