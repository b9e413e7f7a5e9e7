"""User paths (用户行为路径): where users go after an event, or how they came to it.

Definition (the Paths page's help text says the same):

- **Events** are those dated (``event_date``) in [start, end] of users matching the segment
  filters, in time order (ties by row number).
- **Sessions**: each user's events split wherever the gap between two consecutive events is
  longer than ``session_minutes`` (default 30) minutes.
- **Anchor**: the user's first occurrence of the chosen event in the range; its session is the
  user's first session in the range that contains the event. Users without it are not counted.
- **Forward** (``start_event``): the path is the anchor session's events from the anchor on;
  **backward** (``end_event``): the anchor session's events up to the anchor, read backwards.
- **Collapse** (default on): consecutive repeats of one event in a session count as one node,
  timed at the first of them.
- Node 0 is the anchor; node k is the k-th event after (forward) or before (backward) it, up
  to ``steps`` (1..10, default 5). A session that runs out before node ``steps`` ends in
  ``(left)`` (forward) or ``(start)`` (backward: the session began there); nothing follows it.
- **Step k** links node k−1 to node k. Per step, the ``top`` (default 10) transitions by
  users are shown (ties by names); the other transitions of the step lead to ``(other)``,
  which later steps continue from. ``(left)``/``(start)`` transitions are always shown.
- Per transition: ``users``; ``share`` = users / users at its node k−1; ``median_seconds`` =
  median time between the two nodes' events (None for ``(left)``/``(start)``).
- ``from``/``to`` are in time order: forward, from = node k−1 and to = node k; backward, from =
  node k (the earlier event) and to = node k−1.

The sessions, the anchor and each user's nodes are computed in the database with window
functions (bound parameters, same SQL on SQLite and PostgreSQL); only one row per user and
node (at most ``steps`` + 1) comes back, and the top-N grouping is done on those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.jsonready import json_value
from opsdash.metrics.sql import seconds_between, segment_condition
from opsdash.models import Event

EVENTS = Event.__table__
LEFT = "(left)"
START = "(start)"
OTHER = "(other)"
MAX_STEPS = 10
DEFAULT_STEPS = 5
DEFAULT_SESSION_MINUTES = 30
DEFAULT_TOP = 10
Direction = Literal["forward", "backward"]
TRANSITION_COLUMNS = ["step", "from", "to", "users", "share", "median_seconds"]


@dataclass(frozen=True)
class PathsResult:
    """Paths from (forward) or to (backward) ``event``.

    ``transitions``: one row per shown transition, columns ``step`` (1..steps), ``from``,
    ``to``, ``users``, ``share`` (of node k−1's users), ``median_seconds`` (None for the end
    markers), ordered by step, then users (descending), then names. ``users``: users with the
    anchor event (node 0)."""

    direction: Direction
    event: str
    steps: int
    session_minutes: int
    collapse: bool
    top: int
    users: int
    transitions: pd.DataFrame

    def to_json(self) -> dict:
        """The ``opsdash report paths --json`` payload."""
        return {
            "start_event": self.event if self.direction == "forward" else None,
            "end_event": self.event if self.direction == "backward" else None,
            "direction": self.direction,
            "steps": self.steps,
            "session_minutes": self.session_minutes,
            "collapse": self.collapse,
            "top": self.top,
            "users": self.users,
            "transitions": [
                {
                    "step": int(row["step"]),
                    "from": row["from"],
                    "to": row["to"],
                    "users": int(row["users"]),
                    "share": json_value(row["share"]),
                    "median_seconds": json_value(row["median_seconds"]),
                }
                for row in self.transitions.to_dict("records")
            ],
        }


def _check(steps: int, session_minutes: int, top: int) -> None:
    if not 1 <= steps <= MAX_STEPS:
        raise UserError(f"steps must be 1 to {MAX_STEPS}, got {steps}", code="paths_steps")
    if session_minutes < 1:
        raise UserError("the session gap is at least 1 minute", code="paths_session")
    if top < 1:
        raise UserError("top must be at least 1", code="paths_top")


def _nodes_statement(
    filters: Filters, *, event: str, direction: Direction, steps: int, gap: float, collapse: bool
):
    """SQL: one row per anchored user and node (``user_id``, ``k`` 0..steps, ``event``,
    ``seconds``: time of the node's event relative to the anchor's).

    Only the events on the anchor's side are read: per user, the anchor's time (the first
    occurrence in the range, grouped on the (event, event_date) index), then that user's
    events from it on (forward) or up to it (backward) through the (user_id, event_at) index.
    Two window passes in time order (ties by row number): (1) the previous event's time and
    name, and the running count of the event (marks the anchor among events at its very
    time); (2) forward: the running session number and node position from the anchor on,
    the anchor counting as a session start; backward, read from the anchor back: the
    session starts after the row (0 inside the anchor's session) and the node position.
    Sessions split and repeats collapse exactly as on the whole range: nothing before the
    anchor can change a forward path, nothing after it a backward one."""
    in_range = [EVENTS.c.event_date >= filters.start, EVENTS.c.event_date <= filters.end]
    segment = segment_condition(EVENTS.c.user_id, filters)
    anchors = (
        sa.select(EVENTS.c.user_id.label("user_id"), sa.func.min(EVENTS.c.event_at).label("at"))
        .where(*in_range, *([segment] if segment is not None else []), EVENTS.c.event == event)
        .group_by(EVENTS.c.user_id)
        .cte("path_anchors")
    )
    side = (
        EVENTS.c.event_at >= anchors.c.at
        if direction == "forward"
        else EVENTS.c.event_at <= anchors.c.at
    )
    by_user = {"partition_by": EVENTS.c.user_id, "order_by": (EVENTS.c.event_at, EVENTS.c.id)}
    is_event = EVENTS.c.event == event
    first = (
        sa.select(
            EVENTS.c.user_id,
            EVENTS.c.id,
            EVENTS.c.event_at,
            EVENTS.c.event,
            anchors.c.at.label("anchor_at"),
            sa.func.lag(EVENTS.c.event_at).over(**by_user).label("prev_at"),
            sa.func.lag(EVENTS.c.event).over(**by_user).label("prev_event"),
            sa.func.sum(sa.case((is_event, 1), else_=0))
            .over(**by_user, rows=(None, 0))
            .label("seen"),
        )
        .select_from(anchors.join(EVENTS, EVENTS.c.user_id == anchors.c.user_id))
        .where(*in_range, side)
        .subquery("path_events")
    )
    # the anchor: the first occurrence (in time, then row order) among events at its time
    is_anchor = sa.and_(first.c.seen == 1, first.c.event == event)
    gap_start = sa.or_(
        first.c.prev_at.is_(None), seconds_between(first.c.prev_at, first.c.event_at) > gap
    )
    if direction == "forward":
        starts = sa.or_(is_anchor, gap_start)
        rows = first.c.seen >= 1  # the anchor and what follows it
        order = (first.c.event_at, first.c.id)
    else:
        starts = gap_start
        rows = sa.or_(first.c.seen == 0, is_anchor)  # what precedes it, and the anchor
        order = (first.c.event_at.desc(), first.c.id.desc())
    kept = sa.or_(starts, first.c.prev_event.is_distinct_from(first.c.event)) if collapse else None
    kept_flag = sa.case((kept, 1), else_=0) if kept is not None else sa.literal(1)
    start_flag = sa.case((starts, 1), else_=0)
    running = {"partition_by": first.c.user_id, "order_by": order, "rows": (None, 0)}
    sessions = sa.func.sum(start_flag).over(**running)
    second = (
        sa.select(
            first.c.user_id,
            first.c.event,
            first.c.event_at,
            first.c.anchor_at,
            kept_flag.label("kept"),
            # forward: 1 in the anchor's session; backward: session starts after the row
            (sessions if direction == "forward" else sessions - start_flag).label("session"),
            sa.func.sum(kept_flag).over(**running).label("pos"),
        )
        .where(rows)
        .subquery("path_nodes")
    )
    session = 1 if direction == "forward" else 0
    return sa.select(
        second.c.user_id,
        (second.c.pos - 1).label("k"),
        second.c.event,
        seconds_between(second.c.anchor_at, second.c.event_at).label("seconds"),
    ).where(second.c.session == session, second.c.kept == 1, second.c.pos <= steps + 1)


def user_nodes(
    engine: Engine,
    *,
    filters: Filters,
    event: str,
    direction: Direction = "forward",
    steps: int = DEFAULT_STEPS,
    session_minutes: int = DEFAULT_SESSION_MINUTES,
    collapse: bool = True,
) -> pd.DataFrame:
    """Each anchored user's path, one row per user: ``user_id``, ``node_0`` .. ``node_<steps>``
    (event names; the end marker after the last event; None after it) and ``seconds_1`` ..
    (time between node k−1 and node k; None for the end marker and after it)."""
    _check(steps, session_minutes, 1)
    statement = _nodes_statement(
        filters,
        event=event,
        direction=direction,
        steps=steps,
        gap=float(session_minutes) * 60.0,
        collapse=collapse,
    )
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(statement).fetchall()]
    frame = pd.DataFrame.from_records(rows, columns=["user_id", "k", "event", "seconds"])
    columns = ["user_id"] + [f"node_{k}" for k in range(steps + 1)]
    columns += [f"seconds_{k}" for k in range(1, steps + 1)]
    if frame.empty:
        return pd.DataFrame({name: [] for name in columns})
    frame["k"] = frame["k"].astype(int)
    frame["seconds"] = pd.to_numeric(frame["seconds"], errors="coerce").astype(float).abs()
    names = frame.pivot(index="user_id", columns="k", values="event")
    times = frame.pivot(index="user_id", columns="k", values="seconds")
    names = names.reindex(columns=range(steps + 1))
    times = times.reindex(columns=range(steps + 1))
    marker = LEFT if direction == "forward" else START
    out = pd.DataFrame(index=names.index)
    ended = pd.Series(False, index=names.index)
    for k in range(steps + 1):
        present = names[k].notna() & ~ended
        column = names[k].where(present, None).astype(object)
        if k:
            ends_here = ~present & ~ended
            column = column.where(~ends_here, marker)
            gap = (times[k] - times[k - 1]).round(3)
            out[f"seconds_{k}"] = gap.where(present, None).astype(object)
            ended = ended | ends_here
        out[f"node_{k}"] = column
    out = out.reset_index().rename(columns={"index": "user_id"})
    return out[columns].sort_values("user_id", ignore_index=True)


def _labelled(nodes: pd.DataFrame, *, steps: int, top: int) -> pd.DataFrame:
    """``nodes`` with ``label_0`` .. ``label_<steps>``: the node names as shown, transitions
    outside a step's top ``top`` relabelled ``(other)``."""
    frame = nodes.copy()
    frame["label_0"] = frame["node_0"]
    for k in range(1, steps + 1):
        prev, cur = frame[f"label_{k - 1}"], frame[f"node_{k}"]
        moving = cur.notna() & prev.notna() & ~prev.isin([LEFT, START])
        pairs = pd.DataFrame({"prev": prev[moving], "cur": cur[moving]})
        counted = pairs[~pairs["cur"].isin([LEFT, START])]
        ranked = (
            counted.groupby(["prev", "cur"])
            .size()
            .rename("users")
            .reset_index()
            .sort_values(["users", "prev", "cur"], ascending=[False, True, True])
        )
        kept = pd.MultiIndex.from_frame(ranked[["prev", "cur"]].head(top))
        shown = pd.MultiIndex.from_frame(pairs[["prev", "cur"]]).isin(kept)
        shown |= pairs["cur"].isin([LEFT, START]).to_numpy()
        label = pd.Series(None, index=frame.index, dtype=object)
        label[pairs.index] = pairs["cur"].where(shown, OTHER)
        frame[f"label_{k}"] = label
    return frame


def _shape(frame: pd.DataFrame, *, steps: int, direction: Direction) -> pd.DataFrame:
    rows = []
    for k in range(1, steps + 1):
        prev, cur = frame[f"label_{k - 1}"], frame[f"label_{k}"]
        moving = cur.notna()
        if not moving.any():
            continue
        part = pd.DataFrame(
            {"prev": prev[moving], "cur": cur[moving], "gap": frame.loc[moving, f"seconds_{k}"]}
        )
        at_prev = prev.value_counts()
        for (p, c), group in part.groupby(["prev", "cur"], sort=False):
            gaps = pd.to_numeric(group["gap"], errors="coerce").dropna()
            rows.append(
                {
                    "step": k,
                    "from": p if direction == "forward" else c,
                    "to": c if direction == "forward" else p,
                    "users": len(group),
                    "share": len(group) / int(at_prev[p]),
                    "median_seconds": round(float(gaps.median()), 3) if len(gaps) else None,
                }
            )
    if not rows:
        return pd.DataFrame({name: [] for name in TRANSITION_COLUMNS})
    table = pd.DataFrame(rows, columns=TRANSITION_COLUMNS)
    table = table.sort_values(
        ["step", "users", "from", "to"], ascending=[True, False, True, True], ignore_index=True
    )
    table["median_seconds"] = table["median_seconds"].astype(object)
    table.loc[table["median_seconds"].isna(), "median_seconds"] = None
    return table


def paths(
    engine: Engine,
    *,
    filters: Filters,
    event: str,
    direction: Direction = "forward",
    steps: int = DEFAULT_STEPS,
    session_minutes: int = DEFAULT_SESSION_MINUTES,
    collapse: bool = True,
    top: int = DEFAULT_TOP,
) -> PathsResult:
    """Paths after (``direction="forward"``) or before (``"backward"``) ``event``; see the
    module docstring for the definition."""
    _check(steps, session_minutes, top)
    nodes = user_nodes(
        engine,
        filters=filters,
        event=event,
        direction=direction,
        steps=steps,
        session_minutes=session_minutes,
        collapse=collapse,
    )
    labelled = _labelled(nodes, steps=steps, top=top)
    return PathsResult(
        direction=direction,
        event=event,
        steps=steps,
        session_minutes=session_minutes,
        collapse=collapse,
        top=top,
        users=len(nodes),
        transitions=_shape(labelled, steps=steps, direction=direction),
    )


def link_users(
    engine: Engine,
    *,
    filters: Filters,
    event: str,
    step: int,
    source: str,
    target: str,
    direction: Direction = "forward",
    steps: int = DEFAULT_STEPS,
    session_minutes: int = DEFAULT_SESSION_MINUTES,
    collapse: bool = True,
    top: int = DEFAULT_TOP,
) -> list[str]:
    """The users behind one transition of :func:`paths` (same arguments; ``source``/``target``
    are the row's ``from``/``to``), sorted: e.g. to save the users who left after a step as a
    cohort."""
    _check(steps, session_minutes, top)
    if not 1 <= step <= steps:
        return []
    nodes = user_nodes(
        engine,
        filters=filters,
        event=event,
        direction=direction,
        steps=steps,
        session_minutes=session_minutes,
        collapse=collapse,
    )
    frame = _labelled(nodes, steps=steps, top=top)
    prev, cur = (source, target) if direction == "forward" else (target, source)
    hit = (frame[f"label_{step - 1}"] == prev) & (frame[f"label_{step}"] == cur)
    return sorted(frame.loc[hit, "user_id"].astype(str))


def build_report(
    engine: Engine,
    *,
    filters: Filters,
    period: str = "day",
    start_event: str | None = None,
    end_event: str | None = None,
    steps: int = DEFAULT_STEPS,
    session_minutes: int = DEFAULT_SESSION_MINUTES,
    collapse: bool = True,
    top: int = DEFAULT_TOP,
) -> dict:
    """The paths numbers, JSON-ready (``opsdash report paths --json``): ``start_event`` (or
    ``end_event`` for the backward form; the other is null), ``direction``, ``steps``,
    ``session_minutes``, ``collapse``, ``top``, ``users`` (users with the anchor event) and
    ``transitions``: [{"step", "from", "to", "users", "share", "median_seconds"}], plus
    ``start`` and ``end`` (the range). ``period`` is ignored (a common report argument)."""
    if bool(start_event) == bool(end_event):
        raise UserError("give exactly one of --start-event and --end-event", code="paths_anchor")
    result = paths(
        engine,
        filters=filters,
        event=start_event or end_event,
        direction="forward" if start_event else "backward",
        steps=steps,
        session_minutes=session_minutes,
        collapse=collapse,
        top=top,
    )
    return {
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        **result.to_json(),
    }


__all__ = [
    "DEFAULT_SESSION_MINUTES",
    "DEFAULT_STEPS",
    "DEFAULT_TOP",
    "LEFT",
    "MAX_STEPS",
    "OTHER",
    "START",
    "PathsResult",
    "build_report",
    "link_users",
    "paths",
    "user_nodes",
]
