"""The annotation layer every trend chart can carry: a thin vertical rule per annotated day
with the note in the tooltip (users' notes grey, campaigns amber)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def annotation_layer(
    frame: pd.DataFrame, *, x: str = "day", title: str = "", labels: dict[str, str] | None = None
) -> alt.Chart:
    """Rules at the days of ``frame`` (columns day, text, source, as
    :func:`opsdash.brief.annotations.annotations_between` returns) on the field ``x`` of the
    chart it is layered on; ``labels`` maps a source to its shown name."""
    data = frame.rename(columns={"day": x}).copy()
    data["kind"] = [(labels or {}).get(source, source) for source in data["source"]]
    return (
        alt.Chart(data)
        .mark_rule(strokeDash=[2, 2], strokeWidth=1.5)
        .encode(
            x=f"{x}:T",
            color=alt.condition(
                alt.datum.source == "note", alt.value(theme.MUTED), alt.value(theme.SECONDARY)
            ),
            tooltip=[
                theme.date_tooltip(x),
                alt.Tooltip("kind:N", title=None),
                alt.Tooltip("text:N", title=title or None),
            ],
        )
    )
