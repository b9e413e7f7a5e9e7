"""The Paths page's Sankey-style flow, drawn with Altair: nodes as stacked rectangles per step,
links as bands whose thickness is the number of users, a tooltip per link.

The builder takes the transitions table of :func:`opsdash.metrics.paths.paths` with names
already translated (the end markers and "(other)" shown in the user's language) and a
preformatted ``median`` text column; the layout is computed here, colours come from
:mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from opsdash.charts import theme

NODE_WIDTH = 0.12  # in steps
PADDING = 0.04  # gap between nodes, as a share of the tallest column
SAMPLES = 16  # points per band edge


def sankey_layout(
    transitions: pd.DataFrame, *, anchor: str, users: int, backward: bool, muted: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, bands): ``nodes`` one row per node (``column``, ``name``, ``users``, ``x0``,
    ``x1``, ``y0``, ``y1``, ``muted``); ``bands`` SAMPLES rows per link (``link``, ``x``,
    ``y``, ``y2`` and the link's ``step``, ``from``, ``to``, ``users``, ``share``,
    ``median``). Column k holds node k; backward paths run right to left (time order)."""
    frame = transitions.copy()
    frame["prev"] = frame["to"] if backward else frame["from"]
    frame["cur"] = frame["from"] if backward else frame["to"]
    columns: dict[int, pd.Series] = {0: pd.Series({anchor: users}, dtype=float)}
    for step, part in frame.groupby("step"):
        columns[int(step)] = part.groupby("cur")["users"].sum().astype(float)
    tallest = max(float(c.sum()) + PADDING * max(len(c) - 1, 0) for c in columns.values()) or 1
    pad = PADDING * tallest

    def order(series: pd.Series) -> list[str]:
        return sorted(series.index, key=lambda n: (n in muted, -series[n], n))

    positions: dict[tuple[int, str], tuple[float, float]] = {}
    node_rows = []
    for k, series in columns.items():
        y = 0.0
        x = -k if backward else k
        for name in order(series):
            height = float(series[name])
            positions[(k, name)] = (y, y + height)
            node_rows.append(
                {
                    "column": k,
                    "name": name,
                    "users": int(height),
                    "x0": x - NODE_WIDTH / 2,
                    "x1": x + NODE_WIDTH / 2,
                    "y0": y,
                    "y1": y + height,
                    "muted": name in muted,
                }
            )
            y += height + pad
    out_offset = {key: start for key, (start, _) in positions.items()}
    in_offset = dict(out_offset)
    band_rows = []
    ease = np.linspace(0.0, 1.0, SAMPLES)
    ease = ease * ease * (3 - 2 * ease)  # smoothstep: bands leave and enter horizontally
    link = 0
    for step in sorted(frame["step"].unique()):
        part = frame[frame["step"] == step]
        k = int(step)
        prev_rank = {n: i for i, n in enumerate(order(columns[k - 1]))}
        cur_rank = {n: i for i, n in enumerate(order(columns[k]))}
        part = part.assign(
            prev_rank=part["prev"].map(prev_rank), cur_rank=part["cur"].map(cur_rank)
        )
        # leave each source in target order, enter each target in source order: no crossings
        # within a node
        sources: dict[int, tuple[float, float]] = {}
        for index, row in part.sort_values(["prev_rank", "cur_rank"]).iterrows():
            start = out_offset[(k - 1, row["prev"])]
            out_offset[(k - 1, row["prev"])] = start + row["users"]
            sources[index] = (start, start + row["users"])
        for index, row in part.sort_values(["cur_rank", "prev_rank"]).iterrows():
            start = in_offset[(k, row["cur"])]
            in_offset[(k, row["cur"])] = start + row["users"]
            (s0, s1), (t0, t1) = sources[index], (start, start + row["users"])
            x_start = (-(k - 1) if backward else k - 1) + (-1 if backward else 1) * NODE_WIDTH / 2
            x_end = (-k if backward else k) - (-1 if backward else 1) * NODE_WIDTH / 2
            xs = x_start + (x_end - x_start) * np.linspace(0.0, 1.0, SAMPLES)
            for x, e in zip(xs, ease, strict=True):
                band_rows.append(
                    {
                        "link": link,
                        "x": float(x),
                        "y": s0 + (t0 - s0) * e,
                        "y2": s1 + (t1 - s1) * e,
                        "step": k,
                        "from": row["from"],
                        "to": row["to"],
                        "users": int(row["users"]),
                        "share": row["share"],
                        "median": row.get("median", ""),
                        "muted": row["cur"] in muted,
                    }
                )
            link += 1
    return pd.DataFrame(node_rows), pd.DataFrame(band_rows)


def path_flow(
    transitions: pd.DataFrame,
    *,
    anchor: str,
    users: int,
    backward: bool,
    muted: tuple[str, ...],
    title: str,
    titles: dict[str, str],
) -> alt.LayerChart:
    """The Sankey-style flow of ``transitions`` (``step``, ``from``, ``to``, ``users``,
    ``share``, ``median`` text). ``muted``: node names drawn grey (the end markers,
    "(other)"); ``titles``: tooltip titles for step, from, to, users, share, median."""
    nodes, bands = sankey_layout(
        transitions, anchor=anchor, users=users, backward=backward, muted=muted
    )
    x_scale = alt.Scale(nice=False, zero=False)
    y_scale = alt.Scale(reverse=True, nice=False, zero=True)
    hidden = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    tooltip = [
        alt.Tooltip("step:O", title=titles["step"]),
        alt.Tooltip("from:N", title=titles["from"]),
        alt.Tooltip("to:N", title=titles["to"]),
        theme.number_tooltip("users", titles["users"]),
        alt.Tooltip("share:Q", title=titles["share"], format=theme.PERCENT),
        alt.Tooltip("median:N", title=titles["median"]),
    ]
    colour = alt.condition(alt.datum.muted, alt.value(theme.MUTED), alt.value(theme.PRIMARY))
    layers = []
    if not bands.empty:
        layers.append(
            alt.Chart(bands)
            .mark_area(opacity=0.35)
            .encode(
                x=alt.X("x:Q", scale=x_scale, axis=hidden),
                y=alt.Y("y:Q", scale=y_scale, axis=hidden),
                y2="y2:Q",
                detail="link:N",
                color=colour,
                tooltip=tooltip,
            )
        )
    node_layer = alt.Chart(nodes).encode(
        x=alt.X("x0:Q", scale=x_scale, axis=hidden),
        x2="x1:Q",
        y=alt.Y("y0:Q", scale=y_scale, axis=hidden),
        y2="y1:Q",
    )
    layers.append(
        node_layer.mark_rect().encode(
            color=colour,
            tooltip=[
                alt.Tooltip("name:N", title=titles["to"]),
                theme.number_tooltip("users", titles["users"]),
            ],
        )
    )
    labels = nodes.assign(
        label=[f"{n} · {u:,}" for n, u in zip(nodes["name"], nodes["users"], strict=True)],
        mid=(nodes["y0"] + nodes["y1"]) / 2,
    )
    layers.append(
        alt.Chart(labels)
        .mark_text(align="left", dx=4, fontSize=11, color="#334155")
        .encode(
            x=alt.X("x1:Q", scale=x_scale, axis=hidden),
            y=alt.Y("mid:Q", scale=y_scale, axis=hidden),
            text="label:N",
        )
    )
    height = max(theme.DEFAULT_HEIGHT, 36 * max(nodes.groupby("column").size().max(), 1))
    return theme.finish(alt.layer(*layers), title=title, height=int(height))
